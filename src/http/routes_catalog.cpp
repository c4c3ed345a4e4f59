// /api/v1/nutrition-data/*, /api/v1/foods and /api/v1/favorites.
#include "core/catalog.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/json_body.hpp"
#include "http/query_params.hpp"

namespace trae {
namespace {

constexpr std::array<std::string_view, 4> kMealTypes{"breakfast", "lunch", "dinner", "snack"};
constexpr std::array<std::string_view, 5> kRecipeSorts{"relevance", "kcal", "protein", "prep", "newest"};
constexpr std::array<std::string_view, 3> kWorkoutSorts{"relevance", "minutes", "newest"};

std::string search_text(QueryReader &q) {
  auto text = q.text("q", 200);
  if (!text) return {};
  std::string fts = fts_query(*text);
  if (fts.empty()) throw invalid("q", "q must contain letters or digits");
  return fts;
}

// A lower-case word or two: cuisines are single words like "middle-eastern".
std::optional<std::string> cuisine_param(QueryReader &q) {
  auto c = q.text("cuisine", 40);
  if (!c) return c;
  for (char ch : *c)
    if (!(std::islower(static_cast<unsigned char>(ch)) || ch == '-'))
      throw invalid("cuisine", "cuisine must be a lower-case word such as italian or middle-eastern");
  return c;
}

catalog_query::RecipeFilter recipe_filter(QueryReader &q, const HttpRequest &req) {
  catalog_query::RecipeFilter f;
  f.fts = search_text(q);
  if (auto d = q.one_of("diet", diet_tags())) f.diet = diet_bit(*d);
  if (auto a = q.text("exclude_allergens", 200))
    f.exclude_allergens = parse_allergen_list(*a, "exclude_allergens");
  f.meal_type = q.one_of("meal_type", kMealTypes);
  f.cuisine = cuisine_param(q);
  f.max_kcal = q.number("max_kcal", 0, 10000);
  f.min_protein_g = q.number("min_protein_g", 0, 1000);
  if (auto m = q.integer("max_prep_minutes", 0, 1440)) f.max_prep_minutes = static_cast<int>(*m);
  f.sort = q.one_of("sort", kRecipeSorts).value_or(f.fts.empty() ? "newest" : "relevance");
  if (req.user) f.viewer = req.user->id;
  return f;
}

std::string trimmed(const std::string &s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

RecipeInput recipe_input(const HttpRequest &req) {
  auto body = json_body(req);
  FieldReader f(body);
  RecipeInput in;
  in.name = trimmed(f.required_string("name", 200));
  if (in.name.empty()) throw invalid("name", "name must not be empty");
  in.description = f.optional_string("description", 2000).value_or("");
  in.cuisine = trimmed(f.required_string("cuisine", 40));
  for (char ch : in.cuisine)
    if (!(std::islower(static_cast<unsigned char>(ch)) || ch == '-'))
      throw invalid("cuisine", "cuisine must be a lower-case word such as italian or middle-eastern");
  if (in.cuisine.empty()) throw invalid("cuisine", "cuisine must not be empty");
  in.meal_type = f.required_string("meal_type", 16);
  if (!is_one_of(kMealTypes, in.meal_type))
    throw invalid("meal_type", "meal_type must be " + describe_choices(kMealTypes));
  auto servings = f.required_int("servings");
  if (servings < 1 || servings > 100) throw invalid("servings", "servings must be from 1 to 100");
  in.servings = static_cast<int>(servings);
  auto prep = f.optional_int("prep_minutes").value_or(0);
  if (prep < 0 || prep > 1440) throw invalid("prep_minutes", "prep_minutes must be from 0 to 1440");
  in.prep_minutes = static_cast<int>(prep);
  auto cook = f.optional_int("cook_minutes").value_or(0);
  if (cook < 0 || cook > 1440) throw invalid("cook_minutes", "cook_minutes must be from 0 to 1440");
  in.cook_minutes = static_cast<int>(cook);
  in.steps = f.optional_string_list("steps", 50).value_or(std::vector<std::string>{});
  for (const auto &s : in.steps)
    if (s.size() > 2000) throw invalid("steps", "each step must be at most 2000 bytes");
  const auto *list = f.raw("ingredients");
  if (!list || !list->is_array() || list->empty() || list->size() > 60)
    throw invalid("ingredients", "ingredients must be a list of 1 to 60 {food_id, grams}");
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string prefix = "ingredients[" + std::to_string(i) + "].";
    if (!(*list)[i].is_object())
      throw invalid("ingredients", "each ingredient must be an object {food_id, grams}");
    FieldReader item((*list)[i], prefix);
    long long food = item.required_int("food_id");
    double grams = item.required_number("grams");
    item.finish();
    if (food <= 0) throw invalid(prefix + "food_id", prefix + "food_id must be a positive id");
    if (grams <= 0 || grams > 10000)
      throw invalid(prefix + "grams", prefix + "grams must be above 0 and at most 10000");
    in.ingredients.push_back({food, grams});
  }
  f.finish();
  return in;
}

// After a write to recipes or favorites (committed by then): no cached
// recipe answer from before it is served again.
void recipes_changed(Services &s) {
  if (s.cache) s.cache->invalidate(CacheFamily::recipes);
}

}  // namespace

void add_catalog_routes(Router &r, Services &s) {
  const std::string base = "/api/v1/nutrition-data";

  r.add("GET", base + "/recipes", Access::optional, [&s](HttpRequest &req, HttpResponse &res) {
    QueryReader q(req);
    auto f = recipe_filter(q, req);
    auto paging = q.paging();
    q.finish();
    write_json(res, 200, s.catalog.recipes(f, paging));
  });
  r.add("POST", base + "/recipes", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    auto created = s.catalog.create_recipe(req.user->id, recipe_input(req));
    recipes_changed(s);
    write_json(res, 201, created);
  });
  r.add("GET", base + "/recipes/{id}", Access::optional, [&s](HttpRequest &req, HttpResponse &res) {
    long long id = path_id(req);
    QueryReader q(req);
    auto servings = q.integer("servings", 1, 100);
    q.finish();
    write_json(res, 200,
               s.catalog.recipe(id, req.user ? std::optional<long long>(req.user->id) : std::nullopt,
                                servings ? std::optional<int>(static_cast<int>(*servings)) : std::nullopt));
  });
  r.add("PUT", base + "/recipes/{id}", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    long long id = path_id(req);
    auto updated = s.catalog.update_recipe(req.user->id, id, recipe_input(req));
    recipes_changed(s);
    write_json(res, 200, updated);
  });
  r.add("DELETE", base + "/recipes/{id}", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    s.catalog.delete_recipe(req.user->id, path_id(req));
    recipes_changed(s);
    res.status = 204;
  });
  r.add("PUT", base + "/recipes/{id}/favorite", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    s.catalog.set_favorite(req.user->id, path_id(req), true);
    recipes_changed(s);
    res.status = 204;
  });
  r.add("DELETE", base + "/recipes/{id}/favorite", Access::signed_in,
        [&s](HttpRequest &req, HttpResponse &res) {
          s.catalog.set_favorite(req.user->id, path_id(req), false);
          recipes_changed(s);
          res.status = 204;
        });
  r.add("GET", "/api/v1/favorites", Access::signed_in, [&s](HttpRequest &req, HttpResponse &res) {
    QueryReader q(req);
    catalog_query::RecipeFilter f;
    f.viewer = req.user->id;
    f.favorites_only = true;
    f.sort = "newest";
    auto paging = q.paging();
    q.finish();
    write_json(res, 200, s.catalog.recipes(f, paging));
  });

  r.add("GET", base + "/workouts", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    QueryReader q(req);
    catalog_query::WorkoutFilter f;
    f.fts = search_text(q);
    f.muscle = q.one_of("muscle", muscle_names());
    f.level = q.one_of("level", levels());
    f.goal = q.one_of("goal", workout_goals());
    if (auto e = q.text("equipment", 300)) {
      Mask allowed = 0;
      std::size_t start = 0;
      while (start <= e->size()) {
        auto end = e->find(',', start);
        if (end == std::string::npos) end = e->size();
        std::string word = e->substr(start, end - start);
        if (word != "none" && word != "body only") {
          if (!is_one_of(equipment_kinds(), word))
            throw invalid("equipment",
                          "equipment entries must be none, " + describe_choices(equipment_kinds()));
          allowed |= equipment_bit(word);
        }
        start = end + 1;
      }
      f.equipment_allowed = allowed;
    }
    if (auto m = q.integer("min_minutes", 0, 600)) f.min_minutes = static_cast<int>(*m);
    if (auto m = q.integer("max_minutes", 0, 600)) f.max_minutes = static_cast<int>(*m);
    if (f.min_minutes && f.max_minutes && *f.min_minutes > *f.max_minutes)
      throw invalid("min_minutes", "min_minutes must not exceed max_minutes");
    f.sort = q.one_of("sort", kWorkoutSorts).value_or(f.fts.empty() ? "minutes" : "relevance");
    auto paging = q.paging();
    q.finish();
    write_json(res, 200, s.catalog.workouts(f, paging));
  });
  r.add("GET", base + "/workouts/{id}", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    long long id = path_id(req);
    QueryReader(req).finish();
    write_json(res, 200, s.catalog.workout(id));
  });

  r.add("GET", base + "/exercises", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    QueryReader q(req);
    catalog_query::ExerciseFilter f;
    f.fts = search_text(q);
    f.muscle = q.one_of("muscle", muscle_names());
    f.equipment = q.one_of("equipment", equipment_kinds());
    f.level = q.one_of("level", levels());
    f.category = q.text("category", 40);
    auto paging = q.paging();
    q.finish();
    write_json(res, 200, s.catalog.exercises(f, paging));
  });
  r.add("GET", base + "/exercises/{id}", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    long long id = path_id(req);
    QueryReader(req).finish();
    write_json(res, 200, s.catalog.exercise(id));
  });

  r.add("GET", "/api/v1/foods", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    QueryReader q(req);
    catalog_query::FoodFilter f;
    f.fts = search_text(q);
    if (auto g = q.text("group", 8)) {
      if (g->size() != 4 || !std::all_of(g->begin(), g->end(), ::isdigit))
        throw invalid("group", "group must be a four-digit food group code such as 0100");
      f.group = g;
    }
    auto paging = q.paging();
    q.finish();
    write_json(res, 200, s.catalog.foods(f, paging));
  });
  r.add("GET", "/api/v1/foods/{id}", Access::public_route, [&s](HttpRequest &req, HttpResponse &res) {
    long long id = path_id(req);
    QueryReader(req).finish();
    write_json(res, 200, s.catalog.food(id));
  });

  // The hot public reads go through the response cache. Recipe answers
  // hold the caller's own recipes and favorite flags, so they are kept per
  // caller; the others are the same for everyone. A recipe list differs
  // from the anonymous one only by the caller's own recipes, so callers
  // with none share the anonymous entries.
  struct Cached {
    std::string pattern;
    CacheFamily family;
    CacheScope scope;
  };
  CacheScope per_caller{true, {}};
  CacheScope own_recipes{true, [&s](long long user) { return s.catalog.has_own_recipes(user); }};
  const Cached cached[] = {
      {base + "/recipes", CacheFamily::recipes, own_recipes},
      {base + "/recipes/{id}", CacheFamily::recipes, per_caller},
      {base + "/workouts", CacheFamily::workouts, {}},
      {base + "/workouts/{id}", CacheFamily::workouts, {}},
      {base + "/exercises", CacheFamily::exercises, {}},
      {base + "/exercises/{id}", CacheFamily::exercises, {}},
      {"/api/v1/foods", CacheFamily::foods, {}},
      {"/api/v1/foods/{id}", CacheFamily::foods, {}},
  };
  for (const auto &c : cached)
    r.wrap("GET", c.pattern,
           [&s, &c](Handler h) { return cached_get(s.cache, s.metrics, c.family, c.scope, std::move(h)); });
}

}  // namespace trae
