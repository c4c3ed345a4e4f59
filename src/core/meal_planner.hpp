// Meal planning: choose recipes and servings for each meal of each day so
// that every day lands on its energy and macro targets, under hard dietary
// restrictions. Pure and deterministic for a seed; docs/mealplan.md explains
// the method (greedy construction, then local search over recipe and servings).
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.hpp"

namespace trae::mealplan {

enum class MealType : std::uint8_t { breakfast, lunch, dinner, snack };
std::optional<MealType> parse_meal_type(std::string_view s);
std::string_view to_string(MealType t);

struct Macros {
  double kcal = 0, protein_g = 0, fat_g = 0, carbs_g = 0;
};
Macros operator+(const Macros &a, const Macros &b);
Macros operator-(const Macros &a, const Macros &b);
Macros operator*(const Macros &a, double k);

// One recipe the planner may choose. Compact and free of strings, so that a
// few hundred thousand of them can be filtered per request.
struct Candidate {
  long long id = 0;
  MealType meal_type = MealType::lunch;
  std::uint16_t cuisine = 0;  // index into the caller's cuisine dictionary
  int prep_minutes = 0;
  Macros per_serving;
  Mask diet_tags = 0, allergens = 0;
  std::span<const std::uint32_t> foods;  // ingredient food ids; storage owned by the caller
};

// Hard rules: a candidate that breaks one is never planned. Cuisines are a
// preference instead: a slot with no recipe of those cuisines takes any.
struct Restrictions {
  Mask required_diet = 0;       // diet bits every recipe must carry
  Mask excluded_allergens = 0;  // allergen bits no recipe may carry
  std::vector<std::uint32_t> excluded_foods;
  std::vector<std::uint16_t> cuisines;  // empty: any
  std::optional<int> max_prep_minutes;
  bool operator==(const Restrictions &) const = default;
};
bool allowed(const Candidate &c, const Restrictions &r);

// The meals of a day for 3 to 6 meals, with the share of the day's energy
// each one aims at (the shares sum to 1).
struct Slot {
  std::string_view name;
  MealType type;
  double share;
};
std::span<const Slot> slot_layout(int meals_per_day);

constexpr int kMinDays = 1, kMaxDays = 14;
constexpr int kMinMeals = 3, kMaxMeals = 6;
constexpr double kMinServings = 0.5, kMaxServings = 3.0, kServingStep = 0.25;
constexpr int kNoRepeatDays = 7;

struct Request {
  int days = 7;
  int meals_per_day = 3;
  Macros targets;  // per day
  Restrictions restrictions;
  std::uint64_t seed = 0;
};

struct Meal {
  std::string slot;
  long long recipe_id = 0;
  double servings = 1;
  Macros per_serving;
};
struct Day {
  std::vector<Meal> meals;
};
struct Plan {
  std::vector<Day> days;
};

// Compact copies of the fields one plan request reads of every recipe (the
// hard rules, the cuisine preference, the kcal range of each meal type): 24
// bytes per recipe, read in order, instead of a whole Candidate at a
// scattered address, so that the per-request pass over a few hundred
// thousand candidates reads little memory.
struct FilterKey {
  std::uint64_t foods = 0;  // bit (id % 64) of each ingredient food: a quick "maybe contains"
  std::uint16_t allergens = 0;
  std::uint16_t prep_minutes = 0;  // clamped to 65535
  std::uint8_t meal_type = 0;
  std::uint8_t diet_tags = 0;
  std::uint16_t cuisine = 0;
  double kcal = 0;  // per serving
};
std::vector<FilterKey> filter_keys(std::span<const Candidate> items);

// The candidates of one list that a set of restrictions admits, per meal
// type and in the list's order, with the smallest and largest kcal per
// serving among them; and the same for the preferred cuisines alone.
// Finding them is one pass over every filter key of the list: on a
// 300,000-recipe catalog that pass is most of a one-day plan's CPU, so a
// caller that plans again and again for the same restrictions keeps this
// (see Source::admitted). It points into `items`, which must outlive it.
struct Admitted {
  struct Pool {
    std::vector<std::uint32_t> at;      // positions in `items`: half the bytes of pointers
    double min_kcal = 0, max_kcal = 0;  // per serving; 0 when empty
  };
  std::span<const Candidate> items;    // the list it was computed from
  Restrictions restrictions;           // and for what
  std::array<Pool, 4> all, preferred;  // by MealType; `preferred` empty when no cuisines are given
  // Bytes held (mostly the positions), for a cache's bound.
  std::size_t bytes() const;
};
Admitted admit(std::span<const Candidate> items, std::span<const FilterKey> keys, const Restrictions &r);

// Where candidates come from: several lists (the catalog, the user's own
// recipes), each in a stable order so that a seed always gives the same plan.
struct Source {
  std::span<const Candidate> items;
  std::span<const FilterKey> keys;  // filter_keys(items), kept by the caller; empty: computed per call
  // admit(items, keys, the request's restrictions), kept by the caller; used
  // only when it was computed from these items for exactly these
  // restrictions, otherwise the planner admits afresh. Null: always afresh.
  const Admitted *admitted = nullptr;
};
using Sources = std::span<const Source>;

// Throws Error{invalid} with an explanation when no plan can satisfy the
// request (a slot without any allowed recipe, a target out of reach); never
// returns an empty plan.
Plan plan_meals(Sources sources, const Request &req);

// Replaces the meal in `slot` of day `day` (0-based) with a different recipe
// and re-tunes that day's servings so that it stays on target. Recipes used
// within 7 days of that day elsewhere in the plan are avoided when possible.
Plan swap_meal(Sources sources, const Request &req, Plan plan, int day, std::string_view slot);

// Presentation: a meal's nutrition rounded once (kcal to 1, grams to 0.1), and
// a day's totals as the exact sum of those rounded figures.
Macros meal_nutrition(const Meal &m);
Macros day_totals(const Day &d);

// The quality bar: kcal within 5 %; each macro within 10 % or 10 g, whichever is larger.
bool kcal_on_target(const Macros &got, const Macros &target);
bool macros_on_target(const Macros &got, const Macros &target);

}  // namespace trae::mealplan
