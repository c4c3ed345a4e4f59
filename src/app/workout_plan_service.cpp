#include "app/workout_plan_service.hpp"

#include "app/catalog_service.hpp"
#include "app/plan_views.hpp"
#include "app/views.hpp"
#include "core/error.hpp"
#include "storage/catalog_query.hpp"
#include "storage/health_store.hpp"
#include "storage/plan_candidates.hpp"
#include "storage/plan_store.hpp"

namespace trae {
namespace {

Mask equipment_mask(const std::vector<std::string> &names) {
  Mask m = 0;
  for (const auto &n : names) m |= equipment_bit(n);
  return m;
}

// A body goal (lose/maintain/gain) becomes the workout goal it is served by first.
std::string workout_goal(const std::optional<std::string> &asked, std::optional<Goal> profile_goal) {
  if (asked && is_one_of(workout_goals(), *asked)) return *asked;
  std::optional<Goal> g = asked ? parse_goal(*asked) : profile_goal;
  if (g == Goal::lose) return "fat_loss";
  if (g == Goal::gain) return "hypertrophy";
  return "strength";  // maintain, or nothing known: keep strength
}

nlohmann::json split_json(const workoutplan::WeeklySplit &split) {
  static constexpr std::array<std::string_view, 7> kDays{"monday", "tuesday",  "wednesday", "thursday",
                                                         "friday", "saturday", "sunday"};
  nlohmann::json days = nlohmann::json::array();
  for (const auto &d : split.days) {
    nlohmann::json ex = nlohmann::json::array();
    for (const auto &p : d.exercises)
      ex.push_back(
          {{"exercise_id", p.exercise->id},
           {"name", p.exercise->name},
           {"category", p.exercise->category},
           {"sets", p.sets},
           {"reps", p.reps ? nlohmann::json(*p.reps) : nlohmann::json(nullptr)},
           {"duration_seconds", p.duration_s ? nlohmann::json(*p.duration_s) : nlohmann::json(nullptr)},
           {"rest_seconds", p.rest_s},
           {"muscles", muscle_list(p.exercise->muscles)},
           {"equipment",
            p.exercise->equipment ? equipment_list(p.exercise->equipment) : std::vector<std::string>{}}});
    days.push_back({{"weekday", d.weekday},
                    {"day", kDays[static_cast<std::size_t>(d.weekday - 1)]},
                    {"focus", d.focus},
                    {"muscles", muscle_list(d.muscles)},
                    {"total_minutes", d.minutes},
                    {"estimated_kcal", round_to(d.kcal, 0)},
                    {"exercises", ex}});
  }
  return days;
}

}  // namespace

RecentTraining recent_training_from_log(Database &db) {
  return [&db](long long user, long long now) {
    std::vector<workoutplan::RecentSession> out;
    db.read([&](Connection &c) {
      out = health_store::workout_sessions_since(c, user, now - workoutplan::kRecoverySeconds);
    });
    return out;
  };
}

nlohmann::json WorkoutPlanService::recommendations(long long user, int limit,
                                                   std::optional<std::string> level) {
  const Profile profile = accounts_.profile(user);
  workoutplan::Person person;
  person.goal = profile.goal.value_or(Goal::maintain);
  person.level = level ? *level : std::string(workoutplan::level_for(profile.activity_level));
  person.equipment = equipment_mask(profile.equipment);
  person.now = clock_.now();
  const auto history = recent_(user, person.now);
  // Candidates straight from the indexed catalog search: per fitting goal
  // and level, the first workouts of a usual length (20-60 minutes) that
  // the equipment allows. Ranking happens in core.
  std::vector<WorkoutSummary> candidates;
  db_.read([&](Connection &c) {
    for (auto goal : workoutplan::goals_for(person.goal))
      for (auto lvl : levels()) {
        if (workoutplan::level_rank(lvl) > workoutplan::level_rank(person.level)) continue;
        catalog_query::WorkoutFilter f;
        f.goal = std::string(goal);
        f.level = std::string(lvl);
        f.equipment_allowed = person.equipment;
        f.min_minutes = 20;
        f.max_minutes = 60;
        Paging p;
        p.limit = kMaxLimit;
        auto r = catalog_query::search_workouts(c, f, p);
        candidates.insert(candidates.end(), r.items.begin(), r.items.end());
      }
  });
  auto ranked = workoutplan::rank_workouts(candidates, person, history, limit);
  nlohmann::json items = nlohmann::json::array();
  for (const auto &r : ranked) {
    nlohmann::json j = workout_item_json(r.workout);
    j["score"] = r.score;
    j["reasons"] = r.reasons;
    items.push_back(std::move(j));
  }
  return {{"items", items},
          {"level", person.level},
          {"goal", to_string(person.goal)},
          {"equipment", equipment_list(person.equipment)},
          {"resting_muscles", muscle_list(workoutplan::recently_trained(history, person.now))}};
}

nlohmann::json WorkoutPlanService::generate(long long user, const WorkoutPlanInput &in) {
  const Profile profile = accounts_.profile(user);
  workoutplan::SplitRequest req;
  req.days_per_week = in.days_per_week;
  req.minutes_per_session = in.minutes_per_session;
  req.goal = workout_goal(in.goal, profile.goal);
  req.level = in.level ? *in.level : std::string(workoutplan::level_for(profile.activity_level));
  req.equipment = equipment_mask(in.equipment ? *in.equipment : profile.equipment);
  req.weight_kg = profile.weight_kg.value_or(70);
  std::vector<workoutplan::ExerciseOption> exercises;
  db_.read([&](Connection &c) { exercises = plan_candidates::exercises_up_to(c, req.level); });
  auto split = workoutplan::plan_split(exercises, req);
  const long long now = clock_.now();
  nlohmann::json request = {{"days_per_week", req.days_per_week},
                            {"minutes_per_session", req.minutes_per_session},
                            {"goal", req.goal},
                            {"level", req.level},
                            {"equipment", equipment_list(req.equipment)},
                            {"weight_kg", req.weight_kg}};
  nlohmann::json plan = request;
  plan["days"] = split_json(split);
  plan_store::Saved saved{0, now, request, plan};
  db_.write([&](Connection &c) {
    plan_store::Header h{user, req.days_per_week, req.minutes_per_session, 0, req.goal};
    saved.id = plan_store::insert(c, plan_store::Kind::workout, h, request, plan, now);
  });
  return saved_plan_json(saved);
}

nlohmann::json WorkoutPlanService::list(long long user, const Paging &p) {
  static const std::vector<std::string> kShown = {"days_per_week", "minutes_per_session", "goal", "level"};
  catalog_query::Result<plan_store::Outline> r;
  db_.read([&](Connection &c) { r = plan_store::list(c, plan_store::Kind::workout, user, p, kShown); });
  nlohmann::json items = nlohmann::json::array();
  for (auto &s : r.items) {
    nlohmann::json item = nlohmann::json::object();
    item["id"] = s.id;
    item["created_at"] = iso_utc(s.created_at);
    for (const auto &member : kShown) item[member] = std::move(s.plan[member]);
    items.push_back(std::move(item));
  }
  return envelope(r, p, std::move(items));
}

nlohmann::json WorkoutPlanService::get(long long user, long long id) {
  std::optional<plan_store::Saved> s;
  db_.read([&](Connection &c) { s = plan_store::get(c, plan_store::Kind::workout, user, id); });
  if (!s) throw not_found("workout plan");
  return saved_plan_json(*s);
}

void WorkoutPlanService::remove(long long user, long long id) {
  bool gone = false;
  db_.write([&](Connection &c) { gone = plan_store::remove(c, plan_store::Kind::workout, user, id); });
  if (!gone) throw not_found("workout plan");
}

}  // namespace trae
