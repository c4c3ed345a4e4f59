#include "core/recipe_index.hpp"

#include <algorithm>

namespace trae {

std::optional<RecipeOrder> recipe_order(const std::string &sort) {
  if (sort == "newest") return RecipeOrder::newest;
  if (sort == "kcal") return RecipeOrder::kcal;
  if (sort == "protein") return RecipeOrder::protein;
  if (sort == "prep") return RecipeOrder::prep;
  return std::nullopt;
}

bool recipe_before(const RecipeKey &a, const RecipeKey &b, RecipeOrder o) {
  switch (o) {
    case RecipeOrder::newest: return a.created_at != b.created_at ? a.created_at > b.created_at : a.id > b.id;
    case RecipeOrder::kcal: return a.kcal != b.kcal ? a.kcal < b.kcal : a.id < b.id;
    case RecipeOrder::protein: return a.protein_g != b.protein_g ? a.protein_g > b.protein_g : a.id > b.id;
    case RecipeOrder::prep:
      return a.prep_minutes != b.prep_minutes ? a.prep_minutes < b.prep_minutes : a.id < b.id;
  }
  return false;
}

double recipe_sort_value(const RecipeKey &k, RecipeOrder o) {
  switch (o) {
    case RecipeOrder::newest: return static_cast<double>(k.created_at);
    case RecipeOrder::kcal: return k.kcal;
    case RecipeOrder::protein: return k.protein_g;
    case RecipeOrder::prep: return k.prep_minutes;
  }
  return 0;
}

namespace {

// A key that sorts exactly where a cursor's (value, id) does.
RecipeKey cursor_key(RecipeOrder o, double value, long long id) {
  RecipeKey k;
  k.id = static_cast<std::uint32_t>(std::clamp<long long>(id, 0, UINT32_MAX));
  switch (o) {
    case RecipeOrder::newest: k.created_at = static_cast<std::int64_t>(std::clamp(value, -9e18, 9e18)); break;
    case RecipeOrder::kcal: k.kcal = value; break;
    case RecipeOrder::protein: k.protein_g = value; break;
    case RecipeOrder::prep: k.prep_minutes = static_cast<std::int32_t>(std::clamp(value, -2e9, 2e9)); break;
  }
  return k;
}

}  // namespace

std::uint16_t CodeBook::code(const std::string &word) {
  auto [it, added] = codes_.emplace(word, static_cast<std::uint16_t>(codes_.size()));
  (void)added;
  return it->second;
}

std::optional<std::uint16_t> CodeBook::find(const std::string &word) const {
  auto it = codes_.find(word);
  if (it == codes_.end()) return std::nullopt;
  return it->second;
}

RecipeIndex::RecipeIndex(std::vector<RecipeKey> catalog, CodeBook book) : book_(std::move(book)) {
  // Five copies of 48-byte keys (about 72 MB for 300,000 recipes) and the
  // filter columns (32 bytes a recipe, about 10 MB).
  for (int o = 0; o < 4; ++o) {
    by_order_[o] = catalog;
    const auto order = static_cast<RecipeOrder>(o);
    std::sort(by_order_[o].begin(), by_order_[o].end(),
              [order](const RecipeKey &a, const RecipeKey &b) { return recipe_before(a, b, order); });
  }
  std::sort(catalog.begin(), catalog.end(),
            [](const RecipeKey &a, const RecipeKey &b) { return a.id < b.id; });
  by_id_ = std::move(catalog);
  position_.assign(by_id_.empty() ? 0 : by_id_.back().id + 1, -1);
  for (std::size_t i = 0; i < by_id_.size(); ++i) position_[by_id_[i].id] = static_cast<std::int32_t>(i);
  for (const auto &k : by_id_) {
    columns_.meal_type.push_back(k.meal_type);
    columns_.cuisine.push_back(k.cuisine);
    columns_.diet_tags.push_back(k.diet_tags);
    columns_.allergens.push_back(k.allergens);
    columns_.prep_minutes.push_back(k.prep_minutes);
    columns_.kcal.push_back(k.kcal);
    columns_.protein_g.push_back(k.protein_g);
    if (k.owner != 0) ownerless_ = false;
  }
}

bool RecipeIndex::keeps(long long id, const RecipeKeyFilter &f) const {
  const RecipeKey *k = find(id);
  return k && keeps(*k, f);
}

bool RecipeIndex::keeps(const RecipeKey &k, const RecipeKeyFilter &f) const {
  // Only the key's position is used: the key itself is not read.
  if (!ownerless_) return f.keep(k);  // the owner rule needs the key
  const auto i = static_cast<std::size_t>(&k - by_id_.data());
  // RecipeKeyFilter::keep, field by field, the smallest columns first.
  const Columns &c = columns_;
  return !f.nothing && (!f.meal_type || c.meal_type[i] == *f.meal_type) &&
         (!f.cuisine || c.cuisine[i] == *f.cuisine) && (f.diet == 0 || (c.diet_tags[i] & f.diet) != 0) &&
         (f.exclude_allergens == 0 || (c.allergens[i] & f.exclude_allergens) == 0) &&
         (!f.max_prep_minutes || c.prep_minutes[i] <= *f.max_prep_minutes) &&
         (!f.max_kcal || c.kcal[i] <= *f.max_kcal) &&
         (!f.min_protein_g || c.protein_g[i] >= *f.min_protein_g);
}

const RecipeKey *RecipeIndex::find(long long id) const {
  if (id < 0 || id >= static_cast<long long>(position_.size()) || position_[id] < 0) return nullptr;
  return &by_id_[position_[id]];
}

IndexPage RecipeIndex::page(RecipeOrder order, const RecipeKeyFilter &f, const std::vector<RecipeKey> &own,
                            const std::vector<bool> *members, const PageStart &start, long long want,
                            long long cap) const {
  const auto &all = by_order_[static_cast<int>(order)];
  auto before = [order](const RecipeKey &a, const RecipeKey &b) { return recipe_before(a, b, order); };
  auto pass = [&](const RecipeKey &k) {
    return f.keep(k) && (!members || (k.id < members->size() && (*members)[k.id]));
  };
  std::vector<RecipeKey> mine;
  for (const auto &k : own)
    if (pass(k)) mine.push_back(k);
  std::sort(mine.begin(), mine.end(), before);

  IndexPage out;
  out.total = std::min(static_cast<long long>(mine.size()), cap + 1);
  for (std::size_t i = 0; i < all.size() && out.total <= cap; ++i)
    if (pass(all[i])) ++out.total;

  std::size_t i = 0, j = 0;
  long long skip = start.offset;
  if (start.after) {
    const RecipeKey probe = cursor_key(order, start.after->first, start.after->second);
    i = static_cast<std::size_t>(std::upper_bound(all.begin(), all.end(), probe, before) - all.begin());
    j = static_cast<std::size_t>(std::upper_bound(mine.begin(), mine.end(), probe, before) - mine.begin());
    skip = 0;
  }
  // Two sorted streams, the catalog's and the viewer's, merged.
  while (static_cast<long long>(out.ids.size()) < want) {
    while (i < all.size() && !pass(all[i])) ++i;
    const RecipeKey *next = nullptr;
    if (i < all.size() && (j >= mine.size() || before(all[i], mine[j])))
      next = &all[i++];
    else if (j < mine.size())
      next = &mine[j++];
    else
      break;
    if (skip > 0) {
      --skip;
      continue;
    }
    out.ids.push_back(next->id);
  }
  return out;
}

RecipeMatcher::RecipeMatcher(const RecipeIndex &index, const RecipeKeyFilter &f,
                             const std::vector<RecipeKey> &own)
    : index_(index), filter_(f) {
  for (const auto &k : own) own_[k.id] = &k;
}

bool RecipeMatcher::keep(long long id) const {
  if (const RecipeKey *k = index_.find(id)) return index_.keeps(*k, filter_);
  auto it = own_.find(id);
  return it != own_.end() && filter_.keep(*it->second);
}

const RecipeKey &RecipeMatcher::key(long long id) const {
  if (const RecipeKey *k = index_.find(id)) return *k;
  return *own_.at(id);
}

}  // namespace trae
