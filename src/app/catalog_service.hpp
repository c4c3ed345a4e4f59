// The catalog as the API sees it: search and details of recipes, workouts,
// exercises and foods, and the signed-in user's own recipes and favorites.
#pragma once
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>

#include "core/clock.hpp"
#include "core/recipe_index.hpp"
#include "log/logger.hpp"
#include "storage/catalog_query.hpp"
#include "storage/catalog_store.hpp"
#include "storage/database.hpp"

namespace trae {

// {items, page, limit, total, next_cursor} (+ total_capped when counting stopped at the cap).
template <typename T>
nlohmann::json envelope(const catalog_query::Result<T> &r, const Paging &p, nlohmann::json items) {
  return {{"items", std::move(items)},
          {"page", p.cursor ? nlohmann::json(nullptr) : nlohmann::json(p.page)},
          {"limit", p.limit},
          {"total", r.total},
          {"total_capped", r.total_capped},
          {"next_cursor", r.next_cursor ? nlohmann::json(*r.next_cursor) : nlohmann::json(nullptr)}};
}

nlohmann::json recipe_item_json(const RecipeSummary &r, std::optional<long long> viewer);
nlohmann::json workout_item_json(const WorkoutSummary &w);

struct RecipeInput {
  std::string name, description, cuisine, meal_type;
  int servings = 1, prep_minutes = 0, cook_minutes = 0;
  std::vector<std::string> steps;
  std::vector<catalog_store::RecipeDraft::Item> ingredients;
};

class CatalogService {
 public:
  CatalogService(Database &db, const Clock &clock, Logger &log) : db_(db), clock_(clock), log_(log) {}

  nlohmann::json recipes(const catalog_query::RecipeFilter &f, const Paging &p);
  // Loads the in-memory recipe index now, so that the first list does not
  // wait for it (0.65 s on the 300,000-recipe seeded catalog).
  void warm_up();
  // servings: scale the ingredients to this many servings (nullopt: as written).
  nlohmann::json recipe(long long id, std::optional<long long> viewer, std::optional<int> servings);
  // Whether the user has any recipe of their own (one index probe).
  bool has_own_recipes(long long user);
  nlohmann::json create_recipe(long long user, const RecipeInput &in);
  nlohmann::json update_recipe(long long user, long long id, const RecipeInput &in);
  void delete_recipe(long long user, long long id);
  void set_favorite(long long user, long long id, bool on);

  nlohmann::json workouts(const catalog_query::WorkoutFilter &f, const Paging &p);
  nlohmann::json workout(long long id);
  nlohmann::json exercises(const catalog_query::ExerciseFilter &f, const Paging &p);
  nlohmann::json exercise(long long id);
  nlohmann::json foods(const catalog_query::FoodFilter &f, const Paging &p);
  nlohmann::json food(long long id);

 private:
  catalog_store::RecipeDraft draft_of(long long user, const RecipeInput &in) const;
  // 404 unless the recipe exists and belongs to the user.
  void check_owner(Connection &c, long long user, long long id);

  // The recipe index of the catalog as `c` sees it: reloaded when the
  // catalog revision has moved since it was built.
  std::shared_ptr<const RecipeIndex> recipe_index(Connection &c);

  Database &db_;
  const Clock &clock_;
  Logger &log_;
  std::mutex index_mu_;
  std::shared_ptr<const RecipeIndex> index_;
  long long index_revision_ = -1;
};

}  // namespace trae
