#include "core/enums.hpp"

#include <array>

namespace trae {
namespace {

constexpr std::array<std::string_view, 2> kSex{"male", "female"};
constexpr std::array<std::string_view, 5> kActivity{"sedentary", "light", "moderate", "active",
                                                    "very_active"};
constexpr std::array<std::string_view, 3> kGoal{"lose", "maintain", "gain"};
constexpr std::array<std::string_view, 6> kDiets{"omnivore",    "vegetarian", "vegan",
                                                 "pescatarian", "keto",       "halal"};
constexpr std::array<std::string_view, 9> kAllergens{"gluten", "dairy", "egg",       "peanut", "tree_nut",
                                                     "soy",    "fish",  "shellfish", "sesame"};
// The free-exercise-db equipment vocabulary, which the catalog uses too.
constexpr std::array<std::string_view, 12> kEquipment{
    "body only", "dumbbell",      "barbell",       "kettlebells", "cable",        "machine",
    "bands",     "medicine ball", "exercise ball", "foam roll",   "e-z curl bar", "other"};
constexpr std::array<std::string_view, 2> kUnits{"metric", "imperial"};
constexpr std::array<std::string_view, 2> kLanguages{"en", "ar"};

template <typename E, std::size_t N>
std::optional<E> parse_in(const std::array<std::string_view, N> &names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace

std::string_view to_string(Sex v) { return kSex[static_cast<std::size_t>(v)]; }
std::string_view to_string(ActivityLevel v) { return kActivity[static_cast<std::size_t>(v)]; }
std::string_view to_string(Goal v) { return kGoal[static_cast<std::size_t>(v)]; }

std::optional<Sex> parse_sex(std::string_view s) { return parse_in<Sex>(kSex, s); }
std::optional<ActivityLevel> parse_activity_level(std::string_view s) {
  return parse_in<ActivityLevel>(kActivity, s);
}
std::optional<Goal> parse_goal(std::string_view s) { return parse_in<Goal>(kGoal, s); }

std::span<const std::string_view> diets() { return kDiets; }
std::span<const std::string_view> allergens() { return kAllergens; }
std::span<const std::string_view> equipment_kinds() { return kEquipment; }
std::span<const std::string_view> unit_systems() { return kUnits; }
std::span<const std::string_view> languages() { return kLanguages; }

bool is_one_of(std::span<const std::string_view> set, std::string_view s) {
  for (auto v : set)
    if (v == s) return true;
  return false;
}

std::string describe_choices(std::span<const std::string_view> set) {
  std::string out;
  for (std::size_t i = 0; i < set.size(); ++i) {
    if (i > 0) out += (i + 1 == set.size()) ? " or " : ", ";
    out += set[i];
  }
  return out;
}

}  // namespace trae
