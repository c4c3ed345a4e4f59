// Strict JSON input. Malformed JSON, duplicate keys, nesting deeper than 32
// levels and non-objects are 400s; a field of the wrong type or an unknown
// field is a 422 naming the field. Nothing is silently defaulted.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace trae {

// Throws Error(bad_request) for malformed input.
nlohmann::json parse_json_strict(const std::string &text);

// Reads the fields of one JSON object, remembering which were read so that
// finish() can reject the ones nobody asked for.
class FieldReader {
 public:
  explicit FieldReader(const nlohmann::json &obj, std::string prefix = {});

  bool has(const std::string &name) const;
  // Present and JSON null.
  bool is_null(const std::string &name) const;

  std::string required_string(const std::string &name, std::size_t max_len = 10000);
  std::optional<std::string> optional_string(const std::string &name, std::size_t max_len = 10000);
  double required_number(const std::string &name);
  std::optional<double> optional_number(const std::string &name);
  long long required_int(const std::string &name);
  std::optional<long long> optional_int(const std::string &name);
  std::optional<bool> optional_bool(const std::string &name);
  std::optional<std::vector<std::string>> optional_string_list(const std::string &name,
                                                               std::size_t max_items = 100);
  std::optional<nlohmann::json> optional_object(const std::string &name);
  // The field as JSON (null if absent or null), for nested structures.
  const nlohmann::json *raw(const std::string &name) { return get(name); }

  // Throws Error(invalid) naming the first field that was not read.
  void finish() const;
  std::string field_name(const std::string &name) const { return prefix_ + name; }

 private:
  const nlohmann::json *get(const std::string &name);
  const nlohmann::json &obj_;
  std::string prefix_;
  std::set<std::string> read_;
};

}  // namespace trae
