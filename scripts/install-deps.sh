#!/usr/bin/env bash
# Installs the Debian 12 packages tekigo needs, when missing (idempotent; root or sudo).
#
# Usage: scripts/install-deps.sh [run|package|test] [--list]
#   run     (the default) what building and running the `tekigo` command needs: the compiler,
#           CMake, Ninja and the libraries it links. Configure with -DTEKIGO_BUILD_TESTS=OFF.
#   package run's packages and what `cpack -G DEB` needs (dpkg-shlibdeps, file).
#   test    package's packages, and everything the test suite and the benchmarks use (Catch2,
#           Python, real servers, Chromium, mingw-w64 and Wine…).
#   --list  print the packages of that group, one a line, each marked `installed` or `missing`,
#           and install nothing (needs neither root nor the network). `test` also installs
#           PowerShell and Pester from NuGet: scripts/install-test-tools.sh --list lists those.
# With no group, `run`: the smaller install is the one nobody is surprised by; the test command
# of README.md and .ci/run names `test`.
set -euo pipefail

usage() {
  echo "usage: scripts/install-deps.sh [run|package|test] [--list]" >&2
  exit 2
}

group=""
list=0
for arg in "$@"; do
  case "$arg" in
    run | package | test)
      [ -z "$group" ] || usage
      group="$arg"
      ;;
    --list) list=1 ;;
    -h | --help)
      sed -n '2,15s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *)
      echo "install-deps: unknown argument \`$arg\`" >&2
      usage
      ;;
  esac
done
group="${group:-run}"

# ---- run: building and running `tekigo` -----------------------------------------------------
run_packages=(
  g++ cmake ninja-build pkg-config
  # the libraries tekigo is built from (CMakeLists.txt's find_package lines)
  tao-pegtl-dev libyaml-cpp-dev libboost-dev libboost-filesystem-dev
  librange-v3-dev libfmt-dev libcli11-dev libsimdjson-dev libre2-dev
)

# ---- package: cpack -G DEB, on top of run ---------------------------------------------------
package_packages=(
  # the .deb's Depends come from dpkg-shlibdeps (dpkg-dev), which CPack gives the ELF files it
  # finds with file(1) (scripts/tekigo_package.cmake)
  dpkg-dev file
)

# ---- test: the test suite, on top of package ------------------------------------------------
test_packages=(
  # the unit tests (Catch2 2), the command-line and golden tests (Python), clang-format for
  # the format check, shellcheck for the scripts, the dump schema (python3-jsonschema)
  catch2 python3 python3-jsonschema python3-yaml clang-format shellcheck
  # probe tests (tests/probes/run_probe_tests.sh): servers in a network namespace. Installing
  # strongswan-charon starts no service here (no systemd, no runlevel); the tests run their own
  # charon with their own config.
  iproute2 nftables dnsmasq-base openssl
  strongswan-charon strongswan-swanctl libstrongswan-standard-plugins
  # report tests (tests/reports/): JUnit XML against junit.xsd, the SARIF object model, GitHub's
  # Markdown renderer, and the html report in headless Chromium with Japanese fonts.
  libxml2-utils python3-sarif-python-om cmark-gfm chromium fonts-noto-cjk
  # Windows build check (tests/collectors/windows_cross_compile.sh, docs/collectors.md): the
  # mingw-w64 cross compiler (posix threads: GCC 12's win32 flavour has no std::thread), and Wine
  # to run the cross-compiled probe program (tests/collectors/windows_wine_smoke.sh)
  g++-mingw-w64-x86-64-posix wine64
  # tekigo.exe (scripts/build-windows-deps.sh): RE2's generated tables are made from Debian's
  # Unicode data, as Debian's own build makes them (its sources come by `apt-get source`: the
  # deb-src lines are added below)
  unicode-data python3-six
  # fuzz targets (tests/fuzz, docs/fuzzing.md): clang and its libFuzzer runtime, for the fuzz
  # build that the ctest `fuzz/clang` makes
  clang-14 libclang-rt-14-dev
  # benchmarks (bench/, docs/performance.md): Google Benchmark; jq for the jq comparison and
  # hyperfine for the timings of bench/run_bench.sh
  libbenchmark-dev jq hyperfine
)

packages=("${run_packages[@]}")
[ "$group" = run ] || packages+=("${package_packages[@]}")
[ "$group" != test ] || packages+=("${test_packages[@]}")

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}

if [ "$list" -eq 1 ]; then
  for p in "${packages[@]}"; do
    if installed "$p"; then echo "$p installed"; else echo "$p missing"; fi
  done
  exit 0
fi

missing=()
for p in "${packages[@]}"; do
  installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages for \`$group\` present"
else
  echo "install-deps ($group): installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# tekigo.exe is cross-built from Debian's source packages (scripts/build-windows-deps.sh,
# `apt-get source`): deb-src lines for the archive the machine installs from, when it has none.
ensure_deb_src() {
  [ -z "$(apt-cache showsrc re2 2>/dev/null | head -1)" ] || return 0
  local sudo="" target
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    target=/etc/apt/sources.list.d/tekigo-deb-src.sources
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $sudo tee "$target" >/dev/null
  elif grep -q '^deb ' /etc/apt/sources.list 2>/dev/null; then
    target=/etc/apt/sources.list.d/tekigo-deb-src.list
    sed -n 's/^deb /deb-src /p' /etc/apt/sources.list | $sudo tee "$target" >/dev/null
  else
    echo "install-deps: no Debian archive in /etc/apt to add deb-src lines for; tekigo.exe will not build" >&2
    return 0
  fi
  echo "install-deps: added $target (the source packages tekigo.exe is cross-built from)"
  $sudo apt-get update -qq
}
[ "$group" != test ] || ensure_deb_src
# The test tools Debian has no package of (PowerShell and Pester, from NuGet): their own script,
# with its own --list.
[ "$group" != test ] || bash "$(dirname "$0")/install-test-tools.sh"
