#include <doctest/doctest.h>

#include <algorithm>

#include "core/catalog.hpp"
#include "core/error.hpp"
#include "core/search.hpp"

using namespace trae;

namespace {
bool has(Mask m, std::string_view allergen) { return m & allergen_bit(allergen); }
}  // namespace

TEST_CASE("foods are classified by group and description") {
  auto butter = classify_food("0100", "Butter, salted");
  CHECK(has(butter.allergens, "dairy"));
  CHECK((butter.traits & kAnimalProduct) != 0);
  auto egg = classify_food("0100", "Egg, whole, raw, fresh");
  CHECK(has(egg.allergens, "egg"));
  CHECK_FALSE(has(egg.allergens, "dairy"));
  CHECK_FALSE(has(classify_food("1100", "Eggplant, raw").allergens, "egg"));
  CHECK((classify_food("1000", "Pork, fresh, loin, raw").traits & kPork) != 0);
  CHECK((classify_food("0500", "Chicken, broilers or fryers, breast, meat only, raw").traits & kMeat) != 0);
  CHECK_FALSE((classify_food("0500", "Chicken, breast").traits & kPork) != 0);
  CHECK((classify_food("0700", "Salami, dry or hard").traits & kPork) != 0);
  CHECK_FALSE((classify_food("0700", "Turkey breast, sliced, prepackaged").traits & kPork) != 0);
  CHECK((classify_food("0600", "Soup, chicken noodle, canned").traits & kMeat) != 0);
  CHECK(has(classify_food("0600", "Soup, chicken noodle, canned").allergens, "gluten"));
  auto shrimp = classify_food("1500", "Crustaceans, shrimp, raw");
  CHECK(has(shrimp.allergens, "shellfish"));
  CHECK_FALSE(has(shrimp.allergens, "fish"));
  CHECK(has(classify_food("1500", "Fish, salmon, Atlantic, raw").allergens, "fish"));
  CHECK(has(classify_food("0600", "Fish sauce").allergens, "fish"));
  CHECK(has(classify_food("1600", "Peanut butter, smooth").allergens, "peanut"));
  CHECK_FALSE(has(classify_food("1600", "Peanut butter, smooth").allergens, "dairy"));
  CHECK(has(classify_food("1200", "Nuts, almonds").allergens, "tree_nut"));
  CHECK_FALSE((classify_food("1200", "Nuts, coconut meat, raw").traits & kMeat) != 0);
  CHECK(has(classify_food("1200", "Seeds, sesame butter, tahini").allergens, "sesame"));
  CHECK(has(classify_food("1600", "Tofu, firm").allergens, "soy"));
  CHECK(has(classify_food("2000", "Spaghetti, dry, enriched").allergens, "gluten"));
  CHECK(has(classify_food("2000", "Oats, rolled").allergens, "gluten"));
  CHECK_FALSE(has(classify_food("2000", "Rice noodles, cooked").allergens, "gluten"));
  CHECK_FALSE(has(classify_food("2000", "Rice cakes, brown rice, plain").allergens, "gluten"));
  CHECK_FALSE(has(classify_food("1400", "Beverages, almond milk, unsweetened").allergens, "dairy"));
  CHECK(has(classify_food("1400", "Beverages, almond milk, unsweetened").allergens, "tree_nut"));
  CHECK((classify_food("1400", "Alcoholic beverage, wine, table, red").traits & kAlcohol) != 0);
  CHECK_FALSE((classify_food("0200", "Vinegar, red wine").traits & kAlcohol) != 0);
  CHECK((classify_food("1900", "Gelatin desserts, dry mix").traits & kGelatin) != 0);
  CHECK((classify_food("1900", "Honey").traits & kAnimalProduct) != 0);
  CHECK_FALSE(has(classify_food("0200", "Leavening agents, cream of tartar").allergens, "dairy"));
  CHECK_FALSE((classify_food("1100", "Mushrooms, portobello, raw").traits & kAlcohol) != 0);
  CHECK_FALSE((classify_food("1100", "Ginger root, raw").traits & kAlcohol) != 0);
}

TEST_CASE("a recipe's nutrition is the sum of its ingredients per serving") {
  Ingredient oats{80, {379, 13.2, 6.5, 67.7, 10.1, 1.0, 6}, classify_food("2000", "Rolled oats")};
  Ingredient milk{250, {61, 3.2, 3.3, 4.8, 0, 5.1, 43}, classify_food("0100", "Milk, whole")};
  std::vector<Ingredient> items{oats, milk};
  auto n = nutrition_per_serving(items, 2);
  CHECK(n.kcal == doctest::Approx((379 * 0.8 + 61 * 2.5) / 2));
  CHECK(n.protein_g == doctest::Approx((13.2 * 0.8 + 3.2 * 2.5) / 2));
  CHECK(n.complete);
  // Changing the servings scales the per-serving figures.
  CHECK(nutrition_per_serving(items, 4).kcal == doctest::Approx(n.kcal / 2));
  // An unknown figure counts as zero and marks the total incomplete.
  Ingredient mystery{100, {50, std::nullopt, 1, 2, 0, 0, 0}, {}};
  auto m = nutrition_per_serving(std::vector<Ingredient>{mystery}, 1);
  CHECK_FALSE(m.complete);
  CHECK(m.protein_g == 0);
  Mask a = recipe_allergens(items);
  CHECK(allergen_names(a) == std::vector<std::string>{"gluten", "dairy"});
  Mask d = recipe_diet_tags(items, n);
  CHECK(diet_names(d) == std::vector<std::string>{"vegetarian", "pescatarian", "halal"});
}

TEST_CASE("diet tags follow the ingredients") {
  auto tags = [](std::vector<std::pair<std::string, std::string>> foods,
                 ServingNutrition n = {400, 20, 10, 50}) {
    std::vector<Ingredient> items;
    for (auto &[g, d] : foods) items.push_back({100, {}, classify_food(g, d)});
    return diet_names(recipe_diet_tags(items, n));
  };
  CHECK(tags({{"1100", "Spinach, raw"}, {"1600", "Chickpeas, canned"}}) ==
        std::vector<std::string>{"vegetarian", "vegan", "pescatarian", "halal", "gluten_free", "dairy_free"});
  CHECK(tags({{"1500", "Fish, cod, raw"}}) ==
        std::vector<std::string>{"pescatarian", "halal", "gluten_free", "dairy_free"});
  CHECK(tags({{"1000", "Pork, loin"}}) == std::vector<std::string>{"gluten_free", "dairy_free"});
  CHECK(tags({{"1300", "Beef, ground"}, {"1400", "Alcoholic beverage, beer"}}) ==
        std::vector<std::string>{"dairy_free"});
  CHECK(tags({{"1900", "Honey"}})[0] == "vegetarian");
  // Keto: at most 10 g net carbs per serving and >= 55 % of energy from fat.
  CHECK(tags({{"0100", "Cheese, cheddar"}}, {400, 25, 33, 3, 1}) ==
        std::vector<std::string>{"vegetarian", "pescatarian", "keto", "halal", "gluten_free"});
  CHECK(diet_requirement("omnivore") == 0);
  CHECK(diet_requirement("vegan") == diet_bit("vegan"));
}

TEST_CASE("allergen lists from query parameters") {
  CHECK(parse_allergen_list("dairy,egg", "exclude_allergens") ==
        (allergen_bit("dairy") | allergen_bit("egg")));
  CHECK(parse_allergen_list("", "x") == 0);
  try {
    parse_allergen_list("dairy,cats", "exclude_allergens");
    FAIL("accepted an unknown allergen");
  } catch (const Error &e) {
    CHECK(e.field == "exclude_allergens");
  }
}

TEST_CASE("workout totals") {
  // 3 x 10 reps (30 s) with 60 s rests, then 2 x 40 s with 30 s rest.
  std::vector<WorkoutItem> items{
      {3, 10, std::nullopt, 60, 5.0, muscle_bit("chest"), equipment_bit("dumbbell")},
      {2, std::nullopt, 40, 30, 8.0, muscle_bit("abdominals"), 0}};
  auto t = workout_totals(items, 70);
  // Block 1: 90 s work + 120 s rest between sets + 60 s after = 270 s.
  // Block 2: 80 s work + 30 s between + 30 s after = 140 s. 410 s -> 7 min.
  CHECK(t.total_minutes == 7);
  CHECK(t.kcal == doctest::Approx(5.0 * 3.5 * 70 / 200 * (270 / 60.0) + 8.0 * 3.5 * 70 / 200 * (140 / 60.0)));
  CHECK(muscle_list(t.muscles) == std::vector<std::string>{"abdominals", "chest"});
  CHECK(equipment_list(t.equipment) == std::vector<std::string>{"dumbbell"});
  CHECK(equipment_list(0) == std::vector<std::string>{"body only"});
  CHECK(equipment_bit("body only") == 0);
  CHECK(default_met("stretching") < default_met("strength"));
  CHECK(default_met("cardio") > default_met("strength"));
}

TEST_CASE("free text becomes a safe prefix query") {
  CHECK(fts_query("Chick pea") == "\"chick\"* \"pea\"*");
  CHECK(fts_query("\"oats\" OR 1=1; DROP TABLE recipes; --") ==
        "\"oats\"* \"or\"* \"1\"* \"1\"* \"drop\"* \"table\"* \"recipes\"*");
  CHECK(fts_query("NEAR(a b) * ( ) ^ :") == "\"near\"* \"a\"* \"b\"*");
  CHECK(fts_query("*** ()\"") == "");
  CHECK(fts_query("k\xc3\xb6"
                  "fte") ==
        "\"k\xc3\xb6"
        "fte\"*");
  std::string many;
  for (int i = 0; i < 20; ++i) {
    many += 'w';
    many += std::to_string(i);
    many += ' ';
  }
  const std::string capped = fts_query(many);
  CHECK(std::count(capped.begin(), capped.end(), '*') == 8);
}

TEST_CASE("cursors round-trip and reject forgeries") {
  Cursor c{"kcal", 412.5, 77, 0, "123"};
  auto d = decode_cursor(encode_cursor(c));
  REQUIRE(d);
  CHECK(d->sort == "kcal");
  CHECK(d->value == 412.5);
  CHECK(d->id == 77);
  CHECK(d->filters == "123");
  CHECK_FALSE(decode_cursor("zz"));
  CHECK_FALSE(decode_cursor("abc"));
  CHECK_FALSE(decode_cursor("6b63616c"));  // "kcal" alone
  CHECK_FALSE(decode_cursor(std::string(2000, 'a')));
  // Forged values: no place in any order, or an offset that would overflow.
  auto forged = [](const std::string &raw) {
    std::string hex;
    for (unsigned char ch : raw) {
      hex += "0123456789abcdef"[ch >> 4];
      hex += "0123456789abcdef"[ch & 15];
    }
    return decode_cursor(hex);
  };
  CHECK(forged("newest|1e300|5|0|1"));  // finite: the order clamps it
  CHECK_FALSE(forged("newest|nan|5|0|1"));
  CHECK_FALSE(forged("kcal|inf|5|0|1"));
  CHECK_FALSE(forged("relevance|0|0|9223372036854775807|1"));
}
