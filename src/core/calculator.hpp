// Body and energy calculator: pure functions over validated inputs.
// Every formula names its source; docs/calculator.md gives the references.
#pragma once
#include <optional>
#include <string_view>

#include "core/enums.hpp"

namespace trae {

struct BodyInput {
  Sex sex = Sex::male;
  int age = 0;           // years, 15..100
  double height_cm = 0;  // 100..250
  double weight_kg = 0;  // 20..400
  ActivityLevel activity = ActivityLevel::sedentary;
  Goal goal = Goal::maintain;
  std::optional<double> body_fat_pct;  // 2..70
  std::optional<double> waist_cm;      // tape measures for the US Navy method
  std::optional<double> neck_cm;
  std::optional<double> hip_cm;  // needed for women only
};

// Throws Error{invalid, field} for values outside the ranges above, or when
// the tape measures cannot be used (e.g. waist not larger than neck).
void validate(const BodyInput &in);

enum class BmiClass { underweight, normal, overweight, obese_1, obese_2, obese_3 };
std::string_view to_string(BmiClass c);
std::string_view bmi_label(BmiClass c);

struct MacroSplit {
  double protein_pct = 0, fat_pct = 0, carbs_pct = 0;  // sum to 100
  double protein_g = 0, fat_g = 0, carbs_g = 0;
};

struct IdealWeights {
  double devine = 0, robinson = 0, miller = 0;
};

struct BodyReport {
  double bmi = 0;
  BmiClass bmi_class = BmiClass::normal;
  double bmr_mifflin = 0;
  double bmr_harris = 0;
  std::optional<double> bmr_katch;  // only with a known body fat
  double activity_factor = 0;
  double tdee = 0;  // from Mifflin-St Jeor
  double goal_adjustment_kcal = 0;
  double target_kcal = 0;
  MacroSplit macros;
  std::optional<double> navy_body_fat_pct;
  IdealWeights ideal_weight_kg;
  double water_ml = 0;
};

double bmi(double weight_kg, double height_cm);
BmiClass classify_bmi(double bmi);
double bmr_mifflin_st_jeor(Sex sex, double weight_kg, double height_cm, int age);
double bmr_harris_benedict_revised(Sex sex, double weight_kg, double height_cm, int age);
double bmr_katch_mcardle(double weight_kg, double body_fat_pct);
double activity_factor(ActivityLevel level);
// Calorie target for a goal; never below a safe floor, never above TDEE when losing.
double target_kcal(Sex sex, Goal goal, double tdee);
// Macro percentages for a goal, turned into grams (4/9/4 kcal per gram).
MacroSplit macro_split(Goal goal, double kcal);
MacroSplit macro_split(double kcal, double protein_pct, double fat_pct, double carbs_pct);
std::optional<double> navy_body_fat(Sex sex, double height_cm, double waist_cm, double neck_cm,
                                    std::optional<double> hip_cm);
IdealWeights ideal_weight(Sex sex, double height_cm);
double daily_water_ml(double weight_kg, ActivityLevel level);

BodyReport calculate(const BodyInput &in);

}  // namespace trae
