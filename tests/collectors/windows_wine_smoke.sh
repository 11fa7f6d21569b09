#!/usr/bin/env bash
# collectors/windows-wine-smoke: runs the Windows program that collectors/windows-cross-compile
# linked (tests/collectors/windows_smoke/main.cpp) under Wine, in a Wine prefix of its own that
# is removed afterwards. The program only talks to servers it runs itself on 127.0.0.1.
# Usage: windows_wine_smoke.sh PROGRAM.exe
# Exits 77 (ctest: skipped) without Wine (Debian package wine64), without the program (the
# cross compiler is missing), or when Wine cannot start at all in this environment.
set -euo pipefail
exe=${1:?usage: windows_wine_smoke.sh PROGRAM.exe}
wine=""
for candidate in wine wine-stable /usr/lib/wine/wine64; do
  if command -v "$candidate" >/dev/null; then
    wine=$candidate
    break
  fi
done
if [ -z "$wine" ]; then
  echo "windows_wine_smoke: Wine not installed (scripts/install-deps.sh test installs wine64): skipped"
  exit 77
fi
if [ ! -f "$exe" ]; then
  echo "windows_wine_smoke: $exe missing (collectors/windows-cross-compile builds it): skipped"
  exit 77
fi
prefix=$(mktemp -d "${TMPDIR:-/tmp}/tekigo-wine.XXXXXX")
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
  local server
  server=$(command -v wineserver || echo /usr/lib/wine/wineserver)
  WINEPREFIX=$prefix timeout 20 "$server" -k >/dev/null 2>&1 || true
  rm -rf "$prefix"
}
trap cleanup EXIT
status=0
output=$(WINEPREFIX=$prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" \
  timeout 150 "$wine" "$exe" 2>&1) || status=$?
echo "$output"
if ! grep -q '[0-9] failure(s)' <<<"$output"; then
  echo "windows_wine_smoke: Wine could not run the program (status $status): skipped"
  exit 77
fi
exit "$status"
