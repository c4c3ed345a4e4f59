// bench/health: fills a database with N users x D days of health logs
// (`trae-health seed`'s code, app/seed.hpp, without recipes, workouts or
// meal plans), then times the dashboard's storage work -- the profile and
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
#include "app/seed.hpp"
#include "app/time_zones.hpp"
#include "core/calendar.hpp"
#include "storage/health_store.hpp"
#include "storage/health_summary_query.hpp"
#include "storage/migrations.hpp"
#include "storage/profile_store.hpp"

using namespace trae;
using Steady = std::chrono::steady_clock;

namespace {

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
      SeedOptions opt;
      opt.users = users;
      opt.health_days = days;
      opt.recipes = opt.workouts = opt.meal_plans = 0;
      opt.seed = 42;
      opt.today = kFirstDay + days - 1;
      seed_database(db, opt, zones, log, [](const std::string &what, long long done, long long total) {
        std::fprintf(stderr, "\rfilling: %s %lld/%lld   ", what.c_str(), done, total);
      });
      std::fprintf(stderr, "\rfilled %lld users x %d days in %.1f s\n", users, days,
                   std::chrono::duration<double>(Steady::now() - t0).count());
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
