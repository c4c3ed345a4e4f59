// Start-up steps shared by commands: configuration, data directory, secret
// and database, each failing with one clear line.
#pragma once
#include <memory>
#include <string>

#include "config/config.hpp"
#include "core/clock.hpp"
#include "log/logger.hpp"
#include "storage/database.hpp"

namespace trae {

// Thrown for failures that end the command: message and exit code.
struct Fatal : std::runtime_error {
  int exit_code;
  Fatal(int code, const std::string &m) : std::runtime_error(m), exit_code(code) {}
};

Config configure(const std::map<std::string, std::string> &env, const std::vector<std::string> &args);
void ensure_data_dir(const Config &cfg);
// JWT_SECRET, or (outside production) the one kept in DATA_DIR/jwt.secret.
std::string signing_secret(const Config &cfg, Logger &log);
std::unique_ptr<Database> open_database(const Config &cfg);
// Loads the starter catalog compiled into the binary unless it is already there.
void ensure_starter_set(Database &db, const Clock &clock, Logger &log);

}  // namespace trae
