#include "storage/health_summary_query.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "storage/health_store.hpp"

namespace trae::health_summary {
namespace {

std::string_view sums_of(LogKind k) {
  switch (k) {
    case LogKind::food_log: return "sum(kcal), sum(protein_g), sum(fat_g), sum(carbs_g)";
    case LogKind::water: return "sum(ml)";
    case LogKind::steps: return "sum(count)";
    case LogKind::sleep: return "sum(minutes), coalesce(avg(quality), 0)";
    case LogKind::workout_log: return "count(*), sum(duration_minutes), sum(kcal_burned)";
    case LogKind::weights: return "avg(weight_kg)";
    default: throw Error(ErrorCode::internal, "no daily sums for this log");
  }
}

}  // namespace

std::vector<DaySums> sums_by_day(Connection &c, LogKind k, long long user, const std::string &from_day,
                                 const std::string &to_day) {
  std::string sql = "SELECT day, ";
  sql.append(sums_of(k)).append(" FROM ").append(health_store::table_name(k));
  sql.append(" WHERE user_id = ? AND day BETWEEN ? AND ? GROUP BY day ORDER BY day");
  auto st = c.prepare(sql);
  st->bind(1, static_cast<int64_t>(user));
  st->bind(2, from_day);
  st->bind(3, to_day);
  std::vector<DaySums> out;
  const int n = st->getColumnCount();
  while (st->executeStep()) {
    DaySums d{st->getColumn(0).getString(), {}};
    d.values.reserve(static_cast<std::size_t>(n - 1));
    for (int i = 1; i < n; ++i) d.values.push_back(st->getColumn(i).getDouble());
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<Mask> workout_muscles(Connection &c, long long user, const std::string &from_day,
                                  const std::string &to_day) {
  auto st = c.prepare("SELECT muscle_mask FROM workout_logs WHERE user_id = ? AND day BETWEEN ? AND ?");
  st->bind(1, static_cast<int64_t>(user));
  st->bind(2, from_day);
  st->bind(3, to_day);
  std::vector<Mask> out;
  while (st->executeStep()) out.push_back(static_cast<Mask>(st->getColumn(0).getInt64()));
  return out;
}

std::vector<std::string> logged_days(Connection &c, long long user) {
  // active_days is kept by triggers on every log table (migration 0011).
  auto st = c.prepare("SELECT day FROM active_days WHERE user_id = ? ORDER BY day");
  st->bind(1, static_cast<int64_t>(user));
  std::vector<std::string> out;
  while (st->executeStep()) out.push_back(st->getColumn(0).getString());
  return out;
}

DashboardData load_dashboard(Connection &c, long long user, const Profile &profile, long long today) {
  DashboardData d;
  const std::string day = date_of_day(today);
  const std::string monday = date_of_day(week_start(today));
  d.profile = profile;
  d.food_today = sums_by_day(c, LogKind::food_log, user, day, day);
  d.water_today = sums_by_day(c, LogKind::water, user, day, day);
  d.steps_today = sums_by_day(c, LogKind::steps, user, day, day);
  d.sleep_today = sums_by_day(c, LogKind::sleep, user, day, day);
  d.workouts_today = sums_by_day(c, LogKind::workout_log, user, day, day);
  d.weights = sums_by_day(c, LogKind::weights, user, date_of_day(today - kTrendDays - 6), day);
  d.latest_weight_kg = health_store::latest_weight(c, user);
  d.week_muscles = workout_muscles(c, user, monday, day);
  d.week_workouts = sums_by_day(c, LogKind::workout_log, user, monday, day);
  d.logged_days = logged_days(c, user);
  return d;
}

}  // namespace trae::health_summary
