// The recipe catalog's filterable fields, held in memory in each sort order.
//
// Why: SQLite walks one index per query. A recipe list combines up to eight
// filters with four sort orders, and on 300,000 recipes any combination the
// chosen index does not cover reads thousands of table rows: a deep page,
// a protein floor almost nothing meets, a common word with a calorie ceiling
// (13-105 ms measured). Here every combination is one sequential walk over
// compact records already in the requested order (about 2 ms for the whole
// catalog), and SQLite only fetches the page's rows by primary key.
//
// Pure: no I/O. The storage layer fills it from one read of the catalog, and
// the catalog service replaces it when the catalog revision changes. The
// signed-in user's own recipes are not in it: they are read per request
// (through the owner index) and merged in, because they change often and
// only their owner may see them.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog.hpp"

namespace trae {

// What the filters and orders need of one recipe. Meal type and cuisine are
// codes from a CodeBook.
struct RecipeKey {
  std::uint32_t id = 0;
  std::uint32_t owner = 0;  // 0 for a catalog recipe
  double kcal = 0, protein_g = 0;
  std::int64_t created_at = 0;
  std::int32_t prep_minutes = 0;
  std::uint16_t meal_type = 0, cuisine = 0;
  Mask diet_tags = 0, allergens = 0;
};

enum class RecipeOrder { newest, kcal, protein, prep };
// "newest", "kcal", "protein" or "prep"; nullopt for anything else.
std::optional<RecipeOrder> recipe_order(const std::string &sort);
// Whether a comes before b: newest (created_at, id) descending, kcal and
// prep ascending, protein descending; ids break ties in the same direction.
bool recipe_before(const RecipeKey &a, const RecipeKey &b, RecipeOrder o);
// The value a cursor keeps for a recipe in this order.
double recipe_sort_value(const RecipeKey &k, RecipeOrder o);

// Words (meal types, cuisines) to small codes. The index's book is fixed
// when it is built; a request extends a copy with the words of the user's own
// recipes, which may name cuisines the catalog does not have.
class CodeBook {
 public:
  std::uint16_t code(const std::string &word);  // adds the word if new
  std::optional<std::uint16_t> find(const std::string &word) const;

 private:
  std::map<std::string, std::uint16_t> codes_;
};

struct RecipeKeyFilter {
  std::uint32_t viewer = 0;  // the signed-in user (0: nobody); their recipes pass
  std::optional<std::uint16_t> meal_type, cuisine;
  bool nothing = false;  // a meal type or cuisine no recipe has
  std::optional<double> max_kcal, min_protein_g;
  std::optional<int> max_prep_minutes;
  Mask diet = 0;               // any of these diet tags
  Mask exclude_allergens = 0;  // none of these allergens

  bool keep(const RecipeKey &k) const {
    return !nothing && (k.owner == 0 || k.owner == viewer) && (!meal_type || k.meal_type == *meal_type) &&
           (!cuisine || k.cuisine == *cuisine) && (!max_kcal || k.kcal <= *max_kcal) &&
           (!min_protein_g || k.protein_g >= *min_protein_g) &&
           (!max_prep_minutes || k.prep_minutes <= *max_prep_minutes) &&
           (diet == 0 || (k.diet_tags & diet) != 0) && (k.allergens & exclude_allergens) == 0;
  }
};

// Where a page starts: after a cursor's (value, id), or after `offset` matches.
struct PageStart {
  std::optional<std::pair<double, long long>> after;
  long long offset = 0;
};

struct IndexPage {
  std::vector<std::uint32_t> ids;  // in order; up to `want`
  long long total = 0;             // matches, counted up to cap + 1
};

class RecipeIndex {
 public:
  RecipeIndex() = default;
  RecipeIndex(std::vector<RecipeKey> catalog, CodeBook book);

  const CodeBook &book() const { return book_; }
  std::size_t size() const { return by_order_[0].size(); }
  // The catalog recipe with this id, if it is one.
  const RecipeKey *find(long long id) const;
  // filter.keep(*find(id)) for a catalog id, false for any other, read from
  // the filter columns: the fields the filter constrains, and only those.
  bool keeps(long long id, const RecipeKeyFilter &filter) const;
  // The same for a key find() returned, without looking it up again.
  bool keeps(const RecipeKey &catalog_key, const RecipeKeyFilter &filter) const;

  // One page in `order` of the catalog recipes and `own` (the viewer's, in
  // any order) that pass the filter and, when `members` is given, whose id is
  // set in it (the full-text matches).
  IndexPage page(RecipeOrder order, const RecipeKeyFilter &f, const std::vector<RecipeKey> &own,
                 const std::vector<bool> *members, const PageStart &start, long long want,
                 long long cap) const;

 private:
  CodeBook book_;
  std::vector<RecipeKey> by_order_[4];  // RecipeOrder -> every catalog recipe in that order
  // id -> index in by_id_, or -1. find() goes through by_id_ rather than an
  // order's copy: full-text walks ask in rowid order, so their reads of it
  // run forward through memory instead of jumping around 14 MB.
  std::vector<std::int32_t> position_;
  std::vector<RecipeKey> by_id_;
  // by_id_'s filter fields, one array each, for keeps(). A full-text walk
  // tests one match after another, scattered over the catalog: reading a
  // match's whole 48-byte key from the 14 MB by_id_ missed the cache on
  // nearly every one, and was a quarter of a word search's CPU. A filter
  // reads only its own fields, from arrays of 2-8 bytes a recipe, and tests
  // the smallest first, so most rejected matches cost one cached read.
  struct Columns {
    std::vector<std::uint16_t> meal_type, cuisine;
    std::vector<Mask> diet_tags, allergens;
    std::vector<std::int32_t> prep_minutes;
    std::vector<double> kcal, protein_g;
  } columns_;
  bool ownerless_ = true;  // no key has an owner, as the storage layer builds it
};

// Everything a full-text walk needs to decide on one matching id: a catalog
// recipe through the index, one of the viewer's own through `own`.
class RecipeMatcher {
 public:
  RecipeMatcher(const RecipeIndex &index, const RecipeKeyFilter &f, const std::vector<RecipeKey> &own);
  bool keep(long long id) const;
  // The key of an id keep() accepted.
  const RecipeKey &key(long long id) const;

 private:
  const RecipeIndex &index_;
  const RecipeKeyFilter &filter_;
  std::map<long long, const RecipeKey *> own_;
};

}  // namespace trae
