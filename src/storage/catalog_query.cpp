#include "storage/catalog_query.hpp"

#include "core/error.hpp"
#include "storage/sql_builder.hpp"

namespace trae::catalog_query {

RecipeSummary recipe_summary_from_row(Stmt &st) {
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

const char *const kRecipeSummaryColumns =
    "r.id, r.name, r.cuisine, r.meal_type, r.servings, r.prep_minutes, r.cook_minutes, r.kcal, r.protein_g, "
    "r.fat_g, r.carbs_g, r.fiber_g, r.sugar_g, r.sodium_mg, r.diet_tags, r.allergens, r.owner_id, "
    "r.created_at";

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

// Generic keyset/offset paging over a built query.
template <typename T, typename Row>
Result<T> run_paged(Connection &c, const std::string &select, const std::string &from, SqlBuilder b,
                    const std::string &sort_name, const SortSpec *key, const std::string &order_tail,
                    const Paging &p, const std::string &filters, Row row_fn,
                    std::function<double(const T &)> key_of, std::function<long long(const T &)> id_of,
                    std::optional<std::pair<long long, bool>> known_total = std::nullopt) {
  Result<T> out;
  std::tie(out.total, out.total_capped) = known_total ? *known_total : capped_count(c, from + b.clause(), b);
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

namespace {

// Every recipe filter but the full-text match, so that the broad search can
// run the same filters against two different MATCH expressions.
// Which numeric bounds of a recipe query keep few recipes. SQLite keeps no
// statistics on value ranges: it assumes a bound keeps a quarter of the rows
// and prefers to walk the index of the requested order. For a bound that
// keeps few recipes (a 90 g protein floor keeps about 1 in 70) that walk reads
// most of the catalog before the page fills, and the total reads all of it.
// One covering-index count, stopped at kSelectiveRows, tells; a selective
// bound then gets a likelihood() hint, and the planner drives with its index.
struct SelectiveBounds {
  bool kcal = false, protein = false, prep = false;
};
constexpr long long kSelectiveRows = 20000;

bool keeps_few(Connection &c, const char *column_test, double value) {
  auto st = c.prepare(std::string("SELECT COUNT(*) FROM (SELECT 1 FROM recipes WHERE ") + column_test +
                      " LIMIT " + std::to_string(kSelectiveRows) + ")");
  st->bind(1, value);
  st->executeStep();
  return st->getColumn(0).getInt64() < kSelectiveRows;
}

SelectiveBounds selective_bounds(Connection &c, const RecipeFilter &f) {
  SelectiveBounds s;
  if (f.max_kcal) s.kcal = keeps_few(c, "kcal <= ?", *f.max_kcal);
  if (f.min_protein_g) s.protein = keeps_few(c, "protein_g >= ?", *f.min_protein_g);
  if (f.max_prep_minutes) s.prep = keeps_few(c, "prep_minutes <= ?", *f.max_prep_minutes);
  return s;
}

std::string hinted(const std::string &test, bool selective) {
  return selective ? "likelihood(" + test + ", 0.01)" : test;
}

void add_recipe_filters(SqlBuilder &b, const RecipeFilter &f, const std::string &sort,
                        const SelectiveBounds &sel) {
  // The unary + keeps SQLite from driving the query with the owner index:
  // nearly every recipe is a catalog recipe, so it would select everything.
  if (f.viewer)
    b.where("(+r.owner_id IS NULL OR +r.owner_id = ?)", *f.viewer);
  else
    b.where("+r.owner_id IS NULL");
  if (f.meal_type) b.where("r.meal_type = ?", *f.meal_type);
  if (f.cuisine) b.where("r.cuisine = ?", *f.cuisine);
  if (f.max_kcal) b.where(hinted("r.kcal <= ?", sel.kcal), *f.max_kcal);
  if (f.min_protein_g) b.where(hinted("r.protein_g >= ?", sel.protein), *f.min_protein_g);
  if (f.max_prep_minutes)
    b.where(hinted("r.prep_minutes <= ?", sel.prep), static_cast<long long>(*f.max_prep_minutes));
  // A diet is a bit test. Spelled `!= 0` it matches the partial diet indexes,
  // which are ordered by meal type and energy: right for an energy ceiling,
  // and for an energy order within one meal type. Otherwise the other spelling
  // keeps the planner on the index of the requested order, where a page needs
  // a few dozen rows (the smallest diet still holds one recipe in eight)
  // instead of a sort of every recipe of the diet.
  const bool by_energy = (sort == "kcal" && f.meal_type) || f.max_kcal.has_value();
  if (f.diet) b.where("r.diet_tags & " + std::to_string(f.diet) + (by_energy ? " != 0" : " > 0"));
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
}

constexpr const char *kRecipeFtsFrom = "FROM recipes_fts JOIN recipes r ON r.id = recipes_fts.rowid";

// Ranking every match with bm25 costs about 3 us a match: 100-300 ms for a
// common word such as "chicken" on 300,000 recipes, whatever the page size.
// Past kTotalCap matches the ranking is in two tiers instead, each newest
// first: recipes whose name holds every term, then those that match through
// their ingredients or cuisine only. FTS5 walks its doclists in rowid order,
// so each tier stops reading as soon as the page is full.
Result<RecipeSummary> broad_recipe_search(Connection &c, const RecipeFilter &f, const SelectiveBounds &sel,
                                          const Paging &p, const std::string &filters,
                                          std::pair<long long, bool> total) {
  const long long offset = p.cursor ? checked_cursor(p, "relevance", filters).offset : p.offset();
  const std::string in_name = "{name} : (" + f.fts + ")";
  const std::string elsewhere = "(" + f.fts + ") NOT " + in_name;
  auto tier_builder = [&](const std::string &match) {
    SqlBuilder b;
    b.where("recipes_fts MATCH ?", match);
    add_recipe_filters(b, f, "relevance", sel);
    return b;
  };
  auto read_tier = [&](const std::string &match, long long off, long long n,
                       std::vector<RecipeSummary> &into) {
    SqlBuilder b = tier_builder(match);
    auto st = c.prepare(std::string("SELECT ") + kRecipeSummaryColumns + " " + kRecipeFtsFrom + b.clause() +
                        " ORDER BY recipes_fts.rowid DESC LIMIT ? OFFSET ?");
    int next = b.bind_all(st);
    st->bind(next, static_cast<int64_t>(n));
    st->bind(next + 1, static_cast<int64_t>(off));
    while (st->executeStep()) into.push_back(recipe_summary_from_row(st));
  };

  Result<RecipeSummary> out;
  std::tie(out.total, out.total_capped) = total;
  const long long want = p.limit + 1;
  read_tier(in_name, offset, want, out.items);
  const auto got = static_cast<long long>(out.items.size());
  if (got < want) {
    // The name tier ended inside this page (or before it): the page goes on
    // with the other tier, from where the name tier's matches run out.
    long long in_name_count = offset + got;
    if (got == 0 && offset > 0) {
      SqlBuilder b = tier_builder(in_name);
      auto st = c.prepare("SELECT COUNT(*) FROM (SELECT 1 " + std::string(kRecipeFtsFrom) + b.clause() +
                          " LIMIT ?)");
      st->bind(b.bind_all(st), static_cast<int64_t>(offset));
      st->executeStep();
      in_name_count = st->getColumn(0).getInt64();
    }
    read_tier(elsewhere, offset + got - in_name_count, want - got, out.items);
  }
  if (static_cast<long long>(out.items.size()) > p.limit) {
    out.items.pop_back();
    out.next_cursor = encode_cursor(Cursor{"relevance", 0, 0, offset + p.limit, filters});
  }
  return out;
}

}  // namespace

Result<RecipeSummary> search_recipes(Connection &c, const RecipeFilter &f, const Paging &p) {
  std::string sort = f.sort;
  if (sort == "relevance" && f.fts.empty()) sort = "newest";
  const SelectiveBounds sel = selective_bounds(c, f);
  std::string favorites;
  if (f.favorites_only && f.viewer)
    favorites = " JOIN favorites fav ON fav.recipe_id = r.id AND fav.user_id = " + std::to_string(*f.viewer);
  SqlBuilder b;
  std::string from = "FROM recipes r" + favorites;
  if (!f.fts.empty()) {
    from = kRecipeFtsFrom + favorites;
    b.where("recipes_fts MATCH ?", f.fts);
  }
  add_recipe_filters(b, f, sort, sel);
  const std::string filters =
      query_fingerprint(b.clause() + "|" + (f.fts) + "|" + std::to_string(f.viewer.value_or(0)));
  std::optional<std::pair<long long, bool>> total;
  if (!f.fts.empty() && !f.favorites_only) {
    total = capped_count(c, from + b.clause(), b);
    if (total->second && sort == "relevance") return broad_recipe_search(c, f, sel, p, filters, *total);
    if (total->second) {
      // Many matches in an explicit order: walk that order's index and keep
      // the recipes in the match set, rather than sorting every match.
      b = SqlBuilder();
      from = "FROM recipes r";
      b.where("r.id IN (SELECT rowid FROM recipes_fts WHERE recipes_fts MATCH ?)", f.fts);
      add_recipe_filters(b, f, sort, sel);
    }
  }
  SortSpec spec = recipe_sort(sort);
  const bool keyset = sort != "relevance";
  return run_paged<RecipeSummary>(
      c, std::string("SELECT ") + kRecipeSummaryColumns, from, b, sort, keyset ? &spec : nullptr,
      "recipes_fts.rank, r.id", p, filters, recipe_summary_from_row,
      [&](const RecipeSummary &r) {
        if (sort == "kcal") return r.n.kcal;
        if (sort == "protein") return r.n.protein_g;
        if (sort == "prep") return static_cast<double>(r.prep_minutes);
        return static_cast<double>(r.created_at);
      },
      [](const RecipeSummary &r) { return r.id; }, total);
}

bool has_own_recipes(Connection &c, long long user) {
  // INDEXED BY: ANALYZE counts NULL owners as one owner holding the whole
  // catalog, which can steer the planner into a table scan.
  auto st = c.prepare("SELECT 1 FROM recipes INDEXED BY recipes_owner WHERE owner_id = ? LIMIT 1");
  st->bind(1, static_cast<int64_t>(user));
  return st->executeStep();
}

std::optional<RecipeDetail> recipe_detail(Connection &c, long long id, std::optional<long long> viewer) {
  auto st = c.prepare(std::string("SELECT ") + kRecipeSummaryColumns +
                      ", r.description, r.steps FROM recipes r WHERE r.id = ?");
  st->bind(1, static_cast<int64_t>(id));
  if (!st->executeStep()) return std::nullopt;
  RecipeDetail d;
  d.summary = recipe_summary_from_row(st);
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
  std::string sort = f.sort;
  if (sort == "relevance" && f.fts.empty()) sort = "minutes";
  SqlBuilder b;
  std::string from = "FROM workouts w";
  // The muscle filter drives from workout_muscles, which carries each
  // workout's minutes and equipment: its covering index yields the workouts
  // of one muscle already in minutes order, filtered by equipment. It has no
  // level, so with a level the level index drives instead and tests the
  // muscle on the mask it carries (workouts_level_masks, migration 0010).
  const bool by_muscle = f.muscle && f.fts.empty() && sort == "minutes" && !f.level;
  std::string minutes_col = "w.total_minutes", id_col = "w.id", equip_col = "w.equip_mask";
  if (!f.fts.empty()) {
    from = "FROM workouts_fts JOIN workouts w ON w.id = workouts_fts.rowid";
    b.where("workouts_fts MATCH ?", f.fts);
  }
  if (by_muscle) {
    from = "FROM workout_muscles wm JOIN workouts w ON w.id = wm.workout_id";
    b.where("wm.muscle = ?", *f.muscle);
    minutes_col = "wm.total_minutes";
    id_col = "wm.workout_id";
    equip_col = "wm.equip_mask";
  } else if (f.muscle) {
    // workout_muscles holds exactly the muscles of muscle_mask (both written
    // from the workout's totals), so the bit test is the same filter, read
    // from the candidate's row or index entry instead of a probe per
    // candidate. An unknown muscle has no bit and matches nothing, as before.
    b.where("(w.muscle_mask & ?) != 0", static_cast<long long>(muscle_bit(*f.muscle)));
  }
  if (f.goal) b.where("w.goal = ?", *f.goal);
  if (f.level) b.where("w.level = ?", *f.level);
  if (f.min_minutes) b.where(minutes_col + " >= ?", static_cast<long long>(*f.min_minutes));
  if (f.max_minutes) b.where(minutes_col + " <= ?", static_cast<long long>(*f.max_minutes));
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
      b.where(equip_col + " IN (" + list + ")");
    } else {
      b.where(equip_col + " & " + std::to_string(~*f.equipment_allowed & 0xFFFF) + " = 0");
    }
  }
  const std::string filters = query_fingerprint(b.clause() + "|" + f.fts);
  std::optional<std::pair<long long, bool>> total;
  std::string relevance_order = "workouts_fts.rank, w.id";
  if (sort == "relevance") {
    // As for recipes: bm25 over more than kTotalCap matches costs more than
    // the page is worth. Workouts are searched by name alone, so past the cap
    // the matches come newest first, straight off the FTS doclists.
    total = capped_count(c, from + b.clause(), b);
    if (total->second) relevance_order = "workouts_fts.rowid DESC";
  }
  SortSpec spec =
      sort == "newest" ? SortSpec{"w.created_at", "w.id", true} : SortSpec{minutes_col, id_col, false};
  const bool keyset = sort != "relevance";
  return run_paged<WorkoutSummary>(
      c, std::string("SELECT ") + kWorkoutColumns, from, b, sort, keyset ? &spec : nullptr, relevance_order,
      p, filters, workout_from_row,
      [&](const WorkoutSummary &w) {
        return static_cast<double>(sort == "newest" ? w.created_at : w.total_minutes);
      },
      [](const WorkoutSummary &w) { return w.id; }, total);
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
  const std::string filters = query_fingerprint(b.clause() + "|" + f.fts);
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
  const std::string filters = query_fingerprint(b.clause() + "|" + f.fts);
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
