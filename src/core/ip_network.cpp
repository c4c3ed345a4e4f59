#include "core/ip_network.hpp"

#include <arpa/inet.h>

#include <cstring>

namespace trae {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool trusted_by(const std::vector<IpNetwork> &trusted, const IpBytes &ip) {
  for (const auto &n : trusted)
    if (contains(n, ip)) return true;
  return false;
}

}  // namespace

std::optional<IpBytes> parse_ip(std::string_view text) {
  text = trim(text);
  if (text.size() > 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() > 45) return std::nullopt;
  std::string s(text);
  IpBytes out{};
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
    out[10] = 0xff;
    out[11] = 0xff;
    std::memcpy(out.data() + 12, &v4, 4);
    return out;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
    std::memcpy(out.data(), &v6, 16);
    return out;
  }
  return std::nullopt;
}

std::optional<IpNetwork> parse_ip_network(std::string_view text) {
  text = trim(text);
  auto slash = text.find('/');
  auto ip = parse_ip(text.substr(0, slash));
  if (!ip) return std::nullopt;
  bool v4 = text.substr(0, slash).find(':') == std::string_view::npos;
  IpNetwork n{*ip, 128};
  if (slash != std::string_view::npos) {
    std::string_view bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3) return std::nullopt;
    int p = 0;
    for (char c : bits) {
      if (c < '0' || c > '9') return std::nullopt;
      p = p * 10 + (c - '0');
    }
    if (p > (v4 ? 32 : 128)) return std::nullopt;
    n.prefix = v4 ? p + 96 : p;
  }
  return n;
}

bool contains(const IpNetwork &net, const IpBytes &ip) {
  int bits = net.prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((net.base[i] & mask) != (ip[i] & mask)) return false;
  }
  return true;
}

std::string client_address(const std::string &peer, std::string_view forwarded_for,
                           const std::vector<IpNetwork> &trusted) {
  auto peer_ip = parse_ip(peer);
  if (trusted.empty() || !peer_ip || !trusted_by(trusted, *peer_ip)) return peer;
  std::string client = peer;
  while (!forwarded_for.empty()) {
    auto comma = forwarded_for.rfind(',');
    std::string_view hop =
        trim(comma == std::string_view::npos ? forwarded_for : forwarded_for.substr(comma + 1));
    forwarded_for = comma == std::string_view::npos ? std::string_view() : forwarded_for.substr(0, comma);
    auto ip = parse_ip(hop);
    if (!ip) break;
    client = std::string(hop);
    if (!trusted_by(trusted, *ip)) break;
  }
  return client;
}

}  // namespace trae
