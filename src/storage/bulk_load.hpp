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
// exactly as the migrations wrote them.
std::vector<std::string> drop_secondary_indexes(Connection &c, const std::string &table);
void recreate_indexes(Connection &c, const std::vector<std::string> &create_statements);

}  // namespace trae::bulk_load
