#include "storage/catalog_store.hpp"

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace trae::catalog_store {
namespace {

void bind_opt(Stmt &st, int i, const std::optional<double> &v) {
  if (v)
    st->bind(i, *v);
  else
    st->bind(i);
}
void bind_opt(Stmt &st, int i, const std::optional<std::string> &v) {
  if (v)
    st->bind(i, *v);
  else
    st->bind(i);
}
void bind_opt(Stmt &st, int i, const std::optional<int> &v) {
  if (v)
    st->bind(i, *v);
  else
    st->bind(i);
}
void bind_opt(Stmt &st, int i, const std::optional<long long> &v) {
  if (v)
    st->bind(i, static_cast<int64_t>(*v));
  else
    st->bind(i);
}

std::optional<double> opt_real(const SQLite::Column &c) {
  if (c.isNull()) return std::nullopt;
  return c.getDouble();
}

// Columns: name, kcal, protein_g, fat_g, carbs_g, fiber_g, sugar_g, sodium_mg, allergens, traits.
FoodFacts food_facts_from_row(Stmt &st) {
  FoodFacts f;
  f.name = st->getColumn(0).getString();
  f.per_100g = {opt_real(st->getColumn(1)), opt_real(st->getColumn(2)), opt_real(st->getColumn(3)),
                opt_real(st->getColumn(4)), opt_real(st->getColumn(5)), opt_real(st->getColumn(6)),
                opt_real(st->getColumn(7))};
  f.cls = {static_cast<Mask>(st->getColumn(8).getInt64()), static_cast<Mask>(st->getColumn(9).getInt64())};
  return f;
}

struct Derived {
  ServingNutrition n;
  Mask allergens = 0, diets = 0;
  std::string ingredient_names;
};

// Nutrition, diet tags and allergens from the ingredients; `food(id)` gives
// each ingredient's facts (from SQL, or from facts loaded once for a bulk load).
template <typename FoodLookup>
Derived derive_with(const RecipeDraft &r, FoodLookup food) {
  Derived d;
  std::vector<Ingredient> items;
  items.reserve(r.ingredients.size());
  for (const auto &i : r.ingredients) {
    const FoodFacts &f = food(i.food_id);
    Ingredient ing;
    ing.grams = i.grams;
    ing.per_100g = f.per_100g;
    ing.cls = f.cls;
    if (!d.ingredient_names.empty()) d.ingredient_names += " ";
    d.ingredient_names += f.name;
    items.push_back(ing);
  }
  d.n = nutrition_per_serving(items, r.servings);
  d.allergens = recipe_allergens(items);
  d.diets = recipe_diet_tags(items, d.n);
  return d;
}

[[noreturn]] void missing_food(long long id) {
  throw invalid("ingredients", "ingredient food " + std::to_string(id) + " does not exist");
}

Derived derive(Connection &c, const RecipeDraft &r) {
  auto st = c.prepare(
      "SELECT name, kcal, protein_g, fat_g, carbs_g, fiber_g, sugar_g, sodium_mg, allergens, traits "
      "FROM foods WHERE id = ?");
  FoodFacts f;
  return derive_with(r, [&](long long id) -> const FoodFacts & {
    st->reset();
    st->bind(1, static_cast<int64_t>(id));
    if (!st->executeStep()) missing_food(id);
    f = food_facts_from_row(st);
    return f;
  });
}

void write_ingredients_and_index(Connection &c, long long id, const RecipeDraft &r, const Derived &d,
                                 bool fresh) {
  if (!fresh) {
    auto del = c.prepare("DELETE FROM recipe_ingredients WHERE recipe_id = ?");
    del->bind(1, static_cast<int64_t>(id));
    del->exec();
    auto fts = c.prepare("DELETE FROM recipes_fts WHERE rowid = ?");
    fts->bind(1, static_cast<int64_t>(id));
    fts->exec();
  }
  auto ins =
      c.prepare("INSERT INTO recipe_ingredients(recipe_id, position, food_id, grams) VALUES (?, ?, ?, ?)");
  int pos = 0;
  for (const auto &i : r.ingredients) {
    ins->reset();
    ins->bind(1, static_cast<int64_t>(id));
    ins->bind(2, ++pos);
    ins->bind(3, static_cast<int64_t>(i.food_id));
    ins->bind(4, i.grams);
    ins->exec();
  }
  auto fts = c.prepare("INSERT INTO recipes_fts(rowid, name, ingredients, cuisine) VALUES (?, ?, ?, ?)");
  fts->bind(1, static_cast<int64_t>(id));
  fts->bind(2, r.name);
  fts->bind(3, d.ingredient_names);
  fts->bind(4, r.cuisine);
  fts->exec();
}

void bind_recipe_columns(Stmt &st, const RecipeDraft &r, const Derived &d) {
  st->bind(1, r.name);
  st->bind(2, r.description);
  st->bind(3, r.cuisine);
  st->bind(4, r.meal_type);
  st->bind(5, r.servings);
  st->bind(6, r.prep_minutes);
  st->bind(7, r.cook_minutes);
  st->bind(8, nlohmann::json(r.steps).dump());
  st->bind(9, d.n.kcal);
  st->bind(10, d.n.protein_g);
  st->bind(11, d.n.fat_g);
  st->bind(12, d.n.carbs_g);
  st->bind(13, d.n.fiber_g);
  st->bind(14, d.n.sugar_g);
  st->bind(15, d.n.sodium_mg);
  st->bind(16, static_cast<int64_t>(d.diets));
  st->bind(17, static_cast<int64_t>(d.allergens));
}

long long insert_derived_recipe(Connection &c, const RecipeDraft &r, const Derived &d, long long now) {
  auto st = c.prepare(
      "INSERT INTO recipes(name, description, cuisine, meal_type, servings, prep_minutes, cook_minutes, "
      "steps, kcal, "
      "protein_g, fat_g, carbs_g, fiber_g, sugar_g, sodium_mg, diet_tags, allergens, source, source_key, "
      "owner_id, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_recipe_columns(st, r, d);
  st->bind(18, r.source);
  bind_opt(st, 19, r.source_key);
  bind_opt(st, 20, r.owner_id);
  st->bind(21, static_cast<int64_t>(now));
  st->bind(22, static_cast<int64_t>(now));
  st->exec();
  long long id = c.db().getLastInsertRowid();
  write_ingredients_and_index(c, id, r, d, true);
  return id;
}

}  // namespace

void upsert_food_group(Connection &c, const std::string &code, const std::string &name) {
  auto st = c.prepare(
      "INSERT INTO food_groups(code, name) VALUES (?, ?) ON CONFLICT(code) DO UPDATE SET name = "
      "excluded.name");
  st->bind(1, code);
  st->bind(2, name);
  st->exec();
}

long long upsert_food(Connection &c, const FoodRow &f, long long now) {
  FoodClass cls = classify_food(f.group_code, f.name);
  auto st = c.prepare(
      "INSERT INTO foods(source, source_key, name, group_code, kcal, protein_g, fat_g, carbs_g, fiber_g, "
      "sugar_g, "
      "sodium_mg, nutrients, allergens, traits, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?) "
      "ON CONFLICT(source, source_key) DO UPDATE SET name = excluded.name, group_code = excluded.group_code, "
      "kcal = excluded.kcal, protein_g = excluded.protein_g, fat_g = excluded.fat_g, carbs_g = "
      "excluded.carbs_g, "
      "fiber_g = excluded.fiber_g, sugar_g = excluded.sugar_g, sodium_mg = excluded.sodium_mg, "
      "nutrients = excluded.nutrients, allergens = excluded.allergens, traits = excluded.traits, "
      "updated_at = excluded.updated_at RETURNING id");
  st->bind(1, f.source);
  st->bind(2, f.source_key);
  st->bind(3, f.name);
  st->bind(4, f.group_code);
  bind_opt(st, 5, f.n.kcal);
  bind_opt(st, 6, f.n.protein_g);
  bind_opt(st, 7, f.n.fat_g);
  bind_opt(st, 8, f.n.carbs_g);
  bind_opt(st, 9, f.n.fiber_g);
  bind_opt(st, 10, f.n.sugar_g);
  bind_opt(st, 11, f.n.sodium_mg);
  st->bind(12, f.nutrients_json);
  st->bind(13, static_cast<int64_t>(cls.allergens));
  st->bind(14, static_cast<int64_t>(cls.traits));
  st->bind(15, static_cast<int64_t>(now));
  st->executeStep();
  return st->getColumn(0).getInt64();
}

void replace_measures(Connection &c, long long food_id, const std::vector<Measure> &measures) {
  auto del = c.prepare("DELETE FROM food_measures WHERE food_id = ?");
  del->bind(1, static_cast<int64_t>(food_id));
  del->exec();
  auto ins = c.prepare("INSERT INTO food_measures(food_id, seq, label, grams) VALUES (?, ?, ?, ?)");
  int seq = 0;
  for (const auto &m : measures) {
    ins->reset();
    ins->bind(1, static_cast<int64_t>(food_id));
    ins->bind(2, ++seq);
    ins->bind(3, m.label);
    ins->bind(4, m.grams);
    ins->exec();
  }
}

std::optional<long long> food_id_by_key(Connection &c, const std::string &source, const std::string &key) {
  auto st = c.prepare("SELECT id FROM foods WHERE source = ? AND source_key = ?");
  st->bind(1, source);
  st->bind(2, key);
  if (!st->executeStep()) return std::nullopt;
  return st->getColumn(0).getInt64();
}

void update_recipe(Connection &c, long long id, const RecipeDraft &r, long long now) {
  Derived d = derive(c, r);
  auto st = c.prepare(
      "UPDATE recipes SET name = ?, description = ?, cuisine = ?, meal_type = ?, servings = ?, prep_minutes "
      "= ?, "
      "cook_minutes = ?, steps = ?, kcal = ?, protein_g = ?, fat_g = ?, carbs_g = ?, fiber_g = ?, sugar_g = "
      "?, "
      "sodium_mg = ?, diet_tags = ?, allergens = ?, updated_at = ? WHERE id = ?");
  bind_recipe_columns(st, r, d);
  st->bind(18, static_cast<int64_t>(now));
  st->bind(19, static_cast<int64_t>(id));
  st->exec();
  write_ingredients_and_index(c, id, r, d, false);
}

long long insert_recipe(Connection &c, const RecipeDraft &r, long long now) {
  return insert_derived_recipe(c, r, derive(c, r), now);
}

long long insert_recipe(Connection &c, const RecipeDraft &r, long long now, const Facts &facts) {
  const Derived d = derive_with(r, [&](long long id) -> const FoodFacts & {
    auto it = facts.foods.find(id);
    if (it == facts.foods.end()) missing_food(id);
    return it->second;
  });
  return insert_derived_recipe(c, r, d, now);
}

long long upsert_catalog_recipe(Connection &c, const RecipeDraft &r, long long now) {
  auto st = c.prepare("SELECT id FROM recipes WHERE source = ? AND source_key = ?");
  st->bind(1, r.source);
  st->bind(2, *r.source_key);
  if (st->executeStep()) {
    long long id = st->getColumn(0).getInt64();
    update_recipe(c, id, r, now);
    return id;
  }
  return insert_recipe(c, r, now);
}

bool delete_recipe(Connection &c, long long id) {
  auto st = c.prepare("DELETE FROM recipes WHERE id = ?");
  st->bind(1, static_cast<int64_t>(id));
  return st->exec() > 0;
}

std::optional<long long> recipe_owner(Connection &c, long long id, bool &exists) {
  auto st = c.prepare("SELECT owner_id FROM recipes WHERE id = ?");
  st->bind(1, static_cast<int64_t>(id));
  exists = st->executeStep();
  if (!exists || st->getColumn(0).isNull()) return std::nullopt;
  return st->getColumn(0).getInt64();
}

long long upsert_exercise(Connection &c, const ExerciseRow &e, long long now) {
  Mask muscles = 0;
  for (const auto &m : e.primary_muscles) muscles |= muscle_bit(m);
  for (const auto &m : e.secondary_muscles) muscles |= muscle_bit(m);
  auto st = c.prepare(
      "INSERT INTO exercises(source, source_key, name, category, level, force, mechanic, equipment, "
      "primary_muscles, "
      "secondary_muscles, muscle_mask, instructions, met, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?, ?, ?, ?) "
      "ON CONFLICT(source, source_key) DO UPDATE SET name = excluded.name, category = excluded.category, "
      "level = excluded.level, force = excluded.force, mechanic = excluded.mechanic, equipment = "
      "excluded.equipment, "
      "primary_muscles = excluded.primary_muscles, secondary_muscles = excluded.secondary_muscles, "
      "muscle_mask = excluded.muscle_mask, instructions = excluded.instructions, met = excluded.met, "
      "updated_at = excluded.updated_at RETURNING id");
  st->bind(1, e.source);
  st->bind(2, e.source_key);
  st->bind(3, e.name);
  st->bind(4, e.category);
  st->bind(5, e.level);
  bind_opt(st, 6, e.force);
  bind_opt(st, 7, e.mechanic);
  st->bind(8, e.equipment);
  st->bind(9, nlohmann::json(e.primary_muscles).dump());
  st->bind(10, nlohmann::json(e.secondary_muscles).dump());
  st->bind(11, static_cast<int64_t>(muscles));
  st->bind(12, nlohmann::json(e.instructions).dump());
  st->bind(13, e.met);
  st->bind(14, static_cast<int64_t>(now));
  st->executeStep();
  long long id = st->getColumn(0).getInt64();
  auto del = c.prepare("DELETE FROM exercise_muscles WHERE exercise_id = ?");
  del->bind(1, static_cast<int64_t>(id));
  del->exec();
  auto ins = c.prepare("INSERT OR IGNORE INTO exercise_muscles(muscle, exercise_id) VALUES (?, ?)");
  for (const auto &m : muscle_list(muscles)) {
    ins->reset();
    ins->bind(1, m);
    ins->bind(2, static_cast<int64_t>(id));
    ins->exec();
  }
  return id;
}

std::optional<long long> exercise_id_by_key(Connection &c, const std::string &source,
                                            const std::string &key) {
  auto st = c.prepare("SELECT id FROM exercises WHERE source = ? AND source_key = ?");
  st->bind(1, source);
  st->bind(2, key);
  if (!st->executeStep()) return std::nullopt;
  return st->getColumn(0).getInt64();
}

namespace {

// Totals from the exercises' MET, muscles and equipment; `exercise(id)` gives
// each exercise's facts (from SQL, or from facts loaded once for a bulk load).
template <typename ExerciseLookup>
WorkoutTotals totals_with(const WorkoutDraft &w, ExerciseLookup exercise) {
  std::vector<WorkoutItem> items;
  items.reserve(w.items.size());
  for (const auto &i : w.items) {
    const ExerciseFacts &e = exercise(i.exercise_id);
    items.push_back(WorkoutItem{i.sets, i.reps, i.duration_s, i.rest_s, e.met, e.muscles, e.equipment});
  }
  return workout_totals(items, 70.0);
}

[[noreturn]] void missing_exercise(long long id) {
  throw invalid("exercises", "exercise " + std::to_string(id) + " does not exist");
}

// Columns: met, muscle_mask, equipment.
ExerciseFacts exercise_facts_from_row(Stmt &st) {
  return {st->getColumn(0).getDouble(), static_cast<Mask>(st->getColumn(1).getInt64()),
          equipment_bit(st->getColumn(2).getString())};
}

void bind_workout_columns(Stmt &st, const WorkoutDraft &w, const WorkoutTotals &t, long long now) {
  st->bind(1, w.source);
  bind_opt(st, 2, w.source_key);
  st->bind(3, w.name);
  st->bind(4, w.description);
  st->bind(5, w.level);
  st->bind(6, w.goal);
  st->bind(7, static_cast<int64_t>(t.muscles));
  st->bind(8, static_cast<int64_t>(t.equipment));
  st->bind(9, t.total_minutes);
  st->bind(10, t.kcal);
  st->bind(11, static_cast<int64_t>(now));
}

// The exercise and muscle rows of a workout that has none yet.
void write_workout_parts(Connection &c, long long id, const WorkoutDraft &w, const WorkoutTotals &t) {
  auto ins = c.prepare(
      "INSERT INTO workout_exercises(workout_id, position, exercise_id, sets, reps, duration_s, rest_s) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)");
  int pos = 0;
  for (const auto &i : w.items) {
    ins->reset();
    ins->bind(1, static_cast<int64_t>(id));
    ins->bind(2, ++pos);
    ins->bind(3, static_cast<int64_t>(i.exercise_id));
    ins->bind(4, i.sets);
    bind_opt(ins, 5, i.reps);
    bind_opt(ins, 6, i.duration_s);
    ins->bind(7, i.rest_s);
    ins->exec();
  }
  auto mus = c.prepare(
      "INSERT INTO workout_muscles(muscle, workout_id, total_minutes, equip_mask) VALUES (?, ?, ?, ?)");
  for (const auto &m : muscle_list(t.muscles)) {
    mus->reset();
    mus->bind(1, m);
    mus->bind(2, static_cast<int64_t>(id));
    mus->bind(3, t.total_minutes);
    mus->bind(4, static_cast<int64_t>(t.equipment));
    mus->exec();
  }
}

}  // namespace

long long upsert_workout(Connection &c, const WorkoutDraft &w, long long now) {
  auto ex = c.prepare("SELECT met, muscle_mask, equipment FROM exercises WHERE id = ?");
  ExerciseFacts e;
  const WorkoutTotals t = totals_with(w, [&](long long id) -> const ExerciseFacts & {
    ex->reset();
    ex->bind(1, static_cast<int64_t>(id));
    if (!ex->executeStep()) missing_exercise(id);
    e = exercise_facts_from_row(ex);
    return e;
  });
  // One upsert by (source, source_key); a rerun keeps the row, its id and
  // its created_at, and replaces what the workout is made of.
  auto st = c.prepare(
      "INSERT INTO workouts(source, source_key, name, description, level, goal, muscle_mask, equip_mask, "
      "total_minutes, kcal_70kg, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT(source, source_key) WHERE source_key IS NOT NULL DO UPDATE SET name = excluded.name, "
      "description = excluded.description, level = excluded.level, goal = excluded.goal, "
      "muscle_mask = excluded.muscle_mask, equip_mask = excluded.equip_mask, "
      "total_minutes = excluded.total_minutes, kcal_70kg = excluded.kcal_70kg RETURNING id");
  bind_workout_columns(st, w, t, now);
  st->executeStep();
  const long long id = st->getColumn(0).getInt64();
  for (const char *sql : {"DELETE FROM workout_exercises WHERE workout_id = ?",
                          "DELETE FROM workout_muscles WHERE workout_id = ?"}) {
    auto del = c.prepare(sql);
    del->bind(1, static_cast<int64_t>(id));
    del->exec();
  }
  write_workout_parts(c, id, w, t);
  return id;
}

long long insert_workout(Connection &c, const WorkoutDraft &w, long long now, const Facts &facts) {
  const WorkoutTotals t = totals_with(w, [&](long long id) -> const ExerciseFacts & {
    auto it = facts.exercises.find(id);
    if (it == facts.exercises.end()) missing_exercise(id);
    return it->second;
  });
  auto st = c.prepare(
      "INSERT INTO workouts(source, source_key, name, description, level, goal, muscle_mask, equip_mask, "
      "total_minutes, kcal_70kg, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  bind_workout_columns(st, w, t, now);
  st->exec();
  const long long id = c.db().getLastInsertRowid();
  write_workout_parts(c, id, w, t);
  return id;
}

Facts load_facts(Connection &c) {
  Facts out;
  auto f = c.prepare(
      "SELECT name, kcal, protein_g, fat_g, carbs_g, fiber_g, sugar_g, sodium_mg, allergens, traits, id "
      "FROM foods");
  while (f->executeStep()) out.foods.emplace(f->getColumn(10).getInt64(), food_facts_from_row(f));
  auto e = c.prepare("SELECT met, muscle_mask, equipment, id FROM exercises");
  while (e->executeStep()) out.exercises.emplace(e->getColumn(3).getInt64(), exercise_facts_from_row(e));
  return out;
}

}  // namespace trae::catalog_store
