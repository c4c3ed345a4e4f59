// Meal and workout plans against the real binary over HTTPS, on the starter
// set it loads at start: generate, read back, swap, delete.
#include <doctest/doctest.h>

#include <cmath>

#include "../support/server_process.hpp"

using testing::Api;
using testing::ServerProcess;

TEST_CASE("meal plan generate, get, swap and delete over HTTPS") {
  const std::string secret = "integration-secret-0123456789abcdef";
  ServerProcess server({{"JWT_SECRET", secret}});
  Api api(server);
  std::string tok = api.sign_up("plans-it@example.com", "correct-horse-battery", "P");
  REQUIRE(!tok.empty());

  auto gen = api.post(
      "/api/v1/actions/generate-meal-plan",
      {{"days", 7}, {"meals_per_day", 3}, {"target_kcal", 2000}, {"diet", "vegetarian"}, {"seed", 11}}, tok);
  REQUIRE(gen.status == 201);
  REQUIRE(gen.json["days"].size() == 7);
  for (const auto &d : gen.json["days"]) {
    long long kcal = 0;
    for (const auto &m : d["meals"]) kcal += m["nutrition"]["kcal"].get<long long>();
    CHECK(d["totals"]["kcal"].get<long long>() == kcal);
  }
  CHECK(!gen.json["grocery_list"].empty());
  const std::string url = "/api/v1/meal-plans/" + std::to_string(gen.json["id"].get<long long>());

  auto got = api.get(url, tok);
  CHECK(got.status == 200);
  CHECK(got.json == gen.json);

  auto swap = api.post(url + "/swap", {{"day", 2}, {"slot", "dinner"}}, tok);
  REQUIRE(swap.status == 200);
  CHECK(swap.json["days"][1]["meals"][2]["recipe_id"] != gen.json["days"][1]["meals"][2]["recipe_id"]);
  CHECK(std::abs(swap.json["days"][1]["totals"]["kcal"].get<double>() - 2000) <= 100);

  auto list = api.get("/api/v1/meal-plans", tok);
  CHECK(list.status == 200);
  CHECK(list.json["total"] == 1);

  CHECK(api.post("/api/v1/actions/generate-meal-plan", {{"invalid", "data"}}, tok).status == 422);
  CHECK(api.del(url, tok).status == 204);
  CHECK(api.get(url, tok).status == 404);

  auto wp = api.post("/api/v1/actions/generate-workout-plan",
                     {{"days_per_week", 3}, {"minutes_per_session", 40}}, tok);
  CHECK(wp.status == 201);
  CHECK(wp.json["days"].size() == 3);
  auto reco = api.get("/api/v1/actions/workout-recommendations?limit=3", tok);
  CHECK(reco.status == 200);
  CHECK(reco.json["items"].size() <= 3);
}
