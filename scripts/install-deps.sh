#!/usr/bin/env bash
# Installs the Debian packages tekigo builds and tests with, when missing.
# Usage: scripts/install-deps.sh          (needs root or sudo; idempotent)
set -euo pipefail
packages=(
  g++ cmake ninja-build pkg-config clang-format
  tao-pegtl-dev libyaml-cpp-dev libboost-dev libboost-filesystem-dev
  librange-v3-dev catch2 libfmt-dev libcli11-dev libsimdjson-dev libre2-dev
  python3 python3-jsonschema python3-yaml shellcheck
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
  # benchmarks (bench/, docs/performance.md): Google Benchmark; jq for the jq comparison and
  # hyperfine for the timings of bench/run_bench.sh
  libbenchmark-dev jq hyperfine
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
