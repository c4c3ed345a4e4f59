#include <doctest/doctest.h>

#include "../support/app_fixture.hpp"
#include "../support/query_plan.hpp"
#include "core/error.hpp"
#include "security/jwt.hpp"

using namespace trae;
using testing::AppFixture;

namespace {
ErrorCode code_of(const std::function<void()> &fn) {
  try {
    fn();
  } catch (const Error &e) {
    return e.code;
  }
  return ErrorCode::internal;
}

// Registration answers nothing; the account is then signed in to.
TokenPair enroll(AppFixture &f, const std::string &email, const std::string &password,
                 const std::string &name, const ClientInfo &client) {
  REQUIRE(f.auth->register_account(email, password, name));
  return f.auth->login(email, password, client);
}
}  // namespace

TEST_CASE("access tokens expire after 15 minutes") {
  AppFixture f;
  auto t = enroll(f, "Exp@Example.com", "a-long-password", "E", {"1.1.1.1", "ua"});
  CHECK(t.user.email == "exp@example.com");
  CHECK(t.expires_in == 900);
  CHECK(f.auth->authenticate(t.access_token).id == t.user.id);
  f.clock.advance(899);
  CHECK(f.auth->authenticate(t.access_token).id == t.user.id);
  f.clock.advance(1);
  CHECK(code_of([&] { f.auth->authenticate(t.access_token); }) == ErrorCode::unauthorized);
  // The refresh token still works and gives a fresh access token.
  auto t2 = f.auth->refresh(t.refresh_token, {});
  CHECK(f.auth->authenticate(t2.access_token).session_id == f.auth->authenticate(t2.access_token).session_id);
}

TEST_CASE("refresh rotation and reuse detection") {
  AppFixture f;
  auto t1 = enroll(f, "rot@example.com", "a-long-password", "R", {});
  auto t2 = f.auth->refresh(t1.refresh_token, {});
  CHECK(t2.refresh_token != t1.refresh_token);
  // The old token no longer works...
  CHECK(code_of([&] { f.auth->refresh(t1.refresh_token, {}); }) == ErrorCode::unauthorized);
  // ...and its reuse revoked the family: the newest token and access token die too.
  CHECK(code_of([&] { f.auth->refresh(t2.refresh_token, {}); }) == ErrorCode::unauthorized);
  CHECK(code_of([&] { f.auth->authenticate(t2.access_token); }) == ErrorCode::unauthorized);
  // Other sessions of the same user are untouched.
  auto other = f.auth->login("rot@example.com", "a-long-password", {});
  CHECK(f.auth->authenticate(other.access_token).id == t1.user.id);
  CHECK(code_of([&] { f.auth->refresh("", {}); }) == ErrorCode::unauthorized);
  CHECK(code_of([&] { f.auth->refresh(std::string(200, 'x'), {}); }) == ErrorCode::unauthorized);
}

TEST_CASE("refresh tokens expire after 30 days of disuse") {
  AppFixture f;
  auto t = enroll(f, "old@example.com", "a-long-password", "O", {});
  f.clock.advance(30LL * 24 * 3600);
  CHECK(code_of([&] { f.auth->refresh(t.refresh_token, {}); }) == ErrorCode::unauthorized);
}

TEST_CASE("logout ends the session") {
  AppFixture f;
  auto t = enroll(f, "out@example.com", "a-long-password", "O", {});
  auto who = f.auth->authenticate(t.access_token);
  f.auth->logout(who);
  CHECK(code_of([&] { f.auth->authenticate(t.access_token); }) == ErrorCode::unauthorized);
  CHECK(code_of([&] { f.auth->refresh(t.refresh_token, {}); }) == ErrorCode::unauthorized);
  CHECK_FALSE(f.auth->revoke_refresh_session("unknown"));
  CHECK(f.auth->revoke_refresh_session(t.refresh_token));
}

TEST_CASE("failed sign-ins are throttled per account and per address") {
  AppFixture f;
  enroll(f, "victim@example.com", "a-long-password", "V", {});
  SUBCASE("per account, whatever the address") {
    for (int i = 0; i < 10; ++i)
      CHECK(code_of([&] {
              f.auth->login("victim@example.com", "wrong-password", {"10.0.0." + std::to_string(i), ""});
            }) == ErrorCode::unauthorized);
    try {
      f.auth->login("victim@example.com", "a-long-password", {"10.9.9.9", ""});
      FAIL("not throttled");
    } catch (const Error &e) {
      CHECK(e.code == ErrorCode::rate_limited);
      CHECK(e.retry_after_s == 900);
    }
    f.clock.advance(901);  // the window has passed
    CHECK(f.auth->login("victim@example.com", "a-long-password", {"10.9.9.9", ""}).user.email ==
          "victim@example.com");
  }
  SUBCASE("per address, whatever the account") {
    for (int i = 0; i < 10; ++i) {
      f.clock.advance(1);
      CHECK(code_of([&] {
              f.auth->login("user" + std::to_string(i) + "@example.com", "wrong-password", {"10.6.6.6", ""});
            }) == ErrorCode::unauthorized);
    }
    CHECK(code_of([&] {
            f.auth->login("victim@example.com", "a-long-password", {"10.6.6.6", ""});
          }) == ErrorCode::rate_limited);
    CHECK(f.auth->login("victim@example.com", "a-long-password", {"10.7.7.7", ""}).user.id > 0);
  }
  SUBCASE("unknown accounts and malformed emails are answered alike") {
    CHECK(code_of([&] { f.auth->login("nobody@example.com", "whatever-password", {}); }) ==
          ErrorCode::unauthorized);
    CHECK(code_of([&] { f.auth->login("not-an-email", "whatever-password", {}); }) ==
          ErrorCode::unauthorized);
  }
}

TEST_CASE("registration validates and leaves a taken address untouched") {
  AppFixture f;
  CHECK(f.auth->register_account("dup@example.com", "a-long-password", "D"));
  CHECK_FALSE(f.auth->register_account("DUP@example.com", "another-password", "Mallory"));
  CHECK(code_of([&] { f.auth->register_account("x", "a-long-password", "D"); }) == ErrorCode::invalid);
  CHECK(code_of([&] { f.auth->register_account("a@b.co", "short", "D"); }) == ErrorCode::invalid);
  CHECK(code_of([&] { f.auth->register_account("a@b.co", "a-long-password", ""); }) == ErrorCode::invalid);
  // The first owner keeps the account, name and password.
  CHECK(f.auth->me(f.auth->login("dup@example.com", "a-long-password", {}).user.id).name == "D");
  CHECK(code_of([&] { f.auth->login("dup@example.com", "another-password", {}); }) ==
        ErrorCode::unauthorized);
  CHECK(code_of([&] { f.auth->me(9999); }) == ErrorCode::unauthorized);
}

TEST_CASE("tokens of a deleted account stop working") {
  AppFixture f;
  auto t = enroll(f, "gone@example.com", "a-long-password", "G", {});
  f.accounts->delete_account(t.user.id);
  CHECK(code_of([&] { f.auth->authenticate(t.access_token); }) == ErrorCode::unauthorized);
  CHECK(code_of([&] { f.auth->refresh(t.refresh_token, {}); }) == ErrorCode::unauthorized);
  CHECK(code_of([&] { f.accounts->delete_account(t.user.id); }) == ErrorCode::not_found);
  CHECK(code_of([&] { f.accounts->export_all(t.user.id); }) == ErrorCode::not_found);
}

TEST_CASE("every query the account flows run uses an index") {
  AppFixture f;
  auto tok = f.signup("plan@example.com");
  auto t = f.auth->login("plan@example.com", "a-long-password", {"1.2.3.4", ""});
  f.auth->refresh(t.refresh_token, {});
  CHECK_THROWS(f.auth->login("plan@example.com", "bad-password", {"1.2.3.4", ""}));
  f.put("/api/v1/profile", {{"weight_kg", 70}}, tok);
  f.get("/api/v1/profile", tok);
  f.get("/api/v1/account/export", tok);
  auto sqls = f.tdb.db->prepared_sql();
  CHECK(sqls.size() >= 12);
  f.tdb.db->with_writer([&](Connection &c) {
    for (const auto &sql : sqls) {
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      CHECK_FALSE(testing::has_full_scan(plan));
    }
  });
}
