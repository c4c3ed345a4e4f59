#!/usr/bin/env bash
# Load, stress and peak tests of `trae-health serve` over HTTPS on a seeded
# database, with nginx from Debian as the baseline measured in the same run.
# See bench/load/README.md. Prints markdown tables; also writes them to
# test-results/load/report.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin="$root/build/trae-health"
data_dir=${TMPDIR:-/tmp}/trae-seed-full
scenarios="1000 5000 10000"
duration=60
signin_users=1000
password=${SEED_PASSWORD:-}
email_format=${SEED_EMAIL_FORMAT:-}
register=""
keepalive=15
ramp=10
wave_users=1000
wrk_nice=19
parts="journeys static writes h2load slowloris"
in_place=""

usage() {
  sed -n '2,40p' "$here/README.md"
  exit "${1:-0}"
}
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) bin=$2; shift 2 ;;
    --data-dir) data_dir=$2; shift 2 ;;
    --scenarios) scenarios=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --signin-users) signin_users=$2; shift 2 ;;
    --password) password=$2; shift 2 ;;
    --email-format) email_format=$2; shift 2 ;;
    --register) register=--register; shift ;;
    --keepalive) keepalive=$2; shift 2 ;;
    --ramp) ramp=$2; shift 2 ;;
    --wave-users) wave_users=$2; shift 2 ;;
    --wrk-nice) wrk_nice=$2; shift 2 ;;
    --parts) parts=$2; shift 2 ;;
    --in-place) in_place=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage 2 ;;
  esac
done
: "${password:=seed-demo-password}"
: "${email_format:=user%05d@seed.trae.example}"
has() { [[ " $parts " == *" $1 "* ]]; }

for tool in wrk h2load nginx sqlite3 python3 openssl; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing: apt-get install wrk nghttp2-client nginx-light sqlite3" >&2; exit 1; }
done
[ -x "$bin" ] || { echo "run.sh: $bin is missing: run make build" >&2; exit 1; }
[ -f "$data_dir/trae.db" ] || { echo "run.sh: no database in $data_dir: run trae-health seed (bench/load/README.md)" >&2; exit 1; }
# 10,000 users are 10,000 sockets in each of wrk and the server.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d "${TMPDIR:-/tmp}/trae-load.XXXXXX")
chmod 755 "$work"  # nginx's workers run as www-data
results="$root/test-results/load"
mkdir -p "$results"
report="$results/report.md"
: >"$report"
pids=()
cleanup() {
  # The server too while start_trae still waits for it (it is in pids after).
  if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work/data"  # the scratch copy of the database (gigabytes); logs stay
}
trap cleanup EXIT

# shellcheck source=bench/load/server.sh
. "$here/server.sh"
say() { echo "$@" | tee -a "$report"; }

# --- the server -------------------------------------------------------------
serve_dir=$data_dir
if [ -z "$in_place" ]; then
  echo "copying $data_dir to $work/data (--in-place serves it as it is)"
  copy_seed "$data_dir" "$work/data"
  serve_dir=$work/data
fi
start_trae "$bin" "$serve_dir" "$keepalive" "$work/server.log"
pids+=("$server")
echo "server pid $server on $base (keep-alive ${keepalive}s); work dir $work"

python3 "$here/signin.py" "$base" "$serve_dir/trae.db" "$work/data.lua" --users "$signin_users" \
  --email-format "$email_format" --password "$password" $register

# --- nginx, the baseline: a static JSON file over TLS with keep-alive ------
mkdir -p "$work/nginx/www"
curl -ksf "$base/api/v1/nutrition-data/recipes?limit=20" >"$work/nginx/www/recipes.json"
# The same bytes trae-health sends for "/" to a client that asks for no
# compression (wrk does not), so the static page has a like-for-like row.
curl -ksf "$base/" >"$work/nginx/www/index.html"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
  -keyout "$work/nginx/key.pem" -out "$work/nginx/cert.pem" 2>/dev/null
nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
worker_rlimit_nofile 65536;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 20000; }
http {
  access_log off;
  keepalive_timeout ${keepalive}s;
  keepalive_requests 1000;
  default_type application/json;
  types { text/html html; application/json json; }
  server {
    listen 127.0.0.1:$nginx_port ssl;
    ssl_certificate $work/nginx/cert.pem;
    ssl_certificate_key $work/nginx/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $work/nginx/www;
  }
}
CONF
nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" -e "$work/nginx/error.log"
nginx_master=$(cat "$work/nginx/nginx.pid")

# --- measuring ----------------------------------------------------------------
# Samples a process tree's RSS (MB, summed over nginx's workers) and CPU.
sample_start() {  # $1 = pids (space separated) ; writes $work/sample
  local watched=$1
  ( while :; do
      local rss=0 ticks=0
      for p in $watched; do
        [ -r "/proc/$p/status" ] || continue
        rss=$((rss + $(awk '/VmRSS/ {print $2}' "/proc/$p/status")))
        ticks=$((ticks + $(awk '{print $14 + $15}' "/proc/$p/stat")))
      done
      echo "$(date +%s.%N) $rss $ticks"
      sleep 1
    done ) >"$work/sample" &
  sampler=$!
}
sample_stop() {  # prints "peak_rss_mb cpu_cores"
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  awk -v hz="$(getconf CLK_TCK)" 'NR==1 {t0=$1; c0=$3} {if ($2>peak) peak=$2; t1=$1; c1=$3}
    END {printf "%.0f %.2f\n", peak/1024, (t1>t0) ? (c1-c0)/hz/(t1-t0) : 0}' "$work/sample"
}
nginx_pids() { echo "$nginx_master $(pgrep -P "$nginx_master" | tr '\n' ' ')"; }

declare -A p95  # row label -> its p95 in ms, for the ratios against nginx
# ratio A B: A's p95 over B's, as "N.NNx".
ratio() { awk -v a="${p95[$1]}" -v b="${p95[$2]}" 'BEGIN {if (b > 0) printf "%.2fx", a / b; else printf "n/a"}'; }

row_header() {
  say ""
  say "| $1 | users | req/s | mean ms | p50 ms | p95 ms | p99 ms | errors | idle closes | RSS MB | CPU cores | wrk cores |"
  say "|---|---|---|---|---|---|---|---|---|---|---|---|"
}
# Waits (up to 120 s) until the server has no request in flight, so that a
# row never pays for the backlog the previous one left behind.
quiesce() {
  for _ in $(seq 1 120); do
    local n
    n=$(curl -ksf "$base/metrics" | awk '/^trae_http_requests_in_flight / {print int($2)}')
    [ "${n:-1}" -le 1 ] 2>/dev/null && return 0  # the scrape itself is one
    sleep 1
  done
  echo "run.sh: the server still had requests in flight after 120 s" >&2
}

# Per-route request counts and server time, from the server's own
# histograms (trae_http_request_duration_seconds _count and _sum).
route_times() {
  curl -ksf "$base/metrics" | awk '/^trae_http_request_duration_seconds_(count|sum)\{/ {print}'
}

# The server's count of closed connections by reason
# (trae_http_connections_closed_total), one "reason count" per line.
close_counts() {
  curl -ksf "$base/metrics" | sed -n 's/^trae_http_connections_closed_total{reason="\([a-z_]*\)"} \([0-9]*\)$/\1 \2/p'
}

# close_row LABEL USERS BEFORE AFTER: one row of the close-reason table,
# appended to $work/closes.md (printed at the end of the report). A
# handshake reason or request_broken that is not zero means the server
# turned clients away; wrk's read errors alone do not say why.
close_row() {
  [ -f "$work/closes.md" ] || {
    echo ""
    echo "Connections the server closed during each trae row, by reason (trae_http_connections_closed_total; the scrapes' own connections are in client_closed):"
    echo ""
    echo "| row | users | handshake_timeout | handshake_abandoned | handshake_failed | idle_timeout | client_closed | client_asked | request_limit | request_broken |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
  } >"$work/closes.md"
  awk -v label="$1" -v users="$2" 'FNR == NR {before[$1] = $2; next} {d[$1] = $2 - before[$1]}
    END {
      printf "| %s | %s", label, users
      n = split("handshake_timeout handshake_abandoned handshake_failed idle_timeout client_closed client_asked request_limit request_broken", r, " ")
      for (i = 1; i <= n; i++) printf " | %d", d[r[i]]
      print " |"
    }' "$3" "$4" >>"$work/closes.md"
}

# route_breakdown BEFORE AFTER USERS: where the server's time went in a row.
route_breakdown() {
  python3 - "$1" "$2" "$3" <<'PY'
import re, sys
def load(path):
    out = {}
    for line in open(path):
        m = re.match(r'trae_http_request_duration_seconds_(count|sum)\{method="([^"]*)",route="([^"]*)"\} (\S+)', line)
        if m:
            out.setdefault((m.group(2), m.group(3)), {})[m.group(1)] = float(m.group(4))
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
rows = []
for k, v in b.items():
    n = v.get("count", 0) - a.get(k, {}).get("count", 0)
    t = v.get("sum", 0) - a.get(k, {}).get("sum", 0)
    if n > 0 and k[1] != "/metrics":
        rows.append((t, n, k))
total = sum(r[0] for r in rows) or 1
print("")
print(f"Server time by route, API journeys at {sys.argv[3]} users (the server's histograms, request read to response written):")
print("")
print("| route | requests | mean ms | share of server time |")
print("|---|---|---|---|")
for t, n, k in sorted(rows, reverse=True)[:12]:
    print(f"| {k[0]} {k[1]} | {n:.0f} | {t / n * 1000:.2f} | {t / total * 100:.1f} % |")
PY
}

# merge_results FILE...: one LOADRESULT line from several wrk processes:
# counts add up, the rate is over the whole row (ramp included), and the
# percentiles come from the merged distribution (each process reports its
# latency quantiles at every 0.1 %).
merge_results() {
  python3 - "$((duration + ramp_used))" "$@" <<'PY'
import json, sys
wall = float(sys.argv[1])
rs = []
for path in sys.argv[2:]:
    for line in open(path, errors="replace"):
        if line.startswith("LOADRESULT "):
            rs.append(json.loads(line[len("LOADRESULT "):]))
if not rs:
    sys.exit(1)
n = sum(r["requests"] for r in rs)
out = {k: sum(r[k] for r in rs) for k in ("requests", "ok", "status_4xx", "status_5xx", "connect_errors",
                                          "read_errors", "write_errors", "timeouts")}
out["seconds"] = wall
out["rps"] = n / wall
out["mean_ms"] = sum(r["mean_ms"] * r["requests"] for r in rs) / n if n else 0
out["max_ms"] = max(r["max_ms"] for r in rs)
out["processes"] = len(rs)
def cdf(x):  # share of all requests with latency <= x
    total = 0.0
    for r in rs:
        q = r["quantiles_ms"]
        total += r["requests"] * sum(1 for v in q if v <= x) / (len(q) + 1)
    return total / n if n else 0
points = sorted({v for r in rs for v in r["quantiles_ms"]})
for p in (50, 95, 99):
    want = p / 100
    if len(rs) == 1:
        out[f"p{p}_ms"] = rs[0][f"p{p}_ms"]
        continue
    lo, hi = 0, len(points) - 1
    while lo < hi:  # the smallest latency whose share reaches p %
        mid = (lo + hi) // 2
        if cdf(points[mid]) >= want - 1e-9:
            hi = mid
        else:
            lo = mid + 1
    out[f"p{p}_ms"] = points[lo]
print(json.dumps(out))
PY
}

# run_wrk LABEL USERS URL PIDS [env...]: one table row. Users arrive in
# waves of at most $wave_users, one single-threaded wrk process per wave,
# started evenly over the first $ramp seconds; every wave runs to the end
# of the row. (One wrk process opening 10,000 TLS connections at once
# measures a handshake storm, not 10,000 users; storms have their own
# h2load rows. --ramp 0 restores the all-at-once start.)
run_wrk() {
  local label=$1 users=$2 url=$3 watched=$4; shift 4
  quiesce
  [ "$url" = "$base" ] && route_times >"$work/routes.before" && close_counts >"$work/closes.before"
  local waves=$(((users + wave_users - 1) / wave_users)) i
  [ "$ramp" -gt 0 ] || waves=1
  ramp_used=$((waves > 1 ? ramp : 0))
  local wave_pids=()
  rm -f "$work"/wrk.out.* "$work"/wrk.cpu.*
  sample_start "$watched"
  for ((i = 0; i < waves; i++)); do
    local n=$((users / waves + (i < users % waves ? 1 : 0))) start=$((ramp_used * i / waves))
    local threads=$((waves > 1 ? 1 : 2))
    (
      sleep "$start"
      # The load generator's own CPU (user and system seconds) and its real
      # time, for the "wrk cores" column: it shares the cores with the server.
      TIMEFORMAT="$start %U %S %R"
      { time nice -n "$wrk_nice" env DATA_FILE="$work/data.lua" "$@" wrk -t"$threads" -c "$n" -d "$((duration + ramp_used - start))s" \
        --timeout 10s -s "$here/journey.lua" "$url" >"$work/wrk.out.$i" 2>&1; } 2>"$work/wrk.cpu.$i" || true
    ) &
    wave_pids+=($!)
  done
  wait "${wave_pids[@]}"
  read -r rss cpu < <(sample_stop)
  local wrk_cpu
  # CPU seconds over the row's real length: from the first start to the
  # last process's end (a process can outlast -d while it waits on a reply).
  wrk_cpu=$(cat "$work"/wrk.cpu.* | awk '{s += $2 + $3; if ($1 + $4 > wall) wall = $1 + $4}
    END {printf "%.2f", (wall > 0) ? s / wall : 0}')
  local line
  line=$(merge_results "$work"/wrk.out.*) || { cat "$work"/wrk.out.* >&2; return 1; }
  python3 - "$label" "$users" "$rss" "$cpu" "$wrk_cpu" "$line" <<'PY' | tee -a "$report"
import json, sys
label, users, rss, cpu, wrk_cpu, r = sys.argv[1:6] + [json.loads(sys.argv[6])]
errors = r["status_4xx"] + r["status_5xx"] + r["connect_errors"] + r["write_errors"] + r["timeouts"]
print(f"| {label} | {users} | {r['rps']:.0f} | {r['mean_ms']:.2f} | {r['p50_ms']:.2f} | {r['p95_ms']:.2f} | "
      f"{r['p99_ms']:.2f} | {errors} | {r['read_errors']} | {rss} | {cpu} | {wrk_cpu} |")
PY
  echo "$line" >>"$work/results.jsonl"
  if [ "$url" = "$base" ]; then
    close_counts >"$work/closes.after"
    close_row "$label" "$users" "$work/closes.before" "$work/closes.after"
  fi
  p95["$label"]=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["p95_ms"])' "$line")
  if [ "$url" = "$base" ] && [ "$label" = "API journeys" ]; then
    route_times >"$work/routes.after"
    route_breakdown "$work/routes.before" "$work/routes.after" "$users" >>"$work/routes.md"
  fi
}

say "# Load test, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(git -C "$root" rev-parse --short HEAD)"
say ""
say "Database: $data_dir/trae.db ($(du -h "$data_dir/trae.db" | cut -f1)); $(sqlite3 "file:$data_dir/trae.db?mode=ro" \
  "SELECT (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM recipes) || ' recipes, ' || (SELECT count(*) FROM workouts) || ' workouts, ' || (SELECT count(*) FROM meal_plans) || ' meal plans'")$([ -z "$in_place" ] && echo "; each run serves a fresh copy of it")."
say "wrk: one single-threaded process per ${wave_users} users, started evenly over the first ${ramp} s (a row of ${wave_users} users or fewer: one process, 2 threads), then ${duration} s more, at nice ${wrk_nice}; think time 1-10 s, keep-alive ${keepalive} s on both servers; $signin_users signed-in users' tokens shared by the connections."
say "errors: 4xx and 5xx answers, failed connects and writes, timeouts (10 s). idle closes: wrk's read errors, which are the server closing a connection that sat idle past its keep-alive while its user was thinking; wrk reconnects, and both servers show them."

if has journeys || has static; then
  for users in $scenarios; do
    row_header "$users users"
    has journeys && run_wrk "API journeys" "$users" "$base" "$server" MIX=journey
    if has static; then
      run_wrk "trae static page" "$users" "$base" "$server" MIX=static STATIC_PATH=/
      run_wrk "trae cached API page" "$users" "$base" "$server" MIX=static \
        STATIC_PATH="/api/v1/nutrition-data/recipes?limit=20"
      run_wrk "nginx static JSON" "$users" "https://127.0.0.1:$nginx_port" "$(nginx_pids)" MIX=static \
        STATIC_PATH=/recipes.json
      run_wrk "nginx static page" "$users" "https://127.0.0.1:$nginx_port" "$(nginx_pids)" MIX=static \
        STATIC_PATH=/
      say ""
      say "p95 against nginx at $users users: $(ratio "trae static page" "nginx static page") static page against the same page; $(ratio "trae cached API page" "nginx static JSON") cached API page against the same JSON; $(ratio "trae static page" "nginx static JSON") static page against the JSON (goal: 2x or less)."
    fi
  done
  if [ -f "$work/routes.md" ]; then tee -a "$report" <"$work/routes.md"; fi
fi

if has writes; then
  # Sustained writes on the one writer connection, closed loop (no think
  # time) on 32 connections, while 1,000 users keep browsing.
  say ""
  say "## Writes while reads continue"
  row_header "writes"
  nice -n "$wrk_nice" env DATA_FILE="$work/data.lua" MIX=reads wrk -t1 -c 1000 -d "$((duration + 10))s" --timeout 10s \
    -s "$here/journey.lua" "$base" >"$work/reads.out" 2>&1 &
  readers=$!
  sleep 5
  curl -ksf "$base/metrics" >"$work/metrics.before"
  run_wrk "health-log POSTs, no think time" 32 "$base" "$server" MIX=writes THINK_MIN_MS=0 THINK_MAX_MS=0
  curl -ksf "$base/metrics" >"$work/metrics.after"
  wait "$readers" || true
  # Where a write's time goes, from the server's own histograms: waiting
  # for the writer connection versus holding it.
  python3 - "$work/metrics.before" "$work/metrics.after" <<'PY' | tee -a "$report"
import sys
def read(path):
    v = {}
    for line in open(path):
        if line.startswith("trae_db_write_") and ("_sum" in line or "_count" in line):
            name, value = line.rsplit(" ", 1)
            v[name] = float(value)
    return v
a, b = read(sys.argv[1]), read(sys.argv[2])
d = {k: b[k] - a.get(k, 0) for k in b}
n = d.get("trae_db_write_transaction_seconds_count", 0)
if n:
    print(f"Server side over the row: {n:.0f} write transactions, mean {1000 * d['trae_db_write_transaction_seconds_sum'] / n:.3f} ms "
          f"holding the writer, mean {1000 * d['trae_db_write_lock_wait_seconds_sum'] / n:.3f} ms waiting for it.")
PY
  line=$(grep '^LOADRESULT' "$work/reads.out" | sed 's/^LOADRESULT //')
  say "Concurrent readers (1,000 users, think time): $line"
fi

if has h2load; then
  say ""
  say "## h2load: connection storms and raw throughput (HTTP/1.1 over TLS)"
  say ""
  say "| target | clients | requests | req/s | mean ms | max ms | failed |"
  say "|---|---|---|---|---|---|---|"
  h2() {  # label url clients requests
    local out
    out=$(h2load --h1 -c "$3" -n "$4" -t 2 "$2" 2>&1 || true)
    local rps mean max failed
    rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' <<<"$out")
    mean=$(awk '/^time for request:/ {print $6}' <<<"$out")
    max=$(awk '/^time for request:/ {print $5}' <<<"$out")
    failed=$(sed -n 's/^requests: .* \([0-9]*\) failed.*/\1/p' <<<"$out")
    say "| $1 | $3 | $4 | $rps | $mean | $max | $failed |"
  }
  h2 "trae storm: 2,000 new TLS connections, /health" "$base/health" 2000 20000
  h2 "nginx storm: 2,000 new TLS connections, static JSON" "https://127.0.0.1:$nginx_port/recipes.json" 2000 20000
  h2 "trae throughput: cached recipes page" "$base/api/v1/nutrition-data/recipes?limit=20" 100 100000
  h2 "trae throughput: static page /" "$base/" 100 100000
  h2 "nginx throughput: static JSON" "https://127.0.0.1:$nginx_port/recipes.json" 100 100000
fi

if has slowloris; then
  say ""
  say "## Slow clients: 2,000 hostile connections beside 1,000 users"
  for mode in silent headers body; do
    python3 "$here/slowloris.py" 127.0.0.1 "$port" --conns 2000 --seconds "$((duration + 20))" --mode "$mode" \
      >"$work/slow.out" 2>&1 &
    slow=$!
    sleep 15
    row_header "beside $mode"
    run_wrk "API journeys" 1000 "$base" "$server" MIX=journey
    wait "$slow" || true
    say "$(grep SLOWRESULT "$work/slow.out" || tail -3 "$work/slow.out")"
  done
fi

if [ -f "$work/closes.md" ]; then tee -a "$report" <"$work/closes.md"; fi
say ""
say "Server log: $(grep -c '"level":"error"' "$work/server.log" || true) error lines."
echo "report: $report"
