#include "storage/bulk_load.hpp"

namespace trae::bulk_load {

std::vector<std::string> drop_secondary_indexes(Connection &c, const std::string &table, bool unique_too) {
  std::vector<std::pair<std::string, std::string>> found;  // name, CREATE statement
  {
    auto st = c.prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
        "AND (? OR sql NOT LIKE 'CREATE UNIQUE%') ORDER BY name");
    st->bind(1, table);
    st->bind(2, unique_too ? 1 : 0);
    while (st->executeStep()) found.emplace_back(st->getColumn(0).getString(), st->getColumn(1).getString());
    st->reset();
  }
  std::vector<std::string> out;
  for (const auto &[name, sql] : found) {
    c.exec("DROP INDEX \"" + name + "\"");
    out.push_back(sql);
  }
  return out;
}

void recreate(Connection &c, const std::vector<std::string> &create_statements) {
  for (const auto &sql : create_statements) c.exec(sql);
}

std::vector<std::string> drop_triggers(Connection &c, const std::vector<std::string> &names) {
  std::vector<std::string> out;
  auto st = c.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?");
  for (const auto &name : names) {
    st->reset();
    st->bind(1, name);
    if (!st->executeStep()) continue;
    out.push_back(st->getColumn(0).getString());
    st->reset();
    c.exec("DROP TRIGGER \"" + name + "\"");
  }
  return out;
}

void begin_fast_fill(Connection &c) {
  c.exec("PRAGMA synchronous=OFF");
  c.exec("PRAGMA foreign_keys=OFF");
  c.exec("PRAGMA cache_size=-262144");
  // Index builds sort with helper threads (the machine's other core).
  c.exec("PRAGMA threads=2");
}

void end_fast_fill(Connection &c) {
  // As Connection opens it.
  c.exec("PRAGMA threads=0");
  c.exec("PRAGMA cache_size=-16000");
  c.exec("PRAGMA foreign_keys=ON");
  c.exec("PRAGMA synchronous=NORMAL");
}

}  // namespace trae::bulk_load
