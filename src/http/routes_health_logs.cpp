// /api/v1/health/<kind>: the signed-in user's health logs. This file reads
// and checks the request bodies; app/health_service.cpp does the rest.
#include <algorithm>
#include <array>

#include "app/health_service.hpp"
#include "core/error.hpp"
#include "core/health.hpp"
#include "http/api.hpp"
#include "http/json_body.hpp"
#include "http/query_params.hpp"

namespace trae {
namespace {

constexpr std::array<std::string_view, 4> kMealSlots{"breakfast", "lunch", "dinner", "snack"};
constexpr std::array<const char *, 6> kTapeMeasures{"waist_cm", "hip_cm", "neck_cm",
                                                    "chest_cm", "arm_cm", "thigh_cm"};

Instant instant(FieldReader &f, const std::string &name) {
  auto field = f.field_name(name);
  auto at = parse_instant(f.required_string(name, 40));
  if (!at)
    throw invalid(field,
                  field + " must be an ISO-8601 time with a zone offset, e.g. 2026-11-26T08:30:00+01:00");
  return *at;
}

double number_in(FieldReader &f, const std::string &name, double lo, double hi, std::string_view unit) {
  double v = f.required_number(name);
  check_range(f.field_name(name), v, lo, hi, unit);
  return v;
}

long long int_in(FieldReader &f, const std::string &name, long long lo, long long hi, std::string_view unit) {
  long long v = f.required_int(name);
  check_range(f.field_name(name), static_cast<double>(v), static_cast<double>(lo), static_cast<double>(hi),
              unit);
  return v;
}

std::optional<long long> optional_int_in(FieldReader &f, const std::string &name, long long lo,
                                         long long hi) {
  if (!f.has(name) || f.is_null(name)) {
    f.optional_int(name);  // marks it read
    return std::nullopt;
  }
  return int_in(f, name, lo, hi, "");
}

long long positive_id(FieldReader &f, const std::string &name) {
  return int_in(f, name, 1, 9000000000000000LL, "");
}

void read_food(FieldReader &f, LogDraft &d) {
  const bool food = f.has("food_id"), recipe = f.has("recipe_id");
  if (food == recipe)
    throw invalid(food ? "recipe_id" : "food_id",
                  "send either food_id with grams, or recipe_id with servings");
  if (food) {
    d.values["food_id"] = positive_id(f, "food_id");
    d.values["grams"] = number_in(f, "grams", 0.1, 5000, "g");
  } else {
    d.values["recipe_id"] = positive_id(f, "recipe_id");
    d.values["servings"] = number_in(f, "servings", 0.1, 20, "servings");
  }
  auto slot = f.required_string("meal_slot", 16);
  if (std::find(kMealSlots.begin(), kMealSlots.end(), slot) == kMealSlots.end())
    throw invalid("meal_slot", "meal_slot must be breakfast, lunch, dinner or snack");
  d.values["meal_slot"] = slot;
  d.at = instant(f, "logged_at");
}

void read_workout(FieldReader &f, LogDraft &d) {
  if (f.has("workout_id")) d.values["workout_id"] = positive_id(f, "workout_id");
  if (auto name = f.optional_string("name", 200)) {
    auto b = name->find_first_not_of(" \t\r\n");
    if (b == std::string::npos) throw invalid("name", "name must not be empty");
    d.values["name"] = name->substr(b, name->find_last_not_of(" \t\r\n") - b + 1);
  }
  if (const auto *list = f.raw("exercises")) {
    if (!list->is_array() || list->size() > 50)
      throw invalid("exercises", "exercises must be a list of at most 50 {exercise_id or name, sets, reps}");
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string prefix = "exercises[" + std::to_string(i) + "].";
      if (!(*list)[i].is_object()) throw invalid("exercises", "each exercise must be an object");
      FieldReader x((*list)[i], prefix);
      nlohmann::json item;
      if (x.has("exercise_id") == x.has("name"))
        throw invalid(prefix + "exercise_id", prefix + "exercise_id or name is required (not both)");
      if (x.has("exercise_id")) item["exercise_id"] = positive_id(x, "exercise_id");
      if (auto n = x.optional_string("name", 200)) item["name"] = *n;
      item["sets"] = int_in(x, "sets", 1, 100, "sets");
      item["reps"] = int_in(x, "reps", 1, 1000, "reps");
      if (x.has("weight_kg")) item["weight_kg"] = number_in(x, "weight_kg", 0, 1000, "kg");
      x.finish();
      d.exercises.push_back(item);
    }
  }
  if (!f.has("workout_id") && !f.has("name"))
    throw invalid("name", "name is required when no workout_id is given");
  d.values["duration_minutes"] = int_in(f, "duration_minutes", 1, 1440, "minutes");
  if (auto rpe = optional_int_in(f, "rpe", 1, 10)) d.values["rpe"] = *rpe;
  d.at = instant(f, "performed_at");
}

LogDraft read_draft(LogKind k, const HttpRequest &req) {
  auto body = json_body(req);
  FieldReader f(body);
  LogDraft d;
  switch (k) {
    case LogKind::weights:
      d.values["weight_kg"] = number_in(f, "weight_kg", kMinWeightKg, kMaxWeightKg, "kg");
      d.at = instant(f, "measured_at");
      break;
    case LogKind::measurements: {
      bool any = false;
      for (const char *name : kTapeMeasures)
        if (f.has(name)) d.values[name] = number_in(f, name, 10, 300, "cm"), any = true;
      if (f.has("body_fat_pct"))
        d.values["body_fat_pct"] = number_in(f, "body_fat_pct", 2, 70, "%"), any = true;
      if (!any)
        throw invalid("waist_cm",
                      "at least one of waist_cm, hip_cm, neck_cm, chest_cm, arm_cm, thigh_cm, body_fat_pct "
                      "is required");
      d.at = instant(f, "measured_at");
      break;
    }
    case LogKind::water:
      d.values["ml"] = int_in(f, "ml", 1, 5000, "ml");
      d.at = instant(f, "logged_at");
      break;
    case LogKind::sleep:
      d.values["start_at"] = instant(f, "start").unix;
      d.at = instant(f, "end");
      if (auto q = optional_int_in(f, "quality", 1, 5)) d.values["quality"] = *q;
      break;
    case LogKind::steps: {
      auto date = f.required_string("date", 10);
      if (!day_number(date)) throw invalid("date", "date must be a calendar date YYYY-MM-DD");
      d.date = date;
      d.values["count"] = int_in(f, "count", 0, kMaxSteps, "steps");
      break;
    }
    case LogKind::heart_rate:
      d.values["bpm"] = int_in(f, "bpm", kMinHeartRate, kMaxHeartRate, "bpm");
      d.values["resting"] = f.optional_bool("resting").value_or(false) ? 1 : 0;
      d.at = instant(f, "measured_at");
      break;
    case LogKind::food_log: read_food(f, d); break;
    case LogKind::workout_log: read_workout(f, d); break;
  }
  f.finish();
  return d;
}

std::optional<std::string> date_param(QueryReader &q, const std::string &name) {
  auto v = q.text(name, 10);
  if (v && !day_number(*v)) throw invalid(name, name + " must be a calendar date YYYY-MM-DD");
  return v;
}

}  // namespace

void add_health_log_routes(Router &r, Services &s) {
  for (const auto &kind : log_kinds()) {
    const std::string base = "/api/v1/health/" + std::string(kind.path);
    const LogKind k = kind.kind;
    r.add("GET", base, Access::signed_in, [&s, k](HttpRequest &req, HttpResponse &res) {
      QueryReader q(req);
      auto from = date_param(q, "from");
      auto to = date_param(q, "to");
      auto paging = q.paging();
      q.finish();
      write_json(res, 200, s.health.list(req.user->id, k, from, to, paging));
    });
    r.add("POST", base, Access::signed_in, [&s, k](HttpRequest &req, HttpResponse &res) {
      auto w = s.health.create(req.user->id, k, read_draft(k, req));
      write_json(res, w.created ? 201 : 200, w.entry);
      if (s.metrics && w.created)
        s.metrics->count(k == LogKind::workout_log ? BusinessEvent::workout_recorded
                                                   : BusinessEvent::health_log_recorded);
    });
    r.add("PUT", base + "/{id}", Access::signed_in, [&s, k](HttpRequest &req, HttpResponse &res) {
      long long id = path_id(req);
      write_json(res, 200, s.health.replace(req.user->id, k, id, read_draft(k, req)));
    });
    r.add("DELETE", base + "/{id}", Access::signed_in, [&s, k](HttpRequest &req, HttpResponse &res) {
      s.health.remove(req.user->id, k, path_id(req));
      res.status = 204;
    });
  }
}

}  // namespace trae
