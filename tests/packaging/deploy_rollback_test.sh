#!/bin/bash
# deploy.sh and rollback.sh with the real binary in a temp dir, a stand-in
# for systemctl (SERVICE_CMD) and no root paths:
#   deploy 1.0.0 -> data -> upgrade to 2.0.0 (backup first) -> same deploy again
#   is a no-op -> more data -> upgrade to a 3.0.0 that never becomes ready
#   rolls back to 2.0.0 by itself, data intact -> so does a 4.0.0 whose
#   migration fails -> manual rollback to 1.0.0
#   puts back 2.0.0's pre-upgrade backup.
. "$(dirname "$0")/lib.sh"
REAL=$(readlink -f "$1")
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export PREFIX="$TMP/opt" ENV_FILE="$TMP/trae-health.env" SERVICE_CMD="$TMP/service.sh" READY_TIMEOUT=30
cat >"$ENV_FILE" <<ENV
DATA_DIR=$TMP/data
HTTPS_PORT=$port
HTTP_PORT=off
BIND_ADDRESS=127.0.0.1
DEPLOY_ENV=test
BACKUP_INTERVAL=0
ENV
# The stand-in for "systemctl start|stop|restart trae-health".
cat >"$SERVICE_CMD" <<SVC
#!/bin/bash
pidf="$TMP/pid"
start() { (set -a; . "$ENV_FILE"; exec "$PREFIX/current/trae-health" serve >>"$TMP/server.log" 2>&1) & echo \$! >"\$pidf"; }
stop() {
  [ -f "\$pidf" ] || return 0
  pid=\$(cat "\$pidf"); kill -TERM "\$pid" 2>/dev/null || true
  for _ in \$(seq 1 100); do kill -0 "\$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "\$pidf"
}
case "\$1" in start) start ;; stop) stop ;; restart) stop; start ;; esac
SVC
chmod +x "$SERVICE_CMD"
cleanup_hooks+=("$SERVICE_CMD stop")
base="https://127.0.0.1:$port"
api() { curl -sk -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -X POST "$base$1" -d "$2"; }
register() { api /api/v1/auth/register "{\"email\":\"$1\",\"password\":\"a-long-password\",\"name\":\"T\"}"; }
login() { api /api/v1/auth/login "{\"email\":\"$1\",\"password\":\"a-long-password\"}"; }
current() { basename "$(readlink "$PREFIX/current")"; }
deploy() { VERSION=$1 bash "$SRC/packaging/deploy.sh" "$2"; }

deploy 1.0.0 "$REAL" || fail "first deploy"
[ "$(current)" = 1.0.0 ] || fail "current is $(current) after the first deploy"
# Registration answers 202 either way; signing in proves the account exists.
[ "$(register one@example.com)" = 202 ] && [ "$(login one@example.com)" = 200 ] || fail "register on 1.0.0"
pass "installed 1.0.0"

deploy 2.0.0 "$REAL" || fail "upgrade to 2.0.0"
[ "$(current)" = 2.0.0 ] || fail "current is $(current) after the upgrade"
[ "$(cat "$PREFIX/releases/2.0.0/previous")" = 1.0.0 ] || fail "2.0.0 does not record 1.0.0"
b2=$(cat "$PREFIX/releases/2.0.0/pre-upgrade-backup")
[ -f "$b2" ] && [ -f "$b2.sha256" ] || fail "no pre-upgrade backup for 2.0.0"
[ "$(login one@example.com)" = 200 ] || fail "data lost in the upgrade"
pass "upgraded to 2.0.0 with a backup first"

out=$(deploy 2.0.0 "$REAL" 2>&1) || fail "redeploying 2.0.0: $out"
printf '%s' "$out" | grep -q "nothing to do" || fail "redeploy was not a no-op: $out"
pass "the same deploy again is a no-op"

[ "$(register two@example.com)" = 202 ] && [ "$(login two@example.com)" = 200 ] || fail "register on 2.0.0"
mkdir "$TMP/broken"
printf '#!/bin/sh\n[ "$1" = serve ] && exec %s serve --log-level nonsense\nexec %s "$@"\n' "$REAL" "$REAL" \
  >"$TMP/broken/trae-health"
chmod +x "$TMP/broken/trae-health"
if READY_TIMEOUT=5 deploy 3.0.0 "$TMP/broken/trae-health"; then fail "a broken upgrade reported success"; fi
[ "$(current)" = 2.0.0 ] || fail "current is $(current) after the failed upgrade"
[ "$(login one@example.com)" = 200 ] && [ "$(login two@example.com)" = 200 ] ||
  fail "data lost in the automatic rollback"
pass "a 3.0.0 that never gets ready was rolled back to 2.0.0 by itself"

mkdir "$TMP/nomigrate"
printf '#!/bin/sh\n[ "$1" = migrate ] && { echo "migration exploded" >&2; exit 1; }\nexec %s "$@"\n' "$REAL" \
  >"$TMP/nomigrate/trae-health"
chmod +x "$TMP/nomigrate/trae-health"
if out=$(deploy 4.0.0 "$TMP/nomigrate/trae-health" 2>&1); then fail "a failed migration reported success"; fi
printf '%s' "$out" | grep -q "the migration failed" || fail "the failed migration was not reported: $out"
[ "$(current)" = 2.0.0 ] || fail "current is $(current) after the failed migration"
[ "$(login one@example.com)" = 200 ] && [ "$(login two@example.com)" = 200 ] ||
  fail "data lost after the failed migration"
pass "a 4.0.0 whose migration fails was rolled back to 2.0.0 by itself"

bash "$SRC/packaging/rollback.sh" || fail "manual rollback"
[ "$(current)" = 1.0.0 ] || fail "current is $(current) after the manual rollback"
[ "$(login one@example.com)" = 200 ] || fail "1.0.0's data missing after the rollback"
[ "$(login two@example.com)" = 401 ] || fail "the rollback did not put back 2.0.0's pre-upgrade backup"
[ -f "$TMP/data/trae.db.pre-restore" ] || fail "the replaced database was not kept"
pass "manual rollback to 1.0.0 with its pre-upgrade backup"
