// EXPLAIN QUERY PLAN helpers: a hot query must never scan a whole table.
#pragma once
#include <string>

#include "storage/database.hpp"

namespace testing {

inline std::string query_plan(trae::Connection &c, const std::string &sql) {
  SQLite::Statement st(c.db(), "EXPLAIN QUERY PLAN " + sql);
  std::string out;
  while (st.executeStep()) out += st.getColumn(3).getString() + "\n";
  return out;
}

// True if some step reads a whole table ("SCAN t" without an index).
inline bool has_full_scan(const std::string &plan) {
  std::size_t pos = 0;
  while ((pos = plan.find("SCAN ", pos)) != std::string::npos) {
    auto end = plan.find('\n', pos);
    std::string line = plan.substr(pos, end - pos);
    if (line.find("USING INDEX") == std::string::npos &&
        line.find("USING COVERING INDEX") == std::string::npos &&
        line.find("USING INTEGER PRIMARY KEY") == std::string::npos &&
        line.find("VIRTUAL TABLE") == std::string::npos && line.find("CONSTANT ROW") == std::string::npos &&
        line.rfind("SCAN (subquery", 0) != 0)  // a co-routine's own rows, not a table
      return true;
    pos = end == std::string::npos ? plan.size() : end;
  }
  return false;
}

}  // namespace testing
