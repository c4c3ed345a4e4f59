#include "app/generator.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "core/catalog.hpp"
#include "storage/catalog_store.hpp"

namespace trae {
namespace {

constexpr long long kBatch = 5000;

struct BaseRecipe {
  catalog_store::RecipeDraft draft;
};

const char *kVariants[] = {"classic", "light",     "hearty", "quick",  "family-style", "spiced",
                           "herby",   "weeknight", "summer", "winter", "zesty",        "smoky",
                           "rustic",  "simple",    "bright", "cozy"};

}  // namespace

long long generate_recipes(Database &db, long long count, std::uint64_t seed, const Clock &clock,
                           const Progress &progress) {
  std::mt19937_64 rng(seed);
  std::vector<BaseRecipe> bases;
  std::map<std::string, std::vector<long long>> foods_by_group;
  std::map<long long, std::string> group_of;
  db.read([&](Connection &c) {
    auto f = c.prepare("SELECT id, group_code FROM foods WHERE source = 'seed' ORDER BY id");
    while (f->executeStep()) {
      foods_by_group[f->getColumn(1).getString()].push_back(f->getColumn(0).getInt64());
      group_of[f->getColumn(0).getInt64()] = f->getColumn(1).getString();
    }
    auto r = c.prepare(
        "SELECT id, name, description, cuisine, meal_type, servings, prep_minutes, cook_minutes, steps FROM "
        "recipes "
        "WHERE source = 'seed' ORDER BY id");
    while (r->executeStep()) {
      BaseRecipe b;
      b.draft.name = r->getColumn(1).getString();
      b.draft.description = r->getColumn(2).getString();
      b.draft.cuisine = r->getColumn(3).getString();
      b.draft.meal_type = r->getColumn(4).getString();
      b.draft.servings = r->getColumn(5).getInt();
      b.draft.prep_minutes = r->getColumn(6).getInt();
      b.draft.cook_minutes = r->getColumn(7).getInt();
      auto steps = nlohmann::json::parse(r->getColumn(8).getString());
      for (const auto &s : steps) b.draft.steps.push_back(s.get<std::string>());
      auto ing =
          c.prepare("SELECT food_id, grams FROM recipe_ingredients WHERE recipe_id = ? ORDER BY position");
      ing->bind(1, r->getColumn(0).getInt64());
      while (ing->executeStep())
        b.draft.ingredients.push_back({ing->getColumn(0).getInt64(), ing->getColumn(1).getDouble()});
      bases.push_back(std::move(b));
    }
  });
  if (bases.empty()) return 0;
  catalog_store::Facts facts;
  db.read([&](Connection &c) { facts = catalog_store::load_facts(c); });
  std::uniform_real_distribution<double> scale(0.7, 1.3), unit(0, 1);
  const long long now = clock.now();
  long long done = 0;
  while (done < count) {
    long long batch = std::min(kBatch, count - done);
    db.write([&](Connection &c) {
      for (long long i = 0; i < batch; ++i) {
        const auto &b = bases[rng() % bases.size()];
        catalog_store::RecipeDraft r = b.draft;
        r.source = "generated";
        r.source_key = std::to_string(seed) + "-" + std::to_string(done + i);
        r.name = std::string(kVariants[rng() % std::size(kVariants)]) + " " + b.draft.name;
        r.name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(r.name[0])));
        for (auto &ing : r.ingredients) {
          ing.grams = std::max(1.0, std::round(ing.grams * scale(rng)));
          // Now and then, a different food of the same kind (another grain, vegetable, ...).
          if (unit(rng) < 0.15) {
            const auto &peers = foods_by_group[group_of[ing.food_id]];
            if (!peers.empty()) ing.food_id = peers[rng() % peers.size()];
          }
        }
        r.servings = std::max(1, b.draft.servings + static_cast<int>(rng() % 3) - 1);
        r.prep_minutes = std::max(0, b.draft.prep_minutes + static_cast<int>(rng() % 11) - 5);
        r.cook_minutes = std::max(0, b.draft.cook_minutes + static_cast<int>(rng() % 11) - 5);
        // Spread creation times over the last two years.
        catalog_store::insert_recipe(c, r, now - static_cast<long long>(rng() % (2 * 365 * 24 * 3600LL)),
                                     facts);
      }
    });
    done += batch;
    if (progress) progress("generated recipes", done, count);
  }
  return done;
}

long long generate_workouts(Database &db, long long count, std::uint64_t seed, const Clock &clock,
                            const Progress &progress) {
  std::mt19937_64 rng(seed ^ 0x9E3779B97F4A7C15ULL);
  struct Ex {
    long long id;
    std::string level, category;
    Mask muscles;
  };
  std::vector<Ex> all;
  db.read([&](Connection &c) {
    auto st = c.prepare("SELECT id, level, category, muscle_mask FROM exercises ORDER BY id");
    while (st->executeStep())
      all.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getString(), st->getColumn(2).getString(),
                     static_cast<Mask>(st->getColumn(3).getInt64())});
  });
  if (all.empty()) return 0;
  catalog_store::Facts facts;
  db.read([&](Connection &c) { facts = catalog_store::load_facts(c); });
  const auto goals = workout_goals();
  const auto lvls = levels();
  const auto muscles = muscle_names();
  const long long now = clock.now();
  long long done = 0;
  while (done < count) {
    long long batch = std::min(kBatch, count - done);
    db.write([&](Connection &c) {
      for (long long i = 0; i < batch; ++i) {
        catalog_store::WorkoutDraft w;
        w.source = "generated";
        w.source_key = std::to_string(seed) + "-" + std::to_string(done + i);
        w.goal = std::string(goals[rng() % goals.size()]);
        w.level = std::string(lvls[rng() % lvls.size()]);
        const std::string focus(muscles[rng() % muscles.size()]);
        const int n = 4 + static_cast<int>(rng() % 5);
        for (int k = 0; k < n; ++k) {
          // Prefer exercises for the focus muscle and the workout's kind.
          const Ex *pick = &all[rng() % all.size()];
          for (int tries = 0; tries < 12; ++tries) {
            const Ex &cand = all[rng() % all.size()];
            bool fits_kind = w.goal == "mobility" ? cand.category == "stretching"
                             : w.goal == "endurance" || w.goal == "fat_loss"
                                 ? cand.category == "cardio" || cand.category == "plyometrics" ||
                                       cand.category == "strength"
                                 : cand.category != "stretching";
            if (fits_kind && (k > 1 || (cand.muscles & muscle_bit(focus)))) {
              pick = &cand;
              break;
            }
          }
          catalog_store::WorkoutDraft::Item item{pick->id, 2 + static_cast<int>(rng() % 4), std::nullopt,
                                                 std::nullopt, 60};
          if (w.goal == "strength") {
            item.reps = 3 + static_cast<int>(rng() % 4);
            item.rest_s = 120 + static_cast<int>(rng() % 4) * 30;
          } else if (w.goal == "hypertrophy") {
            item.reps = 8 + static_cast<int>(rng() % 5);
            item.rest_s = 60 + static_cast<int>(rng() % 3) * 15;
          } else if (w.goal == "mobility") {
            item.duration_s = 30 + static_cast<int>(rng() % 4) * 15;
            item.rest_s = 15;
          } else {
            item.duration_s = 30 + static_cast<int>(rng() % 5) * 10;
            item.rest_s = 20 + static_cast<int>(rng() % 3) * 10;
          }
          w.items.push_back(item);
        }
        std::string goal_name = w.goal == "fat_loss" ? "Fat-loss" : w.goal;
        goal_name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(goal_name[0])));
        w.name = goal_name + " session for " + focus + " (" + w.level + ")";
        w.description = "A generated " + w.level + " " + w.goal + " session built around the " + focus + ".";
        // Insert-only: every generated workout is a new row.
        catalog_store::insert_workout(c, w, now - static_cast<long long>(rng() % (2 * 365 * 24 * 3600LL)),
                                      facts);
      }
    });
    done += batch;
    if (progress) progress("generated workouts", done, count);
  }
  return done;
}

}  // namespace trae
