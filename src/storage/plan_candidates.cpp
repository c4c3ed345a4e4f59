#include "storage/plan_candidates.hpp"

#include <algorithm>
#include <utility>

namespace trae::plan_candidates {
namespace {

constexpr const char *kColumns =
    "id, meal_type, cuisine, prep_minutes, kcal, protein_g, fat_g, carbs_g, diet_tags, allergens";

// Reads one recipe row; the ingredient span is set once all foods are in place.
mealplan::Candidate candidate_from_row(Stmt &st, Table &t) {
  mealplan::Candidate c;
  c.id = st->getColumn(0).getInt64();
  c.meal_type = mealplan::parse_meal_type(st->getColumn(1).getString()).value_or(mealplan::MealType::lunch);
  auto cuisine = st->getColumn(2).getString();
  auto it = t.cuisines.find(cuisine);
  if (it == t.cuisines.end())
    it = t.cuisines.emplace(cuisine, static_cast<std::uint16_t>(t.cuisines.size())).first;
  c.cuisine = it->second;
  c.prep_minutes = st->getColumn(3).getInt();
  c.per_serving = {st->getColumn(4).getDouble(), st->getColumn(5).getDouble(), st->getColumn(6).getDouble(),
                   st->getColumn(7).getDouble()};
  c.diet_tags = static_cast<Mask>(st->getColumn(8).getInt64());
  c.allergens = static_cast<Mask>(st->getColumn(9).getInt64());
  return c;
}

// Points each candidate at its ingredients, once every food is in place, and
// builds the filter keys.
void attach_foods(Table &t, const std::vector<std::pair<std::size_t, std::size_t>> &ranges) {
  for (std::size_t i = 0; i < t.items.size(); ++i)
    t.items[i].foods = std::span<const std::uint32_t>(t.foods.data() + ranges[i].first, ranges[i].second);
  t.keys = mealplan::filter_keys(t.items);
}

}  // namespace

long long catalog_revision(Connection &c) {
  auto st = c.prepare("SELECT n FROM catalog_recipe_revision WHERE id = 1");
  return st->executeStep() ? st->getColumn(0).getInt64() : 0;
}

Table load_catalog(Connection &c) {
  Table t;
  {
    auto st =
        c.prepare(std::string("SELECT ") + kColumns + " FROM recipes WHERE +owner_id IS NULL ORDER BY id");
    while (st->executeStep()) t.items.push_back(candidate_from_row(st, t));
  }
  // Both lists are in recipe id order: merge them in one pass. Ingredients
  // of users' recipes are skipped.
  std::vector<std::pair<std::size_t, std::size_t>> ranges(t.items.size(), {0, 0});
  auto st = c.prepare("SELECT recipe_id, food_id FROM recipe_ingredients ORDER BY recipe_id, position");
  std::size_t i = 0;
  while (st->executeStep()) {
    long long rid = st->getColumn(0).getInt64();
    while (i < t.items.size() && t.items[i].id < rid) ++i;
    if (i == t.items.size()) break;
    if (t.items[i].id != rid) continue;
    if (ranges[i].second == 0) ranges[i].first = t.foods.size();
    t.foods.push_back(static_cast<std::uint32_t>(st->getColumn(1).getInt64()));
    ++ranges[i].second;
  }
  attach_foods(t, ranges);
  return t;
}

Table load_owned(Connection &c, long long user, const std::map<std::string, std::uint16_t> &dictionary) {
  Table t;
  t.cuisines = dictionary;
  {
    // INDEXED BY: catalog recipes all have a NULL owner, so ANALYZE counts
    // one owner value for the whole table and would pick a full scan.
    auto st = c.prepare(std::string("SELECT ") + kColumns +
                        " FROM recipes INDEXED BY recipes_owner WHERE owner_id = ?");
    st->bind(1, static_cast<int64_t>(user));
    while (st->executeStep()) t.items.push_back(candidate_from_row(st, t));
  }
  std::sort(t.items.begin(), t.items.end(),
            [](const mealplan::Candidate &a, const mealplan::Candidate &b) { return a.id < b.id; });
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  auto ing = c.prepare("SELECT food_id FROM recipe_ingredients WHERE recipe_id = ? ORDER BY position");
  for (const auto &item : t.items) {
    ing->reset();
    ing->bind(1, static_cast<int64_t>(item.id));
    std::size_t start = t.foods.size();
    while (ing->executeStep()) t.foods.push_back(static_cast<std::uint32_t>(ing->getColumn(0).getInt64()));
    ranges.emplace_back(start, t.foods.size() - start);
  }
  attach_foods(t, ranges);
  return t;
}

std::vector<workoutplan::ExerciseOption> exercises_up_to(Connection &c, const std::string &level) {
  std::string levels = "'beginner'";
  if (level != "beginner") levels += ", 'intermediate'";
  if (level == "expert") levels += ", 'expert'";
  auto st = c.prepare(
      "SELECT id, name, category, level, muscle_mask, equipment, met FROM exercises WHERE level IN (" +
      levels + ") ORDER BY id");
  std::vector<workoutplan::ExerciseOption> out;
  while (st->executeStep()) {
    workoutplan::ExerciseOption e;
    e.id = st->getColumn(0).getInt64();
    e.name = st->getColumn(1).getString();
    e.category = st->getColumn(2).getString();
    e.level = st->getColumn(3).getString();
    e.muscles = static_cast<Mask>(st->getColumn(4).getInt64());
    e.equipment = equipment_bit(st->getColumn(5).getString());
    e.met = st->getColumn(6).getDouble();
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace trae::plan_candidates
