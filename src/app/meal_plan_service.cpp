#include "app/meal_plan_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include "app/catalog_service.hpp"
#include "app/plan_views.hpp"
#include "app/views.hpp"
#include "core/calculator.hpp"
#include "core/error.hpp"
#include "core/meal_planner.hpp"
#include "storage/catalog_query.hpp"
#include "storage/plan_store.hpp"

namespace trae {
namespace {

using mealplan::Macros;
using Table = plan_candidates::Table;

constexpr std::uint64_t kMaxSeed = (1ULL << 53) - 1;  // exact in JSON numbers everywhere

nlohmann::json macros_json(const Macros &m) {
  return {{"kcal", m.kcal}, {"protein_g", m.protein_g}, {"fat_g", m.fat_g}, {"carbs_g", m.carbs_g}};
}

// Target kcal from the profile through the calculator, when the request has none.
double profile_kcal(const Profile &p, long long now) {
  if (!p.sex || !p.birth_date || !p.height_cm || !p.weight_kg)
    throw invalid("target_kcal",
                  "give target_kcal, or complete the profile (sex, birth_date, height_cm and weight_kg) so "
                  "that it can be calculated");
  BodyInput b;
  b.sex = *p.sex;
  b.age = age_on(*p.birth_date, utc_date(now));
  b.height_cm = *p.height_cm;
  b.weight_kg = *p.weight_kg;
  b.activity = p.activity_level.value_or(ActivityLevel::sedentary);
  b.goal = p.goal.value_or(Goal::maintain);
  validate(b);
  return calculate(b).target_kcal;
}

// The request with every default filled in, as stored next to the plan.
nlohmann::json resolve(const MealPlanInput &in, const Profile &profile, long long user, long long now) {
  const double kcal = std::round(in.target_kcal ? *in.target_kcal : profile_kcal(profile, now));
  const Goal goal = profile.goal.value_or(Goal::maintain);
  const std::string diet = in.diet ? *in.diet : profile.diet.value_or("omnivore");
  // Keto is a macro split as much as a food list: its own default (25/70/5).
  MacroSplit split = in.macros
                         ? macro_split(kcal, in.macros->protein_pct, in.macros->fat_pct, in.macros->carbs_pct)
                     : diet == "keto" ? macro_split(kcal, 25, 70, 5)
                                      : macro_split(goal, kcal);
  // Allergies in the profile always apply; the request can only add to them.
  Mask allergens = 0;
  for (const auto &a : profile.allergies) allergens |= allergen_bit(a);
  for (const auto &a : in.exclude_allergens) allergens |= allergen_bit(a);
  std::vector<long long> foods = in.exclude_foods;
  std::sort(foods.begin(), foods.end());
  foods.erase(std::unique(foods.begin(), foods.end()), foods.end());
  std::uint64_t seed = in.seed.value_or(0);
  if (!in.seed) {
    // No seed given: a fresh one, stored with the plan so it can be reproduced.
    std::uint64_t z =
        static_cast<std::uint64_t>(now) * 0x9E3779B97F4A7C15ULL ^ static_cast<std::uint64_t>(user);
    z = (z ^ (z >> 31)) * 0xBF58476D1CE4E5B9ULL;
    seed = (z ^ (z >> 29)) & kMaxSeed;
  }
  nlohmann::json doc = {
      {"days", in.days},
      {"meals_per_day", in.meals_per_day},
      {"targets",
       {{"kcal", kcal},
        {"protein_g", round_to(split.protein_g, 1)},
        {"fat_g", round_to(split.fat_g, 1)},
        {"carbs_g", round_to(split.carbs_g, 1)}}},
      {"macros",
       {{"protein_pct", split.protein_pct}, {"fat_pct", split.fat_pct}, {"carbs_pct", split.carbs_pct}}},
      {"diet", diet},
      {"exclude_allergens", allergen_names(allergens)},
      {"exclude_foods", foods},
      {"cuisines", in.cuisines},
      {"max_prep_minutes",
       in.max_prep_minutes ? nlohmann::json(*in.max_prep_minutes) : nlohmann::json(nullptr)},
      {"seed", seed}};
  return doc;
}

// The planner's request from a stored request; cuisine names become the
// numbers of the candidate tables (names no recipe has are dropped).
mealplan::Request planner_request(const nlohmann::json &doc, const Table &catalog) {
  mealplan::Request r;
  r.days = doc["days"];
  r.meals_per_day = doc["meals_per_day"];
  const auto &t = doc["targets"];
  r.targets = {t["kcal"], t["protein_g"], t["fat_g"], t["carbs_g"]};
  r.restrictions.required_diet = diet_requirement(doc["diet"].get<std::string>());
  for (const auto &a : doc["exclude_allergens"])
    r.restrictions.excluded_allergens |= allergen_bit(a.get<std::string>());
  for (const auto &f : doc["exclude_foods"]) r.restrictions.excluded_foods.push_back(f.get<std::uint32_t>());
  std::sort(r.restrictions.excluded_foods.begin(), r.restrictions.excluded_foods.end());
  for (const auto &c : doc["cuisines"]) {
    auto it = catalog.cuisines.find(c.get<std::string>());
    if (it != catalog.cuisines.end()) r.restrictions.cuisines.push_back(it->second);
  }
  if (doc["max_prep_minutes"].is_number())
    r.restrictions.max_prep_minutes = doc["max_prep_minutes"].get<int>();
  r.seed = doc["seed"];
  return r;
}

// The key of a kept admitted list: every field of the restrictions.
std::string admission_key(const mealplan::Restrictions &r) {
  std::string k = std::to_string(r.required_diet) + '/' + std::to_string(r.excluded_allergens) + "/f";
  for (auto f : r.excluded_foods) k += ',' + std::to_string(f);
  k += "/c";
  for (auto c : r.cuisines) k += ',' + std::to_string(c);
  k += "/p";
  if (r.max_prep_minutes) k += std::to_string(*r.max_prep_minutes);
  return k;
}

// The catalog's and the user's candidates as planner sources; `admitted`,
// when given, is what the catalog admits for the request's restrictions.
struct Candidates {
  std::shared_ptr<const Table> catalog;
  Table owned;
  std::array<mealplan::Source, 2> list;
  Candidates(std::shared_ptr<const Table> cat, Table own, const mealplan::Admitted *admitted = nullptr)
      : catalog(std::move(cat)), owned(std::move(own)) {
    list = {mealplan::Source{catalog->items, catalog->keys, admitted},
            mealplan::Source{owned.items, owned.keys}};
  }
  mealplan::Sources sources() const { return list; }
  const mealplan::Candidate *find(long long id) const {
    for (const auto *t : {&catalog->items, &owned.items}) {
      auto it = std::lower_bound(t->begin(), t->end(), id,
                                 [](const mealplan::Candidate &c, long long v) { return c.id < v; });
      if (it != t->end() && it->id == id) return &*it;
    }
    return nullptr;
  }
};

// The plan as the API shows it: meals with names and rounded nutrition, day
// totals that are the exact sum of the meals, and the grocery list summed
// from the ingredients (per-serving grams x servings), rounded once per food.
// `previous` (the stored plan, on a swap) names recipes deleted since: they
// keep their place and figures but no longer add to the grocery list.
nlohmann::json render(Connection &c, long long user, const nlohmann::json &request,
                      const mealplan::Plan &plan, const nlohmann::json *previous = nullptr) {
  std::map<long long, std::pair<std::string, std::string>> planned;  // id -> (name, meal type)
  if (previous)
    for (const auto &d : (*previous)["days"])
      for (const auto &m : d["meals"])
        planned[m["recipe_id"].get<long long>()] = {m.value("name", ""), m.value("meal_type", "")};
  std::map<long long, RecipeDetail> recipes;
  auto detail = [&](long long id) -> const RecipeDetail * {
    auto it = recipes.find(id);
    if (it == recipes.end()) {
      auto d = catalog_query::recipe_detail(c, id, user);
      if (!d) return nullptr;
      it = recipes.emplace(id, std::move(*d)).first;
    }
    return &it->second;
  };
  struct Grocery {
    std::string name;
    double grams = 0;
  };
  std::map<long long, Grocery> grocery;
  nlohmann::json days = nlohmann::json::array();
  for (std::size_t d = 0; d < plan.days.size(); ++d) {
    nlohmann::json meals = nlohmann::json::array();
    for (const auto &m : plan.days[d].meals) {
      const RecipeDetail *r = detail(m.recipe_id);
      auto gone = planned.find(m.recipe_id);
      if (!r && gone == planned.end()) throw Error(ErrorCode::internal, "planned recipe vanished");
      meals.push_back({{"slot", m.slot},
                       {"recipe_id", m.recipe_id},
                       {"name", r ? r->summary.name : gone->second.first},
                       {"meal_type", r ? r->summary.meal_type : gone->second.second},
                       {"servings", m.servings},
                       {"nutrition", macros_json(mealplan::meal_nutrition(m))}});
      if (!r) continue;
      for (const auto &i : r->ingredients) {
        auto &g = grocery[i.food_id];
        g.name = i.name;
        g.grams += i.grams / r->summary.servings * m.servings;
      }
    }
    days.push_back(
        {{"day", d + 1}, {"meals", meals}, {"totals", macros_json(mealplan::day_totals(plan.days[d]))}});
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto &[id, g] : grocery)
    list.push_back({{"food_id", id}, {"name", g.name}, {"grams", round_to(g.grams, 1)}});
  return {{"targets", request["targets"]},
          {"macros", request["macros"]},
          {"meals_per_day", request["meals_per_day"]},
          {"seed", request["seed"]},
          {"restrictions",
           {{"diet", request["diet"]},
            {"exclude_allergens", request["exclude_allergens"]},
            {"exclude_foods", request["exclude_foods"]},
            {"cuisines", request["cuisines"]},
            {"max_prep_minutes", request["max_prep_minutes"]}}},
          {"days", days},
          {"grocery_list", list}};
}

// A stored plan back into planner terms; per-serving figures come from the
// current candidates, or from the stored figures if the recipe is gone.
mealplan::Plan parse_plan(const nlohmann::json &doc, const Candidates &cands) {
  mealplan::Plan plan;
  for (const auto &d : doc["days"]) {
    mealplan::Day day;
    for (const auto &m : d["meals"]) {
      mealplan::Meal meal;
      meal.slot = m["slot"];
      meal.recipe_id = m["recipe_id"];
      meal.servings = m["servings"];
      if (const auto *c = cands.find(meal.recipe_id)) {
        meal.per_serving = c->per_serving;
      } else {
        const auto &n = m["nutrition"];
        meal.per_serving =
            Macros{n["kcal"], n["protein_g"], n["fat_g"], n["carbs_g"]} * (1.0 / meal.servings);
      }
      day.meals.push_back(std::move(meal));
    }
    plan.days.push_back(std::move(day));
  }
  return plan;
}

}  // namespace

std::shared_ptr<const plan_candidates::Table> MealPlanService::catalog() {
  long long revision = 0;
  db_.read([&](Connection &c) { revision = plan_candidates::catalog_revision(c); });
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (cache_ && revision == cache_revision_) return cache_;
  auto t0 = std::chrono::steady_clock::now();
  db_.read([&](Connection &c) {
    cache_revision_ = plan_candidates::catalog_revision(c);  // the same snapshot as the load
    cache_ = std::make_shared<const Table>(plan_candidates::load_catalog(c));
  });
  admitted_.clear();  // they point into the table just replaced
  log_.info(
      "meal-plan candidates loaded",
      {{"recipes", cache_->items.size()},
       {"revision", cache_revision_},
       {"ms", std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
                  .count()}});
  return cache_;
}

std::shared_ptr<const MealPlanService::KeptAdmission> MealPlanService::admitted(
    const std::shared_ptr<const Table> &table, const mealplan::Restrictions &r) {
  const std::string key = admission_key(r);
  auto kept = admitted_.get(key);
  const bool hit = kept && (*kept)->table == table;
  if (admitted_lookup_) admitted_lookup_(hit);
  if (hit) return *kept;
  auto fresh = std::make_shared<const KeptAdmission>(
      KeptAdmission{table, mealplan::admit(table->items, table->keys, r)});
  admitted_.put(key, fresh, fresh->admitted.bytes() + key.size());
  return fresh;
}

nlohmann::json MealPlanService::generate(long long user, const MealPlanInput &in) {
  const long long now = clock_.now();
  nlohmann::json request = resolve(in, accounts_.profile(user), user, now);
  auto cat = catalog();
  const mealplan::Request planner = planner_request(request, *cat);
  const auto kept = admitted(cat, planner.restrictions);
  nlohmann::json doc;
  db_.read([&](Connection &c) {
    Candidates cands(cat, plan_candidates::load_owned(c, user, cat->cuisines), &kept->admitted);
    mealplan::Plan plan = mealplan::plan_meals(cands.sources(), planner);
    doc = render(c, user, request, plan);
  });
  plan_store::Saved saved{0, now, request, doc};
  db_.write([&](Connection &c) {
    plan_store::Header h{user, in.days, in.meals_per_day, request["targets"]["kcal"].get<double>(), {}};
    saved.id = plan_store::insert(c, plan_store::Kind::meal, h, request, doc, now);
  });
  return saved_plan_json(saved);
}

nlohmann::json MealPlanService::list(long long user, const Paging &p) {
  static const std::vector<std::string> kShown = {"meals_per_day", "targets"};
  catalog_query::Result<plan_store::Outline> r;
  db_.read([&](Connection &c) { r = plan_store::list(c, plan_store::Kind::meal, user, p, kShown); });
  nlohmann::json items = nlohmann::json::array();
  for (auto &s : r.items) {
    nlohmann::json item = nlohmann::json::object();
    item["id"] = s.id;
    item["created_at"] = iso_utc(s.created_at);
    item["days"] = s.days;
    for (const auto &member : kShown) item[member] = std::move(s.plan[member]);
    items.push_back(std::move(item));
  }
  return envelope(r, p, std::move(items));
}

nlohmann::json MealPlanService::get(long long user, long long id) {
  std::optional<plan_store::Saved> s;
  db_.read([&](Connection &c) { s = plan_store::get(c, plan_store::Kind::meal, user, id); });
  if (!s) throw not_found("meal plan");
  return saved_plan_json(*s);
}

void MealPlanService::remove(long long user, long long id) {
  bool gone = false;
  db_.write([&](Connection &c) { gone = plan_store::remove(c, plan_store::Kind::meal, user, id); });
  if (!gone) throw not_found("meal plan");
}

nlohmann::json MealPlanService::swap(long long user, long long id, int day, const std::string &slot) {
  auto cat = catalog();
  std::optional<plan_store::Saved> s;
  db_.read([&](Connection &c) {
    s = plan_store::get(c, plan_store::Kind::meal, user, id);
    if (!s) return;
    const mealplan::Request planner = planner_request(s->request, *cat);
    const auto kept = admitted(cat, planner.restrictions);
    Candidates cands(cat, plan_candidates::load_owned(c, user, cat->cuisines), &kept->admitted);
    mealplan::Plan plan = parse_plan(s->plan, cands);
    if (day < 1 || day > static_cast<int>(plan.days.size()))
      throw invalid("day", "day must be from 1 to " + std::to_string(plan.days.size()));
    plan = mealplan::swap_meal(cands.sources(), planner, std::move(plan), day - 1, slot);
    const nlohmann::json previous = s->plan;
    s->plan = render(c, user, s->request, plan, &previous);
  });
  if (!s) throw not_found("meal plan");
  db_.write([&](Connection &c) {
    plan_store::update_plan(c, plan_store::Kind::meal, user, id, s->plan, clock_.now());
  });
  return saved_plan_json(*s);
}

}  // namespace trae
