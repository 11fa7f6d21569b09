#!/usr/bin/env bash
# The whole-process benchmark of `tekigo check` (docs/performance.md).
#
#   cmake --build build && bench/run_bench.sh [BUILD_DIR]        (BUILD_DIR defaults to build)
#
# Builds nothing. Generates COUNT realistic dumps (bench/generate_dumps.py) as files in a
# temporary directory and as one JSON Lines file, checks that tekigo gives the intended verdicts,
# then measures wall time (hyperfine when installed: --warmup 1 --runs RUNS; otherwise RUNS timed
# runs) and peak RSS (/usr/bin/time -f %M) of:
#   - tekigo check POLICY DIR --jobs 2|1 --quiet, and over the JSONL file;
#   - the baseline: tekigo_parse_only, which reads the same bytes and parses them with
#     simdjson::dom on 2|1 threads, doing nothing else;
#   - bench/check.jq, the policy's checks in jq, run as a user would over many files
#     (find | xargs -P 2 jq), on a sample of JQ_SAMPLE files (jq needs ~0.1 s per dump);
#   - tekigo's peak memory over 1,000 (a tenth of COUNT when smaller), COUNT and BIG dumps in
#     JSON Lines;
#   - the micro-benchmarks (BUILD_DIR/bench/tekigo_bench), when built.
# Prints a table at the end. Removes its temporary files on exit, also when interrupted.
#
# Environment: COUNT (10000), RUNS (5), SEED (1), JQ_SAMPLE (1000), JQ_RUNS (3), BIG (50000),
# MICRO (1: run tekigo_bench), TMPDIR (where the ~1.5 GB of temporary dumps go).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
TEKIGO=$BUILD/cli/tekigo
PARSE_ONLY=$BUILD/bench/tekigo_parse_only
MICRO_BIN=$BUILD/bench/tekigo_bench
POLICY=$ROOT/policies/gan-touroku-online.tkg
CHECK_JQ=$ROOT/bench/check.jq
COUNT=${COUNT:-10000}
RUNS=${RUNS:-5}
SEED=${SEED:-1}
JQ_SAMPLE=${JQ_SAMPLE:-1000}
JQ_RUNS=${JQ_RUNS:-3}
BIG=${BIG:-50000}
MICRO=${MICRO:-1}

for tool in "$TEKIGO" "$PARSE_ONLY"; do
  [ -x "$tool" ] || { echo "run_bench: $tool is missing: build first (cmake --build $BUILD)" >&2; exit 2; }
done
for cmd in python3 jq /usr/bin/time; do
  command -v "$cmd" >/dev/null || { echo "run_bench: $cmd is needed (scripts/install-deps.sh)" >&2; exit 2; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tekigo-bench.XXXXXX")
cleanup() { rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '\n== %s\n' "$*" >&2; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

declare -A WALL RSS LOADS
ORDER=()

# time_cmd KEY COMMAND: median wall time (s) over RUNS runs after one warm-up run.
time_cmd() {
  local key=$1 cmd=$2 runs=${3:-$RUNS} warmup=${4:-1}
  ORDER+=("$key")
  LOADS[$key]=$(load)
  if command -v hyperfine >/dev/null; then
    hyperfine --style basic --ignore-failure --warmup "$warmup" --runs "$runs" \
      --export-json "$TMP/h.json" --command-name "$key" "$cmd" >&2
    WALL[$key]=$(jq '.results[0].median * 1000 | round / 1000' "$TMP/h.json")
  else
    local i
    for ((i = 0; i < warmup; i++)); do bash -c "$cmd" >/dev/null 2>&1 || true; done
    for ((i = 0; i < runs; i++)); do
      /usr/bin/time -f '%e' -o "$TMP/t" bash -c "$cmd" >/dev/null 2>&1 || true
      tail -1 "$TMP/t"
    done | median | awk '{ printf "%.3f\n", $1 }' >"$TMP/m"
    WALL[$key]=$(cat "$TMP/m")
    echo "$key: median ${WALL[$key]} s over $runs runs" >&2
  fi
}

# rss_cmd KEY COMMAND...: median peak RSS (MB) over 3 runs, as /usr/bin/time %M reports it.
rss_cmd() {
  local key=$1
  shift
  local i
  for ((i = 0; i < 3; i++)); do
    /usr/bin/time -f '%M' -o "$TMP/t" "$@" >/dev/null 2>"$TMP/err" || true
    tail -1 "$TMP/t"
  done | median | awk '{ printf "%.1f\n", $1 / 1024 }' >"$TMP/m"
  RSS[$key]=$(cat "$TMP/m")
  echo "$key: peak RSS ${RSS[$key]} MB (median of 3)" >&2
}

say "machine: $(nproc) cores, load average $(load) ($(uptime | sed 's/.*up/up/'))"
echo "tekigo: $TEKIGO ($("$TEKIGO" --version 2>/dev/null || echo '?'))" >&2
echo "$(jq --version), $(hyperfine --version 2>/dev/null || echo 'no hyperfine: /usr/bin/time loops')" >&2

# ---- data
say "generating $COUNT dumps (seed $SEED)"
python3 "$ROOT/bench/generate_dumps.py" --count "$COUNT" --seed "$SEED" \
  --out-dir "$TMP/dumps" --jsonl "$TMP/dumps.jsonl" --expect "$TMP/expect.jsonl"
DIR_BYTES=$(du -sb "$TMP/dumps" | cut -f1)
JSONL_BYTES=$(stat -c %s "$TMP/dumps.jsonl")
echo "$COUNT files, $((DIR_BYTES / 1000000)) MB; JSONL $((JSONL_BYTES / 1000000)) MB" >&2

# ---- the verdicts are the intended ones
say "verdicts (tekigo check --format jsonl)"
if "$TEKIGO" check --help | grep jsonl >/dev/null; then
  set +e
  "$TEKIGO" check "$POLICY" "$TMP/dumps" --jobs 2 --format jsonl >"$TMP/verdicts.jsonl"
  echo "exit status $?" >&2
  set -e
  jq -r .verdict "$TMP/verdicts.jsonl" | sort | uniq -c | sed 's/^/  tekigo: /' >&2
  jq -r .verdict "$TMP/expect.jsonl" | sort | uniq -c | sed 's/^/  intended: /' >&2
  python3 - "$TMP/expect.jsonl" "$TMP/verdicts.jsonl" >&2 <<'PY' || echo "  (comparison failed)" >&2
import json, sys
want = {json.loads(l)["subject"]: json.loads(l)["verdict"] for l in open(sys.argv[1])}
got = [json.loads(l) for l in open(sys.argv[2])]
bad = sum(1 for r in got if want.get(r["subject"]) != r["verdict"])
print(f"  terminals whose verdict is not the intended one: {bad} of {len(got)}")
PY
else
  echo "  (this tekigo has no --format jsonl; skipped)" >&2
fi

# ---- tekigo vs the simdjson baseline
say "tekigo check and the simdjson baseline, $COUNT dumps"
for j in 2 1; do
  time_cmd "tekigo dir -j$j" "$TEKIGO check $POLICY $TMP/dumps --jobs $j --quiet"
  time_cmd "parse-only dir -j$j" "$PARSE_ONLY --jobs $j $TMP/dumps"
  time_cmd "tekigo jsonl -j$j" "$TEKIGO check $POLICY $TMP/dumps.jsonl --jobs $j --quiet"
  time_cmd "parse-only jsonl -j$j" "$PARSE_ONLY --jobs $j $TMP/dumps.jsonl"
done
say "peak memory"
for j in 2 1; do
  rss_cmd "tekigo dir -j$j" "$TEKIGO" check "$POLICY" "$TMP/dumps" --jobs "$j" --quiet
  rss_cmd "tekigo jsonl -j$j" "$TEKIGO" check "$POLICY" "$TMP/dumps.jsonl" --jobs "$j" --quiet
  rss_cmd "parse-only dir -j$j" "$PARSE_ONLY" --jobs "$j" "$TMP/dumps"
  rss_cmd "parse-only jsonl -j$j" "$PARSE_ONLY" --jobs "$j" "$TMP/dumps.jsonl"
done

# ---- jq, the way a user would check many files: find | xargs -P 2 jq
SAMPLE=$JQ_SAMPLE
[ "$SAMPLE" -gt "$COUNT" ] && SAMPLE=$COUNT
say "bench/check.jq vs tekigo on $SAMPLE of the $COUNT files (every $((COUNT / SAMPLE))th)"
mkdir "$TMP/sample"
find "$TMP/dumps" -name '*.json' | sort | awk -v step=$((COUNT / SAMPLE)) -v n="$SAMPLE" \
  '(NR - 1) % step == 0 && c < n { print; c++ }' | xargs -I{} ln -s {} "$TMP/sample/"
JQ_CMD="find -L $TMP/sample -name '*.json' -print0 | xargs -0 -n 100 -P 2 jq -c -f $CHECK_JQ"
time_cmd "jq sample -P2" "$JQ_CMD" "$JQ_RUNS" 0
time_cmd "tekigo sample -j2" "$TEKIGO check $POLICY $TMP/sample --jobs 2 --quiet"
# For the comparison, each jq writes its own file: lines of two jq processes sharing one pipe
# can interleave.
mkdir "$TMP/jq"
# shellcheck disable=SC2016 # $0, $@, $OUT and $$ are the inner sh's
find -L "$TMP/sample" -name '*.json' -print0 |
  OUT="$TMP/jq" xargs -0 -n 100 -P 2 sh -c 'jq -c -f "$0" "$@" >"$OUT/$$.jsonl"' "$CHECK_JQ"
cat "$TMP"/jq/*.jsonl >"$TMP/jq.jsonl"
if [ -s "$TMP/verdicts.jsonl" ]; then
  python3 - "$TMP/verdicts.jsonl" "$TMP/jq.jsonl" >&2 <<'PY' || echo "  (comparison failed)" >&2
import json, sys
tekigo = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    tekigo[r["subject"]] = (r["verdict"], {x["id"]: x["status"] for x in r["rules"]})
jq = [json.loads(l) for l in open(sys.argv[2])]
same_verdict = same_rules = 0
for j in jq:
    verdict, rules = tekigo[j["subject"]]
    same_verdict += j["verdict"] == verdict
    same_rules += all(j["problems"].get(k, "pass") == (v if v != "n/a" else "pass") or (v == "n/a" and k not in j["problems"]) for k, v in rules.items())
print(f"  jq and tekigo agree on the verdict of {same_verdict} and on every rule of {same_rules} of {len(jq)} terminals")
PY
fi

# ---- memory vs the number of dumps (JSON Lines)
SMALL=$((COUNT > 1000 ? 1000 : (COUNT >= 10 ? COUNT / 10 : 1)))  # a tenth of small runs
say "peak memory over $SMALL, $COUNT and $BIG dumps (JSON Lines, --jobs 2)"
head -n "$SMALL" "$TMP/dumps.jsonl" >"$TMP/small.jsonl"
: >"$TMP/big.jsonl"
for ((copy = 0; copy * COUNT < BIG; copy++)); do   # copies of the file with distinct subjects
  left=$((BIG - copy * COUNT))
  head -n "$left" "$TMP/dumps.jsonl" | sed "s/\"subject\":\"/\"subject\":\"copy$copy-/" >>"$TMP/big.jsonl"
done
declare -A SCALE_FILE=([$SMALL]="$TMP/small.jsonl" [$COUNT]="$TMP/dumps.jsonl" [$BIG]="$TMP/big.jsonl")
SCALES=("$SMALL" "$COUNT" "$BIG")
for n in "${SCALES[@]}"; do
  rss_cmd "scale $n" "$TEKIGO" check "$POLICY" "${SCALE_FILE[$n]}" --jobs 2 --quiet
  /usr/bin/time -f '%e' -o "$TMP/t" "$TEKIGO" check "$POLICY" "${SCALE_FILE[$n]}" --jobs 2 --quiet || true
  WALL["scale $n"]=$(tail -1 "$TMP/t")
done
rm -f "$TMP/big.jsonl"

# ---- micro-benchmarks
if [ "$MICRO" = 1 ] && [ -x "$MICRO_BIN" ]; then
  say "micro-benchmarks (tekigo_bench, medians of 5 repetitions)"
  "$MICRO_BIN" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out="$TMP/micro.json" --benchmark_out_format=json >/dev/null 2>"$TMP/micro.err" ||
    cat "$TMP/micro.err" >&2
  jq -r '.benchmarks[] | select(.aggregate_name == "median")
         | "\(.run_name | .[0:34] | . + " " * (34 - length)) \(.real_time * 100 | round / 100) \(.time_unit) wall  \(.cpu_time * 100 | round / 100) \(.time_unit) cpu  \(.label // "")"' \
    "$TMP/micro.json" 2>/dev/null || true
fi

# ---- the table
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
say "summary: $COUNT dumps, $(nproc) cores, load average now $(load)"
printf '%-24s %10s %12s   %s\n' "measurement" "wall (s)" "peak RSS MB" "load when timed"
for key in "${ORDER[@]}"; do
  printf '%-24s %10s %12s   %s\n' "$key" "${WALL[$key]}" "${RSS[$key]:--}" "${LOADS[$key]}"
done
for n in "${SCALES[@]}"; do
  printf '%-24s %10s %12s\n' "tekigo jsonl -j2, $n" "${WALL[scale $n]}" "${RSS[scale $n]}"
done
echo
echo "tekigo / simdjson parse-only (wall):"
for j in 2 1; do
  echo "  files -j$j: $(ratio "${WALL[tekigo dir -j$j]}" "${WALL[parse-only dir -j$j]}")x" \
    "  jsonl -j$j: $(ratio "${WALL[tekigo jsonl -j$j]}" "${WALL[parse-only jsonl -j$j]}")x"
done
echo "jq / tekigo on the same $SAMPLE files (wall, -P2 vs -j2): $(ratio "${WALL[jq sample -P2]}" "${WALL[tekigo sample -j2]}")x" \
  "(jq for all $COUNT files, extrapolated: $(awk -v w="${WALL[jq sample -P2]}" -v s="$SAMPLE" -v n="$COUNT" 'BEGIN { printf "%.0f", w * n / s }') s)"
echo "throughput: $(awk -v w="${WALL[tekigo dir -j2]}" -v n="$COUNT" 'BEGIN { printf "%.0f", n / w }') dumps/s" \
  "($(awk -v w="${WALL[tekigo dir -j2]}" -v b="$DIR_BYTES" 'BEGIN { printf "%.0f", b / w / 1e6 }') MB/s) from files with --jobs 2"
