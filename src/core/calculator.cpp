#include "core/calculator.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.hpp"

namespace trae {
namespace {

void check_range(double v, double lo, double hi, const char *field, const char *unit) {
  if (!std::isfinite(v) || v < lo || v > hi) {
    throw invalid(field, std::string(field) + " must be between " + std::to_string(int(lo)) + " and " +
                             std::to_string(int(hi)) + " " + unit);
  }
}

constexpr double kCmPerInch = 2.54;

}  // namespace

void validate(const BodyInput &in) {
  check_range(in.age, 15, 100, "age", "years");
  check_range(in.height_cm, 100, 250, "height_cm", "cm");
  check_range(in.weight_kg, 20, 400, "weight_kg", "kg");
  if (in.body_fat_pct) check_range(*in.body_fat_pct, 2, 70, "body_fat_pct", "%");
  if (in.waist_cm) check_range(*in.waist_cm, 40, 250, "waist_cm", "cm");
  if (in.neck_cm) check_range(*in.neck_cm, 20, 80, "neck_cm", "cm");
  if (in.hip_cm) check_range(*in.hip_cm, 50, 250, "hip_cm", "cm");
  // Tape measures come as a set: waist and neck, plus hip for women.
  bool any_tape = in.waist_cm || in.neck_cm || in.hip_cm;
  if (any_tape) {
    if (!in.waist_cm) throw invalid("waist_cm", "waist_cm is needed with the other tape measures");
    if (!in.neck_cm) throw invalid("neck_cm", "neck_cm is needed with the other tape measures");
    if (in.sex == Sex::female && !in.hip_cm)
      throw invalid("hip_cm", "hip_cm is needed for the body fat estimate of women");
    double span = *in.waist_cm - *in.neck_cm + (in.sex == Sex::female ? *in.hip_cm : 0.0);
    if (span <= 0) throw invalid("waist_cm", "waist_cm must be larger than neck_cm");
  }
}

std::string_view to_string(BmiClass c) {
  switch (c) {
    case BmiClass::underweight: return "underweight";
    case BmiClass::normal: return "normal";
    case BmiClass::overweight: return "overweight";
    case BmiClass::obese_1: return "obese_1";
    case BmiClass::obese_2: return "obese_2";
    case BmiClass::obese_3: return "obese_3";
  }
  return "normal";
}

std::string_view bmi_label(BmiClass c) {
  switch (c) {
    case BmiClass::underweight: return "Underweight";
    case BmiClass::normal: return "Normal weight";
    case BmiClass::overweight: return "Pre-obesity";
    case BmiClass::obese_1: return "Obesity class I";
    case BmiClass::obese_2: return "Obesity class II";
    case BmiClass::obese_3: return "Obesity class III";
  }
  return "Normal weight";
}

double bmi(double weight_kg, double height_cm) {
  double m = height_cm / 100.0;
  return weight_kg / (m * m);
}

// WHO adult classification.
BmiClass classify_bmi(double v) {
  if (v < 18.5) return BmiClass::underweight;
  if (v < 25.0) return BmiClass::normal;
  if (v < 30.0) return BmiClass::overweight;
  if (v < 35.0) return BmiClass::obese_1;
  if (v < 40.0) return BmiClass::obese_2;
  return BmiClass::obese_3;
}

// Mifflin MD, St Jeor ST et al., Am J Clin Nutr 1990;51:241-7.
double bmr_mifflin_st_jeor(Sex sex, double w, double h, int age) {
  return 10.0 * w + 6.25 * h - 5.0 * age + (sex == Sex::male ? 5.0 : -161.0);
}

// Harris-Benedict as revised by Roza AM, Shizgal HM, Am J Clin Nutr 1984;40:168-82.
double bmr_harris_benedict_revised(Sex sex, double w, double h, int age) {
  if (sex == Sex::male) return 88.362 + 13.397 * w + 4.799 * h - 5.677 * age;
  return 447.593 + 9.247 * w + 3.098 * h - 4.330 * age;
}

// Katch-McArdle: 370 + 21.6 x lean body mass (kg).
double bmr_katch_mcardle(double w, double body_fat_pct) {
  return 370.0 + 21.6 * (w * (1.0 - body_fat_pct / 100.0));
}

double activity_factor(ActivityLevel level) {
  switch (level) {
    case ActivityLevel::sedentary: return 1.2;
    case ActivityLevel::light: return 1.375;
    case ActivityLevel::moderate: return 1.55;
    case ActivityLevel::active: return 1.725;
    case ActivityLevel::very_active: return 1.9;
  }
  return 1.2;
}

double target_kcal(Sex sex, Goal goal, double tdee) {
  // A 500 kcal deficit loses about 0.5 kg a week; a 300 kcal surplus keeps
  // weight gain lean. Losing never goes below 1,500 (men) / 1,200 (women)
  // kcal unless maintenance itself is lower.
  const double floor = sex == Sex::male ? 1500.0 : 1200.0;
  switch (goal) {
    case Goal::lose: return std::min(tdee, std::max(tdee - 500.0, floor));
    case Goal::maintain: return tdee;
    case Goal::gain: return tdee + 300.0;
  }
  return tdee;
}

MacroSplit macro_split(double kcal, double protein_pct, double fat_pct, double carbs_pct) {
  MacroSplit m;
  m.protein_pct = protein_pct;
  m.fat_pct = fat_pct;
  m.carbs_pct = carbs_pct;
  m.protein_g = kcal * protein_pct / 100.0 / 4.0;
  m.fat_g = kcal * fat_pct / 100.0 / 9.0;
  m.carbs_g = kcal * carbs_pct / 100.0 / 4.0;
  return m;
}

MacroSplit macro_split(Goal goal, double kcal) {
  // Within the AMDR (protein 10-35%, fat 20-35%, carbohydrate 45-65%, IOM
  // 2005), shifted toward protein when losing to protect lean mass.
  switch (goal) {
    case Goal::lose: return macro_split(kcal, 30, 30, 40);
    case Goal::maintain: return macro_split(kcal, 25, 30, 45);
    case Goal::gain: return macro_split(kcal, 25, 25, 50);
  }
  return macro_split(kcal, 25, 30, 45);
}

// US Navy circumference method (Hodgdon & Beckett 1984), metric form.
std::optional<double> navy_body_fat(Sex sex, double h, double waist, double neck, std::optional<double> hip) {
  if (sex == Sex::male) {
    double span = waist - neck;
    if (span <= 0) return std::nullopt;
    return 495.0 / (1.0324 - 0.19077 * std::log10(span) + 0.15456 * std::log10(h)) - 450.0;
  }
  if (!hip) return std::nullopt;
  double span = waist + *hip - neck;
  if (span <= 0) return std::nullopt;
  return 495.0 / (1.29579 - 0.35004 * std::log10(span) + 0.22100 * std::log10(h)) - 450.0;
}

// Devine (1974), Robinson (1983) and Miller (1983): a base weight at 5 ft plus
// a weight per inch above it (below 5 ft the same line is extended down).
IdealWeights ideal_weight(Sex sex, double h) {
  double inches_over_5ft = h / kCmPerInch - 60.0;
  IdealWeights w;
  if (sex == Sex::male) {
    w.devine = 50.0 + 2.3 * inches_over_5ft;
    w.robinson = 52.0 + 1.9 * inches_over_5ft;
    w.miller = 56.2 + 1.41 * inches_over_5ft;
  } else {
    w.devine = 45.5 + 2.3 * inches_over_5ft;
    w.robinson = 49.0 + 1.7 * inches_over_5ft;
    w.miller = 53.1 + 1.36 * inches_over_5ft;
  }
  return w;
}

// 35 ml per kg of body weight, plus an allowance for the sweat of exercise.
double daily_water_ml(double weight_kg, ActivityLevel level) {
  double extra = 0;
  switch (level) {
    case ActivityLevel::sedentary: extra = 0; break;
    case ActivityLevel::light: extra = 250; break;
    case ActivityLevel::moderate: extra = 500; break;
    case ActivityLevel::active: extra = 750; break;
    case ActivityLevel::very_active: extra = 1000; break;
  }
  return std::round((35.0 * weight_kg + extra) / 50.0) * 50.0;
}

BodyReport calculate(const BodyInput &in) {
  validate(in);
  BodyReport r;
  r.bmi = bmi(in.weight_kg, in.height_cm);
  r.bmi_class = classify_bmi(r.bmi);
  r.bmr_mifflin = bmr_mifflin_st_jeor(in.sex, in.weight_kg, in.height_cm, in.age);
  r.bmr_harris = bmr_harris_benedict_revised(in.sex, in.weight_kg, in.height_cm, in.age);
  if (in.body_fat_pct) r.bmr_katch = bmr_katch_mcardle(in.weight_kg, *in.body_fat_pct);
  r.activity_factor = activity_factor(in.activity);
  r.tdee = r.bmr_mifflin * r.activity_factor;
  r.target_kcal = target_kcal(in.sex, in.goal, r.tdee);
  r.goal_adjustment_kcal = r.target_kcal - r.tdee;
  r.macros = macro_split(in.goal, r.target_kcal);
  if (in.waist_cm && in.neck_cm)
    r.navy_body_fat_pct = navy_body_fat(in.sex, in.height_cm, *in.waist_cm, *in.neck_cm, in.hip_cm);
  r.ideal_weight_kg = ideal_weight(in.sex, in.height_cm);
  r.water_ml = daily_water_ml(in.weight_kg, in.activity);
  return r;
}

}  // namespace trae
