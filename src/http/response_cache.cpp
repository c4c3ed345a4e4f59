#include "http/response_cache.hpp"

#include <algorithm>

#include "http/etag.hpp"
#include "http/metrics.hpp"

namespace trae {
namespace {

// Escapes the characters that separate parameters in a key, so that no two
// different queries give the same key.
void append_escaped(std::string &out, const std::string &s) {
  for (char c : s) {
    if (c == '%' || c == '&' || c == '=' || c == '|') {
      static const char digits[] = "0123456789ABCDEF";
      out.push_back('%');
      out.push_back(digits[static_cast<unsigned char>(c) >> 4]);
      out.push_back(digits[static_cast<unsigned char>(c) & 15]);
    } else {
      out.push_back(c);
    }
  }
}

// What an entry weighs: its bytes and the bookkeeping around them (list
// node, hash bucket, shared block), roughly.
constexpr std::size_t kEntryOverhead = 160;

}  // namespace

std::string ResponseCache::key(CacheFamily f, const HttpRequest &req, std::optional<long long> viewer) const {
  std::string k = std::to_string(static_cast<int>(f));
  k.push_back(':');
  k.append(std::to_string(generation_[static_cast<std::size_t>(f)].load()));
  k.push_back('|');
  k.append(viewer ? std::to_string(*viewer) : "-");
  k.push_back('|');
  append_escaped(k, req.path);
  auto query = req.query;
  std::stable_sort(query.begin(), query.end(),
                   [](const auto &a, const auto &b) { return a.first < b.first; });
  for (const auto &[name, value] : query) {
    k.push_back('&');
    append_escaped(k, name);
    k.push_back('=');
    append_escaped(k, value);
  }
  return k;
}

std::shared_ptr<const CachedAnswer> ResponseCache::put(const std::string &key, std::string body) {
  std::string etag = strong_etag(body);
  auto answer = std::make_shared<const CachedAnswer>(CachedAnswer{std::move(body), std::move(etag)});
  lru_.put(key, answer, key.size() + answer->body.size() + answer->etag.size() + kEntryOverhead);
  return answer;
}

Handler cached_get(ResponseCache *cache, Metrics *metrics, CacheFamily family, CacheScope scope, Handler h) {
  if (!cache) return h;
  return [cache, metrics, family, scope = std::move(scope), h = std::move(h)](HttpRequest &req,
                                                                              HttpResponse &res) {
    std::optional<long long> viewer;
    // Decided once: the key and the handler must agree on who is asking.
    std::optional<AuthUser> hidden;
    if (scope.per_user && req.user) {
      if (scope.has_private && !scope.has_private(req.user->id))
        hidden.swap(req.user);
      else
        viewer = req.user->id;
    }
    // The caller comes back whatever the handler does (logs and metrics
    // after this wrapper still see them).
    struct Restore {
      HttpRequest &req;
      std::optional<AuthUser> &hidden;
      ~Restore() {
        if (hidden) req.user.swap(hidden);
      }
    } restore{req, hidden};
    const std::string key = cache->key(family, req, viewer);
    auto answer = cache->get(key);
    if (metrics) metrics->count_cache("response", answer != nullptr);
    if (!answer) {
      h(req, res);
      if (res.status != 200) return;
      answer = cache->put(key, std::move(res.body));
    }
    res.status = 200;
    res.content_type = "application/json";
    res.body = answer->body;
    res.set_header("ETag", answer->etag);
  };
}

}  // namespace trae
