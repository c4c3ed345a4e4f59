// Builds a WHERE clause and its bound values together, so that dynamic
// filters never splice user input into SQL text.
#pragma once
#include <string>
#include <variant>
#include <vector>

#include "storage/database.hpp"

namespace trae {

class SqlBuilder {
 public:
  using Value = std::variant<long long, double, std::string>;

  SqlBuilder &where(const std::string &clause) {
    where_ += (where_.empty() ? " WHERE " : " AND ") + clause;
    return *this;
  }
  template <typename... V>
  SqlBuilder &where(const std::string &clause, V... values) {
    where(clause);
    (binds_.push_back(Value(values)), ...);
    return *this;
  }
  const std::string &clause() const { return where_; }
  const std::vector<Value> &binds() const { return binds_; }

  // Binds every value, starting at `first`; returns the next free index.
  int bind_all(Stmt &st, int first = 1, const std::vector<Value> &extra = {}) const {
    int i = first;
    for (const auto *list : {&binds_, &extra})
      for (const auto &v : *list) {
        if (auto p = std::get_if<long long>(&v))
          st->bind(i++, static_cast<int64_t>(*p));
        else if (auto d = std::get_if<double>(&v))
          st->bind(i++, *d);
        else
          st->bind(i++, std::get<std::string>(v));
      }
    return i;
  }

 private:
  std::string where_;
  std::vector<Value> binds_;
};

}  // namespace trae
