// Catalog rules: how foods are classified, and how a recipe's nutrition,
// diet tags and allergens, and a workout's minutes, kcal and muscles follow
// from what they are made of. Pure functions; docs/catalog.md states the rules.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trae {

// Allergen bits follow the order of allergens(): gluten, dairy, egg, peanut,
// tree_nut, soy, fish, shellfish, sesame.
using Mask = std::uint32_t;
Mask allergen_bit(std::string_view allergen);  // 0 if unknown
std::vector<std::string> allergen_names(Mask m);
// Parses "dairy,egg"; throws Error{invalid, field} naming an unknown word.
Mask parse_allergen_list(std::string_view csv, const std::string &field);

// What a food is, beyond its allergens.
enum Trait : Mask {
  kMeat = 1 << 0,  // flesh of land animals, including poultry
  kPork = 1 << 1,
  kFish = 1 << 2,
  kShellfish = 1 << 3,
  kAnimalProduct = 1 << 4,  // dairy, eggs, honey: not vegan
  kGelatin = 1 << 5,
  kAlcohol = 1 << 6,
};

struct FoodClass {
  Mask allergens = 0;
  Mask traits = 0;
};
// Classifies a food from its USDA group code and its description.
FoodClass classify_food(std::string_view group_code, std::string_view description);

// Diet tags: vegetarian, vegan, pescatarian, keto, halal, gluten_free, dairy_free.
std::span<const std::string_view> diet_tags();
Mask diet_bit(std::string_view tag);  // 0 if unknown
std::vector<std::string> diet_names(Mask m);
// The diet tag a profile diet requires ("omnivore" requires none: 0).
Mask diet_requirement(std::string_view profile_diet);

// Nutrients per 100 g; unknown values are nullopt.
struct Nutrients {
  std::optional<double> kcal, protein_g, fat_g, carbs_g, fiber_g, sugar_g, sodium_mg;
};

struct Ingredient {
  double grams = 0;
  Nutrients per_100g;
  FoodClass cls;
};

// Per-serving totals; unknown nutrients of an ingredient count as zero, and
// `complete` tells whether every figure was known.
struct ServingNutrition {
  double kcal = 0, protein_g = 0, fat_g = 0, carbs_g = 0, fiber_g = 0, sugar_g = 0, sodium_mg = 0;
  bool complete = true;
};

ServingNutrition nutrition_per_serving(std::span<const Ingredient> ingredients, double servings);
Mask recipe_allergens(std::span<const Ingredient> ingredients);
Mask recipe_diet_tags(std::span<const Ingredient> ingredients, const ServingNutrition &per_serving);
// The diets a single food fits, by what it is (keto depends on a whole dish and is left out).
Mask food_diet_tags(const FoodClass &c);

// Workouts.
std::span<const std::string_view> muscle_names();
Mask muscle_bit(std::string_view muscle);  // 0 if unknown
std::vector<std::string> muscle_list(Mask m);
Mask equipment_bit(std::string_view equipment);  // 0 for "body only" and unknown
std::vector<std::string> equipment_list(Mask m);
std::span<const std::string_view> workout_goals();
std::span<const std::string_view> levels();
// A MET value for an exercise of this category, when the data has none.
double default_met(std::string_view category);

struct WorkoutItem {
  int sets = 0;
  std::optional<int> reps;
  std::optional<int> duration_s;
  int rest_s = 0;
  double met = 0;
  Mask muscles = 0;
  Mask equipment = 0;
};
struct WorkoutTotals {
  int total_minutes = 0;
  double kcal = 0;
  Mask muscles = 0;
  Mask equipment = 0;
};
constexpr double kSecondsPerRep = 3.0;
// Time under work (reps x 3 s, or the duration) plus rest between sets, and
// kcal = MET x 3.5 x kg / 200 per minute of each block.
WorkoutTotals workout_totals(std::span<const WorkoutItem> items, double weight_kg);

}  // namespace trae

namespace trae {

struct RecipeSummary {
  long long id = 0;
  std::string name, cuisine, meal_type;
  int servings = 1, prep_minutes = 0, cook_minutes = 0;
  ServingNutrition n;
  Mask diet_tags = 0, allergens = 0;
  std::optional<long long> owner_id;
  long long created_at = 0;
};

struct RecipeIngredientView {
  long long food_id = 0;
  std::string name;
  double grams = 0;
};

struct RecipeDetail {
  RecipeSummary summary;
  std::string description;
  std::vector<std::string> steps;
  std::vector<RecipeIngredientView> ingredients;
  bool favorite = false;
};

struct WorkoutSummary {
  long long id = 0;
  std::string name, description, level, goal;
  Mask muscles = 0, equipment = 0;
  int total_minutes = 0;
  double kcal_70kg = 0;
  long long created_at = 0;
};

struct WorkoutExerciseView {
  long long exercise_id = 0;
  std::string name;
  int sets = 0;
  std::optional<int> reps, duration_s;
  int rest_s = 0;
  std::vector<std::string> primary_muscles;
  std::string equipment;
};

struct WorkoutDetail {
  WorkoutSummary summary;
  std::vector<WorkoutExerciseView> exercises;
};

}  // namespace trae
