// Recipe lists answered from the in-memory recipe index (core/recipe_index.hpp)
// with SQLite doing what it is fast at: walking FTS5 doclists, and fetching
// a page's rows by primary key.
//
// - No search words: the index walks its copy in the requested order.
// - Search words, relevance order: the doclist is walked asking the index,
//   through trae_keep(), whether each match passes the filters. Up to 1,000
//   matches are ranked with bm25; past that, in two tiers (the name holds every
//   word, then ingredients or cuisine only), newest first, read straight off
//   the doclists.
// - Search words, explicit order: the filtered matches become a bitmap, and
//   the index walks the requested order keeping the set ids.
#pragma once
#include "core/recipe_index.hpp"
#include "storage/catalog_query.hpp"

namespace trae::recipe_search {

// Whether the index can answer the filter (not: favorites only, excluded foods).
bool covers(const catalog_query::RecipeFilter &f);

// Every catalog recipe's key: one read of the table, once per catalog revision.
RecipeIndex load_index(Connection &c);

catalog_query::Result<RecipeSummary> search(Connection &c, const RecipeIndex &index,
                                            const catalog_query::RecipeFilter &f, const Paging &p);

}  // namespace trae::recipe_search
