#include "app/seed.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>

#include "app/account_service.hpp"
#include "app/generator.hpp"
#include "app/meal_plan_service.hpp"
#include "app/seed_health.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/health.hpp"
#include "security/password.hpp"
#include "storage/bulk_load.hpp"
#include "storage/health_store.hpp"
#include "storage/plan_store.hpp"
#include "storage/profile_store.hpp"

namespace trae {
namespace {

// The five zones seeded users live in (the dashboards' days follow them).
const char *kZones[] = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"};
const char *kFirst[] = {"Ana",   "Ben",   "Chen",  "Dana",  "Elif", "Femi", "Grace", "Hugo",  "Ines",
                        "Jonas", "Kira",  "Layla", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa",
                        "Sami",  "Tomas", "Uma",   "Vera",  "Wei",  "Yara", "Zoe"};
const char *kLast[] = {"Alvarez", "Becker", "Costa",  "Dubois",   "Eriksen", "Fischer", "Garcia",
                       "Haddad",  "Ito",    "Jensen", "Kowalski", "Lopez",   "Moreau",  "Nakamura",
                       "Okafor",  "Patel",  "Rossi",  "Silva",    "Tanaka",  "Weber"};
constexpr std::size_t kUsersPerTransaction = 250;  // health logs: about 250 x 90 x 11 rows
constexpr long long kPlansPerTransaction = 50000;

// SplitMix64: independent, reproducible streams from (seed, purpose, index).
std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
  std::uint64_t z = a * 0x9E3779B97F4A7C15ULL + b + 0x632BE59BD9B4E019ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

template <typename T, std::size_t N>
const T &pick(std::mt19937_64 &rng, const T (&items)[N]) {
  return items[rng() % N];
}

// Picks an index by weight.
std::size_t weighted(std::mt19937_64 &rng, std::initializer_list<int> weights) {
  int total = 0;
  for (int w : weights) total += w;
  int r = static_cast<int>(rng() % static_cast<std::uint64_t>(total));
  std::size_t i = 0;
  for (int w : weights) {
    if (r < w) return i;
    r -= w;
    ++i;
  }
  return 0;
}

struct SeededUser {
  long long id = 0;
  Profile profile;
  std::string restrictions;  // diet and allergies: plans are shared within one group
  long long created_at = 0;
};

// A plausible adult: body data from sex-specific distributions, a BMI of 19
// to 32, and diets, allergies and equipment in rough real-world shares.
Profile make_profile(std::mt19937_64 &rng, long long n, long long today) {
  Profile p;
  const bool male = rng() % 2 == 0;
  p.sex = male ? Sex::male : Sex::female;
  int y = 0, m = 0, d = 0;
  parse_date(date_of_day(today), y, m, d);
  const int age = 18 + static_cast<int>(rng() % 53);
  char birth[32];
  std::snprintf(birth, sizeof birth, "%04d-%02d-%02d", y - age, 1 + static_cast<int>(rng() % 12),
                1 + static_cast<int>(rng() % 28));
  p.birth_date = birth;
  const double height =
      std::clamp(std::normal_distribution<double>(male ? 176 : 163, male ? 7 : 6.5)(rng), 145.0, 205.0);
  p.height_cm = std::round(height * 10) / 10;
  const double bmi = std::uniform_real_distribution<double>(19, 32)(rng);
  p.weight_kg = std::round(bmi * height * height / 1000) / 10;
  static const ActivityLevel kActivity[] = {ActivityLevel::sedentary, ActivityLevel::light,
                                            ActivityLevel::moderate, ActivityLevel::active,
                                            ActivityLevel::very_active};
  p.activity_level = kActivity[weighted(rng, {25, 30, 25, 15, 5})];
  static const Goal kGoals[] = {Goal::lose, Goal::maintain, Goal::gain};
  p.goal = kGoals[weighted(rng, {50, 30, 20})];
  static const char *kDiets[] = {"omnivore", "vegetarian", "vegan", "pescatarian", "keto", "halal"};
  p.diet = kDiets[weighted(rng, {55, 15, 7, 8, 7, 8})];
  static const char *kAllergens[] = {"gluten", "dairy", "egg",       "peanut", "tree_nut",
                                     "soy",    "fish",  "shellfish", "sesame"};
  if (rng() % 5 == 0) p.allergies = {pick(rng, kAllergens)};
  static const std::vector<std::string> kKits[] = {{"body only"},
                                                   {"body only", "dumbbell"},
                                                   {"body only", "bands", "kettlebells"},
                                                   {"barbell", "body only", "cable", "dumbbell", "machine"}};
  p.equipment = kKits[weighted(rng, {30, 30, 15, 25})];
  p.timezone = kZones[n % 5];
  p.units = p.timezone == std::string("America/New_York") && rng() % 10 < 7 ? "imperial" : "metric";
  p.language = rng() % 20 == 0 ? "ar" : "en";
  p.water_goal_ml = 2000 + static_cast<int>(rng() % 5) * 250;
  p.steps_goal = 6000 + static_cast<int>(rng() % 7) * 1000;
  return p;
}

// Runs `load` with the tables' secondary indexes dropped, then builds them
// again: one sort per index instead of a random B-tree update per row. Only
// around steps that never read those indexes and only insert rows; UNIQUE
// indexes are dropped too, and rebuilding them checks every row at once.
template <typename Load>
void with_indexes_deferred(Database &db, const std::vector<std::string> &tables, const Progress &progress,
                           Load load) {
  std::vector<std::string> saved;
  db.write([&](Connection &c) {
    for (const auto &t : tables)
      for (auto &sql : bulk_load::drop_secondary_indexes(c, t, true)) saved.push_back(std::move(sql));
  });
  load();
  db.write([&](Connection &c) { bulk_load::recreate(c, saved); });
  if (progress)
    progress("indexes rebuilt", static_cast<long long>(saved.size()), static_cast<long long>(saved.size()));
}

// Runs `load` without the named per-row triggers, then `catch_up`, which does
// in one statement what they would have done row by row, and puts them back.
template <typename Load, typename CatchUp>
void with_triggers_deferred(Database &db, const std::vector<std::string> &names, Load load,
                            CatchUp catch_up) {
  std::vector<std::string> saved;
  db.write([&](Connection &c) { saved = bulk_load::drop_triggers(c, names); });
  load();
  db.write([&](Connection &c) {
    catch_up(c);
    bulk_load::recreate(c, saved);
  });
}

long long count_rows(Connection &c, const std::string &sql) {
  auto st = c.prepare(sql);
  return st->executeStep() ? st->getColumn(0).getInt64() : 0;
}

void refuse_unless_empty(Database &db) {
  long long users = 0, generated = 0;
  db.read([&](Connection &c) {
    users = count_rows(c, "SELECT count(*) FROM users");
    generated = count_rows(
        c,
        "SELECT (SELECT count(*) FROM (SELECT 1 FROM recipes WHERE source = 'generated' LIMIT 1)) + "
        "(SELECT count(*) FROM (SELECT 1 FROM workouts WHERE source = 'generated' LIMIT 1))");
  });
  if (users > 0 || generated > 0)
    throw Error(ErrorCode::conflict,
                "the database already holds " + std::to_string(users) + " users" +
                    (generated ? " and generated catalog rows" : "") +
                    "; seed fills an empty database (point DATA_DIR at a new directory)");
}

std::vector<SeededUser> seed_users(Database &db, const SeedOptions &opt, long long now,
                                   const Progress &progress) {
  // One hash for everyone: argon2id is deliberately slow. The salt comes from
  // the seed so that the same seed gives the same row.
  std::string salt(16, '\0');
  for (int i = 0; i < 16; ++i) salt[i] = static_cast<char>(mix(opt.seed, 0x5A17 + i) & 0xFF);
  const std::string hash = hash_password_with_salt(kSeedPassword, salt);
  std::vector<SeededUser> users;
  users.reserve(static_cast<std::size_t>(opt.users));
  db.write([&](Connection &c) {
    auto st = c.prepare(
        "INSERT INTO users(email, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
    for (long long n = 1; n <= opt.users; ++n) {
      std::mt19937_64 rng(mix(opt.seed, static_cast<std::uint64_t>(n)));
      SeededUser u;
      u.created_at = now - (opt.health_days + 30 + static_cast<long long>(rng() % 700)) * 86400 -
                     static_cast<long long>(rng() % 86400);
      std::string name = pick(rng, kFirst);
      name.append(" ").append(pick(rng, kLast));
      st->bind(1, seed_email(n));
      st->bind(2, name);
      st->bind(3, hash);
      st->bind(4, static_cast<int64_t>(u.created_at));
      st->bind(5, static_cast<int64_t>(u.created_at));
      st->exec();
      st->reset();
      u.id = c.db().getLastInsertRowid();
      u.profile = make_profile(rng, n, opt.today);
      u.restrictions = *u.profile.diet;
      for (const auto &a : u.profile.allergies) u.restrictions.append("|").append(a);
      profile_store::save(c, u.id, u.profile, u.created_at);
      users.push_back(std::move(u));
      if (progress && (n % 5000 == 0 || n == opt.users)) progress("users", n, opt.users);
    }
  });
  return users;
}

void seed_health_logs(Database &db, const SeedOptions &opt, std::vector<SeededUser> &users, TimeZones &zones,
                      long long now, const Progress &progress) {
  if (opt.health_days <= 0) return;
  std::vector<seed_health::Meal> meals;
  db.read([&](Connection &c) { meals = seed_health::starter_meals(c); });
  for (std::size_t from = 0; from < users.size(); from += kUsersPerTransaction) {
    const std::size_t to = std::min(users.size(), from + kUsersPerTransaction);
    std::vector<seed_health::Person> people;
    for (std::size_t i = from; i < to; ++i) {
      const Profile &p = users[i].profile;
      // Losing about 0.4 kg a week, gaining 0.2, or holding steady.
      const double trend = p.goal == Goal::lose ? -0.06 : p.goal == Goal::gain ? 0.03 : 0.0;
      const double start = *p.weight_kg - trend * opt.health_days;
      people.push_back({users[i].id, &zones.get(p.timezone), start, trend,
                        mix(opt.seed ^ 0x4EA17, static_cast<std::uint64_t>(i))});
    }
    db.write([&](Connection &c) {
      seed_health::fill(c, people, meals, opt.today, opt.health_days, now);
      // The profile shows the latest weighing.
      auto st = c.prepare("UPDATE profiles SET weight_kg = ? WHERE user_id = ?");
      for (std::size_t k = 0; k < people.size(); ++k) {
        const double kg = std::round(people[k].kg * 10) / 10;
        users[from + k].profile.weight_kg = kg;
        st->bind(1, kg);
        st->bind(2, static_cast<int64_t>(people[k].id));
        st->exec();
        st->reset();
      }
    });
    if (progress)
      progress("health logs (users)", static_cast<long long>(to), static_cast<long long>(users.size()));
  }
}

// A plan the planner made, ready to be given to more users: its documents
// as stored (packed), copied byte for byte.
struct PooledPlan {
  plan_store::Header header;
  std::string request, plan;
};

void seed_meal_plans(Database &db, const SeedOptions &opt, const std::vector<SeededUser> &users,
                     const Clock &clock, Logger &log, const Progress &progress) {
  if (opt.meal_plans <= 0 || users.empty()) return;
  AccountService accounts(db, clock, log);
  MealPlanService planner(db, accounts, clock, log);
  // Short plans keep a million rows to about 1 GB (a one-day plan with its
  // grocery list is about 2.6 KB of JSON and 0.8 KB packed, and each further
  // day adds about 1.5 KB of JSON): seven in eight are one day long, the
  // others two; 3 or 4 meals a day.
  static const int kDays[] = {1, 1, 1, 1, 1, 1, 1, 2};
  static const int kMeals[] = {3, 3, 4};
  const long long pool_size = std::min(opt.meal_plans, kMealPlanPool);
  std::map<std::string, long long> group_sizes;
  for (const auto &u : users) ++group_sizes[u.restrictions];
  std::map<std::string, std::vector<PooledPlan>> pool;
  std::map<std::string, long long> attempts;
  std::vector<long long> planned(users.size(), 0);
  long long made = 0, refused = 0;
  for (std::size_t i = 0; i < users.size() && made < pool_size; ++i) {
    const auto &u = users[i];
    const long long quota =
        std::max(1LL, pool_size * group_sizes[u.restrictions] / static_cast<long long>(users.size()));
    auto &mine = pool[u.restrictions];
    // Groups the planner cannot serve (a rare diet with an allergy the
    // catalog cannot avoid) get a few tries, then no plans.
    if (static_cast<long long>(mine.size()) >= quota || attempts[u.restrictions] >= quota + 3) continue;
    ++attempts[u.restrictions];
    std::mt19937_64 rng(mix(opt.seed ^ 0x9A1A, static_cast<std::uint64_t>(i)));
    MealPlanInput in;
    in.days = pick(rng, kDays);
    in.meals_per_day = pick(rng, kMeals);
    in.seed = rng() & ((1ULL << 53) - 1);
    nlohmann::json saved;
    try {
      saved = planner.generate(u.id, in);
    } catch (const Error &e) {
      if (e.code != ErrorCode::invalid) throw;
      ++refused;
      continue;
    }
    PooledPlan p;
    p.header = {0, in.days, in.meals_per_day, 0, {}};
    db.read([&](Connection &c) {
      auto st = c.prepare("SELECT target_kcal, request, plan FROM meal_plans WHERE id = ?");
      st->bind(1, static_cast<int64_t>(saved["id"].get<long long>()));
      if (!st->executeStep()) throw Error(ErrorCode::internal, "a generated meal plan vanished");
      p.header.target = st->getColumn(0).getDouble();
      auto blob = [&](int i) {
        auto col = st->getColumn(i);
        return std::string(static_cast<const char *>(col.getBlob()),
                           static_cast<std::size_t>(col.getBytes()));
      };
      p.request = blob(1);
      p.plan = blob(2);
    });
    mine.push_back(std::move(p));
    ++planned[i];
    ++made;
    if (progress && made % 100 == 0) progress("meal plans by the planner", made, pool_size);
  }
  if (progress) progress("meal plans by the planner", made, made);
  if (refused)
    log.info("seed: the planner refused some restriction groups", {{"refused", refused}, {"made", made}});
  // The rest: copies for every user whose group has plans, spread evenly,
  // each with its own date between sign-up and today.
  std::vector<std::size_t> eligible;
  for (std::size_t i = 0; i < users.size(); ++i)
    if (!pool[users[i].restrictions].empty()) eligible.push_back(i);
  const long long rest = opt.meal_plans - made;
  if (eligible.empty() || rest <= 0) return;
  const long long now = clock.now();
  const long long each = rest / static_cast<long long>(eligible.size());
  const long long extra = rest % static_cast<long long>(eligible.size());
  long long copied = 0;
  std::size_t k = 0;
  with_indexes_deferred(db, {"meal_plans"}, progress, [&] {
    while (k < eligible.size()) {
      db.write([&](Connection &c) {
        long long in_tx = 0;
        for (; k < eligible.size() && in_tx < kPlansPerTransaction; ++k) {
          const auto &u = users[eligible[k]];
          const auto &mine = pool[u.restrictions];
          std::mt19937_64 rng(mix(opt.seed ^ 0xC0B1, static_cast<std::uint64_t>(eligible[k])));
          const long long n = each + (static_cast<long long>(k) < extra ? 1 : 0);
          const long long span = std::max(1LL, now - u.created_at);
          std::vector<long long> times(static_cast<std::size_t>(n));
          for (auto &t : times)
            t = u.created_at + static_cast<long long>(rng() % static_cast<std::uint64_t>(span));
          std::sort(times.begin(), times.end());
          for (long long t : times) {
            const PooledPlan &p = mine[rng() % mine.size()];
            plan_store::Header h = p.header;
            h.user = u.id;
            plan_store::insert_packed(c, plan_store::Kind::meal, h, p.request, p.plan, t);
          }
          in_tx += n;
          copied += n;
        }
      });
      if (progress) progress("meal plans (copies)", copied, rest);
    }
  });
}

}  // namespace

std::string seed_email(long long n) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "user%05lld@seed.trae.example", n);
  return buf;
}

void seed_database(Database &db, const SeedOptions &opt, TimeZones &zones, Logger &log,
                   const Progress &progress) {
  refuse_unless_empty(db);
  // Mid-afternoon UTC of the last day: every row's time derives from it.
  const long long now = opt.today * 86400 + 15 * 3600;
  ManualClock clock(now);
  if (!starter_set_loaded(db)) load_starter_set(db, embedded_seed_files(), clock, progress);
  db.with_writer([](Connection &c) { bulk_load::begin_fast_fill(c); });
  auto users = seed_users(db, opt, now, progress);
  // The catalog revision counts catalog recipe inserts: one bump by the total.
  with_indexes_deferred(db, {"recipes", "recipe_ingredients"}, progress, [&] {
    long long made = 0;
    with_triggers_deferred(
        db, {"recipes_revision_insert"},
        [&] { made = generate_recipes(db, opt.recipes, opt.seed, clock, progress); },
        [&](Connection &c) {
          auto st = c.prepare("UPDATE catalog_recipe_revision SET n = n + ? WHERE id = 1");
          st->bind(1, static_cast<int64_t>(made));
          st->exec();
        });
  });
  // Generated workouts are only inserted, so workout_muscles can drop its
  // indexes too; the full-text index is rebuilt from the table in one pass.
  with_indexes_deferred(db, {"workouts", "workout_exercises", "workout_muscles"}, progress, [&] {
    with_triggers_deferred(
        db, {"workouts_fts_insert"}, [&] { generate_workouts(db, opt.workouts, opt.seed, clock, progress); },
        [](Connection &c) { c.exec("INSERT INTO workouts_fts(workouts_fts) VALUES ('rebuild')"); });
  });
  std::vector<std::string> log_tables;
  for (const auto &k : log_kinds()) log_tables.emplace_back(health_store::table_name(k.kind));
  // active_days is filled once from the finished tables instead of by a
  // trigger per inserted row.
  with_triggers_deferred(
      db, health_store::active_day_insert_triggers(),
      [&] {
        with_indexes_deferred(db, log_tables, progress,
                              [&] { seed_health_logs(db, opt, users, zones, now, progress); });
      },
      [](Connection &c) { health_store::rebuild_active_days(c); });
  seed_meal_plans(db, opt, users, clock, log, progress);
  db.with_writer([](Connection &c) {
    bulk_load::end_fast_fill(c);
    // Fresh statistics for the query planner (sampled, so it stays quick).
    c.exec("PRAGMA analysis_limit=1000");
    c.exec("ANALYZE");
    c.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  });
}

std::vector<std::pair<std::string, long long>> seed_table_counts(Database &db) {
  std::vector<std::string> tables = {"users",    "profiles",          "recipes",    "recipe_ingredients",
                                     "workouts", "workout_exercises", "meal_plans", "workout_plans"};
  for (const auto &k : log_kinds()) tables.emplace_back(health_store::table_name(k.kind));
  std::vector<std::pair<std::string, long long>> out;
  db.read([&](Connection &c) {
    for (const auto &t : tables) out.emplace_back(t, count_rows(c, "SELECT count(*) FROM " + t));
  });
  return out;
}

}  // namespace trae
