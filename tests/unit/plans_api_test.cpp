// Meal plans, workout recommendations and workout plans through Api::handle,
// on the starter set: shapes, sums, restrictions, validation and ownership.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <set>

#include "../support/app_fixture.hpp"
#include "../support/query_plan.hpp"
#include "app/importers.hpp"
#include "core/calculator.hpp"
#include "core/catalog.hpp"
#include "core/meal_planner.hpp"
#include "storage/plan_store.hpp"

using testing::AppFixture;

namespace {

struct PlansFixture : AppFixture {
  PlansFixture() { trae::load_starter_set(*tdb.db, trae::embedded_seed_files(), clock, nullptr); }

  template <typename Fn>
  void each_row(const std::string &sql, long long id, Fn fn) {
    tdb.db->read([&](trae::Connection &c) {
      SQLite::Statement st(c.db(), sql);
      st.bind(1, static_cast<int64_t>(id));
      while (st.executeStep()) fn(st);
    });
  }
  std::string set_profile(const std::string &tok, nlohmann::json body) {
    auto r = put("/api/v1/profile", body, tok);
    REQUIRE(r.status == 200);
    return tok;
  }
};

const nlohmann::json kFullProfile = {{"sex", "male"},   {"birth_date", "1990-05-01"},   {"height_cm", 180},
                                     {"weight_kg", 80}, {"activity_level", "moderate"}, {"goal", "lose"}};

long long tenths(const nlohmann::json &v) { return std::llround(v.get<double>() * 10); }

// Checks the answer against the database: restrictions, sums and the grocery list.
void check_plan(PlansFixture &f, const nlohmann::json &plan, trae::Mask diet, trae::Mask allergens,
                const std::vector<long long> &excluded_foods) {
  REQUIRE(plan["days"].is_array());
  std::map<long long, double> grocery;
  for (const auto &day : plan["days"]) {
    long long kcal = 0, p = 0, fat = 0, c = 0;
    for (const auto &m : day["meals"]) {
      double servings = m["servings"];
      CHECK(servings >= 0.5);
      CHECK(servings <= 3);
      CHECK(std::fmod(servings, 0.25) == 0);
      kcal += tenths(m["nutrition"]["kcal"]);
      p += tenths(m["nutrition"]["protein_g"]);
      fat += tenths(m["nutrition"]["fat_g"]);
      c += tenths(m["nutrition"]["carbs_g"]);
      long long id = m["recipe_id"];
      int base = 1;
      f.each_row("SELECT diet_tags, allergens, servings, kcal FROM recipes WHERE id = ?", id, [&](auto &st) {
        CHECK((static_cast<trae::Mask>(st.getColumn(0).getInt64()) & diet) == diet);
        CHECK((static_cast<trae::Mask>(st.getColumn(1).getInt64()) & allergens) == 0);
        base = st.getColumn(2).getInt();
        CHECK(std::llround(st.getColumn(3).getDouble() * servings) ==
              m["nutrition"]["kcal"].get<long long>());
      });
      f.each_row("SELECT food_id, grams FROM recipe_ingredients WHERE recipe_id = ?", id, [&](auto &st) {
        long long food = st.getColumn(0).getInt64();
        CHECK(std::find(excluded_foods.begin(), excluded_foods.end(), food) == excluded_foods.end());
        grocery[food] += st.getColumn(1).getDouble() / base * servings;
      });
    }
    CHECK(tenths(day["totals"]["kcal"]) == kcal);
    CHECK(tenths(day["totals"]["protein_g"]) == p);
    CHECK(tenths(day["totals"]["fat_g"]) == fat);
    CHECK(tenths(day["totals"]["carbs_g"]) == c);
  }
  REQUIRE(plan["grocery_list"].size() == grocery.size());
  for (const auto &g : plan["grocery_list"]) {
    long long food = g["food_id"];
    REQUIRE(grocery.count(food));
    CHECK(tenths(g["grams"]) == std::llround(grocery[food] * 10));
    CHECK(!g["name"].get<std::string>().empty());
  }
}

}  // namespace

TEST_CASE("generate a meal plan: shape, sums, grocery list, saved") {
  PlansFixture f;
  auto tok = f.signup("plan@example.com");
  auto r = f.post("/api/v1/actions/generate-meal-plan",
                  {{"days", 3}, {"meals_per_day", 4}, {"target_kcal", 2100}, {"seed", 42}}, tok);
  REQUIRE(r.status == 201);
  const auto &p = r.json;
  CHECK(p["id"].is_number_integer());
  CHECK(p["created_at"].is_string());
  CHECK(p["seed"] == 42);
  CHECK(p["targets"]["kcal"] == 2100);
  // Macros default to the calculator's split for the goal (maintain: 25/30/45).
  CHECK(p["targets"]["protein_g"].get<double>() == doctest::Approx(2100 * 0.25 / 4).epsilon(0.01));
  REQUIRE(p["days"].size() == 3);
  for (std::size_t d = 0; d < 3; ++d) {
    CHECK(p["days"][d]["day"] == d + 1);
    REQUIRE(p["days"][d]["meals"].size() == 4);
    CHECK(p["days"][d]["meals"][0]["slot"] == "breakfast");
    CHECK(!p["days"][d]["meals"][0]["name"].get<std::string>().empty());
    double kcal = p["days"][d]["totals"]["kcal"];
    CHECK(std::abs(kcal - 2100) <= 0.05 * 2100);
  }
  check_plan(f, p, 0, 0, {});

  auto got = f.get("/api/v1/meal-plans/" + std::to_string(p["id"].get<long long>()), tok);
  CHECK(got.status == 200);
  CHECK(got.json == p);

  // The same seed gives the same meals.
  auto again = f.post("/api/v1/actions/generate-meal-plan",
                      {{"days", 3}, {"meals_per_day", 4}, {"target_kcal", 2100}, {"seed", 42}}, tok);
  REQUIRE(again.status == 201);
  CHECK(again.json["days"] == p["days"]);
  CHECK(again.json["id"] != p["id"]);

  auto list = f.get("/api/v1/meal-plans?limit=1", tok);
  CHECK(list.status == 200);
  CHECK(list.json["total"] == 2);
  REQUIRE(list.json["items"].size() == 1);
  CHECK(list.json["items"][0]["id"] == again.json["id"]);  // newest first
  CHECK(list.json["items"][0]["days"] == 3);
  CHECK(list.json["items"][0]["targets"]["kcal"] == 2100);
  // A list item is the plan's outline, member for member as the plan itself
  // shows it (the list reads only these members of the stored document).
  CHECK(list.json["items"][0] == nlohmann::json{{"id", again.json["id"]},
                                                {"created_at", again.json["created_at"]},
                                                {"days", again.json["days"].size()},
                                                {"meals_per_day", again.json["meals_per_day"]},
                                                {"targets", again.json["targets"]}});
  REQUIRE(list.json["next_cursor"].is_string());
  auto next = f.get("/api/v1/meal-plans?limit=1&cursor=" + list.json["next_cursor"].get<std::string>(), tok);
  REQUIRE(next.json["items"].size() == 1);
  CHECK(next.json["items"][0]["id"] == p["id"]);
  CHECK(next.json["next_cursor"].is_null());
  CHECK(f.get("/api/v1/meal-plans?page=2&limit=1", tok).json["items"][0]["id"] == p["id"]);
}

TEST_CASE("targets and restrictions come from the profile") {
  PlansFixture f;
  auto tok = f.signup("profile-plan@example.com");
  // Without target_kcal and without a body, there is nothing to compute from.
  auto none = f.post("/api/v1/actions/generate-meal-plan", {{"days", 1}, {"meals_per_day", 3}}, tok);
  CHECK(none.status == 422);
  CHECK(none.error_field() == "target_kcal");

  auto profile = kFullProfile;
  profile["diet"] = "vegetarian";
  profile["allergies"] = {"peanut", "tree_nut"};
  f.set_profile(tok, profile);
  auto r = f.post("/api/v1/actions/generate-meal-plan",
                  {{"days", 2}, {"meals_per_day", 3}, {"exclude_allergens", {"dairy"}}, {"seed", 7}}, tok);
  REQUIRE(r.status == 201);
  trae::BodyInput b;
  b.sex = trae::Sex::male;
  b.age = 36;
  b.height_cm = 180;
  b.weight_kg = 80;
  b.activity = trae::ActivityLevel::moderate;
  b.goal = trae::Goal::lose;
  const double kcal = std::round(trae::calculate(b).target_kcal);
  CHECK(r.json["targets"]["kcal"] == kcal);
  // Losing: 30 % protein.
  CHECK(r.json["targets"]["protein_g"].get<double>() == doctest::Approx(kcal * 0.30 / 4).epsilon(0.01));
  CHECK(r.json["restrictions"]["diet"] == "vegetarian");
  // Profile allergies always apply; the request adds dairy.
  CHECK(r.json["restrictions"]["exclude_allergens"] == nlohmann::json({"dairy", "peanut", "tree_nut"}));
  check_plan(f, r.json, trae::diet_bit("vegetarian"),
             trae::allergen_bit("peanut") | trae::allergen_bit("tree_nut") | trae::allergen_bit("dairy"), {});
}

TEST_CASE("property: random requests on the starter set never break a restriction") {
  PlansFixture f;
  auto tok = f.signup("property@example.com");
  std::vector<long long> foods;
  f.tdb.db->read([&](trae::Connection &c) {
    SQLite::Statement st(c.db(), "SELECT id FROM foods ORDER BY id");
    while (st.executeStep()) foods.push_back(st.getColumn(0).getInt64());
  });
  const std::vector<std::string> kDiets{"omnivore",    "vegetarian", "vegan",
                                        "pescatarian", "halal",      "gluten_free"};
  std::uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  int plans = 0, refused = 0;
  for (int i = 0; i < 40; ++i) {
    std::string diet = kDiets[next() % kDiets.size()];
    std::vector<std::string> allergens;
    for (auto a : trae::allergens())
      if (next() % 5 == 0) allergens.emplace_back(a);
    std::vector<long long> excluded{foods[next() % foods.size()], foods[next() % foods.size()]};
    nlohmann::json body = {
        {"days", 1 + next() % 7}, {"meals_per_day", 3 + next() % 4}, {"target_kcal", 1500 + next() % 1500},
        {"diet", diet},           {"exclude_allergens", allergens},  {"exclude_foods", excluded},
        {"seed", next()}};
    auto r = f.post("/api/v1/actions/generate-meal-plan", body, tok);
    if (r.status == 422) {
      // Refusals explain themselves and never come as an empty plan.
      CHECK(!r.json["error"]["message"].get<std::string>().empty());
      ++refused;
      continue;
    }
    REQUIRE(r.status == 201);
    ++plans;
    trae::Mask a = 0;
    for (const auto &x : allergens) a |= trae::allergen_bit(x);
    check_plan(f, r.json, trae::diet_requirement(diet), a, excluded);
  }
  MESSAGE("plans " << plans << ", refused " << refused);
  CHECK(plans >= 25);
}

TEST_CASE("meal plan validation") {
  PlansFixture f;
  auto tok = f.signup("valid@example.com");
  const std::string path = "/api/v1/actions/generate-meal-plan";
  auto expect = [&](const nlohmann::json &body, const std::string &field) {
    CAPTURE(body.dump());
    auto r = f.post(path, body, tok);
    CHECK(r.status == 422);
    CHECK(r.error_field() == field);
  };
  expect({{"invalid", "data"}}, "invalid");
  expect({{"days", 0}, {"meals_per_day", 3}, {"target_kcal", 2000}}, "days");
  expect({{"days", 15}, {"meals_per_day", 3}, {"target_kcal", 2000}}, "days");
  expect({{"days", "7"}, {"meals_per_day", 3}, {"target_kcal", 2000}}, "days");
  expect({{"days", 7}, {"meals_per_day", 7}, {"target_kcal", 2000}}, "meals_per_day");
  expect({{"days", 7}, {"meals_per_day", 3}, {"target_kcal", 200}}, "target_kcal");
  expect({{"days", 7},
          {"meals_per_day", 3},
          {"target_kcal", 2000},
          {"macros", {{"protein_pct", 30}, {"fat_pct", 30}, {"carbs_pct", 30}}}},
         "macros");
  expect({{"days", 7},
          {"meals_per_day", 3},
          {"target_kcal", 2000},
          {"macros", {{"protein_pct", 30}, {"fat_pct", 30}}}},
         "macros.carbs_pct");
  expect({{"days", 7},
          {"meals_per_day", 3},
          {"target_kcal", 2000},
          {"macros", {{"protein_pct", 30}, {"fat_pct", 30}, {"carbs_pct", 40}, {"x", 1}}}},
         "macros.x");
  expect({{"days", 7}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"diet", "carnivore"}}, "diet");
  expect({{"days", 7}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"exclude_allergens", {"chocolate"}}},
         "exclude_allergens");
  expect({{"days", 7}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"exclude_foods", {-1}}},
         "exclude_foods");
  expect({{"days", 7}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"cuisines", {"Italian"}}}, "cuisines");
  expect({{"days", 7}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"max_prep_minutes", 0}},
         "max_prep_minutes");
  expect({{"days", 7}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"seed", -3}}, "seed");
  // 100 plus or minus 1 is accepted.
  auto ok = f.post(path,
                   {{"days", 1},
                    {"meals_per_day", 3},
                    {"target_kcal", 2000},
                    {"macros", {{"protein_pct", 30}, {"fat_pct", 30}, {"carbs_pct", 40.9}}}},
                   tok);
  CHECK(ok.status == 201);
  // Restrictions no recipe set can meet: 422 with the reason, not an empty plan.
  auto impossible = f.post(
      path,
      {{"days", 2}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"diet", "vegan"}, {"max_prep_minutes", 1}},
      tok);
  CHECK(impossible.status == 422);
  CHECK(impossible.json["error"]["message"].get<std::string>().find("recipe") != std::string::npos);
  CHECK(f.post(path, {{"days", 1}, {"meals_per_day", 3}}).status == 401);
}

TEST_CASE("meal plans belong to their owner; swap keeps the day on target") {
  PlansFixture f;
  auto alice = f.signup("alice-plans@example.com");
  auto bob = f.signup("bob-plans@example.com");
  auto r = f.post("/api/v1/actions/generate-meal-plan",
                  {{"days", 7}, {"meals_per_day", 5}, {"target_kcal", 2300}, {"seed", 3}}, alice);
  REQUIRE(r.status == 201);
  const std::string url = "/api/v1/meal-plans/" + std::to_string(r.json["id"].get<long long>());

  CHECK(f.get(url, bob).status == 404);
  CHECK(f.call("DELETE", url, "", bob).status == 404);
  CHECK(f.post(url + "/swap", {{"day", 1}, {"slot", "lunch"}}, bob).status == 404);
  CHECK(f.get("/api/v1/meal-plans", bob).json["total"] == 0);

  auto swapped = f.post(url + "/swap", {{"day", 4}, {"slot", "lunch"}}, alice);
  REQUIRE(swapped.status == 200);
  const auto &before = r.json["days"][3]["meals"];
  const auto &after = swapped.json["days"][3]["meals"];
  CHECK(after[2]["slot"] == "lunch");
  CHECK(after[2]["recipe_id"] != before[2]["recipe_id"]);
  for (int s : {0, 1, 3, 4}) CHECK(after[s]["recipe_id"] == before[s]["recipe_id"]);
  for (int d : {0, 1, 2, 4, 5, 6}) CHECK(swapped.json["days"][d] == r.json["days"][d]);
  CHECK(std::abs(swapped.json["days"][3]["totals"]["kcal"].get<double>() - 2300) <= 0.05 * 2300);
  check_plan(f, swapped.json, 0, 0, {});
  CHECK(f.get(url, alice).json == swapped.json);

  CHECK(f.post(url + "/swap", {{"day", 8}, {"slot", "lunch"}}, alice).error_field() == "day");
  CHECK(f.post(url + "/swap", {{"day", 1}, {"slot", "brunch"}}, alice).error_field() == "slot");
  CHECK(f.post(url + "/swap", {{"day", 1}, {"slot", "lunch"}, {"why", 1}}, alice).error_field() == "why");

  // The account export carries the plan; deleting the account removes it.
  auto exported = f.get("/api/v1/account/export", alice);
  REQUIRE(exported.status == 200);
  REQUIRE(exported.json["meal_plans"].size() == 1);
  CHECK(exported.json["meal_plans"][0] == swapped.json);
  CHECK(exported.json["workout_plans"].empty());

  CHECK(f.call("DELETE", url, "", alice).status == 204);
  CHECK(f.get(url, alice).status == 404);
  CHECK(f.call("DELETE", url, "", alice).status == 404);

  auto again = f.post("/api/v1/actions/generate-meal-plan",
                      {{"days", 1}, {"meals_per_day", 3}, {"target_kcal", 2000}}, alice);
  REQUIRE(again.status == 201);
  CHECK(f.call("DELETE", "/api/v1/account", "", alice).status == 204);
  long long left = -1;
  f.tdb.db->read(
      [&](trae::Connection &c) { left = c.db().execAndGet("SELECT COUNT(*) FROM meal_plans").getInt64(); });
  CHECK(left == 0);
}

TEST_CASE("a user's own recipes are candidates for them only") {
  PlansFixture f;
  auto alice = f.signup("own-alice@example.com");
  auto bob = f.signup("own-bob@example.com");
  long long food = 0;
  f.tdb.db->read([&](trae::Connection &c) {
    food = c.db()
               .execAndGet("SELECT id FROM foods WHERE source = 'seed' ORDER BY kcal DESC, id LIMIT 1")
               .getInt64();
  });
  // The starter set has no breakfast, lunch or dinner ready in one minute; Alice has one of each.
  std::set<long long> own;
  double kcal = 0;
  for (std::string type : {"breakfast", "lunch", "dinner"}) {
    auto rec = f.post("/api/v1/nutrition-data/recipes",
                      {{"name", "Alice's quick " + type},
                       {"cuisine", "american"},
                       {"meal_type", type},
                       {"servings", 1},
                       {"prep_minutes", 1},
                       {"ingredients", {{{"food_id", food}, {"grams", 120}}}}},
                      alice);
    REQUIRE(rec.status == 201);
    own.insert(rec.json["id"].get<long long>());
    kcal += rec.json["nutrition_per_serving"]["kcal"].get<double>();
  }
  nlohmann::json body = {
      {"days", 1}, {"meals_per_day", 3}, {"target_kcal", std::round(kcal * 1.5)}, {"max_prep_minutes", 1}};
  REQUIRE(body["target_kcal"].get<double>() >= 1000);
  auto a = f.post("/api/v1/actions/generate-meal-plan", body, alice);
  CAPTURE(a.json.dump());
  REQUIRE(a.status == 201);
  for (const auto &m : a.json["days"][0]["meals"]) CHECK(own.count(m["recipe_id"].get<long long>()) == 1);
  auto b = f.post("/api/v1/actions/generate-meal-plan", body, bob);
  CHECK(b.status == 422);
  CHECK(b.error_field() == "max_prep_minutes");
}

TEST_CASE("the catalog's admitted lists are kept per restrictions and dropped when the catalog changes") {
  PlansFixture f;
  auto tok = f.set_profile(f.signup("kept-lists@example.com"), kFullProfile);
  auto meals_of = [](const nlohmann::json &plan) {
    std::vector<long long> ids;
    for (const auto &d : plan["days"])
      for (const auto &m : d["meals"]) ids.push_back(m["recipe_id"]);
    return ids;
  };
  nlohmann::json body = {{"days", 2}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"seed", 7}};
  auto first = f.post("/api/v1/actions/generate-meal-plan", body, tok);
  REQUIRE(first.status == 201);
  auto st = f.meal_plans->admitted_stats();
  CHECK(st.entries == 1);
  CHECK(st.hits == 0);
  CHECK(st.bytes > 0);
  auto again = f.post("/api/v1/actions/generate-meal-plan", body, tok);
  REQUIRE(again.status == 201);
  CHECK(meals_of(again.json) == meals_of(first.json));
  CHECK(f.meal_plans->admitted_stats().hits == 1);
  // A swap of that plan draws on the same list.
  auto swapped = f.post("/api/v1/meal-plans/" + std::to_string(again.json["id"].get<long long>()) + "/swap",
                        {{"day", 1}, {"slot", "lunch"}}, tok);
  CHECK(swapped.status == 200);
  CHECK(f.meal_plans->admitted_stats().hits == 2);
  body["diet"] = "vegetarian";
  REQUIRE(f.post("/api/v1/actions/generate-meal-plan", body, tok).status == 201);
  CHECK(f.meal_plans->admitted_stats().entries == 2);

  // No catalog recipe is ready in one minute: refused, and the empty list is kept.
  body.erase("diet");
  body["max_prep_minutes"] = 1;
  auto none = f.post("/api/v1/actions/generate-meal-plan", body, tok);
  CHECK(none.status == 422);
  CHECK(f.meal_plans->admitted_stats().entries == 3);
  // One catalog recipe of each main meal type becomes a one-minute recipe:
  // the kept lists are dropped, and the same request now finds them.
  std::set<long long> quick;
  double kcal = 0;
  f.tdb.db->write([&](trae::Connection &c) {
    for (std::string type : {"breakfast", "lunch", "dinner"}) {
      SQLite::Statement q(
          c.db(),
          "SELECT id, kcal FROM recipes WHERE owner_id IS NULL AND meal_type = ? ORDER BY id LIMIT 1");
      q.bind(1, type);
      REQUIRE(q.executeStep());
      quick.insert(q.getColumn(0).getInt64());
      kcal += q.getColumn(1).getDouble();
      c.db().exec("UPDATE recipes SET prep_minutes = 1 WHERE id = " +
                  std::to_string(q.getColumn(0).getInt64()));
    }
  });
  body["target_kcal"] = std::round(kcal * 1.5);
  auto found = f.post("/api/v1/actions/generate-meal-plan", body, tok);
  CAPTURE(found.json.dump());
  REQUIRE(found.status == 201);
  for (long long id : meals_of(found.json)) CHECK(quick.count(id) == 1);
  CHECK(f.meal_plans->admitted_stats().entries == 1);
}

TEST_CASE("workout recommendations follow the profile and the recent training") {
  PlansFixture f;
  auto tok = f.signup("reco@example.com");
  auto profile = kFullProfile;
  profile["equipment"] = {"dumbbell"};
  f.set_profile(tok, profile);
  auto r = f.get("/api/v1/actions/workout-recommendations?limit=5", tok);
  REQUIRE(r.status == 200);
  CHECK(r.json["level"] == "intermediate");
  CHECK(r.json["goal"] == "lose");
  REQUIRE(!r.json["items"].empty());
  CHECK(r.json["items"].size() <= 5);
  for (const auto &w : r.json["items"]) {
    CHECK((w["goal"] == "fat_loss" || w["goal"] == "endurance"));
    CHECK(w["level"] != "expert");
    for (const auto &e : w["equipment"]) CHECK((e == "dumbbell" || e == "body only"));
    CHECK(!w["reasons"].empty());
  }
  // Chest and quadriceps trained yesterday: no workout loading them.
  f.recent_training = {{f.clock.now() - 86400, trae::muscle_bit("chest") | trae::muscle_bit("quadriceps")}};
  auto rested = f.get("/api/v1/actions/workout-recommendations?limit=50", tok);
  REQUIRE(rested.status == 200);
  CHECK(rested.json["resting_muscles"] == nlohmann::json({"chest", "quadriceps"}));
  for (const auto &w : rested.json["items"])
    for (const auto &m : w["muscles"]) CHECK((m != "chest" && m != "quadriceps"));

  CHECK(f.get("/api/v1/actions/workout-recommendations?limit=0", tok).error_field() == "limit");
  CHECK(f.get("/api/v1/actions/workout-recommendations?level=guru", tok).error_field() == "level");
  CHECK(f.get("/api/v1/actions/workout-recommendations?x=1", tok).error_field() == "x");
  CHECK(f.get("/api/v1/actions/workout-recommendations").status == 401);
}

TEST_CASE("workout plans: generate, read back, list, delete, owners only") {
  PlansFixture f;
  auto alice = f.signup("wp-alice@example.com");
  auto bob = f.signup("wp-bob@example.com");
  auto r = f.post("/api/v1/actions/generate-workout-plan",
                  {{"days_per_week", 5},
                   {"minutes_per_session", 45},
                   {"goal", "hypertrophy"},
                   {"equipment", {"dumbbell", "barbell"}}},
                  alice);
  REQUIRE(r.status == 201);
  const auto &days = r.json["days"];
  REQUIRE(days.size() == 5);
  for (std::size_t i = 0; i < days.size(); ++i) {
    CHECK(days[i]["total_minutes"].get<int>() <= 45);
    CHECK(!days[i]["exercises"].empty());
    for (const auto &e : days[i]["exercises"])
      for (const auto &k : e["equipment"]) CHECK((k == "dumbbell" || k == "barbell"));
    if (i > 0 && days[i - 1]["weekday"].get<int>() + 1 == days[i]["weekday"].get<int>())
      for (const auto &m : days[i]["muscles"])
        CHECK(std::find(days[i - 1]["muscles"].begin(), days[i - 1]["muscles"].end(), m) ==
              days[i - 1]["muscles"].end());
  }
  const std::string url = "/api/v1/workout-plans/" + std::to_string(r.json["id"].get<long long>());
  CHECK(f.get(url, alice).json == r.json);
  CHECK(f.get(url, bob).status == 404);
  CHECK(f.call("DELETE", url, "", bob).status == 404);
  auto listed = f.get("/api/v1/workout-plans", alice).json;
  CHECK(listed["total"] == 1);
  REQUIRE(listed["items"].size() == 1);
  CHECK(listed["items"][0] == nlohmann::json{{"id", r.json["id"]},
                                             {"created_at", r.json["created_at"]},
                                             {"days_per_week", 5},
                                             {"minutes_per_session", 45},
                                             {"goal", "hypertrophy"},
                                             {"level", r.json["level"]}});
  CHECK(!r.json["level"].is_null());
  CHECK(f.get("/api/v1/workout-plans", bob).json["total"] == 0);
  CHECK(f.call("DELETE", url, "", alice).status == 204);
  CHECK(f.get(url, alice).status == 404);

  auto expect = [&](const nlohmann::json &body, const std::string &field) {
    CAPTURE(body.dump());
    auto e = f.post("/api/v1/actions/generate-workout-plan", body, alice);
    CHECK(e.status == 422);
    CHECK(e.error_field() == field);
  };
  expect({{"invalid", "data"}}, "invalid");
  expect({{"days_per_week", 7}, {"minutes_per_session", 45}}, "days_per_week");
  expect({{"days_per_week", 1}, {"minutes_per_session", 45}}, "days_per_week");
  expect({{"days_per_week", 3}, {"minutes_per_session", 5}}, "minutes_per_session");
  expect({{"days_per_week", 3}, {"minutes_per_session", 45}, {"goal", "bulk"}}, "goal");
  expect({{"days_per_week", 3}, {"minutes_per_session", 45}, {"equipment", {"spaceship"}}}, "equipment");
  CHECK(f.post("/api/v1/actions/generate-workout-plan", {{"days_per_week", 3}, {"minutes_per_session", 45}})
            .status == 401);
}

TEST_CASE("a plan list reads only the members it names, whatever their shape") {
  PlansFixture f;
  f.signup("outline@example.com");
  const nlohmann::json doc = {
      {"days", {{{"meals", {{{"id", 1}}, {{"id", 2}}}}}, {{"meals", nlohmann::json::array()}}}},
      {"nested", {{"a", {1, 2, {{"b", {true, nullptr, "x"}}}}}, {"c", {{"d", -1.5}}}}},
      {"scalar", "kept"},
      {"list", {{{"k", 1}}, {{"k", {2, 3}}}}},
      {"dropped", {{"deep", {{"deeper", {1, 2, 3}}}}}},
      {"last", 7}};
  long long user = 0;
  f.tdb.db->read([&](trae::Connection &c) {
    auto st = c.prepare("SELECT id FROM users WHERE email = 'outline@example.com'");
    REQUIRE(st->executeStep());
    user = st->getColumn(0).getInt64();
  });
  f.tdb.db->write([&](trae::Connection &c) {
    trae::plan_store::insert(c, trae::plan_store::Kind::meal, {user, 2, 3, 2000, {}}, {{"r", 1}}, doc, 100);
  });
  trae::Paging paging;
  paging.limit = 10;
  for (const std::vector<std::string> &members : std::vector<std::vector<std::string>>{
           {"nested", "scalar", "list", "last"}, {"days"}, {"missing"}, {}}) {
    f.tdb.db->read([&](trae::Connection &c) {
      auto r = trae::plan_store::list(c, trae::plan_store::Kind::meal, user, paging, members);
      REQUIRE(r.items.size() == 1);
      CHECK(r.items[0].days == 2);
      nlohmann::json expected = nlohmann::json::object();
      for (const auto &m : members)
        if (doc.contains(m)) expected[m] = doc[m];
      CHECK(r.items[0].plan == expected);
    });
  }
}

TEST_CASE("the plan queries use indexes") {
  PlansFixture f;
  f.tdb.db->read([&](trae::Connection &c) {
    for (const std::string sql : {
             "SELECT id, created_at, request, plan FROM meal_plans WHERE user_id = 1 ORDER BY created_at "
             "DESC, id "
             "DESC LIMIT 21 OFFSET 0",
             "SELECT id, created_at, request, plan FROM workout_plans WHERE user_id = 1 AND (created_at, id) "
             "< (5, "
             "5) ORDER BY created_at DESC, id DESC LIMIT 21 OFFSET 0",
             "SELECT 1 FROM meal_plans WHERE user_id = 1 LIMIT 1001",
             "SELECT id, created_at, request, plan FROM workout_plans WHERE user_id = 1 ORDER BY created_at, "
             "id",
             "SELECT id, created_at, request, plan FROM meal_plans WHERE id = 1 AND user_id = 1",
             "DELETE FROM workout_plans WHERE id = 1 AND user_id = 1",
             "SELECT n FROM catalog_recipe_revision WHERE id = 1",
             "SELECT id, meal_type, cuisine, prep_minutes, kcal, protein_g, fat_g, carbs_g, diet_tags, "
             "allergens "
             "FROM recipes INDEXED BY recipes_owner WHERE owner_id = 1",
             "SELECT food_id FROM recipe_ingredients WHERE recipe_id = 1 ORDER BY position",
             "SELECT id, name, category, level, muscle_mask, equipment, met FROM exercises WHERE level IN "
             "('beginner', 'intermediate') ORDER BY id",
         }) {
      auto plan = testing::query_plan(c, sql);
      CAPTURE(sql);
      CAPTURE(plan);
      CHECK_FALSE(testing::has_full_scan(plan));
    }
    // The list is served in index order, without sorting.
    auto list = testing::query_plan(
        c, "SELECT id FROM meal_plans WHERE user_id = 1 ORDER BY created_at DESC, id DESC LIMIT 21");
    CHECK(list.find("TEMP B-TREE") == std::string::npos);
  });
}

TEST_CASE("the candidate cache follows catalog changes") {
  PlansFixture f;
  auto tok = f.signup("cache@example.com");
  nlohmann::json body = {{"days", 1}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"seed", 1}};
  auto first = f.post("/api/v1/actions/generate-meal-plan", body, tok);
  REQUIRE(first.status == 201);
  long long breakfast = first.json["days"][0]["meals"][0]["recipe_id"];
  long long before = 0, after = 0;
  f.tdb.db->read([&](trae::Connection &c) {
    before = c.db().execAndGet("SELECT n FROM catalog_recipe_revision").getInt64();
  });
  // Remove that catalog recipe: the next plan with the same seed cannot use it.
  f.tdb.db->write(
      [&](trae::Connection &c) { c.exec("DELETE FROM recipes WHERE id = " + std::to_string(breakfast)); });
  f.tdb.db->read([&](trae::Connection &c) {
    after = c.db().execAndGet("SELECT n FROM catalog_recipe_revision").getInt64();
  });
  CHECK(after > before);
  auto second = f.post("/api/v1/actions/generate-meal-plan", body, tok);
  REQUIRE(second.status == 201);
  for (const auto &m : second.json["days"][0]["meals"]) CHECK(m["recipe_id"] != breakfast);
}

TEST_CASE("a swap keeps meals whose recipe was deleted since") {
  PlansFixture f;
  auto tok = f.signup("vanished@example.com");
  auto r = f.post("/api/v1/actions/generate-meal-plan",
                  {{"days", 1}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"seed", 9}}, tok);
  REQUIRE(r.status == 201);
  const auto breakfast = r.json["days"][0]["meals"][0];
  f.tdb.db->write([&](trae::Connection &c) {
    c.exec("DELETE FROM recipes WHERE id = " + std::to_string(breakfast["recipe_id"].get<long long>()));
  });
  auto s = f.post("/api/v1/meal-plans/" + std::to_string(r.json["id"].get<long long>()) + "/swap",
                  {{"day", 1}, {"slot", "dinner"}}, tok);
  REQUIRE(s.status == 200);
  const auto kept = s.json["days"][0]["meals"][0];
  CHECK(kept["recipe_id"] == breakfast["recipe_id"]);
  CHECK(kept["name"] == breakfast["name"]);
  CHECK(s.json["days"][0]["meals"][2]["recipe_id"] != r.json["days"][0]["meals"][2]["recipe_id"]);
}
