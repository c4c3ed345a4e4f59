// Deterministic catalog generator for scale tests and benchmarks: recipes
// composed from real foods (so their nutrition is computed, not invented)
// and workouts built from real exercises. The same seed gives the same rows.
#pragma once
#include <cstdint>

#include "app/importers.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"

namespace trae {

// Variations of the catalog recipes already present: ingredient amounts
// shifted by up to 30 %, an ingredient sometimes swapped for another food of
// the same group, servings and times varied. Written in batches of 5,000.
long long generate_recipes(Database &db, long long count, std::uint64_t seed, const Clock &clock,
                           const Progress &progress);
// Workouts of 4 to 8 exercises for every goal and level, sets, reps or
// durations and rests suited to the goal.
long long generate_workouts(Database &db, long long count, std::uint64_t seed, const Clock &clock,
                            const Progress &progress);

}  // namespace trae
