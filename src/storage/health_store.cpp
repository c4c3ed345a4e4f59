#include "storage/health_store.hpp"

#include <array>

#include "core/calendar.hpp"

namespace trae::health_store {
namespace {

struct TableSpec {
  std::string_view name;
  std::vector<std::string_view> columns;  // the kind's own columns
};

const TableSpec &spec(LogKind k) {
  static const std::array<TableSpec, 8> kTables{{
      {"weight_logs", {"weight_kg"}},
      {"measurement_logs",
       {"waist_cm", "hip_cm", "neck_cm", "chest_cm", "arm_cm", "thigh_cm", "body_fat_pct"}},
      {"water_logs", {"ml"}},
      {"sleep_logs", {"start_at", "minutes", "quality"}},
      {"step_logs", {"count"}},
      {"heart_rate_logs", {"bpm", "resting"}},
      {"food_logs",
       {"food_id", "recipe_id", "grams", "servings", "meal_slot", "name", "kcal", "protein_g", "fat_g",
        "carbs_g", "fiber_g", "sugar_g", "sodium_mg"}},
      {"workout_logs",
       {"workout_id", "name", "exercises", "duration_minutes", "rpe", "kcal_burned", "muscle_mask"}},
  }};
  return kTables[static_cast<std::size_t>(k)];
}

std::string joined(const TableSpec &t, std::string_view suffix) {
  std::string out;
  for (auto c : t.columns) out.append(", ").append(c).append(suffix);
  return out;
}

std::string select_sql(const TableSpec &t) {
  std::string sql = "SELECT id, at, day";
  sql.append(joined(t, "")).append(" FROM ").append(t.name);
  return sql;
}

void bind_value(Stmt &st, int i, const nlohmann::json &v) {
  if (v.is_null())
    st->bind(i);
  else if (v.is_boolean())
    st->bind(i, v.get<bool>() ? 1 : 0);
  else if (v.is_number_integer())
    st->bind(i, static_cast<int64_t>(v.get<long long>()));
  else if (v.is_number())
    st->bind(i, v.get<double>());
  else
    st->bind(i, v.get<std::string>());
}

int bind_row(Stmt &st, const TableSpec &t, const Row &r, int i) {
  st->bind(i++, static_cast<int64_t>(r.at));
  st->bind(i++, r.day);
  for (auto col : t.columns) {
    auto it = r.values.find(std::string(col));
    bind_value(st, i++, it == r.values.end() ? nlohmann::json(nullptr) : *it);
  }
  return i;
}

Row read_row(Stmt &st, const TableSpec &t) {
  Row r;
  r.id = st->getColumn(0).getInt64();
  r.at = st->getColumn(1).getInt64();
  r.day = st->getColumn(2).getString();
  int i = 3;
  for (auto col : t.columns) {
    auto c = st->getColumn(i++);
    nlohmann::json v;
    if (c.isInteger())
      v = c.getInt64();
    else if (c.isFloat())
      v = c.getDouble();
    else if (c.isText())
      v = c.getString();
    r.values[std::string(col)] = v;
  }
  return r;
}

void bind_id_user(Stmt &st, int i, long long id, long long user) {
  st->bind(i, static_cast<int64_t>(id));
  st->bind(i + 1, static_cast<int64_t>(user));
}

}  // namespace

std::string_view table_name(LogKind k) { return spec(k).name; }

void rebuild_active_days(Connection &c) {
  c.exec("INSERT OR IGNORE INTO active_days (user_id, day) SELECT DISTINCT user_id, day FROM log_days");
}

std::vector<std::string> active_day_insert_triggers() {
  std::vector<std::string> out;
  for (const auto &k : log_kinds()) out.push_back(std::string(table_name(k.kind)) + "_day_insert");
  return out;
}

long long insert(Connection &c, LogKind k, long long user, const Row &r, long long now) {
  const auto &t = spec(k);
  std::string sql = "INSERT INTO ";
  sql.append(t.name)
      .append("(user_id, at, day")
      .append(joined(t, ""))
      .append(", created_at, updated_at) VALUES (?, ?, ?");
  for (std::size_t i = 0; i < t.columns.size(); ++i) sql.append(", ?");
  sql.append(", ?, ?)");
  auto st = c.prepare(sql);
  st->bind(1, static_cast<int64_t>(user));
  int i = bind_row(st, t, r, 2);
  st->bind(i++, static_cast<int64_t>(now));
  st->bind(i, static_cast<int64_t>(now));
  st->exec();
  return c.db().getLastInsertRowid();
}

bool update(Connection &c, LogKind k, long long user, long long id, const Row &r, long long now) {
  const auto &t = spec(k);
  std::string sql = "UPDATE ";
  sql.append(t.name).append(" SET at = ?, day = ?").append(joined(t, " = ?"));
  sql.append(", updated_at = ? WHERE id = ? AND user_id = ?");
  auto st = c.prepare(sql);
  int i = bind_row(st, t, r, 1);
  st->bind(i++, static_cast<int64_t>(now));
  bind_id_user(st, i, id, user);
  return st->exec() > 0;
}

bool remove(Connection &c, LogKind k, long long user, long long id) {
  auto st = c.prepare("DELETE FROM " + std::string(spec(k).name) + " WHERE id = ? AND user_id = ?");
  bind_id_user(st, 1, id, user);
  return st->exec() > 0;
}

std::optional<Row> find(Connection &c, LogKind k, long long user, long long id) {
  const auto &t = spec(k);
  auto st = c.prepare(select_sql(t) + " WHERE id = ? AND user_id = ?");
  bind_id_user(st, 1, id, user);
  if (!st->executeStep()) return std::nullopt;
  return read_row(st, t);
}

Page list(Connection &c, LogKind k, long long user, const std::string &from_day, const std::string &to_day,
          const Paging &p) {
  const auto &t = spec(k);
  const std::string where = " WHERE user_id = ? AND day BETWEEN ? AND ?";
  auto bind_range = [&](Stmt &st) {
    st->bind(1, static_cast<int64_t>(user));
    st->bind(2, from_day);
    st->bind(3, to_day);
  };
  Page page;
  auto st = c.prepare(select_sql(t) + where + " ORDER BY day DESC, at DESC, id DESC LIMIT ? OFFSET ?");
  bind_range(st);
  st->bind(4, p.limit);
  st->bind(5, static_cast<int64_t>(p.offset()));
  while (st->executeStep()) page.items.push_back(read_row(st, t));
  // Totals stop counting at the shared cap, like the catalog's.
  auto count = c.prepare("SELECT count(*) FROM (SELECT 1 FROM " + std::string(t.name) + where + " LIMIT " +
                         std::to_string(kTotalCap + 1) + ")");
  bind_range(count);
  count->executeStep();
  page.total = count->getColumn(0).getInt64();
  if (page.total > kTotalCap) {
    page.total = kTotalCap;
    page.total_capped = true;
  }
  return page;
}

std::vector<Row> all(Connection &c, LogKind k, long long user) {
  const auto &t = spec(k);
  auto st = c.prepare(select_sql(t) + " WHERE user_id = ? ORDER BY day, at, id");
  st->bind(1, static_cast<int64_t>(user));
  std::vector<Row> out;
  while (st->executeStep()) out.push_back(read_row(st, t));
  return out;
}

std::optional<double> latest_weight(Connection &c, long long user) {
  auto st = c.prepare(
      "SELECT weight_kg FROM weight_logs WHERE user_id = ? ORDER BY day DESC, at DESC, id DESC LIMIT 1");
  st->bind(1, static_cast<int64_t>(user));
  if (!st->executeStep()) return std::nullopt;
  return st->getColumn(0).getDouble();
}

std::optional<long long> steps_on(Connection &c, long long user, const std::string &day) {
  auto st = c.prepare("SELECT id FROM step_logs WHERE user_id = ? AND day = ?");
  st->bind(1, static_cast<int64_t>(user));
  st->bind(2, day);
  if (!st->executeStep()) return std::nullopt;
  return st->getColumn(0).getInt64();
}

long long sleep_minutes_on(Connection &c, long long user, const std::string &day, long long except_id) {
  auto st =
      c.prepare("SELECT coalesce(sum(minutes), 0) FROM sleep_logs WHERE user_id = ? AND day = ? AND id != ?");
  st->bind(1, static_cast<int64_t>(user));
  st->bind(2, day);
  st->bind(3, static_cast<int64_t>(except_id));
  st->executeStep();
  return st->getColumn(0).getInt64();
}

std::vector<workoutplan::RecentSession> workout_sessions_since(Connection &c, long long user,
                                                               long long since) {
  // A local day starts at most 14 hours before and 12 hours after the UTC
  // day, so a day bound one UTC day earlier keeps this an index range scan
  // without missing any row; `at` then decides exactly.
  auto st = c.prepare("SELECT at, muscle_mask FROM workout_logs WHERE user_id = ? AND day >= ? AND at >= ?");
  st->bind(1, static_cast<int64_t>(user));
  st->bind(2, local_date(since - 86400, 0));
  st->bind(3, static_cast<int64_t>(since));
  std::vector<workoutplan::RecentSession> out;
  while (st->executeStep())
    out.push_back({st->getColumn(0).getInt64(), static_cast<Mask>(st->getColumn(1).getInt64())});
  return out;
}

Mask muscles_trained_since(Connection &c, long long user, long long since) {
  Mask m = 0;
  for (const auto &s : workout_sessions_since(c, user, since)) m |= s.muscles;
  return m;
}

}  // namespace trae::health_store
