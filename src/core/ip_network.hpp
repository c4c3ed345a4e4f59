// IP addresses and networks (CIDR) as the rate limiter and the trusted-proxy
// rule need them: parse, match, and pick the client out of X-Forwarded-For.
// IPv4 is held as an IPv4-mapped IPv6 address so one comparison covers both.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trae {

using IpBytes = std::array<std::uint8_t, 16>;

struct IpNetwork {
  IpBytes base{};
  int prefix = 128;  // in IPv6 bits (an IPv4 /8 is /104 here)
};

// "203.0.113.7", "2001:db8::1", "::ffff:10.0.0.1" (surrounding spaces and
// brackets allowed); nothing for anything else.
std::optional<IpBytes> parse_ip(std::string_view text);
// An address ("10.0.0.1" = a /32) or a network ("10.0.0.0/8", "fd00::/8").
std::optional<IpNetwork> parse_ip_network(std::string_view text);
bool contains(const IpNetwork &net, const IpBytes &ip);

// The address to treat as the client's. Unless the peer is a trusted proxy,
// the peer itself (X-Forwarded-For is then ignored: anyone can send it).
// Otherwise the rightmost hop of `forwarded_for` that is not a trusted proxy,
// stopping at the first malformed hop (what lies left of it is unverifiable).
std::string client_address(const std::string &peer, std::string_view forwarded_for,
                           const std::vector<IpNetwork> &trusted);

}  // namespace trae
