#!/usr/bin/env bash
# Renders `tekigo doc` of a policy as HTML and takes screenshots of it with headless Chromium,
# page by page, for an auditor to set beside the source document (nothing is asserted; the
# ctest reports/doc-html checks the page).
# Usage: scripts/doc-screenshots.sh TEKIGO POLICY OUT_DIR [LANG] [DOC_ARGS...]
#   TEKIGO   the built tekigo binary          POLICY  the policy file (.tkg)
#   OUT_DIR  where doc-LANG.html, doc-LANG.pdf and doc-LANG-N.png go
#   LANG     en (default) or ja               DOC_ARGS  more arguments of `tekigo doc`
# Example: scripts/doc-screenshots.sh build/cli/tekigo policies/gan-touroku-online.tkg /tmp/doc ja \
#            --examples examples/dumps/
# With poppler-utils' pdftoppm, the page printed to A4 (as auditors print it), one PNG per
# page, and the PDF; without it, one tall screenshot 1280 px wide.
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,11p' "$0" >&2
  exit 2
fi
tekigo=$1
policy=$2
out=$3
lang=${4:-en}
shift $(($# < 4 ? $# : 4))

chromium=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chromium" ]; then
  echo "doc-screenshots: chromium not found (apt-get install chromium)" >&2
  exit 77
fi
mkdir -p "$out"
out=$(realpath "$out")
html="$out/doc-$lang.html"
"$tekigo" doc "$policy" --format html --lang "$lang" -o "$html" "$@"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -f "$out/doc-$lang"-*.png "$out/doc-$lang.pdf"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --hide-scrollbars --user-data-dir="$work/profile")
if command -v pdftoppm >/dev/null; then
  # As printed: the page's print style on A4, one PNG per page (poppler-utils' pdftoppm).
  "$chromium" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$out/doc-$lang.pdf" \
    "file://$html" >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }
  pdftoppm -png -r 110 "$out/doc-$lang.pdf" "$out/doc-$lang"
else
  # On screen: one tall image 1280 px wide.
  "$chromium" "${flags[@]}" --window-size=1280,16000 --screenshot="$out/doc-$lang-1.png" \
    "file://$html" >"$work/chromium.log" 2>&1 || { cat "$work/chromium.log" >&2; exit 1; }
fi
ls "$out/doc-$lang"-*.png
