// `trae-health seed` through the real binary: progress, summary, refusal of a
// second run, usage errors, and a server on the seeded database that lets a
// seeded user sign in and see their health data and meal plans.
#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include "../support/server_process.hpp"

using testing::run_binary;

TEST_CASE("trae-health seed: a tiny dataset, served") {
  auto dir = testing::make_temp_dir("seed");
  const std::vector<std::string> tiny = {"seed", "--users",      "12", "--recipes",     "100", "--workouts",
                                         "100",  "--meal-plans", "30", "--health-days", "5",   "--seed",
                                         "11"};
  auto r = run_binary(tiny, {{"DATA_DIR", dir}});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("seed: users") != std::string::npos);
  CHECK(r.out.find("meal_plans") != std::string::npos);
  CHECK(r.out.find("file size") != std::string::npos);
  {
    SQLite::Database db(dir + "/trae.db");
    CHECK(db.execAndGet("SELECT count(*) FROM users").getInt() == 12);
    CHECK(db.execAndGet("SELECT count(*) FROM meal_plans").getInt() == 30);
  }
  // A second run would mix two datasets: refused, nothing written.
  r = run_binary(tiny, {{"DATA_DIR", dir}});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("already holds 12 users") != std::string::npos);
  CHECK(run_binary({"seed", "--users", "many"}, {{"DATA_DIR", dir}}).exit_code == 2);
  CHECK(run_binary({"seed", "--help"}).out.find("seed.trae.example") != std::string::npos);

  testing::ServerProcess server({{"DATA_DIR", dir}});
  testing::Api api(server);
  auto login = api.post("/api/v1/auth/login",
                        {{"email", "user00012@seed.trae.example"}, {"password", "seed-demo-password"}});
  REQUIRE(login.status == 200);
  const std::string token = login.json["access_token"];
  auto plans = api.get("/api/v1/meal-plans", token);
  CHECK(plans.status == 200);
  CHECK(plans.json["total"].get<int>() >= 1);
  auto dash = api.get("/api/v1/dashboard", token);
  CHECK(dash.status == 200);
  server.stop();
  std::filesystem::remove_all(dir);
}
