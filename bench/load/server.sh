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
