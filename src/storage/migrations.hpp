// Schema migrations: numbered .sql files (NNNN_name.sql) embedded in the
// binary, applied in order, each in its own transaction, and tracked with
// PRAGMA user_version.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace trae {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The embedded migrations, sorted by version. Throws unless numbers increase
// (gaps are allowed); the latest version is the highest number.
std::vector<Migration> builtin_migrations();
int latest_schema_version();

int schema_version(Connection &c);

// Applies every migration above the current version, up to `target` (default:
// all). Throws Error(unavailable) if the database is newer than this binary.
// `on_step` is told about each applied migration. Returns the number applied.
int migrate(Database &db, int target = -1, const std::function<void(const Migration &)> &on_step = nullptr);

}  // namespace trae
