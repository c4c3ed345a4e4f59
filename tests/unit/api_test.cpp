// The API driven directly through Api::handle: every route, its validation,
// its authorization and the error envelope.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "../support/app_fixture.hpp"

using testing::AppFixture;

TEST_CASE("account flow through the API") {
  AppFixture f;
  auto reg = f.post("/api/v1/auth/register",
                    {{"email", "Flow@Example.com"}, {"password", "a-long-password"}, {"name", "Flo"}});
  REQUIRE(reg.status == 202);
  CHECK(reg.json["status"] == "accepted");
  CHECK_FALSE(reg.json.contains("access_token"));  // the same answer as for a taken address
  auto first = f.post("/api/v1/auth/login", {{"email", "flow@example.com"}, {"password", "a-long-password"}});
  REQUIRE(first.status == 200);
  CHECK(first.json["user"]["email"] == "flow@example.com");
  CHECK(first.json["user"]["name"] == "Flo");
  CHECK(first.json["token_type"] == "Bearer");
  CHECK(first.json["expires_in"] == 900);
  std::string access = first.json["access_token"], refresh = first.json["refresh_token"];

  auto dup = f.post("/api/v1/auth/register",
                    {{"email", "flow@example.com"}, {"password", "a-long-password"}, {"name", "X"}});
  CHECK(dup.status == 202);
  CHECK(dup.raw.body == reg.raw.body);

  auto me = f.get("/api/v1/auth/me", access);
  CHECK(me.status == 200);
  CHECK(me.json["email"] == "flow@example.com");
  CHECK(me.json["created_at"] == "2026-11-26T05:08:13Z");

  auto login = f.post("/api/v1/auth/login", {{"email", "flow@example.com"}, {"password", "a-long-password"}});
  CHECK(login.status == 200);
  CHECK(login.json.contains("refresh_token"));
  auto bad = f.post("/api/v1/auth/login", {{"email", "flow@example.com"}, {"password", "wrong-password"}});
  CHECK(bad.status == 401);
  CHECK(bad.error_code() == "unauthorized");
  auto nobody =
      f.post("/api/v1/auth/login", {{"email", "nobody@example.com"}, {"password", "wrong-password"}});
  CHECK(nobody.status == 401);
  CHECK(nobody.json["error"]["message"] == bad.json["error"]["message"]);  // no enumeration

  auto ref = f.post("/api/v1/auth/refresh", {{"refresh_token", refresh}});
  CHECK(ref.status == 200);
  CHECK(f.post("/api/v1/auth/refresh", {{"refresh_token", refresh}}).status == 401);
  CHECK(f.post("/api/v1/auth/refresh", {{"refresh_token", 5}}).error_field() == "refresh_token");

  std::string access2 = login.json["access_token"];
  auto out = f.call("POST", "/api/v1/auth/logout", "", access2);
  CHECK(out.status == 204);
  CHECK(out.raw.body.empty());
  CHECK(f.get("/api/v1/auth/me", access2).status == 401);
  // Logout with only the refresh token (the access token has lapsed).
  auto l3 = f.post("/api/v1/auth/login", {{"email", "flow@example.com"}, {"password", "a-long-password"}});
  CHECK(f.post("/api/v1/auth/logout", {{"refresh_token", l3.json["refresh_token"]}}).status == 204);
  CHECK(f.get("/api/v1/auth/me", l3.json["access_token"]).status == 401);
  CHECK(f.call("POST", "/api/v1/auth/logout").status == 401);
  CHECK(f.post("/api/v1/auth/logout", {{"nope", 1}}).status == 422);
}

TEST_CASE("registration validation names the field") {
  AppFixture f;
  auto check = [&](const nlohmann::json &body, const std::string &field) {
    auto r = f.post("/api/v1/auth/register", body);
    CHECK(r.status == 422);
    CHECK(r.error_code() == "invalid");
    CHECK(r.error_field() == field);
  };
  check({{"password", "a-long-password"}, {"name", "N"}}, "email");
  check({{"email", "bad"}, {"password", "a-long-password"}, {"name", "N"}}, "email");
  check({{"email", "a@b.co"}, {"password", "short"}, {"name", "N"}}, "password");
  check({{"email", "a@b.co"}, {"password", "a-long-password"}}, "name");
  check({{"email", "a@b.co"}, {"password", "a-long-password"}, {"name", 7}}, "name");
  check({{"email", "a@b.co"}, {"password", "a-long-password"}, {"name", "N"}, {"admin", true}}, "admin");
}

TEST_CASE("the error envelope for malformed requests") {
  AppFixture f;
  auto r = f.call("POST", "/api/v1/auth/login", "{not json");
  CHECK(r.status == 400);
  CHECK(r.error_code() == "bad_request");
  CHECK(r.json["error"].contains("field"));
  CHECK(f.call("POST", "/api/v1/auth/login", "[]").status == 400);
  CHECK(
      f.call("POST", "/api/v1/auth/login", R"({"email":"a@b.co","email":"c@d.co","password":"x"})").status ==
      400);
  CHECK(f.call("POST", "/api/v1/auth/login", "").status == 400);
  auto media = f.call("POST", "/api/v1/auth/login", "email=a", {}, "application/x-www-form-urlencoded");
  CHECK(media.status == 415);
  CHECK(media.error_code() == "unsupported_media_type");
  CHECK(f.call("POST", "/api/v1/auth/login", R"({"email":"a@b.co","password":"0123456789"})", {},
               "application/json; charset=utf-8")
            .status == 401);
  CHECK(f.call("POST", "/api/v1/calculator", "{}", {}, "text/plain").status == 415);
  auto nf = f.get("/api/v1/nothing-here");
  CHECK(nf.status == 404);
  CHECK(nf.error_code() == "not_found");
  auto method = f.call("DELETE", "/api/v1/calculator");
  CHECK(method.status == 405);
  CHECK(std::count(method.raw.headers.begin(), method.raw.headers.end(),
                   std::pair<std::string, std::string>("Allow", "POST")) == 1);
}

TEST_CASE("signed-in routes refuse missing and bad tokens") {
  AppFixture f;
  for (auto [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/auth/me"},
                                                        {"GET", "/api/v1/profile"},
                                                        {"PUT", "/api/v1/profile"},
                                                        {"GET", "/api/v1/account/export"},
                                                        {"DELETE", "/api/v1/account"}}) {
    CAPTURE(path);
    CHECK(f.call(method, path).status == 401);
    CHECK(f.call(method, path, "", "not-a-token").status == 401);
    auto r = f.call(method, path, "", "a.b.c");
    CHECK(r.status == 401);
    CHECK(std::count(r.raw.headers.begin(), r.raw.headers.end(),
                     std::pair<std::string, std::string>("WWW-Authenticate", "Bearer")) == 1);
  }
}

TEST_CASE("profile read, update and validation") {
  AppFixture f;
  auto tok = f.signup("prof@example.com");
  auto p = f.get("/api/v1/profile", tok);
  CHECK(p.status == 200);
  CHECK(p.json["units"] == "metric");
  CHECK(p.json["sex"].is_null());
  CHECK(p.json["steps_goal"] == 8000);
  nlohmann::json full = {{"sex", "female"},
                         {"birth_date", "1992-03-04"},
                         {"height_cm", 170},
                         {"weight_kg", 64.5},
                         {"activity_level", "moderate"},
                         {"goal", "lose"},
                         {"diet", "vegetarian"},
                         {"allergies", {"peanut"}},
                         {"equipment", {"dumbbell", "bands"}},
                         {"units", "imperial"},
                         {"timezone", "Europe/Berlin"},
                         {"language", "ar"},
                         {"water_goal_ml", 2200},
                         {"steps_goal", 9000}};
  auto u = f.put("/api/v1/profile", full, tok);
  CHECK(u.status == 200);
  CHECK(u.json["sex"] == "female");
  CHECK(u.json["equipment"] == nlohmann::json({"dumbbell", "bands"}));
  CHECK(u.json["timezone"] == "Europe/Berlin");
  // Partial update keeps the rest; null clears a nullable field.
  auto v = f.put("/api/v1/profile", {{"weight_kg", 63}, {"diet", nullptr}}, tok);
  CHECK(v.json["weight_kg"] == 63);
  CHECK(v.json["diet"].is_null());
  CHECK(v.json["height_cm"] == 170);
  CHECK(f.get("/api/v1/profile", tok).json == v.json);

  auto bad = [&](const nlohmann::json &body) {
    auto r = f.put("/api/v1/profile", body, tok);
    CHECK(r.status == 422);
    return r.error_field();
  };
  CHECK(bad({{"sex", "other"}}) == "sex");
  CHECK(bad({{"sex", 1}}) == "sex");
  CHECK(bad({{"birth_date", "04/03/1992"}}) == "birth_date");
  CHECK(bad({{"height_cm", 20}}) == "height_cm");
  CHECK(bad({{"height_cm", "170"}}) == "height_cm");
  CHECK(bad({{"weight_kg", 1000}}) == "weight_kg");
  CHECK(bad({{"activity_level", "couch"}}) == "activity_level");
  CHECK(bad({{"goal", "bulk"}}) == "goal");
  CHECK(bad({{"diet", "carnivore"}}) == "diet");
  CHECK(bad({{"allergies", {"pollen"}}}) == "allergies");
  CHECK(bad({{"allergies", nullptr}}) == "allergies");
  CHECK(bad({{"equipment", "dumbbell"}}) == "equipment");
  CHECK(bad({{"units", "furlongs"}}) == "units");
  CHECK(bad({{"timezone", "here"}}) == "timezone");
  CHECK(bad({{"language", "xx"}}) == "language");
  CHECK(bad({{"water_goal_ml", 20000}}) == "water_goal_ml");
  CHECK(bad({{"water_goal_ml", -5}}) == "water_goal_ml");
  CHECK(bad({{"steps_goal", 1.5}}) == "steps_goal");
  CHECK(bad({{"steps_goal", 99999999}}) == "steps_goal");
  CHECK(bad({{"favourite_colour", "blue"}}) == "favourite_colour");
  // Nothing changed by the rejected requests.
  CHECK(f.get("/api/v1/profile", tok).json == v.json);
}

TEST_CASE("account export and deletion") {
  AppFixture f;
  auto tok = f.signup("exp@example.com");
  f.put("/api/v1/profile", {{"weight_kg", 80}, {"allergies", {"egg"}}}, tok);
  auto e = f.get("/api/v1/account/export", tok);
  CHECK(e.status == 200);
  CHECK(e.json["format"] == "trae-health-export/1");
  CHECK(e.json["user"]["email"] == "exp@example.com");
  CHECK(e.json["profile"]["allergies"] == nlohmann::json({"egg"}));
  CHECK(e.json["sessions"].size() == 1);
  CHECK(e.json["sessions"][0]["revoked_at"].is_null());
  CHECK(e.json.dump().find("argon2") == std::string::npos);  // no password hash
  auto d = f.call("DELETE", "/api/v1/account", "", tok);
  CHECK(d.status == 204);
  CHECK(f.get("/api/v1/profile", tok).status == 401);
  CHECK(
      f.post("/api/v1/auth/login", {{"email", "exp@example.com"}, {"password", "a-long-password"}}).status ==
      401);
  // The email is free again.
  CHECK(f.post("/api/v1/auth/register",
               {{"email", "exp@example.com"}, {"password", "a-long-password"}, {"name", "N"}})
            .status == 202);
  CHECK(
      f.post("/api/v1/auth/login", {{"email", "exp@example.com"}, {"password", "a-long-password"}}).status ==
      200);
}

TEST_CASE("calculator over the API, signed out") {
  AppFixture f;
  nlohmann::json in = {{"sex", "male"},
                       {"age", 30},
                       {"height_cm", 180},
                       {"weight_kg", 80},
                       {"activity_level", "moderate"},
                       {"goal", "lose"},
                       {"body_fat_pct", 20},
                       {"waist_cm", 90},
                       {"neck_cm", 40}};
  auto r = f.post("/api/v1/calculator", in);
  REQUIRE(r.status == 200);
  CHECK(r.json["bmi"]["value"] == 24.7);
  CHECK(r.json["bmi"]["class"] == "normal");
  CHECK(r.json["bmr"]["mifflin_st_jeor"] == 1780);
  CHECK(r.json["bmr"]["harris_benedict"] == 1854);
  CHECK(r.json["bmr"]["katch_mcardle"] == 1752);
  CHECK(r.json["tdee"] == 2759);
  CHECK(r.json["target_kcal"] == 2259);
  CHECK(r.json["goal_adjustment_kcal"] == -500);
  CHECK(r.json["macros"]["protein_pct"] == 30);
  CHECK(r.json["macros"]["protein_g"] == 169);
  CHECK(r.json["body_fat_navy_pct"] == 18.4);
  CHECK(r.json["ideal_weight_kg"]["devine"] == 75.0);
  CHECK(r.json["water_ml"] == 3300);

  auto field = [&](nlohmann::json body) {
    auto x = f.post("/api/v1/calculator", body);
    CHECK(x.status == 422);
    return x.error_field();
  };
  CHECK(field({{"invalid", "data"}}) == "sex");
  auto base = in;
  base.erase("body_fat_pct");
  base.erase("waist_cm");
  base.erase("neck_cm");
  auto with = [&](const std::string &k, nlohmann::json v) {
    auto b = base;
    b[k] = v;
    return field(b);
  };
  CHECK(with("sex", "x") == "sex");
  CHECK(with("age", 10) == "age");
  CHECK(with("age", 30.5) == "age");
  CHECK(with("height_cm", "tall") == "height_cm");
  CHECK(with("weight_kg", 1e6) == "weight_kg");
  CHECK(with("activity_level", "lazy") == "activity_level");
  CHECK(with("goal", "win") == "goal");
  CHECK(with("hip_cm", 500) == "hip_cm");
  CHECK(with("extra", 1) == "extra");
}

TEST_CASE("health and readiness") {
  AppFixture f;
  auto h = f.get("/health");
  CHECK(h.status == 200);
  CHECK(h.json["status"] == "ok");
  CHECK(h.json["db"] == "ok");
  CHECK(h.json["version"] == TRAE_VERSION);
  CHECK(h.json["uptime_s"].is_number_integer());
  CHECK(f.get("/ready").status == 200);
  f.db_ready = false;
  CHECK(f.get("/ready").status == 503);
  CHECK(f.get("/health").status == 200);
  CHECK(f.get("/health").json["db"] == "unavailable");
}

namespace {
std::string read_text(const std::string &path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
}  // namespace

TEST_CASE("docs/openapi.yaml describes exactly the routes the server has") {
  AppFixture f;
  std::string spec = read_text(std::string(TRAE_SOURCE_DIR) + "/docs/openapi.yaml");
  REQUIRE(spec.rfind("openapi: 3.", 0) == 0);
  // Paths are two-space keys under "paths:", methods four-space keys below them.
  std::set<std::string> documented;
  std::istringstream lines(spec.substr(spec.find("\npaths:")));
  std::string line, path;
  std::regex path_re(R"(^  (/[^:]*):\s*$)"), method_re(R"(^    (get|post|put|patch|delete):\s*$)");
  std::smatch m;
  while (std::getline(lines, line)) {
    if (line.rfind("components:", 0) == 0) break;
    if (std::regex_match(line, m, path_re))
      path = m[1];
    else if (std::regex_match(line, m, method_re)) {
      std::string method = m[1];
      for (auto &c : method) c = static_cast<char>(std::toupper(c));
      documented.insert(method + " " + path);
    }
  }
  std::set<std::string> served;
  for (const auto &r : f.api->router().routes()) served.insert(r.method + " " + r.pattern);
  CHECK(documented == served);

  // And the server hands out the same file.
  auto r = f.get("/api/openapi.yaml");
  CHECK(r.status == 200);
  CHECK(r.raw.content_type == "application/yaml");
  CHECK(r.raw.body == spec);
}
