// Client address allow-lists: exact addresses or CIDR blocks, IPv4 and IPv6
// (an IPv4-mapped IPv6 client such as ::ffff:10.0.0.1 matches IPv4 blocks).
#pragma once
#include <string>
#include <vector>

namespace trae {

// "10.0.0.0/8", "127.0.0.1", "::1", "fd00::/8".
bool valid_address_block(const std::string &block);
// True if `ip` lies in `block`; false for anything unparseable.
bool address_in_block(const std::string &ip, const std::string &block);
// True if `list` is empty, holds "all", or has a block containing `ip`.
bool address_allowed(const std::string &ip, const std::vector<std::string> &list);

}  // namespace trae
