// Bulk loading: a table's secondary indexes are dropped before millions of
// rows go in and built again afterwards, which sorts once instead of
// updating every index B-tree at a random place for each row. Only for
// writers that know nothing reads those indexes meanwhile (trae-health seed).
#pragma once
#include <string>
#include <vector>

#include "storage/database.hpp"

namespace trae::bulk_load {

// Drops the indexes of `table` that are not UNIQUE (unique ones keep
// enforcing their rule) and returns the statements that recreate them,
// exactly as the migrations wrote them. With `unique_too`, drops the UNIQUE
// ones as well, for a load that only inserts: recreating them checks the rule
// for all rows at once (and fails on a duplicate).
std::vector<std::string> drop_secondary_indexes(Connection &c, const std::string &table,
                                                bool unique_too = false);
// Runs the statements that drop_* returned (indexes or triggers).
void recreate(Connection &c, const std::vector<std::string> &create_statements);
// Drops the named triggers and returns the statements that recreate them;
// the caller does in one statement what they did per row.
std::vector<std::string> drop_triggers(Connection &c, const std::vector<std::string> &names);

// Writer settings for filling a brand-new file (outside a transaction): no
// fsync (a crash mid-fill leaves a file to throw away, and the seed refuses a
// non-empty one anyway), no foreign-key lookups (the rows reference rows the
// same fill wrote) and a 256 MB page cache. end_fast_fill restores the
// server's settings.
void begin_fast_fill(Connection &c);
void end_fast_fill(Connection &c);

}  // namespace trae::bulk_load
