// The import commands of the real binary on the full public datasets.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "../support/server_process.hpp"

using testing::run_binary;

TEST_CASE("trae-health import: progress, counts, idempotence, usage errors") {
  const std::string data = std::string(TRAE_SOURCE_DIR) + "/../shared/data";
  auto dir = testing::make_temp_dir("import");
  auto r = run_binary({"import", "usda", data + "/usda-sr26"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("importing foods:") != std::string::npos);
  // Not a terminal: whole lines for a log, at most one per tenth, no redraws.
  CHECK(r.out.find('\r') == std::string::npos);
  CHECK(r.out.find("importing foods: 8463/8463 (100%)\n") != std::string::npos);
  CHECK(r.out.find("imported 8463 of 8463 records") != std::string::npos);
  r = run_binary({"import", "exercises", data + "/free-exercise-db/exercises.json"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("imported 873 of 873 records") != std::string::npos);
  r = run_binary({"import", "exercises", data + "/free-exercise-db/exercises.json"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 0);
  {
    SQLite::Database db(dir + "/trae.db");
    CHECK(db.execAndGet("SELECT COUNT(*) FROM foods").getInt() == 8463);
    CHECK(db.execAndGet("SELECT COUNT(*) FROM exercises").getInt() == 873);
  }
  CHECK(run_binary({"import"}, {{"DATA_DIR", dir}}).exit_code == 2);
  CHECK(run_binary({"import", "recipes", "x"}, {{"DATA_DIR", dir}}).exit_code == 2);
  r = run_binary({"import", "usda", dir + "/nowhere"}, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("cannot read") != std::string::npos);
  CHECK(run_binary({"import", "--help"}).out.find("idempotent") != std::string::npos);

  // A server on this database keeps the imported catalog and adds the starter set.
  testing::ServerProcess server({{"DATA_DIR", dir}});
  testing::Api api(server);
  auto foods = api.get("/api/v1/foods?q=butter&limit=5");
  CHECK(foods.status == 200);
  CHECK(foods.json["total"].get<int>() > 10);
  CHECK(api.get("/api/v1/foods?q=butter&limit=100").body.find("\"source\":\"usda\"") != std::string::npos);
  CHECK(api.get("/api/v1/nutrition-data/recipes").json["total"].get<int>() >= 300);
  server.stop();
  std::filesystem::remove_all(dir);
}
