// /health (liveness, always 200 while the process serves) and /ready
// (503 while the database cannot take writes).
#include "http/api.hpp"

namespace trae {

void add_health_routes(Router &r, Services &s, std::chrono::steady_clock::time_point started) {
  r.add("GET", "/health", Access::public_route, [&s, started](HttpRequest &, HttpResponse &res) {
    bool db_ok = s.database_ready();
    auto uptime =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
    res.set_header("Cache-Control", "no-store");
    write_json(res, 200,
               {{"status", "ok"},
                {"version", TRAE_VERSION},
                {"uptime_s", uptime.count()},
                {"db", db_ok ? "ok" : "unavailable"}});
  });
  r.add("GET", "/ready", Access::public_route, [&s](HttpRequest &, HttpResponse &res) {
    bool db_ok = s.database_ready();
    res.set_header("Cache-Control", "no-store");
    write_json(res, db_ok ? 200 : 503, {{"ready", db_ok}, {"db", db_ok ? "ok" : "unavailable"}});
  });
}

}  // namespace trae
