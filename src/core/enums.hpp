// Closed vocabularies of the domain, with their wire names.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace trae {

enum class Sex { male, female };
enum class ActivityLevel { sedentary, light, moderate, active, very_active };
enum class Goal { lose, maintain, gain };

std::string_view to_string(Sex v);
std::string_view to_string(ActivityLevel v);
std::string_view to_string(Goal v);

std::optional<Sex> parse_sex(std::string_view s);
std::optional<ActivityLevel> parse_activity_level(std::string_view s);
std::optional<Goal> parse_goal(std::string_view s);

// Vocabularies kept as strings (stored and sent as-is), checked by membership.
std::span<const std::string_view> diets();
std::span<const std::string_view> allergens();
std::span<const std::string_view> equipment_kinds();
std::span<const std::string_view> unit_systems();
std::span<const std::string_view> languages();

bool is_one_of(std::span<const std::string_view> set, std::string_view s);
// "a, b or c" for error messages.
std::string describe_choices(std::span<const std::string_view> set);

}  // namespace trae
