// Per-day aggregates of the health logs, for the dashboard and the chart
// series. Each query is one range scan on a table's (user_id, day, at) index.
#pragma once
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/health.hpp"
#include "core/profile.hpp"
#include "storage/database.hpp"

namespace trae::health_summary {

// One local day with the sums of a kind (see sums_by_day for the order).
struct DaySums {
  std::string day;
  std::vector<double> values;
};
// Per-day figures, oldest day first, for days in [from_day, to_day]:
//   food_log: kcal, protein_g, fat_g, carbs_g     water: ml
//   steps: count        sleep: minutes, mean quality (0 if none)
//   workout_log: sessions, minutes, kcal_burned   weights: mean kg
// Other kinds are not summed (Error internal).
std::vector<DaySums> sums_by_day(Connection &c, LogKind k, long long user, const std::string &from_day,
                                 const std::string &to_day);
// Muscle masks of the workouts logged on days in [from_day, to_day].
std::vector<Mask> workout_muscles(Connection &c, long long user, const std::string &from_day,
                                  const std::string &to_day);
// Every distinct local day on which the user logged anything, ascending.
std::vector<std::string> logged_days(Connection &c, long long user);

// Everything the dashboard reads, in one snapshot.
struct DashboardData {
  Profile profile;
  std::vector<DaySums> food_today, water_today, steps_today, sleep_today, workouts_today;
  std::vector<DaySums> weights;  // trend window plus the 6 days before it (moving average)
  std::optional<double> latest_weight_kg;
  std::vector<Mask> week_muscles;
  std::vector<DaySums> week_workouts;
  std::vector<std::string> logged_days;
};
constexpr int kTrendDays = 90;
// `profile` was read in the same snapshot; `today` is the user's local day number.
DashboardData load_dashboard(Connection &c, long long user, const Profile &profile, long long today);

}  // namespace trae::health_summary
