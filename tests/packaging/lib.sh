# Helpers for the operations tests: fail loudly, clean up temp dirs.
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/trae-ops-XXXXXX")
cleanup_hooks=()
cleanup() {
  local h
  for h in "${cleanup_hooks[@]}"; do eval "$h" || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT
SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
