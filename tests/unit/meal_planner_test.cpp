// The meal planner's rules, on synthetic catalogs: restrictions are never
// broken, totals are sums, seeds reproduce plans, repeats stay 7 days apart,
// and impossible requests are explained instead of answered with nothing.
#include "core/meal_planner.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>

#include "core/error.hpp"

using namespace trae;
using namespace trae::mealplan;

namespace {

// A catalog of `per_type` recipes per meal type with varied energy and macro
// splits, diet bits, allergens and 2-6 ingredient foods out of 60.
struct Catalog {
  std::vector<Candidate> items;
  std::vector<std::vector<std::uint32_t>> foods;

  Catalog(int per_type, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    foods.reserve(static_cast<std::size_t>(per_type) * 4);
    long long id = 1;
    for (int t = 0; t < 4; ++t)
      for (int i = 0; i < per_type; ++i) {
        Candidate c;
        c.id = id++;
        c.meal_type = static_cast<MealType>(t);
        c.cuisine = static_cast<std::uint16_t>(rng() % 5);
        c.prep_minutes = static_cast<int>(rng() % 60);
        const double kcal = t == 3 ? 100 + 250 * u(rng) : 250 + 500 * u(rng);
        // Macro energy shares: protein 10-45 %, fat 15-50 %, carbs the rest.
        double p = 0.10 + 0.35 * u(rng), f = 0.15 + 0.35 * u(rng);
        if (p + f > 0.9) f = 0.9 - p;
        const double carbs = 1 - p - f;
        c.per_serving = {kcal, kcal * p / 4, kcal * f / 9, kcal * carbs / 4};
        c.diet_tags = static_cast<Mask>(rng() % 128);
        c.allergens = static_cast<Mask>(rng() % 512) & static_cast<Mask>(rng() % 512);
        std::vector<std::uint32_t> fs;
        for (int k = 0, n = 2 + static_cast<int>(rng() % 5); k < n; ++k)
          fs.push_back(1 + static_cast<std::uint32_t>(rng() % 60));
        foods.push_back(std::move(fs));
        items.push_back(c);
      }
    for (std::size_t i = 0; i < items.size(); ++i) items[i].foods = foods[i];
  }
  const Candidate &by_id(long long id) const { return items[static_cast<std::size_t>(id - 1)]; }
};

Macros targets_for(double kcal, double p_pct, double f_pct) {
  return {kcal, kcal * p_pct / 400, kcal * f_pct / 900, kcal * (100 - p_pct - f_pct) / 400};
}

Plan plan_with(const Catalog &cat, const Request &req) {
  std::array<Source, 1> src{Source{cat.items, {}}};
  return plan_meals(src, req);
}

long long tenths(double v) { return std::llround(v * 10); }

void check_invariants(const Catalog &cat, const Request &req, const Plan &plan) {
  REQUIRE(plan.days.size() == static_cast<std::size_t>(req.days));
  auto slots = slot_layout(req.meals_per_day);
  const auto &r = req.restrictions;
  for (const auto &day : plan.days) {
    REQUIRE(day.meals.size() == slots.size());
    long long kcal = 0, p = 0, f = 0, c = 0;
    for (std::size_t s = 0; s < day.meals.size(); ++s) {
      const Meal &m = day.meals[s];
      const Candidate &x = cat.by_id(m.recipe_id);
      CHECK(m.slot == slots[s].name);
      CHECK(x.meal_type == slots[s].type);
      // Restrictions, checked from the recipe itself rather than through allowed().
      CHECK((x.diet_tags & r.required_diet) == r.required_diet);
      CHECK((x.allergens & r.excluded_allergens) == 0);
      for (auto food : x.foods)
        CHECK(std::find(r.excluded_foods.begin(), r.excluded_foods.end(), food) == r.excluded_foods.end());
      if (r.max_prep_minutes) CHECK(x.prep_minutes <= *r.max_prep_minutes);
      CHECK(m.servings >= 0.5);
      CHECK(m.servings <= 3.0);
      CHECK(std::fmod(m.servings, 0.25) == 0.0);
      Macros n = meal_nutrition(m);
      kcal += std::llround(n.kcal);
      p += tenths(n.protein_g);
      f += tenths(n.fat_g);
      c += tenths(n.carbs_g);
    }
    Macros t = day_totals(day);
    CHECK(std::llround(t.kcal) == kcal);
    CHECK(tenths(t.protein_g) == p);
    CHECK(tenths(t.fat_g) == f);
    CHECK(tenths(t.carbs_g) == c);
  }
}

// Recipes planned twice less than 7 days apart.
int repeats_within_week(const Plan &plan) {
  std::map<long long, std::vector<int>> used;
  int n = 0;
  for (std::size_t d = 0; d < plan.days.size(); ++d)
    for (const auto &m : plan.days[d].meals) {
      for (int prev : used[m.recipe_id])
        if (static_cast<int>(d) - prev < kNoRepeatDays) ++n;
      used[m.recipe_id].push_back(static_cast<int>(d));
    }
  return n;
}

}  // namespace

TEST_CASE("slot layouts cover 3 to 6 meals and share the whole day") {
  for (int n = 3; n <= 6; ++n) {
    auto slots = slot_layout(n);
    CHECK(slots.size() == static_cast<std::size_t>(n));
    double share = 0;
    std::set<std::string_view> names;
    for (const auto &s : slots) {
      share += s.share;
      names.insert(s.name);
    }
    CHECK(share == doctest::Approx(1.0));
    CHECK(names.size() == slots.size());
    CHECK(slots[0].type == MealType::breakfast);
  }
  CHECK_THROWS_AS(slot_layout(2), Error);
  CHECK_THROWS_AS(slot_layout(7), Error);
}

TEST_CASE("allowed() applies diet, allergens, excluded foods and prep time") {
  std::vector<std::uint32_t> foods{3, 9};
  Candidate c;
  c.diet_tags = diet_bit("vegan") | diet_bit("vegetarian");
  c.allergens = allergen_bit("soy");
  c.prep_minutes = 20;
  c.foods = foods;
  Restrictions r;
  CHECK(allowed(c, r));
  r.required_diet = diet_bit("vegan");
  CHECK(allowed(c, r));
  r.required_diet = diet_bit("keto");
  CHECK_FALSE(allowed(c, r));
  r = {};
  r.excluded_allergens = allergen_bit("soy") | allergen_bit("gluten");
  CHECK_FALSE(allowed(c, r));
  r = {};
  r.excluded_foods = {1, 9};
  CHECK_FALSE(allowed(c, r));
  r.excluded_foods = {1, 8};
  CHECK(allowed(c, r));
  r.max_prep_minutes = 19;
  CHECK_FALSE(allowed(c, r));
  r.max_prep_minutes = 20;
  CHECK(allowed(c, r));
}

TEST_CASE("a plan hits its targets, is reproducible from its seed and never repeats within a week") {
  Catalog cat(400, 1);
  Request req;
  req.days = 14;
  req.meals_per_day = 4;
  req.targets = targets_for(2200, 25, 30);
  req.seed = 99;
  Plan a = plan_with(cat, req);
  check_invariants(cat, req, a);
  CHECK(repeats_within_week(a) == 0);
  int kcal_ok = 0;
  for (const auto &d : a.days) kcal_ok += kcal_on_target(day_totals(d), req.targets);
  CHECK(kcal_ok == 14);

  Plan b = plan_with(cat, req);
  for (std::size_t d = 0; d < a.days.size(); ++d)
    for (std::size_t s = 0; s < a.days[d].meals.size(); ++s) {
      CHECK(a.days[d].meals[s].recipe_id == b.days[d].meals[s].recipe_id);
      CHECK(a.days[d].meals[s].servings == b.days[d].meals[s].servings);
    }
  // Precomputed filter keys give the very same plan.
  auto keys = filter_keys(cat.items);
  std::array<Source, 1> keyed{Source{cat.items, keys}};
  Plan k = plan_meals(keyed, req);
  for (std::size_t d = 0; d < a.days.size(); ++d)
    for (std::size_t s = 0; s < a.days[d].meals.size(); ++s) {
      CHECK(a.days[d].meals[s].recipe_id == k.days[d].meals[s].recipe_id);
      CHECK(a.days[d].meals[s].servings == k.days[d].meals[s].servings);
    }
  req.seed = 100;
  Plan c = plan_with(cat, req);
  int same = 0;
  for (std::size_t d = 0; d < a.days.size(); ++d)
    for (std::size_t s = 0; s < a.days[d].meals.size(); ++s)
      same += a.days[d].meals[s].recipe_id == c.days[d].meals[s].recipe_id;
  CHECK(same < 10);
}

TEST_CASE("property: random requests never break a restriction and totals are always sums") {
  Catalog cat(300, 7);
  std::mt19937_64 rng(2026);
  int days = 0, kcal_ok = 0, macros_ok = 0, refused = 0;
  for (int i = 0; i < 150; ++i) {
    Request req;
    req.days = 1 + static_cast<int>(rng() % 14);
    req.meals_per_day = 3 + static_cast<int>(rng() % 4);
    const double pp = 15 + static_cast<double>(rng() % 20), fp = 20 + static_cast<double>(rng() % 15);
    req.targets = targets_for(1400 + static_cast<double>(rng() % 2000), pp, fp);
    req.seed = rng();
    auto &r = req.restrictions;
    if (rng() % 2) r.required_diet = diet_bit(diet_tags()[rng() % diet_tags().size()]);
    for (int k = 0, n = static_cast<int>(rng() % 3); k < n; ++k)
      r.excluded_allergens |= Mask{1} << (rng() % 9);
    for (int k = 0, n = static_cast<int>(rng() % 4); k < n; ++k)
      r.excluded_foods.push_back(1 + static_cast<std::uint32_t>(rng() % 60));
    std::sort(r.excluded_foods.begin(), r.excluded_foods.end());
    if (rng() % 4 == 0) r.max_prep_minutes = 20 + static_cast<int>(rng() % 40);
    if (rng() % 4 == 0) r.cuisines = {static_cast<std::uint16_t>(rng() % 5)};
    try {
      Plan plan = plan_with(cat, req);
      check_invariants(cat, req, plan);
      for (const auto &d : plan.days) {
        ++days;
        kcal_ok += kcal_on_target(day_totals(d), req.targets);
        macros_ok += macros_on_target(day_totals(d), req.targets);
      }
    } catch (const Error &e) {
      // A refusal names a field and explains itself.
      CHECK(e.code == ErrorCode::invalid);
      CHECK_FALSE(e.field.empty());
      CHECK(e.message().size() > 20);
      ++refused;
    }
  }
  MESSAGE("days " << days << ", kcal on target " << kcal_ok << ", macros on target " << macros_ok
                  << ", refused " << refused);
  CHECK(days > 500);
  CHECK(kcal_ok >= days * 95 / 100);
}

TEST_CASE("cuisines are a preference, not a restriction") {
  Catalog cat(200, 3);
  Request req;
  req.days = 3;
  req.targets = targets_for(2000, 25, 30);
  req.restrictions.cuisines = {2};
  Plan plan = plan_with(cat, req);
  for (const auto &d : plan.days)
    for (const auto &m : d.meals) CHECK(cat.by_id(m.recipe_id).cuisine == 2);
}

TEST_CASE("an out-of-reach target names the kcal range of the recipes the plan would draw on") {
  // The range is gathered from the filter keys as the pools are built; here
  // it is worked out the slow way, from every candidate, and compared.
  Catalog cat(80, 21);
  Request req;
  req.days = 1;
  req.meals_per_day = 4;
  req.targets = targets_for(30000, 25, 30);
  auto expected = [&](const Restrictions &r) {
    double lo = 0, hi = 0;
    for (const auto &slot : slot_layout(req.meals_per_day)) {
      bool any_preferred = false;
      for (const auto &c : cat.items)
        any_preferred |= c.meal_type == slot.type && (r.required_diet & c.diet_tags) == r.required_diet &&
                         !r.cuisines.empty() && c.cuisine == r.cuisines[0];
      double mn = 1e300, mx = 0;
      for (const auto &c : cat.items) {
        if (c.meal_type != slot.type || (r.required_diet & c.diet_tags) != r.required_diet) continue;
        if (any_preferred && c.cuisine != r.cuisines[0]) continue;
        mn = std::min(mn, c.per_serving.kcal);
        mx = std::max(mx, c.per_serving.kcal);
      }
      lo += mn * kMinServings;
      hi += mx * kMaxServings;
    }
    return "give " + std::to_string(static_cast<long long>(std::ceil(lo))) + " to " +
           std::to_string(static_cast<long long>(std::floor(hi))) + " kcal a day";
  };
  auto refusal = [&](const Catalog &c) {
    try {
      plan_with(c, req);
    } catch (const Error &e) {
      CHECK(e.field == "target_kcal");
      return e.message();
    }
    FAIL("expected a refusal");
    return std::string();
  };
  const std::string any = refusal(cat);
  CHECK(any.find(expected(req.restrictions)) != std::string::npos);

  // Only one cuisine's recipes count when the user prefers it; the range
  // shrinks to theirs. A diet narrows it further.
  req.restrictions.cuisines = {3};
  const std::string preferred = refusal(cat);
  CHECK(preferred.find(expected(req.restrictions)) != std::string::npos);
  CHECK(preferred != any);
  req.restrictions.required_diet = diet_bit(diet_tags()[0]);
  CHECK(refusal(cat).find(expected(req.restrictions)) != std::string::npos);

  // Precomputed keys (as the server keeps them) give the same answer.
  auto keys = filter_keys(cat.items);
  std::array<Source, 1> keyed{Source{cat.items, keys}};
  try {
    plan_meals(keyed, req);
    FAIL("expected a refusal");
  } catch (const Error &e) {
    CHECK(e.message().find(expected(req.restrictions)) != std::string::npos);
  }
}

TEST_CASE("with too few recipes, repeats are allowed rather than failing") {
  Catalog cat(2, 5);  // two recipes per meal type
  Request req;
  req.days = 7;
  req.targets = targets_for(1800, 20, 30);
  req.seed = 1;
  Plan plan;
  try {
    plan = plan_with(cat, req);
  } catch (const Error &e) {
    // Two recipes may not reach the energy target; then it must say so.
    CHECK(e.field == "target_kcal");
    return;
  }
  CHECK(plan.days.size() == 7);
  CHECK(repeats_within_week(plan) > 0);
}

TEST_CASE("impossible requests are refused with the reason") {
  Catalog cat(50, 11);
  Request req;
  req.days = 2;
  req.targets = targets_for(2000, 25, 30);

  SUBCASE("no breakfast survives the diet") {
    for (auto &c : cat.items)
      if (c.meal_type == MealType::breakfast) c.diet_tags &= ~diet_bit("vegan");
    req.restrictions.required_diet = diet_bit("vegan");
    try {
      plan_with(cat, req);
      FAIL("expected a refusal");
    } catch (const Error &e) {
      CHECK(e.field == "diet");
      CHECK(e.message().find("breakfast") != std::string::npos);
    }
  }
  SUBCASE("every recipe takes too long") {
    req.restrictions.max_prep_minutes = 0;
    for (auto &c : cat.items) c.prep_minutes = std::max(c.prep_minutes, 1);
    try {
      plan_with(cat, req);
      FAIL("expected a refusal");
    } catch (const Error &e) {
      CHECK(e.field == "max_prep_minutes");
    }
  }
  SUBCASE("an energy target out of reach") {
    req.targets = targets_for(20000, 25, 30);
    try {
      plan_with(cat, req);
      FAIL("expected a refusal");
    } catch (const Error &e) {
      CHECK(e.field == "target_kcal");
      CHECK(e.message().find("out of reach") != std::string::npos);
    }
  }
  SUBCASE("days and meals out of range") {
    req.days = 15;
    CHECK_THROWS_AS(plan_with(cat, req), Error);
    req.days = 3;
    req.meals_per_day = 2;
    CHECK_THROWS_AS(plan_with(cat, req), Error);
  }
}

TEST_CASE("a swap replaces one meal and keeps the day on target") {
  Catalog cat(300, 13);
  Request req;
  req.days = 7;
  req.meals_per_day = 5;
  req.targets = targets_for(2400, 30, 30);
  req.seed = 5;
  std::array<Source, 1> src{Source{cat.items, {}}};
  Plan plan = plan_meals(src, req);
  for (int day = 0; day < 7; ++day) {
    Plan after = swap_meal(src, req, plan, day, "lunch");
    const auto &before_meals = plan.days[static_cast<std::size_t>(day)].meals;
    const auto &after_meals = after.days[static_cast<std::size_t>(day)].meals;
    CHECK(after_meals[2].slot == "lunch");
    CHECK(after_meals[2].recipe_id != before_meals[2].recipe_id);
    CHECK(cat.by_id(after_meals[2].recipe_id).meal_type == MealType::lunch);
    for (std::size_t s = 0; s < after_meals.size(); ++s)
      if (s != 2) CHECK(after_meals[s].recipe_id == before_meals[s].recipe_id);
    CHECK(kcal_on_target(day_totals(after.days[static_cast<std::size_t>(day)]), req.targets));
    CHECK(repeats_within_week(after) == 0);
    check_invariants(cat, req, after);
  }
  CHECK_THROWS_AS(swap_meal(src, req, plan, 0, "brunch"), Error);
  CHECK_THROWS_AS(swap_meal(src, req, plan, 7, "lunch"), Error);
}

TEST_CASE("the quality bar: 5 % on energy, 10 % or 10 g on each macro") {
  Macros t{2000, 150, 60, 200};
  CHECK(kcal_on_target({2100, 0, 0, 0}, t));
  CHECK_FALSE(kcal_on_target({2101, 0, 0, 0}, t));
  CHECK(macros_on_target({0, 165, 50, 180}, t));
  CHECK_FALSE(macros_on_target({0, 166, 60, 200}, t));
  CHECK(macros_on_target({0, 150, 70, 200}, t));  // 10 g beats 10 % of 60 g
  CHECK_FALSE(macros_on_target({0, 150, 71, 200}, t));
}

namespace {

// A plan as text (recipe and servings of every meal), or the error it was refused with.
std::string outcome(Sources sources, const Request &req) {
  try {
    std::string s;
    for (const auto &d : plan_meals(sources, req).days)
      for (const auto &m : d.meals) s += std::to_string(m.recipe_id) + "x" + std::to_string(m.servings) + " ";
    return s;
  } catch (const Error &e) {
    return "refused: " + e.field + ": " + e.message();
  }
}

}  // namespace

TEST_CASE("kept admitted lists give the same plans and swaps as a fresh pass") {
  Catalog cat(400, 21);
  Catalog own(6, 22);  // a user's few recipes: other ids, other cuisines
  for (auto &c : own.items) {
    c.id += 100000;
    c.cuisine = static_cast<std::uint16_t>(c.cuisine + 3);
  }
  const auto cat_keys = filter_keys(cat.items);
  std::vector<Restrictions> cases(7);
  cases[1].required_diet = 0b0000101;
  cases[2].excluded_allergens = 0b000010011;
  cases[3].excluded_foods = {3, 17, 42, 59};
  cases[4].cuisines = {2};
  cases[5].cuisines = {6, 7};  // only the user's own recipes are of these cuisines
  cases[6].max_prep_minutes = 20;
  cases[6].required_diet = 0b0000001;
  for (std::size_t i = 0; i < cases.size(); ++i)
    for (int meals = kMinMeals; meals <= kMaxMeals; ++meals) {
      CAPTURE(i);
      CAPTURE(meals);
      Request req;
      req.days = 7;
      req.meals_per_day = meals;
      req.targets = targets_for(2300, 25, 30);
      req.seed = 40 + i;
      req.restrictions = cases[i];
      const Admitted kept = admit(cat.items, cat_keys, req.restrictions);
      const Admitted kept_own = admit(own.items, {}, req.restrictions);
      CHECK(kept.bytes() > sizeof(Admitted));
      const std::array<Source, 2> fresh{Source{cat.items, cat_keys}, Source{own.items, {}}};
      const std::array<Source, 2> cached{Source{cat.items, cat_keys, &kept}, Source{own.items, {}}};
      const std::array<Source, 2> both{Source{cat.items, cat_keys, &kept}, Source{own.items, {}, &kept_own}};
      const std::string expected = outcome(fresh, req);
      CHECK(outcome(cached, req) == expected);
      CHECK(outcome(both, req) == expected);
      if (expected.starts_with("refused")) continue;
      const Plan plan = plan_meals(fresh, req);
      const Plan a = swap_meal(fresh, req, plan, 3, "dinner");
      const Plan b = swap_meal(both, req, plan, 3, "dinner");
      CHECK(a.days[3].meals[meals - 1].recipe_id == b.days[3].meals[meals - 1].recipe_id);
      for (std::size_t m = 0; m < a.days[3].meals.size(); ++m)
        CHECK(a.days[3].meals[m].servings == b.days[3].meals[m].servings);
    }
}

TEST_CASE("an admitted list kept for other restrictions or another list is not used") {
  Catalog cat(300, 31), other(300, 32);
  Request req;
  req.days = 7;
  req.targets = targets_for(2000, 25, 30);
  req.seed = 9;
  req.restrictions.excluded_allergens = 0b000000111;
  req.restrictions.max_prep_minutes = 30;
  const std::array<Source, 1> fresh{Source{cat.items, {}}};
  const std::string expected = outcome(fresh, req);
  REQUIRE_FALSE(expected.starts_with("refused"));

  Restrictions looser = req.restrictions;
  looser.max_prep_minutes.reset();
  const Admitted for_looser = admit(cat.items, {}, looser);
  const Admitted for_other_list = admit(other.items, {}, req.restrictions);
  for (const Admitted *stale : {&for_looser, &for_other_list}) {
    const std::array<Source, 1> src{Source{cat.items, {}, stale}};
    CHECK(outcome(src, req) == expected);
    check_invariants(cat, req, plan_meals(src, req));  // the tighter rules still hold
  }

  // One that matches is used as it is: cut down to 12 recipes per meal type,
  // the plan draws on those alone.
  Admitted narrowed = admit(cat.items, {}, req.restrictions);
  std::set<long long> kept_ids;
  for (auto &pool : narrowed.all) {
    REQUIRE(pool.at.size() > 12);
    pool.at.resize(12);
    for (auto i : pool.at) kept_ids.insert(cat.items[i].id);
  }
  const std::array<Source, 1> src{Source{cat.items, {}, &narrowed}};
  for (const auto &d : plan_meals(src, req).days)
    for (const auto &m : d.meals) CHECK(kept_ids.count(m.recipe_id) == 1);
}
