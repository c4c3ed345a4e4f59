// trae-health seed's dataset at a tiny scale: counts, reproducibility,
// computed nutrition, plans owned by real users and sign-in.
#include "app/seed.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "../support/temp_db.hpp"
#include "app/auth_service.hpp"
#include "core/error.hpp"
#include "storage/document_codec.hpp"
#include "storage/health_store.hpp"
#include "storage/profile_store.hpp"

namespace {

using trae::Connection;

trae::SeedOptions tiny(std::uint64_t seed) {
  trae::SeedOptions o;
  o.users = 20;
  o.recipes = 200;
  o.workouts = 200;
  o.meal_plans = 50;
  o.health_days = 7;
  o.seed = seed;
  o.today = 20783;  // 2026-11-26
  return o;
}

struct Seeded {
  testing::TempDb tdb;
  std::FILE *sink = std::fopen("/dev/null", "w");
  trae::Logger log{sink};
  trae::TimeZones zones{log};
  explicit Seeded(std::uint64_t seed) { trae::seed_database(*tdb.db, tiny(seed), zones, log, nullptr); }
  ~Seeded() { std::fclose(sink); }

  long long count(const std::string &sql) {
    long long n = 0;
    tdb.db->read([&](Connection &c) {
      auto st = c.prepare(sql);
      if (st->executeStep()) n = st->getColumn(0).getInt64();
    });
    return n;
  }
  // Every row of the seeded tables, every column, as text.
  std::string dump() {
    std::vector<std::string> tables = {"users",    "profiles",          "recipes",   "recipe_ingredients",
                                       "workouts", "workout_exercises", "meal_plans"};
    for (const auto &k : trae::log_kinds()) tables.emplace_back(trae::health_store::table_name(k.kind));
    std::string out;
    tdb.db->read([&](Connection &c) {
      for (const auto &t : tables) {
        // Rows sorted as text (some tables have no rowid); ids are columns too.
        std::vector<std::string> rows;
        auto st = c.prepare("SELECT * FROM " + t);
        while (st->executeStep()) {
          std::string row = t + ":";
          for (int i = 0; i < st->getColumnCount(); ++i) row.append(st->getColumn(i).getString()).append("|");
          rows.push_back(std::move(row));
        }
        std::sort(rows.begin(), rows.end());
        for (const auto &r : rows) out.append(r).append("\n");
      }
    });
    return out;
  }
};

}  // namespace

TEST_CASE("seed: counts, the same seed gives the same rows, a refused second run") {
  Seeded a(7), b(7), other(8);
  CHECK(a.count("SELECT count(*) FROM users") == 20);
  CHECK(a.count("SELECT count(*) FROM profiles") == 20);
  CHECK(a.count("SELECT count(*) FROM recipes WHERE source = 'generated'") == 200);
  CHECK(a.count("SELECT count(*) FROM workouts WHERE source = 'generated'") == 200);
  CHECK(a.count("SELECT count(*) FROM meal_plans") == 50);
  // Every user has logs on most of the 7 days, ending on --today.
  CHECK(a.count("SELECT count(DISTINCT user_id) FROM weight_logs") == 20);
  CHECK(a.count("SELECT count(*) FROM weight_logs") >= 20 * 4);
  CHECK(a.count("SELECT max(day) = '2026-11-26' AND min(day) >= '2026-11-20' FROM step_logs") == 1);
  CHECK(a.count("SELECT count(*) FROM food_logs WHERE recipe_id IS NULL") == 0);

  const std::string dump = a.dump();
  CHECK(dump.size() > 100000);
  CHECK(dump == b.dump());
  CHECK(dump != other.dump());

  CHECK_THROWS_AS(trae::seed_database(*a.tdb.db, tiny(7), a.zones, a.log, nullptr), trae::Error);
  CHECK(a.count("SELECT count(*) FROM users") == 20);
}

TEST_CASE("seed: recipes' nutrition is the sum of their ingredients; plans are real plans of real users") {
  Seeded s(3);
  s.tdb.db->read([&](Connection &c) {
    // Per serving = sum(grams x per-100 g value) / servings, for a spread of generated recipes.
    auto r = c.prepare(
        "SELECT r.id, r.kcal, r.protein_g, r.servings, "
        "  (SELECT sum(i.grams * f.kcal / 100) FROM recipe_ingredients i JOIN foods f ON f.id = i.food_id "
        "   WHERE i.recipe_id = r.id), "
        "  (SELECT sum(i.grams * f.protein_g / 100) FROM recipe_ingredients i JOIN foods f ON f.id = "
        "i.food_id "
        "   WHERE i.recipe_id = r.id) "
        "FROM recipes r WHERE r.source = 'generated' AND r.id % 17 = 0");
    int checked = 0;
    while (r->executeStep()) {
      const double servings = r->getColumn(3).getDouble();
      CHECK(r->getColumn(1).getDouble() ==
            doctest::Approx(r->getColumn(4).getDouble() / servings).epsilon(0.01));
      CHECK(r->getColumn(2).getDouble() ==
            doctest::Approx(r->getColumn(5).getDouble() / servings).epsilon(0.01));
      ++checked;
    }
    CHECK(checked >= 5);

    auto p = c.prepare(
        "SELECT m.user_id, m.days, m.meals_per_day, m.plan, m.created_at, u.created_at FROM meal_plans m "
        "JOIN users u ON u.id = m.user_id ORDER BY m.id");
    int plans = 0;
    while (p->executeStep()) {
      ++plans;
      auto stored = p->getColumn(3);
      auto plan = nlohmann::json::parse(trae::document_codec::unpack(std::string_view(
          static_cast<const char *>(stored.getBlob()), static_cast<std::size_t>(stored.getBytes()))));
      REQUIRE(plan["days"].is_array());
      CHECK(static_cast<int>(plan["days"].size()) == p->getColumn(1).getInt());
      CHECK(plan["meals_per_day"] == p->getColumn(2).getInt());
      CHECK(p->getColumn(4).getInt64() >= p->getColumn(5).getInt64());
      // The plan respects its owner's diet and allergies.
      trae::Profile owner = trae::profile_store::load(c, p->getColumn(0).getInt64());
      CHECK(plan["restrictions"]["diet"] == owner.diet.value_or("omnivore"));
      for (const auto &a : owner.allergies)
        CHECK(plan["restrictions"]["exclude_allergens"].dump().find(a) != std::string::npos);
      for (const auto &d : plan["days"])
        for (const auto &m : d["meals"]) {
          auto r2 = c.prepare("SELECT count(*) FROM recipes WHERE id = ?");
          r2->bind(1, m["recipe_id"].get<int64_t>());
          r2->executeStep();
          CHECK(r2->getColumn(0).getInt() == 1);
          r2->reset();
        }
    }
    CHECK(plans == 50);
  });
  // A seeded user signs in with the documented password.
  trae::ManualClock clock(20783LL * 86400 + 16 * 3600);
  trae::AuthSettings settings;
  settings.jwt_secret = "unit-test-secret-0123456789abcdef";
  trae::AuthService auth(*s.tdb.db, clock, settings, s.log);
  auto tokens = auth.login(trae::seed_email(20), trae::kSeedPassword, {"127.0.0.1", "test"});
  CHECK(!tokens.access_token.empty());
  CHECK_THROWS(auth.login(trae::seed_email(20), "wrong password", {"127.0.0.1", "test"}));
  CHECK(trae::seed_email(3) == "user00003@seed.trae.example");
}

TEST_CASE("seed: the bulk path leaves the catalog as the per-row path would") {
  Seeded s(5);
  // Triggers and indexes dropped for the load are all back.
  CHECK(s.count("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN "
                "('recipes_revision_insert', 'workouts_fts_insert')") == 2);
  CHECK(s.count("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name IN "
                "('workout_muscles_workout', 'workout_muscles_minutes', 'workouts_goal', "
                "'recipe_ingredients_food')") == 4);
  // The active-day triggers are back, and active_days holds every (user, day)
  // with a log, as they would have written it row by row.
  CHECK(s.count("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%_day_insert'") ==
        8);
  const long long active = s.count("SELECT count(*) FROM active_days");
  CHECK(active > 5 * 4);
  CHECK(s.count("SELECT count(*) FROM (SELECT user_id, day FROM weight_logs UNION SELECT user_id, day FROM "
                "water_logs UNION SELECT user_id, day FROM step_logs UNION SELECT user_id, day FROM "
                "food_logs UNION SELECT user_id, day FROM sleep_logs UNION SELECT user_id, day FROM "
                "heart_rate_logs UNION SELECT user_id, day FROM measurement_logs UNION SELECT user_id, "
                "day FROM workout_logs UNION SELECT user_id, day FROM active_days)") == active);
  // One revision bump per catalog recipe, as the per-row trigger counts.
  CHECK(s.count("SELECT n FROM catalog_recipe_revision") ==
        s.count("SELECT count(*) FROM recipes WHERE owner_id IS NULL"));
  // Every workout is in the full-text index and findable by its name.
  CHECK(s.count("SELECT count(*) FROM workouts WHERE source = 'generated' AND id IN "
                "(SELECT rowid FROM workouts_fts WHERE workouts_fts MATCH 'session')") == 200);
  CHECK(s.count("SELECT count(*) FROM recipes_fts") == s.count("SELECT count(*) FROM recipes"));
  // Muscle rows copy their workout's minutes and equipment, one per muscle.
  CHECK(s.count("SELECT count(*) FROM workout_muscles m JOIN workouts w ON w.id = m.workout_id "
                "WHERE m.total_minutes != w.total_minutes OR m.equip_mask != w.equip_mask") == 0);
  CHECK(s.count("SELECT count(*) FROM workouts w WHERE w.source = 'generated' AND "
                "(SELECT count(*) FROM workout_muscles m WHERE m.workout_id = w.id) = 0") == 0);
  // kcal from the exercises' MET values.
  CHECK(s.count("SELECT count(*) FROM workouts WHERE kcal_70kg <= 0 OR total_minutes <= 0") == 0);
  // Foreign keys hold although they were not checked during the load, and the
  // writer is back to the server's settings.
  s.tdb.db->with_writer([&](Connection &c) {
    auto fk = c.prepare("PRAGMA foreign_key_check");
    CHECK_FALSE(fk->executeStep());
    fk->reset();
    auto on = c.prepare("PRAGMA foreign_keys");
    REQUIRE(on->executeStep());
    CHECK(on->getColumn(0).getInt() == 1);
    on->reset();
    auto sync = c.prepare("PRAGMA synchronous");
    REQUIRE(sync->executeStep());
    CHECK(sync->getColumn(0).getInt() == 1);  // NORMAL
    sync->reset();
  });
}
