# Shared by deploy.sh and rollback.sh. Every path and command can be
# overridden from the environment, so both run (and are tested) without root
# or systemd:
#   PREFIX        releases and the current symlink   (/opt/trae-health)
#   ENV_FILE      the service's settings              (/etc/trae-health/trae-health.env)
#   SERVICE_CMD   called as "$SERVICE_CMD start|stop|restart"
#                 (default: systemctl ACTION trae-health)
#   READY_URL     polled after a start                 (https://127.0.0.1:HTTPS_PORT/ready)
#   READY_TIMEOUT seconds to wait for it               (60)
PREFIX=${PREFIX:-/opt/trae-health}
ENV_FILE=${ENV_FILE:-/etc/trae-health/trae-health.env}
READY_TIMEOUT=${READY_TIMEOUT:-60}
RUN_AS=${RUN_AS:-}

say() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

service() {
  if [ -n "${SERVICE_CMD:-}" ]; then $SERVICE_CMD "$1"; else systemctl "$1" trae-health; fi
}

# The service's settings, for the backup/restore commands and the ready URL.
load_env() {
  [ -f "$ENV_FILE" ] || die "no settings file $ENV_FILE (copy packaging/trae-health.env there first)"
  set -a
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  set +a
  DATA_DIR=${DATA_DIR:-/var/lib/trae-health}
  export DATA_DIR
  READY_URL=${READY_URL:-https://127.0.0.1:${HTTPS_PORT:-8443}/ready}
}

# Runs a trae-health command as the service user when RUN_AS is set.
as_service() {
  if [ -n "$RUN_AS" ]; then runuser -u "$RUN_AS" -- "$@"; else "$@"; fi
}

wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  while [ $SECONDS -lt $deadline ]; do
    if curl -fsk --max-time 2 -o /dev/null "$READY_URL"; then return 0; fi
    sleep 1
  done
  return 1
}

current_version() {
  [ -L "$PREFIX/current" ] && basename "$(readlink "$PREFIX/current")" || true
}

# Atomic switch: a new symlink renamed over the old one.
switch_to() {
  ln -sfn "releases/$1" "$PREFIX/current.new"
  mv -T "$PREFIX/current.new" "$PREFIX/current"
}
