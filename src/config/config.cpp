#include "config/config.hpp"

#include <algorithm>
#include <cstdlib>

#include "config/address_block.hpp"
#include "core/ip_network.hpp"

namespace trae {
namespace {

int parse_int(const std::string &name, const std::string &v, int lo, int hi) {
  std::size_t used = 0;
  long n = 0;
  try {
    n = std::stol(v, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != v.size() || n < lo || n > hi)
    throw ConfigError(name + ": expected a whole number from " + std::to_string(lo) + " to " +
                      std::to_string(hi) + ", got '" + v + "'");
  return static_cast<int>(n);
}

std::vector<std::string> split_list(const std::string &v) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= v.size()) {
    auto end = v.find(',', start);
    if (end == std::string::npos) end = v.size();
    std::string item = v.substr(start, end - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

// Applies one setting by variable name; the one place values are checked.
void apply(Config &c, const std::string &name, const std::string &v) {
  if (name == "DEPLOY_ENV") {
    if (v != "development" && v != "staging" && v != "production" && v != "test")
      throw ConfigError("DEPLOY_ENV: expected development, staging, production or test, got '" + v + "'");
    c.deploy_env = v;
  } else if (name == "DATA_DIR") {
    if (v.empty()) throw ConfigError("DATA_DIR: must not be empty");
    c.data_dir = v;
  } else if (name == "DATABASE_URL") {
    c.database_path = database_path_from_url(v);
  } else if (name == "JWT_SECRET") {
    c.jwt_secret = v;
  } else if (name == "API_RATE_LIMIT") {
    c.api_rate_limit = parse_int(name, v, 0, 1000000);
  } else if (name == "API_RATE_WINDOW") {
    c.api_rate_window_s = parse_int(name, v, 1, 86400);
  } else if (name == "TRUSTED_PROXIES") {
    c.trusted_proxies = split_list(v);
    for (const auto &p : c.trusted_proxies)
      if (!parse_ip_network(p))
        throw ConfigError("TRUSTED_PROXIES: expected IP addresses or CIDR networks (10.0.0.0/8), got '" + p +
                          "'");
  } else if (name == "CORS_ORIGINS") {
    c.cors_origins = split_list(v);
    for (const auto &o : c.cors_origins)
      if (o.rfind("https://", 0) != 0 && o.rfind("http://", 0) != 0)
        throw ConfigError("CORS_ORIGINS: each origin must start with https:// or http://, got '" + o + "'");
  } else if (name == "BIND_ADDRESS") {
    if (v.empty()) throw ConfigError("BIND_ADDRESS: must not be empty");
    c.bind_address = v;
  } else if (name == "HTTPS_PORT") {
    c.https_port = parse_int(name, v, 0, 65535);
  } else if (name == "HTTP_PORT") {
    c.http_port = v == "off" ? -1 : parse_int(name, v, -1, 65535);
  } else if (name == "TLS_CERT") {
    c.tls_cert = v;
  } else if (name == "TLS_KEY") {
    c.tls_key = v;
  } else if (name == "ACME_WEBROOT") {
    c.acme_webroot = v;
  } else if (name == "LOG_LEVEL") {
    if (v != "debug" && v != "info" && v != "warn" && v != "error")
      throw ConfigError("LOG_LEVEL: expected debug, info, warn or error, got '" + v + "'");
    c.log_level = v;
  } else if (name == "KEEPALIVE_TIMEOUT") {
    c.keepalive_timeout_s = parse_int(name, v, 1, 20);
  } else if (name == "DB_READERS") {
    c.db_readers = parse_int(name, v, 1, 64);
  } else if (name == "MAX_THREADS") {
    c.max_threads = parse_int(name, v, 8, 65536);
  } else if (name == "BACKUP_RETENTION") {
    c.backup_retention = parse_int(name, v, 1, 1000);
  } else if (name == "BACKUP_INTERVAL") {
    c.backup_interval_hours = parse_int(name, v, 0, 168);
  } else if (name == "CACHE_MAX_ENTRIES") {
    c.cache_max_entries = parse_int(name, v, 0, 10000000);
  } else if (name == "CACHE_MAX_BYTES") {
    c.cache_max_bytes = parse_int(name, v, 1 << 16, 2147483647);
  } else if (name == "CACHE_TTL_SECONDS") {
    c.cache_ttl_s = parse_int(name, v, 1, 86400);
  } else if (name == "METRICS_ALLOW") {
    c.metrics_allow = split_list(v);
    for (const auto &a : c.metrics_allow)
      if (a != "all" && !valid_address_block(a))
        throw ConfigError(
            "METRICS_ALLOW: expected addresses or CIDR blocks (127.0.0.1, 10.0.0.0/8, ::1) or "
            "all, got '" +
            a + "'");
  } else if (name == "REDIS_URL") {
    c.warnings.push_back(
        "REDIS_URL is ignored: trae-health keeps its cache in process, so no Redis is needed");
  }
}

}  // namespace

const std::vector<SettingDoc> &setting_docs() {
  static const std::vector<SettingDoc> docs = {
      {"DEPLOY_ENV", "--deploy-env", "ENV",
       "development (default), staging, production or test. Production refuses to start without "
       "a JWT_SECRET of at least 32 bytes."},
      {"DATABASE_URL", "--database-url", "URL",
       "The SQLite database: sqlite:///var/lib/trae-health/trae.db, sqlite:relative.db or a plain "
       "path. Default: DATA_DIR/trae.db."},
      {"DATA_DIR", "--data-dir", "DIR",
       "Directory for the database, the self-signed certificate, the generated secret and "
       "backups. Default: ./data."},
      {"JWT_SECRET", "--jwt-secret", "SECRET",
       "Key that signs access tokens (HS256); at least 32 bytes in production. Elsewhere, when "
       "unset, a random one is created once and kept in DATA_DIR/jwt.secret."},
      {"API_RATE_LIMIT", "--api-rate-limit", "N",
       "Requests each client (its address when signed out, its account when signed in) may make "
       "to the API per API_RATE_WINDOW. Default 100; 0 turns rate limiting off. /health, /ready, "
       "/api/openapi.yaml and the web app's files are not counted."},
      {"API_RATE_WINDOW", "--api-rate-window", "SECONDS",
       "The window of API_RATE_LIMIT in seconds, 1 to 86400. Default 900 (15 minutes)."},
      {"TRUSTED_PROXIES", "--trusted-proxies", "LIST",
       "Comma-separated addresses or CIDR networks of reverse proxies, e.g. 127.0.0.1,10.0.0.0/8. "
       "Only for requests from these is the client address taken from X-Forwarded-For (its "
       "rightmost hop that is not a trusted proxy); otherwise that header is ignored. Default: "
       "none."},
      {"CORS_ORIGINS", "--cors-origins", "LIST",
       "Comma-separated origins allowed to call the API from a browser, e.g. "
       "https://app.example.com. Default: none (same origin only)."},
      {"HTTPS_PORT", "--https-port", "PORT", "HTTPS port. Default 8443; 0 picks a free port."},
      {"HTTP_PORT", "--http-port", "PORT",
       "Plain HTTP port, which redirects to HTTPS and serves ACME challenges. Default 8080; 0 "
       "picks a free port; off disables it."},
      {"BIND_ADDRESS", "--bind-address", "ADDR", "Address to listen on. Default 0.0.0.0."},
      {"TLS_CERT", "--tls-cert", "FILE",
       "PEM certificate chain. Without TLS_CERT and TLS_KEY, a self-signed certificate is "
       "created in DATA_DIR on first run and its SHA-256 fingerprint is logged. SIGHUP reloads "
       "the files without downtime."},
      {"TLS_KEY", "--tls-key", "FILE", "PEM private key matching TLS_CERT."},
      {"ACME_WEBROOT", "--acme-webroot", "DIR",
       "Served at http://HOST/.well-known/acme-challenge/ for certbot's webroot mode. Default: "
       "DATA_DIR/acme."},
      {"LOG_LEVEL", "--log-level", "LEVEL", "debug, info (default), warn or error."},
      {"KEEPALIVE_TIMEOUT", "--keepalive-timeout", "SECONDS",
       "How long an idle keep-alive connection is held, 1 to 20. Default 5. Set it above "
       "your users' think time (15 in the packaged settings file): a user who pauses longer "
       "reconnects, and at 10,000 users reconnects cost more than idle connections (an idle "
       "HTTPS connection holds no thread). Shutdown closes idle HTTPS connections at once; "
       "plain-HTTP ones lapse within this time."},
      {"DB_READERS", "--db-readers", "N", "Size of the SQLite reader pool, 1 to 64. Default 8."},
      {"MAX_THREADS", "--max-threads", "N",
       "Upper bound of the HTTPS worker threads. 32 serve requests; more are added only while "
       "workers wait on clients that send or read slowly. Idle connections hold no thread. "
       "Default 12000."},
      {"BACKUP_RETENTION", "--backup-retention", "N",
       "How many of the server's own backups to keep in DATA_DIR/backups, 1 to 1000. Default 7."},
      {"BACKUP_INTERVAL", "--backup-interval", "HOURS",
       "Hours between the server's own online backups into DATA_DIR/backups, 0 to 168. Default "
       "24 (daily); 0 turns them off. A backup is also taken at start when the newest one is "
       "older than this."},
      {"CACHE_MAX_ENTRIES", "--cache-max-entries", "N",
       "Answers the in-process response cache holds (catalog pages and details, the food "
       "search), 0 to 10000000. Default 20000; 0 turns the cache off."},
      {"CACHE_MAX_BYTES", "--cache-max-bytes", "BYTES",
       "Memory bound of the response cache in bytes (bodies, keys and bookkeeping), 65536 to "
       "2147483647. Default 67108864 (64 MiB). The least recently used answers go first."},
      {"CACHE_TTL_SECONDS", "--cache-ttl-seconds", "SECONDS",
       "How long a cached answer is served, 1 to 86400. Default 60. Writes through the API show "
       "at once; this bounds how long a catalog import by another process (trae-health import) "
       "takes to show."},
      {"METRICS_ALLOW", "--metrics-allow", "LIST",
       "Comma-separated client addresses or CIDR blocks (127.0.0.1, 10.0.0.0/8, ::1) allowed to "
       "read GET /metrics; others get 404. Default: all, since the metrics hold no personal data; "
       "restrict it when the port is public."},
      {"REDIS_URL", "--redis-url", "URL",
       "Accepted for compatibility and ignored with a warning: the cache lives in process."},
  };
  return docs;
}

std::string database_path_from_url(const std::string &url) {
  std::string path = url;
  if (url.rfind("sqlite://", 0) == 0) {
    path = url.substr(9);  // sqlite:///abs -> /abs ; sqlite://rel -> rel
  } else if (url.rfind("sqlite:", 0) == 0) {
    path = url.substr(7);
  } else if (url.find("://") != std::string::npos) {
    throw ConfigError("DATABASE_URL: only SQLite is supported (sqlite:///path/to/trae.db), got '" +
                      url.substr(0, url.find("://") + 3) + "...'");
  }
  if (path.empty()) throw ConfigError("DATABASE_URL: the database path is empty");
  return path;
}

Config load_config(const std::map<std::string, std::string> &env, const std::vector<std::string> &args) {
  Config c;
  for (const auto &doc : setting_docs()) {
    auto it = env.find(doc.env);
    if (it != env.end()) apply(c, doc.env, it->second);
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i], value;
    auto eq = a.find('=');
    std::string flag = eq == std::string::npos ? a : a.substr(0, eq);
    const SettingDoc *doc = nullptr;
    for (const auto &d : setting_docs())
      if (flag == d.flag) doc = &d;
    if (!doc) throw ConfigError("unknown option '" + flag + "' (see --help)");
    if (eq != std::string::npos) {
      value = a.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw ConfigError(std::string(doc->flag) + ": needs a value");
    }
    apply(c, doc->env, value);
  }
  if (c.database_path.empty()) c.database_path = c.data_dir + "/trae.db";
  if (c.acme_webroot.empty()) c.acme_webroot = c.data_dir + "/acme";
  if (c.tls_cert.empty() != c.tls_key.empty())
    throw ConfigError(c.tls_cert.empty() ? "TLS_CERT: must be set together with TLS_KEY"
                                         : "TLS_KEY: must be set together with TLS_CERT");
  if (c.production()) {
    if (c.jwt_secret.empty())
      throw ConfigError("JWT_SECRET: required when DEPLOY_ENV=production (at least 32 bytes)");
    if (c.jwt_secret.size() < 32)
      throw ConfigError("JWT_SECRET: must be at least 32 bytes when DEPLOY_ENV=production, got " +
                        std::to_string(c.jwt_secret.size()));
  }
  if (c.https_port != 0 && c.https_port == c.http_port)
    throw ConfigError("HTTP_PORT: must differ from HTTPS_PORT");
  return c;
}

std::map<std::string, std::string> environment_map(char **envp) {
  std::map<std::string, std::string> m;
  for (char **e = envp; e && *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos) m[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return m;
}

}  // namespace trae
