// POST /api/v1/calculator: works without signing in.
#include "app/views.hpp"
#include "core/calculator.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/json_body.hpp"

namespace trae {

void add_calculator_routes(Router &r, Services &) {
  r.add("POST", "/api/v1/calculator", Access::public_route, [](HttpRequest &req, HttpResponse &res) {
    auto body = json_body(req);
    FieldReader f(body);
    BodyInput in;
    auto sex = parse_sex(f.required_string("sex", 16));
    if (!sex) throw invalid("sex", "sex must be male or female");
    in.sex = *sex;
    long long age = f.required_int("age");
    if (age < 15 || age > 100) throw invalid("age", "age must be between 15 and 100 years");
    in.age = static_cast<int>(age);
    in.height_cm = f.required_number("height_cm");
    in.weight_kg = f.required_number("weight_kg");
    auto level = parse_activity_level(f.required_string("activity_level", 32));
    if (!level)
      throw invalid("activity_level",
                    "activity_level must be sedentary, light, moderate, active or very_active");
    in.activity = *level;
    auto goal = parse_goal(f.required_string("goal", 16));
    if (!goal) throw invalid("goal", "goal must be lose, maintain or gain");
    in.goal = *goal;
    in.body_fat_pct = f.optional_number("body_fat_pct");
    in.waist_cm = f.optional_number("waist_cm");
    in.neck_cm = f.optional_number("neck_cm");
    in.hip_cm = f.optional_number("hip_cm");
    f.finish();
    write_json(res, 200, to_json(calculate(in)));
  });
}

}  // namespace trae
