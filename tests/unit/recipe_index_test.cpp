// The in-memory recipe index must give exactly the answers of the SQL-only
// path it replaces for recipe lists: same items, same order, same totals,
// same paging, for every filter and sort, with and without search words,
// and with a signed-in user's own recipes merged in.
#include <doctest/doctest.h>

#include <random>
#include <set>

#include "../support/app_fixture.hpp"
#include "../support/query_plan.hpp"
#include "app/generator.hpp"
#include "app/importers.hpp"
#include "core/error.hpp"
#include "storage/catalog_store.hpp"
#include "storage/recipe_search.hpp"

using trae::catalog_query::RecipeFilter;

namespace {

struct IndexFixture : testing::AppFixture {
  long long alice = 0, bob = 0;
  IndexFixture() {
    trae::load_starter_set(*tdb.db, trae::embedded_seed_files(), clock, nullptr);
    REQUIRE(trae::generate_recipes(*tdb.db, 1500, 11, clock, nullptr) == 1500);
    signup("alice@example.com");
    signup("bob@example.com");
    alice = rows("SELECT id FROM users WHERE email = 'alice@example.com'");
    bob = rows("SELECT id FROM users WHERE email = 'bob@example.com'");
    // Own recipes, one with a cuisine the catalog does not have.
    const long long rice = rows("SELECT id FROM foods WHERE name LIKE 'Rice%' ORDER BY id LIMIT 1");
    const long long chicken = rows("SELECT id FROM foods WHERE name LIKE 'Chicken%' ORDER BY id LIMIT 1");
    REQUIRE(rice > 0);
    REQUIRE(chicken > 0);
    struct Own {
      long long owner;
      const char *name, *cuisine, *meal;
      double rice_g, chicken_g;
      int prep;
    };
    for (const Own &o : {Own{alice, "Chicken rice pot", "grandmas", "dinner", 150, 120, 25},
                         Own{alice, "Plain rice bowl", "italian", "lunch", 200, 0, 5},
                         Own{alice, "Chicken crumble", "thai", "dinner", 0, 200, 40},
                         Own{bob, "Secret chicken rice", "grandmas", "dinner", 100, 100, 10}}) {
      trae::catalog_store::RecipeDraft d;
      d.owner_id = o.owner;
      d.name = o.name;
      d.cuisine = o.cuisine;
      d.meal_type = o.meal;
      d.servings = 2;
      d.prep_minutes = o.prep;
      if (o.rice_g > 0) d.ingredients.push_back({rice, o.rice_g});
      if (o.chicken_g > 0) d.ingredients.push_back({chicken, o.chicken_g});
      tdb.db->write([&](trae::Connection &c) { trae::catalog_store::insert_recipe(c, d, clock.now()); });
      clock.advance(60);
    }
  }

  using Page = trae::catalog_query::Result<trae::RecipeSummary>;
  Page sql(const RecipeFilter &f, const trae::Paging &p) {
    Page r;
    tdb.db->read([&](trae::Connection &c) { r = trae::catalog_query::search_recipes(c, f, p); });
    return r;
  }
  Page indexed(const trae::RecipeIndex &index, const RecipeFilter &f, const trae::Paging &p) {
    Page r;
    tdb.db->read([&](trae::Connection &c) { r = trae::recipe_search::search(c, index, f, p); });
    return r;
  }
  trae::RecipeIndex load() {
    trae::RecipeIndex index;
    tdb.db->read([&](trae::Connection &c) { index = trae::recipe_search::load_index(c); });
    return index;
  }
};

std::vector<long long> ids_of(const IndexFixture::Page &p) {
  std::vector<long long> out;
  for (const auto &r : p.items) out.push_back(r.id);
  return out;
}

std::string describe(const RecipeFilter &f) {
  std::string s = "q='" + f.fts + "' sort=" + f.sort + " diet=" + std::to_string(f.diet) +
                  " allergens=" + std::to_string(f.exclude_allergens) + " meal=" + f.meal_type.value_or("-") +
                  " cuisine=" + f.cuisine.value_or("-") + " viewer=" + std::to_string(f.viewer.value_or(0));
  if (f.max_kcal) s += " max_kcal=" + std::to_string(*f.max_kcal);
  if (f.min_protein_g) s += " min_protein=" + std::to_string(*f.min_protein_g);
  if (f.max_prep_minutes) s += " max_prep=" + std::to_string(*f.max_prep_minutes);
  return s;
}

}  // namespace

TEST_CASE("the recipe index answers every filter and sort exactly as SQL does") {
  IndexFixture f;
  const trae::RecipeIndex index = f.load();
  CHECK(static_cast<long long>(index.size()) ==
        f.rows("SELECT COUNT(*) FROM recipes WHERE owner_id IS NULL"));

  std::vector<RecipeFilter> filters;
  const std::vector<std::string> words = {"",
                                          trae::fts_query("chicken"),
                                          trae::fts_query("ri"),
                                          trae::fts_query("c"),
                                          trae::fts_query("chicken rice"),
                                          trae::fts_query("tempeh"),
                                          trae::fts_query("zzzz")};
  for (const auto &q : words)
    for (const char *sort : {"relevance", "newest", "kcal", "protein", "prep"})
      for (int variant = 0; variant < 6; ++variant) {
        RecipeFilter r;
        r.fts = q;
        r.sort = sort;
        switch (variant) {
          case 1:
            r.diet = trae::diet_bit("vegan");
            r.meal_type = "dinner";
            break;
          case 2:
            r.max_kcal = 450;
            r.exclude_allergens = trae::parse_allergen_list("dairy,gluten", "exclude_allergens");
            break;
          case 3:
            r.min_protein_g = 25;
            r.max_prep_minutes = 30;
            r.viewer = f.alice;
            break;
          case 4:
            r.cuisine = "grandmas";
            r.viewer = f.alice;
            break;
          case 5:
            r.cuisine = "italian";
            r.meal_type = "no-such-meal";
            break;
          default: r.viewer = f.bob;
        }
        filters.push_back(r);
      }

  int compared = 0, nonempty = 0;
  for (const auto &r : filters) {
    INFO(describe(r));
    for (int limit : {7, 100}) {
      for (int page : {1, 3}) {
        trae::Paging p;
        p.limit = limit;
        p.page = page;
        auto a = f.sql(r, p);
        auto b = f.indexed(index, r, p);
        INFO("limit " << limit << " page " << page);
        CHECK(ids_of(b) == ids_of(a));
        CHECK(b.total == a.total);
        CHECK(b.total_capped == a.total_capped);
        CHECK(b.next_cursor.has_value() == a.next_cursor.has_value());
        ++compared;
        nonempty += !a.items.empty();
      }
      // A cursor walk of three pages from each path's own cursors.
      trae::Paging pa, pb;
      pa.limit = pb.limit = limit;
      for (int step = 0; step < 3; ++step) {
        auto a = f.sql(r, pa);
        auto b = f.indexed(index, r, pb);
        CHECK(ids_of(b) == ids_of(a));
        if (!a.next_cursor || !b.next_cursor) break;
        pa.cursor = a.next_cursor;
        pb.cursor = b.next_cursor;
      }
    }
  }
  CHECK(compared == static_cast<int>(filters.size()) * 4);
  CHECK(nonempty > compared / 3);  // third pages of 100 are often past the end
}

TEST_CASE("own recipes are seen by their owner only, and a cursor of one query is refused by another") {
  IndexFixture f;
  const trae::RecipeIndex index = f.load();
  RecipeFilter mine;
  mine.cuisine = "grandmas";
  mine.viewer = f.alice;
  trae::Paging p;
  auto a = f.indexed(index, mine, p);
  REQUIRE(a.items.size() == 1);
  CHECK(a.items[0].name == "Chicken rice pot");
  mine.viewer = f.bob;
  auto b = f.indexed(index, mine, p);
  REQUIRE(b.items.size() == 1);
  CHECK(b.items[0].name == "Secret chicken rice");
  mine.viewer.reset();
  CHECK(f.indexed(index, mine, p).items.empty());

  RecipeFilter by_kcal;
  by_kcal.sort = "kcal";
  trae::Paging first;
  first.limit = 5;
  auto page1 = f.indexed(index, by_kcal, first);
  REQUIRE(page1.next_cursor);
  RecipeFilter other = by_kcal;
  other.max_kcal = 300;
  trae::Paging next = first;
  next.cursor = page1.next_cursor;
  CHECK_THROWS_AS(f.indexed(index, other, next), trae::Error);
}

TEST_CASE("the service reloads the index when the catalog changes, and sees own recipes at once") {
  IndexFixture f;
  auto tok = f.signup("carol@example.com");
  auto before = f.get("/api/v1/nutrition-data/recipes?q=zanzibar");
  REQUIRE(before.status == 200);
  CHECK(before.json["total"] == 0);
  // A catalog recipe added behind the service's back (as an import would).
  const long long rice = f.rows("SELECT id FROM foods WHERE name LIKE 'Rice%' ORDER BY id LIMIT 1");
  trae::catalog_store::RecipeDraft d;
  d.source = "seed";
  d.source_key = "test-zanzibar";
  d.name = "Zanzibar pilau";
  d.cuisine = "swahili";
  d.meal_type = "dinner";
  d.ingredients.push_back({rice, 180});
  f.tdb.db->write(
      [&](trae::Connection &c) { trae::catalog_store::upsert_catalog_recipe(c, d, f.clock.now()); });
  // (Queries below differ from the one above: the response cache may still
  // hold that answer until its TTL, as designed for catalog imports.)
  auto after = f.get("/api/v1/nutrition-data/recipes?cuisine=swahili");
  REQUIRE(after.status == 200);
  REQUIRE(after.json["items"].size() == 1);
  CHECK(after.json["items"][0]["name"] == "Zanzibar pilau");
  CHECK(f.get("/api/v1/nutrition-data/recipes?q=zanzibar&limit=10").json["total"] == 1);

  // The caller's own new recipe shows in the next list, in its place by kcal.
  nlohmann::json body = {{"name", "Carol's zanzibar rice"},
                         {"cuisine", "swahili"},
                         {"meal_type", "dinner"},
                         {"servings", 1},
                         {"prep_minutes", 5},
                         {"cook_minutes", 10},
                         {"steps", {"Cook the rice."}},
                         {"ingredients", {{{"food_id", rice}, {"grams", 50}}}}};
  auto created = f.post("/api/v1/nutrition-data/recipes", body, tok);
  REQUIRE(created.status == 201);
  auto mine = f.get("/api/v1/nutrition-data/recipes?cuisine=swahili&sort=kcal", tok);
  REQUIRE(mine.json["items"].size() == 2);
  CHECK(mine.json["items"][0]["name"] == "Carol's zanzibar rice");
  CHECK(f.get("/api/v1/nutrition-data/recipes?cuisine=swahili").json["items"].size() == 1);
}

TEST_CASE("index pages merge the viewer's recipes into the catalog's order and resume after a cursor") {
  std::vector<trae::RecipeKey> catalog;
  for (std::uint32_t id = 1; id <= 10; ++id) {
    trae::RecipeKey k;
    k.id = id;
    k.kcal = 100.0 * id;
    k.created_at = 1000 + id;
    catalog.push_back(k);
  }
  trae::RecipeIndex index(catalog, trae::CodeBook{});
  trae::RecipeKey own;
  own.id = 50;
  own.owner = 7;
  own.kcal = 250;
  trae::RecipeKey other = own;
  other.id = 51;
  other.owner = 8;
  trae::RecipeKeyFilter f;
  f.viewer = 7;
  f.max_kcal = 600;
  auto p = index.page(trae::RecipeOrder::kcal, f, {own, other}, nullptr, {}, 4, 1000);
  CHECK(p.ids == std::vector<std::uint32_t>{1, 2, 50, 3});
  CHECK(p.total == 7);  // 1-6 and the viewer's own
  trae::PageStart after;
  after.after = std::make_pair(250.0, 50LL);
  p = index.page(trae::RecipeOrder::kcal, f, {own, other}, nullptr, after, 10, 1000);
  CHECK(p.ids == std::vector<std::uint32_t>{3, 4, 5, 6});
  trae::PageStart skip;
  skip.offset = 5;
  p = index.page(trae::RecipeOrder::newest, f, {own, other}, nullptr, skip, 10, 3);
  // newest: 6..1 by created_at, then the viewer's (created at 0)
  CHECK(p.ids == std::vector<std::uint32_t>{1, 50});
  CHECK(p.total == 4);  // counting stops past the cap
  // A cursor key beyond every order (forged, or from an old catalog) is an empty page.
  trae::PageStart far, far_back;
  far.after = std::make_pair(1e300, 5LL);        // ascending orders end there
  far_back.after = std::make_pair(-1e300, 5LL);  // newest first ends there
  CHECK(index.page(trae::RecipeOrder::newest, f, {}, nullptr, far_back, 10, 1000).ids.empty());
  CHECK(index.page(trae::RecipeOrder::newest, f, {}, nullptr, far, 10, 1000).ids.size() == 6);
  CHECK(index.page(trae::RecipeOrder::prep, f, {}, nullptr, far, 10, 1000).ids.empty());
  std::vector<bool> members(60, false);
  members[2] = members[50] = true;
  p = index.page(trae::RecipeOrder::kcal, f, {own, other}, &members, {}, 10, 1000);
  CHECK(p.ids == std::vector<std::uint32_t>{2, 50});
}

TEST_CASE("a signed-in list finds the user's recipes through the owner index, whatever ANALYZE says") {
  IndexFixture f;
  auto tok = f.signup("dora@example.com");
  // A recipe of her own: callers without one are answered as anonymous and
  // never run the owner lookup.
  const long long rice = f.rows("SELECT id FROM foods ORDER BY id LIMIT 1");
  nlohmann::json body = {
      {"name", "Dora's rice"},       {"cuisine", "british"},
      {"meal_type", "dinner"},       {"servings", 1},
      {"steps", {"Cook the rice."}}, {"ingredients", {{{"food_id", rice}, {"grams", 50}}}}};
  REQUIRE(f.post("/api/v1/nutrition-data/recipes", body, tok).status == 201);
  REQUIRE(f.get("/api/v1/nutrition-data/recipes?sort=kcal", tok).status == 200);
  // Statistics as on the seeded dataset: one owner value (NULL) holds every
  // recipe, which makes a lookup by owner look like a read of the table.
  std::string owned_sql;
  for (const auto &sql : f.tdb.db->prepared_sql())
    if (sql.find("WHERE owner_id = ?") != std::string::npos && sql.find("prep_minutes") != std::string::npos)
      owned_sql = sql;
  REQUIRE(!owned_sql.empty());
  f.tdb.db->with_writer([&](trae::Connection &c) {
    c.exec("ANALYZE");
    c.exec("DELETE FROM sqlite_stat1 WHERE idx = 'recipes_owner'");
    c.exec("INSERT INTO sqlite_stat1 VALUES ('recipes', 'recipes_owner', '300339 300339 1')");
    c.exec("ANALYZE sqlite_schema");  // reload the statistics on this connection
    auto plan = testing::query_plan(c, owned_sql);
    INFO(owned_sql << "\n" << plan);
    CHECK(plan.find("recipes_owner") != std::string::npos);
    CHECK_FALSE(testing::has_full_scan(plan));
    // The same query without the hint is what the statistics make of it.
    auto bare = owned_sql;
    bare.replace(bare.find(" INDEXED BY recipes_owner"), std::string(" INDEXED BY recipes_owner").size(), "");
    CHECK(testing::has_full_scan(testing::query_plan(c, bare)));
  });
}

TEST_CASE("the filter columns answer as the filter does on the whole key") {
  // Catalog keys with ids 1-400 but not every 9th; values near the filters' bounds.
  std::mt19937 rng(5);
  std::vector<trae::RecipeKey> catalog;
  for (std::uint32_t id = 1; id <= 400; ++id) {
    if (id % 9 == 0) continue;
    trae::RecipeKey k;
    k.id = id;
    k.kcal = 100 + static_cast<double>(rng() % 800) + 0.5 * static_cast<double>(rng() % 2);
    k.protein_g = static_cast<double>(rng() % 400) / 10;
    k.created_at = id;
    k.prep_minutes = static_cast<std::int32_t>(rng() % 90);
    k.meal_type = static_cast<std::uint16_t>(rng() % 4);
    k.cuisine = static_cast<std::uint16_t>(rng() % 6);
    k.diet_tags = static_cast<trae::Mask>(rng() % 64);
    k.allergens = static_cast<trae::Mask>(rng() % 512) & static_cast<trae::Mask>(rng() % 512);
    catalog.push_back(k);
  }
  auto check_index = [&](const std::vector<trae::RecipeKey> &keys) {
    const trae::RecipeIndex index(keys, trae::CodeBook{});
    for (int n = 0; n < 300; ++n) {
      trae::RecipeKeyFilter f;
      f.viewer = rng() % 3 == 0 ? 7 : 0;
      if (rng() % 3 == 0) f.meal_type = static_cast<std::uint16_t>(rng() % 4);
      if (rng() % 4 == 0) f.cuisine = static_cast<std::uint16_t>(rng() % 6);
      if (rng() % 20 == 0) f.nothing = true;
      if (rng() % 3 == 0) f.max_kcal = 100 + static_cast<double>(rng() % 800);
      if (rng() % 3 == 0) f.min_protein_g = static_cast<double>(rng() % 40);
      if (rng() % 3 == 0) f.max_prep_minutes = static_cast<int>(rng() % 90);
      if (rng() % 2 == 0) f.diet = static_cast<trae::Mask>(rng() % 64);
      if (rng() % 2 == 0) f.exclude_allergens = static_cast<trae::Mask>(rng() % 512);
      for (long long id = -1; id <= 402; ++id) {
        const trae::RecipeKey *k = index.find(id);
        CAPTURE(n);
        CAPTURE(id);
        CHECK(index.keeps(id, f) == (k != nullptr && f.keep(*k)));
      }
    }
  };
  check_index(catalog);
  // Keys with owners (the storage layer never builds such an index) take the
  // whole-key path, so the owner rule still holds.
  catalog[3].owner = 7;
  catalog[10].owner = 8;
  check_index(catalog);
}
