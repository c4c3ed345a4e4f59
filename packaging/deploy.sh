#!/bin/bash
# Installs or upgrades trae-health from a built binary, idempotently:
#   packaging/deploy.sh path/to/trae-health
# 1. checks preconditions (binary runs, settings file, disk space, curl);
# 2. takes an online backup of the database with the running version;
# 3. installs the binary as PREFIX/releases/VERSION/trae-health and switches
#    PREFIX/current to it atomically;
# 4. stops the service, migrates the schema with the new binary (a long
#    migration on a large database is not mistaken for a failed start),
#    starts it and waits for /ready;
# 5. if the migration fails or /ready does not answer within READY_TIMEOUT,
#    rolls back by itself (previous binary plus the backup of step 2) and
#    exits 1.
# VERSION overrides the version read from the binary (e.g. 0.2.0-hotfix1).
# See packaging/lib.sh for the paths and commands that can be overridden.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"

[ $# -eq 1 ] || die "usage: deploy.sh PATH/TO/trae-health"
NEW_BIN=$(readlink -f "$1")

# --- preconditions
[ -x "$NEW_BIN" ] || die "$NEW_BIN is not an executable file"
info=$("$NEW_BIN" version) || die "$NEW_BIN does not run on this host"
VERSION=${VERSION:-$(printf '%s' "$info" | awk '{print $2}')}
[[ "$VERSION" =~ ^[A-Za-z0-9._+-]+$ ]] || die "bad version '$VERSION'"
command -v curl >/dev/null || die "curl is needed to wait for /ready"
load_env
mkdir -p "$PREFIX/releases" "$DATA_DIR/backups"
db="${DATABASE_URL:-$DATA_DIR/trae.db}"
db=${db#sqlite://}
db=${db#sqlite:}
if [ -f "$db" ]; then
  need=$(($(stat -c %s "$db") * 2 / 1024))
  free=$(df -Pk "$DATA_DIR" | awk 'NR==2 {print $4}')
  [ "$free" -gt "$need" ] || die "$DATA_DIR has ${free} KiB free; a backup and migration need ${need} KiB"
fi

previous=$(current_version)
release="$PREFIX/releases/$VERSION"
if [ "$previous" = "$VERSION" ] && cmp -s "$NEW_BIN" "$release/trae-health"; then
  if wait_ready; then
    say "version $VERSION is already deployed and ready: nothing to do"
    exit 0
  fi
  say "version $VERSION is deployed but not ready: restarting it"
  service restart
  wait_ready && exit 0
  die "version $VERSION does not become ready; see the service log"
fi
[ "$previous" != "$VERSION" ] || die "release $VERSION exists with a different binary: give this build another VERSION"

# --- backup with the version that wrote the data, before any migration
backup=""
if [ -f "$db" ]; then
  backup="$DATA_DIR/backups/pre-upgrade-$VERSION-$(date -u +%Y%m%dT%H%M%SZ).db"
  old_bin="$PREFIX/current/trae-health"
  [ -x "$old_bin" ] || old_bin="$NEW_BIN"
  say "backing up $db to $backup"
  as_service "$old_bin" backup --out "$backup" >/dev/null || die "the pre-upgrade backup failed: not upgrading"
fi

# --- install and switch
mkdir -p "$release.new"
install -m 0755 "$NEW_BIN" "$release.new/trae-health"
printf '%s\n' "$previous" >"$release.new/previous"
printf '%s\n' "$backup" >"$release.new/pre-upgrade-backup"
rm -rf "$release"
mv -T "$release.new" "$release"
switch_to "$VERSION"
say "switched $PREFIX/current to $VERSION (was ${previous:-nothing})"

roll_back() {
  if [ -z "$previous" ]; then
    die "first install failed and there is nothing to roll back to"
  fi
  say "rolling back to $previous"
  "$HERE/rollback.sh" || die "automatic rollback failed too: act now (see docs/deploy.md)"
  exit 1
}

# --- migrate with the service stopped, then start and verify
service stop || true
say "migrating the schema with $VERSION"
if ! as_service "$release/trae-health" migrate; then
  say "the migration failed"
  roll_back
fi
service start || true
if wait_ready; then
  say "version $VERSION is ready"
  exit 0
fi
say "version $VERSION did not become ready within ${READY_TIMEOUT}s"
roll_back
