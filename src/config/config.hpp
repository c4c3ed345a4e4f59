// Run-time configuration, read once from the environment and command-line
// flags (a flag wins over its variable) and then passed explicitly to whatever
// needs it. Nothing reads the environment after start-up.
#pragma once
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace trae {

struct Config {
  std::string deploy_env = "development";  // development | staging | production | test
  std::string data_dir = "./data";
  std::string database_path;  // from DATABASE_URL; default DATA_DIR/trae.db
  std::string jwt_secret;     // empty outside production: generated and kept in DATA_DIR
  int api_rate_limit = 100;   // requests per window per client; 0 turns it off
  int api_rate_window_s = 900;
  std::vector<std::string> cors_origins;
  std::vector<std::string> trusted_proxies;  // addresses or CIDRs whose X-Forwarded-For is believed
  std::string bind_address = "0.0.0.0";
  int https_port = 8443;  // 0 picks a free port (logged)
  int http_port = 8080;   // 0 picks a free port; -1 turns the HTTP listener off
  std::string tls_cert;
  std::string tls_key;
  std::string acme_webroot;  // default DATA_DIR/acme
  std::string log_level = "info";
  int keepalive_timeout_s = 5;
  int db_readers = 8;
  int max_threads = 12000;
  int backup_retention = 7;        // daily backups kept in DATA_DIR/backups
  int backup_interval_hours = 24;  // 0: the server takes no backups itself
  int cache_max_entries = 20000;   // response cache; 0 turns it off
  int cache_max_bytes = 64 << 20;
  int cache_ttl_s = 60;
  std::vector<std::string> metrics_allow;  // addresses or CIDR blocks; empty: everyone
  std::vector<std::string> warnings;       // non-fatal notes to log at start (e.g. REDIS_URL)

  bool production() const { return deploy_env == "production"; }
};

// One documented setting: its variable, its flag, and what it means.
struct SettingDoc {
  const char *env;
  const char *flag;
  const char *value;
  const char *help;
};
const std::vector<SettingDoc> &setting_docs();

// Builds the configuration from environment variables and then `args`
// ("--https-port 9443" or "--https-port=9443"). Throws ConfigError naming the
// variable for any bad setting.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
Config load_config(const std::map<std::string, std::string> &env, const std::vector<std::string> &args);

// The path inside DATABASE_URL ("sqlite:///abs/path.db", "sqlite:rel.db" or a plain path).
std::string database_path_from_url(const std::string &url);

std::map<std::string, std::string> environment_map(char **envp);

}  // namespace trae
