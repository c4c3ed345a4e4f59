// Importers for the standard public datasets and our own starter set.
// Each is idempotent (rows are matched by their source key and updated), runs
// in one transaction (all or nothing), skips malformed lines with a report
// naming the file and line, and reports progress as it goes.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "storage/database.hpp"

namespace trae {

struct ImportReport {
  int read = 0;                       // records seen
  int written = 0;                    // inserted or updated
  std::vector<std::string> problems;  // "FILE:LINE: reason"
};

// Called with (what, done, total) now and then.
using Progress = std::function<void(const std::string &, long long, long long)>;

// USDA SR (release 26 layout): FD_GROUP, FOOD_DES, ABBREV and WEIGHT in `dir`.
ImportReport import_usda(Database &db, const std::string &dir, const Clock &clock, const Progress &progress);
// free-exercise-db's exercises.json.
ImportReport import_exercises(Database &db, const std::string &file, const Clock &clock,
                              const Progress &progress);

// The curated starter set (seed/ in the source tree, compiled into the
// binary): foods, exercises, workouts and recipes.
struct SeedFiles {
  std::string foods_csv, exercises_json, workouts_json, recipes_json;
};
SeedFiles embedded_seed_files();
ImportReport load_starter_set(Database &db, const SeedFiles &files, const Clock &clock,
                              const Progress &progress);
// True once the starter set's foods are in the database.
bool starter_set_loaded(Database &db);

// Splits one '^'-separated USDA line; '~' quotes text. CR is ignored.
std::vector<std::string> split_usda_line(const std::string &line);
// Byte offsets of the elements of a top-level JSON array (for line numbers).
std::vector<std::size_t> json_array_element_offsets(const std::string &text);

}  // namespace trae
