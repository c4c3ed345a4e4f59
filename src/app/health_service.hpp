// The signed-in user's health logs: weights, measurements, water, sleep,
// steps, heart rate, food diary and workout log. Every call is scoped to the
// owner; another user's entry is "not found". Days are the user's local days
// (profile.timezone), fixed on each entry when it is written.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/time_zones.hpp"
#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/health.hpp"
#include "core/search.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"
#include "storage/health_store.hpp"

namespace trae {

// An entry as sent, already checked field by field (ranges, types, vocabularies).
struct LogDraft {
  std::optional<Instant> at;                         // the entry's time (sleep: its end); absent for steps
  std::optional<std::string> date;                   // steps: the local day it counts
  nlohmann::json values = nlohmann::json::object();  // the kind's input columns
  // Workout log: free exercises [{exercise_id|name, sets, reps, weight_kg?}].
  nlohmann::json exercises = nlohmann::json::array();
};

struct LogWrite {
  nlohmann::json entry;
  bool created = false;  // false when an existing entry was replaced (steps of a day)
};

class HealthService {
 public:
  HealthService(Database &db, const Clock &clock, TimeZones &zones, Logger &log)
      : db_(db), clock_(clock), zones_(zones), log_(log) {}

  // Entries whose local day is in [from, to] (YYYY-MM-DD, both optional), newest first.
  nlohmann::json list(long long user, LogKind k, const std::optional<std::string> &from,
                      const std::optional<std::string> &to, const Paging &p);
  // Steps: posting a day that has a count replaces it (created = false).
  LogWrite create(long long user, LogKind k, const LogDraft &d);
  nlohmann::json replace(long long user, LogKind k, long long id, const LogDraft &d);
  void remove(long long user, LogKind k, long long id);

  // Muscle groups (free-exercise-db names) trained in the last `hours` hours,
  // from the workout log; for meal-plan and workout recommendations.
  std::vector<std::string> muscles_trained_within(long long user, int hours);

  // Every log of the user, for the account export (inside the caller's read).
  static nlohmann::json export_logs(Connection &c, long long user, const TimeZone &tz);

 private:
  // Fills the row (day, at and derived columns) from a draft; checks day-level rules.
  health_store::Row row_of(Connection &c, long long user, LogKind k, const LogDraft &d, const TimeZone &tz,
                           long long except_id);
  void after_weight_change(Connection &c, long long user, long long now);

  Database &db_;
  const Clock &clock_;
  TimeZones &zones_;
  Logger &log_;
};

// The JSON of one stored entry, times shown in the given zone.
nlohmann::json entry_json(LogKind k, const health_store::Row &r, const TimeZone &tz);

}  // namespace trae
