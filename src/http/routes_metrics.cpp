// GET /metrics: Prometheus text format. Outside the API's authentication
// (Prometheus sends no token); METRICS_ALLOW limits which client addresses
// may read it, and anyone else sees the same 404 as for a missing path.
#include "config/address_block.hpp"
#include "core/error.hpp"
#include "http/api.hpp"

namespace trae {

void add_metrics_routes(Router &r, Services &s) {
  r.add("GET", "/metrics", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    if (!s.metrics || !address_allowed(req.remote_ip, s.metrics->allow))
      throw Error(ErrorCode::not_found, "no such endpoint");
    res.status = 200;
    res.content_type = "text/plain; version=0.0.4; charset=utf-8";
    res.set_header("Cache-Control", "no-store");
    res.body = s.metrics->render();
  });
}

}  // namespace trae
