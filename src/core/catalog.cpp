#include "core/catalog.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "core/enums.hpp"
#include "core/error.hpp"

namespace trae {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// True if `word` occurs in `text` at a word start (so "egg" does not match
// "eggplant" unless written as such, and "ham" does not match "graham").
bool has_word(const std::string &text, std::string_view word) {
  std::size_t pos = 0;
  while ((pos = text.find(word, pos)) != std::string::npos) {
    bool start_ok = pos == 0 || !std::isalpha(static_cast<unsigned char>(text[pos - 1]));
    std::size_t end = pos + word.size();
    // Allow plural 's'/'es' after the word, but not a longer word.
    bool end_ok = end >= text.size() || !std::isalpha(static_cast<unsigned char>(text[end])) ||
                  ((text[end] == 's') &&
                   (end + 1 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[end + 1])))) ||
                  (text.compare(end, 2, "es") == 0 &&
                   (end + 2 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[end + 2]))));
    if (start_ok && end_ok) return true;
    pos = end;
  }
  return false;
}

bool has_any(const std::string &text, std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (has_word(text, w)) return true;
  return false;
}

constexpr std::array<std::string_view, 7> kDietTags{"vegetarian", "vegan",       "pescatarian", "keto",
                                                    "halal",      "gluten_free", "dairy_free"};
constexpr std::array<std::string_view, 17> kMuscles{
    "abdominals", "abductors",  "adductors",  "biceps", "calves",     "chest",
    "forearms",   "glutes",     "hamstrings", "lats",   "lower back", "middle back",
    "neck",       "quadriceps", "shoulders",  "traps",  "triceps"};
constexpr std::array<std::string_view, 5> kGoals{"strength", "hypertrophy", "endurance", "fat_loss",
                                                 "mobility"};
constexpr std::array<std::string_view, 3> kLevels{"beginner", "intermediate", "expert"};

template <std::size_t N>
Mask bit_in(const std::array<std::string_view, N> &names, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (names[i] == s) return Mask{1} << i;
  return 0;
}

template <typename Names>
std::vector<std::string> names_of(const Names &names, Mask m) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (m & (Mask{1} << i)) out.emplace_back(names[i]);
  return out;
}

}  // namespace

Mask allergen_bit(std::string_view a) {
  auto all = allergens();
  for (std::size_t i = 0; i < all.size(); ++i)
    if (all[i] == a) return Mask{1} << i;
  return 0;
}

std::vector<std::string> allergen_names(Mask m) { return names_of(allergens(), m); }

Mask parse_allergen_list(std::string_view csv, const std::string &field) {
  Mask m = 0;
  std::size_t start = 0;
  while (start <= csv.size()) {
    auto end = csv.find(',', start);
    if (end == std::string_view::npos) end = csv.size();
    auto word = csv.substr(start, end - start);
    if (!word.empty()) {
      Mask b = allergen_bit(word);
      if (!b) throw invalid(field, field + " entries must be " + describe_choices(allergens()));
      m |= b;
    }
    start = end + 1;
  }
  return m;
}

FoodClass classify_food(std::string_view group, std::string_view description) {
  const std::string d = lower(description);
  FoodClass c;
  auto allergen = [&](std::string_view a) { c.allergens |= allergen_bit(a); };
  const bool plant_milk =
      has_any(d, {"soymilk", "almond milk", "oat milk", "rice milk", "coconut milk", "soy milk",
                  "cashew milk", "hemp milk", "milk, soy", "milk, almond", "milk, oat", "milk, rice",
                  "milk, coconut", "beverages, almond", "coconut cream"});
  const bool nut_butter = has_any(d, {"peanut butter", "almond butter", "cashew butter", "cocoa butter",
                                      "sunflower seed butter", "apple butter", "shea"});

  // Animal flesh by food group, then by words in any group (soups, meals...).
  if (group == "0500" || group == "1300" || group == "1700") c.traits |= kMeat;
  if (group == "1000") c.traits |= kMeat | kPork;
  if (group == "0700") {
    c.traits |= kMeat;
    // Luncheon meats are pork unless they say they are something else.
    if (!has_any(d, {"beef", "chicken", "turkey", "meatless", "vegetarian", "veggie"}) ||
        has_any(d, {"pork", "ham", "bacon"}))
      c.traits |= kPork;
    if (has_any(d, {"meatless", "vegetarian", "veggie"})) c.traits &= ~(kMeat | kPork);
  }
  const bool meatless = has_any(d, {"meatless", "vegetarian", "vegan", "meat substitute", "imitation"});
  if (!meatless) {
    if (has_any(d, {"chicken",   "beef",         "turkey",      "lamb",           "veal",        "duck",
                    "goose",     "venison",      "mutton",      "goat",           "rabbit",      "bison",
                    "meat",      "meatball",     "broth, beef", "broth, chicken", "gravy",       "liver",
                    "steak",     "burger patty", "sausage",     "hot dog",        "frankfurter", "salami",
                    "pepperoni", "chorizo",      "prosciutto",  "pastrami",       "bologna"}) &&
        group != "0200" && group != "0800" && group != "0900" && group != "1100" && group != "1200" &&
        group != "1600" && group != "1900" && group != "2000" && !has_any(d, {"coconut meat"}))
      c.traits |= kMeat;
    if (has_any(d, {"pork", "ham", "bacon", "lard", "prosciutto", "pancetta", "salami", "pepperoni",
                    "chorizo"}) &&
        !has_any(d, {"turkey bacon", "turkey ham", "beef bacon"}))
      c.traits |= kMeat | kPork;
  }
  // Fish and shellfish.
  const bool shellfish_word = has_any(
      d, {"shrimp", "prawn", "crab", "lobster", "crayfish", "crawfish", "clam", "mussel", "oyster", "scallop",
          "squid", "calamari", "octopus", "cuttlefish", "langostino", "krill", "whelk", "abalone", "conch"});
  if (group == "1500") {
    if (shellfish_word) {
      c.traits |= kShellfish;
      allergen("shellfish");
    } else {
      c.traits |= kFish;
      allergen("fish");
    }
  } else {
    if (shellfish_word && !meatless) {
      c.traits |= kShellfish;
      allergen("shellfish");
    }
    if (has_any(d, {"fish", "anchovy", "anchovies", "tuna", "salmon", "sardine", "cod", "mackerel", "trout",
                    "tilapia", "haddock", "halibut", "herring", "pollock", "worcestershire", "bonito",
                    "dashi"}) &&
        !has_any(d, {"fish-free", "shellfish"}) && !meatless) {
      c.traits |= kFish;
      allergen("fish");
    }
  }
  // Dairy and eggs.
  const bool dairy_words = has_any(
      d, {"milk", "cheese",  "butter",   "cream",     "yogurt",         "yoghurt", "whey",       "casein",
          "ghee", "paneer",  "halloumi", "kefir",     "buttermilk",     "ricotta", "mozzarella", "parmesan",
          "feta", "cheddar", "custard",  "ice cream", "milk chocolate", "lactose"});
  if ((group == "0100" && !has_any(d, {"egg", "eggs"})) ||
      (dairy_words && !plant_milk && !nut_butter &&
       !has_any(d, {"dairy-free", "non-dairy", "nondairy", "vegan", "cream of tartar"}))) {
    allergen("dairy");
    c.traits |= kAnimalProduct;
  }
  if (has_any(d, {"egg", "eggs", "mayonnaise", "meringue", "egg noodles"}) &&
      !has_any(d, {"eggplant", "egg-free", "eggless", "vegan"})) {
    allergen("egg");
    c.traits |= kAnimalProduct;
  }
  if (has_any(d, {"honey"})) c.traits |= kAnimalProduct;
  if (has_any(d, {"gelatin", "gelatine"})) c.traits |= kGelatin | kAnimalProduct;
  // Nuts, seeds, soy.
  if (has_any(d, {"peanut", "peanuts", "groundnut"})) allergen("peanut");
  if (has_any(d, {"almond", "walnut", "cashew", "pecan", "pistachio", "hazelnut", "filbert", "macadamia",
                  "brazilnut", "brazil nut", "pine nut", "pinenut", "chestnut", "praline", "marzipan",
                  "nutella"}) ||
      (group == "1200" && has_any(d, {"nuts", "mixed nuts"})))
    allergen("tree_nut");
  if (has_any(d, {"sesame", "tahini", "halvah", "halva"})) allergen("sesame");
  if (has_any(d, {"soy", "soya", "soybean", "soybeans", "tofu", "tempeh", "edamame", "miso", "natto",
                  "soymilk", "tamari", "shoyu"}))
    allergen("soy");
  // Gluten: wheat and its relatives, and oats (rarely free of wheat unless labelled).
  if (has_any(d, {"wheat",     "barley",
                  "rye",       "spelt",
                  "semolina",  "durum",
                  "couscous",  "bulgur",
                  "bulgar",    "farro",
                  "seitan",    "malt",
                  "triticale", "kamut",
                  "einkorn",   "oat",
                  "oats",      "oatmeal",
                  "bread",     "breadcrumbs",
                  "pasta",     "spaghetti",
                  "macaroni",  "noodle",
                  "noodles",   "flour",
                  "crackers",  "cracker",
                  "pizza",     "bagel",
                  "croissant", "muffin",
                  "pretzel",   "tortilla, flour",
                  "pita",      "biscuit",
                  "cake",      "cookie",
                  "cookies",   "pastry",
                  "pie crust", "beer",
                  "soy sauce", "udon",
                  "ramen",     "gnocchi",
                  "dumpling",  "bun",
                  "roll",      "waffle",
                  "pancake",   "cereal",
                  "granola",   "stuffing"}) &&
      !has_any(d, {"gluten-free",   "gluten free",    "rice cake",     "rice cakes", "soybean cake",
                   "pasta sauce",   "rice flour",     "corn flour",    "cornmeal",   "almond flour",
                   "coconut flour", "buckwheat",      "rice noodles",  "rice pasta", "rice noodle",
                   "tamari",        "chickpea flour", "cassava flour", "tapioca",    "potato flour"}))
    allergen("gluten");
  // Alcohol (vinegars are fermented past alcohol and count as free of it).
  if (has_any(d, {"wine", "beer", "rum", "vodka", "whiskey", "whisky", "brandy", "liqueur", "sake", "gin",
                  "cognac", "sherry", "port", "vermouth", "tequila", "bourbon", "mirin", "alcoholic",
                  "cider, hard"}) &&
      !has_any(d, {"vinegar", "non-alcoholic", "nonalcoholic", "alcohol-free", "root beer", "ginger beer"}))
    c.traits |= kAlcohol;
  if (group == "1400" && has_any(d, {"alcoholic beverage", "alcoholic", "distilled"})) c.traits |= kAlcohol;
  return c;
}

std::span<const std::string_view> diet_tags() { return kDietTags; }
Mask diet_bit(std::string_view tag) { return bit_in(kDietTags, tag); }
std::vector<std::string> diet_names(Mask m) { return names_of(kDietTags, m); }

Mask diet_requirement(std::string_view profile_diet) {
  if (profile_diet == "omnivore" || profile_diet.empty()) return 0;
  return diet_bit(profile_diet);
}

ServingNutrition nutrition_per_serving(std::span<const Ingredient> items, double servings) {
  ServingNutrition n;
  auto add = [&](double &total, const std::optional<double> &per100, double grams) {
    if (per100)
      total += *per100 * grams / 100.0;
    else
      n.complete = false;
  };
  for (const auto &i : items) {
    add(n.kcal, i.per_100g.kcal, i.grams);
    add(n.protein_g, i.per_100g.protein_g, i.grams);
    add(n.fat_g, i.per_100g.fat_g, i.grams);
    add(n.carbs_g, i.per_100g.carbs_g, i.grams);
    add(n.fiber_g, i.per_100g.fiber_g, i.grams);
    add(n.sugar_g, i.per_100g.sugar_g, i.grams);
    add(n.sodium_mg, i.per_100g.sodium_mg, i.grams);
  }
  if (servings <= 0) servings = 1;
  for (double *v : {&n.kcal, &n.protein_g, &n.fat_g, &n.carbs_g, &n.fiber_g, &n.sugar_g, &n.sodium_mg})
    *v /= servings;
  return n;
}

Mask recipe_allergens(std::span<const Ingredient> items) {
  Mask m = 0;
  for (const auto &i : items) m |= i.cls.allergens;
  return m;
}

Mask food_diet_tags(const FoodClass &c) {
  Mask tags = 0;
  const bool meat = c.traits & (kMeat | kPork);
  const bool sea = c.traits & (kFish | kShellfish);
  const bool gelatin = c.traits & kGelatin;
  if (!meat && !sea && !gelatin) tags |= diet_bit("vegetarian");
  if (!meat && !sea && !gelatin && !(c.traits & kAnimalProduct)) tags |= diet_bit("vegan");
  if (!meat && !gelatin) tags |= diet_bit("pescatarian");
  if (!(c.traits & (kPork | kAlcohol | kGelatin))) tags |= diet_bit("halal");
  if (!(c.allergens & allergen_bit("gluten"))) tags |= diet_bit("gluten_free");
  if (!(c.allergens & allergen_bit("dairy"))) tags |= diet_bit("dairy_free");
  return tags;
}

Mask recipe_diet_tags(std::span<const Ingredient> items, const ServingNutrition &n) {
  // A dish fits a diet when every ingredient does...
  FoodClass all;
  for (const auto &i : items) {
    all.traits |= i.cls.traits;
    all.allergens |= i.cls.allergens;
  }
  Mask tags = food_diet_tags(all);
  // ...and keto is a property of the dish: at most 10 g net carbohydrate per
  // serving and at least 55 % of its energy from fat.
  const double net_carbs = std::max(0.0, n.carbs_g - n.fiber_g);
  if (n.kcal > 0 && net_carbs <= 10.0 && n.fat_g * 9.0 >= 0.55 * n.kcal) tags |= diet_bit("keto");
  return tags;
}

std::span<const std::string_view> muscle_names() { return kMuscles; }
Mask muscle_bit(std::string_view m) { return bit_in(kMuscles, m); }
std::vector<std::string> muscle_list(Mask m) { return names_of(kMuscles, m); }

Mask equipment_bit(std::string_view e) {
  auto all = equipment_kinds();
  for (std::size_t i = 1; i < all.size(); ++i)  // index 0 is "body only": needs nothing
    if (all[i] == e) return Mask{1} << i;
  return 0;
}

std::vector<std::string> equipment_list(Mask m) {
  std::vector<std::string> out;
  auto all = equipment_kinds();
  for (std::size_t i = 1; i < all.size(); ++i)
    if (m & (Mask{1} << i)) out.emplace_back(all[i]);
  if (out.empty()) out.emplace_back(all[0]);
  return out;
}

std::span<const std::string_view> workout_goals() { return kGoals; }
std::span<const std::string_view> levels() { return kLevels; }

// Compendium of Physical Activities (2011) codes for each kind of exercise.
double default_met(std::string_view category) {
  if (category == "cardio") return 7.0;
  if (category == "plyometrics") return 8.0;
  if (category == "stretching") return 2.3;
  if (category == "powerlifting" || category == "olympic weightlifting" || category == "strongman")
    return 6.0;
  return 5.0;  // strength: resistance training, multiple exercises, 8-15 reps
}

WorkoutTotals workout_totals(std::span<const WorkoutItem> items, double weight_kg) {
  WorkoutTotals t;
  double seconds = 0;
  for (const auto &i : items) {
    double work = i.duration_s ? *i.duration_s : (i.reps ? *i.reps * kSecondsPerRep : 0);
    double block = i.sets * work + std::max(0, i.sets - 1) * i.rest_s;
    seconds += block;
    // A rest after the block, before the next exercise.
    seconds += i.rest_s;
    t.kcal += i.met * 3.5 * weight_kg / 200.0 * ((block + i.rest_s) / 60.0);
    t.muscles |= i.muscles;
    t.equipment |= i.equipment;
  }
  t.total_minutes = static_cast<int>(std::ceil(seconds / 60.0));
  return t;
}

}  // namespace trae
