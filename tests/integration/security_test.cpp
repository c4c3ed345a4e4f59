// The real binary over HTTPS: rate limiting, the client address behind
// proxies, security headers on every kind of response, CORS, and requests
// that try to leave the static file table or overflow the body limit.
#include <doctest/doctest.h>

#include "../support/server_process.hpp"

using testing::Api;
using testing::ServerProcess;
using Env = std::map<std::string, std::string>;

namespace {

httplib::Result get_with(httplib::SSLClient &c, const std::string &path, const httplib::Headers &h) {
  return c.Get(path, h);
}

void check_security_headers(const httplib::Response &r, const std::string &what) {
  INFO(what << " status " << r.status);
  CHECK(r.get_header_value("Strict-Transport-Security") == "max-age=63072000; includeSubDomains");
  CHECK(r.get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(r.get_header_value("X-Frame-Options") == "DENY");
  CHECK(r.get_header_value("Referrer-Policy") == "no-referrer");
  CHECK(r.get_header_value("Cross-Origin-Opener-Policy") == "same-origin");
  CHECK(r.get_header_value("Permissions-Policy").find("camera=()") != std::string::npos);
  CHECK(r.get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") != std::string::npos);
  CHECK_FALSE(r.has_header("Server"));  // no product or version banner
  if (r.status >= 400 && r.get_header_value("Content-Type") == "application/json") {
    CHECK(r.body.find(TRAE_VERSION) == std::string::npos);
    CHECK(r.body.find("httplib") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("rate limit: 150 requests in a row, 429 from the 101st, with Retry-After and RateLimit-*") {
  ServerProcess server(Env{{"API_RATE_LIMIT", "100"}});
  Api api(server);
  int ok = 0, limited = 0, first_limited = 0;
  for (int i = 1; i <= 150; ++i) {
    auto r = api.get("/api/v1/foods?q=apple");
    if (r.status == 200) {
      ++ok;
      CHECK(r.header("RateLimit-Limit") == "100");
      CHECK(std::stoi(r.header("RateLimit-Remaining")) == 100 - i);
    } else {
      REQUIRE(r.status == 429);
      if (!first_limited) first_limited = i;
      ++limited;
      CHECK(r.error_code() == "rate_limited");
      int retry = std::stoi(r.header("Retry-After"));
      CHECK(retry >= 1);
      CHECK(retry <= 10);  // one request's share of 15 minutes is 9 s
      CHECK(r.header("RateLimit-Limit") == "100");
      CHECK(r.header("RateLimit-Remaining") == "0");
      CHECK(std::stoi(r.header("RateLimit-Reset")) > 800);
    }
  }
  CHECK(ok == 100);
  CHECK(limited == 50);
  CHECK(first_limited == 101);
  // The probes, the API description and the web app are never limited.
  CHECK(api.get("/health").status == 200);
  CHECK(api.get("/ready").status == 200);
  CHECK(api.get("/api/openapi.yaml").status == 200);
  CHECK(api.raw().Get("/")->status == 200);
  CHECK(api.raw().Get("/_next/does-not-exist.js")->status == 404);
}

TEST_CASE("X-Forwarded-For counts only behind a trusted proxy") {
  auto exhaust = [](Api &api, const std::string &xff) {
    httplib::Headers h = {{"X-Forwarded-For", xff}};
    int last = 0;
    for (int i = 0; i < 4; ++i) last = get_with(api.raw(), "/api/v1/foods", h)->status;
    return last;
  };
  SUBCASE("without TRUSTED_PROXIES the header is ignored") {
    ServerProcess server(Env{{"API_RATE_LIMIT", "3"}});
    Api api(server);
    CHECK(exhaust(api, "198.51.100.1") == 429);
    // Claiming to be someone else does not buy a new budget.
    CHECK(get_with(api.raw(), "/api/v1/foods", {{"X-Forwarded-For", "198.51.100.2"}})->status == 429);
  }
  SUBCASE("behind a trusted proxy each forwarded client has its own budget") {
    ServerProcess server(Env{{"API_RATE_LIMIT", "3"}, {"TRUSTED_PROXIES", "127.0.0.1"}});
    Api api(server);
    CHECK(exhaust(api, "198.51.100.1") == 429);
    CHECK(get_with(api.raw(), "/api/v1/foods", {{"X-Forwarded-For", "198.51.100.2"}})->status == 200);
    // A spoofed left part does not change who the proxy says the client is.
    CHECK(get_with(api.raw(), "/api/v1/foods", {{"X-Forwarded-For", "203.0.113.9, 198.51.100.1"}})->status ==
          429);
  }
}

TEST_CASE("security headers on every kind of HTTPS response, and none on plain HTTP") {
  ServerProcess server;
  Api api(server);
  auto &c = api.raw();
  check_security_headers(*c.Get("/api/v1/foods"), "API 200");
  check_security_headers(*c.Get("/api/v1/profile"), "API 401");
  check_security_headers(*c.Get("/api/v1/nothing"), "API 404");
  check_security_headers(*c.Get("/health"), "health");
  check_security_headers(*c.Get("/"), "web page");
  check_security_headers(*c.Get("/no-such-page"), "web 404");
  auto big = c.Post("/api/v1/calculator", std::string(2 * 1024 * 1024, ' '), "application/json");
  REQUIRE(big);
  CHECK(big->status == 413);
  check_security_headers(*big, "413 from the HTTP layer");
  auto bad = c.Get("/api/v1/foods?q=%zz");
  REQUIRE(bad);
  CHECK(bad->status < 500);
  check_security_headers(*bad, "malformed query");
  // The page CSP is the page's own, and still forbids framing.
  CHECK(c.Get("/")->get_header_value("Content-Security-Policy").find("script-src") != std::string::npos);
  // Plain HTTP only redirects; HSTS there would be meaningless.
  httplib::Client plain("127.0.0.1", server.http_port());
  auto redirect = plain.Get("/api/v1/foods");
  REQUIRE(redirect);
  CHECK(redirect->status == 301);
  CHECK_FALSE(redirect->has_header("Strict-Transport-Security"));
  CHECK_FALSE(redirect->has_header("Server"));
}

TEST_CASE("CORS over HTTPS: preflight and actual requests for CORS_ORIGINS only") {
  ServerProcess server(Env{{"CORS_ORIGINS", "https://app.example.com"}});
  Api api(server);
  auto &c = api.raw();
  auto pre = c.Options("/api/v1/profile", {{"Origin", "https://app.example.com"},
                                           {"Access-Control-Request-Method", "PUT"},
                                           {"Access-Control-Request-Headers", "authorization,content-type"}});
  REQUIRE(pre);
  CHECK(pre->status == 204);
  CHECK(pre->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  CHECK(pre->get_header_value("Access-Control-Allow-Methods") == "GET, PUT");
  CHECK(pre->get_header_value("Access-Control-Max-Age") == "600");
  CHECK(pre->get_header_value("Vary") == "Origin");
  check_security_headers(*pre, "preflight");
  auto evil = c.Options("/api/v1/profile",
                        {{"Origin", "https://evil.example.com"}, {"Access-Control-Request-Method", "PUT"}});
  REQUIRE(evil);
  CHECK(evil->status == 405);
  CHECK_FALSE(evil->has_header("Access-Control-Allow-Origin"));
  auto actual = c.Get("/api/v1/foods", {{"Origin", "https://app.example.com"}});
  CHECK(actual->get_header_value("Access-Control-Allow-Origin") == "https://app.example.com");
  CHECK(actual->get_header_value("Access-Control-Expose-Headers").find("RateLimit-Limit") !=
        std::string::npos);
  auto other = c.Get("/api/v1/foods", {{"Origin", "https://evil.example.com"}});
  CHECK_FALSE(other->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("attack over HTTPS: path traversal, oversized and hostile bodies") {
  ServerProcess server;
  Api api(server);
  auto &c = api.raw();
  for (std::string path :
       {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/..%2f..%2fetc/passwd", "/_next/../../../../etc/passwd", "/_next/%2e%2e/%2e%2e/etc/passwd",
        "/%252e%252e/etc/passwd", "/..%5c..%5cetc%5cpasswd", "/%c0%ae%c0%ae/etc/passwd", "/index.html%00.js",
        "/./././etc/passwd", "//etc/passwd", "/api/../etc/passwd"}) {
    CAPTURE(path);
    auto r = c.Get(path);
    if (!r) continue;  // the client refused to send it: nothing to check
    CHECK(r->status < 500);
    CHECK(r->body.find("root:") == std::string::npos);
    check_security_headers(*r, path);
  }
  // 10 MB in a field: the body cap answers before anything is parsed.
  std::string huge = "{\"email\":\"" + std::string(10 * 1024 * 1024, 'a') + "\",\"password\":\"x\"}";
  auto big = api.request("POST", "/api/v1/auth/login", huge);
  CHECK(big.status == 413);
  CHECK(big.error_code() == "payload_too_large");
  // Deep nesting, duplicate keys, 1e309 and bad UTF-8: 400 with the envelope.
  for (std::string body : {std::string(1000, '[') + std::string(1000, ']'),
                           std::string(R"({"email":"a@b.co","email":"c@d.co","password":"x"})"),
                           std::string(R"({"email":"a@b.co","password":1e309})"),
                           std::string("{\"email\":\"\xC0\xAF\",\"password\":\"x\"}")}) {
    auto r = api.request("POST", "/api/v1/auth/login", body);
    CHECK(r.status == 400);
    CHECK(r.error_code() == "bad_request");
    CHECK(r.body.find(TRAE_VERSION) == std::string::npos);
  }
  // The server is still up and well.
  CHECK(api.get("/health").status == 200);
}
