// The attack suite. It walks the router's own route table, so every route
// merged later is attacked too without anyone listing it here:
//  - authorization: every route that needs or checks a token, tried with no
//    token, an expired, a tampered, an alg:none and a garbage token, and with
//    another user's token against the first user's resources;
//  - injection: hostile values in every query parameter (as docs/openapi.yaml
//    lists them, which a test keeps equal to the router) and every body field
//    (from the sample bodies below, or found by asking the route which field
//    it is missing), hostile path ids, and malformed bodies.
// What must hold: no 5xx, the error envelope with a 4xx that fits, and a
// database that did not change whenever the request failed.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "../support/app_fixture.hpp"
#include "app/importers.hpp"
#include "build/embedded.hpp"
#include "security/crypto.hpp"
#include "security/jwt.hpp"

using namespace trae;
using testing::AppFixture;

namespace {

const std::string kSecret = "unit-test-secret-0123456789abcdef";  // AppFixture's

struct Fixture : AppFixture {
  Fixture() { load_starter_set(*tdb.db, embedded_seed_files(), clock, nullptr); }

  long long any_food_id() {
    long long id = 0;
    tdb.db->read([&](Connection &c) {
      SQLite::Statement st(c.db(), "SELECT min(id) FROM foods");
      REQUIRE(st.executeStep());
      id = st.getColumn(0).getInt64();
    });
    return id;
  }

  // A digest of every row of every table. auth_failures is left out: a failed
  // sign-in is recorded there on purpose (that is the throttle working).
  std::string checksum() {
    std::string all;
    tdb.db->read([&](Connection &c) {
      std::vector<std::string> tables;
      SQLite::Statement names(c.db(),
                              "SELECT name FROM sqlite_master WHERE type = 'table' AND name <> "
                              "'auth_failures' AND name NOT LIKE 'sqlite_%' ORDER BY name");
      while (names.executeStep()) tables.push_back(names.getColumn(0).getString());
      for (const auto &t : tables) {
        all.append(t).append("\n");
        SQLite::Statement rows(c.db(), "SELECT * FROM \"" + t + "\"");
        while (rows.executeStep()) {
          for (int i = 0; i < rows.getColumnCount(); ++i) {
            all.append(rows.getColumn(i).isNull() ? "<null>" : rows.getColumn(i).getString());
            all.push_back('\x1f');
          }
          all.push_back('\n');
        }
      }
    });
    return hex(sha256(all));
  }
};

// Bodies that a route accepts, by "METHOD pattern". Routes without one are
// still attacked: their fields are found by asking (see discover_fields).
nlohmann::json sample_body(const std::string &route, long long food_id) {
  static const std::map<std::string, nlohmann::json> fixed = {
      {"POST /api/v1/auth/register",
       {{"email", "sample@example.com"}, {"password", "a-long-password"}, {"name", "S"}}},
      {"POST /api/v1/auth/login", {{"email", "sample@example.com"}, {"password", "a-long-password"}}},
      {"POST /api/v1/auth/refresh", {{"refresh_token", "not-a-real-refresh-token"}}},
      {"POST /api/v1/auth/logout", {{"refresh_token", "not-a-real-refresh-token"}}},
      {"PUT /api/v1/profile", {{"weight_kg", 70}, {"height_cm", 175}, {"units", "metric"}}},
      {"POST /api/v1/calculator",
       {{"sex", "male"},
        {"age", 30},
        {"height_cm", 180},
        {"weight_kg", 80},
        {"activity_level", "moderate"},
        {"goal", "maintain"}}},
  };
  auto it = fixed.find(route);
  if (it != fixed.end()) return it->second;
  // Health logs: the same body creates (POST) and replaces (PUT) an entry.
  static const std::map<std::string, nlohmann::json> health = {
      {"weights", {{"weight_kg", 70.5}, {"measured_at", "2026-11-25T08:00:00Z"}}},
      {"measurements", {{"waist_cm", 82}, {"measured_at", "2026-11-25T08:00:00Z"}}},
      {"water", {{"ml", 250}, {"logged_at", "2026-11-25T08:00:00Z"}}},
      {"sleep", {{"start", "2026-11-24T23:00:00Z"}, {"end", "2026-11-25T07:00:00Z"}, {"quality", 4}}},
      {"steps", {{"date", "2026-11-25"}, {"count", 9000}}},
      {"heart-rate", {{"bpm", 62}, {"resting", true}, {"measured_at", "2026-11-25T08:00:00Z"}}},
      {"food-log",
       {{"food_id", food_id}, {"grams", 120}, {"meal_slot", "lunch"}, {"logged_at", "2026-11-25T12:00:00Z"}}},
      {"workout-log",
       {{"name", "Evening run"}, {"duration_minutes", 30}, {"performed_at", "2026-11-25T18:00:00Z"}}},
  };
  if (route == "POST /api/v1/meal-plans/{id}/swap") return {{"day", 1}, {"slot", "breakfast"}};
  for (const auto &[kind, body] : health)
    if (route == "POST /api/v1/health/" + kind || route == "PUT /api/v1/health/" + kind + "/{id}")
      return body;
  if (route == "POST /api/v1/nutrition-data/recipes" || route == "PUT /api/v1/nutrition-data/recipes/{id}")
    return {{"name", "Attack-suite porridge"},
            {"cuisine", "british"},
            {"meal_type", "breakfast"},
            {"servings", 2},
            {"prep_minutes", 5},
            {"cook_minutes", 10},
            {"steps", {"Stir."}},
            {"ingredients", {{{"food_id", food_id}, {"grams", 100}}}}};
  return nullptr;
}

bool takes_body(const std::string &method) {
  return method == "POST" || method == "PUT" || method == "PATCH";
}

std::string with_id(const std::string &pattern, const std::string &id) {
  return std::regex_replace(pattern, std::regex(R"(\{[a-z_]+\})"), id);
}

// Query parameters per "METHOD pattern", read from docs/openapi.yaml: inline
// {name: x, in: query} entries and $refs to components/parameters.
std::map<std::string, std::set<std::string>> documented_query_params() {
  std::ifstream in(std::string(TRAE_SOURCE_DIR) + "/docs/openapi.yaml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string spec = ss.str();
  std::map<std::string, std::string> component_in;  // components/parameters name -> in
  {
    auto at = spec.find("\ncomponents:\n  parameters:\n");
    std::istringstream lines(at == std::string::npos ? "" : spec.substr(at + 27));
    std::string line, current;
    std::smatch m;
    while (std::getline(lines, line) && (line.empty() || line.rfind("    ", 0) == 0)) {
      if (std::regex_match(line, m, std::regex(R"(^    ([A-Za-z_]+):\s*$)"))) current = m[1];
      if (std::regex_match(line, m, std::regex(R"(^      in: (\w+)\s*$)"))) component_in[current] = m[1];
    }
  }
  std::map<std::string, std::set<std::string>> out;
  std::istringstream lines(spec.substr(spec.find("\npaths:")));
  std::string line, path, method;
  std::smatch m;
  std::regex path_re(R"(^  (/[^:]*):\s*$)"), method_re(R"(^    (get|post|put|patch|delete):\s*$)");
  std::regex inline_re(R"(name: (\w+), in: query)");
  std::regex ref_re(R"re(\$ref: "#/components/parameters/(\w+)")re");
  while (std::getline(lines, line)) {
    if (line.rfind("components:", 0) == 0) break;
    if (std::regex_match(line, m, path_re)) {
      path = m[1];
      method.clear();
    } else if (std::regex_match(line, m, method_re)) {
      method = m[1];
      for (auto &c : method) c = static_cast<char>(std::toupper(c));
    } else if (!method.empty() && std::regex_search(line, m, inline_re)) {
      out[method + " " + path].insert(m[1]);
    } else if (!method.empty() && std::regex_search(line, m, ref_re) && component_in[m[1]] == "query") {
      out[method + " " + path].insert(m[1]);
    }
  }
  return out;
}

// Hostile values for strings and numbers alike.
std::vector<nlohmann::json> hostile_values() {
  return {"' OR '1'='1",
          "1; DROP TABLE users; --",
          "\" OR \"\"=\"",
          "1 UNION SELECT password_hash FROM users --",
          "\"*NEAR()",
          "apple NEAR/0 \"",
          "title:* OR ^x AND (",
          "../../../../etc/passwd",
          "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
          std::string("nul\0byte", 8),
          std::string(10 * 1024 * 1024, 'A'),
          -1,
          0,
          -9223372036854775807LL - 1,
          9223372036854775807LL,
          18446744073709551615ULL,
          1e308,
          -1e308,
          0.5,
          nullptr,
          true,
          nlohmann::json::array({1, 2}),
          nlohmann::json::object({{"$gt", ""}})};
}

// Raw (not JSON-encodable) field values: spliced into the body text.
std::vector<std::string> hostile_raw_values() {
  return {"1e309", "-1e309", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\\ud800\"", "NaN", "Infinity"};
}

// Query strings: already URL-decoded here (the Api sees decoded values).
std::vector<std::string> hostile_query_values() {
  return {"' OR '1'='1",
          "1; DROP TABLE users; --",
          "\"*NEAR()",
          "*",
          "\"",
          "NEAR(a b, -1)",
          "../../etc/passwd",
          std::string("a\0b", 3),
          "\xC0\xAF",
          "\xFF\xFE",
          std::string(10000, 'x'),
          "-1",
          "0",
          "1e309",
          "-9223372036854775809",
          "99999999999999999999",
          "NaN",
          "0x10",
          " 1",
          ""};
}

// Watches the database across hostile requests. Every write goes through the
// one writer connection, so its change counter tells cheaply whether a row
// may have changed; only then is the full checksum compared.
struct Probe {
  Fixture &f;
  std::string before;
  int changes;
  explicit Probe(Fixture &fx) : f(fx), before(fx.checksum()), changes(total_changes()) {}
  int total_changes() {
    int n = 0;
    f.tdb.db->with_writer([&](Connection &c) { n = c.db().getTotalChanges(); });
    return n;
  }
  bool unchanged() {
    int now = total_changes();
    if (now == changes) return true;
    changes = now;
    return f.checksum() == before;
  }
  // The invariant every hostile request must keep.
  void check(const AppFixture::Reply &r, const std::string &what) {
    INFO(what << " -> " << r.status << " " << r.raw.body.substr(0, 300));
    CHECK(r.status < 500);
    CHECK(r.status >= 200);
    if (r.status >= 400) {
      CHECK(r.json.is_object());
      CHECK(r.json.contains("error"));
      CHECK(unchanged());  // a refused request changed nothing
    } else {
      refresh();  // an accepted one may have
    }
    CHECK(r.raw.body.find("SQLITE") == std::string::npos);
    CHECK(r.raw.body.find("sqlite") == std::string::npos);
  }
  void refresh() {
    before = f.checksum();
    changes = total_changes();
  }
};

struct Users {
  std::string a, b;  // tokens
  long long a_id = 0, a_session = 0, b_id = 0;
};

Users make_users(Fixture &f, const std::string &tag) {
  Users u;
  u.a = f.signup("alice-" + tag + "@example.com", "alice-password-1", "Alice-" + tag + "-marker");
  u.b = f.signup("bob-" + tag + "@example.com", "bob-password-12", "Bob");
  auto who = f.auth->authenticate(u.a);
  u.a_id = who.id;
  u.a_session = who.session_id;
  u.b_id = f.auth->authenticate(u.b).id;
  return u;
}

// The POST that creates what a {id} route addresses: "/x/{id}/y" -> "POST /x".
std::string creator_of(const std::string &pattern) {
  auto at = pattern.find("/{");
  return at == std::string::npos ? std::string() : "POST " + pattern.substr(0, at);
}

// Asks a route which body fields it wants: each 422 names the missing field.
std::vector<std::string> discover_fields(Fixture &f, const Route &r, const std::string &path,
                                         const std::string &token) {
  nlohmann::json body = nlohmann::json::object();
  std::vector<std::string> fields;
  for (int i = 0; i < 30; ++i) {
    auto reply = f.call(r.method, path, body.dump(), token);
    std::string field = reply.status == 422 ? reply.error_field() : "";
    if (field.empty() || body.contains(field) || field.find('.') != std::string::npos ||
        field.find('[') != std::string::npos)
      break;
    fields.push_back(field);
    body[field] = "x";
  }
  return fields;
}

}  // namespace

TEST_CASE("attack: every route that checks tokens refuses forged, expired and foreign ones") {
  Fixture f;
  const long long food = f.any_food_id();
  int routes_checked = 0, foreign_checked = 0;
  for (const Route &r : f.api->router().routes()) {
    if (r.access == Access::public_route) continue;
    const std::string key = r.method + " " + r.pattern;
    CAPTURE(key);
    ++routes_checked;
    Users u = make_users(f, std::to_string(routes_checked));
    const std::string fabricated = with_id(r.pattern, "999999");
    nlohmann::json sample = sample_body(key, food);
    std::string body = takes_body(r.method) && !sample.is_null() ? sample.dump() : "";

    // Forged and stale tokens, each refused with 401 and no change.
    long long now = f.clock.now();
    std::string expired = sign_access_token({u.a_id, u.a_session, now - 3600, now - 1}, kSecret);
    std::string valid = sign_access_token({u.a_id, u.a_session, now, now + 900}, kSecret);
    std::string tampered = valid;
    {
      auto d1 = valid.find('.'), d2 = valid.find('.', d1 + 1);
      std::string payload;
      REQUIRE(base64url_decode(valid.substr(d1 + 1, d2 - d1 - 1), payload));
      auto claims = nlohmann::json::parse(payload);
      REQUIRE(claims["sub"] == std::to_string(u.a_id));
      claims["sub"] = std::to_string(u.b_id);  // claim to be Bob, keep Alice's signature
      tampered = valid.substr(0, d1 + 1) + base64url_encode(claims.dump()) + valid.substr(d2);
      REQUIRE(tampered != valid);
    }
    std::string alg_none = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                           valid.substr(valid.find('.') + 1, valid.rfind('.') - valid.find('.') - 1) + ".";
    std::string wrong_key = sign_access_token({u.a_id, u.a_session, now, now + 900}, std::string(32, 'k'));
    Probe probe(f);
    std::vector<std::pair<std::string, std::string>> bad = {{"expired", expired},
                                                            {"tampered", tampered},
                                                            {"alg none", alg_none},
                                                            {"other key", wrong_key},
                                                            {"garbage", "a.b.c"},
                                                            {"empty parts", ".."},
                                                            {"huge", std::string(20000, 'x')}};
    if (r.access == Access::signed_in) bad.emplace_back("none", "");
    for (const auto &[name, token] : bad) {
      auto reply = f.call(r.method, fabricated, body, token);
      INFO(name);
      CHECK(reply.status == 401);
      CHECK(reply.error_code() == "unauthorized");
      probe.check(reply, name);
    }
    // The valid token of the same claims does get past authentication.
    CHECK(f.call(r.method, fabricated, body, valid).status != 401);
    probe.refresh();

    // Another user's token.
    if (r.pattern.find('{') != std::string::npos) {
      std::string id = "999999";
      nlohmann::json create_body = sample_body(creator_of(r.pattern), food);
      if (!create_body.is_null()) {
        auto created = f.post(creator_of(r.pattern).substr(5), create_body, u.a);
        INFO(created.raw.body);
        REQUIRE((created.status == 201 || created.status == 200));  // steps: one entry a day, replaced
        id = std::to_string(created.json["id"].get<long long>());
        ++foreign_checked;
      }
      std::string path = with_id(r.pattern, id);
      Probe foreign(f);
      auto reply = f.call(r.method, path, body, u.b);
      CHECK_MESSAGE(reply.status == 404, reply.raw.body);
      foreign.check(reply, "Bob on Alice's " + path);
      // Alice still reaches it (when it exists).
      if (id != "999999" && r.method == "GET") CHECK(f.call("GET", path, {}, u.a).status == 200);
    } else {
      // No id: Bob's answer is about Bob, never about Alice.
      auto reply = f.call(r.method, r.pattern, body, u.b);
      CHECK(reply.status < 500);
      CHECK(reply.raw.body.find("Alice-" + std::to_string(routes_checked)) == std::string::npos);
      CHECK(reply.raw.body.find("alice-" + std::to_string(routes_checked)) == std::string::npos);
    }
  }
  CHECK(routes_checked >= 10);
  CHECK(foreign_checked >= 4);
}

TEST_CASE("attack: hostile values in every query parameter, body field and path id") {
  Fixture f;
  const long long food = f.any_food_id();
  Users u = make_users(f, "inj");
  auto query_params = documented_query_params();
  // A resource of Alice's for the {id} routes that address one.
  auto created =
      f.post("/api/v1/nutrition-data/recipes", sample_body("POST /api/v1/nutrition-data/recipes", food), u.a);
  REQUIRE(created.status == 201);
  const std::string own_id = std::to_string(created.json["id"].get<long long>());
  int requests = 0;
  std::set<std::string> params_seen, fields_seen;

  for (const Route &r : f.api->router().routes()) {
    const std::string key = r.method + " " + r.pattern;
    if (key == "DELETE /api/v1/account" || key == "POST /api/v1/auth/logout") continue;  // ends the session
    CAPTURE(key);
    const std::string token = r.access == Access::public_route ? "" : u.a;
    const std::string path = with_id(r.pattern, own_id);
    Probe probe(f);

    // Query parameters.
    for (const auto &param : query_params[key]) {
      params_seen.insert(key + "?" + param);
      for (const auto &v : hostile_query_values()) {
        auto reply = f.call(r.method, path + "?" + param + "=" + v, {}, token);
        ++requests;
        probe.check(reply, param + "=" + v.substr(0, 40));
        if (v.find('\0') != std::string::npos) CHECK(reply.status == 422);
      }
    }
    // An unknown parameter is named, not ignored (where the route reads any).
    if (!query_params[key].empty()) {
      auto reply = f.call(r.method, path + "?injected=1", {}, token);
      CHECK(reply.status == 422);
      CHECK(reply.error_field() == "injected");
    }

    // Path ids.
    if (r.pattern.find('{') != std::string::npos) {
      for (std::string id : {"0", "-1", "1e309", "99999999999999999999", "1%20OR%201=1", "1'--", "..",
                             "%2e%2e", "0x1", "１"}) {
        auto reply = f.call(r.method, with_id(r.pattern, id),
                            takes_body(r.method) ? sample_body(key, food).dump() : "", token);
        ++requests;
        probe.check(reply, "id " + id);
        CHECK((reply.status == 404 || reply.status == 422 || reply.status == 400));
      }
    }

    if (!takes_body(r.method)) continue;
    nlohmann::json base = sample_body(key, food);
    std::vector<std::string> fields;
    if (base.is_object()) {
      for (auto &[k, v] : base.items()) fields.push_back(k);
    } else {
      fields = discover_fields(f, r, path, token);
      base = nlohmann::json::object();
      for (const auto &k : fields) base[k] = "x";
    }
    probe.refresh();
    // Malformed bodies: always 400, nothing changes.
    std::string deep = std::string(1000, '[') + std::string(1000, ']');
    std::string deep_obj;
    for (int i = 0; i < 1000; ++i) deep_obj += "{\"a\":";
    deep_obj += "1" + std::string(1000, '}');
    std::string dup = base.dump();
    if (!fields.empty()) dup.insert(1, "\"" + fields[0] + "\":\"dup\",");
    for (const auto &[name, text] : std::vector<std::pair<std::string, std::string>>{
             {"deep array", deep},
             {"deep object", deep_obj},
             {"duplicate key", fields.empty() ? "{\"a\":1,\"a\":2}" : dup},
             {"bad utf-8", "{\"x\":\"\xC0\xAF\"}"},
             {"truncated", "{\"a\":"},
             {"NUL outside strings", std::string("{\0}", 3)},
             {"not an object", "[1,2,3]"}}) {
      auto reply = f.call(r.method, path, text, token);
      ++requests;
      probe.check(reply, name);
      INFO(name);
      if (r.pattern.find("/favorite") == std::string::npos) CHECK(reply.status == 400);
    }
    // Hostile values in each field.
    for (const auto &field : fields) {
      fields_seen.insert(key + " " + field);
      for (const auto &v : hostile_values()) {
        nlohmann::json body = base;
        body[field] = v;
        auto reply = f.call(r.method, path, body.dump(), token);
        ++requests;
        probe.check(reply, field + "=" + v.dump().substr(0, 40));
        if (v.is_string() && v.get_ref<const std::string &>().size() > 1024 * 1024)
          CHECK(reply.status == 422);
        if (v.is_string() && v.get_ref<const std::string &>().find('\0') != std::string::npos)
          CHECK(reply.status == 422);
      }
      for (const auto &raw : hostile_raw_values()) {
        nlohmann::json body = base;
        body[field] = "__RAW__";
        std::string text = body.dump();
        text.replace(text.find("\"__RAW__\""), 9, raw);
        auto reply = f.call(r.method, path, text, token);
        ++requests;
        probe.check(reply, field + " raw " + raw);
        CHECK(reply.status == 400);  // not JSON (or a number JSON cannot hold)
      }
    }
  }
  MESSAGE(requests << " hostile requests; " << params_seen.size() << " query parameters and "
                   << fields_seen.size() << " body fields attacked");
  CHECK(params_seen.size() >= 15);
  CHECK(fields_seen.size() >= 15);
  // Alice's data survived all of it, and the users table is intact.
  CHECK(f.get("/api/v1/auth/me", u.a).json["name"] == "Alice-inj-marker");
}
