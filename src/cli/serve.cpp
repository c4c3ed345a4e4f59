#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <thread>

#include "app/account_service.hpp"
#include "app/auth_service.hpp"
#include "app/backups.hpp"
#include "app/catalog_service.hpp"
#include "app/dashboard_service.hpp"
#include "app/health_service.hpp"
#include "app/periodic_task.hpp"
#include "app/time_zones.hpp"
#include "cli/cli.hpp"
#include "cli/setup.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/tls.hpp"
#include "storage/backup.hpp"
#include "storage/migrations.hpp"
#include "storage/user_store.hpp"

namespace trae {
namespace {

// Hourly housekeeping: drop expired sessions and old failed sign-ins, let
// SQLite refresh its planner statistics.
long long maintain(Database &db, const Clock &clock, Logger &log) {
  try {
    int n = 0;
    db.write([&](Connection &c) { n = user_store::prune(c, clock.now() - 24 * 3600); });
    db.with_writer([](Connection &c) { c.exec("PRAGMA optimize"); });
    log.info("maintenance done", {{"rows_pruned", n}});
  } catch (const std::exception &e) {
    log.warn("maintenance failed", {{"detail", e.what()}});
  }
  return 3600;
}

}  // namespace

int cmd_serve(const Invocation &inv) {
  // Signals are taken synchronously by this thread; every thread started
  // below inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  Config cfg = configure(inv.env, inv.args);
  LogLevel level = LogLevel::info;
  parse_log_level(cfg.log_level, level);
  Logger log(stderr, level);
  for (const auto &w : cfg.warnings) log.warn(w);

  ensure_data_dir(cfg);
  // Held for the process's life: restore refuses while it is, and a second
  // server on the same database stops here.
  DatabaseLock db_lock(cfg.database_path);
  if (!db_lock.try_lock())
    throw Fatal(1, "DATABASE_URL: another trae-health process is serving " + cfg.database_path);
  SystemClock clock;
  auto db = open_database(cfg);
  try {
    migrate(*db, -1, [&](const Migration &m) { log.info("migration applied", {{"migration", m.name}}); });
  } catch (const Error &e) {
    throw Fatal(1, "DATABASE_URL: " + e.message());
  }
  ensure_starter_set(*db, clock, log);

  AuthSettings auth_settings;
  auth_settings.jwt_secret = signing_secret(cfg, log);
  AuthService auth(*db, clock, auth_settings, log);
  AccountService accounts(*db, clock, log);
  CatalogService catalog(*db, clock, log);
  TimeZones zones(log);
  HealthService health(*db, clock, zones, log);
  DashboardService dashboard(*db, clock, zones, log);
  Metrics metrics;
  metrics.allow = cfg.metrics_allow;
  db->set_write_observer([&metrics](double wait, double txn) { metrics.observe_db_write(wait, txn); });
  metrics.wal_bytes = [&db] { return db->wal_bytes(); };
  metrics.db_reads = [&db] {
    auto s = db->stats();
    return std::make_pair(s.reads, s.read_seconds);
  };
  const std::string backup_dir = cfg.data_dir + "/backups";
  metrics.last_backup = [backup_dir] { return newest_backup_time(backup_dir); };
  MealPlanService meal_plans(*db, accounts, clock, log);
  meal_plans.on_admitted_lookup([&metrics](bool hit) { metrics.count_cache("planner_pools", hit); });
  metrics.cache_sizes["planner_pools"] = [&meal_plans] {
    LruStats st = meal_plans.admitted_stats();
    return CacheGauges{static_cast<long long>(st.entries), static_cast<long long>(st.bytes)};
  };
  WorkoutPlanService workout_plans(*db, accounts, clock, log, recent_training_from_log(*db));
  std::unique_ptr<RateLimiter> limiter;
  if (cfg.api_rate_limit > 0)
    limiter = std::make_unique<RateLimiter>(RateLimitPolicy{cfg.api_rate_limit, cfg.api_rate_window_s});
  std::unique_ptr<ResponseCache> response_cache;
  if (cfg.cache_max_entries > 0) {
    response_cache = std::make_unique<ResponseCache>(
        LruLimits{static_cast<std::size_t>(cfg.cache_max_entries),
                  static_cast<std::size_t>(cfg.cache_max_bytes), cfg.cache_ttl_s},
        clock);
    metrics.cache_sizes["response"] = [c = response_cache.get()] {
      LruStats st = c->stats();
      return CacheGauges{static_cast<long long>(st.entries), static_cast<long long>(st.bytes)};
    };
  }
  Api api(Services{auth, accounts, catalog, health, dashboard, meal_plans, workout_plans, *db, clock, log,
                   [&db] { return db->probe_write(1000); }, &metrics, response_cache.get()},
          ApiOptions{cfg.cors_origins, limiter.get()});

  // Load the meal-plan candidates and the recipe index in the background, so
  // that the first plan and the first recipe list do not wait for them
  // (about a second each on a 300,000-recipe catalog). A failure here is
  // not fatal: each loads again on first use.
  std::thread warm_up([&] {
    try {
      meal_plans.warm_up();
    } catch (const std::exception &e) {
      log.warn("meal-plan candidates not loaded", {{"error", e.what()}});
    }
    try {
      catalog.warm_up();
    } catch (const std::exception &e) {
      log.warn("recipe index not loaded", {{"error", e.what()}});
    }
  });
  struct Joiner {
    std::thread &t;
    ~Joiner() { t.join(); }
  } join_warm_up{warm_up};

  std::unique_ptr<TlsCertificates> tls;
  try {
    tls = std::make_unique<TlsCertificates>(cfg.tls_cert, cfg.tls_key, cfg.data_dir, log);
  } catch (const std::exception &e) {
    throw Fatal(1, e.what());
  }
  metrics.certificate_not_after = [&tls] { return tls->current()->not_after; };
  Server server(cfg, api, *tls, log, &metrics);
  metrics.pool = [&server] {
    PoolStats p = server.pool_stats();
    return PoolGauges{static_cast<long long>(p.threads), static_cast<long long>(p.busy),
                      static_cast<long long>(p.queued), static_cast<long long>(server.idle_connections())};
  };
  try {
    server.start();
  } catch (const std::exception &e) {
    throw Fatal(1, e.what());
  }
  log.info("listening", {{"https_port", server.https_port()},
                         {"http_port", server.http_port()},
                         {"version", TRAE_VERSION},
                         {"deploy_env", cfg.deploy_env},
                         {"database", cfg.database_path}});
  PeriodicTask maintenance(3600, [&] { return maintain(*db, clock, log); });
  std::unique_ptr<PeriodicTask> backups;
  const BackupSchedule schedule{cfg.database_path, backup_dir, cfg.backup_interval_hours,
                                cfg.backup_retention};
  if (cfg.backup_interval_hours > 0)
    backups = std::make_unique<PeriodicTask>(0, [&] { return run_scheduled_backup(schedule, clock, log); });

  for (;;) {
    int sig = 0;
    if (sigwait(&signals, &sig) != 0) continue;
    if (sig == SIGHUP) {
      tls->reload();
      continue;
    }
    log.info("shutting down", {{"signal", sig == SIGTERM ? "SIGTERM" : "SIGINT"}});
    auto t0 = std::chrono::steady_clock::now();
    server.stop();
    log.info("stopped", {{"drain_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::steady_clock::now() - t0)
                                          .count()}});
    return 0;
  }
}

}  // namespace trae
