// Each formula against worked examples from its source or a standard text.
#include "core/calculator.hpp"

#include <doctest/doctest.h>

#include "core/error.hpp"

using namespace trae;
using doctest::Approx;

TEST_CASE("BMI and the WHO classes") {
  // 70 kg at 1.75 m: 70 / 1.75^2 = 22.857
  CHECK(bmi(70, 175) == Approx(22.857).epsilon(0.001));
  CHECK(classify_bmi(18.4) == BmiClass::underweight);
  CHECK(classify_bmi(18.5) == BmiClass::normal);
  CHECK(classify_bmi(24.99) == BmiClass::normal);
  CHECK(classify_bmi(25.0) == BmiClass::overweight);
  CHECK(classify_bmi(30.0) == BmiClass::obese_1);
  CHECK(classify_bmi(35.0) == BmiClass::obese_2);
  CHECK(classify_bmi(40.0) == BmiClass::obese_3);
  CHECK(to_string(BmiClass::obese_3) == "obese_3");
  CHECK(bmi_label(BmiClass::overweight) == "Pre-obesity");
}

TEST_CASE("Mifflin-St Jeor") {
  // Man, 80 kg, 180 cm, 30 y: 800 + 1125 - 150 + 5 = 1780
  CHECK(bmr_mifflin_st_jeor(Sex::male, 80, 180, 30) == Approx(1780));
  // Woman, 60 kg, 165 cm, 25 y: 600 + 1031.25 - 125 - 161 = 1345.25
  CHECK(bmr_mifflin_st_jeor(Sex::female, 60, 165, 25) == Approx(1345.25));
}

TEST_CASE("Harris-Benedict, Roza-Shizgal revision") {
  // Man, 80 kg, 180 cm, 30 y: 88.362 + 1071.76 + 863.82 - 170.31 = 1853.632
  CHECK(bmr_harris_benedict_revised(Sex::male, 80, 180, 30) == Approx(1853.632));
  // Woman, 60 kg, 165 cm, 25 y: 447.593 + 554.82 + 511.17 - 108.25 = 1405.333
  CHECK(bmr_harris_benedict_revised(Sex::female, 60, 165, 25) == Approx(1405.333));
}

TEST_CASE("Katch-McArdle") {
  // 80 kg at 20% fat: lean mass 64 kg; 370 + 21.6 * 64 = 1752.4
  CHECK(bmr_katch_mcardle(80, 20) == Approx(1752.4));
}

TEST_CASE("activity factors and targets") {
  CHECK(activity_factor(ActivityLevel::sedentary) == Approx(1.2));
  CHECK(activity_factor(ActivityLevel::light) == Approx(1.375));
  CHECK(activity_factor(ActivityLevel::moderate) == Approx(1.55));
  CHECK(activity_factor(ActivityLevel::active) == Approx(1.725));
  CHECK(activity_factor(ActivityLevel::very_active) == Approx(1.9));
  CHECK(target_kcal(Sex::male, Goal::lose, 2500) == Approx(2000));
  CHECK(target_kcal(Sex::male, Goal::maintain, 2500) == Approx(2500));
  CHECK(target_kcal(Sex::male, Goal::gain, 2500) == Approx(2800));
  // The safe floor: 1,600 - 500 would be 1,100; a woman's floor is 1,200.
  CHECK(target_kcal(Sex::female, Goal::lose, 1600) == Approx(1200));
  // Never above maintenance when losing, even below the floor.
  CHECK(target_kcal(Sex::male, Goal::lose, 1400) == Approx(1400));
}

TEST_CASE("macro split in grams") {
  auto m = macro_split(Goal::lose, 2000);           // 30/30/40
  CHECK(m.protein_g == Approx(150));                // 600 kcal / 4
  CHECK(m.fat_g == Approx(66.667).epsilon(0.001));  // 600 kcal / 9
  CHECK(m.carbs_g == Approx(200));                  // 800 kcal / 4
  CHECK(m.protein_pct + m.fat_pct + m.carbs_pct == Approx(100));
  auto g = macro_split(Goal::gain, 3000);
  CHECK(g.carbs_g == Approx(375));
  auto k = macro_split(Goal::maintain, 2400);
  CHECK(k.fat_g == Approx(80));
}

TEST_CASE("US Navy body fat") {
  // Hodgdon & Beckett metric form. Man: 180 cm, waist 90, neck 40:
  // 495 / (1.0324 - 0.324113 + 0.348575) - 450 = 495 / 1.056862 - 450 = 18.37 %
  auto m = navy_body_fat(Sex::male, 180, 90, 40, std::nullopt);
  REQUIRE(m);
  CHECK(*m == Approx(18.37).epsilon(0.001));
  // Woman: 165 cm, waist 75, hip 100, neck 33:
  // 495 / (1.29579 - 0.753387 + 0.490064) - 450 = 495 / 1.032467 - 450 = 29.43 %
  auto f = navy_body_fat(Sex::female, 165, 75, 33, 100.0);
  REQUIRE(f);
  CHECK(*f == Approx(29.43).epsilon(0.001));
  CHECK_FALSE(navy_body_fat(Sex::female, 165, 75, 33, std::nullopt));
  CHECK_FALSE(navy_body_fat(Sex::male, 180, 40, 40, std::nullopt));
}

TEST_CASE("ideal weight formulas") {
  // 6 ft (182.88 cm) man: Devine 50 + 2.3*12 = 77.6; Robinson 52 + 1.9*12 = 74.8;
  // Miller 56.2 + 1.41*12 = 73.12
  auto w = ideal_weight(Sex::male, 182.88);
  CHECK(w.devine == Approx(77.6));
  CHECK(w.robinson == Approx(74.8));
  CHECK(w.miller == Approx(73.12));
  // 5 ft 5 in (165.1 cm) woman: Devine 45.5 + 11.5 = 57; Robinson 49 + 8.5 = 57.5;
  // Miller 53.1 + 6.8 = 59.9
  auto f = ideal_weight(Sex::female, 165.1);
  CHECK(f.devine == Approx(57.0));
  CHECK(f.robinson == Approx(57.5));
  CHECK(f.miller == Approx(59.9));
}

TEST_CASE("daily water") {
  CHECK(daily_water_ml(70, ActivityLevel::sedentary) == Approx(2450));
  CHECK(daily_water_ml(70, ActivityLevel::active) == Approx(3200));
}

TEST_CASE("calculate puts it together") {
  BodyInput in;
  in.sex = Sex::male;
  in.age = 30;
  in.height_cm = 180;
  in.weight_kg = 80;
  in.activity = ActivityLevel::moderate;
  in.goal = Goal::lose;
  auto r = calculate(in);
  CHECK(r.bmi == Approx(24.69).epsilon(0.001));
  CHECK(r.bmi_class == BmiClass::normal);
  CHECK(r.tdee == Approx(1780 * 1.55));
  CHECK(r.target_kcal == Approx(1780 * 1.55 - 500));
  CHECK(r.goal_adjustment_kcal == Approx(-500));
  CHECK_FALSE(r.bmr_katch);
  CHECK_FALSE(r.navy_body_fat_pct);
  in.body_fat_pct = 20;
  in.waist_cm = 90;
  in.neck_cm = 40;
  r = calculate(in);
  CHECK(*r.bmr_katch == Approx(1752.4));
  CHECK(*r.navy_body_fat_pct == Approx(18.37).epsilon(0.001));
}

TEST_CASE("calculator validation names the field") {
  BodyInput in;
  in.sex = Sex::female;
  in.age = 30;
  in.height_cm = 170;
  in.weight_kg = 60;
  auto field_of = [](const BodyInput &b) {
    try {
      validate(b);
    } catch (const Error &e) {
      CHECK(e.code == ErrorCode::invalid);
      return e.field;
    }
    return std::string();
  };
  CHECK(field_of(in).empty());
  auto b = in;
  b.age = 12;
  CHECK(field_of(b) == "age");
  b = in;
  b.height_cm = 300;
  CHECK(field_of(b) == "height_cm");
  b = in;
  b.weight_kg = 10;
  CHECK(field_of(b) == "weight_kg");
  b = in;
  b.body_fat_pct = 90;
  CHECK(field_of(b) == "body_fat_pct");
  b = in;
  b.waist_cm = 80;
  CHECK(field_of(b) == "neck_cm");
  b.neck_cm = 35;
  CHECK(field_of(b) == "hip_cm");  // women need the hip too
  b.hip_cm = 95;
  CHECK(field_of(b).empty());
  b = in;
  b.neck_cm = 35;
  CHECK(field_of(b) == "waist_cm");
  b = in;
  b.sex = Sex::male;
  b.waist_cm = 40;
  b.neck_cm = 45;
  CHECK(field_of(b) == "waist_cm");
  b = in;
  b.hip_cm = 300;
  CHECK(field_of(b) == "hip_cm");
}
