// Search input rules shared by the catalog endpoints: full-text queries,
// paging and cursors.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace trae {

// Turns free text into a safe FTS5 query: each word becomes a quoted prefix
// term ("chick"*), so FTS syntax (quotes, *, NEAR, parentheses, column
// filters) is searched for literally instead of interpreted. At most 8 words.
// Empty when the text holds no letters or digits.
std::string fts_query(const std::string &text);

constexpr int kMaxLimit = 100;
constexpr int kDefaultLimit = 20;
constexpr long long kMaxOffset = 10000;  // deeper than this, use the cursor
constexpr long long kTotalCap = 1000;    // totals are counted up to here ("1,000+")

struct Paging {
  int page = 1;
  int limit = kDefaultLimit;
  std::optional<std::string> cursor;  // opaque, from a previous next_cursor
  long long offset() const { return static_cast<long long>(page - 1) * limit; }
};

// A keyset position: the sort value and id of the last row seen.
struct Cursor {
  std::string sort;
  double value = 0;
  long long id = 0;
  long long offset = 0;  // for relevance order, which has no stable key
  std::string filters;   // fingerprint of the filters it belongs to
};
std::string encode_cursor(const Cursor &c);
// nullopt when the text is not a cursor this server made.
std::optional<Cursor> decode_cursor(const std::string &text);
// A short hash of a query's filters, kept in its cursors.
std::string query_fingerprint(const std::string &filters);
// The paging's cursor, decoded; throws Error{invalid, "cursor"} if it belongs
// to another sort or other filters.
Cursor checked_cursor(const Paging &p, const std::string &sort, const std::string &filters);

}  // namespace trae
