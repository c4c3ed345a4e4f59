#include "storage/document_codec.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "../support/temp_db.hpp"
#include "core/error.hpp"
#include "storage/plan_store.hpp"

using namespace trae;
namespace codec = trae::document_codec;

namespace {

nlohmann::json sample_meal_plan() {
  nlohmann::json meals = nlohmann::json::array();
  for (const char *slot : {"breakfast", "lunch", "dinner"})
    meals.push_back(
        {{"meal_type", slot},
         {"name", std::string("Lemon lentil traybake for ") + slot},
         {"nutrition", {{"carbs_g", 59.0}, {"fat_g", 22.8}, {"kcal", 536.0}, {"protein_g", 27.6}}},
         {"recipe_id", 234319},
         {"servings", 1.5},
         {"slot", slot}});
  nlohmann::json grocery = nlohmann::json::array();
  for (int i = 1; i <= 20; ++i)
    grocery.push_back(
        {{"food_id", i * 7}, {"grams", 12.5 * i}, {"name", "Food number " + std::to_string(i)}});
  return {{"days", {{{"day", 1}, {"meals", meals}}}}, {"grocery_list", grocery}, {"meals_per_day", 3}};
}

std::string as_bytes(const SQLite::Column &c) {
  return std::string(static_cast<const char *>(c.getBlob()), static_cast<std::size_t>(c.getBytes()));
}

}  // namespace

TEST_CASE("a packed document unpacks to the same text, and is smaller") {
  const std::string text = sample_meal_plan().dump();
  const std::string packed = codec::pack(text);
  CHECK(codec::unpack(packed) == text);
  CHECK(static_cast<unsigned char>(packed[0]) == 1);
  CHECK(packed.size() * 3 < text.size());
  // Edge cases: empty text, text with every byte value, and text larger than
  // the inflate buffer.
  CHECK(codec::unpack(codec::pack("")) == "");
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  CHECK(codec::unpack(codec::pack(bytes)) == bytes);
  std::mt19937 rng(7);
  std::string big;
  for (int i = 0; i < 200000; ++i) big.push_back(static_cast<char>('a' + rng() % 26));
  CHECK(codec::unpack(codec::pack(big)) == big);
}

TEST_CASE("a damaged document is refused as an internal error, never misread") {
  const std::string packed = codec::pack(sample_meal_plan().dump());
  auto refused = [](const std::string &stored) {
    try {
      codec::unpack(stored);
      return false;
    } catch (const Error &e) {
      CHECK(e.code == ErrorCode::internal);
      return true;
    }
  };
  CHECK(refused(""));
  CHECK(refused(std::string("\x02") + packed.substr(1)));  // unknown version
  CHECK(refused(packed.substr(0, packed.size() / 2)));     // cut short
  CHECK(refused(packed + "x"));                            // trailing bytes
  CHECK(refused(sample_meal_plan().dump()));               // plain JSON text
  std::string flipped = packed;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5A);
  CHECK(refused(flipped));  // checksum mismatch
}

TEST_CASE("plans are stored packed and read back whole") {
  testing::TempDb t;
  long long user = 0, id = 0;
  const auto plan = sample_meal_plan();
  const nlohmann::json request = {{"days", 1}, {"diet", "omnivore"}, {"seed", 42}};
  t.db->write([&](Connection &c) {
    c.exec(
        "INSERT INTO users(email, password_hash, name, created_at, updated_at) VALUES ('a@b.c', 'x', 'n', 0, "
        "0)");
    user = c.db().getLastInsertRowid();
    id = plan_store::insert(c, plan_store::Kind::meal, {user, 1, 3, 2000, {}}, request, plan, 100);
  });
  t.db->read([&](Connection &c) {
    auto st = c.prepare("SELECT typeof(plan), length(plan), plan FROM meal_plans WHERE id = ?");
    st->bind(1, static_cast<int64_t>(id));
    REQUIRE(st->executeStep());
    CHECK(st->getColumn(0).getString() == "blob");
    CHECK(st->getColumn(1).getInt() * 3 < static_cast<int>(plan.dump().size()));
    CHECK(codec::unpack(as_bytes(st->getColumn(2))) == plan.dump());
    auto saved = plan_store::get(c, plan_store::Kind::meal, user, id);
    REQUIRE(saved);
    CHECK(saved->plan == plan);
    CHECK(saved->request == request);
  });
}

TEST_CASE("migration 0009 packs the plans an older version saved as text") {
  testing::TempDb t(false);
  migrate(*t.db, 8);
  const auto meal = sample_meal_plan();
  const nlohmann::json workout = {{"days", {{{"weekday", 1}, {"focus", "full body"}}}}, {"goal", "strength"}};
  const nlohmann::json request = {{"seed", 9}};
  t.db->write([&](Connection &c) {
    c.exec(
        "INSERT INTO users(id, email, password_hash, name, created_at, updated_at) VALUES (5, 'a@b.c', 'x', "
        "'n', 0, 0)");
    auto m = c.prepare(
        "INSERT INTO meal_plans(id, user_id, days, meals_per_day, target_kcal, request, plan, created_at, "
        "updated_at) VALUES (77, 5, 1, 3, 2000, ?, ?, 10, 11)");
    m->bind(1, request.dump());
    m->bind(2, meal.dump());
    m->exec();
    auto w = c.prepare(
        "INSERT INTO workout_plans(id, user_id, days_per_week, minutes_per_session, goal, request, plan, "
        "created_at, updated_at) VALUES (78, 5, 3, 45, 'strength', ?, ?, 12, 13)");
    w->bind(1, request.dump());
    w->bind(2, workout.dump());
    w->exec();
  });
  CHECK(migrate(*t.db) == latest_schema_version() - 8);
  t.db->read([&](Connection &c) {
    auto m = plan_store::get(c, plan_store::Kind::meal, 5, 77);
    REQUIRE(m);
    CHECK(m->plan == meal);
    CHECK(m->request == request);
    CHECK(m->created_at == 10);
    auto w = plan_store::get(c, plan_store::Kind::workout, 5, 78);
    REQUIRE(w);
    CHECK(w->plan == workout);
    CHECK(c.db().execAndGet("SELECT typeof(plan) || typeof(request) FROM workout_plans").getString() ==
          "blobblob");
    // The index came back, and the owner's cascade still reaches the plans.
    CHECK(c.db().execAndGet("SELECT count(*) FROM sqlite_master WHERE name = 'meal_plans_user'").getInt() ==
          1);
    SQLite::Statement fk(c.db(), "PRAGMA foreign_key_check");
    CHECK_FALSE(fk.executeStep());
  });
  t.db->write([&](Connection &c) { c.exec("DELETE FROM users WHERE id = 5"); });
  t.db->read([&](Connection &c) {
    CHECK(c.db()
              .execAndGet("SELECT (SELECT count(*) FROM meal_plans) + (SELECT count(*) FROM workout_plans)")
              .getInt() == 0);
  });
}
