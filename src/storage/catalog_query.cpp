#include "storage/catalog_query.hpp"

#include "core/error.hpp"
#include "storage/sql_builder.hpp"

namespace trae::catalog_query {
namespace {

using V = SqlBuilder::Value;

// Counts matches up to the cap: an exact count of a broad filter over a
// large catalog would read every matching row.
std::pair<long long, bool> capped_count(Connection &c, const std::string &from_where, const SqlBuilder &b) {
  auto st = c.prepare("SELECT COUNT(*) FROM (SELECT 1 " + from_where + " LIMIT " +
                      std::to_string(kTotalCap + 1) + ")");
  b.bind_all(st);
  st->executeStep();
  long long n = st->getColumn(0).getInt64();
  return {std::min(n, kTotalCap), n > kTotalCap};
}

std::string fingerprint(const std::string &s) {
  // FNV-1a: enough to tell a cursor from another query's.
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : s) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  return std::to_string(h % 1000000007ULL);
}

Cursor checked_cursor(const Paging &p, const std::string &sort, const std::string &filters) {
  auto cur = decode_cursor(*p.cursor);
  if (!cur || cur->sort != sort || cur->filters != filters)
    throw invalid("cursor", "cursor does not belong to this query; start again without it");
  return *cur;
}

struct SortSpec {
  std::string column;     // qualified sort column
  std::string id_column;  // qualified id column, the tie-breaker
  bool desc;
};

SortSpec recipe_sort(const std::string &sort) {
  if (sort == "kcal") return {"r.kcal", "r.id", false};
  if (sort == "protein") return {"r.protein_g", "r.id", true};
  if (sort == "prep") return {"r.prep_minutes", "r.id", false};
  return {"r.created_at", "r.id", true};  // newest
}

RecipeSummary recipe_from_row(Stmt &st) {
  RecipeSummary r;
  r.id = st->getColumn(0).getInt64();
  r.name = st->getColumn(1).getString();
  r.cuisine = st->getColumn(2).getString();
  r.meal_type = st->getColumn(3).getString();
  r.servings = st->getColumn(4).getInt();
  r.prep_minutes = st->getColumn(5).getInt();
  r.cook_minutes = st->getColumn(6).getInt();
  r.n.kcal = st->getColumn(7).getDouble();
  r.n.protein_g = st->getColumn(8).getDouble();
  r.n.fat_g = st->getColumn(9).getDouble();
  r.n.carbs_g = st->getColumn(10).getDouble();
  r.n.fiber_g = st->getColumn(11).getDouble();
  r.n.sugar_g = st->getColumn(12).getDouble();
  r.n.sodium_mg = st->getColumn(13).getDouble();
  r.diet_tags = static_cast<Mask>(st->getColumn(14).getInt64());
  r.allergens = static_cast<Mask>(st->getColumn(15).getInt64());
  if (!st->getColumn(16).isNull()) r.owner_id = st->getColumn(16).getInt64();
  r.created_at = st->getColumn(17).getInt64();
  return r;
}

constexpr const char *kRecipeColumns =
    "r.id, r.name, r.cuisine, r.meal_type, r.servings, r.prep_minutes, r.cook_minutes, r.kcal, r.protein_g, "
    "r.fat_g, r.carbs_g, r.fiber_g, r.sugar_g, r.sodium_mg, r.diet_tags, r.allergens, r.owner_id, "
    "r.created_at";

// Generic keyset/offset paging over a built query.
template <typename T, typename Row>
Result<T> run_paged(Connection &c, const std::string &select, const std::string &from, SqlBuilder b,
                    const std::string &sort_name, const SortSpec *key, const std::string &order_tail,
                    const Paging &p, const std::string &filters, Row row_fn,
                    std::function<double(const T &)> key_of, std::function<long long(const T &)> id_of) {
  Result<T> out;
  std::tie(out.total, out.total_capped) = capped_count(c, from + b.clause(), b);
  long long offset = 0;
  if (p.cursor) {
    Cursor cur = checked_cursor(p, sort_name, filters);
    if (key) {
      std::string clause = "(";
      clause.append(key->column)
          .append(", ")
          .append(key->id_column)
          .append(key->desc ? ") < (?, ?)" : ") > (?, ?)");
      b.where(clause, cur.value, cur.id);
    } else {
      offset = cur.offset;
    }
  } else {
    offset = p.offset();
  }
  std::string order = order_tail;
  if (key) {
    const char *dir = key->desc ? " DESC" : " ASC";
    order = key->column;
    order.append(dir).append(", ").append(key->id_column).append(dir);
  }
  auto st = c.prepare(select + " " + from + b.clause() + " ORDER BY " + order + " LIMIT ? OFFSET ?");
  int next = b.bind_all(st);
  st->bind(next, p.limit + 1);
  st->bind(next + 1, static_cast<int64_t>(offset));
  while (st->executeStep()) out.items.push_back(row_fn(st));
  if (static_cast<int>(out.items.size()) > p.limit) {
    out.items.pop_back();
    Cursor n{sort_name, 0, 0, 0, filters};
    if (key) {
      n.value = key_of(out.items.back());
      n.id = id_of(out.items.back());
    } else {
      n.offset = offset + p.limit;
    }
    out.next_cursor = encode_cursor(n);
  }
  return out;
}

}  // namespace

Result<RecipeSummary> search_recipes(Connection &c, const RecipeFilter &f, const Paging &p) {
  SqlBuilder b;
  std::string from = "FROM recipes r";
  if (!f.fts.empty()) {
    from = "FROM recipes_fts JOIN recipes r ON r.id = recipes_fts.rowid";
    b.where("recipes_fts MATCH ?", f.fts);
  }
  if (f.favorites_only && f.viewer) {
    from += " JOIN favorites fav ON fav.recipe_id = r.id AND fav.user_id = " + std::to_string(*f.viewer);
  }
  // The unary + keeps SQLite from driving the query with the owner index:
  // nearly every recipe is a catalog recipe, so it would select everything.
  if (f.viewer)
    b.where("(+r.owner_id IS NULL OR +r.owner_id = ?)", *f.viewer);
  else
    b.where("+r.owner_id IS NULL");
  if (f.meal_type) b.where("r.meal_type = ?", *f.meal_type);
  if (f.cuisine) b.where("r.cuisine = ?", *f.cuisine);
  if (f.max_kcal) b.where("r.kcal <= ?", *f.max_kcal);
  if (f.min_protein_g) b.where("r.protein_g >= ?", *f.min_protein_g);
  if (f.max_prep_minutes) b.where("r.prep_minutes <= ?", static_cast<long long>(*f.max_prep_minutes));
  // Bit tests are written with literal masks so they match the partial indexes.
  if (f.diet) b.where("r.diet_tags & " + std::to_string(f.diet) + " != 0");
  if (f.exclude_allergens) b.where("r.allergens & " + std::to_string(f.exclude_allergens) + " = 0");
  if (!f.exclude_foods.empty()) {
    std::string list;
    for (auto id : f.exclude_foods) {
      if (!list.empty()) list += ',';
      list += std::to_string(id);
    }
    b.where("NOT EXISTS (SELECT 1 FROM recipe_ingredients ri WHERE ri.recipe_id = r.id AND ri.food_id IN (" +
            list + "))");
  }

  std::string sort = f.sort;
  if (sort == "relevance" && f.fts.empty()) sort = "newest";
  const std::string filters =
      fingerprint(b.clause() + "|" + (f.fts) + "|" + std::to_string(f.viewer.value_or(0)));
  SortSpec spec = recipe_sort(sort);
  const bool keyset = sort != "relevance";
  return run_paged<RecipeSummary>(
      c, std::string("SELECT ") + kRecipeColumns, from, b, sort, keyset ? &spec : nullptr,
      "recipes_fts.rank, r.id", p, filters, recipe_from_row,
      [&](const RecipeSummary &r) {
        if (sort == "kcal") return r.n.kcal;
        if (sort == "protein") return r.n.protein_g;
        if (sort == "prep") return static_cast<double>(r.prep_minutes);
        return static_cast<double>(r.created_at);
      },
      [](const RecipeSummary &r) { return r.id; });
}

std::optional<RecipeDetail> recipe_detail(Connection &c, long long id, std::optional<long long> viewer) {
  auto st = c.prepare(std::string("SELECT ") + kRecipeColumns +
                      ", r.description, r.steps FROM recipes r WHERE r.id = ?");
  st->bind(1, static_cast<int64_t>(id));
  if (!st->executeStep()) return std::nullopt;
  RecipeDetail d;
  d.summary = recipe_from_row(st);
  if (d.summary.owner_id && d.summary.owner_id != viewer) return std::nullopt;
  d.description = st->getColumn(18).getString();
  auto steps = nlohmann::json::parse(st->getColumn(19).getString(), nullptr, false);
  if (steps.is_array())
    for (const auto &s : steps)
      if (s.is_string()) d.steps.push_back(s.get<std::string>());
  auto ing = c.prepare(
      "SELECT ri.food_id, f.name, ri.grams FROM recipe_ingredients ri JOIN foods f ON f.id = ri.food_id "
      "WHERE ri.recipe_id = ? ORDER BY ri.position");
  ing->bind(1, static_cast<int64_t>(id));
  while (ing->executeStep())
    d.ingredients.push_back(
        {ing->getColumn(0).getInt64(), ing->getColumn(1).getString(), ing->getColumn(2).getDouble()});
  if (viewer) {
    auto fav = c.prepare("SELECT 1 FROM favorites WHERE user_id = ? AND recipe_id = ?");
    fav->bind(1, static_cast<int64_t>(*viewer));
    fav->bind(2, static_cast<int64_t>(id));
    d.favorite = fav->executeStep();
  }
  return d;
}

namespace {

WorkoutSummary workout_from_row(Stmt &st) {
  WorkoutSummary w;
  w.id = st->getColumn(0).getInt64();
  w.name = st->getColumn(1).getString();
  w.description = st->getColumn(2).getString();
  w.level = st->getColumn(3).getString();
  w.goal = st->getColumn(4).getString();
  w.muscles = static_cast<Mask>(st->getColumn(5).getInt64());
  w.equipment = static_cast<Mask>(st->getColumn(6).getInt64());
  w.total_minutes = st->getColumn(7).getInt();
  w.kcal_70kg = st->getColumn(8).getDouble();
  w.created_at = st->getColumn(9).getInt64();
  return w;
}

constexpr const char *kWorkoutColumns =
    "w.id, w.name, w.description, w.level, w.goal, w.muscle_mask, w.equip_mask, w.total_minutes, "
    "w.kcal_70kg, "
    "w.created_at";

// Every mask whose bits are all inside `allowed` (the equipment a person has).
std::vector<long long> submasks(Mask allowed) {
  std::vector<long long> out;
  for (Mask s = allowed;; s = (s - 1) & allowed) {
    out.push_back(s);
    if (s == 0) break;
  }
  return out;
}

}  // namespace

Result<WorkoutSummary> search_workouts(Connection &c, const WorkoutFilter &f, const Paging &p) {
  SqlBuilder b;
  std::string from = "FROM workouts w";
  if (!f.fts.empty()) {
    from = "FROM workouts_fts JOIN workouts w ON w.id = workouts_fts.rowid";
    b.where("workouts_fts MATCH ?", f.fts);
  }
  if (f.muscle) b.where("w.id IN (SELECT workout_id FROM workout_muscles WHERE muscle = ?)", *f.muscle);
  if (f.goal) b.where("w.goal = ?", *f.goal);
  if (f.level) b.where("w.level = ?", *f.level);
  if (f.min_minutes) b.where("w.total_minutes >= ?", static_cast<long long>(*f.min_minutes));
  if (f.max_minutes) b.where("w.total_minutes <= ?", static_cast<long long>(*f.max_minutes));
  if (f.equipment_allowed) {
    // A workout fits when everything it needs is in the allowed set: list the
    // (few) fitting masks so the equip_mask index answers it.
    auto masks = submasks(*f.equipment_allowed);
    if (masks.size() <= 64) {
      std::string list;
      for (auto m : masks) {
        if (!list.empty()) list += ',';
        list += std::to_string(m);
      }
      b.where("w.equip_mask IN (" + list + ")");
    } else {
      b.where("w.equip_mask & " + std::to_string(~*f.equipment_allowed & 0xFFFF) + " = 0");
    }
  }
  std::string sort = f.sort;
  if (sort == "relevance" && f.fts.empty()) sort = "minutes";
  SortSpec spec =
      sort == "newest" ? SortSpec{"w.created_at", "w.id", true} : SortSpec{"w.total_minutes", "w.id", false};
  const std::string filters = fingerprint(b.clause() + "|" + f.fts);
  const bool keyset = sort != "relevance";
  return run_paged<WorkoutSummary>(
      c, std::string("SELECT ") + kWorkoutColumns, from, b, sort, keyset ? &spec : nullptr,
      "workouts_fts.rank, w.id", p, filters, workout_from_row,
      [&](const WorkoutSummary &w) {
        return static_cast<double>(sort == "newest" ? w.created_at : w.total_minutes);
      },
      [](const WorkoutSummary &w) { return w.id; });
}

std::optional<WorkoutDetail> workout_detail(Connection &c, long long id) {
  auto st = c.prepare(std::string("SELECT ") + kWorkoutColumns + " FROM workouts w WHERE w.id = ?");
  st->bind(1, static_cast<int64_t>(id));
  if (!st->executeStep()) return std::nullopt;
  WorkoutDetail d;
  d.summary = workout_from_row(st);
  auto ex = c.prepare(
      "SELECT we.exercise_id, e.name, we.sets, we.reps, we.duration_s, we.rest_s, e.primary_muscles, "
      "e.equipment "
      "FROM workout_exercises we JOIN exercises e ON e.id = we.exercise_id WHERE we.workout_id = ? ORDER BY "
      "we.position");
  ex->bind(1, static_cast<int64_t>(id));
  while (ex->executeStep()) {
    WorkoutExerciseView v;
    v.exercise_id = ex->getColumn(0).getInt64();
    v.name = ex->getColumn(1).getString();
    v.sets = ex->getColumn(2).getInt();
    if (!ex->getColumn(3).isNull()) v.reps = ex->getColumn(3).getInt();
    if (!ex->getColumn(4).isNull()) v.duration_s = ex->getColumn(4).getInt();
    v.rest_s = ex->getColumn(5).getInt();
    auto m = nlohmann::json::parse(ex->getColumn(6).getString(), nullptr, false);
    if (m.is_array())
      for (const auto &x : m) v.primary_muscles.push_back(x.get<std::string>());
    v.equipment = ex->getColumn(7).getString();
    d.exercises.push_back(v);
  }
  return d;
}

namespace {

nlohmann::json exercise_row(Stmt &st, bool full) {
  nlohmann::json j = {{"id", st->getColumn(0).getInt64()},
                      {"name", st->getColumn(1).getString()},
                      {"category", st->getColumn(2).getString()},
                      {"level", st->getColumn(3).getString()},
                      {"equipment", st->getColumn(4).getString()},
                      {"primary_muscles", nlohmann::json::parse(st->getColumn(5).getString())},
                      {"secondary_muscles", nlohmann::json::parse(st->getColumn(6).getString())},
                      {"met", st->getColumn(7).getDouble()}};
  if (full) {
    j["force"] =
        st->getColumn(8).isNull() ? nlohmann::json(nullptr) : nlohmann::json(st->getColumn(8).getString());
    j["mechanic"] =
        st->getColumn(9).isNull() ? nlohmann::json(nullptr) : nlohmann::json(st->getColumn(9).getString());
    j["instructions"] = nlohmann::json::parse(st->getColumn(10).getString());
  }
  return j;
}

constexpr const char *kExerciseColumns =
    "e.id, e.name, e.category, e.level, e.equipment, e.primary_muscles, e.secondary_muscles, e.met, e.force, "
    "e.mechanic, e.instructions";

}  // namespace

Result<nlohmann::json> search_exercises(Connection &c, const ExerciseFilter &f, const Paging &p) {
  SqlBuilder b;
  std::string from = "FROM exercises e";
  if (!f.fts.empty()) {
    from = "FROM exercises_fts JOIN exercises e ON e.id = exercises_fts.rowid";
    b.where("exercises_fts MATCH ?", f.fts);
  }
  if (f.muscle) b.where("e.id IN (SELECT exercise_id FROM exercise_muscles WHERE muscle = ?)", *f.muscle);
  if (f.equipment) b.where("e.equipment = ?", *f.equipment);
  if (f.level) b.where("e.level = ?", *f.level);
  if (f.category) b.where("e.category = ?", *f.category);
  const std::string filters = fingerprint(b.clause() + "|" + f.fts);
  const std::string order = f.fts.empty() ? "e.name, e.id" : "exercises_fts.rank, e.id";
  return run_paged<nlohmann::json>(
      c, std::string("SELECT ") + kExerciseColumns, from, b, "name", nullptr, order, p, filters,
      [](Stmt &st) { return exercise_row(st, false); }, [](const nlohmann::json &) { return 0.0; },
      [](const nlohmann::json &j) { return j["id"].get<long long>(); });
}

std::optional<nlohmann::json> exercise_detail(Connection &c, long long id) {
  auto st = c.prepare(std::string("SELECT ") + kExerciseColumns + " FROM exercises e WHERE e.id = ?");
  st->bind(1, static_cast<int64_t>(id));
  if (!st->executeStep()) return std::nullopt;
  return exercise_row(st, true);
}

namespace {

nlohmann::json opt_num(const SQLite::Column &c) {
  return c.isNull() ? nlohmann::json(nullptr) : nlohmann::json(c.getDouble());
}

nlohmann::json food_row(Stmt &st) {
  return {{"id", st->getColumn(0).getInt64()},
          {"name", st->getColumn(1).getString()},
          {"group", st->getColumn(2).getString()},
          {"group_name", st->getColumn(3).getString()},
          {"kcal_per_100g", opt_num(st->getColumn(4))},
          {"protein_g", opt_num(st->getColumn(5))},
          {"fat_g", opt_num(st->getColumn(6))},
          {"carbs_g", opt_num(st->getColumn(7))},
          {"allergens", allergen_names(static_cast<Mask>(st->getColumn(8).getInt64()))},
          {"source", st->getColumn(9).getString()}};
}

constexpr const char *kFoodColumns =
    "f.id, f.name, f.group_code, g.name, f.kcal, f.protein_g, f.fat_g, f.carbs_g, f.allergens, f.source";

}  // namespace

Result<nlohmann::json> search_foods(Connection &c, const FoodFilter &f, const Paging &p) {
  SqlBuilder b;
  std::string from = "FROM foods f JOIN food_groups g ON g.code = f.group_code";
  if (!f.fts.empty()) {
    from =
        "FROM foods_fts JOIN foods f ON f.id = foods_fts.rowid JOIN food_groups g ON g.code = f.group_code";
    b.where("foods_fts MATCH ?", f.fts);
  }
  if (f.group) b.where("f.group_code = ?", *f.group);
  const std::string filters = fingerprint(b.clause() + "|" + f.fts);
  // Our curated foods first: they are the ones people mean most often.
  const std::string order = f.fts.empty() ? "f.name, f.id" : "(f.source = 'seed') DESC, foods_fts.rank, f.id";
  return run_paged<nlohmann::json>(
      c, std::string("SELECT ") + kFoodColumns, from, b, "name", nullptr, order, p, filters, food_row,
      [](const nlohmann::json &) { return 0.0; },
      [](const nlohmann::json &j) { return j["id"].get<long long>(); });
}

std::optional<nlohmann::json> food_detail(Connection &c, long long id) {
  auto st = c.prepare(std::string("SELECT ") + kFoodColumns +
                      ", f.fiber_g, f.sugar_g, f.sodium_mg, f.nutrients, f.traits FROM foods f "
                      "JOIN food_groups g ON g.code = f.group_code WHERE f.id = ?");
  st->bind(1, static_cast<int64_t>(id));
  if (!st->executeStep()) return std::nullopt;
  nlohmann::json j = food_row(st);
  j["fiber_g"] = opt_num(st->getColumn(10));
  j["sugar_g"] = opt_num(st->getColumn(11));
  j["sodium_mg"] = opt_num(st->getColumn(12));
  j["nutrients_per_100g"] = nlohmann::json::parse(st->getColumn(13).getString(), nullptr, false);
  FoodClass cls{static_cast<Mask>(st->getColumn(8).getInt64()),
                static_cast<Mask>(st->getColumn(14).getInt64())};
  j["suitable_for"] = diet_names(food_diet_tags(cls));
  auto m = c.prepare("SELECT label, grams FROM food_measures WHERE food_id = ? ORDER BY seq");
  m->bind(1, static_cast<int64_t>(id));
  nlohmann::json measures = nlohmann::json::array();
  while (m->executeStep())
    measures.push_back({{"label", m->getColumn(0).getString()}, {"grams", m->getColumn(1).getDouble()}});
  j["measures"] = measures;
  return j;
}

}  // namespace trae::catalog_query
