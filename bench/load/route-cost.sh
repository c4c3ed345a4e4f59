#!/usr/bin/env bash
# Server CPU per request of each step of the journey mix, one step at a time,
# in a closed loop (no think time, a few keep-alive connections): what a change
# costs or saves on each route, without the run-to-run spread of the
# 10,000-user rows. With --baseline, the baseline binary and the binary take
# turns on the same database in every round, so drift (the database grows
# with every write step) hits both alike. See bench/load/README.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin="$root/build/trae-health"
baseline=""
data_dir=${TMPDIR:-/tmp}/trae-seed-full
steps="1 2 3 4 5 6 7 8 9 10 11 12"
duration=8
connections=4
rounds=1
signin_users=300
in_place=""
password=${SEED_PASSWORD:-seed-demo-password}
email_format=${SEED_EMAIL_FORMAT:-user%05d@seed.trae.example}

usage() {
  sed -n '/^## Cost per route/,/^## /p' "$here/README.md" | sed '$d'
  exit "${1:-0}"
}
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) bin=$2; shift 2 ;;
    --baseline) baseline=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --signin-users) signin_users=$2; shift 2 ;;
    --in-place) in_place=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "route-cost.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
for tool in wrk python3 curl; do
  command -v "$tool" >/dev/null || { echo "route-cost.sh: $tool is missing: apt-get install wrk python3 curl" >&2; exit 1; }
done
for b in "$bin" ${baseline:+"$baseline"}; do
  [ -x "$b" ] || { echo "route-cost.sh: $b is missing: run make build" >&2; exit 1; }
done
[ -f "$data_dir/trae.db" ] || { echo "route-cost.sh: no database in $data_dir: run trae-health seed (bench/load/README.md)" >&2; exit 1; }
for s in $steps; do
  [[ "$s" =~ ^([1-9]|1[0-2])$ ]] || { echo "route-cost.sh: steps are 1 to 12, not $s" >&2; exit 2; }
done

# The steps of journey.lua's mix, in its order.
names=("" "recipe search" "recipe" "workout filter" "workout" "exercises" "food search" "dashboard"
  "progress summary" "log water" "log heart rate" "meal-plan list" "one-day meal plan")

work=$(mktemp -d "${TMPDIR:-/tmp}/trae-route-cost.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/load/server.sh
. "$here/server.sh"
hz=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Every server start serves a fresh copy of the database (unless --in-place),
# so each binary and round starts from the same rows: the write steps add
# tens of thousands per run.
start_server() {
  local dir=$data_dir
  if [ -z "$in_place" ]; then
    copy_seed "$data_dir" "$work/data"
    dir=$work/data
  fi
  start_trae "$1" "$dir" 15 "$work/server.log"
  # Sessions live in the database, so a fresh copy needs its own sign-ins.
  # In place, sign in again after 10 minutes: access tokens last 15.
  if [ -z "$in_place" ] || [ ! -f "$work/data.lua" ] || [ $(($(date +%s) - $(stat -c %Y "$work/data.lua"))) -gt 600 ]; then
    python3 "$here/signin.py" "$base" "$dir/trae.db" "$work/data.lua" --users "$signin_users" \
      --email-format "$email_format" --password "$password" >/dev/null
  fi
}
stop_server() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  server=""
}

# One step against the running server: "requests errors ms-per-request".
measure() {
  local vars=(STEP="$1" THINK_MIN_MS=0 THINK_MAX_MS=0 DATA_FILE="$work/data.lua")
  env "${vars[@]}" wrk -t1 -c"$connections" -d2s -s "$here/journey.lua" "$base" >/dev/null 2>&1 || true  # warm-up
  local t0 t1 out
  t0=$(ticks "$server")
  out=$(env "${vars[@]}" wrk -t1 -c"$connections" -d"${duration}s" -s "$here/journey.lua" "$base" 2>&1 || true)
  t1=$(ticks "$server")
  printf '%s\n' "$out" >"$work/wrk.out"
  python3 - "$t0" "$t1" "$hz" "$work/wrk.out" <<'PY'
import json, sys
t0, t1, hz = (float(a) for a in sys.argv[1:4])
line = next((l for l in open(sys.argv[4]) if l.startswith("LOADRESULT ")), None)
if line is None:
    print("0 0 nan")
    sys.exit(0)
r = json.loads(line[len("LOADRESULT "):])
errors = r["status_4xx"] + r["status_5xx"] + r["connect_errors"] + r["read_errors"] + r["write_errors"] + r["timeouts"]
n = r["requests"]
print(n, errors, f"{(t1 - t0) * 1000 / hz / n:.3f}" if n else "nan")
PY
}

echo "route-cost: $connections connections, ${duration}s per step, $rounds round(s), database $data_dir$([ -z "$in_place" ] && echo " (a fresh copy for each server start)")"
echo
echo "| round | step | what | binary | requests | errors | server CPU ms per request |"
echo "|---|---|---|---|---|---|---|"
for round in $(seq 1 "$rounds"); do
  for b in ${baseline:+"$baseline"} "$bin"; do
    label=$([ -n "$baseline" ] && [ "$b" = "$baseline" ] && echo baseline || echo binary)
    start_server "$b"
    for s in $steps; do
      read -r n errors ms < <(measure "$s")
      echo "| $round | $s | ${names[$s]} | $label | $n | $errors | $ms |"
    done
    stop_server
  done
done
echo
echo "binary: $bin${baseline:+; baseline: $baseline}"
