// The web app's static export, compiled into the binary (build/embedded.hpp),
// served over HTTPS: path to file lookup, content negotiation between the
// precompressed encodings, strong ETags with 304, cache policy and a
// Content-Security-Policy per HTML page. Knows nothing of the HTTP library;
// http/server.cpp turns a StaticResponse into bytes on the wire.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "build/embedded.hpp"

namespace trae {

struct StaticRequest {
  std::string_view path;   // URL-decoded, without the query
  std::string_view query;  // raw query string (after '?'), possibly empty
  std::string_view accept_encoding;
  std::string_view if_none_match;
  // A Range request is answered from the identity bytes, so the range the
  // HTTP layer cuts is a range of the file itself.
  bool range = false;
};

struct StaticResponse {
  int status = 200;
  std::string_view content_type;  // empty when there is no body
  std::string_view body;          // points into the embedded table
  std::vector<std::pair<std::string, std::string>> headers;
};

class StaticSite {
 public:
  explicit StaticSite(std::span<const WebAsset> assets);

  // Whether GET/HEAD of this path belongs to the web app rather than to the
  // API and the probes (/api/..., /health, /ready, /metrics).
  static bool serves(std::string_view path);

  // The table key for a request path ("/recipes/" -> "recipes/"), or nothing
  // when the path is not a plain one: NUL or other control bytes, a
  // backslash, an empty, "." or ".." segment. Such paths are never looked up.
  static std::optional<std::string> normalize(std::string_view path);

  StaticResponse serve(const StaticRequest &req) const;

  const WebAsset *find(std::string_view path) const;

 private:
  std::span<const WebAsset> assets_;
  std::vector<std::string> csp_;  // per asset; empty unless HTML
  const WebAsset *not_found_ = nullptr;
};

}  // namespace trae
