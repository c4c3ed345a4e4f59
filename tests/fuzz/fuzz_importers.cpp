// The importers' parsers: USDA '^'/'~' lines and the element offsets of the
// exercise database's JSON array.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "app/importers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  auto fields = trae::split_usda_line(text);
  std::size_t total = 0;
  for (const auto &f : fields) total += f.size();
  if (total > text.size()) std::abort();  // fields are cut from the line, never grown
  for (auto off : trae::json_array_element_offsets(text))
    if (off >= text.size()) std::abort();
  return 0;
}
