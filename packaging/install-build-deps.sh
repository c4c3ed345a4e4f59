#!/usr/bin/env bash
# Installs everything `make run` and `make test` need on Debian 12, and fetches
# cpp-httplib's single header from Debian's *source* package (the -dev package
# only ships a split header plus a shared library, which breaks -static).
# Idempotent: a second run only checks.
set -euo pipefail

need_pkgs=(build-essential cmake pkg-config
  libsqlite3-dev libsqlitecpp-dev nlohmann-json3-dev libssl-dev doctest-dev libargon2-dev
  zlib1g-dev libbrotli-dev
  sqlite3 openssl curl ca-certificates dpkg-dev
  tzdata)  # the tests count days in real time zones (/usr/share/zoneinfo)
[ -n "${EXTRA_PKGS:-}" ] && read -r -a extra <<<"$EXTRA_PKGS" && need_pkgs+=("${extra[@]}")

missing=()
for p in "${need_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)

src_list=/etc/apt/sources.list.d/trae-health-src.sources
add_src_list() {
  [ -f "$src_list" ] && return 0
  echo "install-build-deps: adding deb-src entries ($src_list)" >&2
  "${sudo_cmd[@]}" tee "$src_list" >/dev/null <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  updated=0
}

updated=1
stamp=/var/lib/apt/lists
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-build-deps: installing ${missing[*]}" >&2
  add_src_list
  "${sudo_cmd[@]}" apt-get update -qq
  updated=1
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The single-header cpp-httplib, from Debian's source package.
dest=${HTTPLIB_DIR:-build/third_party/httplib}
if [ ! -f "$dest/httplib.h" ]; then
  add_src_list
  if [ "$updated" -eq 0 ] || ! apt-cache showsrc cpp-httplib >/dev/null 2>&1 || [ -z "$(apt-cache showsrc cpp-httplib 2>/dev/null)" ]; then
    "${sudo_cmd[@]}" apt-get update -qq
  fi
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq --download-only cpp-httplib >/dev/null 2>&1 && dpkg-source -x --no-check ./*.dsc src >/dev/null 2>&1)
  mkdir -p "$dest"
  cp "$tmp/src/httplib.h" "$dest/httplib.h"
  rm -rf "$tmp"
  echo "install-build-deps: fetched httplib.h into $dest" >&2
fi
