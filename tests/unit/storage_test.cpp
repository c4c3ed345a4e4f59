#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "../support/query_plan.hpp"
#include "../support/temp_db.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"
#include "storage/profile_store.hpp"
#include "storage/user_store.hpp"

using namespace trae;
using testing::TempDb;

TEST_CASE("migrations apply in order and record user_version") {
  TempDb t(false);
  int steps = 0;
  CHECK(migrate(*t.db, 1, [&](const Migration &m) { CHECK(m.version == ++steps); }) == 1);
  t.db->with_writer([](Connection &c) { CHECK(schema_version(c) == 1); });
  CHECK(migrate(*t.db) == static_cast<int>(builtin_migrations().size()) - 1);
  t.db->with_writer([](Connection &c) { CHECK(schema_version(c) == latest_schema_version()); });
  CHECK(migrate(*t.db) == 0);  // idempotent
}

TEST_CASE("a database newer than the binary is refused") {
  TempDb t;
  t.db->with_writer([](Connection &c) { c.exec("PRAGMA user_version = 999"); });
  try {
    migrate(*t.db);
    FAIL("expected an error");
  } catch (const Error &e) {
    CHECK(e.code == ErrorCode::unavailable);
    CHECK(e.message().find("newer than this binary") != std::string::npos);
  }
}

TEST_CASE("schema.sql is exactly what the migrations build") {
  TempDb migrated;
  TempDb fresh(false);
  std::ifstream in(std::string(TRAE_SOURCE_DIR) + "/schema.sql");
  std::stringstream ss;
  ss << in.rdbuf();
  REQUIRE(!ss.str().empty());
  fresh.db->with_writer([&](Connection &c) { c.exec(ss.str()); });
  auto dump = [](Database &db) {
    std::string out;
    db.with_writer([&](Connection &c) {
      SQLite::Statement st(
          c.db(),
          "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
          "ORDER BY type, name");
      while (st.executeStep())
        out += st.getColumn(0).getString() + " " + st.getColumn(1).getString() + " " +
               st.getColumn(2).getString() + "\n";
      SQLite::Statement cols(
          c.db(),
          "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk FROM sqlite_master m, "
          "pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid");
      while (cols.executeStep())
        for (int i = 0; i < 6; ++i) out += cols.getColumn(i).getString() + (i == 5 ? "\n" : "|");
      SQLite::Statement idx(
          c.db(),
          "SELECT m.name, i.name, i.\"unique\", ii.name FROM sqlite_master m, pragma_index_list(m.name) "
          "i, pragma_index_info(i.name) ii WHERE m.type = 'table' ORDER BY m.name, i.name, ii.seqno");
      while (idx.executeStep())
        for (int i = 0; i < 4; ++i) out += idx.getColumn(i).getString() + (i == 3 ? "\n" : "|");
    });
    return out;
  };
  CHECK(dump(*fresh.db) == dump(*migrated.db));
}

TEST_CASE("a file that is not a database gets a clear error") {
  auto dir = testing::make_temp_dir("corrupt");
  {
    std::ofstream f(dir + "/bad.db");
    f << std::string(8192, 'x');
  }
  try {
    Database db(dir + "/bad.db", 1);
    FAIL("expected an error");
  } catch (const Error &e) {
    CHECK(e.code == ErrorCode::unavailable);
    CHECK(e.message().find("not a valid SQLite database") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("users, sessions and refresh tokens") {
  TempDb t;
  t.db->write([](Connection &c) {
    auto u = user_store::insert_user(c, "a@b.co", "A", "hash", 100);
    CHECK(u.id > 0);
    try {
      user_store::insert_user(c, "a@b.co", "B", "hash", 100);
      FAIL("duplicate email accepted");
    } catch (const Error &e) {
      CHECK(e.code == ErrorCode::conflict);
      CHECK(e.field == "email");
    }
    auto sid = user_store::insert_session(c, u.id, 100, 1000, std::string(500, 'u'), "1.2.3.4");
    CHECK(user_store::session_active(c, sid, u.id, 200));
    CHECK_FALSE(user_store::session_active(c, sid, u.id + 1, 200));
    CHECK_FALSE(user_store::session_active(c, sid, u.id, 1000));  // expired
    user_store::insert_refresh_token(c, "hash-1", sid, 100);
    auto rec = user_store::find_refresh_token(c, "hash-1");
    REQUIRE(rec);
    CHECK(rec->user_id == u.id);
    CHECK_FALSE(rec->used_at);
    CHECK(user_store::mark_refresh_token_used(c, "hash-1", 150));
    CHECK_FALSE(user_store::mark_refresh_token_used(c, "hash-1", 160));
    CHECK(*user_store::find_refresh_token(c, "hash-1")->used_at == 150);
    user_store::revoke_session(c, sid, 170, "test");
    CHECK_FALSE(user_store::session_active(c, sid, u.id, 200));
    CHECK(*user_store::find_refresh_token(c, "hash-1")->session_revoked_at == 170);
    CHECK_FALSE(user_store::find_refresh_token(c, "nope"));

    for (int i = 0; i < 12; ++i) user_store::record_failure(c, "account", "a@b.co", 1000 + i);
    CHECK(user_store::nth_latest_failure(c, "account", "a@b.co", 0, 10) == 1002);
    CHECK_FALSE(user_store::nth_latest_failure(c, "account", "a@b.co", 1005, 10));
    CHECK_FALSE(user_store::nth_latest_failure(c, "ip", "a@b.co", 0, 1));
    CHECK(user_store::prune(c, 1005) >= 5);
    user_store::clear_failures(c, "account", "a@b.co");
    CHECK_FALSE(user_store::nth_latest_failure(c, "account", "a@b.co", 0, 1));

    CHECK(user_store::find_by_email(c, "a@b.co")->password_hash == "hash");
    CHECK(user_store::delete_user(c, u.id));
    CHECK_FALSE(user_store::delete_user(c, u.id));
    CHECK_FALSE(user_store::find_user(c, u.id));
  });
}

TEST_CASE("profiles round-trip and disappear with their user") {
  TempDb t;
  t.db->write([](Connection &c) {
    auto u = user_store::insert_user(c, "p@b.co", "P", "hash", 100);
    CHECK(profile_store::load(c, u.id).units == "metric");  // defaults before any save
    Profile p;
    p.sex = Sex::male;
    p.birth_date = "1985-05-05";
    p.height_cm = 181.5;
    p.weight_kg = 79;
    p.activity_level = ActivityLevel::active;
    p.goal = Goal::gain;
    p.diet = "halal";
    p.allergies = {"peanut", "sesame"};
    p.equipment = {"barbell"};
    p.units = "imperial";
    p.timezone = "Africa/Cairo";
    p.language = "ar";
    p.water_goal_ml = 3000;
    p.steps_goal = 12000;
    profile_store::save(c, u.id, p, 200);
    auto q = profile_store::load(c, u.id);
    CHECK(q.sex == Sex::male);
    CHECK(q.birth_date == "1985-05-05");
    CHECK(q.height_cm == 181.5);
    CHECK(q.activity_level == ActivityLevel::active);
    CHECK(q.goal == Goal::gain);
    CHECK(q.diet == "halal");
    CHECK(q.allergies == std::vector<std::string>{"peanut", "sesame"});
    CHECK(q.equipment == std::vector<std::string>{"barbell"});
    CHECK(q.timezone == "Africa/Cairo");
    CHECK(q.steps_goal == 12000);
    p.weight_kg.reset();
    profile_store::save(c, u.id, p, 300);
    CHECK_FALSE(profile_store::load(c, u.id).weight_kg);
    user_store::delete_user(c, u.id);
    SQLite::Statement left(c.db(), "SELECT COUNT(*) FROM profiles");
    left.executeStep();
    CHECK(left.getColumn(0).getInt() == 0);
  });
}

TEST_CASE("writes roll back on error and reads see a snapshot") {
  TempDb t;
  CHECK_THROWS(t.db->write([](Connection &c) {
    user_store::insert_user(c, "r@b.co", "R", "h", 1);
    throw std::runtime_error("boom");
  }));
  t.db->read([](Connection &c) { CHECK_FALSE(user_store::find_by_email(c, "r@b.co")); });
  CHECK(t.db->probe_write(100));
  CHECK(t.db->stats().writes == 0);
  t.db->write([](Connection &c) { user_store::insert_user(c, "r@b.co", "R", "h", 1); });
  CHECK(t.db->stats().writes == 1);
  CHECK(t.db->wal_bytes() > 0);
  // Readers cannot write.
  CHECK_THROWS(t.db->read([](Connection &c) { c.exec("DELETE FROM users"); }));
}

TEST_CASE("probe_write fails while another process holds the write lock") {
  TempDb t;
  SQLite::Database other(t.path, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  CHECK_FALSE(t.db->probe_write(100));
  other.exec("ROLLBACK");
  CHECK(t.db->probe_write(100));
}

TEST_CASE("migration 11 fills active_days from the logs already there") {
  TempDb t(false);
  migrate(*t.db, 10);
  t.db->with_writer([](Connection &c) {
    c.exec(
        "INSERT INTO users(id, email, name, password_hash, created_at, updated_at) VALUES "
        "(1, 'a@example.com', 'A', 'x', 0, 0), (2, 'b@example.com', 'B', 'x', 0, 0)");
    c.exec(
        "INSERT INTO water_logs(user_id, at, day, ml, created_at, updated_at) VALUES "
        "(1, 0, '2026-11-01', 250, 0, 0), (1, 1, '2026-11-01', 250, 0, 0), (2, 0, '2026-11-02', 250, 0, 0)");
    c.exec(
        "INSERT INTO weight_logs(user_id, at, day, weight_kg, created_at, updated_at) VALUES "
        "(1, 0, '2026-11-03', 80, 0, 0)");
  });
  CHECK(migrate(*t.db, 11) == 1);
  std::vector<std::string> rows;
  t.db->read([&](Connection &c) {
    auto st = c.prepare("SELECT user_id || ' ' || day FROM active_days ORDER BY user_id, day");
    while (st->executeStep()) rows.push_back(st->getColumn(0).getString());
  });
  CHECK(rows == std::vector<std::string>{"1 2026-11-01", "1 2026-11-03", "2 2026-11-02"});
}
