#include "storage/recipe_search.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "storage/row_filter.hpp"

namespace trae::recipe_search {
namespace {

using catalog_query::RecipeFilter;
using catalog_query::Result;

constexpr const char *kKeyColumns =
    "id, owner_id, kcal, protein_g, created_at, prep_minutes, meal_type, cuisine, diet_tags, allergens";

RecipeKey key_from_row(Stmt &st, CodeBook &book) {
  RecipeKey k;
  k.id = static_cast<std::uint32_t>(st->getColumn(0).getInt64());
  k.owner = st->getColumn(1).isNull() ? 0 : static_cast<std::uint32_t>(st->getColumn(1).getInt64());
  k.kcal = st->getColumn(2).getDouble();
  k.protein_g = st->getColumn(3).getDouble();
  k.created_at = st->getColumn(4).getInt64();
  k.prep_minutes = st->getColumn(5).getInt();
  k.meal_type = book.code(st->getColumn(6).getString());
  k.cuisine = book.code(st->getColumn(7).getString());
  k.diet_tags = static_cast<Mask>(st->getColumn(8).getInt64());
  k.allergens = static_cast<Mask>(st->getColumn(9).getInt64());
  return k;
}

// The viewer's own recipes, through the owner index; their words join `book`.
// INDEXED BY: nearly every recipe is a catalog recipe (owner NULL), so
// ANALYZE records one owner value holding the whole table, and the planner
// then prefers a full scan (150 ms on the seeded dataset, on every signed-in
// list) to an index lookup that finds a handful of rows.
std::vector<RecipeKey> owned(Connection &c, long long user, CodeBook &book) {
  auto st = c.prepare(std::string("SELECT ") + kKeyColumns +
                      " FROM recipes INDEXED BY recipes_owner WHERE owner_id = ?");
  st->bind(1, static_cast<int64_t>(user));
  std::vector<RecipeKey> out;
  while (st->executeStep()) out.push_back(key_from_row(st, book));
  return out;
}

RecipeKeyFilter key_filter(const RecipeFilter &f, const CodeBook &book) {
  RecipeKeyFilter k;
  k.viewer = f.viewer ? static_cast<std::uint32_t>(*f.viewer) : 0;
  auto code = [&](const std::optional<std::string> &word, std::optional<std::uint16_t> &into) {
    if (!word) return;
    into = book.find(*word);
    if (!into) k.nothing = true;
  };
  code(f.meal_type, k.meal_type);
  code(f.cuisine, k.cuisine);
  k.max_kcal = f.max_kcal;
  k.min_protein_g = f.min_protein_g;
  k.max_prep_minutes = f.max_prep_minutes;
  k.diet = f.diet;
  k.exclude_allergens = f.exclude_allergens;
  return k;
}

// Every filter, as the text its cursors' fingerprint is made of (plain
// text, not JSON: search words may hold bytes that are not UTF-8).
std::string filter_text(const RecipeFilter &f) {
  auto num = [](const auto &v) { return v ? std::to_string(*v) : std::string("-"); };
  return f.fts + '|' + std::to_string(f.diet) + '|' + std::to_string(f.exclude_allergens) + '|' +
         f.meal_type.value_or("-") + '|' + f.cuisine.value_or("-") + '|' + num(f.max_kcal) + '|' +
         num(f.min_protein_g) + '|' + num(f.max_prep_minutes) + '|' + num(f.viewer);
}

// The page's rows, by primary key, in the order of `ids`.
std::vector<RecipeSummary> fetch(Connection &c, const std::vector<std::uint32_t> &ids) {
  std::vector<RecipeSummary> out;
  if (ids.empty()) return out;
  auto st = c.prepare(std::string("SELECT ") + catalog_query::kRecipeSummaryColumns +
                      " FROM json_each(?) j JOIN recipes r ON r.id = j.value ORDER BY j.key");
  st->bind(1, nlohmann::json(ids).dump());
  while (st->executeStep()) out.push_back(catalog_query::recipe_summary_from_row(st));
  return out;
}

// Filtered full-text matches, counted up to `limit` rows of the doclist walk.
// When `kept` is given, the ids counted are set in it.
long long count_matches(Connection &c, const std::string &match, const RowPredicate &keep, long long limit,
                        std::vector<bool> *kept = nullptr) {
  auto st = c.prepare(
      "SELECT COUNT(*) FROM (SELECT 1 FROM recipes_fts WHERE recipes_fts MATCH ? AND trae_keep(rowid) "
      "LIMIT ?)");
  const RowPredicate recording = [&keep, kept](long long id) {
    if (!keep(id)) return false;
    const auto i = static_cast<std::size_t>(id);
    if (i >= kept->size()) kept->resize(std::max(i + 1, kept->size() * 2));
    (*kept)[i] = true;
    return true;
  };
  RowFilterScope scope(c, kept ? recording : keep);
  st->bind(1, match);
  st->bind(2, static_cast<int64_t>(limit));
  st->executeStep();
  return st->getColumn(0).getInt64();
}

// Newest first, straight off the doclist: FTS5 walks it in rowid order and
// the walk stops when the page is full.
void newest_matches(Connection &c, const std::string &match, const RowPredicate &keep, long long offset,
                    long long n, std::vector<std::uint32_t> &into) {
  auto st = c.prepare(
      "SELECT rowid FROM recipes_fts WHERE recipes_fts MATCH ? AND trae_keep(rowid) "
      "ORDER BY recipes_fts.rowid DESC LIMIT ? OFFSET ?");
  RowFilterScope scope(c, keep);
  st->bind(1, match);
  st->bind(2, static_cast<int64_t>(n));
  st->bind(3, static_cast<int64_t>(offset));
  while (st->executeStep()) into.push_back(static_cast<std::uint32_t>(st->getColumn(0).getInt64()));
}

// Past the cap, two tiers: the name holds every word, then the rest.
std::vector<std::uint32_t> tiered(Connection &c, const RecipeFilter &f, const RowPredicate &keep,
                                  long long offset, long long want) {
  const std::string in_name = "{name} : (" + f.fts + ")";
  const std::string elsewhere = "(" + f.fts + ") NOT " + in_name;
  std::vector<std::uint32_t> ids;
  newest_matches(c, in_name, keep, offset, want, ids);
  const auto got = static_cast<long long>(ids.size());
  if (got < want) {
    // The name tier ended inside this page (or before it): the page goes on
    // with the other tier, from where the name tier's matches run out.
    const long long in_name_count =
        got > 0 || offset == 0 ? offset + got : count_matches(c, in_name, keep, offset);
    newest_matches(c, elsewhere, keep, offset + got - in_name_count, want - got, ids);
  }
  return ids;
}

// Up to the cap, bm25. The score is computed in the result column, after
// trae_keep() has dropped the filtered-out matches, so only survivors are scored.
std::vector<std::uint32_t> ranked(Connection &c, const RecipeFilter &f, const RowPredicate &keep,
                                  long long offset, long long want) {
  auto st = c.prepare(
      "SELECT rowid, bm25(recipes_fts) AS score FROM recipes_fts WHERE recipes_fts MATCH ? AND "
      "trae_keep(rowid) ORDER BY score, rowid LIMIT ? OFFSET ?");
  RowFilterScope scope(c, keep);
  st->bind(1, f.fts);
  st->bind(2, static_cast<int64_t>(want));
  st->bind(3, static_cast<int64_t>(offset));
  std::vector<std::uint32_t> ids;
  while (st->executeStep()) ids.push_back(static_cast<std::uint32_t>(st->getColumn(0).getInt64()));
  return ids;
}

// Every full-text match, as a bitmap over ids. No trae_keep() here: the
// index's walk tests the filters anyway, and a bare doclist walk costs about
// 80 ns a match against 300 ns with the call.
std::vector<bool> members(Connection &c, const std::string &match) {
  auto st = c.prepare("SELECT rowid FROM recipes_fts WHERE recipes_fts MATCH ?");
  st->bind(1, match);
  std::vector<bool> set;
  while (st->executeStep()) {
    const auto id = static_cast<std::size_t>(st->getColumn(0).getInt64());
    if (id >= set.size()) set.resize(std::max(id + 1, set.size() * 2));
    set[id] = true;
  }
  return set;
}

}  // namespace

bool covers(const RecipeFilter &f) { return !f.favorites_only && f.exclude_foods.empty(); }

RecipeIndex load_index(Connection &c) {
  // A scan by design: it reads the catalog once per catalog revision.
  auto st = c.prepare(std::string("SELECT ") + kKeyColumns + " FROM recipes WHERE +owner_id IS NULL");
  CodeBook book;
  std::vector<RecipeKey> keys;
  while (st->executeStep()) keys.push_back(key_from_row(st, book));
  return RecipeIndex(std::move(keys), std::move(book));
}

Result<RecipeSummary> search(Connection &c, const RecipeIndex &index, const RecipeFilter &f,
                             const Paging &p) {
  CodeBook book = index.book();
  const std::vector<RecipeKey> own = f.viewer ? owned(c, *f.viewer, book) : std::vector<RecipeKey>{};
  const RecipeKeyFilter kf = key_filter(f, book);
  const RecipeMatcher matcher(index, kf, own);
  const RowPredicate keep = [&matcher](long long id) { return matcher.keep(id); };
  const std::string filters = query_fingerprint(filter_text(f));
  const std::string sort = f.sort == "relevance" && f.fts.empty() ? "newest" : f.sort;
  const long long want = p.limit + 1;

  Result<RecipeSummary> out;
  std::vector<std::uint32_t> ids;
  std::optional<Cursor> cur;
  if (p.cursor) cur = checked_cursor(p, sort, filters);
  if (sort == "relevance") {
    const long long offset = cur ? cur->offset : p.offset();
    // The count's walk notes the matches it kept: when they are all of them
    // (not past the cap), the ranking walk asks that set instead of testing
    // each match's filters a second time.
    std::vector<bool> kept;
    const long long n = count_matches(c, f.fts, keep, kTotalCap + 1, &kept);
    out.total = std::min(n, kTotalCap);
    out.total_capped = n > kTotalCap;
    const RowPredicate counted = [&kept](long long id) {
      return static_cast<std::size_t>(id) < kept.size() && kept[static_cast<std::size_t>(id)];
    };
    ids = out.total_capped ? tiered(c, f, keep, offset, want) : ranked(c, f, counted, offset, want);
    if (static_cast<long long>(ids.size()) > p.limit)
      out.next_cursor = encode_cursor(Cursor{"relevance", 0, 0, offset + p.limit, filters});
  } else {
    const RecipeOrder order = *recipe_order(sort);
    std::vector<bool> matches;
    if (!f.fts.empty()) matches = members(c, f.fts);
    PageStart start;
    if (cur)
      start.after = std::make_pair(cur->value, cur->id);
    else
      start.offset = p.offset();
    IndexPage page = index.page(order, kf, own, f.fts.empty() ? nullptr : &matches, start, want, kTotalCap);
    out.total = std::min(page.total, kTotalCap);
    out.total_capped = page.total > kTotalCap;
    ids = std::move(page.ids);
    if (static_cast<long long>(ids.size()) > p.limit) {
      const RecipeKey &last = matcher.key(ids[p.limit - 1]);
      out.next_cursor = encode_cursor(Cursor{sort, recipe_sort_value(last, order), last.id, 0, filters});
    }
  }
  if (static_cast<long long>(ids.size()) > p.limit) ids.resize(p.limit);
  out.items = fetch(c, ids);
  return out;
}

}  // namespace trae::recipe_search
