// Reads for the planners: recipes as compact meal-plan candidates, and
// exercises as split options. The catalog load reads every catalog recipe
// once (the caller caches it until catalog_revision() changes); the user's
// own recipes are read per request through the owner index.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/meal_planner.hpp"
#include "core/workout_planner.hpp"
#include "storage/database.hpp"

namespace trae::plan_candidates {

// Candidates with the storage their spans point into. Not copyable: moving
// keeps the spans valid, copying would not.
struct Table {
  std::vector<mealplan::Candidate> items;
  std::vector<std::uint32_t> foods;
  std::vector<mealplan::FilterKey> keys;          // mealplan::filter_keys(items)
  std::map<std::string, std::uint16_t> cuisines;  // name -> Candidate::cuisine

  Table() = default;
  Table(Table &&) = default;
  Table &operator=(Table &&) = default;
  Table(const Table &) = delete;
  Table &operator=(const Table &) = delete;
};

// Increases whenever a catalog recipe is added, changed or removed.
long long catalog_revision(Connection &c);
// Every catalog recipe, in id order.
Table load_catalog(Connection &c);
// The user's own recipes, in id order, with cuisine numbers continuing `dictionary`.
Table load_owned(Connection &c, long long user, const std::map<std::string, std::uint16_t> &dictionary);

// Exercises at or below a level, for the weekly split.
std::vector<workoutplan::ExerciseOption> exercises_up_to(Connection &c, const std::string &level);

}  // namespace trae::plan_candidates
