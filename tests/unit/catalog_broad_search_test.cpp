// Broad full-text searches (more matches than the total cap) rank in tiers
// straight off the FTS doclists instead of scoring every match with bm25.
#include <doctest/doctest.h>

#include <set>

#include "../support/app_fixture.hpp"
#include "../support/query_plan.hpp"
#include "app/generator.hpp"
#include "app/importers.hpp"

namespace {

struct BroadFixture : testing::AppFixture {
  BroadFixture() {
    trae::load_starter_set(*tdb.db, trae::embedded_seed_files(), clock, nullptr);
    REQUIRE(trae::generate_recipes(*tdb.db, 1200, 5, clock, nullptr) == 1200);
    REQUIRE(trae::generate_workouts(*tdb.db, 1100, 5, clock, nullptr) == 1100);
  }
  nlohmann::json get_ok(const std::string &path) {
    auto r = call("GET", path);
    REQUIRE_MESSAGE(r.status == 200, path << " -> " << r.json.dump());
    return r.json;
  }
};

}  // namespace

TEST_CASE("a broad recipe search lists name matches first, newest first, and pages without gaps") {
  BroadFixture f;
  const long long matches = f.rows("SELECT COUNT(*) FROM recipes_fts WHERE recipes_fts MATCH '\"c\"*'");
  REQUIRE(matches > 1000);  // broad: past the total cap

  const std::string base = "/api/v1/nutrition-data/recipes?q=c&limit=100";
  std::vector<nlohmann::json> walked;
  std::string cursor;
  for (int page = 0; page < 30; ++page) {
    auto j = f.get_ok(base + (cursor.empty() ? "" : "&cursor=" + cursor));
    CHECK(j["total"] == 1000);
    CHECK(j["total_capped"] == true);
    for (const auto &item : j["items"]) walked.push_back(item);
    if (j["next_cursor"].is_null()) break;
    cursor = j["next_cursor"].get<std::string>();
  }
  // Every match exactly once.
  std::set<long long> ids;
  for (const auto &item : walked) ids.insert(item["id"].get<long long>());
  CHECK(ids.size() == walked.size());
  CHECK(static_cast<long long>(walked.size()) == matches);

  // Tier 1 (the name has a word starting with "c", as FTS5 tokenizes it)
  // before tier 2, each newest (highest id) first.
  std::set<long long> name_ids;
  f.tdb.db->read([&](trae::Connection &c) {
    SQLite::Statement st(c.db(), "SELECT rowid FROM recipes_fts WHERE recipes_fts MATCH '{name} : (\"c\"*)'");
    while (st.executeStep()) name_ids.insert(st.getColumn(0).getInt64());
  });
  REQUIRE(!name_ids.empty());
  REQUIRE(name_ids.size() < walked.size());
  for (std::size_t i = 0; i < walked.size(); ++i) {
    const long long id = walked[i]["id"].get<long long>();
    const bool in_name = name_ids.count(id) > 0;
    CHECK_MESSAGE(in_name == (i < name_ids.size()), walked[i]["name"]);
    if (i > 0 && i != name_ids.size()) CHECK(id < walked[i - 1]["id"].get<long long>());
  }

  // Numbered pages give the same slices as the cursor walk, including the
  // page where the name tier runs out and pages wholly in the second tier.
  for (int page = 1; page <= 15; ++page) {
    auto j = f.get_ok(base + "&page=" + std::to_string(page));
    for (std::size_t i = 0; i < j["items"].size(); ++i) {
      const std::size_t at = static_cast<std::size_t>(page - 1) * 100 + i;
      REQUIRE(at < walked.size());
      CHECK(j["items"][i]["id"] == walked[at]["id"]);
    }
  }

  // Filters apply inside both tiers.
  auto vegan = f.get_ok("/api/v1/nutrition-data/recipes?q=c&diet=vegan&meal_type=dinner&limit=50");
  for (const auto &item : vegan["items"]) {
    CHECK(item["meal_type"] == "dinner");
    bool vegan_tag = false;
    for (const auto &t : item["diet_tags"]) vegan_tag = vegan_tag || t == "vegan";
    CHECK(vegan_tag);
  }

  // In an explicit order, a broad search walks that order and keeps the matches.
  std::vector<long long> by_kcal_ids;
  double last_kcal = -1;
  cursor.clear();
  for (int page = 0; page < 30; ++page) {
    auto j = f.get_ok("/api/v1/nutrition-data/recipes?q=c&sort=kcal&limit=100" +
                      (cursor.empty() ? std::string() : "&cursor=" + cursor));
    for (const auto &item : j["items"]) {
      const double kcal = item["nutrition_per_serving"]["kcal"].get<double>();
      CHECK(kcal >= last_kcal);
      last_kcal = kcal;
      by_kcal_ids.push_back(item["id"].get<long long>());
    }
    if (j["next_cursor"].is_null()) break;
    cursor = j["next_cursor"].get<std::string>();
  }
  CHECK(std::set<long long>(by_kcal_ids.begin(), by_kcal_ids.end()) == ids);
  CHECK(by_kcal_ids.size() == ids.size());

  // A narrow search still ranks with bm25.
  auto narrow = f.get_ok("/api/v1/nutrition-data/recipes?q=tempeh");
  CHECK(narrow["total_capped"] == false);

  // The tier queries read the doclists in order: no sort, no table scan.
  int tier_queries = 0;
  const auto sqls = f.tdb.db->prepared_sql();
  f.tdb.db->with_writer([&](trae::Connection &c) {
    for (const auto &sql : sqls) {
      if (sql.find("ORDER BY recipes_fts.rowid DESC") == std::string::npos) continue;
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      CHECK(plan.find("TEMP B-TREE") == std::string::npos);
      CHECK_FALSE(testing::has_full_scan(plan));
      ++tier_queries;
    }
  });
  CHECK(tier_queries >= 1);  // both tiers share one statement; MATCH is bound
}

TEST_CASE("a broad workout search lists the newest matches first, off the doclist") {
  BroadFixture f;
  const long long matches = f.rows("SELECT COUNT(*) FROM workouts_fts WHERE workouts_fts MATCH '\"s\"*'");
  REQUIRE(matches > 1000);
  std::set<long long> seen;
  long long last_id = 0;
  std::string cursor;
  for (int page = 0; page < 20; ++page) {
    auto j = f.get_ok("/api/v1/nutrition-data/workouts?q=s&limit=100" +
                      (cursor.empty() ? std::string() : "&cursor=" + cursor));
    CHECK(j["total_capped"] == true);
    for (const auto &item : j["items"]) {
      const long long id = item["id"].get<long long>();
      if (last_id != 0) CHECK(id < last_id);
      CHECK(seen.insert(id).second);
      last_id = id;
    }
    if (j["next_cursor"].is_null()) break;
    cursor = j["next_cursor"].get<std::string>();
  }
  CHECK(static_cast<long long>(seen.size()) == matches);
  const auto sqls = f.tdb.db->prepared_sql();
  f.tdb.db->with_writer([&](trae::Connection &c) {
    for (const auto &sql : sqls) {
      if (sql.find("ORDER BY workouts_fts.rowid DESC") == std::string::npos) continue;
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      CHECK(plan.find("TEMP B-TREE") == std::string::npos);
    }
  });
}

TEST_CASE("the muscle filter pages off its covering index and follows workout edits") {
  BroadFixture f;
  auto j = f.get_ok("/api/v1/nutrition-data/workouts?muscle=chest&equipment=dumbbell&limit=50");
  REQUIRE(j["items"].size() > 0);
  int last_minutes = 0;
  for (const auto &item : j["items"]) {
    CHECK(item["total_minutes"].get<int>() >= last_minutes);
    last_minutes = item["total_minutes"].get<int>();
    bool chest = false;
    for (const auto &m : item["muscles"]) chest = chest || m == "chest";
    CHECK(chest);
    for (const auto &e : item["equipment"]) CHECK((e == "dumbbell" || e == "body only"));
  }
  // The copies of minutes and equipment stay equal to the workout's own.
  f.tdb.db->write([&](trae::Connection &c) {
    c.exec(
        "UPDATE workouts SET total_minutes = total_minutes + 7, equip_mask = 0 WHERE id IN "
        "(SELECT workout_id FROM workout_muscles WHERE muscle = 'chest' LIMIT 5)");
  });
  CHECK(f.rows("SELECT COUNT(*) FROM workout_muscles wm JOIN workouts w ON w.id = wm.workout_id "
               "WHERE wm.total_minutes != w.total_minutes OR wm.equip_mask != w.equip_mask") == 0);
  const auto sqls = f.tdb.db->prepared_sql();
  f.tdb.db->with_writer([&](trae::Connection &c) {
    for (const auto &sql : sqls) {
      if (sql.find("FROM workout_muscles wm") == std::string::npos ||
          sql.find("LIMIT 1001") != std::string::npos)
        continue;
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      CHECK(plan.find("workout_muscles_minutes") != std::string::npos);
      CHECK(plan.find("TEMP B-TREE") == std::string::npos);
    }
  });
}

TEST_CASE("muscle with level, and goal with a minutes ceiling, page off their own indexes") {
  BroadFixture f;
  for (const char *level : {"beginner", "intermediate", "expert"}) {
    // Every workout of the muscle and level, walked page by page in minutes
    // order, is exactly the set the muscle table names.
    const std::string base =
        std::string("/api/v1/nutrition-data/workouts?muscle=chest&level=") + level + "&limit=50";
    std::set<long long> walked;
    std::string cursor;
    int last_minutes = 0;
    for (int page = 0; page < 100; ++page) {
      auto j = f.get_ok(base + (cursor.empty() ? "" : "&cursor=" + cursor));
      for (const auto &item : j["items"]) {
        CHECK(item["level"] == level);
        CHECK(item["total_minutes"].get<int>() >= last_minutes);
        last_minutes = item["total_minutes"].get<int>();
        CHECK(walked.insert(item["id"].get<long long>()).second);
      }
      if (j["next_cursor"].is_null()) break;
      cursor = j["next_cursor"].get<std::string>();
    }
    const long long expected =
        f.rows(std::string("SELECT COUNT(*) FROM workout_muscles wm JOIN workouts w ON w.id = wm.workout_id "
                           "WHERE wm.muscle = 'chest' AND w.level = '") +
               level + "'");
    CHECK(expected > 0);
    CHECK(static_cast<long long>(walked.size()) == expected);
  }
  auto g = f.get_ok("/api/v1/nutrition-data/workouts?goal=endurance&max_minutes=30&limit=50");
  CHECK(g["total"].get<long long>() ==
        std::min(1000LL,
                 f.rows("SELECT COUNT(*) FROM workouts WHERE goal = 'endurance' AND total_minutes <= 30")));
  int last = 0;
  for (const auto &item : g["items"]) {
    CHECK(item["goal"] == "endurance");
    CHECK(item["total_minutes"].get<int>() <= 30);
    CHECK(item["total_minutes"].get<int>() >= last);
    last = item["total_minutes"].get<int>();
  }
  int checked = 0;
  const auto sqls = f.tdb.db->prepared_sql();
  f.tdb.db->with_writer([&](trae::Connection &c) {
    for (const auto &sql : sqls) {
      const bool muscle_level =
          sql.find("muscle_mask & ?") != std::string::npos && sql.find("w.level = ?") != std::string::npos;
      const bool goal_minutes = sql.find("w.goal = ?") != std::string::npos &&
                                sql.find("w.total_minutes <= ?") != std::string::npos &&
                                sql.find("w.level = ?") == std::string::npos &&
                                sql.find("equip_mask IN") == std::string::npos &&
                                sql.find("equip_mask &") == std::string::npos;
      if (!muscle_level && !goal_minutes) continue;
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      CHECK(plan.find(muscle_level ? "workouts_level_masks" : "workouts_goal_minutes") != std::string::npos);
      CHECK(plan.find("TEMP B-TREE") == std::string::npos);
      CHECK(plan.find("workout_muscles") == std::string::npos);
      ++checked;
    }
  });
  CHECK(checked >= 4);  // page and total for each filter
}
