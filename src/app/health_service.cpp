#include "app/health_service.hpp"

#include <cmath>

#include "app/catalog_service.hpp"
#include "core/error.hpp"
#include "storage/catalog_query.hpp"
#include "storage/log_sources.hpp"
#include "storage/profile_store.hpp"

namespace trae {
namespace {

constexpr const char *kNutritionColumns[] = {"kcal",    "protein_g", "fat_g",    "carbs_g",
                                             "fiber_g", "sugar_g",   "sodium_mg"};

void put_nutrition(nlohmann::json &values, const ServingNutrition &n, double factor) {
  const double figures[] = {n.kcal, n.protein_g, n.fat_g, n.carbs_g, n.fiber_g, n.sugar_g, n.sodium_mg};
  for (std::size_t i = 0; i < std::size(figures); ++i) values[kNutritionColumns[i]] = figures[i] * factor;
}

// Name and nutrition of a food-diary entry, as they are at the moment of logging.
void fill_food(Connection &c, long long user, nlohmann::json &v) {
  if (v.contains("food_id")) {
    auto food = log_sources::food(c, v["food_id"].get<long long>());
    if (!food) throw invalid("food_id", "food_id names no food");
    Ingredient ing;
    ing.grams = v["grams"].get<double>();
    ing.per_100g = food->per_100g;
    v["name"] = food->name;
    put_nutrition(v, nutrition_per_serving(std::span<const Ingredient>(&ing, 1), 1), 1);
    return;
  }
  auto recipe = catalog_query::recipe_detail(c, v["recipe_id"].get<long long>(), user);
  if (!recipe) throw invalid("recipe_id", "recipe_id names no recipe you can see");
  v["name"] = recipe->summary.name;
  put_nutrition(v, recipe->summary.n, v["servings"].get<double>());
}

// Name, kcal burned and muscles of a workout-log entry.
void fill_workout(Connection &c, long long user, const LogDraft &d, nlohmann::json &v) {
  double weight = health_store::latest_weight(c, user).value_or(
      profile_store::load(c, user).weight_kg.value_or(kDefaultWeightKg));
  Mask muscles = 0;
  std::optional<double> met;
  std::string name = v.value("name", "");
  if (v.contains("workout_id") && !v["workout_id"].is_null()) {
    auto w = catalog_query::workout_detail(c, v["workout_id"].get<long long>());
    if (!w) throw invalid("workout_id", "workout_id names no workout");
    if (name.empty()) name = w->summary.name;
    met = met_of_workout(w->summary.kcal_70kg, w->summary.total_minutes);
    muscles |= w->summary.muscles;
  }
  std::vector<LoggedSet> sets;
  nlohmann::json stored = nlohmann::json::array();
  for (std::size_t i = 0; i < d.exercises.size(); ++i) {
    const auto &x = d.exercises[i];
    std::optional<log_sources::ExerciseFacts> facts;
    if (x.contains("exercise_id")) {
      facts = log_sources::exercise(c, x["exercise_id"].get<long long>());
      if (!facts)
        throw invalid("exercises[" + std::to_string(i) + "].exercise_id", "exercise_id names no exercise");
    } else {
      facts = log_sources::exercise_named(c, x["name"].get<std::string>());
    }
    double item_met = facts ? facts->met : default_met("strength");
    sets.push_back({item_met, x["sets"].get<int>()});
    if (facts) muscles |= facts->muscles;
    stored.push_back({{"exercise_id", facts ? nlohmann::json(facts->id) : nlohmann::json(nullptr)},
                      {"name", facts ? facts->name : x["name"].get<std::string>()},
                      {"sets", x["sets"]},
                      {"reps", x["reps"]},
                      {"weight_kg", x.value("weight_kg", nlohmann::json(nullptr))}});
  }
  if (!met) met = met_of_sets(sets);
  if (name.empty()) throw invalid("name", "name is required when no workout_id is given");
  v["name"] = name;
  v["exercises"] = stored.dump();
  v["kcal_burned"] = kcal_burned(*met, weight, v["duration_minutes"].get<double>());
  v["muscle_mask"] = static_cast<long long>(muscles);
}

nlohmann::json or_null(const nlohmann::json &v, const char *key) {
  auto it = v.find(key);
  return it == v.end() ? nlohmann::json(nullptr) : *it;
}

}  // namespace

health_store::Row HealthService::row_of(Connection &c, long long user, LogKind k, const LogDraft &d,
                                        const TimeZone &tz, long long except_id) {
  health_store::Row r;
  const long long now = clock_.now();
  if (k == LogKind::steps) {
    long long day = *day_number(*d.date);
    if (day > local_day_number(now, tz.offset_at(now)) + 1)
      throw invalid("date", "date must not be more than a day in the future");
    r.day = *d.date;
    long long noon_utc = day * 86400 + 43200;
    r.at = day * 86400 - tz.offset_at(noon_utc);  // local midnight
  } else {
    check_not_future(std::string(info(k).time_field), d.at->unix, now);
    r.at = d.at->unix;
    r.day = local_date(r.at, tz.offset_at(r.at));
  }
  r.values = d.values;
  if (k == LogKind::sleep) {
    long long start = r.values["start_at"].get<long long>();
    if (r.at <= start) throw invalid("end", "end must be after start");
    long long minutes = (r.at - start + 30) / 60;
    if (minutes < 1 || minutes > kMaxSleepMinutesPerDay)
      throw invalid("end", "a sleep lasts from 1 minute to 24 h");
    if (health_store::sleep_minutes_on(c, user, r.day, except_id) + minutes > kMaxSleepMinutesPerDay)
      throw invalid("end", "at most 24 h of sleep can be logged for one day (" + r.day + ")");
    r.values["minutes"] = minutes;
  } else if (k == LogKind::food_log) {
    fill_food(c, user, r.values);
  } else if (k == LogKind::workout_log) {
    fill_workout(c, user, d, r.values);
  }
  return r;
}

void HealthService::after_weight_change(Connection &c, long long user, long long now) {
  auto latest = health_store::latest_weight(c, user);
  if (!latest) return;  // no entries left: the profile keeps the weight it has
  Profile p = profile_store::load(c, user);
  if (p.weight_kg == latest) return;
  p.weight_kg = latest;
  profile_store::save(c, user, p, now);
}

nlohmann::json HealthService::list(long long user, LogKind k, const std::optional<std::string> &from,
                                   const std::optional<std::string> &to, const Paging &p) {
  if (p.cursor) throw invalid("cursor", "health logs page with page and limit");
  const std::string lo = from.value_or("0000-01-01"), hi = to.value_or("9999-12-31");
  if (lo > hi) throw invalid("from", "from must not be after to");
  health_store::Page page;
  std::string zone;
  db_.read([&](Connection &c) {
    zone = profile_store::load(c, user).timezone;
    page = health_store::list(c, k, user, lo, hi, p);
  });
  const auto &tz = zones_.get(zone);
  nlohmann::json items = nlohmann::json::array();
  for (const auto &r : page.items) items.push_back(entry_json(k, r, tz));
  catalog_query::Result<int> counted{{}, page.total, page.total_capped, std::nullopt};
  return envelope(counted, p, std::move(items));
}

LogWrite HealthService::create(long long user, LogKind k, const LogDraft &d) {
  LogWrite out;
  db_.write([&](Connection &c) {
    const long long now = clock_.now();
    const auto &tz = zones_.get(profile_store::load(c, user).timezone);
    auto row = row_of(c, user, k, d, tz, 0);
    std::optional<long long> existing;
    if (k == LogKind::steps) existing = health_store::steps_on(c, user, row.day);
    if (existing) {
      row.id = *existing;
      health_store::update(c, k, user, row.id, row, now);
    } else {
      row.id = health_store::insert(c, k, user, row, now);
    }
    if (k == LogKind::weights) after_weight_change(c, user, now);
    // Read back, so the answer is exactly what a later GET shows.
    out.entry = entry_json(k, *health_store::find(c, k, user, row.id), tz);
    out.created = !existing;
  });
  return out;
}

nlohmann::json HealthService::replace(long long user, LogKind k, long long id, const LogDraft &d) {
  nlohmann::json out;
  db_.write([&](Connection &c) {
    const long long now = clock_.now();
    if (!health_store::find(c, k, user, id)) throw not_found("entry");
    const auto &tz = zones_.get(profile_store::load(c, user).timezone);
    auto row = row_of(c, user, k, d, tz, id);
    if (k == LogKind::steps) {
      auto other = health_store::steps_on(c, user, row.day);
      if (other && *other != id)
        throw Error(ErrorCode::conflict, "steps for " + row.day + " are already logged");
    }
    row.id = id;
    health_store::update(c, k, user, id, row, now);
    if (k == LogKind::weights) after_weight_change(c, user, now);
    out = entry_json(k, *health_store::find(c, k, user, id), tz);
  });
  return out;
}

void HealthService::remove(long long user, LogKind k, long long id) {
  db_.write([&](Connection &c) {
    if (!health_store::remove(c, k, user, id)) throw not_found("entry");
    if (k == LogKind::weights) after_weight_change(c, user, clock_.now());
  });
}

std::vector<std::string> HealthService::muscles_trained_within(long long user, int hours) {
  Mask m = 0;
  const long long since = clock_.now() - static_cast<long long>(hours) * 3600;
  db_.read([&](Connection &c) { m = health_store::muscles_trained_since(c, user, since); });
  return muscle_list(m);
}

nlohmann::json HealthService::export_logs(Connection &c, long long user, const TimeZone &tz) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto &kind : log_kinds()) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto &r : health_store::all(c, kind.kind, user)) items.push_back(entry_json(kind.kind, r, tz));
    out[std::string(kind.path)] = std::move(items);
  }
  return out;
}

nlohmann::json entry_json(LogKind k, const health_store::Row &r, const TimeZone &tz) {
  auto when = [&](long long t) { return format_instant(t, tz.offset_at(t)); };
  nlohmann::json j = {{"id", r.id}, {"date", r.day}};
  const auto &v = r.values;
  switch (k) {
    case LogKind::sleep:
      j["start"] = when(v["start_at"].get<long long>());
      j["end"] = when(r.at);
      j["minutes"] = v["minutes"];
      j["quality"] = or_null(v, "quality");
      return j;
    case LogKind::steps: j["count"] = v["count"]; return j;
    case LogKind::heart_rate:
      j["bpm"] = v["bpm"];
      j["resting"] = v["resting"].get<long long>() != 0;
      break;
    case LogKind::food_log: {
      for (const char *key : {"food_id", "recipe_id", "grams", "servings", "meal_slot", "name"})
        j[key] = or_null(v, key);
      nlohmann::json n;
      for (const char *key : kNutritionColumns)
        n[key] = std::round(v[key].get<double>() * 10) / 10;  // one decimal is what labels show
      j["nutrition"] = n;
      break;
    }
    case LogKind::workout_log:
      for (const char *key : {"workout_id", "name", "duration_minutes", "rpe"}) j[key] = or_null(v, key);
      j["exercises"] = nlohmann::json::parse(v["exercises"].get<std::string>());
      j["kcal_burned"] = std::round(v["kcal_burned"].get<double>());
      j["muscles"] = muscle_list(static_cast<Mask>(v["muscle_mask"].get<long long>()));
      break;
    default:
      for (auto it = v.begin(); it != v.end(); ++it) j[it.key()] = it.value();
  }
  j[std::string(info(k).time_field)] = when(r.at);
  return j;
}

}  // namespace trae
