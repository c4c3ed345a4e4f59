// The application without the network: real services on a temporary
// database, a manual clock, and the Api that the server would call.
#pragma once
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/account_service.hpp"
#include "app/auth_service.hpp"
#include "http/api.hpp"
#include "temp_db.hpp"

namespace testing {

struct AppFixture {
  TempDb tdb;
  trae::ManualClock clock{1795669693};  // 2026-11-26
  std::FILE *log_sink = std::fopen("/dev/null", "w");
  trae::Logger log{log_sink};
  std::unique_ptr<trae::AuthService> auth;
  std::unique_ptr<trae::AccountService> accounts;
  std::unique_ptr<trae::CatalogService> catalog;
  std::unique_ptr<trae::TimeZones> zones;
  std::unique_ptr<trae::HealthService> health;
  std::unique_ptr<trae::DashboardService> dashboard;
  std::unique_ptr<trae::MealPlanService> meal_plans;
  // Tests set the recent training the recommendations see.
  std::vector<trae::workoutplan::RecentSession> recent_training;
  std::unique_ptr<trae::WorkoutPlanService> workout_plans;
  // A budget no ordinary test reaches; rate-limit tests call use_options().
  std::unique_ptr<trae::RateLimiter> limiter =
      std::make_unique<trae::RateLimiter>(trae::RateLimitPolicy{1000000, 900});
  // On as in production, so every API test also checks that no cached
  // answer outlives a write; tests of the cache itself read its stats.
  std::unique_ptr<trae::ResponseCache> cache =
      std::make_unique<trae::ResponseCache>(trae::LruLimits{1000, 8u << 20, 60}, clock);
  std::unique_ptr<trae::Api> api;
  bool db_ready = true;

  AppFixture() {
    trae::AuthSettings s;
    s.jwt_secret = "unit-test-secret-0123456789abcdef";
    s.password = trae::PasswordParams{1024, 1, 1};  // fast hashing for tests
    auth = std::make_unique<trae::AuthService>(*tdb.db, clock, s, log);
    accounts = std::make_unique<trae::AccountService>(*tdb.db, clock, log);
    catalog = std::make_unique<trae::CatalogService>(*tdb.db, clock, log);
    zones = std::make_unique<trae::TimeZones>(log);
    health = std::make_unique<trae::HealthService>(*tdb.db, clock, *zones, log);
    dashboard = std::make_unique<trae::DashboardService>(*tdb.db, clock, *zones, log);
    meal_plans = std::make_unique<trae::MealPlanService>(*tdb.db, *accounts, clock, log);
    workout_plans = std::make_unique<trae::WorkoutPlanService>(
        *tdb.db, *accounts, clock, log, [this](long long, long long) { return recent_training; });
    use_options({{}, limiter.get()});
  }
  // The services this fixture wires, for tests that build their own Api.
  trae::Services services() {
    return trae::Services{*auth,
                          *accounts,
                          *catalog,
                          *health,
                          *dashboard,
                          *meal_plans,
                          *workout_plans,
                          *tdb.db,
                          clock,
                          log,
                          [this] { return db_ready; },
                          nullptr,
                          cache.get()};
  }
  // Rebuilds the Api with other cross-cutting options (CORS, rate limit).
  void use_options(trae::ApiOptions options) {
    api = std::make_unique<trae::Api>(services(), std::move(options));
  }
  ~AppFixture() { std::fclose(log_sink); }

  // The first column of the first row of a query: counts in assertions.
  long long rows(const std::string &sql) {
    long long n = 0;
    tdb.db->read([&](trae::Connection &c) {
      SQLite::Statement st(c.db(), sql);
      st.executeStep();
      n = st.getColumn(0).getInt64();
    });
    return n;
  }

  struct Reply {
    int status;
    nlohmann::json json;
    trae::HttpResponse raw;
    std::string error_field() const {
      return json.contains("error") && json["error"]["field"].is_string()
                 ? json["error"]["field"].get<std::string>()
                 : "";
    }
    std::string error_code() const { return json.contains("error") ? json["error"].value("code", "") : ""; }
  };

  // A request for "path?query" as the server would hand it to the Api.
  static trae::HttpRequest request(const std::string &method, const std::string &path,
                                   const std::string &ip = "10.0.0.1") {
    trae::HttpRequest req;
    req.method = method;
    auto q = path.find('?');
    req.path = path.substr(0, q);
    if (q != std::string::npos) {
      std::string qs = path.substr(q + 1);
      std::size_t i = 0;
      while (i <= qs.size()) {
        auto amp = qs.find('&', i);
        if (amp == std::string::npos) amp = qs.size();
        auto kv = qs.substr(i, amp - i);
        auto eq = kv.find('=');
        if (!kv.empty())
          req.query.emplace_back(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
        i = amp + 1;
      }
    }
    req.remote_ip = ip;
    req.request_id = "test";
    return req;
  }

  Reply call(const std::string &method, const std::string &path, const std::string &body = {},
             const std::string &token = {}, const std::string &content_type = "application/json",
             const std::string &ip = "10.0.0.1") {
    trae::HttpRequest req = request(method, path, ip);
    req.body = body;
    if (!content_type.empty() && !body.empty()) req.headers.emplace_back("content-type", content_type);
    if (!token.empty()) req.headers.emplace_back("authorization", "Bearer " + token);
    Reply r;
    api->handle(req, r.raw);
    r.status = r.raw.status;
    r.json = nlohmann::json::parse(r.raw.body, nullptr, false);
    return r;
  }
  Reply post(const std::string &p, const nlohmann::json &b, const std::string &t = {}) {
    return call("POST", p, b.dump(), t);
  }
  Reply put(const std::string &p, const nlohmann::json &b, const std::string &t = {}) {
    return call("PUT", p, b.dump(), t);
  }
  Reply get(const std::string &p, const std::string &t = {}) { return call("GET", p, {}, t); }

  // Registers a user, signs in and returns the access token.
  std::string signup(const std::string &email, const std::string &password = "a-long-password",
                     const std::string &name = "Test User") {
    auto r = post("/api/v1/auth/register", {{"email", email}, {"password", password}, {"name", name}});
    REQUIRE(r.status == 202);
    auto in = post("/api/v1/auth/login", {{"email", email}, {"password", password}});
    REQUIRE(in.status == 200);
    return in.json["access_token"];
  }
};

}  // namespace testing
