// What a food-diary or workout-log entry needs from the catalog at the moment
// of logging: a food's name and nutrients, an exercise's name, MET and muscles.
#pragma once
#include <optional>
#include <string>

#include "core/catalog.hpp"
#include "storage/database.hpp"

namespace trae::log_sources {

struct FoodFacts {
  std::string name;
  Nutrients per_100g;
};
std::optional<FoodFacts> food(Connection &c, long long id);

struct ExerciseFacts {
  long long id = 0;
  std::string name;
  double met = 0;
  Mask muscles = 0;
};
std::optional<ExerciseFacts> exercise(Connection &c, long long id);
// By exact name (the exercises_name index); nullopt when no exercise has it.
std::optional<ExerciseFacts> exercise_named(Connection &c, const std::string &name);

}  // namespace trae::log_sources
