#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "http/error_mapping.hpp"
#include "http/json_body.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/thread_pool.hpp"

using namespace trae;

namespace {
Error error_of(const std::function<void()> &fn) {
  try {
    fn();
  } catch (const Error &e) {
    return e;
  }
  return Error(ErrorCode::internal, "no error");
}
}  // namespace

TEST_CASE("strict JSON parsing") {
  CHECK(parse_json_strict(R"({"a":1,"b":{"c":[1,2]}})")["b"]["c"][1] == 2);
  CHECK(error_of([] { parse_json_strict("{"); }).code == ErrorCode::bad_request);
  CHECK(error_of([] { parse_json_strict(""); }).code == ErrorCode::bad_request);
  CHECK(error_of([] { parse_json_strict("[1,2]"); }).message() == "request body must be a JSON object");
  CHECK(error_of([] { parse_json_strict(R"({"a":1,"a":2})"); }).message() == "duplicate key 'a'");
  CHECK(error_of([] { parse_json_strict(R"({"x":{"a":1,"a":2}})"); }).code == ErrorCode::bad_request);
  // The same key in sibling objects is fine.
  CHECK(parse_json_strict(R"({"x":{"a":1},"y":{"a":2}})")["y"]["a"] == 2);
  std::string deep = "{\"a\":" + std::string(40, '[') + std::string(40, ']') + "}";
  CHECK(error_of([&] { parse_json_strict(deep); }).message() == "JSON is nested too deeply");
  CHECK(error_of([] { parse_json_strict(R"({"n":1e309})"); }).code == ErrorCode::bad_request);
  CHECK(error_of([] { parse_json_strict("{\"a\":\"\xff\"}"); }).code == ErrorCode::bad_request);
}

TEST_CASE("field reader types and unknown fields") {
  auto j = parse_json_strict(
      R"({"s":"x","n":1.5,"i":3,"f":2.0,"b":true,"l":["a","b"],"o":{"k":1},"z":null,"bad_i":1.5,"nul":"a\u0000b"})");
  FieldReader f(j);
  CHECK(f.required_string("s") == "x");
  CHECK(f.required_number("n") == 1.5);
  CHECK(f.required_int("i") == 3);
  CHECK(f.optional_int("f") == 2);
  CHECK(f.optional_bool("b") == true);
  CHECK(f.optional_string_list("l")->size() == 2);
  CHECK(f.optional_object("o")->at("k") == 1);
  CHECK_FALSE(f.optional_string("z"));
  CHECK(f.is_null("z"));
  CHECK_FALSE(f.optional_number("missing"));
  CHECK(error_of([&] { f.optional_int("bad_i"); }).field == "bad_i");
  CHECK(error_of([&] { f.optional_string("nul"); }).field == "nul");
  CHECK(error_of([&] { f.required_string("absent"); }).message() == "absent is required");
  CHECK(error_of([&] { f.required_number("absent"); }).field == "absent");
  CHECK(error_of([&] { f.required_int("absent"); }).field == "absent");
  CHECK(error_of([&] { f.required_string("n"); }).message() == "n must be a string");
  CHECK(error_of([&] { f.required_number("s"); }).field == "s");
  CHECK(error_of([&] { f.optional_bool("s"); }).field == "s");
  CHECK(error_of([&] { f.optional_string_list("s"); }).field == "s");
  CHECK(error_of([&] { f.optional_object("s"); }).field == "s");
  CHECK(error_of([&] { f.optional_string("s", 0); }).field == "s");
  f.finish();  // everything was read

  auto k = parse_json_strict(R"({"known":1,"invalid":"data"})");
  FieldReader g(k, "macros.");
  g.optional_int("known");
  auto e = error_of([&] { g.finish(); });
  CHECK(e.code == ErrorCode::invalid);
  CHECK(e.field == "macros.invalid");

  auto lists = parse_json_strict(R"({"l":["a",1],"m":["a","b","c"]})");
  FieldReader h(lists);
  CHECK(error_of([&] { h.optional_string_list("l"); }).field == "l");
  CHECK(error_of([&] { h.optional_string_list("m", 2); }).field == "m");
}

TEST_CASE("router") {
  Router r;
  int hit = 0;
  r.add("GET", "/api/v1/items", Access::public_route, [&](HttpRequest &, HttpResponse &) { hit = 1; });
  r.add("GET", "/api/v1/items/{id}", Access::signed_in, [&](HttpRequest &, HttpResponse &) { hit = 2; });
  r.add("DELETE", "/api/v1/items/{id}", Access::signed_in, [&](HttpRequest &, HttpResponse &) { hit = 3; });
  HttpRequest req;
  req.method = "GET";
  req.path = "/api/v1/items/42";
  auto m = r.match(req);
  REQUIRE(m.route);
  CHECK(req.params["id"] == "42");
  CHECK(m.route->access == Access::signed_in);
  req.method = "HEAD";
  CHECK(r.match(req).route);
  req.method = "POST";
  m = r.match(req);
  CHECK_FALSE(m.route);
  CHECK(m.path_exists);
  CHECK(m.allowed_methods == "GET, DELETE");
  req.path = "/api/v1/items/42/x";
  CHECK_FALSE(r.match(req).path_exists);
  req.method = "GET";
  req.path = "/api/v1/items/";
  CHECK_FALSE(r.match(req).route);
  CHECK(split_path("//a/b/") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("error mapping is one table") {
  CHECK(http_status(ErrorCode::bad_request) == 400);
  CHECK(http_status(ErrorCode::invalid) == 422);
  CHECK(http_status(ErrorCode::unauthorized) == 401);
  CHECK(http_status(ErrorCode::forbidden) == 403);
  CHECK(http_status(ErrorCode::not_found) == 404);
  CHECK(http_status(ErrorCode::method_not_allowed) == 405);
  CHECK(http_status(ErrorCode::conflict) == 409);
  CHECK(http_status(ErrorCode::payload_too_large) == 413);
  CHECK(http_status(ErrorCode::unsupported_media) == 415);
  CHECK(http_status(ErrorCode::rate_limited) == 429);
  CHECK(http_status(ErrorCode::unavailable) == 503);
  CHECK(http_status(ErrorCode::storage_full) == 507);
  CHECK(http_status(ErrorCode::internal) == 500);
  for (int s : {400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 503, 507})
    CHECK(http_status(code_for_status(s)) == s);
  CHECK(code_for_status(414) == ErrorCode::bad_request);
  CHECK(code_for_status(502) == ErrorCode::internal);

  HttpResponse res;
  Error e(ErrorCode::rate_limited, "slow down");
  e.retry_after_s = 30;
  write_error(res, e);
  CHECK(res.status == 429);
  CHECK(res.body == R"({"error":{"code":"rate_limited","field":null,"message":"slow down"}})");
  REQUIRE(res.headers.size() == 1);
  CHECK(res.headers[0].second == "30");
  HttpResponse internal;
  write_error(internal, Error(ErrorCode::internal, "secret detail: /etc/passwd"));
  CHECK(internal.status == 500);
  CHECK(internal.body.find("secret") == std::string::npos);
}

TEST_CASE("HTTP redirect targets and ACME tokens") {
  CHECK(https_redirect_location("example.com", "/a?b=1", 443) == "https://example.com/a?b=1");
  CHECK(https_redirect_location("example.com:80", "/", 8443) == "https://example.com:8443/");
  CHECK(https_redirect_location("[::1]:8080", "/x", 8443) == "https://[::1]:8443/x");
  CHECK(https_redirect_location("", "/x", 443) == "https://localhost/x");
  CHECK(https_redirect_location("evil.com\r\nSet-Cookie: a", "/x", 443) == "https://localhost/x");
  CHECK(https_redirect_location("a.io", "x", 443) == "https://a.io/x");
  CHECK(is_acme_token("abc-DEF_123"));
  CHECK_FALSE(is_acme_token("../secret"));
  CHECK_FALSE(is_acme_token(""));
  CHECK_FALSE(is_acme_token("a.b"));
}

TEST_CASE("elastic pool grows past workers blocked on clients and drains on shutdown") {
  ElasticPool pool(1, 4, 64, 256 * 1024, 1);
  std::atomic<int> done{0};
  std::atomic<bool> release{false};
  // 20 jobs that wait on a (pretend) slow client: the pool must grow past
  // its core of 4 so that all of them run at once.
  for (int i = 0; i < 20; ++i)
    pool.enqueue([&] {
      BlockedOnClient waiting(pool);
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++done;
    });
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  // A job is busy from the moment a thread takes it, and blocked only once
  // its BlockedOnClient exists, so wait for both.
  auto all_blocked = [&] {
    auto s = pool.stats();
    return s.busy == 20 && s.blocked == 20;
  };
  while (!all_blocked() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  CHECK(pool.stats().busy == 20);
  CHECK(pool.stats().blocked == 20);
  CHECK(pool.stats().threads >= 20);
  CHECK(pool.stats().peak_threads >= 20);
  release = true;
  // Surplus threads retire after the idle spell (1 s here), back to the minimum.
  deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (pool.stats().threads > 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(pool.stats().threads == 1);
  CHECK(pool.stats().blocked == 0);
  for (int i = 0; i < 50; ++i) pool.enqueue([&] { ++done; });
  pool.shutdown();
  CHECK(done == 70);
  CHECK(pool.stats().threads == 0);
}

// Five jobs that hold their thread until released, waiting on a (pretend)
// client or not, in a pool of at most `max` threads of which `core` may
// run: two threads must start, and three jobs wait in the queue.
static void two_threads_three_queued(std::size_t core, std::size_t max, bool on_client) {
  ElasticPool pool(0, core, max, 256 * 1024, 30);
  std::atomic<bool> release{false};
  std::atomic<int> done{0};
  for (int i = 0; i < 5; ++i)
    pool.enqueue([&] {
      std::optional<BlockedOnClient> waiting;
      if (on_client) waiting.emplace(pool);
      while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      ++done;
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto s = pool.stats();
  CHECK(s.threads == 2);
  CHECK(s.queued == 3);
  release = true;
  pool.shutdown();
  CHECK(done == 5);
}

TEST_CASE("running jobs beyond the core queue instead of adding threads") {
  two_threads_three_queued(2, 64, false);
}

TEST_CASE("the pool respects its ceiling and queues beyond it") { two_threads_three_queued(1, 2, true); }
