// Health logs for seeded users (trae-health seed and bench/health): every
// day a weighing, three water and three food entries, steps and a night's
// sleep, with a workout every other day, resting heart rate every third day
// and measurements weekly; one day in ten has no logs at all. Weight follows
// the user's goal (a slow trend) plus day-to-day noise.
#pragma once
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/tzif.hpp"
#include "storage/database.hpp"

namespace trae::seed_health {

// One user as the filler walks through the days.
struct Person {
  long long id = 0;
  const TimeZone *tz = nullptr;
  double kg = 0;               // current weight, moved by the trend and noise
  double kg_per_day = 0;       // the trend: negative while losing weight
  std::uint64_t rng_seed = 0;  // the user's own random stream
};

// A catalog recipe a seeded user logs as eaten (per-serving figures).
struct Meal {
  long long recipe_id = 0;
  std::string name, meal_type;
  double kcal = 0, protein_g = 0, fat_g = 0, carbs_g = 0, fiber_g = 0, sugar_g = 0, sodium_mg = 0;
};

// The starter set's recipes (source 'seed'), which food logs refer to.
std::vector<Meal> starter_meals(Connection &c);

// Writes `days` days of logs ending on day number `last_day` (days since
// 1970-01-01, in the user's zone) for each person, in one transaction, and
// leaves each person's weight at its last logged value. `now` stamps
// created_at and updated_at.
void fill(Connection &c, std::vector<Person> &people, const std::vector<Meal> &meals, long long last_day,
          int days, long long now);

// Rows written per person and day, on average (for progress estimates).
constexpr double kRowsPerDay = 11.3;

}  // namespace trae::seed_health
