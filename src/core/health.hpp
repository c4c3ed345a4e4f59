// Health logs: the kinds of log, their human ranges, and the arithmetic
// behind the dashboard (daily series, moving average, weekly change,
// streaks, muscle counts, kcal burned). Pure; docs/health.md states the rules.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/calculator.hpp"
#include "core/catalog.hpp"
#include "core/profile.hpp"

namespace trae {

enum class LogKind { weights, measurements, water, sleep, steps, heart_rate, food_log, workout_log };

struct LogKindInfo {
  LogKind kind;
  std::string_view path;        // URL segment under /api/v1/health/
  std::string_view time_field;  // the JSON field holding the entry's time
};
std::span<const LogKindInfo> log_kinds();
const LogKindInfo &info(LogKind k);

// Human ranges; values outside are refused with 422 naming the field.
constexpr double kMinWeightKg = 20, kMaxWeightKg = 400;
constexpr int kMinHeartRate = 25, kMaxHeartRate = 250;
constexpr int kMaxSleepMinutesPerDay = 24 * 60;
constexpr int kMaxSteps = 200000;
constexpr long long kMaxFutureSeconds = 86400;  // no entry more than a day ahead
constexpr double kDefaultWeightKg = 70;         // for kcal burned when no weight is known
constexpr double kWaterMlPerKg = 35;

// Throws Error{invalid, field} when v is outside [lo, hi].
void check_range(const std::string &field, double v, double lo, double hi, std::string_view unit);
// Throws Error{invalid, field} when `at` lies more than a day after `now`.
void check_not_future(const std::string &field, long long at, long long now);

// kcal = MET x 3.5 x kg / 200 per minute (the Compendium's formula, as in core/catalog).
double kcal_burned(double met, double weight_kg, double minutes);
// The MET a catalog workout implies: its kcal for 70 kg spread over its minutes.
double met_of_workout(double kcal_70kg, int total_minutes);
struct LoggedSet {
  double met = 0;
  int sets = 0;
};
// Mean MET of free exercises weighted by sets; default_met("strength") if none are known.
double met_of_sets(std::span<const LoggedSet> sets);

// Water goal: what the user set, unless it is still the stock default, in
// which case 35 ml per kg of body weight (rounded to 50 ml) once a weight is known.
int water_goal_ml(int profile_goal_ml, int stock_default_ml, std::optional<double> weight_kg);

// One value on one local day (day number, see core/calendar.hpp).
struct DayValue {
  long long day = 0;
  double value = 0;
};
// Trailing moving average over a calendar window: the mean of all points whose
// day lies within the `window_days` days ending on the point's day. Gaps
// shrink the sample rather than stretch the window. Input sorted by day.
std::vector<double> moving_average(std::span<const DayValue> points, int window_days = 7);
// Change of the 7-day moving average over the last week: the average at the
// last point minus the average at the last point at least 7 days earlier.
// nullopt without such a pair.
std::optional<double> weekly_change(std::span<const DayValue> points);

struct Streaks {
  int current = 0, longest = 0;
};
// Runs of consecutive days. The current streak ends today, or yesterday when
// nothing is logged today yet (the day is not over). Input: sorted, distinct.
Streaks streaks(std::span<const long long> days, long long today);

// Monday of the week holding `day`.
long long week_start(long long day);

// Sessions per muscle, most trained first (ties by name).
struct MuscleCount {
  std::string muscle;
  int count = 0;
};
std::vector<MuscleCount> count_muscles(std::span<const Mask> session_masks);

// Places per-day values on every day of [from, to]; days without a value are nullopt.
std::vector<std::optional<double>> daily_series(std::span<const DayValue> values, long long from,
                                                long long to);

// The calculator's report for the profile (its weight replaced by `weight_kg`
// when known); nullopt while the profile lacks sex, birth date, height,
// weight, activity level or goal. `today` is "YYYY-MM-DD".
std::optional<BodyReport> targets_for(const Profile &p, std::optional<double> weight_kg,
                                      const std::string &today);

}  // namespace trae
