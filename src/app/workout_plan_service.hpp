// Workouts for the signed-in user: catalog workouts ranked for their goal,
// level, equipment and recent training, and weekly splits built from
// exercises, saved, listed and deleted.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/account_service.hpp"
#include "core/clock.hpp"
#include "core/search.hpp"
#include "core/workout_planner.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"

namespace trae {

// The user's training in the 48 hours before `now` (muscles and times).
// A function so that tests can feed a history; serve reads the workout log.
using RecentTraining = std::function<std::vector<workoutplan::RecentSession>(long long user, long long now)>;
// Reads the sessions of the recovery window from the health workout log.
RecentTraining recent_training_from_log(Database &db);

struct WorkoutPlanInput {
  int days_per_week = 3;
  int minutes_per_session = 45;
  std::optional<std::string> goal;  // a workout goal, or lose/maintain/gain
  std::optional<std::vector<std::string>> equipment;
  std::optional<std::string> level;
};

class WorkoutPlanService {
 public:
  WorkoutPlanService(Database &db, AccountService &accounts, const Clock &clock, Logger &log,
                     RecentTraining recent)
      : db_(db), accounts_(accounts), clock_(clock), log_(log), recent_(std::move(recent)) {}

  nlohmann::json recommendations(long long user, int limit, std::optional<std::string> level);
  nlohmann::json generate(long long user, const WorkoutPlanInput &in);
  nlohmann::json list(long long user, const Paging &p);
  nlohmann::json get(long long user, long long id);
  void remove(long long user, long long id);

 private:
  Database &db_;
  AccountService &accounts_;
  const Clock &clock_;
  Logger &log_;
  RecentTraining recent_;
};

}  // namespace trae
