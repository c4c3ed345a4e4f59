#include "app/importers.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "build/embedded.hpp"
#include "core/catalog.hpp"
#include "core/enums.hpp"
#include "core/error.hpp"
#include "storage/catalog_store.hpp"

namespace trae {
namespace {

// ABBREV.txt columns, in file order (see shared data README).
const std::vector<std::string> kAbbrevFields = {
    "NDB_No",         "Shrt_Desc",     "Water_g",       "Energ_Kcal",    "Protein_g",      "Lipid_Tot_g",
    "Ash_g",          "Carbohydrt_g",  "Fiber_TD_g",    "Sugar_Tot_g",   "Calcium_mg",     "Iron_mg",
    "Magnesium_mg",   "Phosphorus_mg", "Potassium_mg",  "Sodium_mg",     "Zinc_mg",        "Copper_mg",
    "Manganese_mg",   "Selenium_ug",   "Vit_C_mg",      "Thiamin_mg",    "Riboflavin_mg",  "Niacin_mg",
    "Panto_Acid_mg",  "Vit_B6_mg",     "Folate_Tot_ug", "Folic_Acid_ug", "Food_Folate_ug", "Folate_DFE_ug",
    "Choline_Tot_mg", "Vit_B12_ug",    "Vit_A_IU",      "Vit_A_RAE",     "Retinol_ug",     "Alpha_Carot_ug",
    "Beta_Carot_ug",  "Beta_Crypt_ug", "Lycopene_ug",   "Lut+Zea_ug",    "Vit_E_mg",       "Vit_D_ug",
    "Vit_D_IU",       "Vit_K_ug",      "FA_Sat_g",      "FA_Mono_g",     "FA_Poly_g",      "Cholestrl_mg",
    "GmWt_1",         "GmWt_Desc1",    "GmWt_2",        "GmWt_Desc2",    "Refuse_Pct"};

std::vector<std::string> read_lines(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::invalid, "cannot read " + path, "path");
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
  }
  return lines;
}

// An empty field is unknown; anything else must be a number.
bool parse_number(const std::string &s, std::optional<double> &out) {
  if (s.empty()) {
    out.reset();
    return true;
  }
  try {
    std::size_t used = 0;
    double v = std::stod(s, &used);
    if (used != s.size() || !std::isfinite(v)) return false;
    out = v;
    return true;
  } catch (const std::exception &) {
    return false;
  }
}

std::string base_name(const std::string &path) {
  auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

void tick(const Progress &p, const std::string &what, long long done, long long total) {
  if (p && (done == total || done % 1000 == 0)) p(what, done, total);
}

std::optional<std::string> opt_string(const nlohmann::json &j, const char *k) {
  if (!j.contains(k) || j[k].is_null()) return std::nullopt;
  if (!j[k].is_string()) throw std::runtime_error(std::string(k) + " must be a string");
  return j[k].get<std::string>();
}

std::vector<std::string> string_list(const nlohmann::json &j, const char *k) {
  std::vector<std::string> out;
  if (!j.contains(k) || j[k].is_null()) return out;
  if (!j[k].is_array()) throw std::runtime_error(std::string(k) + " must be a list");
  for (const auto &v : j[k]) {
    if (!v.is_string()) throw std::runtime_error(std::string(k) + " must hold strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

int line_of(const std::string &text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
}

// Parses one exercise object into a row; throws std::runtime_error with a reason.
catalog_store::ExerciseRow exercise_from_json(const nlohmann::json &j, const std::string &source) {
  if (!j.is_object()) throw std::runtime_error("entry is not an object");
  catalog_store::ExerciseRow e;
  e.source = source;
  auto key = opt_string(j, source == "seed" ? "key" : "id");
  auto name = opt_string(j, "name");
  if (!key || key->empty()) throw std::runtime_error("missing id");
  if (!name || name->empty()) throw std::runtime_error("missing name");
  e.source_key = *key;
  e.name = *name;
  e.category = opt_string(j, "category").value_or("strength");
  e.level = opt_string(j, "level").value_or("beginner");
  if (!is_one_of(levels(), e.level)) throw std::runtime_error("unknown level '" + e.level + "'");
  e.force = opt_string(j, "force");
  e.mechanic = opt_string(j, "mechanic");
  e.equipment = opt_string(j, "equipment").value_or("body only");
  if (!is_one_of(equipment_kinds(), e.equipment))
    throw std::runtime_error("unknown equipment '" + e.equipment + "'");
  e.primary_muscles = string_list(j, source == "seed" ? "primary_muscles" : "primaryMuscles");
  e.secondary_muscles = string_list(j, source == "seed" ? "secondary_muscles" : "secondaryMuscles");
  for (const auto &m : e.primary_muscles)
    if (!muscle_bit(m)) throw std::runtime_error("unknown muscle '" + m + "'");
  for (const auto &m : e.secondary_muscles)
    if (!muscle_bit(m)) throw std::runtime_error("unknown muscle '" + m + "'");
  e.instructions = string_list(j, "instructions");
  e.met = default_met(e.category);
  if (j.contains("met")) {
    if (!j["met"].is_number() || j["met"].get<double>() <= 0 || j["met"].get<double>() > 25)
      throw std::runtime_error("met must be a number from 0 to 25");
    e.met = j["met"].get<double>();
  }
  return e;
}

// Applies `fn` to each element of a JSON array text, reporting bad elements
// as FILE:LINE problems.
void for_each_json_element(const std::string &text, const std::string &file, ImportReport &report,
                           const std::function<void(const nlohmann::json &)> &fn, const Progress &progress,
                           const std::string &what) {
  auto offsets = json_array_element_offsets(text);
  if (offsets.empty() && text.find('[') == std::string::npos) {
    report.problems.push_back(file + ":1: not a JSON array");
    return;
  }
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    std::size_t end = i + 1 < offsets.size() ? offsets[i + 1] : text.rfind(']');
    std::string chunk = text.substr(offsets[i], end - offsets[i]);
    // Drop the separating comma that ends this element's chunk.
    auto last = chunk.find_last_not_of(" \t\r\n");
    if (last != std::string::npos && chunk[last] == ',') chunk.erase(last);
    ++report.read;
    auto j = nlohmann::json::parse(chunk, nullptr, false);
    try {
      if (j.is_discarded()) throw std::runtime_error("malformed JSON");
      fn(j);
      ++report.written;
    } catch (const std::exception &e) {
      report.problems.push_back(file + ":" + std::to_string(line_of(text, offsets[i])) + ": " + e.what());
    }
    tick(progress, what, static_cast<long long>(i + 1), static_cast<long long>(offsets.size()));
  }
}

}  // namespace

std::vector<std::string> split_usda_line(const std::string &line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '\r') continue;
    if (c == '~')
      quoted = !quoted;
    else if (c == '^' && !quoted) {
      out.push_back(cur);
      cur.clear();
    } else
      cur += c;
  }
  out.push_back(cur);
  return out;
}

std::vector<std::size_t> json_array_element_offsets(const std::string &text) {
  std::vector<std::size_t> out;
  int depth = 0;
  bool in_string = false, escaped = false, expect_element = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (depth == 1 && expect_element && c != ']') {
      out.push_back(i);
      expect_element = false;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth == 1 && c == '[') expect_element = true;
    } else if (c == ']' || c == '}')
      --depth;
    else if (c == ',' && depth == 1)
      expect_element = true;
  }
  return out;
}

ImportReport import_usda(Database &db, const std::string &dir, const Clock &clock, const Progress &progress) {
  ImportReport report;
  const auto groups = read_lines(dir + "/FD_GROUP.txt");
  const auto descs = read_lines(dir + "/FOOD_DES.txt");
  const auto abbrev = read_lines(dir + "/ABBREV.txt");
  const auto weights = read_lines(dir + "/WEIGHT.txt");
  long long now = clock.now();

  db.write([&](Connection &c) {
    std::map<std::string, std::string> known_groups;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (groups[i].empty()) continue;
      auto f = split_usda_line(groups[i]);
      if (f.size() != 2 || f[0].size() != 4) {
        report.problems.push_back("FD_GROUP.txt:" + std::to_string(i + 1) +
                                  ": expected 2 fields (code, description)");
        continue;
      }
      catalog_store::upsert_food_group(c, f[0], f[1]);
      known_groups[f[0]] = f[1];
    }
    // NDB number -> (group, long description)
    std::map<std::string, std::pair<std::string, std::string>> names;
    for (std::size_t i = 0; i < descs.size(); ++i) {
      if (descs[i].empty()) continue;
      auto f = split_usda_line(descs[i]);
      if (f.size() < 4 || f[0].size() != 5) {
        report.problems.push_back("FOOD_DES.txt:" + std::to_string(i + 1) + ": expected at least 4 fields");
        continue;
      }
      if (!known_groups.count(f[1])) {
        report.problems.push_back("FOOD_DES.txt:" + std::to_string(i + 1) + ": unknown food group '" + f[1] +
                                  "'");
        continue;
      }
      names[f[0]] = {f[1], f[2]};
    }
    std::map<std::string, long long> ids;
    for (std::size_t i = 0; i < abbrev.size(); ++i) {
      if (abbrev[i].empty()) continue;
      const std::string where = "ABBREV.txt:" + std::to_string(i + 1) + ": ";
      auto f = split_usda_line(abbrev[i]);
      ++report.read;
      if (f.size() != kAbbrevFields.size()) {
        report.problems.push_back(where + "expected 53 fields, found " + std::to_string(f.size()));
        continue;
      }
      auto it = names.find(f[0]);
      if (it == names.end()) {
        report.problems.push_back(where + "food " + f[0] + " is not in FOOD_DES.txt");
        continue;
      }
      catalog_store::FoodRow row;
      row.source = "usda";
      row.source_key = f[0];
      row.group_code = it->second.first;
      row.name = it->second.second;
      nlohmann::json all = nlohmann::json::object();
      bool ok = true;
      std::vector<std::optional<double>> values(f.size());
      for (std::size_t k = 2; k < 48 && ok; ++k) {
        if (!parse_number(f[k], values[k])) {
          report.problems.push_back(where + kAbbrevFields[k] + " is not a number: '" + f[k] + "'");
          ok = false;
        } else if (values[k]) {
          all[kAbbrevFields[k]] = *values[k];
        }
      }
      if (!ok) continue;
      row.n = {values[3], values[4], values[5], values[7], values[8], values[9], values[15]};
      row.nutrients_json = all.dump();
      ids[f[0]] = catalog_store::upsert_food(c, row, now);
      ++report.written;
      tick(progress, "foods", static_cast<long long>(i + 1), static_cast<long long>(abbrev.size()));
    }
    // Household measures, grouped by food.
    std::map<long long, std::vector<catalog_store::Measure>> measures;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (weights[i].empty()) continue;
      auto f = split_usda_line(weights[i]);
      const std::string where = "WEIGHT.txt:" + std::to_string(i + 1) + ": ";
      std::optional<double> amount, grams;
      if (f.size() < 5 || !parse_number(f[2], amount) || !parse_number(f[4], grams) || !amount || !grams ||
          *grams <= 0) {
        report.problems.push_back(where + "expected NDB_No, Seq, Amount, Msre_Desc and a positive Gm_Wgt");
        continue;
      }
      auto id = ids.find(f[0]);
      if (id == ids.end()) continue;  // its food was skipped or is unknown
      std::ostringstream label;
      label << *amount << " " << f[3];
      measures[id->second].push_back({label.str(), *grams});
    }
    long long done = 0;
    for (const auto &[food, list] : measures) {
      catalog_store::replace_measures(c, food, list);
      tick(progress, "measures", ++done, static_cast<long long>(measures.size()));
    }
  });
  return report;
}

ImportReport import_exercises(Database &db, const std::string &file, const Clock &clock,
                              const Progress &progress) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorCode::invalid, "cannot read " + file, "path");
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  ImportReport report;
  long long now = clock.now();
  db.write([&](Connection &c) {
    for_each_json_element(
        text, base_name(file), report,
        [&](const nlohmann::json &j) {
          catalog_store::upsert_exercise(c, exercise_from_json(j, "free-exercise-db"), now);
        },
        progress, "exercises");
  });
  return report;
}

}  // namespace trae
