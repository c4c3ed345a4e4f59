#include "http/query_params.hpp"

#include <cmath>

#include "core/enums.hpp"
#include "core/error.hpp"

namespace trae {

QueryReader::QueryReader(const HttpRequest &req) : req_(req) {
  std::set<std::string> seen;
  for (const auto &[k, v] : req.query)
    if (!seen.insert(k).second) throw invalid(k, "parameter " + k + " is given more than once");
}

std::optional<std::string> QueryReader::text(const std::string &name, std::size_t max_len) {
  read_.insert(name);
  for (const auto &[k, v] : req_.query)
    if (k == name) {
      if (v.size() > max_len)
        throw invalid(name, name + " is longer than " + std::to_string(max_len) + " bytes");
      if (v.find('\0') != std::string::npos) throw invalid(name, name + " must not contain NUL characters");
      if (v.empty()) return std::nullopt;
      return v;
    }
  return std::nullopt;
}

std::optional<std::string> QueryReader::one_of(const std::string &name,
                                               std::span<const std::string_view> choices) {
  auto v = text(name, 64);
  if (v && !is_one_of(choices, *v)) throw invalid(name, name + " must be " + describe_choices(choices));
  return v;
}

std::optional<long long> QueryReader::integer(const std::string &name, long long lo, long long hi) {
  auto v = text(name, 32);
  if (!v) return std::nullopt;
  long long n = 0;
  std::size_t used = 0;
  try {
    n = std::stoll(*v, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != v->size() || n < lo || n > hi)
    throw invalid(name,
                  name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return n;
}

std::optional<double> QueryReader::number(const std::string &name, double lo, double hi) {
  auto v = text(name, 32);
  if (!v) return std::nullopt;
  double d = 0;
  std::size_t used = 0;
  try {
    d = std::stod(*v, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != v->size() || !std::isfinite(d) || d < lo || d > hi)
    throw invalid(name, name + " must be a number from " + std::to_string(static_cast<long long>(lo)) +
                            " to " + std::to_string(static_cast<long long>(hi)));
  return d;
}

std::optional<bool> QueryReader::boolean(const std::string &name) {
  auto v = text(name, 8);
  if (!v) return std::nullopt;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  throw invalid(name, name + " must be true or false");
}

Paging QueryReader::paging() {
  Paging p;
  p.limit = static_cast<int>(integer("limit", 1, kMaxLimit).value_or(kDefaultLimit));
  p.page = static_cast<int>(integer("page", 1, 1000000).value_or(1));
  if (p.offset() + p.limit > kMaxOffset + kMaxLimit)
    throw invalid("page", "page is too deep; follow next_cursor to read further");
  p.cursor = text("cursor", 512);
  return p;
}

void QueryReader::finish() const {
  for (const auto &[k, v] : req_.query)
    if (!read_.count(k)) throw invalid(k, "unknown parameter '" + k + "'");
}

long long path_id(const HttpRequest &req, const std::string &name) {
  auto it = req.params.find(name);
  const std::string v = it == req.params.end() ? "" : it->second;
  long long n = 0;
  std::size_t used = 0;
  try {
    n = std::stoll(v, &used);
  } catch (const std::exception &) {
    used = 0;
  }
  if (used == 0 || used != v.size() || n <= 0 || v[0] == '+')
    throw invalid(name, name + " must be a positive whole number");
  return n;
}

}  // namespace trae
