#include "storage/migrations.hpp"

#include <stdexcept>

#include "build/embedded.hpp"
#include "core/error.hpp"

namespace trae {

std::vector<Migration> builtin_migrations() {
  std::vector<Migration> out;
  for (const auto &f : embedded_migrations()) {
    std::string name = f.name;
    if (name.size() < 6 || name.substr(name.size() - 4) != ".sql") continue;
    int version = std::stoi(name.substr(0, 4));
    // Numbers only have to increase: parallel branches reserve numbers, and
    // one may land before another. Each database records the highest applied.
    if (version <= (out.empty() ? 0 : out.back().version))
      throw std::logic_error("migration numbers must increase: " + name);
    out.push_back({version, name, std::string(f.text())});
  }
  return out;
}

int latest_schema_version() {
  auto all = builtin_migrations();
  return all.empty() ? 0 : all.back().version;
}

int schema_version(Connection &c) {
  auto st = c.prepare("PRAGMA user_version");
  st->executeStep();
  return st->getColumn(0).getInt();
}

int migrate(Database &db, int target, const std::function<void(const Migration &)> &on_step) {
  auto all = builtin_migrations();
  int latest = all.empty() ? 0 : all.back().version;
  if (target < 0 || target > latest) target = latest;
  int applied = 0;
  db.with_writer([&](Connection &c) {
    int current = schema_version(c);
    if (current > latest)
      throw Error(ErrorCode::unavailable,
                  "the database schema is version " + std::to_string(current) +
                      ", newer than this binary knows (" + std::to_string(latest) +
                      "); run the newer binary or restore the backup taken before the upgrade");
    for (const auto &m : all) {
      if (m.version <= current || m.version > target) continue;
      c.exec("BEGIN IMMEDIATE");
      try {
        c.exec(m.sql);
        c.exec("PRAGMA user_version = " + std::to_string(m.version));
        c.exec("COMMIT");
      } catch (...) {
        c.exec("ROLLBACK");
        throw;
      }
      ++applied;
      if (on_step) on_step(m);
    }
  });
  return applied;
}

}  // namespace trae
