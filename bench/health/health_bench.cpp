// bench/health: fills a database with N users x D days of health logs (a
// simple deterministic filler writing through prepared statements in large
// transactions), then times the dashboard's storage work -- the profile and
// every query of GET /api/v1/dashboard in one read snapshot -- for random
// users, and prints p50/p95/p99. It also times the whole DashboardService
// call (storage plus figures and JSON) and the 90-day progress series.
//
// usage: health_bench [--users N] [--days D] [--samples S] [--db PATH]
//   --db reuses a database built by an earlier run with the same counts.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "app/dashboard_service.hpp"
#include "app/time_zones.hpp"
#include "core/calendar.hpp"
#include "storage/health_store.hpp"
#include "storage/health_summary_query.hpp"
#include "storage/migrations.hpp"
#include "storage/profile_store.hpp"

using namespace trae;
using Steady = std::chrono::steady_clock;

namespace {

const char *kZones[] = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"};
constexpr long long kFirstDay = 20694;  // 2026-08-29: 90 days end on 2026-11-26

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5))];
}

void report(const std::string &what, const std::vector<double> &ms) {
  std::printf("%-44s p50 %7.3f ms   p95 %7.3f ms   p99 %7.3f ms   (%zu samples)\n", what.c_str(),
              pct(ms, 0.50), pct(ms, 0.95), pct(ms, 0.99), ms.size());
}

long long count(Database &db, const std::string &sql) {
  long long n = 0;
  db.read([&](Connection &c) {
    auto st = c.prepare(sql);
    if (st->executeStep()) n = st->getColumn(0).getInt64();
  });
  return n;
}

// The filler writes day by day across all users, as a live server would, so
// one user's rows are spread over the file like in production.
struct Person {
  long long id = 0;
  const TimeZone *tz = nullptr;
  double kg = 0;
};

struct Filler {
  Connection &c;
  std::mt19937 &rng;
  long long now;

  double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }

  Person user(long long i, TimeZones &zones) {
    const char *zone = kZones[i % 5];
    auto u = c.prepare(
        "INSERT INTO users(email, name, password_hash, created_at, updated_at) VALUES (?, ?, 'x', ?, ?)");
    u->bind(1, "user" + std::to_string(i) + "@bench.example");
    u->bind(2, "Bench " + std::to_string(i));
    u->bind(3, static_cast<int64_t>(now));
    u->bind(4, static_cast<int64_t>(now));
    u->exec();
    Person person{c.db().getLastInsertRowid(), &zones.get(zone), uniform(55, 110)};
    auto p = c.prepare(
        "INSERT INTO profiles(user_id, sex, birth_date, height_cm, weight_kg, activity_level, goal, "
        "timezone, "
        "updated_at) VALUES (?, ?, '1988-05-17', ?, ?, 'moderate', 'lose', ?, ?)");
    p->bind(1, static_cast<int64_t>(person.id));
    p->bind(2, i % 2 ? "male" : "female");
    p->bind(3, uniform(155, 195));
    p->bind(4, person.kg);
    p->bind(5, zone);
    p->bind(6, static_cast<int64_t>(now));
    p->exec();
    return person;
  }

  // Inserts one row: user_id, at, day, then the kind's columns, then the two timestamps.
  template <typename Bind>
  void row(const std::string &sql, const Person &p, long long at, long long day, Bind bind_rest) {
    auto st = c.prepare(sql);
    st->bind(1, static_cast<int64_t>(p.id));
    st->bind(2, static_cast<int64_t>(at));
    st->bind(3, date_of_day(day));
    int next = bind_rest(st);
    st->bind(next, static_cast<int64_t>(now));
    st->bind(next + 1, static_cast<int64_t>(now));
    st->exec();
  }

  void day(Person &p, long long day) {
    if (between(0, 9) == 0) return;  // some days without any log
    auto at_local = [&](int minute_of_day) {
      long long guess = day * 86400 + minute_of_day * 60;
      return guess - p.tz->offset_at(guess);
    };
    p.kg += uniform(-0.3, 0.25);
    row("INSERT INTO weight_logs(user_id, at, day, weight_kg, created_at, updated_at) VALUES (?, ?, ?, ?, ?, "
        "?)",
        p, at_local(7 * 60), day, [&](Stmt &st) {
          st->bind(4, p.kg);
          return 5;
        });
    for (int k = 0; k < 3; ++k)
      row("INSERT INTO water_logs(user_id, at, day, ml, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", p,
          at_local(9 * 60 + k * 240), day, [&](Stmt &st) {
            st->bind(4, between(150, 600));
            return 5;
          });
    static const char *kSlots[] = {"breakfast", "lunch", "dinner"};
    for (int k = 0; k < 3; ++k)
      row("INSERT INTO food_logs(user_id, at, day, grams, meal_slot, name, kcal, protein_g, fat_g, carbs_g, "
          "fiber_g, sugar_g, sodium_mg, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'Bench meal', ?, ?, "
          "?, ?, "
          "?, ?, ?, ?, ?)",
          p, at_local(8 * 60 + k * 300), day, [&](Stmt &st) {
            st->bind(4, uniform(100, 400));
            st->bind(5, kSlots[k]);
            double kcal = uniform(300, 900);
            st->bind(6, kcal);
            st->bind(7, kcal * 0.05);
            st->bind(8, kcal * 0.035);
            st->bind(9, kcal * 0.12);
            st->bind(10, uniform(2, 10));
            st->bind(11, uniform(2, 20));
            st->bind(12, uniform(100, 900));
            return 13;
          });
    row("INSERT INTO step_logs(user_id, at, day, count, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", p,
        at_local(0), day, [&](Stmt &st) {
          st->bind(4, between(1500, 16000));
          return 5;
        });
    long long end = at_local(6 * 60 + between(0, 90));
    int minutes = between(330, 540);
    row("INSERT INTO sleep_logs(user_id, at, day, start_at, minutes, quality, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        p, end, day, [&](Stmt &st) {
          st->bind(4, static_cast<int64_t>(end - minutes * 60));
          st->bind(5, minutes);
          st->bind(6, between(1, 5));
          return 7;
        });
    if (day % 3 == 0)
      row("INSERT INTO heart_rate_logs(user_id, at, day, bpm, resting, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, 1, ?, ?)",
          p, at_local(7 * 60), day, [&](Stmt &st) {
            st->bind(4, between(50, 80));
            return 5;
          });
    if (day % 2 == 0)
      row("INSERT INTO workout_logs(user_id, at, day, name, duration_minutes, rpe, kcal_burned, muscle_mask, "
          "created_at, updated_at) VALUES (?, ?, ?, 'Bench workout', ?, ?, ?, ?, ?, ?)",
          p, at_local(18 * 60), day, [&](Stmt &st) {
            int mins = between(20, 75);
            st->bind(4, mins);
            st->bind(5, between(4, 9));
            st->bind(6, 5.0 * 3.5 * p.kg / 200 * mins);
            st->bind(7, static_cast<int64_t>(rng() & 0x1ffff));
            return 8;
          });
    if (day % 7 == 0)
      row("INSERT INTO measurement_logs(user_id, at, day, waist_cm, hip_cm, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)",
          p, at_local(7 * 60), day, [&](Stmt &st) {
            st->bind(4, uniform(70, 110));
            st->bind(5, uniform(85, 120));
            return 6;
          });
  }
};

}  // namespace

int main(int argc, char **argv) {
  long long users = 10000;
  int days = 90, samples = 3000;
  std::string db_path;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--users")
      users = std::stoll(argv[i + 1]);
    else if (a == "--days")
      days = std::stoi(argv[i + 1]);
    else if (a == "--samples")
      samples = std::stoi(argv[i + 1]);
    else if (a == "--db")
      db_path = argv[i + 1];
    else {
      std::cerr << "usage: health_bench [--users N] [--days D] [--samples S] [--db PATH]\n";
      return 2;
    }
  }
  if (db_path.empty()) {
    auto dir = std::filesystem::temp_directory_path() / "trae-bench-health";
    std::filesystem::create_directories(dir);
    db_path = (dir / ("health-" + std::to_string(users) + "x" + std::to_string(days) + ".db")).string();
  }
  std::FILE *quiet = std::fopen("/dev/null", "w");
  Logger log(quiet);
  TimeZones zones(log);
  const long long now = (kFirstDay + days - 1) * 86400 + 15 * 3600;  // mid-afternoon UTC of the last day
  ManualClock clock(now);
  {
    Database db(db_path, 4);
    migrate(db);
    long long have = count(db, "SELECT count(*) FROM users");
    if (have != users) {
      if (have != 0) {
        std::cerr << db_path << " holds " << have << " users, not " << users << "; remove it first\n";
        return 2;
      }
      auto t0 = Steady::now();
      std::mt19937 rng(42);
      std::vector<Person> people;
      db.write([&](Connection &c) {
        Filler f{c, rng, now};
        for (long long i = 0; i < users; ++i) people.push_back(f.user(i, zones));
      });
      for (long long d = kFirstDay; d < kFirstDay + days; ++d) {
        db.write([&](Connection &c) {
          Filler f{c, rng, now};
          for (auto &p : people) f.day(p, d);
        });
        std::fprintf(stderr, "\rfilling: day %lld/%d", d - kFirstDay + 1, days);
      }
      std::fprintf(stderr, "\rfilled %lld users x %d days in %.1f s\n", users, days,
                   std::chrono::duration<double>(Steady::now() - t0).count());
      db.with_writer([](Connection &c) { c.exec("ANALYZE"); });
    }
  }
  Database db(db_path, 4);
  long long rows = 0;
  for (const auto &k : log_kinds())
    rows += count(db, "SELECT count(*) FROM " + std::string(health_store::table_name(k.kind)));
  std::printf("database: %s\n  %lld users, %d days, %lld log rows, %.0f MB\n", db_path.c_str(), users, days,
              rows, static_cast<double>(std::filesystem::file_size(db_path)) / 1e6);

  std::mt19937 rng(7);
  std::uniform_int_distribution<long long> pick(1, users);
  std::vector<double> storage_ms, service_ms, series_ms;
  DashboardService service(db, clock, zones, log);
  // Warm the page cache and the statement caches like a running server would.
  for (int i = 0; i < 200; ++i) service.dashboard(pick(rng));
  for (int i = 0; i < samples; ++i) {
    const long long user = pick(rng);
    auto t0 = Steady::now();
    health_summary::DashboardData data;
    db.read([&](Connection &c) {
      Profile p = profile_store::load(c, user);
      long long today = local_day_number(now, zones.get(p.timezone).offset_at(now));
      data = health_summary::load_dashboard(c, user, p, today);
    });
    auto t1 = Steady::now();
    auto j = service.dashboard(user);
    auto t2 = Steady::now();
    auto s = service.progress_summary(user, 90);
    auto t3 = Steady::now();
    if (data.logged_days.empty() || j["streaks"]["longest"] == 0 || s["days"].size() != 90) {
      std::cerr << "user " << user << " has no logs: the filler is broken\n";
      return 1;
    }
    storage_ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    service_ms.push_back(std::chrono::duration<double, std::milli>(t2 - t1).count());
    series_ms.push_back(std::chrono::duration<double, std::milli>(t3 - t2).count());
  }
  report("dashboard storage work (one read snapshot)", storage_ms);
  report("dashboard service (storage + figures + JSON)", service_ms);
  report("progress-summary?days=90 service", series_ms);
  double p95 = pct(storage_ms, 0.95);
  std::printf("goal: dashboard storage p95 < 15 ms: %s (%.3f ms)\n", p95 < 15 ? "met" : "NOT met", p95);
  std::fclose(quiet);
  return 0;
}
