#!/usr/bin/env bash
# Lighthouse against the real trae-health binary (see bench/README.md, "web").
# Needs build/trae-health (`make build`), Node.js 20.19+ and Debian's Chromium
# (apt-get install chromium). Installs Lighthouse into bench/web/node_modules
# with `npm ci` when the lock file changed; the web app's own dependencies
# stay free of it. Extra arguments go to run.mjs (--runs, --form-factors,
# --binary, --results).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

binary=build/trae-health
prev=
for a in "$@"; do
  case "$a" in --binary=*) binary="${a#--binary=}" ;; esac
  [[ "$prev" == --binary ]] && binary="$a"
  prev="$a"
done
if [[ ! -x "$binary" ]]; then
  echo "bench/web: $binary is missing; run 'make build' first" >&2
  exit 1
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROME_PATH" ]]; then
  echo "bench/web: Chromium is not at $CHROME_PATH (apt-get install chromium, or set CHROME_PATH)" >&2
  exit 1
fi

# npm writes node_modules/.package-lock.json; it is newer than the lock file
# after a successful install.
if [[ ! -f "$here/node_modules/.package-lock.json" || "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
exec node "$here/run.mjs" "$@"
