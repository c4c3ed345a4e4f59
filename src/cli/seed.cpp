#include "app/seed.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "cli/cli.hpp"
#include "cli/setup.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "storage/migrations.hpp"

namespace trae {
namespace {

long long number_flag(const std::string &flag, const std::string &value, long long lo, long long hi) {
  std::size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(value, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used != value.size() || value.empty() || n < lo || n > hi)
    throw Fatal(2, "seed: " + flag + " wants a whole number from " + std::to_string(lo) + " to " +
                       std::to_string(hi) + ", not '" + value + "'");
  return n;
}

}  // namespace

int cmd_seed(const Invocation &inv) {
  SeedOptions opt;
  opt.today = SystemClock().now() / 86400;
  std::vector<std::string> settings;
  for (std::size_t i = 0; i < inv.args.size(); ++i) {
    const std::string &a = inv.args[i];
    const bool has_value = i + 1 < inv.args.size();
    auto value = [&]() -> const std::string & {
      if (!has_value) throw Fatal(2, "seed: " + a + " needs a value (see trae-health seed --help)");
      return inv.args[++i];
    };
    if (a == "--users")
      opt.users = number_flag(a, value(), 0, 10000000);
    else if (a == "--workouts")
      opt.workouts = number_flag(a, value(), 0, 100000000);
    else if (a == "--recipes")
      opt.recipes = number_flag(a, value(), 0, 100000000);
    else if (a == "--meal-plans")
      opt.meal_plans = number_flag(a, value(), 0, 1000000000);
    else if (a == "--health-days")
      opt.health_days = static_cast<int>(number_flag(a, value(), 0, 3650));
    else if (a == "--seed")
      opt.seed = static_cast<std::uint64_t>(number_flag(a, value(), 0, (1LL << 53) - 1));
    else if (a == "--today") {
      const std::string &v = value();
      auto day = day_number(v);
      if (!day) throw Fatal(2, "seed: --today wants a date YYYY-MM-DD, not '" + v + "'");
      opt.today = *day;
    } else {
      settings.push_back(a);  // a setting such as --data-dir, with its value
      if (a.rfind("--", 0) == 0 && has_value) settings.push_back(inv.args[++i]);
    }
  }
  if (opt.meal_plans > 0 && opt.users == 0) throw Fatal(2, "seed: --meal-plans needs --users above 0");
  Config cfg = configure(inv.env, settings);
  ensure_data_dir(cfg);
  auto db = open_database(cfg);
  Logger log(stderr);
  TimeZones zones(log);
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
  // One line per step when it ends, and at most two a second while it runs.
  std::string last_what;
  double last_at = -1;
  Progress progress = [&](const std::string &what, long long done, long long total) {
    const double now = elapsed();
    if (done != total && what == last_what && now - last_at < 0.5) return;
    last_what = what;
    last_at = now;
    // Wall time, and the process's CPU time (on a busy machine they differ).
    std::fprintf(stderr, "seed: %-28s %10lld/%-10lld (%3lld%%) %7.1f s %7.1f s CPU\n", what.c_str(), done,
                 total, total ? done * 100 / total : 100, now,
                 static_cast<double>(std::clock()) / CLOCKS_PER_SEC);
  };
  try {
    migrate(*db);
    seed_database(*db, opt, zones, log, progress);
  } catch (const Error &e) {
    throw Fatal(1, "seed: " + e.message());
  }
  std::printf("seeded %s in %.1f s, %.1f s of CPU (seed %llu, data ending %s)\n", cfg.database_path.c_str(),
              elapsed(), static_cast<double>(std::clock()) / CLOCKS_PER_SEC,
              static_cast<unsigned long long>(opt.seed), date_of_day(opt.today).c_str());
  for (const auto &[table, n] : seed_table_counts(*db)) std::printf("  %-20s %12lld\n", table.c_str(), n);
  db.reset();
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(cfg.database_path, ec);
  std::printf("  %-20s %12.0f MB\n", "file size", ec ? 0.0 : static_cast<double>(bytes) / 1e6);
  std::printf("  sign in as %s ... with the password '%s'\n", seed_email(1).c_str(), kSeedPassword);
  return 0;
}

}  // namespace trae
