#include "core/workout_planner.hpp"

#include <algorithm>
#include <array>
#include <bit>

#include "core/error.hpp"

namespace trae::workoutplan {
namespace {

Mask muscles_of(std::initializer_list<std::string_view> names) {
  Mask m = 0;
  for (auto n : names) m |= muscle_bit(n);
  return m;
}

// Three disjoint groups: an exercise belongs to a group only if every muscle
// it loads (primary and secondary) is in it, so two days of different groups
// never load the same muscle.
struct Focus {
  std::string_view name;
  Mask muscles;
};
const std::array<Focus, 3> &split_groups() {
  static const std::array<Focus, 3> g{
      {{"push", muscles_of({"chest", "shoulders", "triceps", "abdominals"})},
       {"pull", muscles_of({"lats", "middle back", "biceps", "forearms", "traps", "neck"})},
       {"legs", muscles_of({"quadriceps", "hamstrings", "glutes", "calves", "abductors", "adductors",
                            "lower back"})}}};
  return g;
}

// Sets, reps (or seconds) and rest by goal, after the ACSM position stand
// on resistance training (2009): heavy and few for strength, moderate for
// hypertrophy, light and many with short rests for endurance and fat loss.
struct Prescription {
  int sets;
  std::optional<int> reps, duration_s;
  int rest_s;
};
Prescription prescription(std::string_view goal, std::string_view category) {
  if (category == "stretching" || goal == "mobility") return {2, std::nullopt, 30, 15};
  if (category == "cardio") return {1, std::nullopt, goal == "endurance" ? 900 : 600, 60};
  if (goal == "strength") return {5, 5, std::nullopt, 150};
  if (goal == "hypertrophy") return {4, 10, std::nullopt, 75};
  if (goal == "endurance") return {3, 15, std::nullopt, 45};
  return {3, 12, std::nullopt, 30};  // fat_loss: circuit-like
}

// How well a category serves a goal (higher first).
int category_fit(std::string_view goal, std::string_view category) {
  const bool lifting = category == "strength" || category == "powerlifting" ||
                       category == "olympic weightlifting" || category == "strongman";
  if (goal == "mobility") return category == "stretching" ? 2 : 0;
  if (goal == "fat_loss" || goal == "endurance")
    return category == "cardio" || category == "plyometrics" ? 2 : (lifting ? 1 : 0);
  if (goal == "strength") return category == "powerlifting" || category == "strength" ? 2 : (lifting ? 1 : 0);
  return category == "strength" ? 2 : (lifting ? 1 : 0);  // hypertrophy
}

WorkoutItem item_of(const PlannedExercise &p) {
  WorkoutItem i;
  i.sets = p.sets;
  i.reps = p.reps;
  i.duration_s = p.duration_s;
  i.rest_s = p.rest_s;
  i.met = p.exercise->met;
  i.muscles = p.exercise->muscles;
  i.equipment = p.exercise->equipment;
  return i;
}

WorkoutTotals totals_of(const std::vector<PlannedExercise> &list, double weight_kg) {
  std::vector<WorkoutItem> items;
  for (const auto &p : list) items.push_back(item_of(p));
  return workout_totals(items, weight_kg);
}

// Fills one day: repeatedly adds the exercise that loads most muscles of
// the focus not yet covered (then the best category for the goal, then the
// lowest id), while the session still fits the minutes.
SplitDay fill_day(std::span<const ExerciseOption> exercises, const SplitRequest &req, std::string_view focus,
                  Mask allowed_muscles, int weekday) {
  std::vector<const ExerciseOption *> pool;
  const int max_level = level_rank(req.level);
  for (const auto &e : exercises)
    if (e.muscles && (e.muscles & ~allowed_muscles) == 0 && (e.equipment & ~req.equipment) == 0 &&
        level_rank(e.level) >= 0 && level_rank(e.level) <= max_level)
      pool.push_back(&e);
  if (pool.empty())
    throw invalid("equipment", "no " + std::string(focus) +
                                   " exercise fits this equipment and level; add equipment or choose "
                                   "other days");
  SplitDay day;
  day.weekday = weekday;
  day.focus = std::string(focus);
  Mask covered = 0;
  std::vector<bool> used(pool.size(), false);
  for (;;) {
    int best = -1;
    std::array<int, 3> best_key{-1, -1, 0};
    for (std::size_t i = 0; i < pool.size(); ++i) {
      if (used[i]) continue;
      const auto *e = pool[i];
      std::array<int, 3> key{std::popcount(e->muscles & ~covered), category_fit(req.goal, e->category), 0};
      if (key[0] > best_key[0] || (key[0] == best_key[0] && key[1] > best_key[1])) {
        best_key = key;
        best = static_cast<int>(i);
      }
    }
    if (best < 0) break;
    const auto *e = pool[static_cast<std::size_t>(best)];
    used[static_cast<std::size_t>(best)] = true;
    Prescription rx = prescription(req.goal, e->category);
    PlannedExercise p{e, rx.sets, rx.reps, rx.duration_s, rx.rest_s};
    auto next = day.exercises;
    next.push_back(p);
    // The first exercise may drop sets (down to 2) to fit a short session.
    while (totals_of(next, req.weight_kg).total_minutes > req.minutes_per_session && next.size() == 1 &&
           next.back().sets > 2)
      --next.back().sets;
    if (totals_of(next, req.weight_kg).total_minutes > req.minutes_per_session) {
      if (day.exercises.empty())
        throw invalid("minutes_per_session",
                      "minutes_per_session is too short for even one exercise of this goal");
      continue;  // a shorter exercise may still fit
    }
    day.exercises = std::move(next);
    covered |= e->muscles;
  }
  auto t = totals_of(day.exercises, req.weight_kg);
  day.muscles = t.muscles;
  day.minutes = t.total_minutes;
  day.kcal = t.kcal;
  return day;
}

}  // namespace

Mask recently_trained(std::span<const RecentSession> history, long long now) {
  Mask m = 0;
  for (const auto &s : history)
    if (s.at <= now && now - s.at < kRecoverySeconds) m |= s.muscles;
  return m;
}

std::vector<std::string_view> goals_for(Goal g) {
  switch (g) {
    case Goal::lose: return {"fat_loss", "endurance"};
    case Goal::gain: return {"hypertrophy", "strength"};
    case Goal::maintain: break;
  }
  auto all = workout_goals();
  return {all.begin(), all.end()};
}

std::string_view level_for(std::optional<ActivityLevel> a) {
  if (!a || *a == ActivityLevel::sedentary || *a == ActivityLevel::light) return "beginner";
  if (*a == ActivityLevel::very_active) return "expert";
  return "intermediate";
}

int level_rank(std::string_view level) {
  auto all = levels();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i] == level) return static_cast<int>(i);
  return -1;
}

std::vector<Recommendation> rank_workouts(std::span<const WorkoutSummary> candidates, const Person &p,
                                          std::span<const RecentSession> history, int limit) {
  const Mask rested_out = recently_trained(history, p.now);
  const auto goals = goals_for(p.goal);
  const int my_level = level_rank(p.level);
  std::vector<Recommendation> out;
  for (const auto &w : candidates) {
    if (w.equipment & ~p.equipment) continue;
    if (w.muscles & rested_out) continue;
    const int level = level_rank(w.level);
    if (level < 0 || level > my_level) continue;
    auto g = std::find(goals.begin(), goals.end(), w.goal);
    if (g == goals.end()) continue;
    Recommendation r{w, 0, {}};
    if (p.goal == Goal::maintain) {
      r.score += 1;
      r.reasons.push_back(w.goal + " training suits a maintenance goal");
    } else {
      const bool first = g == goals.begin();
      r.score += first ? 3 : 2;
      r.reasons.push_back(w.goal + " training serves your goal to " + std::string(to_string(p.goal)) +
                          (p.goal == Goal::lose ? " weight" : " muscle"));
    }
    if (level == my_level) {
      r.score += 2;
      r.reasons.push_back("at your level (" + p.level + ")");
    } else {
      r.score += 1;
      r.reasons.push_back("a " + w.level + " session: an easier day at your level");
    }
    if (w.equipment) {
      r.score += 0.5;
      auto names = equipment_list(w.equipment);
      std::string list;
      for (const auto &n : names) list.append(list.empty() ? "" : ", ").append(n);
      r.reasons.push_back("uses equipment you have: " + list);
    } else {
      r.reasons.push_back("needs no equipment");
    }
    if (w.total_minutes >= 20 && w.total_minutes <= 60) {
      r.score += 0.5;
      r.reasons.push_back("fits in " + std::to_string(w.total_minutes) + " minutes");
    }
    if (rested_out) {
      std::string list;
      for (const auto &n : muscle_list(rested_out)) list.append(list.empty() ? "" : ", ").append(n);
      r.reasons.push_back("rests " + list + ", trained in the last 48 hours");
    }
    out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const Recommendation &a, const Recommendation &b) {
    if (a.score != b.score) return a.score > b.score;
    return a.workout.id < b.workout.id;
  });
  if (static_cast<int>(out.size()) > limit) out.resize(static_cast<std::size_t>(limit));
  return out;
}

std::vector<int> training_weekdays(int days_per_week) {
  switch (days_per_week) {
    case 2: return {1, 4};
    case 3: return {1, 3, 5};
    case 4: return {1, 2, 4, 5};
    case 5: return {1, 2, 3, 5, 6};
    case 6: return {1, 2, 3, 4, 5, 6};
  }
  throw invalid("days_per_week", "days_per_week must be from 2 to 6");
}

WeeklySplit plan_split(std::span<const ExerciseOption> exercises, const SplitRequest &req) {
  auto weekdays = training_weekdays(req.days_per_week);
  if (req.minutes_per_session < kMinSessionMinutes || req.minutes_per_session > kMaxSessionMinutes)
    throw invalid("minutes_per_session", "minutes_per_session must be from 15 to 180");
  if (level_rank(req.level) < 0) throw invalid("level", "level must be " + describe_choices(levels()));
  const auto &groups = split_groups();
  const Mask everything = groups[0].muscles | groups[1].muscles | groups[2].muscles;
  WeeklySplit out;
  std::size_t turn = 0;
  for (std::size_t i = 0; i < weekdays.size(); ++i) {
    const int d = weekdays[i];
    const bool prev = i > 0 && weekdays[i - 1] == d - 1;
    const bool next = i + 1 < weekdays.size() && weekdays[i + 1] == d + 1;
    if (!prev && !next) {
      out.days.push_back(fill_day(exercises, req, "full_body", everything, d));
    } else {
      const auto &g = groups[turn++ % groups.size()];
      out.days.push_back(fill_day(exercises, req, g.name, g.muscles, d));
    }
  }
  return out;
}

}  // namespace trae::workoutplan
