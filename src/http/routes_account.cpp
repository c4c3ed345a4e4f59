// /api/v1/profile and /api/v1/account: the signed-in user's own data.
#include "app/views.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/json_body.hpp"

namespace trae {
namespace {

// Reads a nullable enumerated field: absent -> nullopt; null -> clear.
template <typename T, typename Parse>
std::optional<std::optional<T>> nullable_enum(FieldReader &f, const std::string &name, Parse parse,
                                              const std::string &choices) {
  std::optional<std::optional<T>> out;
  if (!f.has(name)) return out;
  out.emplace();  // sent: null clears the field
  if (auto s = f.optional_string(name, 64)) {
    auto v = parse(*s);
    if (!v) throw invalid(name, name + " must be " + choices);
    out->emplace(*v);
  }
  return out;
}

template <typename T>
std::optional<T> non_null(FieldReader &f, const std::string &name, std::optional<T> v) {
  if (f.is_null(name)) throw invalid(name, name + " must not be null");
  return v;
}

ProfilePatch read_patch(FieldReader &f) {
  ProfilePatch p;
  p.sex = nullable_enum<Sex>(f, "sex", parse_sex, "male or female");
  if (f.has("birth_date")) p.birth_date = f.optional_string("birth_date", 32);
  if (f.has("height_cm")) p.height_cm = f.optional_number("height_cm");
  if (f.has("weight_kg")) p.weight_kg = f.optional_number("weight_kg");
  p.activity_level = nullable_enum<ActivityLevel>(f, "activity_level", parse_activity_level,
                                                  "sedentary, light, moderate, active or very_active");
  p.goal = nullable_enum<Goal>(f, "goal", parse_goal, "lose, maintain or gain");
  if (f.has("diet")) p.diet = f.optional_string("diet", 64);
  p.allergies = non_null(f, "allergies", f.optional_string_list("allergies", 20));
  p.equipment = non_null(f, "equipment", f.optional_string_list("equipment", 20));
  p.units = non_null(f, "units", f.optional_string("units", 16));
  p.timezone = non_null(f, "timezone", f.optional_string("timezone", 64));
  p.language = non_null(f, "language", f.optional_string("language", 8));
  if (auto v = non_null(f, "water_goal_ml", f.optional_int("water_goal_ml"))) {
    if (*v < 0 || *v > 1000000)
      throw invalid("water_goal_ml", "water_goal_ml must be between 500 and 10000 ml");
    p.water_goal_ml = static_cast<int>(*v);
  }
  if (auto v = non_null(f, "steps_goal", f.optional_int("steps_goal"))) {
    if (*v < 0 || *v > 10000000)
      throw invalid("steps_goal", "steps_goal must be between 1000 and 100000 steps");
    p.steps_goal = static_cast<int>(*v);
  }
  f.finish();
  return p;
}

}  // namespace

void add_account_routes(Router &r, Services &s) {
  r.add("GET", "/api/v1/profile", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    write_json(res, 200, to_json(s.accounts.profile(req.user->id)));
  });

  r.add("PUT", "/api/v1/profile", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    auto body = json_body(req);
    FieldReader f(body);
    auto patch = read_patch(f);
    write_json(res, 200, to_json(s.accounts.update_profile(req.user->id, patch)));
  });

  r.add("GET", "/api/v1/account/export", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    res.set_header("Content-Disposition", "attachment; filename=\"trae-health-export.json\"");
    res.set_header("Cache-Control", "no-store");
    write_json(res, 200, s.accounts.export_all(req.user->id));
  });

  r.add("DELETE", "/api/v1/account", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    s.accounts.delete_account(req.user->id);
    res.status = 204;
    res.body.clear();
  });
}

}  // namespace trae
