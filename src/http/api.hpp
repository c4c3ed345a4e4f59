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
#include "http/message.hpp"
#include "http/metrics.hpp"
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
};

class Api {
 public:
  explicit Api(Services s);
  // Handles one request; never throws.
  void handle(HttpRequest &req, HttpResponse &res) const;
  const Router &router() const { return router_; }

 private:
  Services s_;
  Router router_;
  std::chrono::steady_clock::time_point started_;
};

// Helpers for handlers.
void write_json(HttpResponse &res, int status, const nlohmann::json &body);
// The request body as a JSON object: 415 unless Content-Type is JSON, 400 if
// empty or malformed.
nlohmann::json json_body(const HttpRequest &req);
bool is_json_content_type(const std::string &value);

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
