# Replaces cpp-httplib 0.11.4's keep-alive wait (a 10 ms poll in a loop, plus a
# 1 ms sleep) with one poll over the whole keep-alive timeout, so idle
# keep-alive connections cost no CPU. The deadline test becomes ">=" so that a
# poll which returns exactly at the deadline ends the wait instead of starting
# a second full one. Fails loudly if the upstream code changed.
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
file(WRITE "${OUT}" "${text}")
