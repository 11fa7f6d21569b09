#!/usr/bin/env bash
# Builds tekigo.exe: the libraries of scripts/build-windows-deps.sh (cached outside the source
# tree), then this source tree configured for Windows (scripts/windows-toolchain.cmake) in
# BINARY_DIR, target tekigo. The main build runs it as its target tekigo_windows when the cross
# compiler is installed (build/windows/cli/tekigo.exe); it can be run by hand as well.
#
# Usage: scripts/build-windows.sh SOURCE_DIR BINARY_DIR [CMAKE_CXX_COMPILER_LAUNCHER]
set -euo pipefail
src=${1:?usage: build-windows.sh SOURCE_DIR BINARY_DIR [LAUNCHER]}
bin=${2:?usage: build-windows.sh SOURCE_DIR BINARY_DIR [LAUNCHER]}
launcher=${3:-}
prefix=$(bash "$src/scripts/build-windows-deps.sh" | tail -1)
if [ ! -f "$bin/build.ninja" ] || ! grep -q "TEKIGO_WINDOWS_PREFIX:PATH=$prefix\$" "$bin/CMakeCache.txt" 2>/dev/null; then
  rm -f "$bin/CMakeCache.txt"
  cmake -S "$src" -B "$bin" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$src/scripts/windows-toolchain.cmake" -DTEKIGO_WINDOWS_PREFIX="$prefix" \
    -DTEKIGO_BUILD_TESTS=OFF -DTEKIGO_BUILD_BENCH=OFF ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER="$launcher"} \
    >"$bin.configure.log" 2>&1 || { cat "$bin.configure.log" >&2; exit 1; }
fi
cmake --build "$bin" --target tekigo
