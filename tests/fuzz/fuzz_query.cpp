// The strict query reader on an arbitrary query string ("a=1&b=x"), decoded
// into pairs the way the HTTP layer hands them over.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "http/query_params.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string qs(reinterpret_cast<const char *>(data), size);
  trae::HttpRequest req;
  std::size_t i = 0;
  while (i <= qs.size()) {
    auto amp = qs.find('&', i);
    if (amp == std::string::npos) amp = qs.size();
    auto kv = qs.substr(i, amp - i);
    auto eq = kv.find('=');
    req.query.emplace_back(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
    i = amp + 1;
  }
  req.params["id"] = qs.substr(0, 24);
  try {
    trae::QueryReader q(req);
    (void)q.text("q");
    (void)q.integer("max_prep_minutes", 0, 10000);
    (void)q.number("max_kcal", 0, 100000);
    (void)q.boolean("mine");
    (void)q.paging();
    q.finish();
  } catch (const trae::Error &) {
  }
  try {
    (void)trae::path_id(req);
  } catch (const trae::Error &) {
  }
  return 0;
}
