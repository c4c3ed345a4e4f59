#!/bin/bash
# The static binary runs in an empty root holding only itself and a data
# directory (what FROM scratch gives it): no /etc, no zoneinfo, no CA files,
# no /proc. It must start, make its self-signed certificate and answer
# /health over HTTPS.
. "$(dirname "$0")/lib.sh"
BIN=$1
[ "$(id -u)" -eq 0 ] || fail "chroot needs root"
root="$TMP/root"
mkdir -p "$root/data"
cp "$BIN" "$root/trae-health"
[ "$(ls -A "$root" | sort | tr '\n' ' ')" = "data trae-health " ] || fail "root is not empty"
env -i DATA_DIR=/data HTTPS_PORT=0 HTTP_PORT=off BIND_ADDRESS=127.0.0.1 DEPLOY_ENV=test \
  "$(command -v chroot)" "$root" /trae-health serve 2>"$TMP/log" &
pid=$!
cleanup_hooks+=("kill $pid 2>/dev/null; wait $pid 2>/dev/null")
port=""
for _ in $(seq 1 100); do
  port=$(grep -so '"https_port":[0-9]*' "$TMP/log" | head -1 | cut -d: -f2 || true)
  [ -n "$port" ] && break
  kill -0 $pid 2>/dev/null || fail "server exited in the chroot: $(cat "$TMP/log")"
  sleep 0.1
done
[ -n "$port" ] || fail "server did not start in the chroot: $(cat "$TMP/log")"
body=$(curl -sS --cacert "$root/data/tls/cert.pem" "https://localhost:$port/health") ||
  fail "GET /health over HTTPS failed"
printf '%s' "$body" | grep -q '"status":"ok"' || fail "unexpected /health body: $body"
[ -f "$root/data/trae.db" ] || fail "no database in the chroot's data dir"
kill -TERM $pid
wait $pid || fail "server did not exit 0 on SIGTERM"
pass "serves /health over HTTPS from an empty root"
