// Workouts for a person: ranking catalog workouts with the reasons behind each
// pick, and building a weekly split from exercises. Pure; the caller passes
// in the catalog rows and the recent training history. docs/mealplan.md
// ("Workouts") states the rules.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"
#include "core/enums.hpp"

namespace trae::workoutplan {

// One logged session: when it happened and which muscles it loaded.
struct RecentSession {
  long long at = 0;  // Unix seconds
  Mask muscles = 0;
};
constexpr long long kRecoverySeconds = 48 * 3600;
// Muscles loaded by sessions in the 48 hours before `now`.
Mask recently_trained(std::span<const RecentSession> history, long long now);

// The workout goals that serve a body goal: lose -> fat_loss, endurance;
// gain -> hypertrophy, strength; maintain -> every goal, none preferred.
std::vector<std::string_view> goals_for(Goal g);
// The level of someone who has not said: from how active they are.
std::string_view level_for(std::optional<ActivityLevel> a);
int level_rank(std::string_view level);  // beginner 0, intermediate 1, expert 2; -1 unknown

struct Person {
  Goal goal = Goal::maintain;
  std::string level = "beginner";
  Mask equipment = 0;  // what they have; bodyweight needs nothing
  long long now = 0;
};

struct Recommendation {
  WorkoutSummary workout;
  double score = 0;
  std::vector<std::string> reasons;
};

// Drops workouts that need missing equipment, are above the person's level
// or load a muscle trained in the last 48 hours; ranks the rest by goal,
// level, equipment use and length (ties by id) and keeps the first `limit`.
std::vector<Recommendation> rank_workouts(std::span<const WorkoutSummary> candidates, const Person &p,
                                          std::span<const RecentSession> history, int limit);

// Weekly split.
struct ExerciseOption {
  long long id = 0;
  std::string name, category, level;
  Mask muscles = 0;    // primary and secondary
  Mask equipment = 0;  // 0: body only
  double met = 0;
};

struct SplitRequest {
  int days_per_week = 3;  // 2..6
  int minutes_per_session = 45;
  std::string goal = "hypertrophy";  // a workout goal
  std::string level = "beginner";
  Mask equipment = 0;
  double weight_kg = 70;
};
constexpr int kMinDaysPerWeek = 2, kMaxDaysPerWeek = 6;
constexpr int kMinSessionMinutes = 15, kMaxSessionMinutes = 180;

struct PlannedExercise {
  const ExerciseOption *exercise = nullptr;
  int sets = 0;
  std::optional<int> reps, duration_s;
  int rest_s = 0;
};
struct SplitDay {
  int weekday = 1;    // 1 = Monday ... 7 = Sunday
  std::string focus;  // push, pull, legs or full_body
  Mask muscles = 0;   // everything the day loads
  std::vector<PlannedExercise> exercises;
  int minutes = 0;
  double kcal = 0;
};
struct WeeklySplit {
  std::vector<SplitDay> days;
};

// Training days spread over the week (Sunday always rests); a day with a
// training day next to it takes push, pull or legs in turn, which load
// disjoint muscles, and a day alone takes the whole body. Each day adds
// exercises that cover its muscles best while the session fits the minutes.
// Throws Error{invalid} when the equipment or minutes leave a day empty.
WeeklySplit plan_split(std::span<const ExerciseOption> exercises, const SplitRequest &req);

// Which weekdays train, for 2..6 days a week.
std::vector<int> training_weekdays(int days_per_week);

}  // namespace trae::workoutplan
