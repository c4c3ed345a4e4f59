// JWT verification on arbitrary tokens: never crashes, and never accepts a
// token that was not signed with the key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "security/jwt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  std::string token(reinterpret_cast<const char *>(data), size);
  if (trae::verify_access_token(token, "fuzz-secret-0123456789abcdef0123", 1700000000)) std::abort();
  return 0;
}
