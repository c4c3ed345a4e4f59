# shellcheck shell=bash
# Sourced by run.sh and route-cost.sh: start `trae-health serve` on a seeded
# database the way both measure it (no rate limit, since every simulated user
# is 127.0.0.1; no backups during a run; warnings only in its log).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_trae BINARY DATA_DIR KEEPALIVE_SECONDS LOG: starts the server and
# waits until /ready answers. Sets $server (its pid), $port (HTTPS) and $base.
# Exits with its log if it dies first.
start_trae() {
  port=$(free_port)
  DATA_DIR=$2 HTTPS_PORT=$port HTTP_PORT=$(free_port) BIND_ADDRESS=127.0.0.1 \
    API_RATE_LIMIT=0 BACKUP_INTERVAL=0 KEEPALIVE_TIMEOUT=$3 LOG_LEVEL=warn \
    "$1" serve >"$4" 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    curl -ksf "https://127.0.0.1:$port/ready" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$4" >&2; exit 1; }
    sleep 0.5
  done
  # shellcheck disable=SC2034  # read by the scripts that source this file
  base="https://127.0.0.1:$port"
}

# copy_seed SOURCE_DIR COPY_DIR: a scratch copy of a seeded data directory.
# The journeys' write steps add rows (tens of thousands of water and heart-
# rate entries per run for the few hundred signed-in users, all dated today),
# and on a database that is reused they pile up: the dashboard then sums
# thousands of today's rows per user and costs more than a real user's.
# Serving a copy gives every run the same starting state. An earlier copy in
# COPY_DIR is removed first, so its space counts as free.
copy_seed() {
  local need avail
  need=$(du -sk "$1" | cut -f1)
  rm -rf "${2:?}"
  mkdir -p "$2"
  avail=$(df -Pk "$2" | awk 'NR == 2 {print $4}')
  if [ "$avail" -lt $((need + 1048576)) ]; then
    echo "$(basename "$0"): copying $1 needs $((need / 1024)) MB free beside $2 (and 1 GB to spare); free space, set TMPDIR, or pass --in-place" >&2
    exit 1
  fi
  # trae.db.lock is the live server's instance lock: not part of the data.
  find "$1" -mindepth 1 -maxdepth 1 ! -name trae.db.lock -exec cp -a --reflink=auto {} "$2/" \;
}
