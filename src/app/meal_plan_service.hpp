// Meal plans for the signed-in user: targets resolved from the request and
// the profile, recipes chosen by the planner (core/meal_planner.hpp) from the
// catalog and the user's own recipes, plans saved, listed, swapped, deleted.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/account_service.hpp"
#include "core/clock.hpp"
#include "core/lru_cache.hpp"
#include "core/meal_planner.hpp"
#include "core/search.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"
#include "storage/plan_candidates.hpp"

namespace trae {

struct MacroPercents {
  double protein_pct = 0, fat_pct = 0, carbs_pct = 0;
};

// The request body, checked for types and ranges; anything missing is
// resolved from the profile.
struct MealPlanInput {
  int days = 7;
  int meals_per_day = 3;
  std::optional<double> target_kcal;
  std::optional<MacroPercents> macros;
  std::optional<std::string> diet;
  std::vector<std::string> exclude_allergens;
  std::vector<long long> exclude_foods;
  std::vector<std::string> cuisines;
  std::optional<int> max_prep_minutes;
  std::optional<std::uint64_t> seed;
};

class MealPlanService {
 public:
  MealPlanService(Database &db, AccountService &accounts, const Clock &clock, Logger &log)
      : db_(db), accounts_(accounts), clock_(clock), log_(log), admitted_(kAdmittedLimits, clock) {}

  nlohmann::json generate(long long user, const MealPlanInput &in);
  nlohmann::json list(long long user, const Paging &p);
  nlohmann::json get(long long user, long long id);
  void remove(long long user, long long id);
  // day is 1-based, as the plan shows it.
  nlohmann::json swap(long long user, long long id, int day, const std::string &slot);

  // Loads the catalog candidates now instead of on the first plan.
  void warm_up() { catalog(); }

  // The kept admitted catalog lists: called with each look-up's outcome
  // (set at wiring time, for metrics), and their count and bytes.
  void on_admitted_lookup(std::function<void(bool hit)> f) { admitted_lookup_ = std::move(f); }
  LruStats admitted_stats() const { return admitted_.stats(); }

 private:
  // What the catalog admits for one set of restrictions, with the candidate
  // table it points into (held, so that it outlives the list).
  struct KeptAdmission {
    std::shared_ptr<const plan_candidates::Table> table;
    mealplan::Admitted admitted;
  };
  // About 1.2 MB for an unrestricted 300,000-recipe catalog, less for any
  // diet (29 sets held 19.6 MB on the seeded database). The seeded profiles
  // have 60 distinct diet-and-allergy sets, and the 15 most common are 92 %
  // of users. Entries go stale only when the catalog changes, which clears
  // them, so the time to live is long.
  static constexpr LruLimits kAdmittedLimits{64, 32u << 20, 24 * 3600};

  // The catalog's candidates, reloaded when catalog recipes have changed.
  std::shared_ptr<const plan_candidates::Table> catalog();
  // What `table` admits under `r`, kept per restrictions while the catalog
  // is unchanged (docs/performance.md, "The planner's admitted lists").
  std::shared_ptr<const KeptAdmission> admitted(const std::shared_ptr<const plan_candidates::Table> &table,
                                                const mealplan::Restrictions &r);

  Database &db_;
  AccountService &accounts_;
  const Clock &clock_;
  Logger &log_;
  std::mutex cache_mu_;
  long long cache_revision_ = -1;
  std::shared_ptr<const plan_candidates::Table> cache_;
  LruCache<std::shared_ptr<const KeptAdmission>> admitted_;
  std::function<void(bool)> admitted_lookup_;
};

}  // namespace trae
