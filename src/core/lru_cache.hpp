// A bounded least-recently-used map with a time to live: at most
// max_entries entries and max_bytes bytes (as the caller weighs them), each
// answered for ttl_s seconds after it was stored. Thread-safe: one mutex
// guards the map and the recency list, and is held only for the pointer
// work of a look-up or an insert, never while a value is computed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "core/clock.hpp"

namespace trae {

struct LruLimits {
  std::size_t max_entries = 10000;  // 0: the cache stores nothing
  std::size_t max_bytes = 64u << 20;
  std::int64_t ttl_s = 60;
};

struct LruStats {
  std::uint64_t hits = 0, misses = 0;
  std::size_t entries = 0, bytes = 0;
};

template <typename V>
class LruCache {
 public:
  LruCache(LruLimits limits, const Clock &clock) : limits_(limits), clock_(clock) {}

  // The value stored under `key` if it is still fresh; a hit makes it the
  // most recently used. An expired entry is dropped on the way.
  std::optional<V> get(const std::string &key) {
    std::lock_guard lock(mu_);
    auto it = index_.find(key);
    if (it == index_.end()) {
      ++misses_;
      return std::nullopt;
    }
    if (clock_.now() >= it->second->expires_at) {
      erase(it->second);
      ++misses_;
      return std::nullopt;
    }
    order_.splice(order_.begin(), order_, it->second);
    ++hits_;
    return it->second->value;
  }

  // Stores `value` weighing `bytes` (the caller counts the key too if it
  // wants it counted), replacing any entry under `key`, then evicts the
  // least recently used entries until both bounds hold again. A value
  // heavier than max_bytes is not stored at all.
  void put(const std::string &key, V value, std::size_t bytes) {
    std::lock_guard lock(mu_);
    if (auto it = index_.find(key); it != index_.end()) erase(it->second);
    if (limits_.max_entries == 0 || bytes > limits_.max_bytes) return;
    order_.push_front(Node{key, std::move(value), bytes, clock_.now() + limits_.ttl_s});
    index_.emplace(key, order_.begin());
    bytes_ += bytes;
    while (order_.size() > limits_.max_entries || bytes_ > limits_.max_bytes) erase(std::prev(order_.end()));
  }

  void clear() {
    std::lock_guard lock(mu_);
    order_.clear();
    index_.clear();
    bytes_ = 0;
  }

  LruStats stats() const {
    std::lock_guard lock(mu_);
    return {hits_, misses_, order_.size(), bytes_};
  }

 private:
  struct Node {
    std::string key;
    V value;
    std::size_t bytes;
    std::int64_t expires_at;
  };
  using Iter = typename std::list<Node>::iterator;

  void erase(Iter it) {
    bytes_ -= it->bytes;
    index_.erase(it->key);
    order_.erase(it);
  }

  const LruLimits limits_;
  const Clock &clock_;
  mutable std::mutex mu_;
  std::list<Node> order_;  // most recently used first
  std::unordered_map<std::string, Iter> index_;
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace trae
