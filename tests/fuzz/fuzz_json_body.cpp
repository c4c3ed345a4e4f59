// The strict JSON body reader and its field readers, on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "http/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  try {
    auto j = trae::parse_json_strict(text);
    trae::FieldReader f(j);
    (void)f.optional_string("name", 100);
    (void)f.optional_number("weight_kg");
    (void)f.optional_int("servings");
    f.finish();
  } catch (const trae::Error &) {
  }
  return 0;
}
