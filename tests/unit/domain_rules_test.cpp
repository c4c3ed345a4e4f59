#include <doctest/doctest.h>

#include <functional>

#include "core/account.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "core/profile.hpp"

using namespace trae;

namespace {
std::string field_of(const std::function<void()> &fn) {
  try {
    fn();
  } catch (const Error &e) {
    CHECK(e.code == ErrorCode::invalid);
    return e.field;
  }
  return "";
}
}  // namespace

TEST_CASE("email normalization") {
  CHECK(normalize_email("  Ann@Example.COM ") == "ann@example.com");
  for (std::string bad :
       std::vector<std::string>{"", "ann", "@example.com", "ann@", "ann@example", "ann@@example.com",
                                "a b@example.com", "ann@example.com.", "ann@.example.com", "ann<@example.com",
                                std::string(300, 'a') + "@x.io", "ann@exa\xc3\xa9mple.com"})
    CHECK(field_of([&] { normalize_email(bad); }) == "email");
}

TEST_CASE("password and name rules") {
  CHECK(field_of([] { check_password("123456789"); }) == "password");
  CHECK(field_of([] { check_password("1234567890"); }).empty());
  CHECK(field_of([] { check_password(std::string(1025, 'x')); }) == "password");
  CHECK(normalize_name("  Ada Lovelace ") == "Ada Lovelace");
  CHECK(normalize_name("\xd8\xb9\xd9\x84\xd9\x8a") == "\xd8\xb9\xd9\x84\xd9\x8a");  // Arabic
  CHECK(field_of([] { normalize_name("   "); }) == "name");
  CHECK(field_of([] { normalize_name(std::string(101, 'a')); }) == "name");
  CHECK(field_of([] { normalize_name("a\x01z"); }) == "name");
  CHECK(field_of([] { normalize_name("\xc0\xaf"); }) == "name");  // overlong UTF-8
  CHECK(field_of([] { normalize_name("\xe2\x82"); }) == "name");  // truncated
}

TEST_CASE("throttle wait") {
  CHECK(throttle_wait(std::nullopt, 1000, 900) == 0);
  CHECK(throttle_wait(500, 1000, 900) == 400);
  CHECK(throttle_wait(50, 1000, 900) == 0);
}

TEST_CASE("vocabularies") {
  CHECK(parse_sex("male") == Sex::male);
  CHECK_FALSE(parse_sex("Male"));
  CHECK(parse_activity_level("very_active") == ActivityLevel::very_active);
  CHECK(parse_goal("gain") == Goal::gain);
  CHECK(to_string(Goal::lose) == "lose");
  CHECK(to_string(ActivityLevel::light) == "light");
  CHECK(is_one_of(diets(), "halal"));
  CHECK_FALSE(is_one_of(diets(), "paleo"));
  CHECK(describe_choices(unit_systems()) == "metric or imperial");
  CHECK(describe_choices(languages()) == "en or ar");
}

TEST_CASE("dates") {
  int y, m, d;
  CHECK(parse_date("2000-02-29", y, m, d));
  CHECK_FALSE(parse_date("2001-02-29", y, m, d));
  CHECK_FALSE(parse_date("2001-13-01", y, m, d));
  CHECK_FALSE(parse_date("2001-1-01", y, m, d));
  CHECK_FALSE(parse_date("1800-01-01", y, m, d));
  CHECK_FALSE(parse_date("20x1-01-01", y, m, d));
  CHECK(age_on("1990-06-15", "2026-06-14") == 35);
  CHECK(age_on("1990-06-15", "2026-06-15") == 36);
  CHECK(age_on("bad", "2026-06-15") == -1);
  CHECK(utc_date(0) == "1970-01-01");
  CHECK(utc_date(1795669693) == "2026-11-26");
}

TEST_CASE("time zone names") {
  CHECK(is_timezone_name("UTC"));
  CHECK(is_timezone_name("Europe/Berlin"));
  CHECK(is_timezone_name("America/Argentina/Salta"));
  CHECK(is_timezone_name("Etc/GMT+3"));
  CHECK_FALSE(is_timezone_name("Berlin"));
  CHECK_FALSE(is_timezone_name("europe/berlin"));
  CHECK_FALSE(is_timezone_name("Europe/../etc"));
  CHECK_FALSE(is_timezone_name("A/B/C/D"));
  CHECK_FALSE(is_timezone_name(""));
}

TEST_CASE("profile patches validate and merge") {
  const std::string today = "2026-11-26";
  Profile p;
  ProfilePatch patch;
  patch.sex = std::optional<Sex>(Sex::female);
  patch.birth_date = std::optional<std::string>("1990-01-31");
  patch.height_cm = std::optional<double>(168.0);
  patch.weight_kg = std::optional<double>(61.5);
  patch.activity_level = std::optional<ActivityLevel>(ActivityLevel::light);
  patch.goal = std::optional<Goal>(Goal::maintain);
  patch.diet = std::optional<std::string>("vegan");
  patch.allergies = std::vector<std::string>{"soy", "gluten", "soy"};
  patch.equipment = std::vector<std::string>{"dumbbell", "body only"};
  patch.units = "imperial";
  patch.timezone = "Asia/Riyadh";
  patch.language = "ar";
  patch.water_goal_ml = 2500;
  patch.steps_goal = 10000;
  p = apply_patch(p, patch, today);
  CHECK(p.sex == Sex::female);
  CHECK(*p.birth_date == "1990-01-31");
  CHECK(p.allergies == std::vector<std::string>{"gluten", "soy"});  // canonical order, no duplicates
  CHECK(p.equipment == std::vector<std::string>{"body only", "dumbbell"});
  CHECK(p.units == "imperial");
  CHECK(p.language == "ar");
  CHECK(p.water_goal_ml == 2500);

  // Clearing a nullable field; leaving the others alone.
  ProfilePatch clear;
  clear.weight_kg = std::optional<double>();
  auto q = apply_patch(p, clear, today);
  CHECK_FALSE(q.weight_kg);
  CHECK(q.height_cm == 168.0);

  auto bad = [&](auto set) {
    ProfilePatch b;
    set(b);
    return field_of([&] { apply_patch(p, b, today); });
  };
  CHECK(bad([](ProfilePatch &b) { b.birth_date = std::optional<std::string>("1990-02-30"); }) ==
        "birth_date");
  CHECK(bad([](ProfilePatch &b) { b.birth_date = std::optional<std::string>("2020-01-01"); }) ==
        "birth_date");
  CHECK(bad([](ProfilePatch &b) { b.height_cm = std::optional<double>(99.0); }) == "height_cm");
  CHECK(bad([](ProfilePatch &b) { b.weight_kg = std::optional<double>(401.0); }) == "weight_kg");
  CHECK(bad([](ProfilePatch &b) { b.diet = std::optional<std::string>("paleo"); }) == "diet");
  CHECK(bad([](ProfilePatch &b) { b.allergies = std::vector<std::string>{"cats"}; }) == "allergies");
  CHECK(bad([](ProfilePatch &b) { b.equipment = std::vector<std::string>{"rowing boat"}; }) == "equipment");
  CHECK(bad([](ProfilePatch &b) { b.units = "cubits"; }) == "units");
  CHECK(bad([](ProfilePatch &b) { b.timezone = "Mars/Olympus"; }).empty());  // plausible shape is accepted
  CHECK(bad([](ProfilePatch &b) { b.timezone = "nowhere"; }) == "timezone");
  CHECK(bad([](ProfilePatch &b) { b.language = "fr"; }) == "language");
  CHECK(bad([](ProfilePatch &b) { b.water_goal_ml = 100; }) == "water_goal_ml");
  CHECK(bad([](ProfilePatch &b) { b.steps_goal = 500000; }) == "steps_goal");
}

TEST_CASE("error code names") {
  CHECK(std::string(error_code_name(ErrorCode::invalid)) == "invalid");
  CHECK(std::string(error_code_name(ErrorCode::unsupported_media)) == "unsupported_media_type");
  CHECK(not_found("plan").message() == "plan not found");
}
