// The response cache: the LRU itself (core/lru_cache.hpp), its keys and
// generations (http/response_cache.hpp), and through Api::handle that it
// serves the same answers the database would, never one user's answer to
// another, with ETags and 304.
#include "http/response_cache.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "../support/catalog_fixture.hpp"
#include "config/config.hpp"
#include "core/lru_cache.hpp"
#include "http/etag.hpp"
#include "http/metrics.hpp"

namespace {

using Cache = trae::LruCache<int>;

bool has(Cache &c, const std::string &k) { return c.get(k).has_value(); }

struct CacheFixture : testing::CatalogFixture {
  // A GET with extra request headers (AppFixture::call sends none).
  trae::HttpResponse get_with(const std::string &path, const std::string &if_none_match,
                              const std::string &token = {}) {
    trae::HttpRequest req = request("GET", path);
    if (!if_none_match.empty()) req.headers.emplace_back("if-none-match", if_none_match);
    if (!token.empty()) req.headers.emplace_back("authorization", "Bearer " + token);
    trae::HttpResponse res;
    api->handle(req, res);
    return res;
  }
};

std::string header_of(const trae::HttpResponse &r, const std::string &name) {
  for (const auto &[k, v] : r.headers)
    if (k == name) return v;
  return {};
}

nlohmann::json recipe_body(long long oats, long long milk, const std::string &name) {
  return {{"name", name},
          {"cuisine", "british"},
          {"meal_type", "breakfast"},
          {"servings", 2},
          {"steps", {"Simmer.", "Serve."}},
          {"ingredients", {{{"food_id", oats}, {"grams", 100}}, {{"food_id", milk}, {"grams", 400}}}}};
}

bool lists(const nlohmann::json &page, long long id) {
  for (const auto &item : page["items"])
    if (item["id"] == id) return true;
  return false;
}

}  // namespace

TEST_CASE("LRU: the least recently used entry goes first") {
  trae::ManualClock clock(1000);
  Cache c({3, 1000, 60}, clock);
  c.put("a", 1, 1);
  c.put("b", 2, 1);
  c.put("c", 3, 1);
  CHECK(c.get("a") == 1);  // a is now the most recent; b the least
  c.put("d", 4, 1);
  CHECK_FALSE(has(c, "b"));
  CHECK(has(c, "a"));
  CHECK(has(c, "c"));
  CHECK(has(c, "d"));
  CHECK(c.stats().entries == 3);
  // Replacing a key keeps one entry and the new value.
  c.put("a", 10, 1);
  CHECK(c.get("a") == 10);
  CHECK(c.stats().entries == 3);
}

TEST_CASE("LRU: the byte bound evicts as many entries as it takes, and refuses oversized values") {
  trae::ManualClock clock(1000);
  Cache c({100, 100, 60}, clock);
  c.put("a", 1, 40);
  c.put("b", 2, 40);
  CHECK(c.stats().bytes == 80);
  c.put("c", 3, 70);  // needs both a and b gone
  CHECK_FALSE(has(c, "a"));
  CHECK_FALSE(has(c, "b"));
  CHECK(has(c, "c"));
  CHECK(c.stats().bytes == 70);
  c.put("c", 4, 30);  // a replacement is weighed anew
  CHECK(c.stats().bytes == 30);
  c.put("huge", 5, 101);
  CHECK_FALSE(has(c, "huge"));
  CHECK(has(c, "c"));  // an oversized value does not flush the rest
  c.put("c", 6, 101);  // nor does it leave the old value behind under its key
  CHECK_FALSE(has(c, "c"));
  CHECK(c.stats().bytes == 0);
}

TEST_CASE("LRU: entries expire after the TTL; zero entries turns it off") {
  trae::ManualClock clock(1000);
  Cache c({10, 1000, 30}, clock);
  c.put("a", 1, 5);
  clock.advance(29);
  CHECK(c.get("a") == 1);  // a hit does not extend the life of an entry
  clock.advance(1);
  CHECK_FALSE(has(c, "a"));
  CHECK(c.stats().entries == 0);
  CHECK(c.stats().bytes == 0);
  CHECK(c.stats().hits == 1);
  CHECK(c.stats().misses == 1);

  Cache off({0, 1000, 30}, clock);
  off.put("a", 1, 1);
  CHECK_FALSE(has(off, "a"));
}

TEST_CASE("LRU: concurrent readers and writers keep the bounds and the counts") {
  trae::ManualClock clock(1000);
  Cache c({32, 400, 60}, clock);
  constexpr int kThreads = 4, kOps = 20000;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kOps; ++i) {
        int k = (i * 7 + t * 13) % 64;
        std::string key = std::to_string(k);
        if (auto v = c.get(key); v && *v != k) ++wrong;
        if (i % 3 == 0) c.put(key, k, 1 + static_cast<std::size_t>(k % 20));
      }
    });
  for (auto &th : threads) th.join();
  auto s = c.stats();
  CHECK(wrong == 0);
  CHECK(s.hits + s.misses == static_cast<std::uint64_t>(kThreads * kOps));
  CHECK(s.entries <= 32);
  CHECK(s.bytes <= 400);
  CHECK(s.hits > 0);
}

TEST_CASE("response cache keys: parameter order does not matter, values cannot be confused") {
  trae::ManualClock clock(1000);
  trae::ResponseCache cache({10, 1 << 20, 60}, clock);
  trae::HttpRequest a, b, c;
  a.path = b.path = c.path = "/api/v1/foods";
  a.query = {{"q", "apple"}, {"limit", "5"}};
  b.query = {{"limit", "5"}, {"q", "apple"}};
  c.query = {{"q", "apple&limit=5"}};
  using F = trae::CacheFamily;
  CHECK(cache.key(F::foods, a, std::nullopt) == cache.key(F::foods, b, std::nullopt));
  CHECK(cache.key(F::foods, a, std::nullopt) != cache.key(F::foods, c, std::nullopt));
  CHECK(cache.key(F::foods, a, std::nullopt) != cache.key(F::foods, a, 7));
  CHECK(cache.key(F::foods, a, 7) != cache.key(F::foods, a, 8));
  CHECK(cache.key(F::foods, a, std::nullopt) != cache.key(F::recipes, a, std::nullopt));
  auto before = cache.key(F::foods, a, std::nullopt);
  auto other = cache.key(F::recipes, a, std::nullopt);
  cache.invalidate(F::foods);
  CHECK(cache.key(F::foods, a, std::nullopt) != before);
  CHECK(cache.key(F::recipes, a, std::nullopt) == other);  // other families keep theirs
}

TEST_CASE("response cache: repeated reads are hits with the same body and ETag") {
  CacheFixture f;
  auto first = f.get_with("/api/v1/foods?q=milk&limit=5", "");
  auto misses = f.cache->stats().misses;
  auto hits = f.cache->stats().hits;
  auto second = f.get_with("/api/v1/foods?limit=5&q=milk", "");
  REQUIRE(first.status == 200);
  CHECK(second.status == 200);
  CHECK(second.body == first.body);
  CHECK(header_of(second, "ETag") == header_of(first, "ETag"));
  CHECK(f.cache->stats().hits == hits + 1);
  CHECK(f.cache->stats().misses == misses);
  // The answer is what the database says without the cache.
  f.cache.reset();
  f.use_options({{}, f.limiter.get()});
  CHECK(f.get_with("/api/v1/foods?q=milk&limit=5", "").body == first.body);
}

TEST_CASE("response cache: no user ever sees another user's recipes or favorites") {
  CacheFixture f;
  auto ann = f.signup("ann@example.com");
  auto bob = f.signup("bob@example.com");
  const std::string list = "/api/v1/nutrition-data/recipes?q=zzquiblet&sort=newest";
  const std::string newest = "/api/v1/nutrition-data/recipes?sort=newest&limit=5";
  // Everyone's views are cached before Ann writes anything.
  CHECK(f.get(list, ann).json["total"] == 0);
  CHECK(f.get(list, bob).json["total"] == 0);
  CHECK(f.get(list).json["total"] == 0);
  CHECK(f.get(newest, ann).status == 200);

  f.clock.advance(10);  // newer than the starter set, well within the TTL
  auto created =
      f.post("/api/v1/nutrition-data/recipes",
             recipe_body(f.food_id("oats-rolled"), f.food_id("milk-whole"), "zzquiblet porridge"), ann);
  REQUIRE(created.status == 201);
  const long long id = created.json["id"];
  const std::string detail = "/api/v1/nutrition-data/recipes/" + std::to_string(id);

  // Ann sees her new recipe at once (her cached pages are stale), and twice
  // in a row: the second read is a hit of her own entry.
  CHECK(f.get(list, ann).json["total"] == 1);
  CHECK(lists(f.get(newest, ann).json, id));
  auto hits = f.cache->stats().hits;
  CHECK(f.get(list, ann).json["total"] == 1);
  CHECK(f.get(detail, ann).json["name"] == "zzquiblet porridge");
  CHECK(f.get(detail, ann).json["owned"] == true);
  CHECK(f.cache->stats().hits == hits + 2);
  // With Ann's answers cached, Bob and anonymous callers ask the same.
  for (int round = 0; round < 2; ++round) {
    CHECK(f.get(list, bob).json["total"] == 0);
    CHECK(f.get(list).json["total"] == 0);
    CHECK_FALSE(lists(f.get(newest, bob).json, id));
    CHECK_FALSE(lists(f.get(newest).json, id));
    CHECK(f.get(detail, bob).status == 404);
    CHECK(f.get(detail).status == 404);
  }

  // Ann's edit shows at once in her list and her detail, both cached.
  auto edited = recipe_body(f.food_id("oats-rolled"), f.food_id("milk-whole"), "zzquiblet gruel");
  REQUIRE(f.put(detail, edited, ann).status == 200);
  CHECK(f.get(detail, ann).json["name"] == "zzquiblet gruel");
  CHECK(f.get(list, ann).json["items"][0]["name"] == "zzquiblet gruel");

  // Favorites: Ann's flag is hers alone, and shows at once.
  auto catalog_id = f.get("/api/v1/nutrition-data/recipes?limit=1").json["items"][0]["id"].get<long long>();
  const std::string shared = "/api/v1/nutrition-data/recipes/" + std::to_string(catalog_id);
  CHECK(f.get(shared, ann).json["favorite"] == false);
  CHECK(f.get(shared, bob).json["favorite"] == false);
  REQUIRE(f.call("PUT", shared + "/favorite", "", ann).status == 204);
  CHECK(f.get(shared, ann).json["favorite"] == true);
  CHECK(f.get(shared, bob).json["favorite"] == false);
  CHECK(f.get(shared).json["favorite"] == false);
  REQUIRE(f.call("DELETE", shared + "/favorite", "", ann).status == 204);
  CHECK(f.get(shared, ann).json["favorite"] == false);

  // And her delete too.
  REQUIRE(f.call("DELETE", detail, "", ann).status == 204);
  CHECK(f.get(detail, ann).status == 404);
  CHECK(f.get(list, ann).json["total"] == 0);
}

TEST_CASE(
    "response cache: a caller with nothing private is answered as anonymous, and never sees private rows") {
  // The wrapper alone: the decision is taken once, and the handler runs
  // without the user, so what it reads cannot be private whatever happens
  // between the check and the read.
  trae::ManualClock clock(1000);
  trae::ResponseCache cache({100, 1 << 20, 60}, clock);
  bool has_private = false;
  std::vector<bool> handler_saw_user;
  auto handler = trae::cached_get(
      &cache, nullptr, trae::CacheFamily::recipes, {true, [&](long long) { return has_private; }},
      [&](trae::HttpRequest &req, trae::HttpResponse &res) {
        handler_saw_user.push_back(req.user.has_value());
        res.body = req.user ? "private view of " + std::to_string(req.user->id) : "public view";
      });
  auto call = [&](std::optional<long long> user) {
    trae::HttpRequest req;
    req.method = "GET";
    req.path = "/api/v1/nutrition-data/recipes";
    if (user) req.user = trae::AuthUser{*user, 1};
    trae::HttpResponse res;
    handler(req, res);
    CHECK(req.user.has_value() == user.has_value());  // the caller is back for logs and metrics
    if (user) CHECK(req.user->id == *user);
    return res.body;
  };
  CHECK(call(7) == "public view");
  CHECK(call(8) == "public view");  // a hit of the same entry
  CHECK(call(std::nullopt) == "public view");
  CHECK(handler_saw_user == std::vector<bool>{false});
  has_private = true;                     // user 7 now has private rows
  CHECK(call(7) == "private view of 7");  // their own entry
  CHECK(call(8) == "private view of 8");
  CHECK(call(std::nullopt) == "public view");
  CHECK(handler_saw_user == std::vector<bool>{false, true, true});
}

TEST_CASE("response cache: signed-in callers without recipes share the anonymous recipe lists") {
  CacheFixture f;
  auto ann = f.signup("ann@example.com");
  auto bob = f.signup("bob@example.com");
  const std::string newest = "/api/v1/nutrition-data/recipes?sort=newest&limit=5";
  auto anon = f.get_with(newest, "");
  REQUIRE(anon.status == 200);
  auto hits = f.cache->stats().hits;
  auto as_ann = f.get_with(newest, "", ann);
  auto as_bob = f.get_with(newest, "", bob);
  CHECK(f.cache->stats().hits == hits + 2);
  CHECK(as_ann.body == anon.body);
  CHECK(as_bob.body == anon.body);
  CHECK(header_of(as_ann, "ETag") == header_of(anon, "ETag"));
  // A cursor from the shared page works for a signed-in caller.
  auto cursor = nlohmann::json::parse(as_ann.body)["next_cursor"];
  REQUIRE(cursor.is_string());
  CHECK(f.get(newest + "&cursor=" + cursor.get<std::string>(), ann).status == 200);

  // Ann's first recipe: her list is hers alone from then on.
  f.clock.advance(10);
  auto created =
      f.post("/api/v1/nutrition-data/recipes",
             recipe_body(f.food_id("oats-rolled"), f.food_id("milk-whole"), "zzquiblet pottage"), ann);
  REQUIRE(created.status == 201);
  const long long id = created.json["id"];
  CHECK(lists(f.get(newest, ann).json, id));
  CHECK_FALSE(lists(f.get(newest, bob).json, id));
  CHECK_FALSE(lists(f.get(newest).json, id));
  CHECK(f.get(newest, bob).json == f.get(newest).json);
}

TEST_CASE("ETags: 200s carry one, a matching If-None-Match gets 304 without a body") {
  CacheFixture f;
  // A cached route and an uncached one (the profile is never cached).
  auto token = f.signup("ann@example.com");
  for (const std::string path : {"/api/v1/nutrition-data/workouts?limit=3", "/api/v1/profile"}) {
    INFO(path);
    auto first = f.get_with(path, "", token);
    REQUIRE(first.status == 200);
    const std::string etag = header_of(first, "ETag");
    CHECK(etag == trae::strong_etag(first.body));
    CHECK(etag.size() == 34);
    CHECK(header_of(first, "Cache-Control") == "private, no-cache");
    auto same = f.get_with(path, etag, token);
    CHECK(same.status == 304);
    CHECK(same.body.empty());
    CHECK(header_of(same, "ETag") == etag);
    CHECK(header_of(same, "Cache-Control") == "private, no-cache");
    // A list, a weak validator of the same tag (weak comparison), and "*".
    CHECK(f.get_with(path, "\"0123\", " + etag, token).status == 304);
    CHECK(f.get_with(path, "W/" + etag, token).status == 304);
    CHECK(f.get_with(path, "*", token).status == 304);
    // Other tags, a malformed list, a tag without its quotes: the full answer.
    auto other = f.get_with(path, "\"0123\", W/\"4567\"", token);
    CHECK(other.status == 200);
    CHECK(other.body == first.body);
    CHECK(f.get_with(path, "bogus, " + etag, token).status == 200);
    CHECK(f.get_with(path, etag.substr(1, etag.size() - 2), token).status == 200);
  }
  // Errors and writes carry no validator.
  auto missing = f.get_with("/api/v1/nutrition-data/workouts/99999999", "*");
  CHECK(missing.status == 404);
  CHECK(header_of(missing, "ETag").empty());
  CHECK(header_of(
            f.post("/api/v1/auth/login", {{"email", "ann@example.com"}, {"password", "a-long-password"}}).raw,
            "ETag")
            .empty());
}

TEST_CASE("ETags: a content coding names another representation") {
  CHECK(trae::coded_etag("\"abc\"", "gzip") == "\"abc-gzip\"");
  // As the uncoded answer sees it: the coding's own tags, without the suffix.
  CHECK(trae::uncoded_if_none_match("\"abc-gzip\"", "gzip") == "\"abc\"");
  CHECK(trae::uncoded_if_none_match("W/\"abc-gzip\", \"def-gzip\"", "gzip") == "\"abc\", \"def\"");
  CHECK(trae::uncoded_if_none_match("*", "gzip") == "*");
  // An identity tag, or another coding's, is another representation.
  CHECK(trae::uncoded_if_none_match("\"abc\", \"abc-br\"", "gzip").empty());
  CHECK(trae::uncoded_if_none_match("\"abc\", \"def-gzip\"", "gzip") == "\"def\"");
  CHECK(trae::uncoded_if_none_match("bogus, \"abc-gzip\"", "gzip").empty());
  CHECK(trae::uncoded_if_none_match("\"abc-gzip", "gzip").empty());
  const std::string tag = trae::strong_etag("{}");
  CHECK(trae::etag_matches(trae::uncoded_if_none_match(trae::coded_etag(tag, "gzip"), "gzip"), tag));
  CHECK_FALSE(trae::etag_matches(trae::uncoded_if_none_match(tag, "gzip"), tag));
}

TEST_CASE("ETags: a write changes the tag, so the old one gets the new answer") {
  CacheFixture f;
  auto ann = f.signup("ann@example.com");
  const std::string list = "/api/v1/nutrition-data/recipes?sort=newest&limit=3";
  auto before = f.get_with(list, "", ann);
  const std::string old_tag = header_of(before, "ETag");
  REQUIRE(f.get_with(list, old_tag, ann).status == 304);
  f.clock.advance(10);
  REQUIRE(f.post("/api/v1/nutrition-data/recipes",
                 recipe_body(f.food_id("oats-rolled"), f.food_id("milk-whole"), "zzetag oats"), ann)
              .status == 201);
  auto after = f.get_with(list, old_tag, ann);
  CHECK(after.status == 200);
  CHECK(header_of(after, "ETag") != old_tag);
  CHECK(nlohmann::json::parse(after.body)["items"][0]["name"] == "zzetag oats");
}

TEST_CASE("response cache: hits, misses, entries and bytes reach /metrics") {
  CacheFixture f;
  trae::Metrics m;
  m.cache_sizes["response"] = [&f] {
    auto s = f.cache->stats();
    return trae::CacheGauges{static_cast<long long>(s.entries), static_cast<long long>(s.bytes)};
  };
  auto services = f.services();
  services.metrics = &m;
  f.api = std::make_unique<trae::Api>(services, trae::ApiOptions{{}, f.limiter.get()});
  f.get("/api/v1/foods?q=milk");
  f.get("/api/v1/foods?q=milk");
  f.get("/api/v1/nutrition-data/exercises?limit=2");
  auto out = m.render();
  auto line = [&out](const std::string &start) {
    auto at = out.find("\n" + start);
    return at == std::string::npos ? std::string() : out.substr(at + 1, out.find('\n', at + 1) - at - 1);
  };
  CHECK(line("trae_cache_requests_total{cache=\"response\",result=\"hit\"}") ==
        "trae_cache_requests_total{cache=\"response\",result=\"hit\"} 1");
  CHECK(line("trae_cache_requests_total{cache=\"response\",result=\"miss\"}") ==
        "trae_cache_requests_total{cache=\"response\",result=\"miss\"} 2");
  CHECK(line("trae_cache_entries{cache=\"response\"}") == "trae_cache_entries{cache=\"response\"} 2");
  CHECK(line("trae_cache_bytes{cache=\"response\"}") ==
        "trae_cache_bytes{cache=\"response\"} " + std::to_string(f.cache->stats().bytes));
  CHECK(f.cache->stats().bytes > 1000);
  // /metrics is never stored, so it gets no validator.
  auto scrape = f.get_with("/metrics", "*");
  CHECK(scrape.status == 200);
  CHECK(header_of(scrape, "ETag").empty());
}

TEST_CASE("cache settings: defaults, flags and bad values") {
  auto c = trae::load_config({}, {});
  CHECK(c.cache_max_entries == 20000);
  CHECK(c.cache_max_bytes == 64 << 20);
  CHECK(c.cache_ttl_s == 60);
  c = trae::load_config({{"CACHE_MAX_ENTRIES", "0"}, {"CACHE_TTL_SECONDS", "5"}},
                        {"--cache-max-bytes", "1048576"});
  CHECK(c.cache_max_entries == 0);
  CHECK(c.cache_ttl_s == 5);
  CHECK(c.cache_max_bytes == 1048576);
  CHECK_THROWS_WITH_AS(trae::load_config({{"CACHE_TTL_SECONDS", "0"}}, {}),
                       doctest::Contains("CACHE_TTL_SECONDS"), trae::ConfigError);
  CHECK_THROWS_WITH_AS(trae::load_config({{"CACHE_MAX_BYTES", "lots"}}, {}),
                       doctest::Contains("CACHE_MAX_BYTES"), trae::ConfigError);
  CHECK_THROWS_WITH_AS(trae::load_config({{"CACHE_MAX_ENTRIES", "-1"}}, {}),
                       doctest::Contains("CACHE_MAX_ENTRIES"), trae::ConfigError);
}
