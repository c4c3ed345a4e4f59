#include "cli/setup.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/importers.hpp"
#include "core/error.hpp"
#include "security/crypto.hpp"

namespace trae {

Config configure(const std::map<std::string, std::string> &env, const std::vector<std::string> &args) {
  try {
    return load_config(env, args);
  } catch (const ConfigError &e) {
    throw Fatal(2, e.what());
  }
}

void ensure_data_dir(const Config &cfg) {
  std::error_code ec;
  std::filesystem::create_directories(cfg.data_dir, ec);
  if (ec) throw Fatal(1, "DATA_DIR: cannot create " + cfg.data_dir + ": " + ec.message());
  auto db_dir = std::filesystem::path(cfg.database_path).parent_path();
  if (!db_dir.empty()) {
    std::filesystem::create_directories(db_dir, ec);
    if (ec) throw Fatal(1, "DATABASE_URL: cannot create " + db_dir.string() + ": " + ec.message());
  }
}

std::string signing_secret(const Config &cfg, Logger &log) {
  if (!cfg.jwt_secret.empty()) {
    if (cfg.jwt_secret.size() < 32) log.warn("JWT_SECRET is shorter than 32 bytes; production refuses this");
    return cfg.jwt_secret;
  }
  const std::string path = cfg.data_dir + "/jwt.secret";
  std::ifstream in(path);
  std::string secret;
  if (in && std::getline(in, secret) && secret.size() >= 32) return secret;
  secret = hex(random_bytes(32));
  mode_t old = umask(077);
  std::ofstream out(path, std::ios::trunc);
  umask(old);
  out << secret << "\n";
  if (!out) throw Fatal(1, "DATA_DIR: cannot write " + path);
  log.warn("JWT_SECRET is not set; generated one and kept it in DATA_DIR (fine outside production)",
           {{"file", path}});
  return secret;
}

std::unique_ptr<Database> open_database(const Config &cfg) {
  if (std::filesystem::exists(cfg.database_path) && access(cfg.database_path.c_str(), R_OK | W_OK) != 0)
    throw Fatal(1, "DATABASE_URL: " + cfg.database_path + " is not readable and writable by this user");
  try {
    return std::make_unique<Database>(cfg.database_path, cfg.db_readers);
  } catch (const Error &e) {
    throw Fatal(1, "DATABASE_URL: " + e.message());
  }
}

void ensure_starter_set(Database &db, const Clock &clock, Logger &log) {
  if (starter_set_loaded(db)) return;
  log.info("loading the starter catalog");
  auto report = load_starter_set(
      db, embedded_seed_files(), clock, [&](const std::string &what, long long done, long long total) {
        if (done == total)
          log.info("starter set progress", {{"step", what}, {"done", done}, {"total", total}});
      });
  for (const auto &p : report.problems) log.warn("starter set problem", {{"detail", p}});
  log.info("starter catalog loaded", {{"records", report.written}});
}

}  // namespace trae
