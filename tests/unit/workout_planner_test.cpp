// Workout rules: recommendations follow goal, level, equipment and recent
// training (fed histories); weekly splits never load a muscle group on
// consecutive days and respect equipment and minutes.
#include "core/workout_planner.hpp"

#include <doctest/doctest.h>

#include "../support/temp_db.hpp"
#include "app/importers.hpp"
#include "core/error.hpp"
#include "storage/plan_candidates.hpp"

using namespace trae;
using namespace trae::workoutplan;

namespace {

constexpr long long kNow = 1795669693;

WorkoutSummary workout(long long id, std::string goal, std::string level,
                       std::vector<std::string_view> muscles, Mask equipment = 0, int minutes = 40) {
  WorkoutSummary w;
  w.id = id;
  w.name = std::string("w").append(std::to_string(id));
  w.goal = std::move(goal);
  w.level = std::move(level);
  for (auto m : muscles) w.muscles |= muscle_bit(m);
  w.equipment = equipment;
  w.total_minutes = minutes;
  return w;
}

std::vector<long long> ids(const std::vector<Recommendation> &r) {
  std::vector<long long> out;
  for (const auto &x : r) out.push_back(x.workout.id);
  return out;
}

}  // namespace

TEST_CASE("recently trained muscles are those of the last 48 hours") {
  std::vector<RecentSession> h{{kNow - 47 * 3600, muscle_bit("chest")},
                               {kNow - 49 * 3600, muscle_bit("quadriceps")},
                               {kNow + 3600, muscle_bit("biceps")}};  // in the future: ignored
  CHECK(recently_trained(h, kNow) == muscle_bit("chest"));
  CHECK(recently_trained({}, kNow) == 0);
}

TEST_CASE("goal mapping and levels") {
  auto lose = goals_for(Goal::lose);
  CHECK(lose == std::vector<std::string_view>{"fat_loss", "endurance"});
  auto gain = goals_for(Goal::gain);
  CHECK(gain == std::vector<std::string_view>{"hypertrophy", "strength"});
  CHECK(goals_for(Goal::maintain).size() == workout_goals().size());
  CHECK(level_for(std::nullopt) == "beginner");
  CHECK(level_for(ActivityLevel::moderate) == "intermediate");
  CHECK(level_for(ActivityLevel::very_active) == "expert");
  CHECK(level_rank("expert") > level_rank("beginner"));
  CHECK(level_rank("guru") == -1);
}

TEST_CASE("recommendations follow goal, level, equipment and recovery, with reasons") {
  const Mask dumbbell = equipment_bit("dumbbell"), barbell = equipment_bit("barbell");
  std::vector<WorkoutSummary> all{
      workout(1, "fat_loss", "intermediate", {"quadriceps", "glutes"}),
      workout(2, "endurance", "intermediate", {"chest", "triceps"}, dumbbell),
      workout(3, "hypertrophy", "intermediate", {"biceps"}, dumbbell),  // wrong goal for losing
      workout(4, "fat_loss", "expert", {"hamstrings"}),                 // above the level
      workout(5, "fat_loss", "beginner", {"lats"}, barbell),            // missing equipment
      workout(6, "fat_loss", "beginner", {"abdominals"}),               // easier day
      workout(7, "endurance", "intermediate", {"calves"}, 0, 90),       // long
      workout(8, "fat_loss", "intermediate", {"chest", "shoulders"}, dumbbell),
  };
  Person p;
  p.goal = Goal::lose;
  p.level = "intermediate";
  p.equipment = dumbbell;
  p.now = kNow;

  auto r = rank_workouts(all, p, {}, 10);
  CHECK(ids(r) == std::vector<long long>{8, 1, 2, 6, 7});
  for (const auto &x : r) {
    CHECK((x.workout.goal == "fat_loss" || x.workout.goal == "endurance"));
    CHECK(x.reasons.size() >= 3);
  }
  CHECK(r[0].reasons[0].find("lose") != std::string::npos);
  CHECK(r[0].reasons[2].find("dumbbell") != std::string::npos);

  SUBCASE("muscles trained in the last 48 hours are left out") {
    std::vector<RecentSession> h{{kNow - 20 * 3600, muscle_bit("chest")}};
    auto rested = rank_workouts(all, p, h, 10);
    CHECK(ids(rested) == std::vector<long long>{1, 6, 7});
    CHECK(rested[0].reasons.back().find("chest") != std::string::npos);
    // Three days later, chest is back.
    p.now = kNow + 3 * 86400;
    CHECK(ids(rank_workouts(all, p, h, 10)).size() == 5);
  }
  SUBCASE("limit") { CHECK(ids(rank_workouts(all, p, {}, 2)) == std::vector<long long>{8, 1}); }
  SUBCASE("maintain takes any goal") {
    p.goal = Goal::maintain;
    p.equipment = dumbbell | barbell;
    auto m = rank_workouts(all, p, {}, 10);
    CHECK(m.size() == 7);  // all but the expert one
  }
}

TEST_CASE("weekdays spread the training over the week") {
  CHECK(training_weekdays(2) == std::vector<int>{1, 4});
  CHECK(training_weekdays(3) == std::vector<int>{1, 3, 5});
  CHECK(training_weekdays(6).size() == 6);
  CHECK_THROWS_AS(training_weekdays(1), Error);
  CHECK_THROWS_AS(training_weekdays(7), Error);
}

TEST_CASE("weekly splits from the starter set: no muscle on consecutive days, equipment and minutes kept") {
  testing::TempDb t;
  ManualClock clock{kNow};
  load_starter_set(*t.db, embedded_seed_files(), clock, nullptr);
  const std::vector<std::vector<std::string_view>> kits{
      {}, {"dumbbell"}, {"dumbbell", "barbell", "cable", "machine"}, {"bands", "kettlebells"}};
  int plans = 0;
  for (auto level : levels()) {
    std::vector<ExerciseOption> ex;
    t.db->read([&](Connection &c) { ex = plan_candidates::exercises_up_to(c, std::string(level)); });
    REQUIRE(!ex.empty());
    for (auto goal : workout_goals())
      for (const auto &kit : kits)
        for (int days = 2; days <= 6; ++days)
          for (int minutes : {20, 45, 90}) {
            SplitRequest req;
            req.days_per_week = days;
            req.minutes_per_session = minutes;
            req.goal = std::string(goal);
            req.level = std::string(level);
            for (auto e : kit) req.equipment |= equipment_bit(e);
            WeeklySplit split;
            try {
              split = plan_split(ex, req);
            } catch (const Error &e) {
              CHECK(e.code == ErrorCode::invalid);
              continue;
            }
            ++plans;
            REQUIRE(split.days.size() == static_cast<std::size_t>(days));
            for (std::size_t i = 0; i < split.days.size(); ++i) {
              const auto &d = split.days[i];
              CHECK(!d.exercises.empty());
              CHECK(d.minutes <= minutes);
              for (const auto &p : d.exercises) {
                CHECK((p.exercise->equipment & ~req.equipment) == 0);
                CHECK(level_rank(p.exercise->level) <= level_rank(req.level));
              }
              if (i > 0 && split.days[i - 1].weekday + 1 == d.weekday)
                CHECK((split.days[i - 1].muscles & d.muscles) == 0);
              const bool alone = (i == 0 || split.days[i - 1].weekday + 1 != d.weekday) &&
                                 (i + 1 == split.days.size() || split.days[i + 1].weekday != d.weekday + 1);
              CHECK((d.focus == "full_body") == alone);
            }
          }
  }
  CHECK(plans > 400);
}

TEST_CASE("a split refuses minutes too short or equipment that leaves a day empty") {
  std::vector<ExerciseOption> ex{
      {1, "bench", "strength", "beginner", muscle_bit("chest"), equipment_bit("barbell"), 5},
      {2, "row", "strength", "beginner", muscle_bit("lats"), 0, 5},
      {3, "squat", "strength", "beginner", muscle_bit("quadriceps"), 0, 5}};
  SplitRequest req;
  req.days_per_week = 4;
  req.minutes_per_session = 45;
  try {
    plan_split(ex, req);
    FAIL("expected a refusal");
  } catch (const Error &e) {
    CHECK(e.field == "equipment");
    CHECK(e.message().find("push") != std::string::npos);
  }
  req.equipment = equipment_bit("barbell");
  CHECK(plan_split(ex, req).days.size() == 4);
  req.minutes_per_session = 10;
  CHECK_THROWS_AS(plan_split(ex, req), Error);
  req.minutes_per_session = 15;
  req.goal = "strength";  // 2 sets of 5 with 150 s rest still fits 15 minutes
  CHECK(plan_split(ex, req).days.size() == 4);
}
