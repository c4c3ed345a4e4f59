#include "core/account.hpp"

#include <algorithm>
#include <cctype>

#include "core/error.hpp"

namespace trae {
namespace {

std::string trim(const std::string &s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Counts UTF-8 code points, rejecting malformed sequences.
bool utf8_length(const std::string &s, std::size_t &n) {
  n = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return false;
    if (len == 2 && c < 0xC2) return false;  // overlong
    i += len;
    ++n;
  }
  return true;
}

}  // namespace

std::string normalize_email(const std::string &email) {
  std::string e = trim(email);
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto at = e.find('@');
  bool ok = e.size() >= 3 && e.size() <= 254 && at != std::string::npos && at > 0 && at == e.rfind('@') &&
            e.find('.', at) != std::string::npos && e.back() != '.' && e[at + 1] != '.';
  for (unsigned char c : e)
    if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>' || c == '"' || c == '\\' || c == ',') ok = false;
  if (!ok) throw invalid("email", "email must be a valid address");
  return e;
}

void check_password(const std::string &password) {
  if (password.size() < kMinPasswordLength)
    throw invalid("password", "password must be at least 10 characters");
  if (password.size() > kMaxPasswordLength)
    throw invalid("password", "password must be at most 1024 characters");
}

std::string normalize_name(const std::string &name) {
  std::string n = trim(name);
  std::size_t len = 0;
  if (!utf8_length(n, len)) throw invalid("name", "name must be valid UTF-8");
  if (len == 0 || len > 100) throw invalid("name", "name must be 1 to 100 characters");
  for (unsigned char c : n)
    if (c < 0x20 || c == 0x7F) throw invalid("name", "name must not contain control characters");
  return n;
}

}  // namespace trae

namespace trae {

long long throttle_wait(std::optional<long long> nth_latest_failure, long long now, long long window_s) {
  if (!nth_latest_failure) return 0;
  long long wait = *nth_latest_failure + window_s - now;
  return wait > 0 ? wait : 0;
}

}  // namespace trae
