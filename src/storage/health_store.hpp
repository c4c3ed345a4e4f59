// Health log rows: one generic shape over the eight log tables (owner, instant,
// local day, and the kind's own columns as a JSON object keyed by column
// name). Every statement names the owner, so another user's id is simply
// not found. Queries run on the (user_id, day, at) index of each table.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/health.hpp"
#include "core/search.hpp"
#include "core/workout_planner.hpp"
#include "storage/database.hpp"

namespace trae::health_store {

struct Row {
  long long id = 0;
  long long at = 0;                                  // Unix seconds
  std::string day;                                   // local YYYY-MM-DD
  nlohmann::json values = nlohmann::json::object();  // column -> value (null for SQL NULL)
};

std::string_view table_name(LogKind k);
// Fills active_days (one row per user and day with any log) from the log
// tables: what the per-row triggers of migration 0011 would have done, for
// loads that run without them.
void rebuild_active_days(Connection &c);
// The names of the triggers that add a row to active_days when a log is inserted.
std::vector<std::string> active_day_insert_triggers();

long long insert(Connection &c, LogKind k, long long user, const Row &r, long long now);
// False when no such row belongs to the user.
bool update(Connection &c, LogKind k, long long user, long long id, const Row &r, long long now);
bool remove(Connection &c, LogKind k, long long user, long long id);
std::optional<Row> find(Connection &c, LogKind k, long long user, long long id);

struct Page {
  std::vector<Row> items;  // newest first
  long long total = 0;
  bool total_capped = false;
};
// Entries whose local day lies in [from_day, to_day].
Page list(Connection &c, LogKind k, long long user, const std::string &from_day, const std::string &to_day,
          const Paging &p);
// Every entry of the user, oldest first (account export).
std::vector<Row> all(Connection &c, LogKind k, long long user);

std::optional<double> latest_weight(Connection &c, long long user);
std::optional<long long> steps_on(Connection &c, long long user, const std::string &day);
// Minutes of sleep recorded for a day, leaving out one entry (the one being replaced).
long long sleep_minutes_on(Connection &c, long long user, const std::string &day, long long except_id);

// Every workout the user logged at or after `since` (Unix seconds), with its
// time and muscle groups: the recovery rule of the workout recommendations.
// muscles_trained_since is their union (bits of core/catalog.hpp muscle_names()).
Mask muscles_trained_since(Connection &c, long long user, long long since);
std::vector<workoutplan::RecentSession> workout_sessions_since(Connection &c, long long user,
                                                               long long since);

}  // namespace trae::health_store
