#!/bin/bash
# Returns to the release that was current before the current one, and puts
# back the database backup taken just before that upgrade (the newer release
# may have migrated the schema, which the older binary would refuse):
#   packaging/rollback.sh            previous binary + its pre-upgrade backup
#   KEEP_DATABASE=1 rollback.sh      previous binary only (schema unchanged)
# The database as it was is kept beside it as *.pre-restore. Writes made
# after the upgrade's backup are in that file, not in the restored one.
# See packaging/lib.sh for the paths and commands that can be overridden.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
load_env

current=$(current_version)
[ -n "$current" ] || die "nothing is deployed under $PREFIX"
previous=$(cat "$PREFIX/releases/$current/previous" 2>/dev/null || true)
backup=$(cat "$PREFIX/releases/$current/pre-upgrade-backup" 2>/dev/null || true)
[ -n "$previous" ] && [ -x "$PREFIX/releases/$previous/trae-health" ] ||
  die "release $current records no previous release to return to"

say "rolling back from $current to $previous"
service stop || true
switch_to "$previous"
if [ -z "${KEEP_DATABASE:-}" ] && [ -n "$backup" ]; then
  say "restoring the pre-upgrade backup $backup"
  as_service "$PREFIX/releases/$previous/trae-health" restore "$backup" ||
    die "restore refused or failed; the database is unchanged, $previous is current but stopped"
fi
service start
if wait_ready; then
  say "rolled back to $previous: ready"
  exit 0
fi
die "$previous did not become ready within ${READY_TIMEOUT}s"
