#!/usr/bin/env bash
# collectors/windows-cross-compile: proves that collectors/ builds for Windows. Compiles every
# collectors/**/*.cpp for x86_64-w64-mingw32 (and checks every engine/*/*.cpp they link against
# with -fsyntax-only) with -Wall -Wextra -Wpedantic and fails on any diagnostic; then links a small
# Windows program (tests/collectors/windows_smoke/main.cpp: the socket and system seams and the
# probe code, no Boost) that collectors/windows-wine-smoke runs under Wine.
#
# Usage: windows_cross_compile.sh SOURCE_DIR OUT_DIR
# Exits 77 (ctest: skipped) when the cross compiler (Debian: g++-mingw-w64-x86-64-posix) is
# missing. The posix flavour is needed: GCC 12's win32 thread model has no std::thread.
#
# The system's /usr/include is not put on the include path (glibc's headers clash with
# mingw-w64's); a folder of symlinks to the header-only libraries stands in for it. fmt is used
# header-only (FMT_HEADER_ONLY). Boost 1.74's Boost.Process (boost/process/detail/windows/
# handle_workaround.hpp) uses MSVC's __kernel_entry annotation, which mingw-w64 lacks:
# -D__kernel_entry= (collectors/CMakeLists.txt does the same for a MinGW build).
# -O0: fastest, and free of GCC 12's flow-dependent -Wmaybe-uninitialized false positives on
# std::optional (the osquery importer at -O1). Runs two compilers at a time (the ctest reserves
# two processors for it).
set -euo pipefail
src=${1:?usage: windows_cross_compile.sh SOURCE_DIR OUT_DIR}
out=${2:?usage: windows_cross_compile.sh SOURCE_DIR OUT_DIR}
cxx=x86_64-w64-mingw32-g++-posix
if ! command -v "$cxx" >/dev/null; then
  echo "windows_cross_compile: $cxx not installed (scripts/install-deps.sh test installs g++-mingw-w64-x86-64-posix): skipped"
  exit 77
fi

rm -rf "$out"
mkdir -p "$out/include" "$out/obj" "$out/log"
for h in boost fmt simdjson.h yaml-cpp re2 range meta concepts std; do
  if [ ! -e "/usr/include/$h" ]; then
    echo "windows_cross_compile: /usr/include/$h missing (scripts/install-deps.sh test installs it)" >&2
    exit 1
  fi
  ln -s "/usr/include/$h" "$out/include/$h"
done

# Windows 7 SP1 is the oldest Windows the collectors support (WSA_FLAG_NO_HANDLE_INHERIT).
flags=(-std=c++20 -Wall -Wextra -Wpedantic -O0 -DFMT_HEADER_ONLY -D__kernel_entry=
  -D_WIN32_WINNT=0x0601 -I"$src" -isystem "$out/include")
export cxx out
export flags_text="${flags[*]}"

# One translation unit: compile (collectors/, and what the smoke program links) or only check
# (the rest of engine/, to save time); every diagnostic goes to a log of its own.
compile_one() {
  local file=$1 name mode
  name=$(echo "$file" | tr '/' '_')
  mode=(-c -o "$out/obj/${name%.cpp}.o")
  case $file in
    collectors/* | engine/values/ip_address.cpp) ;;
    *) mode=(-fsyntax-only) ;;
  esac
  # shellcheck disable=SC2086
  if ! $cxx $flags_text "${mode[@]}" "$file" >"$out/log/$name.log" 2>&1; then
    echo "failed" >>"$out/log/$name.log"
  fi
}
export -f compile_one

cd "$src"
shopt -s globstar  # collectors/**/*.cpp: collector.cpp and every folder under collectors/
units=(collectors/**/*.cpp engine/*/*.cpp)
start=$SECONDS
# shellcheck disable=SC2016 # $1 is expanded by the inner bash
printf '%s\n' "${units[@]}" | xargs -P 2 -I{} bash -c 'compile_one "$1"' _ {}
status=0
for unit in "${units[@]}"; do
  log="$out/log/$(echo "$unit" | tr '/' '_').log"
  if [ -s "$log" ]; then
    echo "---- $unit"
    cat "$log"
    status=1
  fi
done
echo "windows_cross_compile: ${#units[@]} translation units for x86_64-w64-mingw32 in $((SECONDS - start)) s"
if [ $status -ne 0 ]; then
  echo "windows_cross_compile: diagnostics above" >&2
  exit 1
fi

# A Windows program: the seams and the probe code, linked statically (no DLL but Windows' own).
$cxx "${flags[@]}" -c tests/collectors/windows_smoke/main.cpp -o "$out/obj/smoke_main.o" 2>"$out/log/smoke.log" || true
if [ -s "$out/log/smoke.log" ]; then
  cat "$out/log/smoke.log"
  exit 1
fi
$cxx -static -o "$out/tekigo-windows-smoke.exe" "$out/obj/smoke_main.o" \
  "$out"/obj/collectors_seams_{socket_api,system_api,endpoint}.o \
  "$out"/obj/collectors_probes_{probe_net,dns_config,dns_message}.o \
  "$out/obj/engine_values_ip_address.o" -lws2_32 -liphlpapi -lbcrypt
echo "windows_cross_compile: linked $out/tekigo-windows-smoke.exe"
