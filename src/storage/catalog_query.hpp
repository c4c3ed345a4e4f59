// Reads of the catalog. Every query is shaped so that SQLite answers it from
// an index or an FTS table; tests check the plans.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/catalog.hpp"
#include "core/search.hpp"
#include "storage/database.hpp"

namespace trae::catalog_query {

template <typename T>
struct Result {
  std::vector<T> items;
  long long total = 0;
  bool total_capped = false;
  std::optional<std::string> next_cursor;
};

struct RecipeFilter {
  std::string fts;  // from fts_query(); empty for none
  Mask diet = 0;
  Mask exclude_allergens = 0;
  std::optional<std::string> meal_type, cuisine;
  std::optional<double> max_kcal, min_protein_g;
  std::optional<int> max_prep_minutes;
  std::string sort = "newest";      // relevance | kcal | protein | prep | newest
  std::optional<long long> viewer;  // signed-in user: their own recipes are included
  bool favorites_only = false;      // only the viewer's favorites
  std::vector<long long> exclude_foods;
};

// Through SQL alone. The API uses it for favorites (and food exclusions),
// which the in-memory recipe index (storage/recipe_search.hpp) does not
// cover; tests use it as the reference the index must agree with.
Result<RecipeSummary> search_recipes(Connection &c, const RecipeFilter &f, const Paging &p);
// The columns of a recipe summary from `recipes r`, and their reader.
extern const char *const kRecipeSummaryColumns;
RecipeSummary recipe_summary_from_row(Stmt &st);
// nullopt if missing or owned by someone other than the viewer.
std::optional<RecipeDetail> recipe_detail(Connection &c, long long id, std::optional<long long> viewer);
bool has_own_recipes(Connection &c, long long user);

struct WorkoutFilter {
  std::string fts;
  std::optional<std::string> muscle, level, goal;
  std::optional<Mask> equipment_allowed;  // 0 means bodyweight only
  std::optional<int> min_minutes, max_minutes;
  std::string sort = "minutes";  // relevance | minutes | newest
};
Result<WorkoutSummary> search_workouts(Connection &c, const WorkoutFilter &f, const Paging &p);
std::optional<WorkoutDetail> workout_detail(Connection &c, long long id);

struct ExerciseFilter {
  std::string fts;
  std::optional<std::string> muscle, equipment, level, category;
};
Result<nlohmann::json> search_exercises(Connection &c, const ExerciseFilter &f, const Paging &p);
std::optional<nlohmann::json> exercise_detail(Connection &c, long long id);

struct FoodFilter {
  std::string fts;
  std::optional<std::string> group;
};
Result<nlohmann::json> search_foods(Connection &c, const FoodFilter &f, const Paging &p);
std::optional<nlohmann::json> food_detail(Connection &c, long long id);

}  // namespace trae::catalog_query
