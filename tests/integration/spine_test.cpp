// The real binary over HTTPS: accounts, tokens, validation, limits, redirects.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "../support/server_process.hpp"
#include "security/crypto.hpp"
#include "security/jwt.hpp"

using testing::Api;
using testing::ServerProcess;

namespace {
const std::string kSecret = "integration-secret-0123456789abcdef";

nlohmann::json register_body(const std::string &email) {
  return {{"email", email}, {"password", "correct-horse-battery"}, {"name", "Integration"}};
}
}  // namespace

TEST_CASE("the whole account flow over HTTPS") {
  ServerProcess server({{"JWT_SECRET", kSecret}});
  Api api(server);

  auto registered = api.post("/api/v1/auth/register", register_body("it@example.com"));
  REQUIRE(registered.status == 202);
  CHECK(registered.header("Cache-Control") == "no-store");
  auto again = api.post("/api/v1/auth/register", register_body("it@example.com"));
  CHECK(again.status == 202);
  CHECK(again.body == registered.body);  // a taken address is not revealed

  auto reg =
      api.post("/api/v1/auth/login", {{"email", "it@example.com"}, {"password", "correct-horse-battery"}});
  REQUIRE(reg.status == 200);
  CHECK(reg.json["user"]["email"] == "it@example.com");
  CHECK(reg.json["user"]["id"].is_number_integer());
  auto login =
      api.post("/api/v1/auth/login", {{"email", "it@example.com"}, {"password", "correct-horse-battery"}});
  REQUIRE(login.status == 200);
  std::string access = login.json["access_token"], refresh = login.json["refresh_token"];
  CHECK(api.get("/api/v1/auth/me", access).json["email"] == "it@example.com");

  SUBCASE("rotation, and reuse of a rotated token revokes the family") {
    auto r1 = api.post("/api/v1/auth/refresh", {{"refresh_token", refresh}});
    REQUIRE(r1.status == 200);
    std::string refresh2 = r1.json["refresh_token"], access2 = r1.json["access_token"];
    CHECK(api.get("/api/v1/auth/me", access2).status == 200);
    auto reuse = api.post("/api/v1/auth/refresh", {{"refresh_token", refresh}});
    CHECK(reuse.status == 401);
    CHECK(reuse.json["error"]["code"] == "unauthorized");
    CHECK(api.post("/api/v1/auth/refresh", {{"refresh_token", refresh2}}).status == 401);
    CHECK(api.get("/api/v1/auth/me", access2).status == 401);
    // The first session is a different family and still works.
    CHECK(api.get("/api/v1/auth/me", reg.json["access_token"]).status == 200);
  }
  SUBCASE("logout") {
    auto out = api.request("POST", "/api/v1/auth/logout", "", access);
    CHECK(out.status == 204);
    CHECK(api.get("/api/v1/auth/me", access).status == 401);
    CHECK(api.post("/api/v1/auth/refresh", {{"refresh_token", refresh}}).status == 401);
  }
  SUBCASE("tampered, alg none and expired tokens") {
    std::string tampered = access;
    tampered[tampered.size() - 3] = tampered[tampered.size() - 3] == 'a' ? 'b' : 'a';
    CHECK(api.get("/api/v1/auth/me", tampered).status == 401);
    auto d1 = access.find('.');
    auto d2 = access.rfind('.');
    std::string payload = access.substr(d1 + 1, d2 - d1 - 1);
    std::string none = trae::base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + payload + ".";
    CHECK(api.get("/api/v1/auth/me", none).status == 401);
    // A token signed with the real key but already expired.
    auto claims = trae::verify_access_token(access, kSecret, 0);
    REQUIRE(claims);
    claims->expires_at = claims->issued_at - 1;
    auto expired = api.get("/api/v1/auth/me", trae::sign_access_token(*claims, kSecret));
    CHECK(expired.status == 401);
    CHECK(expired.header("WWW-Authenticate") == "Bearer");
    // And the same token with a fresh expiry is accepted: the key is right.
    claims->expires_at = claims->issued_at + 600;
    CHECK(api.get("/api/v1/auth/me", trae::sign_access_token(*claims, kSecret)).status == 200);
    CHECK(api.get("/api/v1/auth/me", trae::sign_access_token(*claims, kSecret + "x")).status == 401);
  }
  SUBCASE("profile and account lifecycle") {
    auto put = api.put("/api/v1/profile", {{"sex", "male"}, {"height_cm", 180}, {"weight_kg", 82.5}}, access);
    CHECK(put.status == 200);
    CHECK(put.json["weight_kg"] == 82.5);
    auto bad = api.put("/api/v1/profile", {{"height_cm", 20}}, access);
    CHECK(bad.status == 422);
    CHECK(bad.error_field() == "height_cm");
    auto exp = api.get("/api/v1/account/export", access);
    CHECK(exp.status == 200);
    CHECK(exp.json["profile"]["weight_kg"] == 82.5);
    CHECK(exp.header("Content-Disposition").find("attachment") == 0);
    CHECK(api.del("/api/v1/account", access).status == 204);
    CHECK(api.get("/api/v1/auth/me", access).status == 401);
    CHECK(api.post("/api/v1/auth/login", {{"email", "it@example.com"}, {"password", "correct-horse-battery"}})
              .status == 401);
  }
}

TEST_CASE("failed logins are throttled with Retry-After") {
  ServerProcess server;
  Api api(server);
  REQUIRE(api.post("/api/v1/auth/register", register_body("t@example.com")).status == 202);
  for (int i = 0; i < 10; ++i)
    CHECK(
        api.post("/api/v1/auth/login", {{"email", "t@example.com"}, {"password", "wrong-password"}}).status ==
        401);
  auto r =
      api.post("/api/v1/auth/login", {{"email", "t@example.com"}, {"password", "correct-horse-battery"}});
  CHECK(r.status == 429);
  CHECK(r.json["error"]["code"] == "rate_limited");
  int retry = std::stoi(r.header("Retry-After"));
  CHECK(retry > 800);
  CHECK(retry <= 900);
}

TEST_CASE("validation, body limits and content types") {
  ServerProcess server;
  Api api(server);
  auto malformed = api.request("POST", "/api/v1/auth/register", "{\"email\":");
  CHECK(malformed.status == 400);
  CHECK(malformed.json["error"]["code"] == "bad_request");
  auto unknown = api.post("/api/v1/calculator", {{"invalid", "data"}});
  CHECK(unknown.status == 422);
  auto plain = api.request("POST", "/api/v1/calculator", "sex=male", "", "text/plain");
  CHECK(plain.status == 415);
  std::string huge = "{\"name\":\"" + std::string(1024 * 1024 + 10, 'a') + "\"}";
  auto big = api.request("POST", "/api/v1/auth/register", huge);
  CHECK(big.status == 413);
  CHECK(big.json["error"]["code"] == "payload_too_large");
  auto nf = api.get("/api/v1/nope");
  CHECK(nf.status == 404);
  CHECK(nf.json["error"]["message"] == "no such endpoint");
  CHECK(nf.header("X-Request-Id").size() >= 8);
  // Errors reveal no server version or internals.
  CHECK(nf.header("Server").empty());
  CHECK(nf.body.find("httplib") == std::string::npos);
  // Security headers on every HTTPS answer.
  CHECK(nf.header("Strict-Transport-Security").find("max-age=") == 0);
  CHECK(nf.header("X-Content-Type-Options") == "nosniff");
  CHECK(nf.header("X-Frame-Options") == "DENY");
  CHECK(!nf.header("Content-Security-Policy").empty());
  CHECK(!nf.header("Referrer-Policy").empty());
  CHECK(!nf.header("Permissions-Policy").empty());
  CHECK(nf.header("Cross-Origin-Opener-Policy") == "same-origin");
  // The calculator works signed out.
  auto calc = api.post("/api/v1/calculator", {{"sex", "female"},
                                              {"age", 40},
                                              {"height_cm", 165},
                                              {"weight_kg", 70},
                                              {"activity_level", "light"},
                                              {"goal", "maintain"}});
  CHECK(calc.status == 200);
  CHECK(calc.json["bmr"]["mifflin_st_jeor"] == 1370);  // 700 + 1031.25 - 200 - 161
  // An incoming request id is echoed when it is safe, replaced when not.
  httplib::Headers h{{"X-Request-Id", "trace-abc-123"}};
  auto echoed = api.raw().Get("/health", h);
  REQUIRE(echoed);
  CHECK(echoed->get_header_value("X-Request-Id") == "trace-abc-123");
  httplib::Headers evil{{"X-Request-Id", "bad id with spaces"}};
  auto replaced = api.raw().Get("/health", evil);
  CHECK(replaced->get_header_value("X-Request-Id") != "bad id with spaces");
  // Access logs are JSON lines carrying the request id.
  CHECK(server.log().find("\"request_id\":\"trace-abc-123\"") != std::string::npos);
}

TEST_CASE("plain HTTP redirects to HTTPS and serves ACME challenges") {
  auto dir = testing::make_temp_dir("acme");
  std::filesystem::create_directories(dir + "/.well-known/acme-challenge");
  {
    std::ofstream f(dir + "/.well-known/acme-challenge/token-123_ABC");
    f << "token-123_ABC.key-authorization";
  }
  ServerProcess server({{"ACME_WEBROOT", dir}});
  httplib::Client http("127.0.0.1", server.http_port());
  auto r = http.Get("/api/v1/nutrition-data/recipes?q=oats&page=2");
  REQUIRE(r);
  CHECK(r->status == 301);
  CHECK(r->get_header_value("Location") == "https://127.0.0.1:" + std::to_string(server.https_port()) +
                                               "/api/v1/nutrition-data/recipes?q=oats&page=2");
  auto post = http.Post("/api/v1/auth/login", "{}", "application/json");
  CHECK(post->status == 301);
  auto acme = http.Get("/.well-known/acme-challenge/token-123_ABC");
  REQUIRE(acme);
  CHECK(acme->status == 200);
  CHECK(acme->body == "token-123_ABC.key-authorization");
  CHECK(http.Get("/.well-known/acme-challenge/missing")->status == 404);
  CHECK(http.Get("/.well-known/acme-challenge/..%2F..%2Fetc%2Fpasswd")->status == 404);
  CHECK(http.Get("/.well-known/acme-challenge/../../server.log")->status != 200);
  std::filesystem::remove_all(dir);
}

// GET, HEAD and OPTIONS are answered before httplib's own routing; the
// methods with bodies go through it. Both paths must route and log alike,
// and the log must carry the client's address.
TEST_CASE("every method is routed and logged with the client's address") {
  ServerProcess server(std::map<std::string, std::string>{{"LOG_LEVEL", "info"}});
  Api api(server);
  auto token = api.sign_up("routes@example.com", "correct-horse-battery");
  REQUIRE_FALSE(token.empty());
  CHECK(api.get("/api/v1/profile", token).status == 200);
  CHECK(api.request("HEAD", "/api/v1/profile", {}, token).status == 200);
  auto plain_options = api.request("OPTIONS", "/api/v1/profile");  // no Origin: not a preflight
  CHECK(plain_options.status == 405);
  CHECK(plain_options.header("Allow").find("GET") != std::string::npos);
  auto missing = api.get("/api/v1/no-such-thing");
  CHECK(missing.status == 404);
  CHECK(missing.error_code() == "not_found");
  auto wrong = api.get("/api/v1/auth/login");
  CHECK(wrong.status == 405);
  CHECK(wrong.header("Allow") == "POST");
  CHECK(api.del("/api/v1/auth/login").status == 405);

  // The access-log lines of the HTTPS requests, in order.
  auto request_lines = [&server] {
    std::vector<nlohmann::json> out;
    std::istringstream lines(server.log());
    for (std::string line; std::getline(lines, line);) {
      auto j = nlohmann::json::parse(line, nullptr, false);
      if (j.is_object() && j.value("msg", "") == "request" && j.value("tls", false))
        out.push_back(std::move(j));
    }
    return out;
  };
  // httplib writes a request's access-log line after sending its response,
  // so the last line may still be on its way (under ASan it was): read the
  // log until the last request's line is there, for up to 10 s.
  auto has_last = [](const std::vector<nlohmann::json> &lines) {
    return std::any_of(lines.begin(), lines.end(), [](const nlohmann::json &j) {
      return j.value("method", "") == "DELETE" && j.value("path", "") == "/api/v1/auth/login";
    });
  };
  auto logged = request_lines();
  for (int attempt = 0; attempt < 400 && !has_last(logged); ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    logged = request_lines();
  }
  std::map<std::string, std::string> route_of;  // "METHOD path" -> logged route
  for (const auto &j : logged) {
    CHECK(j["ip"] == "127.0.0.1");
    CHECK(j["request_id"].is_string());
    route_of[j["method"].get<std::string>() + " " + j["path"].get<std::string>()] = j["route"];
  }
  CHECK(route_of["POST /api/v1/auth/login"] == "/api/v1/auth/login");
  CHECK(route_of["GET /api/v1/profile"] == "/api/v1/profile");
  CHECK(route_of["HEAD /api/v1/profile"] == "/api/v1/profile");
  CHECK(route_of.count("OPTIONS /api/v1/profile") == 1);
  CHECK(route_of.count("GET /api/v1/no-such-thing") == 1);
  CHECK(route_of.count("DELETE /api/v1/auth/login") == 1);
}

TEST_CASE("health, and readiness follows the database") {
  ServerProcess server;
  Api api(server);
  auto h = api.get("/health");
  CHECK(h.status == 200);
  CHECK(h.json["status"] == "ok");
  CHECK(h.json["db"] == "ok");
  CHECK(h.json["version"].is_string());
  CHECK(h.json["uptime_s"].is_number_integer());
  CHECK(api.get("/ready").status == 200);
  {
    // Another process takes the write lock: the appliance is not ready to write.
    SQLite::Database other(server.data_dir() + "/trae.db", SQLite::OPEN_READWRITE);
    other.exec("BEGIN IMMEDIATE");
    auto busy = api.get("/ready");
    CHECK(busy.status == 503);
    CHECK(busy.json["db"] == "unavailable");
    CHECK(api.get("/health").status == 200);
    other.exec("ROLLBACK");
  }
  CHECK(api.get("/ready").status == 200);
  auto spec = api.get("/api/openapi.yaml");
  CHECK(spec.status == 200);
  CHECK(spec.body.rfind("openapi: 3.", 0) == 0);
}
