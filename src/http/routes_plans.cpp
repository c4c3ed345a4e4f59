// Meal plans and workout plans: /api/v1/actions/generate-meal-plan,
// /api/v1/meal-plans, /api/v1/actions/workout-recommendations,
// /api/v1/actions/generate-workout-plan and /api/v1/workout-plans.
#include <algorithm>
#include <cmath>

#include "core/catalog.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/meal_planner.hpp"
#include "core/workout_planner.hpp"
#include "http/api.hpp"
#include "http/json_body.hpp"
#include "http/query_params.hpp"

namespace trae {
namespace {

// Unknown fields are named before anything else is checked, so that a body
// like {"invalid": "data"} is told about "invalid", not about a missing field.
void reject_unknown(const nlohmann::json &body, std::initializer_list<std::string_view> known) {
  for (const auto &[k, v] : body.items()) {
    (void)v;
    if (std::find(known.begin(), known.end(), k) == known.end())
      throw invalid(k, "unknown field '" + k + "'");
  }
}

int int_in(FieldReader &f, const std::string &name, long long lo, long long hi) {
  long long v = f.required_int(name);
  if (v < lo || v > hi)
    throw invalid(f.field_name(name),
                  f.field_name(name) + " must be from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<int>(v);
}

MacroPercents macro_percents(const nlohmann::json &obj) {
  FieldReader m(obj, "macros.");
  MacroPercents p;
  auto pct = [&](const std::string &name) {
    double v = m.required_number(name);
    if (!std::isfinite(v) || v < 0 || v > 100)
      throw invalid("macros." + name, "macros." + name + " must be from 0 to 100");
    return v;
  };
  p.protein_pct = pct("protein_pct");
  p.fat_pct = pct("fat_pct");
  p.carbs_pct = pct("carbs_pct");
  m.finish();
  double sum = p.protein_pct + p.fat_pct + p.carbs_pct;
  if (std::abs(sum - 100) > 1)
    throw invalid("macros",
                  "protein_pct, fat_pct and carbs_pct must add up to 100 (plus or minus 1); they add up to " +
                      std::to_string(static_cast<long long>(std::lround(sum))));
  return p;
}

std::vector<std::string> words_from(FieldReader &f, const std::string &name,
                                    std::span<const std::string_view> choices) {
  auto list = f.optional_string_list(name, choices.size()).value_or(std::vector<std::string>{});
  for (const auto &w : list)
    if (!is_one_of(choices, w)) throw invalid(name, name + " entries must be " + describe_choices(choices));
  return list;
}

MealPlanInput meal_plan_input(const HttpRequest &req) {
  auto body = json_body(req);
  reject_unknown(body, {"days", "meals_per_day", "target_kcal", "macros", "diet", "exclude_allergens",
                        "exclude_foods", "cuisines", "max_prep_minutes", "seed"});
  FieldReader f(body);
  MealPlanInput in;
  in.days = int_in(f, "days", mealplan::kMinDays, mealplan::kMaxDays);
  in.meals_per_day = int_in(f, "meals_per_day", mealplan::kMinMeals, mealplan::kMaxMeals);
  if (auto k = f.optional_number("target_kcal")) {
    if (!std::isfinite(*k) || *k < 1000 || *k > 6000)
      throw invalid("target_kcal", "target_kcal must be from 1000 to 6000");
    in.target_kcal = *k;
  }
  if (auto m = f.optional_object("macros")) in.macros = macro_percents(*m);
  if (auto d = f.optional_string("diet", 32)) {
    if (!is_one_of(diets(), *d) && !is_one_of(diet_tags(), *d))
      throw invalid("diet", "diet must be " + describe_choices(diets()) + ", gluten_free or dairy_free");
    in.diet = *d;
  }
  in.exclude_allergens = words_from(f, "exclude_allergens", allergens());
  if (const auto *foods = f.raw("exclude_foods"); foods && !foods->is_null()) {
    if (!foods->is_array() || foods->size() > 100)
      throw invalid("exclude_foods", "exclude_foods must be a list of at most 100 food ids");
    for (const auto &v : *foods) {
      if (!v.is_number_integer() || v.get<long long>() <= 0 || v.get<long long>() > 0xFFFFFFFFLL)
        throw invalid("exclude_foods", "exclude_foods entries must be positive food ids");
      in.exclude_foods.push_back(v.get<long long>());
    }
  }
  in.cuisines = f.optional_string_list("cuisines", 20).value_or(std::vector<std::string>{});
  for (const auto &c : in.cuisines)
    if (c.empty() || c.size() > 40 || !std::all_of(c.begin(), c.end(), [](char ch) {
          return std::islower(static_cast<unsigned char>(ch)) || ch == '-';
        }))
      throw invalid("cuisines",
                    "cuisines entries must be lower-case words such as italian or middle-eastern");
  if (auto m = f.optional_int("max_prep_minutes")) {
    if (*m < 1 || *m > 1440) throw invalid("max_prep_minutes", "max_prep_minutes must be from 1 to 1440");
    in.max_prep_minutes = static_cast<int>(*m);
  }
  if (auto s = f.optional_int("seed")) {
    if (*s < 0 || *s > (1LL << 53) - 1) throw invalid("seed", "seed must be a whole number from 0 to 2^53-1");
    in.seed = static_cast<std::uint64_t>(*s);
  }
  f.finish();
  return in;
}

WorkoutPlanInput workout_plan_input(const HttpRequest &req) {
  auto body = json_body(req);
  reject_unknown(body, {"days_per_week", "minutes_per_session", "goal", "equipment", "level"});
  FieldReader f(body);
  WorkoutPlanInput in;
  in.days_per_week = int_in(f, "days_per_week", workoutplan::kMinDaysPerWeek, workoutplan::kMaxDaysPerWeek);
  in.minutes_per_session =
      int_in(f, "minutes_per_session", workoutplan::kMinSessionMinutes, workoutplan::kMaxSessionMinutes);
  if (auto g = f.optional_string("goal", 32)) {
    if (!is_one_of(workout_goals(), *g) && !parse_goal(*g))
      throw invalid("goal",
                    "goal must be " + describe_choices(workout_goals()) + ", or lose, maintain or gain");
    in.goal = *g;
  }
  if (auto e = f.optional_string_list("equipment", 20)) {
    std::vector<std::string> kept;
    for (const auto &w : *e) {
      if (w == "none") continue;
      if (!is_one_of(equipment_kinds(), w))
        throw invalid("equipment", "equipment entries must be none, " + describe_choices(equipment_kinds()));
      kept.push_back(w);
    }
    in.equipment = kept;
  }
  if (auto l = f.optional_string("level", 16)) {
    if (!is_one_of(levels(), *l)) throw invalid("level", "level must be " + describe_choices(levels()));
    in.level = *l;
  }
  f.finish();
  return in;
}

// List, read and delete for a kind of saved plan; `service` picks the
// service (MealPlanService or WorkoutPlanService) from the Services.
template <typename Pick>
void add_saved_plan_routes(Router &r, const std::string &base, Pick service) {
  r.add("GET", base, Access::signed_in, [service](HttpRequest &req, HttpResponse &res) {
    QueryReader q(req);
    auto paging = q.paging();
    q.finish();
    write_json(res, 200, service().list(req.user->id, paging));
  });
  r.add("GET", base + "/{id}", Access::signed_in, [service](HttpRequest &req, HttpResponse &res) {
    long long id = path_id(req);
    QueryReader(req).finish();
    write_json(res, 200, service().get(req.user->id, id));
  });
  r.add("DELETE", base + "/{id}", Access::signed_in, [service](HttpRequest &req, HttpResponse &res) {
    service().remove(req.user->id, path_id(req));
    res.status = 204;
  });
}

}  // namespace

void add_plan_routes(Router &r, Services &s) {
  r.add("POST", "/api/v1/actions/generate-meal-plan", Access::signed_in,
        [&s](HttpRequest &req, HttpResponse &res) {
          write_json(res, 201, s.meal_plans.generate(req.user->id, meal_plan_input(req)));
          if (s.metrics) s.metrics->count(BusinessEvent::meal_plan_generated);
        });
  add_saved_plan_routes(
      r, "/api/v1/meal-plans", [&s]() -> auto & { return s.meal_plans; });
  r.add("POST", "/api/v1/meal-plans/{id}/swap", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    long long id = path_id(req);
    auto body = json_body(req);
    FieldReader f(body);
    int day = int_in(f, "day", 1, mealplan::kMaxDays);
    std::string slot = f.required_string("slot", 32);
    f.finish();
    write_json(res, 200, s.meal_plans.swap(req.user->id, id, day, slot));
  });

  r.add("GET", "/api/v1/actions/workout-recommendations", Access::signed_in,
        [&s](HttpRequest &req, HttpResponse &res) {
          QueryReader q(req);
          int limit = static_cast<int>(q.integer("limit", 1, 50).value_or(10));
          auto level = q.one_of("level", levels());
          q.finish();
          write_json(res, 200, s.workout_plans.recommendations(req.user->id, limit, level));
        });
  r.add("POST", "/api/v1/actions/generate-workout-plan", Access::signed_in,
        [&s](HttpRequest &req, HttpResponse &res) {
          write_json(res, 201, s.workout_plans.generate(req.user->id, workout_plan_input(req)));
        });
  add_saved_plan_routes(
      r, "/api/v1/workout-plans", [&s]() -> auto & { return s.workout_plans; });
}

}  // namespace trae
