#!/bin/bash
# systemd-analyze verify on the shipped unit, with ExecStart pointed at the
# built binary (the unit names /usr/bin/trae-health, absent on a build host),
# and the hardening the issue asks for present.
. "$(dirname "$0")/lib.sh"
BIN=$1
unit="$SRC/packaging/trae-health.service"
sed "s|/usr/bin/trae-health|$BIN|" "$unit" >"$TMP/trae-health.service"
out=$(systemd-analyze verify "$TMP/trae-health.service" 2>&1) || fail "systemd-analyze verify: $out"
# Warnings about the unit itself (not about the host) also fail.
if printf '%s\n' "$out" | grep -i "trae-health.service" | grep -vi "not found\|No such" >&2; then
  fail "systemd-analyze verify reported problems"
fi
for line in "ProtectSystem=strict" "NoNewPrivileges=yes" "CapabilityBoundingSet=CAP_NET_BIND_SERVICE" \
  "AmbientCapabilities=CAP_NET_BIND_SERVICE" "Restart=on-failure" "LimitNOFILE=65536" \
  "StateDirectory=trae-health" "EnvironmentFile=/etc/trae-health/trae-health.env" \
  'ExecReload=/bin/kill -HUP $MAINPID' "User=trae-health"; do
  grep -qxF "$line" "$unit" || fail "unit lacks $line"
done
pass "systemd-analyze verify and hardening lines"
