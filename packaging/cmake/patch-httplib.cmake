# Replaces cpp-httplib 0.11.4's keep-alive wait (a 10 ms poll in a loop, plus a
# 1 ms sleep) with one poll over the whole keep-alive timeout, so idle
# keep-alive connections cost no CPU. The deadline test becomes ">=" so that a
# poll which returns exactly at the deadline ends the wait instead of starting
# a second full one.
#
# It also formats the peer's and the local address with inet_ntop instead of
# getnameinfo(NI_NUMERICHOST), which httplib calls twice for every request:
# getnameinfo spent about 0.5 % of the server's CPU at 10,000 users and, with
# its large stack buffers, caused one in seven of the server's page faults.
# Scoped IPv6 addresses (fe80::1%eth0) still go through getnameinfo, which
# names the scope. Fails loudly if the upstream code changed.
file(READ "${IN}" text)
function(replace_once old new)
  string(FIND "${text}" "${old}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "patch-httplib: '${old}' not found in ${IN}; cpp-httplib changed")
  endif()
  string(REPLACE "${old}" "${new}" out "${text}")
  set(text "${out}" PARENT_SCOPE)
endfunction()
replace_once("    auto val = select_read(sock, 0, 10000);"
             "    auto val = select_read(sock, keep_alive_timeout_sec, 0);")
replace_once("      if (duration.count() > timeout) { return false; }"
             "      if (duration.count() >= timeout) { return false; }")
replace_once("  std::array<char, NI_MAXHOST> ipstr{};
  if (getnameinfo("
             "  std::array<char, NI_MAXHOST> ipstr{};
  const void *raw = nullptr;
  if (addr.ss_family == AF_INET) {
    raw = &reinterpret_cast<const struct sockaddr_in *>(&addr)->sin_addr;
  } else if (reinterpret_cast<const struct sockaddr_in6 *>(&addr)->sin6_scope_id == 0) {
    raw = &reinterpret_cast<const struct sockaddr_in6 *>(&addr)->sin6_addr;
  }
  if (raw) {
    if (!inet_ntop(addr.ss_family, raw, ipstr.data(), static_cast<socklen_t>(ipstr.size()))) { return false; }
  } else if (getnameinfo(")
file(WRITE "${OUT}" "${text}")
