#include "config/config.hpp"

#include <doctest/doctest.h>

#include "cli/cli.hpp"

using namespace trae;

namespace {
std::string config_error(const std::map<std::string, std::string> &env,
                         const std::vector<std::string> &args = {}) {
  try {
    load_config(env, args);
  } catch (const ConfigError &e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("defaults") {
  auto c = load_config({}, {});
  CHECK(c.deploy_env == "development");
  CHECK(c.database_path == "./data/trae.db");
  CHECK(c.https_port == 8443);
  CHECK(c.http_port == 8080);
  CHECK(c.api_rate_limit == 100);
  CHECK(c.acme_webroot == "./data/acme");
  CHECK(c.cors_origins.empty());
}

TEST_CASE("environment and flags; flags win") {
  auto c = load_config(
      {{"HTTPS_PORT", "9443"}, {"DATA_DIR", "/srv/x"}, {"CORS_ORIGINS", "https://a.io, https://b.io"}},
      {"--https-port", "10443", "--http-port=off", "--log-level=debug"});
  CHECK(c.https_port == 10443);
  CHECK(c.http_port == -1);
  CHECK(c.data_dir == "/srv/x");
  CHECK(c.database_path == "/srv/x/trae.db");
  CHECK(c.cors_origins == std::vector<std::string>{"https://a.io", "https://b.io"});
  CHECK(c.log_level == "debug");
}

TEST_CASE("rate limit window and trusted proxies") {
  auto d = load_config({}, {});
  CHECK(d.api_rate_window_s == 900);
  CHECK(d.trusted_proxies.empty());
  auto c = load_config({{"TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8,fd00::/8"}, {"API_RATE_WINDOW", "60"}},
                       {"--api-rate-limit=150"});
  CHECK(c.trusted_proxies == std::vector<std::string>{"127.0.0.1", "10.0.0.0/8", "fd00::/8"});
  CHECK(c.api_rate_window_s == 60);
  CHECK(c.api_rate_limit == 150);
  CHECK(load_config({}, {"--trusted-proxies", "::1"}).trusted_proxies == std::vector<std::string>{"::1"});
  CHECK(config_error({{"TRUSTED_PROXIES", "proxy.local"}}).find("TRUSTED_PROXIES") == 0);
  CHECK(config_error({{"TRUSTED_PROXIES", "10.0.0.0/40"}}).find("TRUSTED_PROXIES") == 0);
  CHECK(config_error({{"API_RATE_WINDOW", "0"}}).find("API_RATE_WINDOW") == 0);
}

TEST_CASE("DATABASE_URL forms") {
  CHECK(database_path_from_url("sqlite:///var/lib/trae-health/trae.db") == "/var/lib/trae-health/trae.db");
  CHECK(database_path_from_url("sqlite:rel.db") == "rel.db");
  CHECK(database_path_from_url("/plain/path.db") == "/plain/path.db");
  CHECK(config_error({{"DATABASE_URL", "postgresql://u@h/db"}}).find("DATABASE_URL") == 0);
  CHECK(config_error({{"DATABASE_URL", "sqlite://"}}).find("DATABASE_URL") == 0);
}

TEST_CASE("every bad setting names its variable") {
  CHECK(config_error({{"DEPLOY_ENV", "prod"}}).find("DEPLOY_ENV") == 0);
  CHECK(config_error({{"HTTPS_PORT", "70000"}}).find("HTTPS_PORT") == 0);
  CHECK(config_error({{"HTTPS_PORT", "12ab"}}).find("HTTPS_PORT") == 0);
  CHECK(config_error({{"HTTP_PORT", "x"}}).find("HTTP_PORT") == 0);
  CHECK(config_error({{"API_RATE_LIMIT", "-1"}}).find("API_RATE_LIMIT") == 0);
  CHECK(config_error({{"CORS_ORIGINS", "*"}}).find("CORS_ORIGINS") == 0);
  CHECK(config_error({{"LOG_LEVEL", "loud"}}).find("LOG_LEVEL") == 0);
  CHECK(config_error({{"KEEPALIVE_TIMEOUT", "60"}}).find("KEEPALIVE_TIMEOUT") == 0);
  CHECK(config_error({{"KEEPALIVE_TIMEOUT", "21"}}).find("KEEPALIVE_TIMEOUT") == 0);
  // The packaged settings file's value, above a user's think time.
  CHECK(trae::load_config({{"KEEPALIVE_TIMEOUT", "15"}}, {}).keepalive_timeout_s == 15);
  CHECK(config_error({{"DB_READERS", "0"}}).find("DB_READERS") == 0);
  CHECK(config_error({{"MAX_THREADS", "1"}}).find("MAX_THREADS") == 0);
  CHECK(config_error({{"DATA_DIR", ""}}).find("DATA_DIR") == 0);
  CHECK(config_error({{"BIND_ADDRESS", ""}}).find("BIND_ADDRESS") == 0);
  CHECK(config_error({{"TLS_CERT", "/x.pem"}}).find("TLS_KEY") == 0);
  CHECK(config_error({{"TLS_KEY", "/x.pem"}}).find("TLS_CERT") == 0);
  CHECK(config_error({{"HTTPS_PORT", "9000"}, {"HTTP_PORT", "9000"}}).find("HTTP_PORT") == 0);
  CHECK(config_error({}, {"--nope", "1"}).find("unknown option '--nope'") == 0);
  CHECK(config_error({}, {"--https-port"}).find("--https-port") == 0);
}

TEST_CASE("production needs a strong JWT_SECRET") {
  CHECK(config_error({{"DEPLOY_ENV", "production"}}).find("JWT_SECRET") == 0);
  CHECK(config_error({{"DEPLOY_ENV", "production"}, {"JWT_SECRET", "short"}}).find("JWT_SECRET") == 0);
  CHECK(config_error({{"DEPLOY_ENV", "production"}, {"JWT_SECRET", std::string(32, 'k')}}).empty());
  CHECK(config_error({{"JWT_SECRET", "short"}}).empty());  // allowed outside production
}

TEST_CASE("REDIS_URL is accepted and ignored with a warning") {
  auto c = load_config({{"REDIS_URL", "redis://localhost:6379"}}, {});
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0].find("REDIS_URL is ignored") == 0);
}

TEST_CASE("help documents every setting") {
  auto all = main_help() + serve_help();
  for (const auto &d : setting_docs()) {
    CHECK(all.find(d.env) != std::string::npos);
    CHECK(all.find(d.flag) != std::string::npos);
  }
  CHECK(migrate_help().find("--to N") != std::string::npos);
  for (const char *word : {"DEPLOY_ENV", "DATABASE_URL", "JWT_SECRET", "API_RATE_LIMIT", "API_RATE_WINDOW",
                           "TRUSTED_PROXIES", "CORS_ORIGINS", "REDIS_URL", "HTTPS_PORT", "HTTP_PORT",
                           "TLS_CERT", "TLS_KEY", "DATA_DIR", "SIGHUP", "EXIT STATUS"})
    CHECK(main_help().find(word) != std::string::npos);
}
