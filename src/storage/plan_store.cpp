#include "storage/plan_store.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/error.hpp"
#include "storage/document_codec.hpp"

namespace trae::plan_store {
namespace {

const char *table(Kind k) { return k == Kind::meal ? "meal_plans" : "workout_plans"; }

// The JSON text of the stored (packed) document in `column`.
std::string text_at(Stmt &st, int column) {
  auto col = st->getColumn(column);
  const std::string_view stored(static_cast<const char *>(col.getBlob()),
                                static_cast<std::size_t>(col.getBytes()));
  return document_codec::unpack(stored);
}

nlohmann::json document_at(Stmt &st, int column) { return nlohmann::json::parse(text_at(st, column)); }

void bind_blob(Stmt &st, int index, const std::string &bytes) {
  st->bind(index, bytes.data(), static_cast<int>(bytes.size()));
}

// Reads a document and builds only its top-level members named in
// `members`. The callback form of nlohmann's parser still builds each value
// before it can be dropped; this reads the rest and builds nothing for it.
class OutlineReader : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit OutlineReader(const std::vector<std::string> &members) : members_(members) {}
  nlohmann::json take() { return std::move(out_); }

  bool null() override { return put(nullptr); }
  bool boolean(bool v) override { return put(v); }
  bool number_integer(number_integer_t v) override { return put(v); }
  bool number_unsigned(number_unsigned_t v) override { return put(v); }
  bool number_float(number_float_t v, const string_t &) override { return put(v); }
  bool string(string_t &v) override { return put(v); }
  bool binary(binary_t &) override { return false; }  // JSON text holds none
  bool start_object(std::size_t) override { return open(nlohmann::json::object()); }
  bool start_array(std::size_t) override { return open(nlohmann::json::array()); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }
  bool key(string_t &k) override {
    if (depth_ == 1) {
      keeping_ = std::find(members_.begin(), members_.end(), k) != members_.end();
      if (keeping_) member_ = k;
    } else if (keeping_) {
      key_ = k;
    }
    return true;
  }
  bool parse_error(std::size_t, const std::string &, const nlohmann::detail::exception &) override {
    return false;
  }

 private:
  // Where the next value of a kept member goes, or nullptr outside one.
  nlohmann::json *slot() {
    if (!keeping_) return nullptr;
    if (open_.empty()) return &out_[member_];
    nlohmann::json &parent = *open_.back();
    if (parent.is_array()) return &parent.emplace_back();
    return &parent[key_];
  }
  bool put(nlohmann::json v) {
    if (depth_ == 0) return false;  // a document that is not an object
    if (nlohmann::json *at = slot()) {
      *at = std::move(v);
      if (open_.empty()) keeping_ = false;
    }
    return true;
  }
  bool open(nlohmann::json empty) {
    if (depth_++ == 0) {
      if (!empty.is_object()) return false;
      out_ = nlohmann::json::object();
      return true;
    }
    if (nlohmann::json *at = slot()) {
      *at = std::move(empty);
      open_.push_back(at);
    }
    return true;
  }
  bool close() {
    --depth_;
    if (!open_.empty()) {
      open_.pop_back();
      if (open_.empty()) keeping_ = false;
    }
    return true;
  }

  const std::vector<std::string> &members_;
  nlohmann::json out_;
  int depth_ = 0;
  bool keeping_ = false;
  std::string member_, key_;
  std::vector<nlohmann::json *> open_;  // the kept member's containers still open, innermost last
};

nlohmann::json outline_at(Stmt &st, int column, const std::vector<std::string> &members) {
  OutlineReader reader(members);
  if (!nlohmann::json::sax_parse(text_at(st, column), &reader))
    throw std::runtime_error("a stored plan document is not a JSON object");
  return reader.take();
}

Saved saved_from_row(Stmt &st) {
  Saved s;
  s.id = st->getColumn(0).getInt64();
  s.created_at = st->getColumn(1).getInt64();
  s.request = document_at(st, 2);
  s.plan = document_at(st, 3);
  return s;
}

}  // namespace

long long insert(Connection &c, Kind k, const Header &h, const nlohmann::json &request,
                 const nlohmann::json &plan, long long now) {
  return insert_packed(c, k, h, document_codec::pack(request.dump()), document_codec::pack(plan.dump()), now);
}

long long insert_packed(Connection &c, Kind k, const Header &h, const std::string &request,
                        const std::string &plan, long long now) {
  auto st = c.prepare(
      k == Kind::meal
          ? "INSERT INTO meal_plans(user_id, days, meals_per_day, target_kcal, request, plan, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
          : "INSERT INTO workout_plans(user_id, days_per_week, minutes_per_session, goal, request, plan, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  st->bind(1, static_cast<int64_t>(h.user));
  st->bind(2, h.days);
  st->bind(3, h.per_day);
  if (k == Kind::meal)
    st->bind(4, h.target);
  else
    st->bind(4, h.goal);
  bind_blob(st, 5, request);
  bind_blob(st, 6, plan);
  st->bind(7, static_cast<int64_t>(now));
  st->bind(8, static_cast<int64_t>(now));
  st->exec();
  return c.db().getLastInsertRowid();
}

void update_plan(Connection &c, Kind k, long long user, long long id, const nlohmann::json &plan,
                 long long now) {
  auto st = c.prepare(std::string("UPDATE ") + table(k) +
                      " SET plan = ?, updated_at = ? WHERE id = ? AND user_id = ?");
  bind_blob(st, 1, document_codec::pack(plan.dump()));
  st->bind(2, static_cast<int64_t>(now));
  st->bind(3, static_cast<int64_t>(id));
  st->bind(4, static_cast<int64_t>(user));
  if (st->exec() == 0) throw not_found(k == Kind::meal ? "meal plan" : "workout plan");
}

std::optional<Saved> get(Connection &c, Kind k, long long user, long long id) {
  auto st = c.prepare(std::string("SELECT id, created_at, request, plan FROM ") + table(k) +
                      " WHERE id = ? AND user_id = ?");
  st->bind(1, static_cast<int64_t>(id));
  st->bind(2, static_cast<int64_t>(user));
  if (!st->executeStep()) return std::nullopt;
  return saved_from_row(st);
}

bool remove(Connection &c, Kind k, long long user, long long id) {
  auto st = c.prepare(std::string("DELETE FROM ") + table(k) + " WHERE id = ? AND user_id = ?");
  st->bind(1, static_cast<int64_t>(id));
  st->bind(2, static_cast<int64_t>(user));
  return st->exec() > 0;
}

std::vector<Saved> all_of(Connection &c, Kind k, long long user) {
  auto st = c.prepare(std::string("SELECT id, created_at, request, plan FROM ") + table(k) +
                      " WHERE user_id = ? ORDER BY created_at, id");
  st->bind(1, static_cast<int64_t>(user));
  std::vector<Saved> out;
  while (st->executeStep()) out.push_back(saved_from_row(st));
  return out;
}

catalog_query::Result<Outline> list(Connection &c, Kind k, long long user, const Paging &p,
                                    const std::vector<std::string> &members) {
  catalog_query::Result<Outline> out;
  const std::string t = table(k);
  {
    auto st = c.prepare("SELECT COUNT(*) FROM (SELECT 1 FROM " + t + " WHERE user_id = ? LIMIT " +
                        std::to_string(kTotalCap + 1) + ")");
    st->bind(1, static_cast<int64_t>(user));
    st->executeStep();
    long long n = st->getColumn(0).getInt64();
    out.total = std::min(n, kTotalCap);
    out.total_capped = n > kTotalCap;
  }
  // Newest first; the cursor is the (created_at, id) of the last row seen.
  std::optional<Cursor> after;
  if (p.cursor) {
    after = decode_cursor(*p.cursor);
    if (!after || after->sort != "newest" || after->filters != t)
      throw invalid("cursor", "cursor does not belong to this query; start again without it");
  }
  auto st =
      c.prepare("SELECT id, created_at, " + std::string(k == Kind::meal ? "days" : "days_per_week") +
                ", plan FROM " + t + " WHERE user_id = ?" + (after ? " AND (created_at, id) < (?, ?)" : "") +
                " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
  int i = 1;
  st->bind(i++, static_cast<int64_t>(user));
  if (after) {
    st->bind(i++, static_cast<int64_t>(after->value));
    st->bind(i++, static_cast<int64_t>(after->id));
  }
  st->bind(i++, p.limit + 1);
  st->bind(i++, static_cast<int64_t>(after ? 0 : p.offset()));
  while (st->executeStep())
    out.items.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getInt64(), st->getColumn(2).getInt(),
                         outline_at(st, 3, members)});
  if (static_cast<int>(out.items.size()) > p.limit) {
    out.items.pop_back();
    const auto &last = out.items.back();
    out.next_cursor = encode_cursor({"newest", static_cast<double>(last.created_at), last.id, 0, t});
  }
  return out;
}

}  // namespace trae::plan_store
