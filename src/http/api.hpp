// The JSON API: routing, content checks, authentication and error mapping
// around the handlers of each resource (http/routes_*.cpp).
#pragma once
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>

#include "app/account_service.hpp"
#include "app/auth_service.hpp"
#include "app/catalog_service.hpp"
#include "app/dashboard_service.hpp"
#include "app/health_service.hpp"
#include "app/meal_plan_service.hpp"
#include "app/workout_plan_service.hpp"
#include "core/clock.hpp"
#include "core/rate_limiter.hpp"
#include "http/cors.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"

namespace trae {

struct Services {
  AuthService &auth;
  AccountService &accounts;
  CatalogService &catalog;
  HealthService &health;
  DashboardService &dashboard;
  MealPlanService &meal_plans;
  WorkoutPlanService &workout_plans;
  Database &db;
  const Clock &clock;
  Logger &log;
  // Whether the database can take writes now (checked by /ready).
  std::function<bool()> database_ready;
  // Counters for GET /metrics; null where nobody scrapes (most unit tests).
  Metrics *metrics = nullptr;
  // Public catalog answers kept in process; null: every read goes to the database.
  ResponseCache *cache = nullptr;
};

// Cross-cutting request policy, from the configuration.
struct ApiOptions {
  std::vector<std::string> cors_origins;  // exact origins allowed cross-origin
  RateLimiter *rate_limiter = nullptr;    // null: no per-client limit
};

class Api {
 public:
  explicit Api(Services s, ApiOptions options = {});
  // Handles one request; never throws.
  void handle(HttpRequest &req, HttpResponse &res) const;
  const Router &router() const { return router_; }

 private:
  // Counts the request against its client (its account when signed in, else
  // its address); sets the RateLimit-* headers and throws 429 when spent.
  void enforce_rate_limit(const HttpRequest &req, HttpResponse &res) const;

  Services s_;
  ApiOptions options_;
  Cors cors_;
  Router router_;
  std::chrono::steady_clock::time_point started_;
};

// Helpers for handlers.
void write_json(HttpResponse &res, int status, const nlohmann::json &body);
// The request body as a JSON object: 415 unless Content-Type is JSON, 400 if
// empty or malformed.
nlohmann::json json_body(const HttpRequest &req);
bool is_json_content_type(const std::string &value);
// Revalidation for a 200 to GET or HEAD: a strong ETag (the handler's own, as
// the response cache sets it, else a hash of the body), Cache-Control
// "private, no-cache" unless the handler chose one (answers may be the
// caller's own data: browsers may keep them, shared caches may not, and both
// must ask again), and 304 with no body when If-None-Match matches. A
// "no-store" answer (/metrics) is left alone.
void add_validators(const HttpRequest &req, HttpResponse &res);
// Whether requests to `path` count against the rate limit: the probes, the
// API description and CORS preflights do not (static files never reach the Api).
bool rate_limited_path(const std::string &method, const std::string &path);

// Route tables, one per resource.
void add_auth_routes(Router &r, Services &s);
void add_account_routes(Router &r, Services &s);
void add_calculator_routes(Router &r, Services &s);
void add_catalog_routes(Router &r, Services &s);
void add_health_log_routes(Router &r, Services &s);
void add_dashboard_routes(Router &r, Services &s);
void add_plan_routes(Router &r, Services &s);
void add_health_routes(Router &r, Services &s, std::chrono::steady_clock::time_point started);
void add_docs_routes(Router &r);
void add_metrics_routes(Router &r, Services &s);

}  // namespace trae
