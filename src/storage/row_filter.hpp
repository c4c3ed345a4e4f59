// trae_keep(rowid): a SQL function that asks C++ whether a row passes.
//
// Why: a full-text search with filters otherwise reads the table row of every
// match just to test the filters, at about 2 us a row: 15-80 ms for a common
// word on 300,000 recipes. The in-memory recipe index answers the same test
// in nanoseconds, so a walk down the FTS doclist stops after the page without
// touching the table. Each connection has its own predicate slot, set for the
// length of one query by RowFilterScope: no global state is involved.
#pragma once
#include <sqlite3.h>

#include "storage/database.hpp"

namespace trae {

// Adds trae_keep to a connection, reading the predicate from `slot` (every
// Connection does this for its own slot when it opens). Without a predicate
// in the slot, trae_keep fails the statement.
void register_row_filter(sqlite3 *db, const RowPredicate *const *slot);

// Puts a predicate in the connection's slot until the scope ends.
class RowFilterScope {
 public:
  RowFilterScope(Connection &c, const RowPredicate &p) : c_(c) { c_.row_predicate() = &p; }
  ~RowFilterScope() { c_.row_predicate() = nullptr; }
  RowFilterScope(const RowFilterScope &) = delete;
  RowFilterScope &operator=(const RowFilterScope &) = delete;

 private:
  Connection &c_;
};

}  // namespace trae
