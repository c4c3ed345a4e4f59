#include "config/address_block.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace trae {
namespace {

struct Parsed {
  std::array<unsigned char, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
  int prefix = 128;
};

bool parse_address(const std::string &s, Parsed &out) {
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out.bytes.fill(0);
    out.bytes[10] = out.bytes[11] = 0xff;
    std::memcpy(out.bytes.data() + 12, &v4, 4);
    return true;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.bytes.data(), &v6, 16);
    return true;
  }
  return false;
}

bool parse_block(const std::string &block, Parsed &out) {
  auto slash = block.find('/');
  std::string addr = block.substr(0, slash);
  if (!parse_address(addr, out)) return false;
  bool v4 = addr.find(':') == std::string::npos;
  int max = v4 ? 32 : 128;
  int prefix = max;
  if (slash != std::string::npos) {
    std::string p = block.substr(slash + 1);
    if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos) return false;
    prefix = std::stoi(p);
    if (prefix > max) return false;
  }
  out.prefix = v4 ? prefix + 96 : prefix;
  return true;
}

}  // namespace

bool valid_address_block(const std::string &block) {
  Parsed p;
  return parse_block(block, p);
}

bool address_in_block(const std::string &ip, const std::string &block) {
  Parsed a, b;
  if (!parse_address(ip, a) || !parse_block(block, b)) return false;
  for (int bit = 0; bit < b.prefix; ++bit) {
    int mask = 0x80 >> (bit % 8);
    if ((a.bytes[bit / 8] & mask) != (b.bytes[bit / 8] & mask)) return false;
  }
  return true;
}

bool address_allowed(const std::string &ip, const std::vector<std::string> &list) {
  if (list.empty()) return true;
  for (const auto &b : list)
    if (b == "all" || address_in_block(ip, b)) return true;
  return false;
}

}  // namespace trae
