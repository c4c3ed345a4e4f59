// The real binary over HTTPS: every health route, tried with a second user's
// token, answers 404 and changes nothing; the dashboard sees the owner's logs.
#include <doctest/doctest.h>

#include <ctime>

#include "../support/server_process.hpp"
#include "core/calendar.hpp"

using nlohmann::json;
using testing::Api;
using testing::ServerProcess;

namespace {

std::string sign_up(Api &api, const std::string &email) {
  std::string token = api.sign_up(email, "correct-horse-battery", "Health");
  REQUIRE(!token.empty());
  return token;
}

}  // namespace

TEST_CASE("health logs are owner-only over HTTPS") {
  const std::string secret = "integration-secret-0123456789abcdef";
  ServerProcess server({{"JWT_SECRET", secret}});
  Api api(server);
  const std::string owner = sign_up(api, "owner@example.com");
  const std::string intruder = sign_up(api, "intruder@example.com");

  const long long now = static_cast<long long>(std::time(nullptr));
  const std::string an_hour_ago = trae::format_instant(now - 3600, 3600);
  const std::string start = trae::format_instant(now - 8 * 3600, 3600);
  const std::string today = trae::local_date(now, 0);
  auto foods = api.get("/api/v1/foods?limit=1");
  auto workouts = api.get("/api/v1/nutrition-data/workouts?limit=1");
  REQUIRE(foods.json["items"].size() == 1);
  REQUIRE(workouts.json["items"].size() == 1);
  const std::vector<std::pair<std::string, json>> bodies{
      {"weights", {{"weight_kg", 72.5}, {"measured_at", an_hour_ago}}},
      {"measurements", {{"waist_cm", 80}, {"measured_at", an_hour_ago}}},
      {"water", {{"ml", 250}, {"logged_at", an_hour_ago}}},
      {"sleep", {{"start", start}, {"end", an_hour_ago}, {"quality", 4}}},
      {"steps", {{"date", today}, {"count", 1234}}},
      {"heart-rate", {{"bpm", 64}, {"measured_at", an_hour_ago}}},
      {"food-log",
       {{"food_id", foods.json["items"][0]["id"]},
        {"grams", 120},
        {"meal_slot", "lunch"},
        {"logged_at", an_hour_ago}}},
      {"workout-log",
       {{"workout_id", workouts.json["items"][0]["id"]},
        {"duration_minutes", 30},
        {"performed_at", an_hour_ago}}},
  };
  for (const auto &kv : bodies) {
    const std::string kind = kv.first;
    const json body = kv.second;
    CAPTURE(kind);
    const std::string base = "/api/v1/health/" + kind;
    auto created = api.post(base, body, owner);
    INFO(created.body);
    REQUIRE(created.status == 201);
    const std::string item = base + "/" + std::to_string(created.json["id"].get<long long>());
    auto before = api.get(base, owner);

    auto put = api.put(item, body, intruder);
    CHECK(put.status == 404);
    CHECK(put.error_code() == "not_found");
    CHECK(api.del(item, intruder).status == 404);
    auto seen = api.get(base, intruder);
    CHECK(seen.status == 200);
    CHECK(seen.json["total"] == 0);
    CHECK(api.get(base).status == 401);

    CHECK(api.get(base, owner).json == before.json);
  }
  auto mine = api.get("/api/v1/dashboard", owner);
  REQUIRE(mine.status == 200);
  CHECK(mine.json["weight"]["latest_kg"] == 72.5);
  auto theirs = api.get("/api/v1/dashboard", intruder);
  CHECK(theirs.json["weight"]["latest_kg"].is_null());
  CHECK(theirs.json["streaks"]["longest"] == 0);
  CHECK(api.get("/api/v1/actions/progress-summary?days=7", intruder).json["days"].size() == 7);
  CHECK(api.get("/api/v1/actions/nutrition-summary?days=7").status == 401);
}
