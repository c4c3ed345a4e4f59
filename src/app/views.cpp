#include "app/views.hpp"

#include <cmath>
#include <ctime>

namespace trae {
namespace {

template <typename T>
nlohmann::json opt(const std::optional<T> &v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json opt_round(const std::optional<double> &v, int digits) {
  return v ? nlohmann::json(round_to(*v, digits)) : nlohmann::json(nullptr);
}

}  // namespace

double round_to(double v, int digits) {
  double f = std::pow(10.0, digits);
  return std::round(v * f) / f;
}

std::string iso_utc(long long t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

nlohmann::json to_json(const User &u) {
  return {{"id", u.id}, {"email", u.email}, {"name", u.name}, {"created_at", iso_utc(u.created_at)}};
}

nlohmann::json to_json(const Profile &p) {
  return {
      {"sex", p.sex ? nlohmann::json(std::string(to_string(*p.sex))) : nlohmann::json(nullptr)},
      {"birth_date", opt(p.birth_date)},
      {"height_cm", opt(p.height_cm)},
      {"weight_kg", opt(p.weight_kg)},
      {"activity_level", p.activity_level ? nlohmann::json(std::string(to_string(*p.activity_level)))
                                          : nlohmann::json(nullptr)},
      {"goal", p.goal ? nlohmann::json(std::string(to_string(*p.goal))) : nlohmann::json(nullptr)},
      {"diet", opt(p.diet)},
      {"allergies", p.allergies},
      {"equipment", p.equipment},
      {"units", p.units},
      {"timezone", p.timezone},
      {"language", p.language},
      {"water_goal_ml", p.water_goal_ml},
      {"steps_goal", p.steps_goal},
  };
}

nlohmann::json to_json(const BodyReport &r) {
  return {
      {"bmi",
       {{"value", round_to(r.bmi, 1)},
        {"class", std::string(to_string(r.bmi_class))},
        {"label", std::string(bmi_label(r.bmi_class))}}},
      {"bmr",
       {{"mifflin_st_jeor", std::round(r.bmr_mifflin)},
        {"harris_benedict", std::round(r.bmr_harris)},
        {"katch_mcardle", r.bmr_katch ? nlohmann::json(std::round(*r.bmr_katch)) : nlohmann::json(nullptr)}}},
      {"activity_factor", r.activity_factor},
      {"tdee", std::round(r.tdee)},
      {"goal_adjustment_kcal", std::round(r.goal_adjustment_kcal)},
      {"target_kcal", std::round(r.target_kcal)},
      {"macros",
       {{"protein_pct", r.macros.protein_pct},
        {"fat_pct", r.macros.fat_pct},
        {"carbs_pct", r.macros.carbs_pct},
        {"protein_g", std::round(r.macros.protein_g)},
        {"fat_g", std::round(r.macros.fat_g)},
        {"carbs_g", std::round(r.macros.carbs_g)}}},
      {"body_fat_navy_pct", opt_round(r.navy_body_fat_pct, 1)},
      {"ideal_weight_kg",
       {{"devine", round_to(r.ideal_weight_kg.devine, 1)},
        {"robinson", round_to(r.ideal_weight_kg.robinson, 1)},
        {"miller", round_to(r.ideal_weight_kg.miller, 1)}}},
      {"water_ml", r.water_ml},
  };
}

}  // namespace trae
