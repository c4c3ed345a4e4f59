// The catalog endpoints through Api::handle, on the starter set.
#include <doctest/doctest.h>

#include <set>

#include "../support/catalog_fixture.hpp"
#include "../support/query_plan.hpp"
#include "app/generator.hpp"
#include "app/importers.hpp"

using testing::CatalogFixture;

namespace {

bool contains(const nlohmann::json &list, const std::string &v) {
  for (const auto &x : list)
    if (x == v) return true;
  return false;
}

}  // namespace

TEST_CASE("recipe search: envelope, filters and sorting") {
  CatalogFixture f;
  auto all = f.get("/api/v1/nutrition-data/recipes");
  REQUIRE(all.status == 200);
  CHECK(all.json["page"] == 1);
  CHECK(all.json["limit"] == 20);
  CHECK(all.json["items"].size() == 20);
  CHECK(all.json["total"] == f.rows("SELECT COUNT(*) FROM recipes"));
  CHECK(all.json["next_cursor"].is_string());
  auto item = all.json["items"][0];
  for (const char *k : {"id", "name", "cuisine", "meal_type", "prep_minutes", "servings", "diet_tags",
                        "allergens", "nutrition_per_serving"})
    CHECK(item.contains(k));
  for (const char *k : {"kcal", "protein_g", "fat_g", "carbs_g", "fiber_g", "sugar_g", "sodium_mg"})
    CHECK(item["nutrition_per_serving"].contains(k));

  auto vegan =
      f.get("/api/v1/nutrition-data/recipes?diet=vegan&meal_type=lunch&max_kcal=600&sort=kcal&limit=100");
  REQUIRE(vegan.status == 200);
  CHECK(vegan.json["total"].get<int>() > 3);
  double last = 0;
  for (const auto &r : vegan.json["items"]) {
    CHECK(contains(r["diet_tags"], "vegan"));
    CHECK(r["meal_type"] == "lunch");
    CHECK(r["nutrition_per_serving"]["kcal"].get<double>() <= 600);
    CHECK(r["nutrition_per_serving"]["kcal"].get<double>() >= last);
    last = r["nutrition_per_serving"]["kcal"];
  }
  auto safe = f.get("/api/v1/nutrition-data/recipes?exclude_allergens=dairy,gluten,egg&limit=100");
  CHECK(safe.json["total"].get<int>() > 20);
  for (const auto &r : safe.json["items"]) {
    CHECK_FALSE(contains(r["allergens"], "dairy"));
    CHECK_FALSE(contains(r["allergens"], "gluten"));
    CHECK_FALSE(contains(r["allergens"], "egg"));
  }
  auto protein = f.get("/api/v1/nutrition-data/recipes?min_protein_g=30&sort=protein&max_prep_minutes=20");
  double prev = 1e9;
  for (const auto &r : protein.json["items"]) {
    CHECK(r["nutrition_per_serving"]["protein_g"].get<double>() >= 30);
    CHECK(r["nutrition_per_serving"]["protein_g"].get<double>() <= prev);
    CHECK(r["prep_minutes"].get<int>() <= 20);
    prev = r["nutrition_per_serving"]["protein_g"];
  }
  auto italian = f.get("/api/v1/nutrition-data/recipes?cuisine=italian");
  CHECK(italian.json["total"].get<int>() > 0);
  for (const auto &r : italian.json["items"]) CHECK(r["cuisine"] == "italian");
}

TEST_CASE("full-text search with prefixes over names, ingredients and cuisine") {
  CatalogFixture f;
  auto r = f.get("/api/v1/nutrition-data/recipes?q=lentil");
  REQUIRE(r.status == 200);
  CHECK(r.json["total"].get<int>() > 0);
  auto prefix = f.get("/api/v1/nutrition-data/recipes?q=lent");
  CHECK(prefix.json["total"] == r.json["total"]);  // "lent" finds every "lentil"
  auto by_cuisine = f.get("/api/v1/nutrition-data/recipes?q=mexican&limit=100");
  CHECK(by_cuisine.json["total"].get<int>() > 0);
  bool any_mexican = false;
  for (const auto &x : by_cuisine.json["items"]) any_mexican |= x["cuisine"] == "mexican";
  CHECK(any_mexican);
  // Ingredient names are searched too: a salmon dish need not say salmon in its name.
  auto salmon = f.get("/api/v1/nutrition-data/recipes?q=salmon&limit=100");
  CHECK(salmon.json["total"].get<int>() > 0);
  CHECK(f.get("/api/v1/nutrition-data/recipes?q=zzzzqqq").json["total"] == 0);
}

TEST_CASE("paging: pages, cursors and their limits") {
  CatalogFixture f;
  auto p1 = f.get("/api/v1/nutrition-data/recipes?sort=kcal&limit=7");
  auto p2 = f.get("/api/v1/nutrition-data/recipes?sort=kcal&limit=7&page=2");
  auto c2 = f.get("/api/v1/nutrition-data/recipes?sort=kcal&limit=7&cursor=" +
                  p1.json["next_cursor"].get<std::string>());
  REQUIRE(c2.status == 200);
  CHECK(c2.json["page"].is_null());
  std::vector<long long> a, b;
  for (const auto &x : p2.json["items"]) a.push_back(x["id"]);
  for (const auto &x : c2.json["items"]) b.push_back(x["id"]);
  CHECK(a == b);
  // Walking the cursor visits every recipe exactly once.
  std::set<long long> seen;
  std::string cursor;
  for (int guard = 0; guard < 200; ++guard) {
    auto page = f.get("/api/v1/nutrition-data/recipes?sort=newest&limit=50" +
                      (cursor.empty() ? "" : "&cursor=" + cursor));
    REQUIRE(page.status == 200);
    for (const auto &x : page.json["items"]) CHECK(seen.insert(x["id"].get<long long>()).second);
    if (page.json["next_cursor"].is_null()) break;
    cursor = page.json["next_cursor"];
  }
  CHECK(static_cast<long long>(seen.size()) == f.rows("SELECT COUNT(*) FROM recipes"));
  // A search walks by relevance with the cursor too.
  auto s1 = f.get("/api/v1/nutrition-data/recipes?q=chicken&limit=2");
  auto s2 = f.get("/api/v1/nutrition-data/recipes?q=chicken&limit=2&cursor=" +
                  s1.json["next_cursor"].get<std::string>());
  CHECK(s2.status == 200);
  CHECK(s2.json["items"][0]["id"] != s1.json["items"][0]["id"]);
  // A cursor from another query is refused.
  auto other = f.get("/api/v1/nutrition-data/recipes?sort=kcal&diet=vegan&cursor=" +
                     p1.json["next_cursor"].get<std::string>());
  CHECK(other.status == 422);
  CHECK(other.error_field() == "cursor");
  CHECK(f.get("/api/v1/nutrition-data/recipes?cursor=nothex").error_field() == "cursor");
  CHECK(f.get("/api/v1/nutrition-data/recipes?page=99999999").error_field() == "page");
  CHECK(f.get("/api/v1/nutrition-data/recipes?page=0").error_field() == "page");
  CHECK(f.get("/api/v1/nutrition-data/recipes?limit=-1").error_field() == "limit");
  CHECK(f.get("/api/v1/nutrition-data/recipes?limit=101").error_field() == "limit");
  CHECK(f.get("/api/v1/nutrition-data/recipes?page=400").json["items"].empty());
}

TEST_CASE("bad input gets a 4xx naming the field and changes nothing") {
  CatalogFixture f;
  auto before = f.rows("SELECT COUNT(*) FROM recipes");
  struct Case {
    std::string query, field;
  };
  for (const auto &c : std::vector<Case>{
           {"diet=vegan' OR '1'='1", "diet"},
           {"meal_type=lunch;DROP TABLE recipes", "meal_type"},
           {"cuisine=italian' --", "cuisine"},
           {"max_kcal=1 OR 1=1", "max_kcal"},
           {"min_protein_g=abc", "min_protein_g"},
           {"max_prep_minutes=1e309", "max_prep_minutes"},
           {"sort=kcal;DELETE", "sort"},
           {"exclude_allergens=dairy,') OR 1=1", "exclude_allergens"},
           {"q=\"", "q"},
           {"q=*", "q"},
           {"q=()", "q"},
           {"limit=1e3", "limit"},
           {"page=-3", "page"},
           {"unknown=1", "unknown"},
           {"diet=vegan&diet=keto", "diet"},
       }) {
    CAPTURE(c.query);
    auto r = f.get("/api/v1/nutrition-data/recipes?" + c.query);
    CHECK(r.status == 422);
    CHECK(r.error_field() == c.field);
  }
  // FTS syntax in a search is searched for, never interpreted.
  for (const char *q :
       {"NEAR(chicken rice)", "chicken OR rice", "name:chicken", "chick*", "\"chicken\"", "a' OR '1'='1"}) {
    CAPTURE(q);
    CHECK(f.get(std::string("/api/v1/nutrition-data/recipes?q=") + q).status == 200);
  }
  CHECK(f.get("/api/v1/nutrition-data/recipes/abc").error_field() == "id");
  CHECK(f.get("/api/v1/nutrition-data/recipes/-1").error_field() == "id");
  CHECK(f.get("/api/v1/nutrition-data/recipes/1%20OR%201=1").error_field() == "id");
  CHECK(f.get("/api/v1/nutrition-data/recipes/99999999").status == 404);
  CHECK(f.get("/api/v1/nutrition-data/workouts?muscle=wings").error_field() == "muscle");
  CHECK(f.get("/api/v1/nutrition-data/workouts?equipment=jetpack").error_field() == "equipment");
  CHECK(f.get("/api/v1/nutrition-data/workouts?min_minutes=50&max_minutes=10").error_field() ==
        "min_minutes");
  CHECK(f.get("/api/v1/foods?group=01").error_field() == "group");
  CHECK(f.get("/api/v1/foods/0").error_field() == "id");
  CHECK(f.rows("SELECT COUNT(*) FROM recipes") == before);
}

TEST_CASE("recipe detail with ingredients, steps and a servings scaler") {
  CatalogFixture f;
  auto list = f.get("/api/v1/nutrition-data/recipes?q=overnight&meal_type=breakfast&limit=1");
  REQUIRE(list.json["items"].size() == 1);
  long long id = list.json["items"][0]["id"];
  auto d = f.get("/api/v1/nutrition-data/recipes/" + std::to_string(id));
  REQUIRE(d.status == 200);
  CHECK(d.json["steps"].size() >= 2);
  CHECK(d.json["ingredients"].size() >= 2);
  CHECK(d.json["ingredients"][0].contains("food_id"));
  CHECK(d.json["ingredients"][0].contains("grams"));
  int base = d.json["servings"];
  auto doubled =
      f.get("/api/v1/nutrition-data/recipes/" + std::to_string(id) + "?servings=" + std::to_string(base * 2));
  CHECK(doubled.json["ingredients"][0]["grams"].get<double>() ==
        doctest::Approx(d.json["ingredients"][0]["grams"].get<double>() * 2).epsilon(0.01));
  CHECK(doubled.json["nutrition_per_serving"] == d.json["nutrition_per_serving"]);
  CHECK(doubled.json["nutrition_total"]["kcal"].get<double>() ==
        doctest::Approx(d.json["nutrition_total"]["kcal"].get<double>() * 2).epsilon(0.01));
  CHECK(f.get("/api/v1/nutrition-data/recipes/" + std::to_string(id) + "?servings=0").error_field() ==
        "servings");
}

TEST_CASE("users own their recipes; nutrition is computed, never typed in") {
  CatalogFixture f;
  auto ann = f.signup("ann@example.com");
  auto bob = f.signup("bob@example.com");
  nlohmann::json body = {{"name", "Ann's zzgrumblepot porridge"},
                         {"cuisine", "british"},
                         {"meal_type", "breakfast"},
                         {"servings", 2},
                         {"prep_minutes", 5},
                         {"cook_minutes", 10},
                         {"steps", {"Simmer the oats in the milk.", "Serve."}},
                         {"ingredients",
                          {{{"food_id", f.food_id("oats-rolled")}, {"grams", 100}},
                           {{"food_id", f.food_id("milk-whole")}, {"grams", 400}}}}};
  auto created = f.post("/api/v1/nutrition-data/recipes", body, ann);
  REQUIRE(created.status == 201);
  long long id = created.json["id"];
  CHECK(created.json["owned"] == true);
  CHECK(contains(created.json["allergens"], "dairy"));
  CHECK(contains(created.json["allergens"], "gluten"));
  CHECK(contains(created.json["diet_tags"], "vegetarian"));
  double kcal2 = created.json["nutrition_per_serving"]["kcal"];
  CHECK(kcal2 == doctest::Approx((379 * 1.0 + 61 * 4.0) / 2).epsilon(0.02));
  // Typing nutrition in is refused.
  auto typed = body;
  typed["kcal"] = 100;
  CHECK(f.post("/api/v1/nutrition-data/recipes", typed, ann).error_field() == "kcal");
  // Changing servings scales the per-serving figures.
  auto four = body;
  four["servings"] = 4;
  auto updated = f.put("/api/v1/nutrition-data/recipes/" + std::to_string(id), four, ann);
  REQUIRE(updated.status == 200);
  CHECK(updated.json["nutrition_per_serving"]["kcal"].get<double>() ==
        doctest::Approx(kcal2 / 2).epsilon(0.01));
  // Search finds it for its owner only.
  CHECK(f.get("/api/v1/nutrition-data/recipes?q=zzgrumblepot", ann).json["total"] == 1);
  CHECK(f.get("/api/v1/nutrition-data/recipes?q=zzgrumblepot", bob).json["total"] == 0);
  CHECK(f.get("/api/v1/nutrition-data/recipes?q=zzgrumblepot").json["total"] == 0);
  // Nobody else can read, change, delete or favorite it: 404, never 403.
  std::string path = "/api/v1/nutrition-data/recipes/" + std::to_string(id);
  CHECK(f.get(path, bob).status == 404);
  CHECK(f.get(path).status == 404);
  CHECK(f.put(path, body, bob).status == 404);
  CHECK(f.call("DELETE", path, "", bob).status == 404);
  CHECK(f.call("PUT", path + "/favorite", "", bob).status == 404);
  // Catalog recipes cannot be edited by users either.
  auto catalog_id = f.get("/api/v1/nutrition-data/recipes?limit=1").json["items"][0]["id"].get<long long>();
  CHECK(f.put("/api/v1/nutrition-data/recipes/" + std::to_string(catalog_id), body, ann).status == 404);
  // Validation names the field, including nested ones.
  auto bad = body;
  bad["ingredients"][1]["grams"] = -5;
  CHECK(f.post("/api/v1/nutrition-data/recipes", bad, ann).error_field() == "ingredients[1].grams");
  bad = body;
  bad["ingredients"][0]["food_id"] = 99999999;
  CHECK(f.post("/api/v1/nutrition-data/recipes", bad, ann).error_field() == "ingredients");
  bad = body;
  bad["ingredients"][0]["colour"] = "red";
  CHECK(f.post("/api/v1/nutrition-data/recipes", bad, ann).error_field() == "ingredients[0].colour");
  bad = body;
  bad["meal_type"] = "brunch";
  CHECK(f.post("/api/v1/nutrition-data/recipes", bad, ann).error_field() == "meal_type");
  bad = body;
  bad["servings"] = 0;
  CHECK(f.post("/api/v1/nutrition-data/recipes", bad, ann).error_field() == "servings");
  bad = body;
  bad["ingredients"] = nlohmann::json::array();
  CHECK(f.post("/api/v1/nutrition-data/recipes", bad, ann).error_field() == "ingredients");
  CHECK(f.post("/api/v1/nutrition-data/recipes", body).status == 401);

  // Favorites.
  CHECK(f.call("PUT", "/api/v1/nutrition-data/recipes/" + std::to_string(catalog_id) + "/favorite", "", bob)
            .status == 204);
  CHECK(f.call("PUT", "/api/v1/nutrition-data/recipes/" + std::to_string(catalog_id) + "/favorite", "", bob)
            .status == 204);
  auto favs = f.get("/api/v1/favorites", bob);
  CHECK(favs.json["total"] == 1);
  CHECK(favs.json["items"][0]["id"] == catalog_id);
  CHECK(f.get("/api/v1/nutrition-data/recipes/" + std::to_string(catalog_id), bob).json["favorite"] == true);
  CHECK(f.get("/api/v1/favorites", ann).json["total"] == 0);
  CHECK(
      f.call("DELETE", "/api/v1/nutrition-data/recipes/" + std::to_string(catalog_id) + "/favorite", "", bob)
          .status == 204);
  CHECK(f.get("/api/v1/favorites", bob).json["total"] == 0);

  // The owner's export carries the recipe; deleting it removes it from search.
  auto exp = f.get("/api/v1/account/export", ann);
  CHECK(exp.json["recipes"].size() == 1);
  CHECK(f.call("DELETE", path, "", ann).status == 204);
  CHECK(f.get(path, ann).status == 404);
  CHECK(f.rows("SELECT COUNT(*) FROM recipes_fts WHERE recipes_fts MATCH 'zzgrumblepot'") == 0);
}

TEST_CASE("deleting an account removes its recipes and their search entries") {
  CatalogFixture f;
  auto tok = f.signup("gone@example.com");
  nlohmann::json body = {{"name", "Vanishing stew"},
                         {"cuisine", "french"},
                         {"meal_type", "dinner"},
                         {"servings", 1},
                         {"ingredients", {{{"food_id", f.food_id("oats-rolled")}, {"grams", 50}}}}};
  REQUIRE(f.post("/api/v1/nutrition-data/recipes", body, tok).status == 201);
  CHECK(f.call("DELETE", "/api/v1/account", "", tok).status == 204);
  CHECK(f.rows("SELECT COUNT(*) FROM recipes WHERE source = 'user'") == 0);
  CHECK(f.rows("SELECT COUNT(*) FROM recipes_fts WHERE recipes_fts MATCH 'vanishing'") == 0);
}

TEST_CASE("workouts, exercises and foods") {
  CatalogFixture f;
  auto w = f.get("/api/v1/nutrition-data/workouts?equipment=none&limit=100");
  REQUIRE(w.status == 200);
  CHECK(w.json["total"].get<int>() > 5);
  for (const auto &x : w.json["items"]) CHECK(x["equipment"] == nlohmann::json({"body only"}));
  auto chest = f.get("/api/v1/nutrition-data/workouts?muscle=chest&goal=strength&limit=100");
  for (const auto &x : chest.json["items"]) {
    CHECK(contains(x["muscles"], "chest"));
    CHECK(x["goal"] == "strength");
  }
  auto dumbbell = f.get("/api/v1/nutrition-data/workouts?equipment=dumbbell&limit=100");
  for (const auto &x : dumbbell.json["items"])
    for (const auto &e : x["equipment"]) CHECK((e == "dumbbell" || e == "body only"));
  CHECK(dumbbell.json["total"].get<int>() >= w.json["total"].get<int>());
  auto ranged = f.get("/api/v1/nutrition-data/workouts?min_minutes=20&max_minutes=40&level=beginner");
  for (const auto &x : ranged.json["items"]) {
    CHECK(x["total_minutes"].get<int>() >= 20);
    CHECK(x["total_minutes"].get<int>() <= 40);
    CHECK(x["level"] == "beginner");
  }
  long long wid = w.json["items"][0]["id"];
  auto wd = f.get("/api/v1/nutrition-data/workouts/" + std::to_string(wid));
  REQUIRE(wd.status == 200);
  CHECK(wd.json["exercises"].size() >= 2);
  CHECK(wd.json["estimated_kcal"].get<double>() > 0);
  CHECK(f.get("/api/v1/nutrition-data/workouts/999999").status == 404);
  CHECK(f.get("/api/v1/nutrition-data/workouts?q=mobility").status == 200);

  auto ex = f.get("/api/v1/nutrition-data/exercises?muscle=quadriceps&level=beginner");
  REQUIRE(ex.status == 200);
  CHECK(ex.json["total"].get<int>() > 0);
  long long eid = ex.json["items"][0]["id"];
  auto ed = f.get("/api/v1/nutrition-data/exercises/" + std::to_string(eid));
  CHECK(ed.json["instructions"].size() >= 2);
  CHECK(f.get("/api/v1/nutrition-data/exercises?q=squat").json["total"].get<int>() > 0);
  CHECK(f.get("/api/v1/nutrition-data/exercises?equipment=dumbbell").json["total"].get<int>() > 0);

  auto foods = f.get("/api/v1/foods?q=chick");
  REQUIRE(foods.status == 200);
  CHECK(foods.json["total"].get<int>() > 0);
  long long fid = foods.json["items"][0]["id"];
  auto fd = f.get("/api/v1/foods/" + std::to_string(fid));
  CHECK(fd.json["measures"].size() >= 1);
  CHECK(fd.json["nutrients_per_100g"].is_object());
  CHECK(f.get("/api/v1/foods?group=1100").json["total"].get<int>() > 10);
  CHECK(f.get("/api/v1/foods/99999999").status == 404);
}

TEST_CASE("every catalog query uses an index or FTS") {
  CatalogFixture f;
  auto tok = f.signup("plans@example.com");
  for (const char *q :
       {"", "?diet=vegan", "?diet=keto&meal_type=dinner", "?meal_type=lunch&max_kcal=500", "?cuisine=thai",
        "?sort=kcal", "?sort=protein&min_protein_g=30", "?sort=prep&max_prep_minutes=15",
        "?exclude_allergens=dairy", "?q=chicken", "?q=rice&diet=vegan&sort=kcal", "?page=3",
        "?diet=halal&exclude_allergens=gluten&sort=newest"}) {
    f.get(std::string("/api/v1/nutrition-data/recipes") + q);
    f.get(std::string("/api/v1/nutrition-data/recipes") + q, tok);
  }
  for (const char *q :
       {"", "?muscle=chest", "?equipment=none", "?equipment=dumbbell,barbell",
        "?goal=strength&level=beginner", "?min_minutes=10&max_minutes=30", "?q=full", "?sort=newest"})
    f.get(std::string("/api/v1/nutrition-data/workouts") + q);
  for (const char *q :
       {"", "?muscle=chest", "?equipment=barbell", "?level=expert", "?category=cardio", "?q=press"})
    f.get(std::string("/api/v1/nutrition-data/exercises") + q);
  for (const char *q : {"", "?q=rice", "?group=0100"}) f.get(std::string("/api/v1/foods") + q);
  f.get("/api/v1/nutrition-data/recipes/1", tok);
  f.get("/api/v1/nutrition-data/workouts/1");
  f.get("/api/v1/nutrition-data/exercises/1");
  f.get("/api/v1/foods/1");
  f.get("/api/v1/favorites", tok);
  auto sqls = f.tdb.db->prepared_sql();
  int checked = 0, index_loads = 0;
  f.tdb.db->with_writer([&](trae::Connection &c) {
    for (const auto &sql : sqls) {
      // Total counts stop at 1,001 rows by design, so their scans are bounded.
      if (sql.find("LIMIT 1001)") != std::string::npos) continue;
      // The recipe index's load reads the catalog once per catalog revision.
      if (sql.find("FROM recipes WHERE +owner_id IS NULL") != std::string::npos) {
        ++index_loads;
        continue;
      }
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      CHECK_FALSE(testing::has_full_scan(plan));
      ++checked;
    }
  });
  CHECK(checked > 30);
  CHECK(index_loads == 1);
}

TEST_CASE("goal with equipment reads the goal-and-equipment index, not every workout of the goal") {
  CatalogFixture f;
  auto r = f.get("/api/v1/nutrition-data/workouts?goal=strength&equipment=barbell");
  REQUIRE(r.status == 200);
  for (const auto &w : r.json["items"]) CHECK(w["goal"] == "strength");
  int checked = 0;
  auto sqls = f.tdb.db->prepared_sql();
  f.tdb.db->with_writer([&](trae::Connection &c) {
    for (const auto &sql : sqls) {
      if (sql.find("w.goal = ?") == std::string::npos || sql.find("equip_mask IN") == std::string::npos)
        continue;
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      // The total counts the fitting masks' ranges of workouts_goal_equip; the
      // page may walk those or workouts_goal_minutes in minutes order, which
      // carries the mask. Either way no sort of every workout of the goal.
      CHECK((plan.find("workouts_goal_equip") != std::string::npos ||
             plan.find("workouts_goal_minutes") != std::string::npos));
      CHECK(plan.find("TEMP B-TREE") == std::string::npos);
      ++checked;
    }
  });
  CHECK(checked >= 2);  // the page and its total
}

TEST_CASE("generated catalogs are deterministic, and totals stop counting at the cap") {
  CatalogFixture a, b;
  CHECK(trae::generate_recipes(*a.tdb.db, 1200, 9, a.clock, nullptr) == 1200);
  CHECK(trae::generate_recipes(*b.tdb.db, 1200, 9, b.clock, nullptr) == 1200);
  CHECK(trae::generate_workouts(*a.tdb.db, 300, 9, a.clock, nullptr) == 300);
  auto digest = [](CatalogFixture &f, const char *sql) {
    std::string out;
    f.tdb.db->read([&](trae::Connection &c) {
      SQLite::Statement st(c.db(), sql);
      while (st.executeStep()) out += st.getColumn(0).getString() + "|";
    });
    return out;
  };
  const char *q =
      "SELECT name || kcal || diet_tags || created_at FROM recipes WHERE source = 'generated' ORDER BY id";
  CHECK(digest(a, q) == digest(b, q));
  // Generated recipes carry computed nutrition like any other.
  CHECK(a.rows("SELECT COUNT(*) FROM recipes WHERE source = 'generated' AND kcal <= 0") == 0);
  CHECK(a.rows("SELECT COUNT(*) FROM workouts WHERE source = 'generated' AND (total_minutes <= 0 OR "
               "kcal_70kg <= 0)") == 0);
  auto all = a.get("/api/v1/nutrition-data/recipes");
  CHECK(all.json["total"] == 1000);
  CHECK(all.json["total_capped"] == true);
  auto few = a.get("/api/v1/nutrition-data/recipes?q=zzzz");
  CHECK(few.json["total_capped"] == false);
}
