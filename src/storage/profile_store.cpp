#include "storage/profile_store.hpp"

#include <nlohmann/json.hpp>

namespace trae::profile_store {
namespace {

std::vector<std::string> list_from_json(const std::string &text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array())
    for (const auto &v : j)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

template <typename T>
void bind_opt(Stmt &st, int i, const std::optional<T> &v) {
  if (v)
    st->bind(i, *v);
  else
    st->bind(i);
}

}  // namespace

Profile load(Connection &c, long long user_id) {
  auto st = c.prepare(
      "SELECT sex, birth_date, height_cm, weight_kg, activity_level, goal, diet, allergies, "
      "equipment, units, timezone, language, water_goal_ml, steps_goal FROM profiles WHERE user_id = ?");
  st->bind(1, static_cast<int64_t>(user_id));
  Profile p;
  if (!st->executeStep()) return p;
  auto text = [&](int i) -> std::optional<std::string> {
    auto col = st->getColumn(i);
    if (col.isNull()) return std::nullopt;
    return col.getString();
  };
  auto real = [&](int i) -> std::optional<double> {
    auto col = st->getColumn(i);
    if (col.isNull()) return std::nullopt;
    return col.getDouble();
  };
  if (auto s = text(0)) p.sex = parse_sex(*s);
  p.birth_date = text(1);
  p.height_cm = real(2);
  p.weight_kg = real(3);
  if (auto s = text(4)) p.activity_level = parse_activity_level(*s);
  if (auto s = text(5)) p.goal = parse_goal(*s);
  p.diet = text(6);
  p.allergies = list_from_json(st->getColumn(7).getString());
  p.equipment = list_from_json(st->getColumn(8).getString());
  p.units = st->getColumn(9).getString();
  p.timezone = st->getColumn(10).getString();
  p.language = st->getColumn(11).getString();
  p.water_goal_ml = st->getColumn(12).getInt();
  p.steps_goal = st->getColumn(13).getInt();
  return p;
}

void save(Connection &c, long long user_id, const Profile &p, long long now) {
  auto st = c.prepare(
      "INSERT INTO profiles(user_id, sex, birth_date, height_cm, weight_kg, activity_level, goal, "
      "diet, allergies, equipment, units, timezone, language, water_goal_ml, steps_goal, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(user_id) DO UPDATE SET sex = excluded.sex, birth_date = excluded.birth_date, "
      "height_cm = excluded.height_cm, weight_kg = excluded.weight_kg, "
      "activity_level = excluded.activity_level, goal = excluded.goal, diet = excluded.diet, "
      "allergies = excluded.allergies, equipment = excluded.equipment, units = excluded.units, "
      "timezone = excluded.timezone, language = excluded.language, "
      "water_goal_ml = excluded.water_goal_ml, steps_goal = excluded.steps_goal, "
      "updated_at = excluded.updated_at");
  st->bind(1, static_cast<int64_t>(user_id));
  bind_opt(st, 2, p.sex ? std::optional<std::string>(std::string(to_string(*p.sex))) : std::nullopt);
  bind_opt(st, 3, p.birth_date);
  bind_opt(st, 4, p.height_cm);
  bind_opt(st, 5, p.weight_kg);
  bind_opt(st, 6,
           p.activity_level ? std::optional<std::string>(std::string(to_string(*p.activity_level)))
                            : std::nullopt);
  bind_opt(st, 7, p.goal ? std::optional<std::string>(std::string(to_string(*p.goal))) : std::nullopt);
  bind_opt(st, 8, p.diet);
  st->bind(9, nlohmann::json(p.allergies).dump());
  st->bind(10, nlohmann::json(p.equipment).dump());
  st->bind(11, p.units);
  st->bind(12, p.timezone);
  st->bind(13, p.language);
  st->bind(14, p.water_goal_ml);
  st->bind(15, p.steps_goal);
  st->bind(16, static_cast<int64_t>(now));
  st->exec();
}

}  // namespace trae::profile_store
