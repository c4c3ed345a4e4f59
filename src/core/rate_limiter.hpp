// Per-client request budget: the generic cell rate algorithm (GCRA), which
// behaves like a token bucket of `limit` tokens refilled evenly over
// `window_s`, but keeps a single number per client (its theoretical arrival
// time). The table of clients has a fixed capacity: when a shard is full its
// least recently seen client is forgotten, so rotating through a million
// source addresses costs a bounded amount of memory (a forgotten client only
// gets a fresh budget back, which is the price of the bound).
#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace trae {

struct RateLimitPolicy {
  int limit = 100;              // requests...
  std::int64_t window_s = 900;  // ...per this many seconds
};

struct RateDecision {
  bool allowed = true;
  int limit = 0;
  int remaining = 0;               // requests left right after this one
  std::int64_t reset_s = 0;        // seconds until the whole budget is back
  std::int64_t retry_after_s = 0;  // when refused: seconds until one request fits
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimitPolicy policy, std::size_t capacity = 65536, std::size_t shards = 16);

  // Counts one request of `key` at `now_ms` (milliseconds, any monotonic
  // origin) unless its budget is spent. Thread-safe.
  RateDecision take(std::string_view key, std::int64_t now_ms);

  const RateLimitPolicy &policy() const { return policy_; }
  std::size_t capacity() const { return per_shard_ * shards_.size(); }
  std::size_t size() const;  // clients currently remembered

 private:
  struct Entry {
    std::string key;
    std::int64_t tat_ms;  // theoretical arrival time of the next request
  };
  struct Shard {
    mutable std::mutex mu;
    std::list<Entry> lru;  // most recently seen first
    std::unordered_map<std::string, std::list<Entry>::iterator> index;
  };

  RateLimitPolicy policy_;
  std::int64_t interval_ms_;   // one request's share of the window
  std::int64_t tolerance_ms_;  // how far ahead of now the arrival time may run
  std::size_t per_shard_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace trae
