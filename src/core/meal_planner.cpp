#include "core/meal_planner.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/error.hpp"

namespace trae::mealplan {
namespace {

constexpr std::array<std::string_view, 4> kMealTypes{"breakfast", "lunch", "dinner", "snack"};

// Shares of the day's energy per slot, after common dietary guidance
// (breakfast 20-25 %, main meals 25-40 %, snacks about 10 %).
constexpr std::array<Slot, 3> kThree{{{"breakfast", MealType::breakfast, 0.25},
                                      {"lunch", MealType::lunch, 0.35},
                                      {"dinner", MealType::dinner, 0.40}}};
constexpr std::array<Slot, 4> kFour{{{"breakfast", MealType::breakfast, 0.25},
                                     {"lunch", MealType::lunch, 0.30},
                                     {"afternoon_snack", MealType::snack, 0.15},
                                     {"dinner", MealType::dinner, 0.30}}};
constexpr std::array<Slot, 5> kFive{{{"breakfast", MealType::breakfast, 0.20},
                                     {"morning_snack", MealType::snack, 0.10},
                                     {"lunch", MealType::lunch, 0.30},
                                     {"afternoon_snack", MealType::snack, 0.10},
                                     {"dinner", MealType::dinner, 0.30}}};
constexpr std::array<Slot, 6> kSix{{{"breakfast", MealType::breakfast, 0.20},
                                    {"morning_snack", MealType::snack, 0.10},
                                    {"lunch", MealType::lunch, 0.25},
                                    {"afternoon_snack", MealType::snack, 0.10},
                                    {"dinner", MealType::dinner, 0.25},
                                    {"evening_snack", MealType::snack, 0.10}}};

// Candidates sampled per slot when building a day, and per move of the local search.
constexpr int kInitSample = 32;
constexpr int kMoveSample = 48;
constexpr int kMaxRounds = 16;
constexpr int kMaxStallRounds = 3;
// A day counts as done when every deviation is within this fraction of its tolerance.
constexpr double kGoodEnough = 0.6;
// A plan whose day misses its energy target by more than this is refused.
constexpr double kRefuseKcalDeviation = 0.10;

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast and fully determined by the seed.
struct Rng {
  std::uint64_t s;
  std::uint64_t next() {
    std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

// How far a day may stray before it counts as off target, per figure.
struct Tolerance {
  double kcal, protein_g, fat_g, carbs_g;
};
Tolerance tolerance_of(const Macros &t) {
  return {std::max(0.05 * t.kcal, 1.0), std::max(0.10 * t.protein_g, 10.0), std::max(0.10 * t.fat_g, 10.0),
          std::max(0.10 * t.carbs_g, 10.0)};
}

// Deviations in units of tolerance (1.0 = at the edge).
std::array<double, 4> z_scores(const Macros &got, const Macros &t, const Tolerance &tol) {
  return {(got.kcal - t.kcal) / tol.kcal, (got.protein_g - t.protein_g) / tol.protein_g,
          (got.fat_g - t.fat_g) / tol.fat_g, (got.carbs_g - t.carbs_g) / tol.carbs_g};
}

// Energy weighs double: it is the tighter goal and what people notice first.
constexpr std::array<double, 4> kWeights{2.0, 1.0, 1.0, 1.0};

// Squared deviations plus a steep penalty beyond 80 % of a tolerance, so
// that the search spends its effort on the figure about to miss. Macro
// penalties grow only linearly beyond two tolerances: when recipes cannot
// match a macro split (say, a plan built from one fatty dish), the energy
// target still wins.
double penalty(double a) { return a * a + (a > 0.8 ? 20.0 * (a - 0.8) * (a - 0.8) : 0.0); }
double macro_penalty(double a) {
  constexpr double kKnee = 2.0;
  if (a <= kKnee) return penalty(a);
  const double slope = 2 * kKnee + 40.0 * (kKnee - 0.8);
  return penalty(kKnee) + slope * (a - kKnee);
}

double cost_of(const Macros &got, const Macros &t, const Tolerance &tol) {
  auto z = z_scores(got, t, tol);
  const double k = std::abs(z[0]);
  // Energy outside its tolerance outweighs any macro: the day's kcal is the
  // promise that must hold even when no recipe mix matches the split.
  double c = kWeights[0] * penalty(k) + (k > 1.0 ? 1000.0 * (k - 1.0) * (k - 1.0) : 0.0);
  for (std::size_t i = 1; i < 4; ++i) c += kWeights[i] * macro_penalty(std::abs(z[i]));
  return c;
}

bool good_enough(const Macros &got, const Macros &t, const Tolerance &tol) {
  for (double z : z_scores(got, t, tol))
    if (std::abs(z) > kGoodEnough) return false;
  return true;
}

double snap_servings(double k) {
  k = std::clamp(k, kMinServings, kMaxServings);
  return std::round(k / kServingStep) * kServingStep;
}

// The servings of `x` that best fill `residual` (weighted least squares in
// tolerance units), snapped to the 0.25 grid; the cost is of the whole day
// `base + k x`.
struct Fit {
  double servings = 1, cost = 0;
};
Fit best_fit(const Macros &x, const Macros &base, const Macros &target, const Tolerance &tol) {
  const Macros r = target - base;
  const std::array<double, 4> xs{x.kcal, x.protein_g, x.fat_g, x.carbs_g};
  const std::array<double, 4> rs{r.kcal, r.protein_g, r.fat_g, r.carbs_g};
  const std::array<double, 4> ts{tol.kcal, tol.protein_g, tol.fat_g, tol.carbs_g};
  double num = 0, den = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    num += kWeights[i] * xs[i] * rs[i] / (ts[i] * ts[i]);
    den += kWeights[i] * xs[i] * xs[i] / (ts[i] * ts[i]);
  }
  double k = den > 0 ? num / den : 1.0;
  k = std::clamp(k, kMinServings, kMaxServings);
  Fit best{kMinServings, 1e300};
  for (double s : {std::floor(k / kServingStep) * kServingStep, std::ceil(k / kServingStep) * kServingStep}) {
    s = snap_servings(s);
    double c = cost_of(base + x * s, target, tol);
    if (c < best.cost) best = {s, c};
  }
  return best;
}

struct Chosen {
  const Candidate *recipe = nullptr;
  double servings = 1;
};

Macros sum_of(const std::vector<Chosen> &meals) {
  Macros m;
  for (const auto &c : meals)
    if (c.recipe) m = m + c.recipe->per_serving * c.servings;
  return m;
}

void add(Admitted::Pool &pool, std::size_t i, double kcal) {
  if (pool.at.empty()) pool.min_kcal = pool.max_kcal = kcal;
  pool.min_kcal = std::min(pool.min_kcal, kcal);
  pool.max_kcal = std::max(pool.max_kcal, kcal);
  pool.at.push_back(static_cast<std::uint32_t>(i));
}

bool preferred_cuisine(std::uint16_t cuisine, const Restrictions &r) {
  return r.cuisines.empty() || std::find(r.cuisines.begin(), r.cuisines.end(), cuisine) != r.cuisines.end();
}

// One pass over a list's filter keys, for the meal types `needed` only;
// ingredient lists are read only when foods are excluded.
Admitted admit_types(std::span<const Candidate> items, std::span<const FilterKey> keys, const Restrictions &r,
                     std::array<bool, 4> needed) {
  std::vector<FilterKey> computed;
  if (keys.size() != items.size()) keys = computed = filter_keys(items);
  Admitted a;
  a.items = items;
  a.restrictions = r;
  for (std::size_t t = 0; t < 4; ++t)
    if (needed[t]) a.all[t].at.reserve(items.size() / 4);
  std::uint64_t excluded_bits = 0;
  for (auto f : r.excluded_foods) excluded_bits |= std::uint64_t{1} << (f % 64);
  const Mask diet = r.required_diet, allergens = r.excluded_allergens;
  const int max_prep = r.max_prep_minutes.value_or(std::numeric_limits<int>::max());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const FilterKey k = keys[i];
    if (!needed[k.meal_type] || (k.diet_tags & diet) != diet || (k.allergens & allergens) ||
        k.prep_minutes > max_prep)
      continue;
    const Candidate &c = items[i];
    // Only candidates that may contain an excluded food are looked at closely.
    if ((k.foods & excluded_bits) && !allowed(c, r)) continue;
    add(a.all[k.meal_type], i, k.kcal);
    if (!r.cuisines.empty() && preferred_cuisine(k.cuisine, r)) add(a.preferred[k.meal_type], i, k.kcal);
  }
  return a;
}

// The allowed candidates of one meal type for one request: the admitted
// positions of each source in turn (the catalog's, then the user's own),
// read in place rather than copied into one list.
class Pool {
 public:
  void append(std::span<const Candidate> items, std::span<const std::uint32_t> at) {
    if (at.empty()) return;
    parts_.push_back({items.data(), at});
    size_ += at.size();
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const Candidate *operator[](std::size_t i) const {
    for (const auto &p : parts_) {
      if (i < p.at.size()) return p.items + p.at[i];
      i -= p.at.size();
    }
    return nullptr;  // out of range; callers index below size()
  }

 private:
  struct Part {
    const Candidate *items;
    std::span<const std::uint32_t> at;
  };
  std::vector<Part> parts_;
  std::size_t size_ = 0;
};

// A request's pools per meal type, and the smallest and largest kcal per
// serving in each.
struct Pools {
  std::array<Pool, 4> by_type;
  std::array<double, 4> min_kcal{}, max_kcal{};
  std::vector<Admitted> fresh;  // admitted for this request, for sources without a usable Source::admitted

  Pools() = default;
  Pools(Pools &&) = default;  // moves keep the vectors' buffers, so the pools' spans stay valid
  Pools(const Pools &) = delete;
  Pools &operator=(const Pools &) = delete;
};

// A carried list counts only if it was admitted from this very list for these very rules.
bool usable(const Admitted *a, const Source &src, const Restrictions &r) {
  return a && a->items.data() == src.items.data() && a->items.size() == src.items.size() &&
         a->restrictions == r;
}

Pools build_pools(Sources sources, const Restrictions &r, std::span<const Slot> slots) {
  std::array<bool, 4> needed{};
  for (const auto &s : slots) needed[static_cast<std::size_t>(s.type)] = true;
  Pools pools;
  pools.fresh.reserve(sources.size());  // no reallocation: `parts` points into it
  std::vector<const Admitted *> parts;
  for (const auto &src : sources) {
    if (usable(src.admitted, src, r)) {
      parts.push_back(src.admitted);
    } else {
      pools.fresh.push_back(admit_types(src.items, src.keys, r, needed));
      parts.push_back(&pools.fresh.back());
    }
  }
  for (std::size_t t = 0; t < 4; ++t) {
    if (!needed[t]) continue;
    // Cuisines are a preference: a meal type with any recipe of them draws on those alone.
    const bool preferred = std::any_of(parts.begin(), parts.end(),
                                       [&](const Admitted *a) { return !a->preferred[t].at.empty(); });
    bool first = true;
    for (const Admitted *a : parts) {
      const auto &pool = preferred ? a->preferred[t] : a->all[t];
      if (pool.at.empty()) continue;
      pools.min_kcal[t] = first ? pool.min_kcal : std::min(pools.min_kcal[t], pool.min_kcal);
      pools.max_kcal[t] = first ? pool.max_kcal : std::max(pools.max_kcal[t], pool.max_kcal);
      first = false;
      pools.by_type[t].append(a->items, pool.at);
    }
  }
  return pools;
}

// Names the restriction that empties a slot, by checking which one alone,
// when lifted, would leave some recipe of that meal type.
[[noreturn]] void explain_empty(Sources sources, const Restrictions &r, MealType type) {
  struct Lift {
    const char *field;
    Restrictions relaxed;
  };
  std::vector<Lift> lifts;
  auto add = [&](const char *field, auto change) {
    Restrictions x = r;
    change(x);
    lifts.push_back({field, std::move(x)});
  };
  if (r.max_prep_minutes) add("max_prep_minutes", [](Restrictions &x) { x.max_prep_minutes.reset(); });
  if (!r.excluded_foods.empty()) add("exclude_foods", [](Restrictions &x) { x.excluded_foods.clear(); });
  if (r.excluded_allergens) add("exclude_allergens", [](Restrictions &x) { x.excluded_allergens = 0; });
  if (r.required_diet) add("diet", [](Restrictions &x) { x.required_diet = 0; });
  const std::string what = "no " + std::string(to_string(type)) + " recipe fits these restrictions";
  for (const auto &l : lifts)
    for (const auto &src : sources)
      for (const auto &c : src.items)
        if (c.meal_type == type && allowed(c, l.relaxed))
          throw invalid(l.field, what + "; relaxing " + l.field + " would allow some");
  throw invalid(lifts.empty() ? "meals_per_day" : lifts.back().field,
                what + " (the catalog has none of this meal type that fits)");
}

// Which recipes were used on which day, to keep repeats 7 days apart.
class Recency {
 public:
  void use(long long id, int day) {
    auto &v = last_[id];
    v.push_back(day);
  }
  // True if the recipe is planned within kNoRepeatDays of `day` (either side).
  bool near(long long id, int day) const {
    auto it = last_.find(id);
    if (it == last_.end()) return false;
    for (int d : it->second)
      if (std::abs(d - day) < kNoRepeatDays) return true;
    return false;
  }

 private:
  std::unordered_map<long long, std::vector<int>> last_;  // looked up only, never iterated
};

class DayBuilder {
 public:
  DayBuilder(const Pools &pools, std::span<const Slot> slots, const Macros &target, const Recency &recency,
             int day, Rng &rng)
      : pools_(pools),
        slots_(slots),
        target_(target),
        tol_(tolerance_of(target)),
        recency_(recency),
        day_(day),
        rng_(rng) {}

  // Up to `n` candidates for slot `s` that are not planned near this day nor
  // elsewhere today; when the pool has no such recipe at all (no alternative
  // exists), repeats are allowed.
  std::vector<const Candidate *> sample(std::size_t s, int n, const std::vector<Chosen> &today,
                                        long long also_exclude = 0) {
    const auto &pool = pools_.by_type[static_cast<std::size_t>(slots_[s].type)];
    auto fresh = [&](const Candidate *c) {
      if (c->id == also_exclude) return false;
      for (const auto &m : today)
        if (m.recipe && m.recipe->id == c->id) return false;
      return !recency_.near(c->id, day_);
    };
    std::vector<const Candidate *> out;
    if (pool.size() <= static_cast<std::size_t>(2 * n)) {
      for (std::size_t i = 0; i < pool.size(); ++i)
        if (fresh(pool[i])) out.push_back(pool[i]);
      if (out.empty())
        for (std::size_t i = 0; i < pool.size(); ++i)
          if (pool[i]->id != also_exclude) out.push_back(pool[i]);
      return out;
    }
    for (int tries = 0; tries < 4 * n && static_cast<int>(out.size()) < n; ++tries) {
      const Candidate *c = pool[rng_.below(pool.size())];
      if (fresh(c)) out.push_back(c);
    }
    // Unlucky draws in a pool that is mostly used up: look at every candidate.
    for (std::size_t i = 0; out.empty() && i < pool.size(); ++i)
      if (fresh(pool[i])) out.push_back(pool[i]);
    for (std::size_t i = 0; out.empty() && i < pool.size(); ++i)
      if (pool[i]->id != also_exclude) out.push_back(pool[i]);
    return out;
  }

  std::vector<Chosen> build() {
    std::vector<Chosen> meals(slots_.size());
    // Greedy: each slot takes the candidate that best fills the day,
    // assuming the slots still to come will hit their shares.
    double later_share = 1.0;
    for (std::size_t s = 0; s < slots_.size(); ++s) {
      later_share -= slots_[s].share;
      const Macros base = sum_of(meals) + target_ * std::max(later_share, 0.0);
      choose(s, meals, base, kInitSample, 0);
    }
    improve(meals);
    return meals;
  }

  // Local search: replace one meal at a time with the best of a fresh
  // sample, then nudge servings by a step or two, until the day is well
  // inside its tolerances or rounds stop helping.
  void improve(std::vector<Chosen> &meals) {
    double current = cost_of(sum_of(meals), target_, tol_);
    int stall = 0;
    for (int round = 0; round < kMaxRounds && stall < kMaxStallRounds; ++round) {
      if (good_enough(sum_of(meals), target_, tol_)) return;
      const double before = current;
      const std::size_t start = rng_.below(meals.size());
      for (std::size_t i = 0; i < meals.size(); ++i) {
        std::size_t s = (start + i) % meals.size();
        Chosen old = meals[s];
        meals[s].recipe = nullptr;
        const Macros base = sum_of(meals);
        meals[s] = old;
        Fit keep = best_fit(old.recipe->per_serving, base, target_, tol_);
        if (keep.cost < current) {
          meals[s].servings = keep.servings;
          current = keep.cost;
        }
        choose_if_better(s, meals, base, current);
      }
      tune_servings(meals, current);
      stall = current < before - 1e-9 ? 0 : stall + 1;
    }
  }

  void tune_servings(std::vector<Chosen> &meals, double &current) {
    for (auto &m : meals)
      for (double d : {-0.5, -0.25, 0.25, 0.5}) {
        double s = m.servings + d;
        if (s < kMinServings || s > kMaxServings) continue;
        double old = m.servings;
        m.servings = s;
        double c = cost_of(sum_of(meals), target_, tol_);
        if (c < current - 1e-12)
          current = c;
        else
          m.servings = old;
      }
  }

  const Tolerance &tol() const { return tol_; }
  const Macros &target() const { return target_; }

 private:
  void choose(std::size_t s, std::vector<Chosen> &meals, const Macros &base, int n, long long exclude) {
    double best = 1e300;
    for (const auto *c : sample(s, n, meals, exclude)) {
      Fit f = best_fit(c->per_serving, base, target_, tol_);
      if (f.cost < best) {
        best = f.cost;
        meals[s] = {c, f.servings};
      }
    }
  }

  void choose_if_better(std::size_t s, std::vector<Chosen> &meals, const Macros &base, double &current) {
    for (const auto *c : sample(s, kMoveSample, meals)) {
      Fit f = best_fit(c->per_serving, base, target_, tol_);
      if (f.cost < current - 1e-12) {
        current = f.cost;
        meals[s] = {c, f.servings};
      }
    }
  }

  const Pools &pools_;
  std::span<const Slot> slots_;
  Macros target_;
  Tolerance tol_;
  const Recency &recency_;
  int day_;
  Rng &rng_;
};

void check_request(const Request &req) {
  if (req.days < kMinDays || req.days > kMaxDays) throw invalid("days", "days must be from 1 to 14");
  if (req.meals_per_day < kMinMeals || req.meals_per_day > kMaxMeals)
    throw invalid("meals_per_day", "meals_per_day must be from 3 to 6");
  if (req.targets.kcal <= 0) throw invalid("target_kcal", "target_kcal must be positive");
}

Pools checked_pools(Sources sources, const Request &req) {
  auto slots = slot_layout(req.meals_per_day);
  Pools pools = build_pools(sources, req.restrictions, slots);
  double lo = 0, hi = 0;
  for (const auto &s : slots) {
    const auto t = static_cast<std::size_t>(s.type);
    if (pools.by_type[t].empty()) explain_empty(sources, req.restrictions, s.type);
    lo += pools.min_kcal[t] * kMinServings;
    hi += pools.max_kcal[t] * kMaxServings;
  }
  if (req.targets.kcal < lo * (1 - 0.05) || req.targets.kcal > hi * (1 + 0.05))
    throw invalid("target_kcal", "the recipes that fit these restrictions give " +
                                     std::to_string(static_cast<long long>(std::ceil(lo))) + " to " +
                                     std::to_string(static_cast<long long>(std::floor(hi))) +
                                     " kcal a day with " + std::to_string(req.meals_per_day) + " meals; " +
                                     std::to_string(static_cast<long long>(std::lround(req.targets.kcal))) +
                                     " kcal is out of reach");
  return pools;
}

void refuse_if_off_target(const std::vector<Chosen> &meals, const Request &req, int day) {
  double got = sum_of(meals).kcal;
  if (std::abs(got - req.targets.kcal) > kRefuseKcalDeviation * req.targets.kcal)
    throw invalid("target_kcal", "the recipes that fit these restrictions cannot come within 10% of " +
                                     std::to_string(static_cast<long long>(std::lround(req.targets.kcal))) +
                                     " kcal on day " + std::to_string(day + 1) + " (best " +
                                     std::to_string(static_cast<long long>(std::lround(got))) +
                                     " kcal); relax a restriction or change the target");
}

Meal to_meal(const Slot &slot, const Chosen &c) {
  return {std::string(slot.name), c.recipe->id, c.servings, c.recipe->per_serving};
}

long long tenths(double v) { return std::llround(v * 10.0); }

}  // namespace

std::optional<MealType> parse_meal_type(std::string_view s) {
  for (std::size_t i = 0; i < kMealTypes.size(); ++i)
    if (kMealTypes[i] == s) return static_cast<MealType>(i);
  return std::nullopt;
}
std::string_view to_string(MealType t) { return kMealTypes[static_cast<std::size_t>(t)]; }

Admitted admit(std::span<const Candidate> items, std::span<const FilterKey> keys, const Restrictions &r) {
  Admitted a = admit_types(items, keys, r, {true, true, true, true});
  for (auto *pools : {&a.all, &a.preferred})
    for (auto &pool : *pools) pool.at.shrink_to_fit();  // it is kept: no slack
  return a;
}

std::size_t Admitted::bytes() const {
  std::size_t n = sizeof(Admitted) + restrictions.excluded_foods.capacity() * sizeof(std::uint32_t) +
                  restrictions.cuisines.capacity() * sizeof(std::uint16_t);
  for (const auto *pools : {&all, &preferred})
    for (const auto &pool : *pools) n += pool.at.capacity() * sizeof(std::uint32_t);
  return n;
}

std::vector<FilterKey> filter_keys(std::span<const Candidate> items) {
  auto food_bits = [](std::span<const std::uint32_t> foods) {
    std::uint64_t b = 0;
    for (auto f : foods) b |= std::uint64_t{1} << (f % 64);
    return b;
  };
  std::vector<FilterKey> out;
  out.reserve(items.size());
  for (const auto &c : items)
    out.push_back({food_bits(c.foods), static_cast<std::uint16_t>(c.allergens),
                   static_cast<std::uint16_t>(std::clamp(c.prep_minutes, 0, 65535)),
                   static_cast<std::uint8_t>(c.meal_type), static_cast<std::uint8_t>(c.diet_tags), c.cuisine,
                   c.per_serving.kcal});
  return out;
}

Macros operator+(const Macros &a, const Macros &b) {
  return {a.kcal + b.kcal, a.protein_g + b.protein_g, a.fat_g + b.fat_g, a.carbs_g + b.carbs_g};
}
Macros operator-(const Macros &a, const Macros &b) {
  return {a.kcal - b.kcal, a.protein_g - b.protein_g, a.fat_g - b.fat_g, a.carbs_g - b.carbs_g};
}
Macros operator*(const Macros &a, double k) {
  return {a.kcal * k, a.protein_g * k, a.fat_g * k, a.carbs_g * k};
}

bool allowed(const Candidate &c, const Restrictions &r) {
  if ((c.diet_tags & r.required_diet) != r.required_diet) return false;
  if (c.allergens & r.excluded_allergens) return false;
  if (r.max_prep_minutes && c.prep_minutes > *r.max_prep_minutes) return false;
  if (r.excluded_foods.empty()) return true;
  for (auto f : c.foods)
    if (std::binary_search(r.excluded_foods.begin(), r.excluded_foods.end(), f)) return false;
  return true;
}

std::span<const Slot> slot_layout(int meals_per_day) {
  switch (meals_per_day) {
    case 3: return kThree;
    case 4: return kFour;
    case 5: return kFive;
    case 6: return kSix;
  }
  throw invalid("meals_per_day", "meals_per_day must be from 3 to 6");
}

Plan plan_meals(Sources sources, const Request &req) {
  check_request(req);
  Pools pools = checked_pools(sources, req);
  auto slots = slot_layout(req.meals_per_day);
  Rng rng{req.seed};
  Recency recency;
  Plan plan;
  for (int d = 0; d < req.days; ++d) {
    DayBuilder b(pools, slots, req.targets, recency, d, rng);
    auto meals = b.build();
    refuse_if_off_target(meals, req, d);
    Day day;
    for (std::size_t s = 0; s < slots.size(); ++s) {
      recency.use(meals[s].recipe->id, d);
      day.meals.push_back(to_meal(slots[s], meals[s]));
    }
    plan.days.push_back(std::move(day));
  }
  return plan;
}

Plan swap_meal(Sources sources, const Request &req, Plan plan, int day, std::string_view slot) {
  check_request(req);
  if (day < 0 || day >= static_cast<int>(plan.days.size()))
    throw invalid("day", "day must be from 1 to " + std::to_string(plan.days.size()));
  auto slots = slot_layout(req.meals_per_day);
  auto &meals = plan.days[static_cast<std::size_t>(day)].meals;
  std::size_t s = 0;
  while (s < slots.size() && slots[s].name != slot) ++s;
  if (s == slots.size() || meals.size() != slots.size())
    throw invalid("slot", "slot must be one of this plan's slots");
  Pools pools = build_pools(sources, req.restrictions, slots);
  const auto &pool = pools.by_type[static_cast<std::size_t>(slots[s].type)];
  const long long old_id = meals[s].recipe_id;
  bool other = false;
  for (std::size_t i = 0; !other && i < pool.size(); ++i) other = pool[i]->id != old_id;
  if (!other) throw invalid("slot", "no other recipe fits this slot under the plan's restrictions");

  Recency recency;
  for (std::size_t d = 0; d < plan.days.size(); ++d)
    if (static_cast<int>(d) != day)
      for (const auto &m : plan.days[d].meals) recency.use(m.recipe_id, static_cast<int>(d));
  // The day's meals as candidates: the other meals keep their recipe (their
  // servings may move); the swapped one starts empty.
  std::vector<Candidate> current(meals.size());
  std::vector<Chosen> chosen(meals.size());
  for (std::size_t i = 0; i < meals.size(); ++i) {
    current[i].id = meals[i].recipe_id;
    current[i].per_serving = meals[i].per_serving;
    chosen[i] = {&current[i], meals[i].servings};
  }
  Rng rng{req.seed ^ (0xA24BAED4963EE407ULL * static_cast<std::uint64_t>(day + 1)) ^
          static_cast<std::uint64_t>(old_id)};
  DayBuilder b(pools, slots, req.targets, recency, day, rng);
  chosen[s].recipe = nullptr;
  const Macros base = sum_of(chosen);
  double best = 1e300;
  // Every candidate of a small pool, or a wide sample of a large one.
  for (const auto *c : b.sample(s, 4 * kMoveSample, chosen, old_id)) {
    Fit f = best_fit(c->per_serving, base, b.target(), b.tol());
    if (f.cost < best) {
      best = f.cost;
      chosen[s] = {c, f.servings};
    }
  }
  // Re-tune the servings of the whole day around the new meal.
  double cost = cost_of(sum_of(chosen), b.target(), b.tol());
  for (int round = 0; round < 4; ++round) b.tune_servings(chosen, cost);
  for (std::size_t i = 0; i < meals.size(); ++i) {
    meals[i].servings = chosen[i].servings;
    if (i == s) {
      meals[i].recipe_id = chosen[i].recipe->id;
      meals[i].per_serving = chosen[i].recipe->per_serving;
    }
  }
  return plan;
}

Macros meal_nutrition(const Meal &m) {
  Macros n = m.per_serving * m.servings;
  return {static_cast<double>(std::llround(n.kcal)), tenths(n.protein_g) / 10.0, tenths(n.fat_g) / 10.0,
          tenths(n.carbs_g) / 10.0};
}

Macros day_totals(const Day &d) {
  long long kcal = 0, p = 0, f = 0, c = 0;
  for (const auto &m : d.meals) {
    Macros n = meal_nutrition(m);
    kcal += std::llround(n.kcal);
    p += tenths(n.protein_g);
    f += tenths(n.fat_g);
    c += tenths(n.carbs_g);
  }
  return {static_cast<double>(kcal), p / 10.0, f / 10.0, c / 10.0};
}

bool kcal_on_target(const Macros &got, const Macros &target) {
  return std::abs(got.kcal - target.kcal) <= 0.05 * target.kcal;
}

bool macros_on_target(const Macros &got, const Macros &target) {
  auto ok = [](double g, double t) { return std::abs(g - t) <= std::max(0.10 * t, 10.0); };
  return ok(got.protein_g, target.protein_g) && ok(got.fat_g, target.fat_g) &&
         ok(got.carbs_g, target.carbs_g);
}

}  // namespace trae::mealplan
