#include <signal.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <iostream>
#include <thread>

#include "app/account_service.hpp"
#include "app/auth_service.hpp"
#include "app/catalog_service.hpp"
#include "cli/cli.hpp"
#include "cli/setup.hpp"
#include "core/error.hpp"
#include "http/api.hpp"
#include "http/server.hpp"
#include "http/tls.hpp"
#include "storage/migrations.hpp"
#include "storage/user_store.hpp"

namespace trae {
namespace {

// Hourly housekeeping: drop expired sessions and old failed sign-ins, let
// SQLite refresh its planner statistics.
class Maintenance {
 public:
  Maintenance(Database &db, const Clock &clock, Logger &log) : db_(db), clock_(clock), log_(log) {
    thread_ = std::thread([this] { loop(); });
  }
  ~Maintenance() {
    {
      std::lock_guard<std::mutex> l(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }

 private:
  void loop() {
    std::unique_lock<std::mutex> l(mu_);
    while (!cv_.wait_for(l, std::chrono::hours(1), [&] { return stop_; })) {
      l.unlock();
      try {
        int n = 0;
        db_.write([&](Connection &c) { n = user_store::prune(c, clock_.now() - 24 * 3600); });
        db_.with_writer([](Connection &c) { c.exec("PRAGMA optimize"); });
        log_.info("maintenance done", {{"rows_pruned", n}});
      } catch (const std::exception &e) {
        log_.warn("maintenance failed", {{"detail", e.what()}});
      }
      l.lock();
    }
  }

  Database &db_;
  const Clock &clock_;
  Logger &log_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

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
  std::unique_ptr<RateLimiter> limiter;
  if (cfg.api_rate_limit > 0)
    limiter = std::make_unique<RateLimiter>(RateLimitPolicy{cfg.api_rate_limit, cfg.api_rate_window_s});
  Api api(Services{auth, accounts, catalog, *db, clock, log, [&db] { return db->probe_write(1000); }},
          ApiOptions{cfg.cors_origins, limiter.get()});

  std::unique_ptr<TlsCertificates> tls;
  try {
    tls = std::make_unique<TlsCertificates>(cfg.tls_cert, cfg.tls_key, cfg.data_dir, log);
  } catch (const std::exception &e) {
    throw Fatal(1, e.what());
  }
  Server server(cfg, api, *tls, log);
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
  Maintenance maintenance(*db, clock, log);

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
