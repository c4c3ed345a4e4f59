// Loads the curated starter set (seed/), compiled into the binary.
#include <map>
#include <nlohmann/json.hpp>

#include "app/importers.hpp"
#include "build/embedded.hpp"
#include "core/catalog.hpp"
#include "core/error.hpp"
#include "storage/catalog_store.hpp"

namespace trae {
namespace {

// The standard USDA food group names, for the codes seed foods use.
const std::map<std::string, std::string> kGroupNames = {{"0100", "Dairy and Egg Products"},
                                                        {"0200", "Spices and Herbs"},
                                                        {"0300", "Baby Foods"},
                                                        {"0400", "Fats and Oils"},
                                                        {"0500", "Poultry Products"},
                                                        {"0600", "Soups, Sauces, and Gravies"},
                                                        {"0700", "Sausages and Luncheon Meats"},
                                                        {"0800", "Breakfast Cereals"},
                                                        {"0900", "Fruits and Fruit Juices"},
                                                        {"1000", "Pork Products"},
                                                        {"1100", "Vegetables and Vegetable Products"},
                                                        {"1200", "Nut and Seed Products"},
                                                        {"1300", "Beef Products"},
                                                        {"1400", "Beverages"},
                                                        {"1500", "Finfish and Shellfish Products"},
                                                        {"1600", "Legumes and Legume Products"},
                                                        {"1700", "Lamb, Veal, and Game Products"},
                                                        {"1800", "Baked Products"},
                                                        {"1900", "Sweets"},
                                                        {"2000", "Cereal Grains and Pasta"},
                                                        {"2100", "Fast Foods"},
                                                        {"2200", "Meals, Entrees, and Side Dishes"},
                                                        {"2500", "Snacks"},
                                                        {"3500", "American Indian/Alaska Native Foods"},
                                                        {"3600", "Restaurant Foods"}};

// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
std::vector<std::vector<std::string>> parse_csv(const std::string &text, std::vector<int> &line_numbers) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  int line = 1, row_line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(field);
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(field);
      field.clear();
      if (!(row.size() == 1 && row[0].empty())) {
        rows.push_back(row);
        line_numbers.push_back(row_line);
      }
      row.clear();
      row_line = ++line;
    } else {
      field += c;
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(field);
    rows.push_back(row);
    line_numbers.push_back(row_line);
  }
  return rows;
}

std::optional<double> number_or_unknown(const std::string &s) {
  if (s.empty()) return std::nullopt;
  std::size_t used = 0;
  double v = std::stod(s, &used);
  if (used != s.size()) throw std::runtime_error("'" + s + "' is not a number");
  return v;
}

std::string text_of(std::string_view name) {
  for (const auto &f : embedded_seed())
    if (name == f.name) return std::string(f.text());
  return {};
}

}  // namespace

SeedFiles embedded_seed_files() {
  return {text_of("foods.csv"), text_of("exercises.json"), text_of("workouts.json"), text_of("recipes.json")};
}

bool starter_set_loaded(Database &db) {
  bool loaded = false;
  db.read([&](Connection &c) {
    auto st = c.prepare("SELECT 1 FROM foods WHERE source = 'seed' LIMIT 1");
    loaded = st->executeStep();
  });
  return loaded;
}

ImportReport load_starter_set(Database &db, const SeedFiles &files, const Clock &clock,
                              const Progress &progress) {
  ImportReport report;
  long long now = clock.now();
  db.write([&](Connection &c) {
    for (const auto &[code, name] : kGroupNames) catalog_store::upsert_food_group(c, code, name);

    // Foods.
    std::vector<int> lines;
    auto rows = parse_csv(files.foods_csv, lines);
    if (rows.empty()) throw Error(ErrorCode::invalid, "the starter set has no foods");
    const auto &header = rows[0];
    auto col = [&](const std::string &name) {
      auto it = std::find(header.begin(), header.end(), name);
      if (it == header.end()) throw Error(ErrorCode::invalid, "foods.csv has no column " + name);
      return static_cast<std::size_t>(it - header.begin());
    };
    const std::size_t key = col("key"), name = col("name"), group = col("group"), kcal = col("kcal"),
                      protein = col("protein_g"), fat = col("fat_g"), carbs = col("carbs_g"),
                      fiber = col("fiber_g"), sugar = col("sugar_g"), sodium = col("sodium_mg"),
                      measures = col("measures");
    std::map<std::string, long long> food_ids;
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto &r = rows[i];
      ++report.read;
      try {
        if (r.size() != header.size())
          throw std::runtime_error("expected " + std::to_string(header.size()) + " fields");
        if (!kGroupNames.count(r[group])) throw std::runtime_error("unknown food group " + r[group]);
        catalog_store::FoodRow f;
        f.source = "seed";
        f.source_key = r[key];
        f.name = r[name];
        f.group_code = r[group];
        f.n = {number_or_unknown(r[kcal]),  number_or_unknown(r[protein]), number_or_unknown(r[fat]),
               number_or_unknown(r[carbs]), number_or_unknown(r[fiber]),   number_or_unknown(r[sugar]),
               number_or_unknown(r[sodium])};
        nlohmann::json all = nlohmann::json::object();
        for (std::size_t k = 0; k < header.size(); ++k) {
          if (k == key || k == name || k == group || k == measures) continue;
          if (auto v = number_or_unknown(r[k])) all[header[k]] = *v;
        }
        f.nutrients_json = all.dump();
        long long id = catalog_store::upsert_food(c, f, now);
        std::vector<catalog_store::Measure> ms;
        std::size_t start = 0;
        const std::string &m = r[measures];
        while (start < m.size()) {
          auto end = m.find(';', start);
          if (end == std::string::npos) end = m.size();
          auto pair = m.substr(start, end - start);
          auto eq = pair.rfind('=');
          if (eq == std::string::npos) throw std::runtime_error("measure '" + pair + "' is not label=grams");
          ms.push_back({pair.substr(0, eq), *number_or_unknown(pair.substr(eq + 1))});
          start = end + 1;
        }
        catalog_store::replace_measures(c, id, ms);
        food_ids[f.source_key] = id;
        ++report.written;
      } catch (const std::exception &e) {
        report.problems.push_back("foods.csv:" + std::to_string(lines[i]) + ": " + e.what());
      }
      if (progress && (i == rows.size() - 1 || i % 100 == 0))
        progress("starter foods", static_cast<long long>(i), static_cast<long long>(rows.size() - 1));
    }

    // Exercises.
    std::map<std::string, long long> exercise_ids;
    auto exercises = nlohmann::json::parse(files.exercises_json);
    long long n = 0;
    for (const auto &j : exercises) {
      ++report.read;
      auto row = [&] {
        catalog_store::ExerciseRow e;
        e.source = "seed";
        e.source_key = j.at("key").get<std::string>();
        e.name = j.at("name").get<std::string>();
        e.category = j.at("category").get<std::string>();
        e.level = j.at("level").get<std::string>();
        if (j.contains("force") && j["force"].is_string()) e.force = j["force"].get<std::string>();
        if (j.contains("mechanic") && j["mechanic"].is_string())
          e.mechanic = j["mechanic"].get<std::string>();
        e.equipment = j.at("equipment").get<std::string>();
        e.primary_muscles = j.at("primary_muscles").get<std::vector<std::string>>();
        e.secondary_muscles = j.value("secondary_muscles", std::vector<std::string>{});
        e.instructions = j.at("instructions").get<std::vector<std::string>>();
        e.met = j.contains("met") ? j["met"].get<double>() : default_met(e.category);
        return e;
      }();
      exercise_ids[row.source_key] = catalog_store::upsert_exercise(c, row, now);
      ++report.written;
      if (progress) progress("starter exercises", ++n, static_cast<long long>(exercises.size()));
    }

    // Workouts.
    auto workouts = nlohmann::json::parse(files.workouts_json);
    n = 0;
    for (const auto &j : workouts) {
      ++report.read;
      catalog_store::WorkoutDraft w;
      w.source = "seed";
      w.source_key = j.at("key").get<std::string>();
      w.name = j.at("name").get<std::string>();
      w.description = j.value("description", "");
      w.level = j.at("level").get<std::string>();
      w.goal = j.at("goal").get<std::string>();
      bool ok = true;
      for (const auto &x : j.at("exercises")) {
        auto id = exercise_ids.find(x.at("exercise").get<std::string>());
        if (id == exercise_ids.end()) {
          report.problems.push_back("workouts.json: " + *w.source_key + ": unknown exercise " +
                                    x.at("exercise").get<std::string>());
          ok = false;
          break;
        }
        catalog_store::WorkoutDraft::Item item{id->second, x.at("sets").get<int>(), std::nullopt,
                                               std::nullopt, x.value("rest_s", 0)};
        if (x.contains("reps")) item.reps = x["reps"].get<int>();
        if (x.contains("duration_s")) item.duration_s = x["duration_s"].get<int>();
        w.items.push_back(item);
      }
      if (!ok) continue;
      catalog_store::upsert_workout(c, w, now);
      ++report.written;
      if (progress) progress("starter workouts", ++n, static_cast<long long>(workouts.size()));
    }

    // Recipes.
    auto recipes = nlohmann::json::parse(files.recipes_json);
    n = 0;
    for (const auto &j : recipes) {
      ++report.read;
      catalog_store::RecipeDraft r;
      r.source = "seed";
      r.source_key = j.at("key").get<std::string>();
      r.name = j.at("name").get<std::string>();
      r.description = j.value("description", "");
      r.cuisine = j.at("cuisine").get<std::string>();
      r.meal_type = j.at("meal_type").get<std::string>();
      r.servings = j.at("servings").get<int>();
      r.prep_minutes = j.value("prep_minutes", 0);
      r.cook_minutes = j.value("cook_minutes", 0);
      r.steps = j.value("steps", std::vector<std::string>{});
      bool ok = true;
      for (const auto &x : j.at("ingredients")) {
        auto id = food_ids.find(x.at("food").get<std::string>());
        if (id == food_ids.end()) {
          report.problems.push_back("recipes.json: " + *r.source_key + ": unknown food " +
                                    x.at("food").get<std::string>());
          ok = false;
          break;
        }
        r.ingredients.push_back({id->second, x.at("grams").get<double>()});
      }
      if (!ok) continue;
      catalog_store::upsert_catalog_recipe(c, r, now);
      ++report.written;
      if (progress && (n % 50 == 0 || n + 1 == static_cast<long long>(recipes.size())))
        progress("starter recipes", n + 1, static_cast<long long>(recipes.size()));
      ++n;
    }
  });
  return report;
}

}  // namespace trae
