// GET /api/v1/dashboard and the chart series under /api/v1/actions/.
#include "app/dashboard_service.hpp"
#include "http/api.hpp"
#include "http/query_params.hpp"

namespace trae {
namespace {

constexpr long long kMaxSeriesDays = 365;
constexpr long long kDefaultSeriesDays = 30;

int days_param(const HttpRequest &req) {
  QueryReader q(req);
  auto days = q.integer("days", 1, kMaxSeriesDays);
  q.finish();
  return static_cast<int>(days.value_or(kDefaultSeriesDays));
}

}  // namespace

void add_dashboard_routes(Router &r, Services &s) {
  r.add("GET", "/api/v1/dashboard", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    QueryReader(req).finish();
    write_json(res, 200, s.dashboard.dashboard(req.user->id));
  });
  r.add("GET", "/api/v1/actions/progress-summary", Access::signed_in,
        [&s](HttpRequest &req, HttpResponse &res) {
          write_json(res, 200, s.dashboard.progress_summary(req.user->id, days_param(req)));
        });
  r.add("GET", "/api/v1/actions/nutrition-summary", Access::signed_in,
        [&s](HttpRequest &req, HttpResponse &res) {
          write_json(res, 200, s.dashboard.nutrition_summary(req.user->id, days_param(req)));
        });
}

}  // namespace trae
