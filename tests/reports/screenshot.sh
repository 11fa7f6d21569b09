#!/usr/bin/env bash
# Renders the html report of the bundled policy on the bundled example dumps and takes a PNG
# screenshot of it with headless Chromium, for people to look at (nothing is asserted).
# Usage: tests/reports/screenshot.sh TEKIGO SOURCE_DIR OUT.png [LANG] [FRAGMENT]
#   TEKIGO      the built tekigo binary          SOURCE_DIR  the repository
#   LANG        en (default) or ja               FRAGMENT    e.g. "show=fail,error" (a filter)
# Example: tests/reports/screenshot.sh build/cli/tekigo . /tmp/report.png ja
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,7p' "$0" >&2
  exit 2
fi
tekigo=$1
src=$2
out=$3
lang=${4:-en}
fragment=${5:-}

chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chromium" ]; then
  echo "screenshot: chromium not found (apt-get install chromium)" >&2
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
html="$work/report.html"
set +e
"$tekigo" check "$src/policies/gan-touroku-online.tkg" "$src/examples/dumps/" \
  --format html --lang "$lang" >"$html"
code=$?
set -e
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ] && [ "$code" -ne 3 ]; then
  echo "screenshot: tekigo exited with $code" >&2
  exit 1
fi

url="file://$html"
[ -n "$fragment" ] && url="$url#$fragment"
out_abs=$(realpath -m "$out")
"$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size=1280,2000 --screenshot="$out_abs" "$url" >"$work/chromium.log" 2>&1 || {
  cat "$work/chromium.log" >&2
  exit 1
}
[ -s "$out_abs" ] || { echo "screenshot: no image written" >&2; cat "$work/chromium.log" >&2; exit 1; }
echo "screenshot: $out_abs"
