// Importers against the full public datasets in ../shared/data, plus
// malformed input. The datasets are read where they lie, never copied.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "../support/temp_db.hpp"
#include "app/importers.hpp"
#include "core/catalog.hpp"

using namespace trae;
using testing::TempDb;

namespace {
const std::string kData = std::string(TRAE_SOURCE_DIR) + "/../shared/data";

long long count(Database &db, const std::string &sql) {
  long long n = 0;
  db.read([&](Connection &c) {
    SQLite::Statement st(c.db(), sql);
    st.executeStep();
    n = st.getColumn(0).getInt64();
  });
  return n;
}
}  // namespace

TEST_CASE("USDA SR26: every food, every group, spot values, unknowns stay unknown") {
  TempDb t;
  ManualClock clock(1795669693);
  long long progress_calls = 0;
  auto report = import_usda(*t.db, kData + "/usda-sr26", clock,
                            [&](const std::string &, long long done, long long total) {
                              CHECK(done <= total);
                              ++progress_calls;
                            });
  CHECK(report.problems.empty());
  CHECK(report.written == 8463);
  CHECK(progress_calls > 5);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM foods") == 8463);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM food_groups") == 25);
  CHECK(count(*t.db, "SELECT COUNT(DISTINCT group_code) FROM foods") == 25);
  t.db->read([](Connection &c) {
    SQLite::Statement butter(
        c.db(), "SELECT name, kcal, fat_g, allergens, group_code FROM foods WHERE source_key = '01001'");
    REQUIRE(butter.executeStep());
    CHECK(butter.getColumn(0).getString() == "Butter, salted");
    CHECK(butter.getColumn(1).getDouble() == 717);
    CHECK(butter.getColumn(2).getDouble() == doctest::Approx(81.11));
    CHECK((butter.getColumn(3).getInt64() & allergen_bit("dairy")) != 0);
    CHECK(butter.getColumn(4).getString() == "0100");
    SQLite::Statement measures(
        c.db(),
        "SELECT COUNT(*) FROM food_measures m JOIN foods f ON f.id = m.food_id WHERE f.source_key = '01001'");
    measures.executeStep();
    CHECK(measures.getColumn(0).getInt() >= 3);
  });
  // Every nutrient that is blank in the file is NULL in the table, never 0.
  long long blanks_in_file = 0;
  {
    std::ifstream in(kData + "/usda-sr26/ABBREV.txt");
    std::string line;
    while (std::getline(in, line)) {
      auto f = split_usda_line(line);
      if (f.size() > 8 && f[8].empty()) ++blanks_in_file;  // Fiber_TD_g
    }
  }
  CHECK(blanks_in_file > 0);
  // And the full nutrient record leaves the unknown out rather than writing 0.
  CHECK(count(*t.db,
              "SELECT COUNT(*) FROM foods WHERE fiber_g IS NULL AND json_extract(nutrients, '$.Fiber_TD_g') "
              "IS NOT NULL") == 0);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM foods WHERE fiber_g IS NULL") == blanks_in_file);

  // A rerun updates in place and duplicates nothing.
  auto again = import_usda(*t.db, kData + "/usda-sr26", clock, nullptr);
  CHECK(again.written == 8463);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM foods") == 8463);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM foods_fts WHERE foods_fts MATCH 'butter'") > 10);
}

TEST_CASE("free-exercise-db: all 873 exercises, idempotent") {
  TempDb t;
  ManualClock clock(1795669693);
  auto report = import_exercises(*t.db, kData + "/free-exercise-db/exercises.json", clock, nullptr);
  CHECK(report.problems.empty());
  CHECK(report.written == 873);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM exercises") == 873);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM exercise_muscles") > 873);
  import_exercises(*t.db, kData + "/free-exercise-db/exercises.json", clock, nullptr);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM exercises") == 873);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM exercises WHERE met <= 0") == 0);
}

TEST_CASE("malformed lines are reported with file and line, and skipped") {
  TempDb t;
  ManualClock clock(1795669693);
  auto dir = testing::make_temp_dir("usda-bad");
  auto write = [&](const std::string &name, const std::string &text) {
    std::ofstream(dir + "/" + name) << text;
  };
  std::string pad(43, '^');  // pads a 10-field prefix out to 53 fields
  write("FD_GROUP.txt", "~0100~^~Dairy and Egg Products~\r\n~bad~\r\n");
  write("FOOD_DES.txt",
        "~90001~^~0100~^~Test cheese, mild~^~CHEESE~\r\n~90002~^~0100~^~Test milk~^~MILK~\r\n"
        "~90003~^~9999~^~Orphan~^~X~\r\n");
  write("ABBREV.txt",
        "~90001~^~CHEESE~^40^400^25^33^4^1^^0.5" + pad +
            "\r\n"  // good: 53 fields, fiber blank
            "~90002~^~MILK~^88^abc^3^3^1^5^0^5" +
            pad +
            "\r\n"                      // bad number
            "~90003~^~ORPHAN~^1^2\r\n"  // too few fields
            "~90009~^~NOT IN DES~^40^400^25^33^4^1^^0.5" +
            pad + "\r\n");
  write("WEIGHT.txt", "~90001~^1^1^~slice~^28^^\r\n~90001~^2^x^~cup~^^\r\n");
  auto r = import_usda(*t.db, dir, clock, nullptr);
  CHECK(r.written == 1);
  REQUIRE(r.problems.size() == 6);
  CHECK(r.problems[0] == "FD_GROUP.txt:2: expected 2 fields (code, description)");
  CHECK(r.problems[1] == "FOOD_DES.txt:3: unknown food group '9999'");
  CHECK(r.problems[2] == "ABBREV.txt:2: Energ_Kcal is not a number: 'abc'");
  CHECK(r.problems[3] == "ABBREV.txt:3: expected 53 fields, found 4");
  CHECK(r.problems[4] == "ABBREV.txt:4: food 90009 is not in FOOD_DES.txt");
  CHECK(r.problems[5].rfind("WEIGHT.txt:2:", 0) == 0);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM foods WHERE fiber_g IS NULL AND kcal = 400") == 1);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM food_measures") == 1);

  // Exercises: a bad element is named by its line.
  std::ofstream(dir + "/ex.json")
      << "[\n  {\"id\": \"a\", \"name\": \"Good\", \"level\": \"beginner\", \"primaryMuscles\": "
         "[\"chest\"]},\n"
         "  {\"id\": \"b\", \"level\": \"beginner\"},\n"
         "  {\"id\": \"c\", \"name\": \"Bad level\", \"level\": \"godlike\"},\n"
         "  {\"id\": \"d\", \"name\": \"Bad muscle\", \"primaryMuscles\": [\"wings\"]},\n"
         "  {\"id\": \"e\", \"name\": \"Bad json\" \"x\": 1}\n]\n";
  auto e = import_exercises(*t.db, dir + "/ex.json", clock, nullptr);
  CHECK(e.written == 1);
  REQUIRE(e.problems.size() == 4);
  CHECK(e.problems[0] == "ex.json:3: missing name");
  CHECK(e.problems[1] == "ex.json:4: unknown level 'godlike'");
  CHECK(e.problems[2] == "ex.json:5: unknown muscle 'wings'");
  CHECK(e.problems[3] == "ex.json:6: malformed JSON");
  CHECK_THROWS(import_usda(*t.db, dir + "/missing", clock, nullptr));
  std::filesystem::remove_all(dir);
}

TEST_CASE("the starter set loads whole, and a reload duplicates nothing") {
  TempDb t;
  ManualClock clock(1795669693);
  CHECK_FALSE(starter_set_loaded(*t.db));
  auto r = load_starter_set(*t.db, embedded_seed_files(), clock, nullptr);
  CHECK(r.problems.empty());
  CHECK(starter_set_loaded(*t.db));
  CHECK(count(*t.db, "SELECT COUNT(*) FROM foods") >= 150);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM exercises") >= 100);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM recipes") >= 300);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM workouts") >= 50);
  CHECK(count(*t.db,
              "SELECT COUNT(*) FROM foods f WHERE NOT EXISTS (SELECT 1 FROM food_measures m WHERE m.food_id "
              "= f.id)") == 0);
  auto recipes = count(*t.db, "SELECT COUNT(*) FROM recipes");
  load_starter_set(*t.db, embedded_seed_files(), clock, nullptr);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM recipes") == recipes);
  CHECK(count(*t.db, "SELECT COUNT(*) FROM recipes_fts") == recipes);
  // Every meal type has vegan and gluten-free choices for the planner.
  for (const char *meal : {"breakfast", "lunch", "dinner", "snack"}) {
    CAPTURE(meal);
    CHECK(count(*t.db, std::string("SELECT COUNT(*) FROM recipes WHERE meal_type = '") + meal +
                           "' AND diet_tags & 2") >= 10);
    CHECK(count(*t.db, std::string("SELECT COUNT(*) FROM recipes WHERE meal_type = '") + meal +
                           "' AND diet_tags & 32") >= 10);
  }
}

TEST_CASE("USDA line splitting and JSON element offsets") {
  CHECK(split_usda_line("~90001~^~TEST CHEESE,MILD~^40.00^400\r") ==
        std::vector<std::string>{"90001", "TEST CHEESE,MILD", "40.00", "400"});
  CHECK(split_usda_line("~a^b~^") == std::vector<std::string>{"a^b", ""});
  auto offs = json_array_element_offsets("[ {\"a\": \"x]}\"}, [1,2], 3 ]");
  REQUIRE(offs.size() == 3);
  CHECK(offs[0] == 2);
  CHECK(json_array_element_offsets("[]").empty());
}
