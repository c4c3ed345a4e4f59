// The per-client request budget: the algorithm, its memory bound, the
// client-address rule behind proxies, and how the Api applies it.
#include <doctest/doctest.h>

#include "../support/app_fixture.hpp"
#include "core/ip_network.hpp"
#include "core/rate_limiter.hpp"

using namespace trae;
using testing::AppFixture;

TEST_CASE("rate limiter: 100 per 15 minutes lets 100 through, then refuses with a retry time") {
  RateLimiter rl({100, 900});
  const std::int64_t t0 = 1'000'000;
  for (int i = 1; i <= 100; ++i) {
    auto d = rl.take("ip:1.2.3.4", t0);
    REQUIRE(d.allowed);
    CHECK(d.limit == 100);
    CHECK(d.remaining == 100 - i);
  }
  auto refused = rl.take("ip:1.2.3.4", t0);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.remaining == 0);
  CHECK(refused.retry_after_s == 9);  // one request's share of 900 s
  CHECK(refused.reset_s == 900);
  // Refusals do not spend anything: 9 s later exactly one more fits.
  for (int i = 0; i < 50; ++i) CHECK_FALSE(rl.take("ip:1.2.3.4", t0 + 1000).allowed);
  CHECK(rl.take("ip:1.2.3.4", t0 + 9000).allowed);
  CHECK_FALSE(rl.take("ip:1.2.3.4", t0 + 9000).allowed);
  // Other clients have their own budget.
  CHECK(rl.take("ip:5.6.7.8", t0).remaining == 99);
  // After a whole window the budget is whole again.
  CHECK(rl.take("ip:1.2.3.4", t0 + 9000 + 900'000).remaining == 99);
}

TEST_CASE("rate limiter: a wall clock that steps back does not lock a client out") {
  RateLimiter rl({100, 900});
  const std::int64_t t0 = 1'000'000'000;
  // Half the budget spent: a small step back keeps what was spent...
  for (int i = 0; i < 50; ++i) REQUIRE(rl.take("ip:1.2.3.4", t0).allowed);
  auto small_step = rl.take("ip:1.2.3.4", t0 - 1000);
  CHECK(small_step.allowed);
  CHECK(small_step.remaining <= 49);
  // ...and with all of it spent, an hour's step back cannot be the client's
  // doing: start afresh.
  for (int i = 0; i < 49; ++i) REQUIRE(rl.take("ip:1.2.3.4", t0).allowed);
  CHECK_FALSE(rl.take("ip:1.2.3.4", t0).allowed);
  auto after_step = rl.take("ip:1.2.3.4", t0 - 3'600'000);
  CHECK(after_step.allowed);
  CHECK(after_step.remaining == 99);
}

TEST_CASE("rate limiter: a small window and a limit that does not divide it") {
  RateLimiter rl({3, 10});
  CHECK(rl.take("k", 0).remaining == 2);
  CHECK(rl.take("k", 0).remaining == 1);
  CHECK(rl.take("k", 0).remaining == 0);
  auto d = rl.take("k", 0);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_s == 4);  // 3333 ms rounded up
  CHECK(rl.take("k", 3333).allowed);
}

TEST_CASE("rate limiter: a million source addresses cannot grow the table past its capacity") {
  RateLimiter rl({100, 900}, 4096, 16);
  CHECK(rl.capacity() == 4096);
  for (int i = 0; i < 1'000'000; ++i) {
    std::string ip = "ip:10." + std::to_string(i >> 16) + "." + std::to_string((i >> 8) & 255) + "." +
                     std::to_string(i & 255);
    rl.take(ip, 1000 + i);
    if (i % 100'000 == 0) REQUIRE(rl.size() <= rl.capacity());
  }
  CHECK(rl.size() <= rl.capacity());
  CHECK(rl.size() > rl.capacity() / 2);  // the shards do fill up
  // A client seen recently is still remembered (least recently seen go first).
  RateLimiter small({2, 900}, 16, 1);
  small.take("busy", 0);
  small.take("busy", 0);
  for (int i = 0; i < 15; ++i) small.take("other" + std::to_string(i), 0);
  CHECK(small.size() == 16);
  CHECK_FALSE(small.take("busy", 0).allowed);
}

TEST_CASE("ip networks: parsing and matching") {
  CHECK(parse_ip("127.0.0.1"));
  CHECK(parse_ip(" ::1 "));
  CHECK(parse_ip("[2001:db8::1]"));
  CHECK_FALSE(parse_ip("localhost"));
  CHECK_FALSE(parse_ip("1.2.3.4.5"));
  CHECK_FALSE(parse_ip(""));
  CHECK_FALSE(parse_ip("1.2.3.4/8"));
  auto ten = parse_ip_network("10.0.0.0/8");
  REQUIRE(ten);
  CHECK(contains(*ten, *parse_ip("10.200.3.4")));
  CHECK(contains(*ten, *parse_ip("::ffff:10.1.1.1")));  // mapped form of the same address
  CHECK_FALSE(contains(*ten, *parse_ip("11.0.0.1")));
  auto one = parse_ip_network("192.168.1.7");
  REQUIRE(one);
  CHECK(contains(*one, *parse_ip("192.168.1.7")));
  CHECK_FALSE(contains(*one, *parse_ip("192.168.1.8")));
  auto v6 = parse_ip_network("fd00::/8");
  REQUIRE(v6);
  CHECK(contains(*v6, *parse_ip("fd12:3456::1")));
  CHECK_FALSE(contains(*v6, *parse_ip("fe80::1")));
  CHECK(parse_ip_network("0.0.0.0/0"));
  CHECK_FALSE(parse_ip_network("10.0.0.0/33"));
  CHECK_FALSE(parse_ip_network("10.0.0.0/"));
  CHECK_FALSE(parse_ip_network("10.0.0.0/8x"));
  CHECK_FALSE(parse_ip_network("::/129"));
}

TEST_CASE("client address: X-Forwarded-For only from trusted proxies, rightmost untrusted hop") {
  std::vector<IpNetwork> trusted = {*parse_ip_network("127.0.0.1"), *parse_ip_network("10.0.0.0/8")};
  // No trusted proxies configured: the header is ignored.
  CHECK(client_address("203.0.113.5", "1.1.1.1", {}) == "203.0.113.5");
  // A peer that is not a trusted proxy cannot choose its address.
  CHECK(client_address("203.0.113.5", "1.1.1.1", trusted) == "203.0.113.5");
  // Through one proxy.
  CHECK(client_address("127.0.0.1", "198.51.100.9", trusted) == "198.51.100.9");
  // A spoofed left part is not believed: the rightmost untrusted hop wins.
  CHECK(client_address("127.0.0.1", "6.6.6.6, 198.51.100.9, 10.1.2.3", trusted) == "198.51.100.9");
  // Garbage stops the walk at the last address vouched for.
  CHECK(client_address("127.0.0.1", "198.51.100.9, not-an-ip", trusted) == "127.0.0.1");
  CHECK(client_address("127.0.0.1", "not-an-ip, 10.0.0.2", trusted) == "10.0.0.2");
  // Only proxies in the chain: the leftmost one is the best we know.
  CHECK(client_address("127.0.0.1", "10.0.0.9, 10.0.0.2", trusted) == "10.0.0.9");
  CHECK(client_address("127.0.0.1", "", trusted) == "127.0.0.1");
}

TEST_CASE("the Api counts by address when signed out and by account when signed in") {
  AppFixture f;
  RateLimiter limiter({5, 900});
  auto token = f.signup("counted@example.com");
  f.use_options({{}, &limiter});
  auto call = [&](const std::string &path, const std::string &tok, const std::string &ip) {
    return f.call("GET", path, {}, tok, "application/json", ip);
  };
  for (int i = 0; i < 5; ++i) {
    auto r = call("/api/v1/foods?q=apple", "", "10.0.0.1");
    REQUIRE(r.status == 200);
    CHECK(r.raw.headers.size() >= 3);
  }
  auto limited = call("/api/v1/foods?q=apple", "", "10.0.0.1");
  CHECK(limited.status == 429);
  CHECK(limited.error_code() == "rate_limited");
  auto header = [](const AppFixture::Reply &r, const std::string &name) {
    for (const auto &[k, v] : r.raw.headers)
      if (k == name) return v;
    return std::string();
  };
  CHECK(header(limited, "Retry-After") == "180");
  CHECK(header(limited, "RateLimit-Limit") == "5");
  CHECK(header(limited, "RateLimit-Remaining") == "0");
  CHECK(header(limited, "RateLimit-Reset") == "900");
  // Unknown API paths and bad tokens spend the address's budget too.
  CHECK(call("/api/v1/nope", "", "10.0.0.1").status == 429);
  CHECK(call("/api/v1/profile", "not-a-token", "10.0.0.1").status == 429);
  // The probes and the API description are never counted.
  CHECK(call("/health", "", "10.0.0.1").status == 200);
  CHECK(call("/ready", "", "10.0.0.1").status == 200);
  CHECK(call("/api/openapi.yaml", "", "10.0.0.1").status == 200);
  // The same user from that address has an own budget...
  auto mine = call("/api/v1/profile", token, "10.0.0.1");
  CHECK(mine.status == 200);
  CHECK(header(mine, "RateLimit-Remaining") == "4");
  // ...which follows the account from any address.
  for (int i = 0; i < 4; ++i)
    CHECK(call("/api/v1/profile", token, "10.9.9." + std::to_string(i)).status == 200);
  CHECK(call("/api/v1/profile", token, "10.9.9.99").status == 429);
  // Another address is unaffected, and time brings the budget back.
  CHECK(call("/api/v1/foods?q=apple", "", "10.0.0.2").status == 200);
  f.clock.advance(180);
  CHECK(call("/api/v1/foods?q=apple", "", "10.0.0.1").status == 200);
}
