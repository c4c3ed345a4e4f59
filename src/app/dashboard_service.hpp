// GET /api/v1/dashboard and the chart series: today's intake against the
// calculator's targets, water, steps, sleep, the weight trend, this week's
// workouts and logging streaks, all counted in the user's local days.
#pragma once
#include <nlohmann/json.hpp>

#include "app/time_zones.hpp"
#include "core/clock.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"
#include "storage/health_summary_query.hpp"

namespace trae {

class DashboardService {
 public:
  DashboardService(Database &db, const Clock &clock, TimeZones &zones, Logger &log)
      : db_(db), clock_(clock), zones_(zones), log_(log) {}

  nlohmann::json dashboard(long long user);
  // {days:[{date, weight_kg|null, water_ml, steps, sleep_minutes, kcal_burned, workouts}]}, oldest first.
  nlohmann::json progress_summary(long long user, int days);
  // {days:[{date, kcal, protein_g, fat_g, carbs_g, target_kcal|null}]}, oldest first.
  nlohmann::json nutrition_summary(long long user, int days);

 private:
  Database &db_;
  const Clock &clock_;
  TimeZones &zones_;
  Logger &log_;
};

// The dashboard's figures from what load_dashboard read (pure; unit-tested).
nlohmann::json dashboard_json(const health_summary::DashboardData &d, long long today);

}  // namespace trae
