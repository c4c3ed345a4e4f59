#include "core/rate_limiter.hpp"

#include <algorithm>
#include <functional>

namespace trae {
namespace {

std::int64_t ceil_seconds(std::int64_t ms) { return ms <= 0 ? 0 : (ms + 999) / 1000; }

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

RateLimiter::RateLimiter(RateLimitPolicy policy, std::size_t capacity, std::size_t shards) : policy_(policy) {
  policy_.limit = std::max(1, policy_.limit);
  policy_.window_s = std::max<std::int64_t>(1, policy_.window_s);
  interval_ms_ = std::max<std::int64_t>(1, policy_.window_s * 1000 / policy_.limit);
  tolerance_ms_ = interval_ms_ * (policy_.limit - 1);
  shards = std::max<std::size_t>(1, shards);
  per_shard_ = std::max<std::size_t>(1, (std::max<std::size_t>(1, capacity) + shards - 1) / shards);
  for (std::size_t i = 0; i < shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

RateDecision RateLimiter::take(std::string_view key_view, std::int64_t now_ms) {
  std::string key(key_view);
  Shard &s = *shards_[std::hash<std::string>{}(key) % shards_.size()];
  std::lock_guard<std::mutex> lock(s.mu);
  auto it = s.index.find(key);
  if (it == s.index.end()) {
    if (s.index.size() >= per_shard_) {  // full: forget the least recently seen client
      s.index.erase(s.lru.back().key);
      s.lru.pop_back();
    }
    s.lru.push_front(Entry{key, now_ms});
    it = s.index.emplace(std::move(key), s.lru.begin()).first;
  } else {
    s.lru.splice(s.lru.begin(), s.lru, it->second);
  }
  Entry &e = *it->second;

  RateDecision d;
  d.limit = policy_.limit;
  // No run of requests takes the arrival time past now + tolerance +
  // interval; a stored one beyond that means the wall clock stepped back
  // (NTP, a test's clock). Forget it rather than lock the client out for the
  // length of the step.
  if (e.tat_ms - now_ms > tolerance_ms_ + interval_ms_) e.tat_ms = now_ms;
  std::int64_t tat = std::max(e.tat_ms, now_ms);
  if (tat - now_ms > tolerance_ms_) {
    d.allowed = false;
    d.remaining = 0;
    d.retry_after_s = std::max<std::int64_t>(1, ceil_seconds(tat - tolerance_ms_ - now_ms));
    d.reset_s = ceil_seconds(tat - now_ms);
    return d;
  }
  e.tat_ms = tat + interval_ms_;
  d.remaining = static_cast<int>(
      std::clamp<std::int64_t>(floor_div(now_ms + tolerance_ms_ - e.tat_ms, interval_ms_) + 1, 0, d.limit));
  d.reset_s = ceil_seconds(e.tat_ms - now_ms);
  return d;
}

std::size_t RateLimiter::size() const {
  std::size_t n = 0;
  for (const auto &s : shards_) {
    std::lock_guard<std::mutex> lock(s->mu);
    n += s->index.size();
  }
  return n;
}

}  // namespace trae
