// The in-process cache of public read answers (catalog pages and details,
// the food search): whole JSON bodies with their ETags, in a bounded LRU with
// a time to live (core/lru_cache.hpp).
//
// Invalidation is by generation: each family of answers has a counter that
// is part of every key, and a write to the family bumps it, so nothing stored
// before the write is ever served again (the stale entries age out of the
// LRU). The key is taken before the handler reads the database, so an answer
// read before a write lands under the old generation, never the new one.
//
// Privacy: an answer that depends on the caller (recipes list the caller's
// own private recipes and favorite flags) is keyed by the caller's account,
// so one user's answer can only ever be served to that same user.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/lru_cache.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace trae {

class Metrics;

enum class CacheFamily { recipes, workouts, exercises, foods };

struct CachedAnswer {
  std::string body;  // a 200's JSON
  std::string etag;  // strong, from the body
};

class ResponseCache {
 public:
  ResponseCache(LruLimits limits, const Clock &clock) : lru_(limits, clock) {}

  // The family's generation, the path, the decoded query with its parameters
  // sorted by name (so ?a=1&b=2 and ?b=2&a=1 share an entry) and the viewer:
  // an account id, or nothing for an answer that is the same for everyone.
  std::string key(CacheFamily f, const HttpRequest &req, std::optional<long long> viewer) const;

  std::shared_ptr<const CachedAnswer> get(const std::string &key) { return lru_.get(key).value_or(nullptr); }
  // Stores a 200's body under `key` and returns it with its ETag.
  std::shared_ptr<const CachedAnswer> put(const std::string &key, std::string body);

  // Nothing of the family stored so far is served again.
  void invalidate(CacheFamily f) { generation_[static_cast<std::size_t>(f)].fetch_add(1); }

  LruStats stats() const { return lru_.stats(); }

 private:
  LruCache<std::shared_ptr<const CachedAnswer>> lru_;
  std::array<std::atomic<std::uint64_t>, 4> generation_{};
};

// How a cached answer depends on the signed-in caller.
struct CacheScope {
  // The answer may hold the caller's private data, so the key carries the
  // caller's account.
  bool per_user = false;
  // Optional, for per_user answers: whether this caller has any private data
  // the answer could hold (recipe lists: recipes of their own). A caller
  // without is answered as an anonymous caller: the handler runs without the
  // user, so it cannot read anything private even if the caller writes some
  // meanwhile, and the answer shares the anonymous entry. Thousands of
  // signed-in users browsing the catalog then share one entry per page.
  std::function<bool(long long user)> has_private;
};

// A GET handler answered from `cache` when it holds the answer, else run and
// its 200 stored. Only the body is kept, so a cached handler must answer
// with its body alone (no headers of its own). A null cache runs the handler
// as is. Hits and misses are counted in `metrics` (when there is one) as the
// "response" cache.
Handler cached_get(ResponseCache *cache, Metrics *metrics, CacheFamily family, CacheScope scope, Handler h);

}  // namespace trae
