// Health logs, the dashboard and the chart series through Api::handle, on the
// starter catalog.
#include <doctest/doctest.h>

#include <cmath>

#include "../support/app_fixture.hpp"
#include "../support/query_plan.hpp"
#include "../support/temp_dir.hpp"
#include "app/importers.hpp"
#include "core/calculator.hpp"
#include "core/calendar.hpp"
#include "storage/health_store.hpp"

using nlohmann::json;
using testing::AppFixture;

namespace {

const std::string H = "/api/v1/health/";

struct HealthFixture : AppFixture {
  HealthFixture() { trae::load_starter_set(*tdb.db, trae::embedded_seed_files(), clock, nullptr); }

  // One row of a query as doubles.
  std::vector<double> row(const std::string &sql) {
    std::vector<double> out;
    tdb.db->read([&](trae::Connection &c) {
      SQLite::Statement st(c.db(), sql);
      REQUIRE(st.executeStep());
      for (int i = 0; i < st.getColumnCount(); ++i) out.push_back(st.getColumn(i).getDouble());
    });
    return out;
  }
  long long count(const std::string &sql) { return static_cast<long long>(row(sql).at(0)); }
  json add(const std::string &kind, const json &body, const std::string &tok, int status = 201) {
    auto r = post(H + kind, body, tok);
    INFO(kind << " " << body.dump() << " -> " << r.raw.body);
    REQUIRE(r.status == status);
    return r.json;
  }
};

// A valid body for each kind (ids of the starter catalog filled in).
std::vector<std::pair<std::string, json>> sample_bodies(HealthFixture &f) {
  long long food = f.count("SELECT min(id) FROM foods WHERE kcal IS NOT NULL");
  long long workout = f.count("SELECT min(id) FROM workouts");
  return {
      {"weights", {{"weight_kg", 80.5}, {"measured_at", "2026-11-25T07:00:00+01:00"}}},
      {"measurements",
       {{"waist_cm", 84}, {"body_fat_pct", 18.5}, {"measured_at", "2026-11-25T07:00:00+01:00"}}},
      {"water", {{"ml", 300}, {"logged_at", "2026-11-25T09:00:00+01:00"}}},
      {"sleep",
       {{"start", "2026-11-24T23:00:00+01:00"}, {"end", "2026-11-25T06:30:00+01:00"}, {"quality", 3}}},
      {"steps", {{"date", "2026-11-25"}, {"count", 5000}}},
      {"heart-rate", {{"bpm", 58}, {"resting", true}, {"measured_at", "2026-11-25T07:00:00+01:00"}}},
      {"food-log",
       {{"food_id", food},
        {"grams", 100},
        {"meal_slot", "lunch"},
        {"logged_at", "2026-11-25T12:00:00+01:00"}}},
      {"workout-log",
       {{"workout_id", workout}, {"duration_minutes", 30}, {"performed_at", "2026-11-25T18:00:00+01:00"}}},
  };
}

}  // namespace

TEST_CASE("every log kind: create, list by range, replace, delete") {
  HealthFixture f;
  auto tok = f.signup("logs@example.com");
  for (const auto &kv : sample_bodies(f)) {
    const std::string kind = kv.first;
    const json body = kv.second;
    CAPTURE(kind);
    auto created = f.add(kind, body, tok);
    long long id = created["id"];
    CHECK(created["date"] == "2026-11-25");
    auto list = f.get(H + kind + "?from=2026-11-25&to=2026-11-25", tok);
    REQUIRE(list.status == 200);
    CHECK(list.json["total"] == 1);
    CHECK(list.json["items"][0]["id"] == id);
    for (const char *key : {"items", "page", "limit", "total", "total_capped", "next_cursor"})
      CHECK(list.json.contains(key));
    CHECK(f.get(H + kind + "?from=2026-11-26", tok).json["total"] == 0);
    auto again = f.put(H + kind + "/" + std::to_string(id), body, tok);
    CHECK(again.status == 200);
    CHECK(again.json["id"] == id);
    CHECK(f.call("DELETE", H + kind + "/" + std::to_string(id), {}, tok).status == 204);
    CHECK(f.call("DELETE", H + kind + "/" + std::to_string(id), {}, tok).status == 404);
    CHECK(f.get(H + kind, tok).json["total"] == 0);
  }
  CHECK(f.get(H + "weights").status == 401);
  CHECK(f.get(H + "weights?from=2026-11-26&to=2026-11-25", f.signup("x@example.com")).error_field() ==
        "from");
  CHECK(f.get(H + "weights?from=26.11.2026", tok).error_field() == "from");
}

TEST_CASE("entries read back with the fields the web app uses") {
  HealthFixture f;
  auto tok = f.signup("shape@example.com");
  auto w = f.add("weights", {{"weight_kg", 64.6}, {"measured_at", "2026-11-26T08:30:00+01:00"}}, tok);
  CHECK(w["weight_kg"] == 64.6);
  CHECK(w["measured_at"] == "2026-11-26T07:30:00Z");  // shown in the profile's zone (UTC here)
  auto s = f.add("sleep",
                 {{"start", "2026-11-25T23:00:00Z"}, {"end", "2026-11-26T06:15:00Z"}, {"quality", 4}}, tok);
  CHECK(s["minutes"] == 435);
  CHECK(s["quality"] == 4);
  CHECK(s["start"] == "2026-11-25T23:00:00Z");
  CHECK(s["end"] == "2026-11-26T06:15:00Z");
  auto hr = f.add("heart-rate", {{"bpm", 61}, {"measured_at", "2026-11-26T05:00:00Z"}}, tok);
  CHECK(hr["resting"] == false);
  auto st = f.add("steps", {{"date", "2026-11-26"}, {"count", 4000}}, tok);
  CHECK(st["count"] == 4000);
  // A second count for the same day replaces the first.
  auto st2 = f.add("steps", {{"date", "2026-11-26"}, {"count", 6400}}, tok, 200);
  CHECK(st2["id"] == st["id"]);
  CHECK(f.get(H + "steps", tok).json["total"] == 1);
  auto other = f.add("steps", {{"date", "2026-11-25"}, {"count", 10}}, tok);
  auto clash = f.put(H + "steps/" + std::to_string(other["id"].get<long long>()),
                     {{"date", "2026-11-26"}, {"count", 1}}, tok);
  CHECK(clash.status == 409);
}

TEST_CASE("human ranges, zones and unknown fields are 422s naming the field") {
  HealthFixture f;
  auto tok = f.signup("ranges@example.com");
  struct Case {
    std::string kind;
    json body;
    std::string field;
  };
  const std::string t = "2026-11-26T05:00:00Z";
  std::vector<Case> cases{
      {"weights", {{"weight_kg", 19.9}, {"measured_at", t}}, "weight_kg"},
      {"weights", {{"weight_kg", 400.1}, {"measured_at", t}}, "weight_kg"},
      {"weights", {{"weight_kg", 70}, {"measured_at", "2026-11-26T05:00:00"}}, "measured_at"},
      {"weights", {{"weight_kg", 70}, {"measured_at", "2026-11-27T05:08:14Z"}}, "measured_at"},
      {"weights", {{"weight_kg", 70}, {"measured_at", t}, {"note", "x"}}, "note"},
      {"heart-rate", {{"bpm", 24}, {"measured_at", t}}, "bpm"},
      {"heart-rate", {{"bpm", 251}, {"measured_at", t}}, "bpm"},
      {"steps", {{"date", "2026-11-26"}, {"count", 200001}}, "count"},
      {"steps", {{"date", "2026-11-26"}, {"count", -1}}, "count"},
      {"steps", {{"date", "2026-11-28"}, {"count", 10}}, "date"},
      {"sleep", {{"start", "2026-11-24T05:00:00Z"}, {"end", "2026-11-25T05:01:00Z"}}, "end"},
      {"sleep", {{"start", "2026-11-25T05:00:00Z"}, {"end", "2026-11-25T04:00:00Z"}}, "end"},
      {"sleep",
       {{"start", "2026-11-25T05:00:00Z"}, {"end", "2026-11-25T06:00:00Z"}, {"quality", 6}},
       "quality"},
      {"water", {{"ml", 0}, {"logged_at", t}}, "ml"},
      {"measurements", {{"measured_at", t}}, "waist_cm"},
      {"food-log", {{"grams", 10}, {"meal_slot", "lunch"}, {"logged_at", t}}, "food_id"},
      {"food-log",
       {{"food_id", 1}, {"recipe_id", 1}, {"grams", 10}, {"meal_slot", "lunch"}, {"logged_at", t}},
       "recipe_id"},
      {"food-log", {{"food_id", 1}, {"grams", 10}, {"meal_slot", "brunch"}, {"logged_at", t}}, "meal_slot"},
      {"food-log",
       {{"food_id", 99999999}, {"grams", 10}, {"meal_slot", "lunch"}, {"logged_at", t}},
       "food_id"},
      {"workout-log", {{"duration_minutes", 20}, {"performed_at", t}}, "name"},
      {"workout-log", {{"name", "Run"}, {"duration_minutes", 20}, {"rpe", 11}, {"performed_at", t}}, "rpe"},
      {"workout-log",
       {{"name", "Lift"},
        {"duration_minutes", 20},
        {"performed_at", t},
        {"exercises", {{{"sets", 3}, {"reps", 5}}}}},
       "exercises[0].exercise_id"},
  };
  for (const auto &c : cases) {
    auto r = f.post(H + c.kind, c.body, tok);
    INFO(c.kind << " " << c.body.dump() << " -> " << r.raw.body);
    CHECK(r.status == 422);
    CHECK(r.error_field() == c.field);
  }
  // At most 24 h of sleep for one day, counting every entry of that day.
  f.add("sleep", {{"start", "2026-11-24T20:00:00Z"}, {"end", "2026-11-25T16:00:00Z"}}, tok);  // 20 h
  auto more = f.post(H + "sleep", {{"start", "2026-11-25T17:00:00Z"}, {"end", "2026-11-25T23:00:00Z"}}, tok);
  CHECK(more.error_field() == "end");
  for (const char *kind :
       {"weights", "heart-rate", "steps", "water", "measurements", "food-log", "workout-log"})
    CHECK(f.get(H + kind, tok).json["total"] == 0);
  CHECK(f.get(H + "sleep", tok).json["total"] == 1);
}

TEST_CASE("another user's entries are 404 for every route, and unchanged") {
  HealthFixture f;
  auto owner = f.signup("owner@example.com");
  auto intruder = f.signup("intruder@example.com");
  for (const auto &kv : sample_bodies(f)) {
    const std::string kind = kv.first;
    const json body = kv.second;
    CAPTURE(kind);
    auto created = f.add(kind, body, owner);
    const std::string item = H + kind + "/" + std::to_string(created["id"].get<long long>());
    CHECK(f.put(item, body, intruder).status == 404);
    CHECK(f.call("DELETE", item, {}, intruder).status == 404);
    CHECK(f.get(H + kind, intruder).json["total"] == 0);
    auto mine = f.get(H + kind, owner);
    REQUIRE(mine.json["total"] == 1);
    CHECK(mine.json["items"][0] == created);
  }
}

TEST_CASE("food and workout entries carry what they were at logging time") {
  HealthFixture f;
  auto tok = f.signup("diary@example.com");
  auto food = f.row(
      "SELECT id, kcal, protein_g, fat_g, carbs_g FROM foods WHERE kcal IS NOT NULL AND protein_g IS NOT "
      "NULL "
      "AND fat_g IS NOT NULL AND carbs_g IS NOT NULL ORDER BY id LIMIT 1");
  auto e = f.add("food-log",
                 {{"food_id", static_cast<long long>(food[0])},
                  {"grams", 250},
                  {"meal_slot", "dinner"},
                  {"logged_at", "2026-11-26T05:00:00Z"}},
                 tok);
  CHECK(e["grams"] == 250.0);
  CHECK(e["recipe_id"].is_null());
  CHECK(e["nutrition"]["kcal"].get<double>() == doctest::Approx(food[1] * 2.5).epsilon(0.001));
  CHECK(e["nutrition"]["protein_g"].get<double>() == doctest::Approx(food[2] * 2.5).epsilon(0.01));
  CHECK_FALSE(e["name"].get<std::string>().empty());
  auto recipe = f.row("SELECT id, kcal FROM recipes ORDER BY id LIMIT 1");
  auto r = f.add("food-log",
                 {{"recipe_id", static_cast<long long>(recipe[0])},
                  {"servings", 1.5},
                  {"meal_slot", "lunch"},
                  {"logged_at", "2026-11-26T05:00:00Z"}},
                 tok);
  CHECK(r["nutrition"]["kcal"].get<double>() == doctest::Approx(recipe[1] * 1.5).epsilon(0.001));
  // A user's own recipe is private: someone else cannot log it.
  auto mine = f.post("/api/v1/nutrition-data/recipes",
                     {{"name", "Mine"},
                      {"cuisine", "home"},
                      {"meal_type", "lunch"},
                      {"servings", 1},
                      {"ingredients", {{{"food_id", static_cast<long long>(food[0])}, {"grams", 100}}}}},
                     tok);
  REQUIRE(mine.status == 201);
  auto other = f.post(H + "food-log",
                      {{"recipe_id", mine.json["id"]},
                       {"servings", 1},
                       {"meal_slot", "lunch"},
                       {"logged_at", "2026-11-26T05:00:00Z"}},
                      f.signup("other@example.com"));
  CHECK(other.error_field() == "recipe_id");
  // The owner can log it; deleting the recipe later keeps the entry and its copied figures.
  auto own = f.add("food-log",
                   {{"recipe_id", mine.json["id"]},
                    {"servings", 1},
                    {"meal_slot", "lunch"},
                    {"logged_at", "2026-11-26T05:00:00Z"}},
                   tok);
  REQUIRE(f.call("DELETE",
                 "/api/v1/nutrition-data/recipes/" + std::to_string(mine.json["id"].get<long long>()), {},
                 tok)
              .status == 204);
  auto kept = f.get(H + "food-log?limit=100", tok).json["items"];
  bool found = false;
  for (const auto &item : kept)
    if (item["id"] == own["id"]) {
      found = true;
      CHECK(item["recipe_id"].is_null());
      CHECK(item["name"] == "Mine");
      CHECK(item["nutrition"] == own["nutrition"]);
    }
  CHECK(found);

  // Workout: kcal from MET x 3.5 x kg / 200 per minute, with the latest weight.
  f.add("weights", {{"weight_kg", 80}, {"measured_at", "2026-11-26T05:00:00Z"}}, tok);
  auto w = f.row("SELECT id, kcal_70kg, total_minutes, muscle_mask FROM workouts ORDER BY id LIMIT 1");
  auto wl = f.add("workout-log",
                  {{"workout_id", static_cast<long long>(w[0])},
                   {"duration_minutes", 40},
                   {"rpe", 7},
                   {"performed_at", "2026-11-26T05:00:00Z"}},
                  tok);
  double met = w[1] * 200 / (3.5 * 70 * w[2]);
  CHECK(wl["kcal_burned"] == std::round(met * 3.5 * 80 / 200 * 40));
  CHECK(wl["muscles"] == trae::muscle_list(static_cast<trae::Mask>(w[3])));
  CHECK(wl["rpe"] == 7);
  auto ex = f.row("SELECT id, met, muscle_mask FROM exercises WHERE muscle_mask != 0 ORDER BY id LIMIT 1");
  auto free =
      f.add("workout-log",
            {{"name", "Push day"},
             {"duration_minutes", 30},
             {"exercises",
              {{{"exercise_id", static_cast<long long>(ex[0])}, {"sets", 3}, {"reps", 10}, {"weight_kg", 40}},
               {{"name", "Mystery move"}, {"sets", 1}, {"reps", 5}}}},
             {"performed_at", "2026-11-26T05:00:00Z"}},
            tok);
  double free_met = (ex[1] * 3 + trae::default_met("strength") * 1) / 4;
  CHECK(free["kcal_burned"] == std::round(free_met * 3.5 * 80 / 200 * 30));
  CHECK(free["exercises"].size() == 2);
  CHECK(free["exercises"][1]["exercise_id"].is_null());
  CHECK(free["exercises"][0]["weight_kg"] == 40.0);
  CHECK(free["muscles"] == trae::muscle_list(static_cast<trae::Mask>(ex[2])));
  // The helper for recommendations sees both sessions within 24 hours, none after 48.
  CHECK(f.health->muscles_trained_within(999999, 24).empty());  // no such user: nothing
  long long uid = f.count("SELECT id FROM users WHERE email = 'diary@example.com'");
  auto expect = trae::muscle_list(static_cast<trae::Mask>(w[3]) | static_cast<trae::Mask>(ex[2]));
  CHECK(f.health->muscles_trained_within(uid, 24) == expect);
  f.clock.advance(49 * 3600);
  CHECK(f.health->muscles_trained_within(uid, 48).empty());
}

TEST_CASE("the profile's weight follows the latest weight entry") {
  HealthFixture f;
  auto tok = f.signup("weight@example.com");
  f.add("weights", {{"weight_kg", 82}, {"measured_at", "2026-11-20T07:00:00Z"}}, tok);
  CHECK(f.get("/api/v1/profile", tok).json["weight_kg"] == 82.0);
  auto b = f.add("weights", {{"weight_kg", 81}, {"measured_at", "2026-11-25T07:00:00Z"}}, tok);
  f.add("weights", {{"weight_kg", 90}, {"measured_at", "2026-11-01T07:00:00Z"}}, tok);  // older: no effect
  CHECK(f.get("/api/v1/profile", tok).json["weight_kg"] == 81.0);
  f.put(H + "weights/" + std::to_string(b["id"].get<long long>()),
        {{"weight_kg", 80.5}, {"measured_at", "2026-11-25T07:00:00Z"}}, tok);
  CHECK(f.get("/api/v1/profile", tok).json["weight_kg"] == 80.5);
  f.call("DELETE", H + "weights/" + std::to_string(b["id"].get<long long>()), {}, tok);
  CHECK(f.get("/api/v1/profile", tok).json["weight_kg"] == 82.0);
}

TEST_CASE("days are the user's local days") {
  HealthFixture f;
  auto tok = f.signup("zone@example.com");
  REQUIRE(f.put("/api/v1/profile", {{"timezone", "America/New_York"}}, tok).status == 200);
  // 03:00Z on the 26th is still the 25th in New York (UTC-5).
  auto w = f.add("water", {{"ml", 250}, {"logged_at", "2026-11-26T03:00:00Z"}}, tok);
  CHECK(w["date"] == "2026-11-25");
  CHECK(w["logged_at"] == "2026-11-25T22:00:00-05:00");
  CHECK(f.get(H + "water?from=2026-11-25&to=2026-11-25", tok).json["total"] == 1);
  // The clock says 05:08Z: 00:08 on the 26th in New York; at 04:00Z it is still the 25th there.
  CHECK(f.get("/api/v1/dashboard", tok).json["date"] == "2026-11-26");
  f.clock.set(trae::parse_instant("2026-11-26T04:00:00Z")->unix);
  CHECK(f.get("/api/v1/dashboard", tok).json["date"] == "2026-11-25");
  CHECK(f.get("/api/v1/dashboard", tok).json["water"]["ml"] == 250);
}

TEST_CASE("a missing zoneinfo file means UTC and one warning") {
  std::string dir = testing::make_temp_dir("zones");
  std::FILE *sink = std::tmpfile();
  trae::Logger log(sink);
  trae::TimeZones zones(log, dir);
  CHECK(zones.get("Europe/Berlin").offset_at(1795669693) == 0);
  CHECK(zones.get("Europe/Berlin").offset_at(1795669693) == 0);
  CHECK(zones.get("../../etc/passwd").offset_at(0) == 0);
  std::rewind(sink);
  std::string text;
  char buf[512];
  while (std::fgets(buf, sizeof buf, sink)) text += buf;
  std::fclose(sink);
  std::filesystem::remove_all(dir);
  CHECK(text.find("time zone unavailable, using UTC") != std::string::npos);
  CHECK(text.find("Europe/Berlin") != std::string::npos);
  CHECK(text.find("time zone unavailable", text.find("time zone unavailable") + 1) == std::string::npos);
  trae::TimeZones system(log);
  if (std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin"))
    CHECK(system.get("Europe/Berlin").offset_at(1795669693) == 3600);
}

TEST_CASE("a known week gives every dashboard figure") {
  HealthFixture f;
  auto tok = f.signup("week@example.com");
  REQUIRE(f.put("/api/v1/profile",
                {{"sex", "male"},
                 {"birth_date", "1990-01-01"},
                 {"height_cm", 180},
                 {"activity_level", "moderate"},
                 {"goal", "maintain"},
                 {"timezone", "Europe/Berlin"}},
                tok)
              .status == 200);
  // Now: Thursday 2026-11-26 06:08 in Berlin (05:08Z); the week began on Monday the 23rd.
  auto day = [](int d, const char *time = "08:00:00") {
    return "2026-11-" + std::string(d < 10 ? "0" : "") + std::to_string(d) + "T" + time + "+01:00";
  };
  // Heart rate on the 10th..15th: the longest streak (6 days).
  for (int d = 10; d <= 15; ++d) f.add("heart-rate", {{"bpm", 60}, {"measured_at", day(d)}}, tok);
  f.add("weights", {{"weight_kg", 81.0}, {"measured_at", day(19)}}, tok);
  f.add("weights", {{"weight_kg", 80.6}, {"measured_at", day(20)}}, tok);
  f.add("weights", {{"weight_kg", 80.2}, {"measured_at", day(23)}}, tok);
  f.add("weights", {{"weight_kg", 79.8}, {"measured_at", day(25)}}, tok);
  f.add("weights", {{"weight_kg", 80.0}, {"measured_at", "2026-11-25T23:30:00Z"}},
        tok);  // 00:30 on the 26th in Berlin
  f.add("weights", {{"weight_kg", 79.6}, {"measured_at", day(26, "06:00:00")}}, tok);
  long long workout = f.count("SELECT min(id) FROM workouts");
  auto w = f.row("SELECT muscle_mask FROM workouts WHERE id = " + std::to_string(workout));
  auto ex = f.row("SELECT id, muscle_mask FROM exercises WHERE muscle_mask != 0 ORDER BY id LIMIT 1");
  f.add("workout-log", {{"name", "Last week"}, {"duration_minutes", 50}, {"performed_at", day(22)}}, tok);
  f.add("workout-log",
        {{"workout_id", workout}, {"duration_minutes", 45}, {"performed_at", day(23, "18:00:00")}}, tok);
  f.add("water", {{"ml", 400}, {"logged_at", day(24)}}, tok);
  f.add("workout-log",
        {{"name", "Push day"},
         {"duration_minutes", 30},
         {"exercises", {{{"exercise_id", static_cast<long long>(ex[0])}, {"sets", 3}, {"reps", 10}}}},
         {"performed_at", day(25, "18:00:00")}},
        tok);
  f.add("workout-log",
        {{"name", "Morning run"}, {"duration_minutes", 20}, {"performed_at", day(26, "05:30:00")}}, tok);
  f.add("water", {{"ml", 500}, {"logged_at", day(26, "06:00:00")}}, tok);
  f.add("water", {{"ml", 750}, {"logged_at", day(26, "06:05:00")}}, tok);
  f.add("steps", {{"date", "2026-11-26"}, {"count", 6400}}, tok);
  f.add("sleep", {{"start", day(25, "23:00:00")}, {"end", day(26, "06:00:00")}, {"quality", 4}}, tok);
  auto food = f.row(
      "SELECT id, kcal, protein_g, fat_g, carbs_g FROM foods WHERE kcal IS NOT NULL AND protein_g IS NOT "
      "NULL "
      "AND fat_g IS NOT NULL AND carbs_g IS NOT NULL ORDER BY id LIMIT 1");
  auto recipe = f.row("SELECT id, kcal, protein_g, fat_g, carbs_g FROM recipes ORDER BY id LIMIT 1");
  f.add("food-log",
        {{"food_id", static_cast<long long>(food[0])},
         {"grams", 150},
         {"meal_slot", "breakfast"},
         {"logged_at", day(26, "06:00:00")}},
        tok);
  f.add("food-log",
        {{"recipe_id", static_cast<long long>(recipe[0])},
         {"servings", 2},
         {"meal_slot", "snack"},
         {"logged_at", day(26, "00:30:00")}},
        tok);
  f.add("food-log",
        {{"food_id", static_cast<long long>(food[0])},
         {"grams", 100},
         {"meal_slot", "dinner"},
         {"logged_at", day(25, "19:00:00")}},
        tok);

  auto r = f.get("/api/v1/dashboard", tok);
  REQUIRE(r.status == 200);
  const auto &d = r.json;
  INFO(d.dump(2));
  CHECK(d["date"] == "2026-11-26");
  CHECK(d["timezone"] == "Europe/Berlin");
  trae::BodyInput in;
  in.sex = trae::Sex::male;
  in.age = 36;
  in.height_cm = 180;
  in.weight_kg = 79.6;
  in.activity = trae::ActivityLevel::moderate;
  in.goal = trae::Goal::maintain;
  auto targets = trae::calculate(in);
  const double eaten[4] = {food[1] * 1.5 + recipe[1] * 2, food[2] * 1.5 + recipe[2] * 2,
                           food[3] * 1.5 + recipe[3] * 2, food[4] * 1.5 + recipe[4] * 2};
  CHECK(d["kcal"]["eaten"] == std::round(eaten[0]));
  CHECK(d["kcal"]["target"] == std::round(targets.target_kcal));
  CHECK(d["kcal"]["burned"] == std::round(5.0 * 3.5 * 79.6 / 200 * 20));  // the morning run only
  CHECK(std::abs(d["macros"]["protein_g"]["eaten"].get<double>() - eaten[1]) <= 0.051);  // shown to 0.1 g
  CHECK(d["macros"]["protein_g"]["target"] == std::round(targets.macros.protein_g));
  CHECK(std::abs(d["macros"]["fat_g"]["eaten"].get<double>() - eaten[2]) <= 0.051);  // shown to 0.1 g
  CHECK(d["macros"]["fat_g"]["target"] == std::round(targets.macros.fat_g));
  CHECK(std::abs(d["macros"]["carbs_g"]["eaten"].get<double>() - eaten[3]) <= 0.051);  // shown to 0.1 g
  CHECK(d["macros"]["carbs_g"]["target"] == std::round(targets.macros.carbs_g));
  CHECK(d["water"] == json{{"ml", 1250}, {"goal_ml", 2800}});  // 35 ml x 79.6 kg, to 50 ml
  CHECK(d["steps"] == json{{"count", 6400}, {"goal", 8000}});
  CHECK(d["sleep"] == json{{"minutes", 420}, {"quality", 4}});
  CHECK(d["weight"]["latest_kg"] == 79.6);
  CHECK(d["weight"]["weekly_change_kg"] == -0.9);  // average 80.1 on the 26th, 81.0 on the 19th
  json seven = json::array({{{"date", "2026-11-20"}, {"kg", 80.6}, {"avg", 80.8}},
                            {{"date", "2026-11-23"}, {"kg", 80.2}, {"avg", 80.6}},
                            {{"date", "2026-11-25"}, {"kg", 79.8}, {"avg", 80.4}},
                            {{"date", "2026-11-26"}, {"kg", 79.8}, {"avg", 80.1}}});
  CHECK(d["weight"]["trend"]["7"] == seven);
  CHECK(d["weight"]["trend"]["30"].size() == 5);
  CHECK(d["weight"]["trend"]["30"][0] == json{{"date", "2026-11-19"}, {"kg", 81.0}, {"avg", 81.0}});
  CHECK(d["weight"]["trend"]["90"] == d["weight"]["trend"]["30"]);
  CHECK(d["workouts"]["week_start"] == "2026-11-23");
  CHECK(d["workouts"]["sessions"] == 3);
  CHECK(d["workouts"]["minutes"] == 95);
  json by_muscle = json::array();
  for (const auto &m : trae::count_muscles(
           std::vector<trae::Mask>{static_cast<trae::Mask>(w[0]), static_cast<trae::Mask>(ex[1]), 0}))
    by_muscle.push_back({{"muscle", m.muscle}, {"count", m.count}});
  CHECK(d["workouts"]["by_muscle"] == by_muscle);
  CHECK_FALSE(by_muscle.empty());
  CHECK(d["streaks"] == json{{"current", 5}, {"longest", 6}});  // 22nd..26th; 10th..15th

  auto p = f.get("/api/v1/actions/progress-summary?days=7", tok);
  REQUIRE(p.status == 200);
  REQUIRE(p.json["days"].size() == 7);
  CHECK(p.json["days"][0]["date"] == "2026-11-20");
  CHECK(p.json["days"][1] == json{{"date", "2026-11-21"},
                                  {"weight_kg", nullptr},
                                  {"water_ml", 0},
                                  {"steps", 0},
                                  {"sleep_minutes", 0},
                                  {"kcal_burned", 0},
                                  {"workouts", 0}});
  CHECK(p.json["days"][6] == json{{"date", "2026-11-26"},
                                  {"weight_kg", 79.8},
                                  {"water_ml", 1250},
                                  {"steps", 6400},
                                  {"sleep_minutes", 420},
                                  {"kcal_burned", std::round(5.0 * 3.5 * 79.6 / 200 * 20)},
                                  {"workouts", 1}});
  CHECK(p.json["days"][4]["water_ml"] == 400);
  auto n = f.get("/api/v1/actions/nutrition-summary?days=2", tok);
  REQUIRE(n.status == 200);
  REQUIRE(n.json["days"].size() == 2);
  CHECK(n.json["days"][0]["date"] == "2026-11-25");
  CHECK(n.json["days"][0]["kcal"] == std::round(food[1]));
  CHECK(n.json["days"][1]["kcal"] == std::round(eaten[0]));
  CHECK(n.json["days"][1]["target_kcal"] == std::round(targets.target_kcal));
  CHECK(f.get("/api/v1/actions/nutrition-summary?days=0", tok).error_field() == "days");
  CHECK(f.get("/api/v1/actions/progress-summary?days=366", tok).error_field() == "days");
  CHECK(f.get("/api/v1/actions/progress-summary?days=365", tok).json["days"].size() == 365);
}

TEST_CASE("a new user's dashboard is empty but complete") {
  HealthFixture f;
  auto d = f.get("/api/v1/dashboard", f.signup("new@example.com")).json;
  CHECK(d["kcal"] == json{{"eaten", 0.0}, {"target", nullptr}, {"burned", 0.0}});
  CHECK(d["sleep"].is_null());
  CHECK(d["weight"]["latest_kg"].is_null());
  CHECK(d["weight"]["weekly_change_kg"].is_null());
  CHECK(d["weight"]["trend"]["7"].empty());
  CHECK(d["water"]["goal_ml"] == 2000);
  CHECK(d["streaks"] == json{{"current", 0}, {"longest", 0}});
}

TEST_CASE("export holds every log; deleting the account removes them") {
  HealthFixture f;
  auto tok = f.signup("leaving@example.com");
  auto keep = f.signup("staying@example.com");
  for (const auto &kv : sample_bodies(f)) {
    const std::string kind = kv.first;
    const json body = kv.second;
    f.add(kind, body, tok);
    f.add(kind, body, keep);
  }
  auto doc = f.get("/api/v1/account/export", tok).json;
  for (const auto &k : trae::log_kinds()) {
    CAPTURE(k.path);
    REQUIRE(doc["health"][std::string(k.path)].size() == 1);
  }
  CHECK(doc["health"]["weights"][0]["weight_kg"] == 80.5);
  CHECK(doc["health"]["weights"][0]["measured_at"] == "2026-11-25T06:00:00Z");
  long long uid = f.count("SELECT id FROM users WHERE email = 'leaving@example.com'");
  REQUIRE(f.call("DELETE", "/api/v1/account", {}, tok).status == 204);
  for (const auto &k : trae::log_kinds()) {
    std::string table(trae::health_store::table_name(k.kind));
    CHECK(f.count("SELECT count(*) FROM " + table + " WHERE user_id = " + std::to_string(uid)) == 0);
    CHECK(f.count("SELECT count(*) FROM " + table) == 1);  // the other user's
  }
}

TEST_CASE("active days follow every log kind's inserts, moves and deletes") {
  HealthFixture f;
  auto tok = f.signup("streaky@example.com");
  auto other = f.signup("other@example.com");
  long long uid = f.count("SELECT id FROM users WHERE email = 'streaky@example.com'");
  const std::string days = "SELECT count(*) FROM active_days WHERE user_id = " + std::to_string(uid);
  auto has_day = [&](const std::string &day) { return f.count(days + " AND day = '" + day + "'") == 1; };
  for (const auto &kv : sample_bodies(f)) {
    const std::string kind = kv.first;
    CAPTURE(kind);
    json body = kv.second;
    f.add(kind, body, other);  // the other user's row on the same day keeps nothing alive
    auto a = f.add(kind, body, tok);
    CHECK(f.count(days) == 1);
    CHECK(has_day("2026-11-25"));
    // Moving the only entry to another day moves the active day.
    json moved = json::parse(body.dump());
    for (auto &[key, value] : moved.items())
      if (value.is_string() && value.get<std::string>().rfind("2026-11-2", 0) == 0) {
        std::string v = value.get<std::string>();
        v.replace(0, 10, key == "start" ? "2026-11-19" : "2026-11-20");
        value = v;
      }
    auto id = std::to_string(a["id"].get<long long>());
    REQUIRE(f.put(H + kind + "/" + id, moved, tok).status == 200);
    CHECK(f.count(days) == 1);
    CHECK(has_day("2026-11-20"));
    // A second entry on the day keeps it when the first is deleted.
    // Steps keep one entry a day: posting the day again updates it (200).
    auto b = f.add(kind, moved, tok, kind == "steps" ? 200 : 201);
    if (kind != "steps") {
      REQUIRE(f.call("DELETE", H + kind + "/" + id, {}, tok).status == 204);
      CHECK(has_day("2026-11-20"));
    }
    REQUIRE(f.call("DELETE", H + kind + "/" + std::to_string(b["id"].get<long long>()), {}, tok).status ==
            204);
    CHECK(f.count(days) == 0);
  }
  REQUIRE(f.call("DELETE", "/api/v1/account", {}, other).status == 204);
  CHECK(f.count("SELECT count(*) FROM active_days") == 0);
}

TEST_CASE("the dashboard's day sums read only the covering indexes") {
  HealthFixture f;
  auto tok = f.signup("covered@example.com");
  for (const auto &kv : sample_bodies(f)) f.add(kv.first, kv.second, tok);
  f.get("/api/v1/dashboard", tok);
  f.get("/api/v1/actions/progress-summary?days=30", tok);
  f.get("/api/v1/actions/nutrition-summary?days=30", tok);
  int checked = 0;
  const auto sqls = f.tdb.db->prepared_sql();  // before with_writer, which holds the writer
  f.tdb.db->with_writer([&](trae::Connection &c) {
    for (const auto &sql : sqls) {
      const bool day_sum = sql.find("GROUP BY day") != std::string::npos;
      const bool streak = sql.find("FROM active_days") != std::string::npos;
      const bool muscles = sql.rfind("SELECT muscle_mask FROM workout_logs", 0) == 0;
      if (!day_sum && !streak && !muscles) continue;
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      CHECK((plan.find("USING COVERING INDEX") != std::string::npos ||
             plan.find("USING PRIMARY KEY") != std::string::npos));
      ++checked;
    }
  });
  CHECK(checked >= 8);
  // The triggers' "is any log left on that day" probe searches each table's index.
  f.tdb.db->with_writer([&](trae::Connection &c) {
    auto plan = testing::query_plan(c, "SELECT 1 FROM log_days WHERE user_id = 1 AND day = '2026-11-25'");
    INFO(plan);
    CHECK_FALSE(testing::has_full_scan(plan));
    CHECK(plan.find("SEARCH") != std::string::npos);
  });
}

TEST_CASE("hot health queries use the (user, time) indexes") {
  HealthFixture f;
  auto tok = f.signup("plans@example.com");
  for (const auto &kv : sample_bodies(f)) {
    const std::string kind = kv.first;
    const json body = kv.second;
    auto e = f.add(kind, body, tok);
    f.get(H + kind + "?from=2026-11-01&to=2026-11-30", tok);
    f.put(H + kind + "/" + std::to_string(e["id"].get<long long>()), body, tok);
  }
  f.get("/api/v1/dashboard", tok);
  f.get("/api/v1/actions/progress-summary?days=30", tok);
  f.get("/api/v1/actions/nutrition-summary?days=30", tok);
  f.get("/api/v1/account/export", tok);
  f.health->muscles_trained_within(1, 24);
  auto sqls = f.tdb.db->prepared_sql();
  int checked = 0;
  f.tdb.db->with_writer([&](trae::Connection &c) {
    for (const auto &sql : sqls) {
      if (sql.find("_logs") == std::string::npos) continue;
      auto plan = testing::query_plan(c, sql);
      INFO(sql << "\n" << plan);
      // Totals stop counting at 1,001 rows by design; their inner scan is still on the index.
      if (sql.find("LIMIT 1001)") == std::string::npos) CHECK_FALSE(testing::has_full_scan(plan));
      if (sql.rfind("SELECT", 0) == 0 || sql.rfind("UPDATE", 0) == 0 || sql.rfind("DELETE", 0) == 0)
        CHECK((plan.find("_user_time") != std::string::npos ||
               plan.find("INTEGER PRIMARY KEY") != std::string::npos ||
               plan.find("step_logs_user_day") != std::string::npos ||
               plan.find("autoindex") != std::string::npos));
      ++checked;
    }
  });
  CHECK(checked > 30);
}
