#include "http/cors.hpp"

#include <algorithm>

namespace trae {

bool Cors::allows(const std::string &origin) const {
  return !origin.empty() && std::find(origins_.begin(), origins_.end(), origin) != origins_.end();
}

bool Cors::answer_preflight(const HttpRequest &req, const Router &router, HttpResponse &res) const {
  if (req.method != "OPTIONS" || !req.has_header("origin") ||
      !req.has_header("access-control-request-method"))
    return false;
  const std::string origin = req.header("origin");
  if (!allows(origin)) return false;  // routed as a plain OPTIONS: no CORS headers
  std::string methods = router.methods_at(req.path);
  if (methods.empty()) return false;  // no such path: the router's 404
  res.status = 204;
  res.body.clear();
  res.set_header("Vary", "Origin");
  res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Access-Control-Allow-Methods", methods);
  res.set_header("Access-Control-Allow-Headers", kCorsAllowHeaders);
  res.set_header("Access-Control-Max-Age", std::to_string(kCorsMaxAgeS));
  return true;
}

void Cors::decorate(const HttpRequest &req, HttpResponse &res) const {
  if (origins_.empty()) return;
  res.set_header("Vary", "Origin");  // the answer differs by Origin: caches must key on it
  const std::string origin = req.header("origin");
  if (!allows(origin)) return;
  res.set_header("Access-Control-Allow-Origin", origin);
  res.set_header("Access-Control-Expose-Headers", kCorsExposeHeaders);
}

}  // namespace trae
