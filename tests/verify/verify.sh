#!/usr/bin/env bash
# make verify: the heavier security and reliability checks, each against the
# built binary, then one summary table. Logs go to BUILD/verify/.
#   sqlmap        no injectable parameter in search, filter and auth endpoints
#   testssl       no HIGH or CRITICAL finding on the built-in TLS
#   fuzz          libFuzzer targets (tests/fuzz/), FUZZ_SECONDS each (default 60)
#   crash-safety  kill -9 during heavy writes: integrity ok, no acknowledged write lost
#   disk-full     DATA_DIR on a small tmpfs: 507/503 for writes, reads keep working
# VERIFY_ONLY="fuzz disk-full" runs a subset. Exit status 1 if any check failed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
BIN="$BUILD/trae-health"
OUT="$BUILD/verify"
mkdir -p "$OUT"
export VERIFY_OUT="$OUT"
CHECKS=${VERIFY_ONLY:-"sqlmap testssl fuzz crash-safety disk-full"}
[ -x "$BIN" ] || { echo "verify: $BIN not built (make build first)"; exit 2; }

declare -A RESULT DETAIL SECS
run_check() {
  local name=$1; shift
  local t0=$SECONDS
  "$@" >"$OUT/$name.out" 2>&1
  local rc=$?
  SECS[$name]=$((SECONDS - t0))
  if grep -q "SKIPPED" "$OUT/$name.out"; then RESULT[$name]=SKIP
  elif [ $rc -eq 0 ]; then RESULT[$name]=PASS
  else RESULT[$name]=FAIL; fi
  DETAIL[$name]=$(grep -E "^(sqlmap|testssl|crash-safety|disk-full|fuzz):" "$OUT/$name.out" \
                  | sed -E 's/^[a-z_ -]+: //' | paste -sd ';' - | cut -c1-160)
  [ -n "${DETAIL[$name]}" ] || DETAIL[$name]="(no result line; see $OUT/$name.out)"
  cat "$OUT/$name.out"
}

cd "$ROOT/tests/verify"
for c in $CHECKS; do
  echo "== $c"
  case $c in
    sqlmap) run_check sqlmap python3 sqlmap_check.py "$BIN" ;;
    testssl) run_check testssl python3 testssl_check.py "$BIN" ;;
    fuzz) run_check fuzz bash fuzz.sh "$BUILD" "$OUT/fuzz" ;;
    crash-safety) run_check crash-safety python3 crash_safety.py "$BIN" ;;
    disk-full) run_check disk-full python3 disk_full.py "$BIN" ;;
    *) echo "unknown check $c"; exit 2 ;;
  esac
done

echo
echo "| check        | result | seconds | detail"
echo "|--------------|--------|---------|-------"
status=0
for c in $CHECKS; do
  printf "| %-12s | %-6s | %7s | %s\n" "$c" "${RESULT[$c]}" "${SECS[$c]}" "${DETAIL[$c]}"
  [ "${RESULT[$c]}" = FAIL ] && status=1
done
exit $status
