// Strict query-string input: unknown or repeated parameters and bad values
// are 422s naming the parameter.
#pragma once
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "core/search.hpp"
#include "http/message.hpp"

namespace trae {

class QueryReader {
 public:
  explicit QueryReader(const HttpRequest &req);

  std::optional<std::string> text(const std::string &name, std::size_t max_len = 200);
  std::optional<std::string> one_of(const std::string &name, std::span<const std::string_view> choices);
  std::optional<long long> integer(const std::string &name, long long lo, long long hi);
  std::optional<double> number(const std::string &name, double lo, double hi);
  std::optional<bool> boolean(const std::string &name);
  // page, limit and cursor, with the shared limits.
  Paging paging();
  void finish() const;

 private:
  const HttpRequest &req_;
  std::set<std::string> read_;
};

// Parses a path parameter as a positive id; 422 naming it if it is not one.
long long path_id(const HttpRequest &req, const std::string &name = "id");

}  // namespace trae
