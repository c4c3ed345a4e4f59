// The scale dataset (`trae-health seed`): users with plausible profiles,
// generated recipes and workouts (app/generator.hpp), health logs
// (app/seed_health.hpp) and meal plans made by the real planner. The same
// options (seed and today) on an empty database give the same rows.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/importers.hpp"
#include "app/time_zones.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"

namespace trae {

struct SeedOptions {
  long long users = 10000;
  long long workouts = 500000;  // generated, on top of the starter set
  long long recipes = 300000;   // generated, on top of the starter set
  long long meal_plans = 1000000;
  int health_days = 90;  // days of logs per user, ending on `today`
  std::uint64_t seed = 1;
  long long today = 0;  // day number (days since 1970-01-01) the data ends on
};

// Every seeded user signs in with this password (its argon2id hash is
// computed once per run, with a salt derived from the seed).
inline constexpr const char *kSeedPassword = "seed-demo-password";
// user00001@seed.trae.example, ... (1-based).
std::string seed_email(long long n);

// At most this many plans are made by the planner; the other meal plans are
// copies of them given to users with the same diet and allergies.
inline constexpr long long kMealPlanPool = 600;

// Fills the database. Refuses (Error conflict) unless it holds no users and
// no generated recipes or workouts. Progress goes to `progress`.
void seed_database(Database &db, const SeedOptions &opt, TimeZones &zones, Logger &log,
                   const Progress &progress);

// Row counts of the tables the seeder fills, in a fixed order.
std::vector<std::pair<std::string, long long>> seed_table_counts(Database &db);

}  // namespace trae
