// A user's profile: body data, goals, diet and restrictions, preferences.
// Measurements are stored metric; `units` only changes how clients show them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/enums.hpp"

namespace trae {

struct Profile {
  std::optional<Sex> sex;
  std::optional<std::string> birth_date;  // YYYY-MM-DD
  std::optional<double> height_cm;
  std::optional<double> weight_kg;
  std::optional<ActivityLevel> activity_level;
  std::optional<Goal> goal;
  std::optional<std::string> diet;
  std::vector<std::string> allergies;
  std::vector<std::string> equipment;
  std::string units = "metric";
  std::string timezone = "UTC";
  std::string language = "en";
  int water_goal_ml = 2000;
  int steps_goal = 8000;
};

// A partial update: each outer optional says "this field was sent"; an inner
// empty optional means "clear it".
struct ProfilePatch {
  std::optional<std::optional<Sex>> sex;
  std::optional<std::optional<std::string>> birth_date;
  std::optional<std::optional<double>> height_cm;
  std::optional<std::optional<double>> weight_kg;
  std::optional<std::optional<ActivityLevel>> activity_level;
  std::optional<std::optional<Goal>> goal;
  std::optional<std::optional<std::string>> diet;
  std::optional<std::vector<std::string>> allergies;
  std::optional<std::vector<std::string>> equipment;
  std::optional<std::string> units;
  std::optional<std::string> timezone;
  std::optional<std::string> language;
  std::optional<int> water_goal_ml;
  std::optional<int> steps_goal;
};

// Validates the patch against the domain rules (today is "YYYY-MM-DD", used
// for the age range of birth_date) and applies it. Throws Error{invalid}.
Profile apply_patch(Profile p, const ProfilePatch &patch, const std::string &today);

// Parses "YYYY-MM-DD" strictly (a real calendar date); false otherwise.
bool parse_date(const std::string &s, int &y, int &m, int &d);
// Whole years between a birth date and today, both "YYYY-MM-DD".
int age_on(const std::string &birth_date, const std::string &today);
// "YYYY-MM-DD" of a Unix time, in UTC.
std::string utc_date(long long unix_seconds);
// A plausible IANA time zone name ("UTC", "Europe/Berlin", "America/Argentina/Salta").
bool is_timezone_name(const std::string &s);

}  // namespace trae
