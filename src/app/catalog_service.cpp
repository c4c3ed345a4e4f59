#include "app/catalog_service.hpp"

#include <chrono>

#include "app/views.hpp"
#include "core/error.hpp"
#include "storage/plan_candidates.hpp"
#include "storage/recipe_search.hpp"

namespace trae {
namespace {

nlohmann::json nutrition_json(const ServingNutrition &n, double factor = 1.0) {
  return {{"kcal", round_to(n.kcal * factor, 0)},          {"protein_g", round_to(n.protein_g * factor, 1)},
          {"fat_g", round_to(n.fat_g * factor, 1)},        {"carbs_g", round_to(n.carbs_g * factor, 1)},
          {"fiber_g", round_to(n.fiber_g * factor, 1)},    {"sugar_g", round_to(n.sugar_g * factor, 1)},
          {"sodium_mg", round_to(n.sodium_mg * factor, 0)}};
}

}  // namespace

nlohmann::json recipe_item_json(const RecipeSummary &r, std::optional<long long> viewer) {
  return {{"id", r.id},
          {"name", r.name},
          {"cuisine", r.cuisine},
          {"meal_type", r.meal_type},
          {"prep_minutes", r.prep_minutes},
          {"cook_minutes", r.cook_minutes},
          {"servings", r.servings},
          {"diet_tags", diet_names(r.diet_tags)},
          {"allergens", allergen_names(r.allergens)},
          {"nutrition_per_serving", nutrition_json(r.n)},
          {"owned", r.owner_id.has_value() && r.owner_id == viewer},
          {"created_at", iso_utc(r.created_at)}};
}

nlohmann::json workout_item_json(const WorkoutSummary &w) {
  return {{"id", w.id},
          {"name", w.name},
          {"description", w.description},
          {"level", w.level},
          {"goal", w.goal},
          {"muscles", muscle_list(w.muscles)},
          {"equipment", equipment_list(w.equipment)},
          {"total_minutes", w.total_minutes},
          {"estimated_kcal", round_to(w.kcal_70kg, 0)},
          {"estimated_kcal_basis", "70 kg person"}};
}

void CatalogService::warm_up() {
  db_.read([&](Connection &c) { recipe_index(c); });
}

std::shared_ptr<const RecipeIndex> CatalogService::recipe_index(Connection &c) {
  const long long revision = plan_candidates::catalog_revision(c);
  std::lock_guard<std::mutex> lock(index_mu_);
  // An older snapshot may use a newer index: ids it does not know are skipped
  // when the page is fetched. Reloading to the older one would ping-pong.
  if (index_ && revision <= index_revision_) return index_;
  auto t0 = std::chrono::steady_clock::now();
  index_ = std::make_shared<const RecipeIndex>(recipe_search::load_index(c));
  index_revision_ = revision;
  log_.info(
      "recipe index loaded",
      {{"recipes", index_->size()},
       {"revision", revision},
       {"ms", std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
                  .count()}});
  return index_;
}

nlohmann::json CatalogService::recipes(const catalog_query::RecipeFilter &f, const Paging &p) {
  catalog_query::Result<RecipeSummary> r;
  db_.read([&](Connection &c) {
    r = recipe_search::covers(f) ? recipe_search::search(c, *recipe_index(c), f, p)
                                 : catalog_query::search_recipes(c, f, p);
  });
  nlohmann::json items = nlohmann::json::array();
  for (const auto &x : r.items) items.push_back(recipe_item_json(x, f.viewer));
  return envelope(r, p, std::move(items));
}

bool CatalogService::has_own_recipes(long long user) {
  bool own = false;
  db_.read([&](Connection &c) { own = catalog_query::has_own_recipes(c, user); });
  return own;
}

nlohmann::json CatalogService::recipe(long long id, std::optional<long long> viewer,
                                      std::optional<int> servings) {
  std::optional<RecipeDetail> d;
  db_.read([&](Connection &c) { d = catalog_query::recipe_detail(c, id, viewer); });
  if (!d) throw not_found("recipe");
  const int base = d->summary.servings;
  const int want = servings.value_or(base);
  const double scale = static_cast<double>(want) / base;
  nlohmann::json j = recipe_item_json(d->summary, viewer);
  j["description"] = d->description;
  j["steps"] = d->steps;
  j["favorite"] = d->favorite;
  j["servings"] = want;
  j["base_servings"] = base;
  j["nutrition_total"] = nutrition_json(d->summary.n, want);
  nlohmann::json ingredients = nlohmann::json::array();
  for (const auto &i : d->ingredients)
    ingredients.push_back(
        {{"food_id", i.food_id}, {"name", i.name}, {"grams", round_to(i.grams * scale, 1)}});
  j["ingredients"] = ingredients;
  return j;
}

catalog_store::RecipeDraft CatalogService::draft_of(long long user, const RecipeInput &in) const {
  catalog_store::RecipeDraft d;
  d.source = "user";
  d.owner_id = user;
  d.name = in.name;
  d.description = in.description;
  d.cuisine = in.cuisine;
  d.meal_type = in.meal_type;
  d.servings = in.servings;
  d.prep_minutes = in.prep_minutes;
  d.cook_minutes = in.cook_minutes;
  d.steps = in.steps;
  d.ingredients = in.ingredients;
  return d;
}

void CatalogService::check_owner(Connection &c, long long user, long long id) {
  bool exists = false;
  auto owner = catalog_store::recipe_owner(c, id, exists);
  // Someone else's recipe and a catalog recipe are both "not yours": 404,
  // so that nothing tells whether another user's recipe exists.
  if (!exists || !owner || *owner != user) throw not_found("recipe");
}

nlohmann::json CatalogService::create_recipe(long long user, const RecipeInput &in) {
  long long id = 0;
  db_.write([&](Connection &c) { id = catalog_store::insert_recipe(c, draft_of(user, in), clock_.now()); });
  return recipe(id, user, std::nullopt);
}

nlohmann::json CatalogService::update_recipe(long long user, long long id, const RecipeInput &in) {
  db_.write([&](Connection &c) {
    check_owner(c, user, id);
    catalog_store::update_recipe(c, id, draft_of(user, in), clock_.now());
  });
  return recipe(id, user, std::nullopt);
}

void CatalogService::delete_recipe(long long user, long long id) {
  db_.write([&](Connection &c) {
    check_owner(c, user, id);
    catalog_store::delete_recipe(c, id);
  });
}

void CatalogService::set_favorite(long long user, long long id, bool on) {
  db_.write([&](Connection &c) {
    bool exists = false;
    auto owner = catalog_store::recipe_owner(c, id, exists);
    if (!exists || (owner && *owner != user)) throw not_found("recipe");
    auto st =
        c.prepare(on ? "INSERT OR IGNORE INTO favorites(user_id, recipe_id, created_at) VALUES (?, ?, ?)"
                     : "DELETE FROM favorites WHERE user_id = ? AND recipe_id = ?");
    st->bind(1, static_cast<int64_t>(user));
    st->bind(2, static_cast<int64_t>(id));
    if (on) st->bind(3, static_cast<int64_t>(clock_.now()));
    st->exec();
  });
}

nlohmann::json CatalogService::workouts(const catalog_query::WorkoutFilter &f, const Paging &p) {
  catalog_query::Result<WorkoutSummary> r;
  db_.read([&](Connection &c) { r = catalog_query::search_workouts(c, f, p); });
  nlohmann::json items = nlohmann::json::array();
  for (const auto &x : r.items) items.push_back(workout_item_json(x));
  return envelope(r, p, std::move(items));
}

nlohmann::json CatalogService::workout(long long id) {
  std::optional<WorkoutDetail> d;
  db_.read([&](Connection &c) { d = catalog_query::workout_detail(c, id); });
  if (!d) throw not_found("workout");
  nlohmann::json j = workout_item_json(d->summary);
  nlohmann::json ex = nlohmann::json::array();
  for (const auto &e : d->exercises)
    ex.push_back(
        {{"exercise_id", e.exercise_id},
         {"name", e.name},
         {"sets", e.sets},
         {"reps", e.reps ? nlohmann::json(*e.reps) : nlohmann::json(nullptr)},
         {"duration_seconds", e.duration_s ? nlohmann::json(*e.duration_s) : nlohmann::json(nullptr)},
         {"rest_seconds", e.rest_s},
         {"muscles", e.primary_muscles},
         {"equipment", e.equipment}});
  j["exercises"] = ex;
  return j;
}

nlohmann::json CatalogService::exercises(const catalog_query::ExerciseFilter &f, const Paging &p) {
  catalog_query::Result<nlohmann::json> r;
  db_.read([&](Connection &c) { r = catalog_query::search_exercises(c, f, p); });
  return envelope(r, p, r.items);
}

nlohmann::json CatalogService::exercise(long long id) {
  std::optional<nlohmann::json> j;
  db_.read([&](Connection &c) { j = catalog_query::exercise_detail(c, id); });
  if (!j) throw not_found("exercise");
  return *j;
}

nlohmann::json CatalogService::foods(const catalog_query::FoodFilter &f, const Paging &p) {
  catalog_query::Result<nlohmann::json> r;
  db_.read([&](Connection &c) { r = catalog_query::search_foods(c, f, p); });
  return envelope(r, p, r.items);
}

nlohmann::json CatalogService::food(long long id) {
  std::optional<nlohmann::json> j;
  db_.read([&](Connection &c) { j = catalog_query::food_detail(c, id); });
  if (!j) throw not_found("food");
  return *j;
}

}  // namespace trae
