// Cross-origin access for the origins listed in CORS_ORIGINS, and only those:
// the Origin header must match one exactly. Everyone else gets no CORS
// headers at all, so browsers keep the same-origin rule.
#pragma once
#include <string>
#include <vector>

#include "http/message.hpp"
#include "http/router.hpp"

namespace trae {

// Headers a browser may send, and those scripts may read, cross-origin.
inline constexpr const char *kCorsAllowHeaders = "Authorization, Content-Type, X-Request-Id";
inline constexpr const char *kCorsExposeHeaders =
    "Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Request-Id";
inline constexpr int kCorsMaxAgeS = 600;

class Cors {
 public:
  explicit Cors(std::vector<std::string> origins) : origins_(std::move(origins)) {}

  bool allows(const std::string &origin) const;
  // Whether `req` is a preflight (OPTIONS with Origin and
  // Access-Control-Request-Method). If so, answers it: 204 with the allowed
  // methods of that path for an allowed origin; otherwise false and nothing set.
  bool answer_preflight(const HttpRequest &req, const Router &router, HttpResponse &res) const;
  // Adds the CORS headers of an actual (non-preflight) request.
  void decorate(const HttpRequest &req, HttpResponse &res) const;

 private:
  std::vector<std::string> origins_;
};

}  // namespace trae
