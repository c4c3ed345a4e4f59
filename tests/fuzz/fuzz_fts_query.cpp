// The full-text search sanitizer: whatever a user types must become an FTS5
// expression that SQLite accepts. Each output is run as a MATCH against a
// real FTS5 table; any syntax error aborts.
#include <sqlite3.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/search.hpp"

namespace {
sqlite3_stmt *match_statement() {
  static sqlite3 *db = nullptr;
  static sqlite3_stmt *st = nullptr;
  if (!st) {
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) std::abort();
    if (sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x); INSERT INTO t VALUES ('apple pie')", nullptr,
                     nullptr, nullptr) != SQLITE_OK)
      std::abort();
    if (sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?", -1, &st, nullptr) != SQLITE_OK)
      std::abort();
  }
  return st;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  std::string q = trae::fts_query(text);
  if (q.empty()) return 0;  // the caller skips the MATCH for an empty query
  sqlite3_stmt *st = match_statement();
  sqlite3_bind_text(st, 1, q.c_str(), static_cast<int>(q.size()), SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_ROW) std::abort();  // the sanitizer let FTS syntax through
  return 0;
}
