#!/usr/bin/env bash
# The cost of `tekigo impact` against a single `tekigo check` of the same dumps
# (docs/performance.md, "The impact of a revision"): the target is at most about twice.
#
#   cmake --build build --target tekigo && bench/impact_bench.sh [BUILD_DIR]
#
# Builds nothing. Generates COUNT dumps (bench/generate_dumps.py, seed SEED) as files and as one
# JSON Lines file — or uses FLEET (a directory holding dumps/ and fleet.jsonl, as the issue's
# `--out-dir FLEET/dumps --jsonl FLEET/fleet.jsonl` writes them) — and a revision of the shipped
# policy made here by editing a copy (two Windows 10 releases added to the matrix, the VPN
# client's version and name changed, a new name and flow that no dump has collected). Then
# measures wall and CPU time (hyperfine --warmup 1 --runs RUNS when installed: the median wall
# time and the mean CPU time; else RUNS timed runs, medians) of, with --jobs JOBS:
#   tekigo check POLICY D --quiet        and  tekigo impact POLICY REVISED D --quiet
#   tekigo check POLICY D --format json  and  tekigo impact POLICY REVISED D --format json
# for D the directory and the JSON Lines file, and prints the ratios. Removes what it made.
#
# Environment: COUNT (10000), SEED (1), RUNS (5), JOBS (2), FLEET (unset), TMPDIR.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
TEKIGO=$BUILD/cli/tekigo
POLICY=$ROOT/policies/gan-touroku-online.tkg
COUNT=${COUNT:-10000}
SEED=${SEED:-1}
RUNS=${RUNS:-5}
JOBS=${JOBS:-2}

[ -x "$TEKIGO" ] || { echo "impact_bench: $TEKIGO is missing: build first" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tekigo-impact-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM

if [ -n "${FLEET:-}" ]; then
  DUMPS=$FLEET/dumps
  JSONL=$FLEET/fleet.jsonl
else
  DUMPS=$TMP/dumps
  JSONL=$TMP/fleet.jsonl
  python3 "$ROOT/bench/generate_dumps.py" --count "$COUNT" --seed "$SEED" --out-dir "$DUMPS" \
    --jsonl "$JSONL"
fi

# The revision: a copy of the shipped policy with a few edits a maintainer would make.
REVISED=$TMP/revised.tkg
perl -0pe '
  s/(os windows 10 release 1909, 2004, 20H2)\n/$1, 21H2, 22H2\n/;
  s/name ~ "anyconnect secure mobility client" and version == 4\.9\.05042/name ~ "cisco secure client|anyconnect secure mobility client" and version == 5.1.2.42/;
  s/(section "§4\(2\)"[^\n]*\n)/$1  resolve portal-name cite "Web #2" "portal.ccr.ncc.go.jp must resolve on the terminal." {\n    name portal.ccr.ncc.go.jp\n  }\n  flow web-portal cite "Web #2" "TCP 443 to portal.ccr.ncc.go.jp must pass." {\n    protocol tcp\n    to portal.ccr.ncc.go.jp\n    port 443\n  }\n/;
' "$POLICY" >"$REVISED"
if cmp -s "$POLICY" "$REVISED"; then
  echo "impact_bench: the edits no longer apply to $POLICY: update the script" >&2
  exit 2
fi
"$TEKIGO" lint "$REVISED" >&2

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
declare -A WALL CPU
ORDER=()
measure() {  # measure KEY COMMAND: wall and CPU (user + system) seconds
  local key=$1 cmd=$2
  ORDER+=("$key")
  if command -v hyperfine >/dev/null; then
    hyperfine --style basic --ignore-failure --warmup 1 --runs "$RUNS" \
      --export-json "$TMP/h.json" --command-name "$key" "$cmd" >&2
    WALL[$key]=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % r["median"])' "$TMP/h.json")
    CPU[$key]=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.3f" % (r["user"] + r["system"]))' "$TMP/h.json")
  else
    local i
    for ((i = 0; i < RUNS; i++)); do
      /usr/bin/time -f '%e %U %S' -o "$TMP/t" bash -c "$cmd" >/dev/null 2>&1 || true
      tail -1 "$TMP/t"
    done >"$TMP/runs"
    WALL[$key]=$(awk '{ print $1 }' "$TMP/runs" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    CPU[$key]=$(awk '{ print $2 + $3 }' "$TMP/runs" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
  fi
}

for input in "$DUMPS" "$JSONL"; do
  kind=$([ -d "$input" ] && echo files || echo jsonl)
  measure "check $kind quiet" "$TEKIGO check $POLICY $input --jobs $JOBS --quiet"
  measure "impact $kind quiet" "$TEKIGO impact $POLICY $REVISED $input --jobs $JOBS --quiet"
  measure "check $kind json" "$TEKIGO check $POLICY $input --jobs $JOBS --format json >/dev/null"
  measure "impact $kind json" "$TEKIGO impact $POLICY $REVISED $input --jobs $JOBS --format json >/dev/null"
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
printf '%-22s %9s %9s\n' "measurement" "wall (s)" "cpu (s)"
for key in "${ORDER[@]}"; do printf '%-22s %9s %9s\n' "$key" "${WALL[$key]}" "${CPU[$key]}"; done
echo
echo "impact / check (wall, cpu), --jobs $JOBS, load average now $(cut -d' ' -f1-3 /proc/loadavg):"
for kind in files jsonl; do
  for out in quiet json; do
    echo "  $kind $out: $(ratio "${WALL[impact $kind $out]}" "${WALL[check $kind $out]}")x wall," \
      "$(ratio "${CPU[impact $kind $out]}" "${CPU[check $kind $out]}")x cpu"
  done
done
