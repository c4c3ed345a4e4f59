#!/bin/bash
# Builds the .deb with CPack from the build tree and inspects it with
# dpkg-deb: files, conffile, maintainer scripts, and a binary that runs.
. "$(dirname "$0")/lib.sh"
BUILD=$1
(cd "$TMP" && cpack --config "$BUILD/CPackConfig.cmake" -B "$TMP/out" >"$TMP/cpack.log" 2>&1) ||
  fail "cpack failed: $(cat "$TMP/cpack.log")"
deb=$(ls "$TMP"/out/trae-health_*.deb) || fail "no .deb produced"
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/trae-health ./usr/lib/systemd/system/trae-health.service \
  ./etc/trae-health/trae-health.env ./usr/share/doc/trae-health/deploy.md \
  ./usr/share/trae-health/monitoring/alerts.yml ./usr/share/trae-health/monitoring/grafana-dashboard.json; do
  printf '%s\n' "$contents" | grep -q " $f\$" || fail "$f missing from the package"
done
printf '%s\n' "$contents" | grep " ./usr/bin/trae-health\$" | grep -q '^-rwxr-xr-x' || fail "binary not 0755"
info=$(dpkg-deb -I "$deb")
printf '%s\n' "$info" | grep -q "Package: trae-health" || fail "package name"
printf '%s\n' "$info" | grep -q "Depends: adduser" || fail "Depends: adduser missing"
mkdir "$TMP/ctrl"
dpkg-deb -e "$deb" "$TMP/ctrl"
grep -qx "/etc/trae-health/trae-health.env" "$TMP/ctrl/conffiles" || fail "env file is not a conffile"
[ -x "$TMP/ctrl/postinst" ] && [ -x "$TMP/ctrl/prerm" ] || fail "postinst/prerm missing or not executable"
sh -n "$TMP/ctrl/postinst" && sh -n "$TMP/ctrl/prerm" || fail "maintainer script syntax"
mkdir "$TMP/root"
dpkg-deb -x "$deb" "$TMP/root"
"$TMP/root/usr/bin/trae-health" version | grep -q "^trae-health " || fail "packaged binary does not run"
pass "$(basename "$deb"): files, conffile, scripts, binary"
