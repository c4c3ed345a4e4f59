#include "app/dashboard_service.hpp"

#include <cmath>

#include "core/calendar.hpp"
#include "core/health.hpp"
#include "storage/health_store.hpp"
#include "storage/profile_store.hpp"

namespace trae {
namespace {

using health_summary::DaySums;

// Column `col` of per-day sums as day values.
std::vector<DayValue> column(const std::vector<DaySums> &rows, std::size_t col) {
  std::vector<DayValue> out;
  for (const auto &r : rows) out.push_back({*day_number(r.day), r.values.at(col)});
  return out;
}

double first(const std::vector<DaySums> &today, std::size_t col) {
  return today.empty() ? 0 : today.front().values.at(col);
}

double r1(double v) { return std::round(v * 10) / 10; }
nlohmann::json r1(std::optional<double> v) { return v ? nlohmann::json(r1(*v)) : nlohmann::json(nullptr); }

nlohmann::json target(const std::optional<BodyReport> &t, double BodyReport::*kcal) {
  return t ? nlohmann::json(std::round((*t).*kcal)) : nlohmann::json(nullptr);
}
nlohmann::json macro(const std::optional<BodyReport> &t, double MacroSplit::*g) {
  return t ? nlohmann::json(std::round(t->macros.*g)) : nlohmann::json(nullptr);
}

// The weight block: the latest weight, its weekly change and the trend's
// points (up to 7 + 30 + 90 of them). Each point is built member by member
// and every value is moved into place: brace-initialised nlohmann values
// copy each nested temporary, and building this block that way was most of
// a dashboard request's allocations (see docs/performance.md).
nlohmann::json weight_json(const std::vector<DayValue> &points, const std::vector<double> &avg,
                           long long today, nlohmann::json latest_kg, std::optional<double> change) {
  nlohmann::json trend = nlohmann::json::object();
  for (int window : {7, 30, 90}) {
    nlohmann::json pts = nlohmann::json::array();
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (points[i].day <= today - window || points[i].day > today) continue;
      nlohmann::json point = nlohmann::json::object();
      point["date"] = date_of_day(points[i].day);
      point["kg"] = r1(points[i].value);
      point["avg"] = r1(avg[i]);
      pts.push_back(std::move(point));
    }
    trend[std::to_string(window)] = std::move(pts);
  }
  nlohmann::json out = nlohmann::json::object();
  out["latest_kg"] = std::move(latest_kg);
  out["weekly_change_kg"] =
      change ? nlohmann::json(std::round(*change * 100) / 100) : nlohmann::json(nullptr);
  out["trend"] = std::move(trend);
  return out;
}

// Today's local day in the user's zone.
long long today_for(TimeZones &zones, const Profile &p, long long now) {
  return local_day_number(now, zones.get(p.timezone).offset_at(now));
}

}  // namespace

nlohmann::json dashboard_json(const health_summary::DashboardData &d, long long today) {
  const std::string day = date_of_day(today);
  auto targets = targets_for(d.profile, d.latest_weight_kg, day);
  nlohmann::json j;
  j["date"] = day;
  j["timezone"] = d.profile.timezone;
  j["kcal"] = {{"eaten", std::round(first(d.food_today, 0))},
               {"target", target(targets, &BodyReport::target_kcal)},
               {"burned", std::round(first(d.workouts_today, 2))}};
  j["macros"] = {
      {"protein_g",
       {{"eaten", r1(first(d.food_today, 1))}, {"target", macro(targets, &MacroSplit::protein_g)}}},
      {"fat_g", {{"eaten", r1(first(d.food_today, 2))}, {"target", macro(targets, &MacroSplit::fat_g)}}},
      {"carbs_g", {{"eaten", r1(first(d.food_today, 3))}, {"target", macro(targets, &MacroSplit::carbs_g)}}}};
  auto weight = d.latest_weight_kg ? d.latest_weight_kg : d.profile.weight_kg;
  j["water"] = {{"ml", std::lround(first(d.water_today, 0))},
                {"goal_ml", water_goal_ml(d.profile.water_goal_ml, Profile{}.water_goal_ml, weight)}};
  j["steps"] = {{"count", std::lround(first(d.steps_today, 0))}, {"goal", d.profile.steps_goal}};
  j["sleep"] = d.sleep_today.empty()
                   ? nlohmann::json(nullptr)
                   : nlohmann::json({{"minutes", std::lround(first(d.sleep_today, 0))},
                                     {"quality", first(d.sleep_today, 1) > 0
                                                     ? nlohmann::json(std::lround(first(d.sleep_today, 1)))
                                                     : nlohmann::json(nullptr)}});
  // Weight: one point per day (the day's mean), with the 7-day moving average
  // computed over the days before each window too.
  auto points = column(d.weights, 0);
  auto avg = moving_average(points);
  j["weight"] = weight_json(points, avg, today, r1(weight), weekly_change(points));
  double sessions = 0, minutes = 0;
  for (const auto &w : d.week_workouts) sessions += w.values.at(0), minutes += w.values.at(1);
  nlohmann::json by_muscle = nlohmann::json::array();
  for (const auto &m : count_muscles(d.week_muscles))
    by_muscle.push_back({{"muscle", m.muscle}, {"count", m.count}});
  j["workouts"] = {{"week_start", date_of_day(week_start(today))},
                   {"sessions", std::lround(sessions)},
                   {"minutes", std::lround(minutes)},
                   {"by_muscle", by_muscle}};
  std::vector<long long> days;
  for (const auto &s : d.logged_days) days.push_back(*day_number(s));
  auto st = streaks(days, today);
  j["streaks"] = {{"current", st.current}, {"longest", st.longest}};
  return j;
}

nlohmann::json DashboardService::dashboard(long long user) {
  health_summary::DashboardData data;
  long long today = 0;
  db_.read([&](Connection &c) {
    Profile p = profile_store::load(c, user);
    today = today_for(zones_, p, clock_.now());
    data = health_summary::load_dashboard(c, user, p, today);
  });
  return dashboard_json(data, today);
}

nlohmann::json DashboardService::progress_summary(long long user, int days) {
  long long today = 0;
  std::vector<DaySums> weights, water, steps, sleep, workouts;
  db_.read([&](Connection &c) {
    today = today_for(zones_, profile_store::load(c, user), clock_.now());
    const std::string from = date_of_day(today - days + 1), to = date_of_day(today);
    using health_summary::sums_by_day;
    weights = sums_by_day(c, LogKind::weights, user, from, to);
    water = sums_by_day(c, LogKind::water, user, from, to);
    steps = sums_by_day(c, LogKind::steps, user, from, to);
    sleep = sums_by_day(c, LogKind::sleep, user, from, to);
    workouts = sums_by_day(c, LogKind::workout_log, user, from, to);
  });
  const long long from = today - days + 1;
  auto series = [&](const std::vector<DaySums> &rows, std::size_t col) {
    auto values = column(rows, col);
    return daily_series(values, from, today);
  };
  auto w = series(weights, 0), ml = series(water, 0), st = series(steps, 0), sl = series(sleep, 0),
       n = series(workouts, 0), kcal = series(workouts, 2);
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < w.size(); ++i)
    out.push_back({{"date", date_of_day(from + static_cast<long long>(i))},
                   {"weight_kg", r1(w[i])},
                   {"water_ml", std::lround(ml[i].value_or(0))},
                   {"steps", std::lround(st[i].value_or(0))},
                   {"sleep_minutes", std::lround(sl[i].value_or(0))},
                   {"kcal_burned", std::round(kcal[i].value_or(0))},
                   {"workouts", std::lround(n[i].value_or(0))}});
  return {{"days", out}};
}

nlohmann::json DashboardService::nutrition_summary(long long user, int days) {
  long long today = 0;
  std::vector<DaySums> food;
  std::optional<BodyReport> targets;
  db_.read([&](Connection &c) {
    Profile p = profile_store::load(c, user);
    today = today_for(zones_, p, clock_.now());
    food = health_summary::sums_by_day(c, LogKind::food_log, user, date_of_day(today - days + 1),
                                       date_of_day(today));
    targets = targets_for(p, health_store::latest_weight(c, user), date_of_day(today));
  });
  const long long from = today - days + 1;
  std::vector<std::vector<std::optional<double>>> cols;
  for (std::size_t col = 0; col < 4; ++col) {
    auto values = column(food, col);
    cols.push_back(daily_series(values, from, today));
  }
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < cols[0].size(); ++i)
    out.push_back({{"date", date_of_day(from + static_cast<long long>(i))},
                   {"kcal", std::round(cols[0][i].value_or(0))},
                   {"protein_g", r1(cols[1][i].value_or(0))},
                   {"fat_g", r1(cols[2][i].value_or(0))},
                   {"carbs_g", r1(cols[3][i].value_or(0))},
                   {"target_kcal", target(targets, &BodyReport::target_kcal)}});
  return {{"days", out}};
}

}  // namespace trae
