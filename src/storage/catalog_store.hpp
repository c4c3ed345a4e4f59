// Writes to the catalog: foods, measures, recipes, exercises, workouts.
// Derived columns are computed here from the rows they derive from (with the
// rules of core/catalog.hpp), so no caller can store figures that disagree
// with the ingredients.
#pragma once
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/catalog.hpp"
#include "storage/database.hpp"

namespace trae::catalog_store {

struct FoodRow {
  std::string source, source_key, name, group_code;
  Nutrients n;
  std::string nutrients_json = "{}";  // every known nutrient
};
struct Measure {
  std::string label;
  double grams = 0;
};

void upsert_food_group(Connection &c, const std::string &code, const std::string &name);
// Inserts or updates by (source, source_key); classifies the food. Returns its id.
long long upsert_food(Connection &c, const FoodRow &f, long long now);
void replace_measures(Connection &c, long long food_id, const std::vector<Measure> &measures);
std::optional<long long> food_id_by_key(Connection &c, const std::string &source, const std::string &key);

struct RecipeDraft {
  std::string source = "user";
  std::optional<std::string> source_key;
  std::optional<long long> owner_id;
  std::string name, description, cuisine, meal_type;
  int servings = 1, prep_minutes = 0, cook_minutes = 0;
  std::vector<std::string> steps;
  struct Item {
    long long food_id;
    double grams;
  };
  std::vector<Item> ingredients;
};
// Throws Error{invalid,"ingredients"} if a food does not exist.
long long insert_recipe(Connection &c, const RecipeDraft &r, long long now);
void update_recipe(Connection &c, long long id, const RecipeDraft &r, long long now);
// Upsert for catalog recipes with a source_key (seed/generated).
long long upsert_catalog_recipe(Connection &c, const RecipeDraft &r, long long now);
bool delete_recipe(Connection &c, long long id);
std::optional<long long> recipe_owner(Connection &c, long long id, bool &exists);

struct ExerciseRow {
  std::string source, source_key, name, category, level;
  std::optional<std::string> force, mechanic;
  std::string equipment;
  std::vector<std::string> primary_muscles, secondary_muscles, instructions;
  double met = 0;
};
long long upsert_exercise(Connection &c, const ExerciseRow &e, long long now);
std::optional<long long> exercise_id_by_key(Connection &c, const std::string &source, const std::string &key);

struct WorkoutDraft {
  std::string source = "seed";
  std::optional<std::string> source_key;
  std::string name, description, level, goal;
  struct Item {
    long long exercise_id;
    int sets;
    std::optional<int> reps, duration_s;
    int rest_s;
  };
  std::vector<Item> items;
};
long long upsert_workout(Connection &c, const WorkoutDraft &w, long long now);

// What recipes and workouts are derived from, read once for a bulk load (the
// seed) instead of one query per ingredient or exercise.
struct FoodFacts {
  std::string name;
  Nutrients per_100g;
  FoodClass cls;
};
struct ExerciseFacts {
  double met = 0;
  Mask muscles = 0, equipment = 0;
};
struct Facts {
  std::unordered_map<long long, FoodFacts> foods;
  std::unordered_map<long long, ExerciseFacts> exercises;
};
Facts load_facts(Connection &c);
// Insert-only paths for new rows, with nutrition, tags and totals computed
// by the same rules from `facts` (which must hold every food or exercise used).
long long insert_recipe(Connection &c, const RecipeDraft &r, long long now, const Facts &facts);
long long insert_workout(Connection &c, const WorkoutDraft &w, long long now, const Facts &facts);

}  // namespace trae::catalog_store
