// CORS for configured origins only, and registration/sign-in that do not
// reveal which addresses have accounts.
#include <doctest/doctest.h>

#include "../support/app_fixture.hpp"

using namespace trae;
using testing::AppFixture;

namespace {
std::string header_of(const HttpResponse &r, const std::string &name) {
  for (const auto &[k, v] : r.headers)
    if (k == name) return v;
  return {};
}
bool has_cors(const HttpResponse &r) {
  for (const auto &[k, v] : r.headers)
    if (k.rfind("Access-Control-", 0) == 0) return true;
  return false;
}
// The headers of a response less RateLimit-Remaining/-Reset, which count down per call.
std::vector<std::pair<std::string, std::string>> headers_but_budget(const HttpResponse &r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto &kv : r.headers)
    if (kv.first != "RateLimit-Remaining" && kv.first != "RateLimit-Reset") out.push_back(kv);
  return out;
}
HttpResponse send(AppFixture &f, const std::string &method, const std::string &path,
                  std::vector<std::pair<std::string, std::string>> headers) {
  HttpRequest req;
  req.method = method;
  req.path = path;
  req.remote_ip = "10.0.0.1";
  req.headers = std::move(headers);
  HttpResponse res;
  f.api->handle(req, res);
  return res;
}
}  // namespace

TEST_CASE("CORS: only exact configured origins, with a correct preflight") {
  AppFixture f;
  f.use_options({{"https://app.example.com"}, f.limiter.get()});
  SUBCASE("preflight from an allowed origin") {
    auto r = send(f, "OPTIONS", "/api/v1/profile",
                  {{"origin", "https://app.example.com"},
                   {"access-control-request-method", "PUT"},
                   {"access-control-request-headers", "authorization, content-type"}});
    CHECK(r.status == 204);
    CHECK(r.body.empty());
    CHECK(header_of(r, "Access-Control-Allow-Origin") == "https://app.example.com");
    CHECK(header_of(r, "Access-Control-Allow-Methods") == "GET, PUT");
    CHECK(header_of(r, "Access-Control-Allow-Headers").find("Authorization") != std::string::npos);
    CHECK(header_of(r, "Access-Control-Allow-Headers").find("Content-Type") != std::string::npos);
    CHECK(header_of(r, "Access-Control-Max-Age") == "600");
    CHECK(header_of(r, "Vary") == "Origin");
  }
  SUBCASE("preflight from other origins gets no CORS headers") {
    for (std::string origin : {"https://evil.example.com", "https://app.example.com.evil.io",
                               "http://app.example.com", "https://APP.example.com", "null", ""}) {
      CAPTURE(origin);
      auto r = send(f, "OPTIONS", "/api/v1/profile",
                    {{"origin", origin}, {"access-control-request-method", "PUT"}});
      CHECK(r.status == 405);
      CHECK_FALSE(has_cors(r));
    }
  }
  SUBCASE("preflight of an unknown path is the router's 404") {
    auto r = send(f, "OPTIONS", "/api/v1/nope",
                  {{"origin", "https://app.example.com"}, {"access-control-request-method", "GET"}});
    CHECK(r.status == 404);
    CHECK(header_of(r, "Access-Control-Allow-Methods").empty());  // not a preflight answer
  }
  SUBCASE("actual requests") {
    auto ok = send(f, "GET", "/api/v1/foods", {{"origin", "https://app.example.com"}});
    CHECK(ok.status == 200);
    CHECK(header_of(ok, "Access-Control-Allow-Origin") == "https://app.example.com");
    CHECK(header_of(ok, "Access-Control-Expose-Headers").find("RateLimit-Remaining") != std::string::npos);
    CHECK(header_of(ok, "Vary") == "Origin");
    CHECK(header_of(ok, "Access-Control-Allow-Credentials").empty());  // bearer tokens, no cookies
    // Errors carry them too, so the page can read the error.
    auto err = send(f, "GET", "/api/v1/profile", {{"origin", "https://app.example.com"}});
    CHECK(err.status == 401);
    CHECK(header_of(err, "Access-Control-Allow-Origin") == "https://app.example.com");
    auto other = send(f, "GET", "/api/v1/foods", {{"origin", "https://evil.example.com"}});
    CHECK(other.status == 200);
    CHECK_FALSE(has_cors(other));
    CHECK(header_of(other, "Vary") == "Origin");
  }
  SUBCASE("no CORS_ORIGINS: no CORS at all") {
    f.use_options({{}, f.limiter.get()});
    auto r = send(f, "OPTIONS", "/api/v1/profile",
                  {{"origin", "https://app.example.com"}, {"access-control-request-method", "GET"}});
    CHECK(r.status == 405);
    CHECK_FALSE(has_cors(r));
    auto g = send(f, "GET", "/api/v1/foods", {{"origin", "https://app.example.com"}});
    CHECK_FALSE(has_cors(g));
    CHECK(header_of(g, "Vary").empty());
  }
}

TEST_CASE("registration and sign-in do not reveal which addresses have accounts") {
  AppFixture f;
  f.signup("taken@example.com", "the-owners-password", "Owner");
  auto reg = [&](const std::string &email) {
    return f.post("/api/v1/auth/register",
                  {{"email", email}, {"password", "an-attackers-password"}, {"name", "Probe"}});
  };
  auto work = [&](const std::function<AppFixture::Reply()> &fn) {
    auto before = f.auth->password_work();
    auto r = fn();
    return std::make_pair(r, f.auth->password_work() - before);
  };
  auto [fresh, fresh_work] = work([&] { return reg("fresh@example.com"); });
  auto [taken, taken_work] = work([&] { return reg("taken@example.com"); });
  auto [taken_case, taken_case_work] = work([&] { return reg("TAKEN@Example.com"); });
  CHECK(fresh.status == 202);
  CHECK(taken.status == taken_case.status);
  CHECK(taken.status == fresh.status);
  CHECK(taken.raw.body == fresh.raw.body);
  CHECK(taken_case.raw.body == fresh.raw.body);
  CHECK(headers_but_budget(taken.raw) == headers_but_budget(fresh.raw));
  // The same expensive work on both paths: one argon2 hash each.
  CHECK(fresh_work == 1);
  CHECK(taken_work == 1);
  CHECK(taken_case_work == 1);
  // The taken account is untouched: its owner's password still works, the probe's does not.
  CHECK(f.post("/api/v1/auth/login", {{"email", "taken@example.com"}, {"password", "the-owners-password"}})
            .json["user"]["name"] == "Owner");
  CHECK(f.post("/api/v1/auth/login", {{"email", "taken@example.com"}, {"password", "an-attackers-password"}})
            .status == 401);

  // Sign-in: unknown address and wrong password look the same, with one argon2 verification each.
  auto [unknown, unknown_work] = work([&] {
    return f.post("/api/v1/auth/login", {{"email", "nobody@example.com"}, {"password", "some-password"}});
  });
  auto [wrong, wrong_work] = work([&] {
    return f.post("/api/v1/auth/login", {{"email", "taken@example.com"}, {"password", "some-password"}});
  });
  auto [malformed, malformed_work] = work([&] {
    return f.post("/api/v1/auth/login", {{"email", "not-an-email"}, {"password", "some-password"}});
  });
  CHECK(unknown.status == 401);
  CHECK(wrong.status == 401);
  CHECK(malformed.status == 401);
  CHECK(unknown.raw.body == wrong.raw.body);
  CHECK(malformed.raw.body == wrong.raw.body);
  CHECK(unknown_work == 1);
  CHECK(wrong_work == 1);
  CHECK(malformed_work == 1);
}
