#include "core/health.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "core/calendar.hpp"
#include "core/error.hpp"

namespace trae {
namespace {

constexpr std::array<LogKindInfo, 8> kKinds{{
    {LogKind::weights, "weights", "measured_at"},
    {LogKind::measurements, "measurements", "measured_at"},
    {LogKind::water, "water", "logged_at"},
    {LogKind::sleep, "sleep", "end"},
    {LogKind::steps, "steps", "date"},
    {LogKind::heart_rate, "heart-rate", "measured_at"},
    {LogKind::food_log, "food-log", "logged_at"},
    {LogKind::workout_log, "workout-log", "performed_at"},
}};

std::string plain(double v) {
  std::ostringstream o;
  o << v;
  return o.str();
}

}  // namespace

std::span<const LogKindInfo> log_kinds() { return kKinds; }

const LogKindInfo &info(LogKind k) { return kKinds[static_cast<std::size_t>(k)]; }

void check_range(const std::string &field, double v, double lo, double hi, std::string_view unit) {
  if (!std::isfinite(v) || v < lo || v > hi) {
    std::string msg = field;
    msg.append(" must be from ").append(plain(lo)).append(" to ").append(plain(hi));
    if (!unit.empty()) msg.append(" ").append(unit);
    throw invalid(field, msg);
  }
}

void check_not_future(const std::string &field, long long at, long long now) {
  if (at > now + kMaxFutureSeconds)
    throw invalid(field, field + " must not be more than a day in the future");
}

double kcal_burned(double met, double weight_kg, double minutes) {
  return met * 3.5 * weight_kg / 200.0 * minutes;
}

double met_of_workout(double kcal_70kg, int total_minutes) {
  if (total_minutes <= 0 || kcal_70kg <= 0) return default_met("strength");
  return kcal_70kg * 200.0 / (3.5 * 70.0 * total_minutes);
}

double met_of_sets(std::span<const LoggedSet> sets) {
  double weighted = 0;
  int total = 0;
  for (const auto &s : sets) {
    weighted += s.met * s.sets;
    total += s.sets;
  }
  return total > 0 ? weighted / total : default_met("strength");
}

int water_goal_ml(int profile_goal_ml, int stock_default_ml, std::optional<double> weight_kg) {
  if (profile_goal_ml != stock_default_ml || !weight_kg) return profile_goal_ml;
  return static_cast<int>(std::lround(*weight_kg * kWaterMlPerKg / 50.0) * 50);
}

std::vector<double> moving_average(std::span<const DayValue> points, int window_days) {
  std::vector<double> out;
  out.reserve(points.size());
  std::size_t lo = 0;
  double sum = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    sum += points[i].value;
    while (lo < i && points[i].day - points[lo].day >= window_days) sum -= points[lo++].value;
    out.push_back(sum / static_cast<double>(i - lo + 1));
  }
  return out;
}

std::optional<double> weekly_change(std::span<const DayValue> points) {
  if (points.size() < 2) return std::nullopt;
  auto avg = moving_average(points);
  const long long last = points.back().day;
  for (std::size_t i = points.size() - 1; i-- > 0;)
    if (last - points[i].day >= 7) return avg.back() - avg[i];
  return std::nullopt;
}

Streaks streaks(std::span<const long long> days, long long today) {
  Streaks s;
  int run = 0;
  for (std::size_t i = 0; i < days.size(); ++i) {
    run = (i > 0 && days[i] == days[i - 1] + 1) ? run + 1 : 1;
    s.longest = std::max(s.longest, run);
  }
  if (!days.empty() && (days.back() == today || days.back() == today - 1)) s.current = run;
  // Entries dated tomorrow (allowed up to a day ahead) do not extend today's streak.
  if (!days.empty() && days.back() > today) {
    int r = 0;
    long long expect = 0;
    for (std::size_t i = days.size(); i-- > 0;) {
      if (days[i] > today) continue;
      if (r == 0) {
        if (days[i] < today - 1) break;
        r = 1;
      } else if (days[i] == expect) {
        ++r;
      } else {
        break;
      }
      expect = days[i] - 1;
    }
    s.current = r;
  }
  return s;
}

long long week_start(long long day) { return day - weekday(day); }

std::vector<MuscleCount> count_muscles(std::span<const Mask> session_masks) {
  std::map<std::string, int> counts;
  for (Mask m : session_masks)
    for (const auto &name : muscle_list(m)) ++counts[name];
  std::vector<MuscleCount> out;
  for (auto &[name, n] : counts) out.push_back({name, n});
  std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.count > b.count; });
  return out;
}

std::vector<std::optional<double>> daily_series(std::span<const DayValue> values, long long from,
                                                long long to) {
  std::vector<std::optional<double>> out(static_cast<std::size_t>(std::max(0LL, to - from + 1)));
  for (const auto &v : values)
    if (v.day >= from && v.day <= to) out[static_cast<std::size_t>(v.day - from)] = v.value;
  return out;
}

std::optional<BodyReport> targets_for(const Profile &p, std::optional<double> weight_kg,
                                      const std::string &today) {
  auto weight = weight_kg ? weight_kg : p.weight_kg;
  if (!p.sex || !p.birth_date || !p.height_cm || !weight || !p.activity_level || !p.goal) return std::nullopt;
  BodyInput in;
  in.sex = *p.sex;
  in.age = age_on(*p.birth_date, today);
  in.height_cm = *p.height_cm;
  in.weight_kg = *weight;
  in.activity = *p.activity_level;
  in.goal = *p.goal;
  try {
    return calculate(in);
  } catch (const Error &) {
    return std::nullopt;  // e.g. an age outside the calculator's range
  }
}

}  // namespace trae
