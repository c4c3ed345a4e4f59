#include "storage/row_filter.hpp"

namespace trae {
namespace {

void keep(sqlite3_context *ctx, int, sqlite3_value **argv) {
  const auto *slot = static_cast<const RowPredicate *const *>(sqlite3_user_data(ctx));
  if (!*slot) {
    sqlite3_result_error(ctx, "trae_keep: no row filter is set on this connection", -1);
    return;
  }
  sqlite3_result_int(ctx, (**slot)(sqlite3_value_int64(argv[0])) ? 1 : 0);
}

}  // namespace

void register_row_filter(sqlite3 *db, const RowPredicate *const *slot) {
  // Not SQLITE_DETERMINISTIC: the answer depends on the predicate in the slot.
  sqlite3_create_function_v2(db, "trae_keep", 1, SQLITE_UTF8, const_cast<RowPredicate **>(slot), keep,
                             nullptr, nullptr, nullptr);
}

}  // namespace trae
