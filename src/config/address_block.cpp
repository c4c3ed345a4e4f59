// Allow-lists on top of core/ip_network, which parses and matches addresses
// for the rate limiter and the trusted-proxy rule as well.
#include "config/address_block.hpp"

#include "core/ip_network.hpp"

namespace trae {

bool valid_address_block(const std::string &block) { return parse_ip_network(block).has_value(); }

bool address_in_block(const std::string &ip, const std::string &block) {
  auto net = parse_ip_network(block);
  auto addr = parse_ip(ip);
  return net && addr && contains(*net, *addr);
}

bool address_allowed(const std::string &ip, const std::vector<std::string> &list) {
  if (list.empty()) return true;
  for (const auto &b : list)
    if (b == "all" || address_in_block(ip, b)) return true;
  return false;
}

}  // namespace trae
