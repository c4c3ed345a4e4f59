#include "http/json_body.hpp"

#include <cmath>
#include <vector>

#include "core/error.hpp"

namespace trae {
namespace {
constexpr int kMaxDepth = 32;
}

nlohmann::json parse_json_strict(const std::string &text) {
  // The parser callback sees every key, so duplicates and depth are caught
  // while parsing rather than after nlohmann keeps the last duplicate.
  std::vector<std::set<std::string>> keys;
  std::string problem;
  auto cb = [&](int depth, nlohmann::json::parse_event_t ev, nlohmann::json &parsed) {
    using E = nlohmann::json::parse_event_t;
    if (depth > kMaxDepth && problem.empty()) problem = "JSON is nested too deeply";
    if (ev == E::object_start)
      keys.emplace_back();
    else if (ev == E::object_end && !keys.empty())
      keys.pop_back();
    else if (ev == E::key && !keys.empty()) {
      auto k = parsed.get<std::string>();
      if (!keys.back().insert(k).second && problem.empty()) problem = "duplicate key '" + k + "'";
    }
    return problem.empty();
  };
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text, cb, true, false);
  } catch (const nlohmann::json::exception &) {
    if (problem.empty()) throw Error(ErrorCode::bad_request, "request body is not valid JSON");
  }
  if (!problem.empty()) throw Error(ErrorCode::bad_request, problem);
  if (j.is_discarded()) throw Error(ErrorCode::bad_request, "request body is not valid JSON");
  if (!j.is_object()) throw Error(ErrorCode::bad_request, "request body must be a JSON object");
  return j;
}

FieldReader::FieldReader(const nlohmann::json &obj, std::string prefix)
    : obj_(obj), prefix_(std::move(prefix)) {}

bool FieldReader::has(const std::string &name) const { return obj_.contains(name); }

bool FieldReader::is_null(const std::string &name) const {
  return obj_.contains(name) && obj_.at(name).is_null();
}

const nlohmann::json *FieldReader::get(const std::string &name) {
  read_.insert(name);
  auto it = obj_.find(name);
  if (it == obj_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::string FieldReader::required_string(const std::string &name, std::size_t max_len) {
  auto v = optional_string(name, max_len);
  if (!v) throw invalid(field_name(name), field_name(name) + " is required");
  return *v;
}

std::optional<std::string> FieldReader::optional_string(const std::string &name, std::size_t max_len) {
  const auto *v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_string()) throw invalid(field_name(name), field_name(name) + " must be a string");
  const auto &s = v->get_ref<const std::string &>();
  if (s.size() > max_len)
    throw invalid(field_name(name),
                  field_name(name) + " is longer than " + std::to_string(max_len) + " bytes");
  if (s.find('\0') != std::string::npos)
    throw invalid(field_name(name), field_name(name) + " must not contain NUL characters");
  return s;
}

double FieldReader::required_number(const std::string &name) {
  auto v = optional_number(name);
  if (!v) throw invalid(field_name(name), field_name(name) + " is required");
  return *v;
}

std::optional<double> FieldReader::optional_number(const std::string &name) {
  const auto *v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_number()) throw invalid(field_name(name), field_name(name) + " must be a number");
  double d = v->get<double>();
  if (!std::isfinite(d)) throw invalid(field_name(name), field_name(name) + " must be a finite number");
  return d;
}

long long FieldReader::required_int(const std::string &name) {
  auto v = optional_int(name);
  if (!v) throw invalid(field_name(name), field_name(name) + " is required");
  return *v;
}

std::optional<long long> FieldReader::optional_int(const std::string &name) {
  const auto *v = get(name);
  if (!v) return std::nullopt;
  if (v->is_number_integer()) return v->get<long long>();
  if (v->is_number_float()) {
    double d = v->get<double>();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9e15) return static_cast<long long>(d);
  }
  throw invalid(field_name(name), field_name(name) + " must be a whole number");
}

std::optional<bool> FieldReader::optional_bool(const std::string &name) {
  const auto *v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) throw invalid(field_name(name), field_name(name) + " must be true or false");
  return v->get<bool>();
}

std::optional<std::vector<std::string>> FieldReader::optional_string_list(const std::string &name,
                                                                          std::size_t max_items) {
  const auto *v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_array()) throw invalid(field_name(name), field_name(name) + " must be a list of strings");
  if (v->size() > max_items)
    throw invalid(field_name(name),
                  field_name(name) + " has more than " + std::to_string(max_items) + " items");
  std::vector<std::string> out;
  for (const auto &item : *v) {
    if (!item.is_string()) throw invalid(field_name(name), field_name(name) + " must be a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<nlohmann::json> FieldReader::optional_object(const std::string &name) {
  const auto *v = get(name);
  if (!v) return std::nullopt;
  if (!v->is_object()) throw invalid(field_name(name), field_name(name) + " must be an object");
  return *v;
}

void FieldReader::finish() const {
  for (const auto &[k, v] : obj_.items()) {
    (void)v;
    if (!read_.count(k)) throw invalid(field_name(k), "unknown field '" + field_name(k) + "'");
  }
}

}  // namespace trae
