#!/usr/bin/env bash
# Cross-builds for Windows (x86_64-w64-mingw32, static) the libraries tekigo.exe links that
# Debian ships no MinGW build of — yaml-cpp, RE2, simdjson and Boost.Filesystem — from Debian's
# own source packages (`apt-get source`, deb-src lines of the archive the machine installs from:
# scripts/install-deps.sh test adds them), at the versions of the -dev packages installed, so
# that tekigo.exe is built from the same code as the Linux tekigo. The header-only libraries
# (PEGTL, range-v3, CLI11, fmt, Boost's headers) are linked in from /usr/include, one folder
# each, never /usr/include itself (glibc's headers clash with mingw-w64's).
#
# Usage: scripts/build-windows-deps.sh [--where]
#   prints the prefix (include/, lib/) on its last line; --where prints it without building.
# The result is cached outside the source tree, in $TEKIGO_WINDOWS_DEPS or
# ~/.cache/tekigo-windows-deps, under a key made of the source versions, the compiler's version
# and this script's digest: a second run finds it and returns at once. Nothing is downloaded
# but Debian source packages; nothing lands in the source tree.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${TEKIGO_WINDOWS_DEPS:-${XDG_CACHE_HOME:-$HOME/.cache}/tekigo-windows-deps}
cxx=x86_64-w64-mingw32-g++-posix
say() { echo "build-windows-deps: $*" >&2; }

command -v "$cxx" >/dev/null || { say "$cxx missing (scripts/install-deps.sh test installs g++-mingw-w64-x86-64-posix)"; exit 1; }

# Source package (and version) of each installed -dev package.
source_of() {
  dpkg-query -W -f '${source:Package} ${source:Version}\n' "$1" 2>/dev/null | head -1
}
packages=(libyaml-cpp-dev libre2-dev libsimdjson-dev libboost-filesystem1.74-dev)
sources=()
for p in "${packages[@]}"; do
  s=$(source_of "$p")
  [ -n "$s" ] || { say "$p is not installed (scripts/install-deps.sh test installs it)"; exit 1; }
  sources+=("$s")
done
key=$(
  {
    printf '%s\n' "${sources[@]}"
    "$cxx" --version | head -1
    sha256sum "$0" "$here/windows-toolchain.cmake" | cut -d' ' -f1
  } | sha256sum | cut -c1-16
)
prefix="$cache/$key"
if [ "${1:-}" = "--where" ]; then
  echo "$prefix"
  exit 0
fi
if [ -f "$prefix/.complete" ]; then
  say "cached: $prefix (${sources[*]})"
  echo "$prefix"
  exit 0
fi

work="$cache/work-$key"
# Builds under another key (older sources, compiler or script) are not used again.
find "$cache" -mindepth 1 -maxdepth 1 -not -name "$key" -not -name "work-$key" -exec rm -rf {} + 2>/dev/null || true
rm -rf "$work" "$prefix"
mkdir -p "$work" "$prefix/include" "$prefix/lib"
cd "$work"
jobs=$(nproc 2>/dev/null || echo 2)

fetch() {  # fetch SOURCE VERSION DIR: the unpacked, patched source package
  local name=$1 version=$2 dir=$3
  if ! apt-get source --download-only -q "$name=$version" >"fetch-$name.log" 2>&1; then
    cat "fetch-$name.log" >&2
    say "apt-get source $name=$version failed: the machine needs deb-src lines for its archive (scripts/install-deps.sh test adds them as root)"
    exit 1
  fi
  dpkg-source -x ./"${name}_${version#*:}.dsc" "$dir" >"unpack-$name.log" 2>&1 || {
    cat "unpack-$name.log" >&2
    exit 1
  }
}

cmake_build() {  # cmake_build DIR OPTIONS...: configure, build and install a CMake project
  local dir=$1
  shift
  cmake -S "$dir" -B "$dir/build-windows" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_TOOLCHAIN_FILE="$here/windows-toolchain.cmake" -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DBUILD_SHARED_LIBS=OFF "$@" >"$dir.configure.log" 2>&1 || { cat "$dir.configure.log" >&2; exit 1; }
  cmake --build "$dir/build-windows" -j "$jobs" >"$dir.build.log" 2>&1 || { tail -50 "$dir.build.log" >&2; exit 1; }
  cmake --install "$dir/build-windows" >"$dir.install.log" 2>&1 || { cat "$dir.install.log" >&2; exit 1; }
}

read -r name version <<<"${sources[0]}"
say "yaml-cpp: $name $version"
fetch "$name" "$version" yaml-cpp
cmake_build yaml-cpp -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF \
  -DYAML_BUILD_SHARED_LIBS=OFF

read -r name version <<<"${sources[1]}"
say "RE2: $name $version"
fetch "$name" "$version" re2
# Debian's source leaves out RE2's generated tables; they are made as Debian's build makes them,
# from the Unicode data of the unicode-data package (python3-six, perl).
PATH=/usr/bin:$PATH make -C re2 REBUILD_TABLES=1 re2/perl_groups.cc re2/unicode_casefold.cc \
  re2/unicode_groups.cc >re2.tables.log 2>&1 || { cat re2.tables.log >&2; say "RE2's tables: needs unicode-data and python3-six"; exit 1; }
cmake_build re2 -DRE2_BUILD_TESTING=OFF

read -r name version <<<"${sources[2]}"
say "simdjson: $name $version"
fetch "$name" "$version" simdjson
cmake_build simdjson -DSIMDJSON_DEVELOPER_MODE=OFF -DSIMDJSON_ENABLE_THREADS=ON

# The header-only libraries, as installed: Boost's headers are those of the same source package
# as the Boost.Filesystem sources below (libboost1.74-dev).
for h in boost tao range meta concepts std CLI fmt; do
  [ -e "/usr/include/$h" ] || { say "/usr/include/$h missing (scripts/install-deps.sh test installs it)"; exit 1; }
  ln -s "/usr/include/$h" "$prefix/include/$h"
done

# Boost.Filesystem: its sources compiled as Boost's own build does, into one static library.
read -r name version <<<"${sources[3]}"
say "Boost.Filesystem: $name $version"
fetch "$name" "$version" boost
mkdir -p boost-filesystem
for f in boost/libs/filesystem/src/*.cpp; do
  "$cxx" -std=c++20 -O2 -D_WIN32_WINNT=0x0601 -DBOOST_FILESYSTEM_SOURCE -DBOOST_FILESYSTEM_STATIC_LINK=1 \
    -DBOOST_ALL_NO_LIB -isystem "$prefix/include" -c "$f" -o "boost-filesystem/$(basename "${f%.cpp}").o" &
  while [ "$(jobs -r | wc -l)" -ge "$jobs" ]; do wait -n; done
done
status=0
for _ in $(jobs -p); do wait -n || status=1; done
[ $status -eq 0 ] || { say "Boost.Filesystem did not compile"; exit 1; }
x86_64-w64-mingw32-ar rcs "$prefix/lib/libboost_filesystem.a" boost-filesystem/*.o

printf '%s\n' "${sources[@]}" >"$prefix/.complete"
rm -rf "$work"
say "built: $prefix"
echo "$prefix"
