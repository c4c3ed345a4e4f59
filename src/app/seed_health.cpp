#include "app/seed_health.hpp"

#include <cmath>

#include "core/calendar.hpp"

namespace trae::seed_health {
namespace {

struct Filler {
  Connection &c;
  const std::vector<Meal> &meals;
  long long now;
  std::mt19937_64 *rng = nullptr;  // the current person's stream

  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(*rng); }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(*rng); }
  double noise(double sd) { return std::normal_distribution<double>(0, sd)(*rng); }

  // Inserts one row: user_id, at, day, then the kind's columns, then the two timestamps.
  template <typename Bind>
  void row(const char *sql, const Person &p, long long at, const std::string &day, Bind bind_rest) {
    auto st = c.prepare(sql);
    st->bind(1, static_cast<int64_t>(p.id));
    st->bind(2, static_cast<int64_t>(at));
    st->bind(3, day);
    int next = bind_rest(st);
    st->bind(next, static_cast<int64_t>(now));
    st->bind(next + 1, static_cast<int64_t>(now));
    st->exec();
  }

  // The meal for a slot: a starter recipe of that meal type when there is one.
  const Meal *meal_for(const char *slot) {
    if (meals.empty()) return nullptr;
    for (int tries = 0; tries < 8; ++tries) {
      const Meal &m = meals[(*rng)() % meals.size()];
      if (m.meal_type == slot) return &m;
    }
    return &meals[(*rng)() % meals.size()];
  }

  void day(Person &p, long long day) {
    if (between(0, 9) == 0) return;  // some days without any log
    const std::string date = date_of_day(day);
    auto at_local = [&](int minute_of_day) {
      long long guess = day * 86400 + minute_of_day * 60;
      return guess - p.tz->offset_at(guess);
    };
    p.kg += p.kg_per_day + noise(0.25);
    row("INSERT INTO weight_logs(user_id, at, day, weight_kg, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
        "?)",
        p, at_local(7 * 60 + between(0, 60)), date, [&](Stmt &st) {
          st->bind(4, std::round(p.kg * 10) / 10);
          return 5;
        });
    for (int k = 0; k < 3; ++k)
      row("INSERT INTO water_logs(user_id, at, day, ml, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", p,
          at_local(9 * 60 + k * 240 + between(0, 60)), date, [&](Stmt &st) {
            st->bind(4, between(3, 12) * 50);
            return 5;
          });
    static const char *kSlots[] = {"breakfast", "lunch", "dinner"};
    for (int k = 0; k < 3; ++k) {
      const Meal *m = meal_for(kSlots[k]);
      const double servings = between(2, 6) * 0.25 + 0.5;  // 1 to 2 servings
      row("INSERT INTO food_logs(user_id, at, day, recipe_id, servings, meal_slot, name, kcal, protein_g, "
          "fat_g, "
          "carbs_g, fiber_g, sugar_g, sodium_mg, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, "
          "?, ?, ?, ?, ?, ?)",
          p, at_local(8 * 60 + k * 300 + between(0, 45)), date, [&](Stmt &st) {
            if (m)
              st->bind(4, static_cast<int64_t>(m->recipe_id));
            else
              st->bind(4);
            st->bind(5, servings);
            st->bind(6, kSlots[k]);
            st->bind(7, m ? m->name : std::string("Home-cooked meal"));
            auto per = [&](double v) { return std::round(v * servings * 10) / 10; };
            st->bind(8, per(m ? m->kcal : 550));
            st->bind(9, per(m ? m->protein_g : 25));
            st->bind(10, per(m ? m->fat_g : 20));
            st->bind(11, per(m ? m->carbs_g : 60));
            st->bind(12, per(m ? m->fiber_g : 6));
            st->bind(13, per(m ? m->sugar_g : 10));
            st->bind(14, per(m ? m->sodium_mg : 600));
            return 15;
          });
    }
    row("INSERT INTO step_logs(user_id, at, day, count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", p,
        at_local(0), date, [&](Stmt &st) {
          st->bind(4, between(1500, 16000));
          return 5;
        });
    long long end = at_local(6 * 60 + between(0, 90));
    int minutes = between(330, 540);
    row("INSERT INTO sleep_logs(user_id, at, day, start_at, minutes, quality, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        p, end, date, [&](Stmt &st) {
          st->bind(4, static_cast<int64_t>(end - minutes * 60));
          st->bind(5, minutes);
          st->bind(6, between(1, 5));
          return 7;
        });
    if (day % 3 == 0)
      row("INSERT INTO heart_rate_logs(user_id, at, day, bpm, resting, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, 1, ?, ?)",
          p, at_local(7 * 60), date, [&](Stmt &st) {
            st->bind(4, between(50, 80));
            return 5;
          });
    if (day % 2 == 0)
      row("INSERT INTO workout_logs(user_id, at, day, name, duration_minutes, rpe, kcal_burned, muscle_mask, "
          "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          p, at_local(18 * 60), date, [&](Stmt &st) {
            static const char *kKinds[] = {"Strength session", "Easy run", "Cycling", "Yoga", "HIIT"};
            st->bind(4, kKinds[(*rng)() % 5]);
            int mins = between(20, 75);
            st->bind(5, mins);
            st->bind(6, between(4, 9));
            // MET 5 x 3.5 ml O2/kg/min / 200 = kcal per minute.
            st->bind(7, std::round(5.0 * 3.5 * p.kg / 200 * mins));
            st->bind(8, static_cast<int64_t>((*rng)() & 0x1ffff));
            return 9;
          });
    if (day % 7 == 0)
      row("INSERT INTO measurement_logs(user_id, at, day, waist_cm, hip_cm, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          p, at_local(7 * 60), date, [&](Stmt &st) {
            // Waist follows weight (about 1 cm per kg), hips less so.
            st->bind(4, std::round((p.kg * 0.95 + 12 + noise(0.8)) * 10) / 10);
            st->bind(5, std::round((p.kg * 0.5 + 62 + noise(0.8)) * 10) / 10);
            return 6;
          });
  }
};

}  // namespace

std::vector<Meal> starter_meals(Connection &c) {
  std::vector<Meal> out;
  auto st = c.prepare(
      "SELECT id, name, meal_type, kcal, protein_g, fat_g, carbs_g, fiber_g, sugar_g, sodium_mg FROM recipes "
      "WHERE source = 'seed' ORDER BY id");
  while (st->executeStep())
    out.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getString(), st->getColumn(2).getString(),
                   st->getColumn(3).getDouble(), st->getColumn(4).getDouble(), st->getColumn(5).getDouble(),
                   st->getColumn(6).getDouble(), st->getColumn(7).getDouble(), st->getColumn(8).getDouble(),
                   st->getColumn(9).getDouble()});
  return out;
}

void fill(Connection &c, std::vector<Person> &people, const std::vector<Meal> &meals, long long last_day,
          int days, long long now) {
  std::vector<std::mt19937_64> streams;
  streams.reserve(people.size());
  for (const auto &p : people) streams.emplace_back(p.rng_seed);
  Filler f{c, meals, now};
  // Day by day across the people, as a live server would write them, so one
  // user's rows are spread over the file like in production.
  for (long long d = last_day - days + 1; d <= last_day; ++d)
    for (std::size_t i = 0; i < people.size(); ++i) {
      f.rng = &streams[i];
      f.day(people[i], d);
    }
}

}  // namespace trae::seed_health
