#include "core/profile.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>

#include "core/error.hpp"

namespace trae {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

std::vector<std::string> checked_set(const std::vector<std::string> &values,
                                     std::span<const std::string_view> allowed, const char *field) {
  std::set<std::string> seen;
  for (const auto &v : values) {
    if (!is_one_of(allowed, v))
      throw invalid(field, std::string(field) + " entries must be " + describe_choices(allowed));
    seen.insert(v);
  }
  // Keep the canonical vocabulary order so that equal sets compare equal.
  std::vector<std::string> out;
  for (auto a : allowed)
    if (seen.count(std::string(a))) out.emplace_back(a);
  return out;
}

void check_number(double v, double lo, double hi, const char *field, const char *unit) {
  if (!std::isfinite(v) || v < lo || v > hi)
    throw invalid(field, std::string(field) + " must be between " + std::to_string(int(lo)) + " and " +
                             std::to_string(int(hi)) + " " + unit);
}

}  // namespace

bool parse_date(const std::string &s, int &y, int &m, int &d) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  y = std::stoi(s.substr(0, 4));
  m = std::stoi(s.substr(5, 2));
  d = std::stoi(s.substr(8, 2));
  return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

int age_on(const std::string &birth, const std::string &today) {
  int by, bm, bd, ty, tm, td;
  if (!parse_date(birth, by, bm, bd) || !parse_date(today, ty, tm, td)) return -1;
  int age = ty - by;
  if (tm < bm || (tm == bm && td < bd)) --age;
  return age;
}

std::string utc_date(long long t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

bool is_timezone_name(const std::string &s) {
  if (s == "UTC") return true;
  if (s.empty() || s.size() > 64) return false;
  // Area/Location[/Sublocation], each part starting with a capital letter.
  std::size_t parts = 0, start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string::npos) end = s.size();
    std::string part = s.substr(start, end - start);
    if (part.empty() || !(part[0] >= 'A' && part[0] <= 'Z')) return false;
    for (char c : part)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '+')) return false;
    ++parts;
    start = end + 1;
  }
  return parts >= 2 && parts <= 3;
}

Profile apply_patch(Profile p, const ProfilePatch &patch, const std::string &today) {
  if (patch.sex) p.sex = *patch.sex;
  if (patch.birth_date) {
    if (*patch.birth_date) {
      int y, m, d;
      if (!parse_date(**patch.birth_date, y, m, d))
        throw invalid("birth_date", "birth_date must be a date as YYYY-MM-DD");
      int age = age_on(**patch.birth_date, today);
      if (age < 13 || age > 120)
        throw invalid("birth_date", "birth_date must give an age between 13 and 120 years");
    }
    p.birth_date = *patch.birth_date;
  }
  if (patch.height_cm) {
    if (*patch.height_cm) check_number(**patch.height_cm, 100, 250, "height_cm", "cm");
    p.height_cm = *patch.height_cm;
  }
  if (patch.weight_kg) {
    if (*patch.weight_kg) check_number(**patch.weight_kg, 20, 400, "weight_kg", "kg");
    p.weight_kg = *patch.weight_kg;
  }
  if (patch.activity_level) p.activity_level = *patch.activity_level;
  if (patch.goal) p.goal = *patch.goal;
  if (patch.diet) {
    if (*patch.diet && !is_one_of(diets(), **patch.diet))
      throw invalid("diet", "diet must be " + describe_choices(diets()));
    p.diet = *patch.diet;
  }
  if (patch.allergies) p.allergies = checked_set(*patch.allergies, allergens(), "allergies");
  if (patch.equipment) p.equipment = checked_set(*patch.equipment, equipment_kinds(), "equipment");
  if (patch.units) {
    if (!is_one_of(unit_systems(), *patch.units))
      throw invalid("units", "units must be " + describe_choices(unit_systems()));
    p.units = *patch.units;
  }
  if (patch.timezone) {
    if (!is_timezone_name(*patch.timezone))
      throw invalid("timezone", "timezone must be an IANA time zone name such as Europe/Berlin");
    p.timezone = *patch.timezone;
  }
  if (patch.language) {
    if (!is_one_of(languages(), *patch.language))
      throw invalid("language", "language must be " + describe_choices(languages()));
    p.language = *patch.language;
  }
  if (patch.water_goal_ml) {
    check_number(*patch.water_goal_ml, 500, 10000, "water_goal_ml", "ml");
    p.water_goal_ml = *patch.water_goal_ml;
  }
  if (patch.steps_goal) {
    check_number(*patch.steps_goal, 1000, 100000, "steps_goal", "steps");
    p.steps_goal = *patch.steps_goal;
  }
  return p;
}

}  // namespace trae
