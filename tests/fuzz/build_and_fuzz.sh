#!/usr/bin/env bash
# ctest `fuzz/clang`: the fuzz build (docs/fuzzing.md) made and run from the test build, so that
# the libFuzzer targets keep building with clang and every target fuzzes for a few seconds in
# every run of the suite. Configures SOURCE_DIR into BUILD_DIR/fuzz-clang (TEKIGO_FUZZ=ON, tests
# and benchmarks off; the build is kept, so a second run rebuilds only what changed), builds it
# and runs its ctest: fuzz/replay/* (regressions and seeds, once) and fuzz/run/* (SECONDS each).
# Exit 77 (skipped) when clang++-14 or libFuzzer is missing: scripts/install-deps.sh test
# installs both.
# usage: build_and_fuzz.sh SOURCE_DIR BUILD_DIR [SECONDS]
set -euo pipefail
source_dir=$1
build_dir=$2/fuzz-clang
seconds=${3:-10}

compiler=$(command -v clang++-14 || true)
if [ -z "$compiler" ]; then
  echo "skipped: clang++-14 is not installed (scripts/install-deps.sh test installs clang-14)"
  exit 77
fi
if ! ls /usr/lib/llvm-14/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a > /dev/null 2>&1; then
  echo "skipped: libFuzzer is not installed (scripts/install-deps.sh test installs libclang-rt-14-dev)"
  exit 77
fi

launcher=()
if [ -n "${CMAKE_CXX_COMPILER_LAUNCHER:-}" ]; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER="$CMAKE_CXX_COMPILER_LAUNCHER")
fi
cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER="$compiler" "${launcher[@]}" \
  -DTEKIGO_FUZZ=ON -DTEKIGO_BUILD_TESTS=OFF -DTEKIGO_BUILD_BENCH=OFF \
  -DTEKIGO_FUZZ_SECONDS="$seconds" > "$build_dir.configure.log" 2>&1 || {
  cat "$build_dir.configure.log"
  exit 1
}
# Only the fuzz targets: the fuzz build's `tekigo` is not needed here.
targets=$(cmake --build "$build_dir" --target help | sed -n 's/^\(tekigo_fuzz_[a-z_0-9]*\):.*/\1/p')
# shellcheck disable=SC2086 # one target a word
cmake --build "$build_dir" -j "$(nproc)" --target $targets
ctest --test-dir "$build_dir" -j "$(nproc)" --output-on-failure
