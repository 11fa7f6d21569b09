#!/usr/bin/env bash
# Installs the test tools that are not Debian packages, from NuGet (scripts/install-deps.sh test
# calls it): PowerShell 7.6.9 (a .NET tool) and the Pester test framework 5.7.1, which the
# tests of collectors/scripts/collect.ps1 run with (tests/collectors/scripts/). Idempotent;
# needs the .NET SDK (`dotnet`) and a NuGet source, not root.
#
# Usage: scripts/install-test-tools.sh [--list] [--where]
#   --list   print each tool, its version and `installed` or `missing`; install nothing
#   --where  print the folder the tools are (or would be) installed in
# The folder: $TEKIGO_TEST_TOOLS, else ${XDG_CACHE_HOME:-~/.cache}/tekigo-test-tools. The tests
# look there (tests/collectors/scripts/check_ps51.py). Without dotnet, or when NuGet refuses, it
# says so and exits 0: the PowerShell tests then skip with that reason, the rest still runs.
set -euo pipefail

pwsh_version=7.6.9
pester_version=5.7.1
tools="${TEKIGO_TEST_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/tekigo-test-tools}"
pwsh="$tools/pwsh/pwsh"
pester="$tools/nuget/pester/$pester_version/tools/Pester.psd1"

list=0
for arg in "$@"; do
  case "$arg" in
    --list) list=1 ;;
    --where)
      echo "$tools"
      exit 0
      ;;
    -h | --help)
      sed -n '2,12s/^# \{0,1\}//p' "$0"
      exit 0
      ;;
    *)
      echo "install-test-tools: unknown argument \`$arg\`" >&2
      exit 2
      ;;
  esac
done

# PowerShell prints "PowerShell 7.6.9" for -Version; anything else (another version, a broken
# install) is missing.
have_pwsh() { [ -x "$pwsh" ] && [ "$("$pwsh" -NoLogo -NoProfile -Version 2>/dev/null)" = "PowerShell $pwsh_version" ]; }
have_pester() { [ -f "$pester" ]; }

if [ "$list" -eq 1 ]; then
  if have_pwsh; then echo "PowerShell $pwsh_version installed"; else echo "PowerShell $pwsh_version missing"; fi
  if have_pester; then echo "Pester $pester_version installed"; else echo "Pester $pester_version missing"; fi
  exit 0
fi

if have_pwsh && have_pester; then
  echo "install-test-tools: PowerShell $pwsh_version and Pester $pester_version present in $tools"
  exit 0
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "install-test-tools: dotnet (the .NET SDK) not found: PowerShell and Pester not installed," \
    "the PowerShell tests will skip" >&2
  exit 0
fi
mkdir -p "$tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if ! have_pwsh; then
  rm -rf "$tools/pwsh"
  echo "install-test-tools: PowerShell $pwsh_version (dotnet tool) into $tools/pwsh"
  dotnet tool install --tool-path "$tools/pwsh" PowerShell --version "$pwsh_version" >&2 ||
    echo "install-test-tools: PowerShell $pwsh_version could not be installed (above)" >&2
fi
if ! have_pester; then
  # Pester is a NuGet package of PowerShell files: a restore of a project that only downloads
  # it puts it, unpacked, under the packages folder. Nothing is built.
  echo "install-test-tools: Pester $pester_version (NuGet) into $tools/nuget"
  project="$(mktemp -d)"
  trap 'rm -rf "$project"' EXIT
  cat >"$project/download.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>netstandard2.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="Pester" Version="[$pester_version]" /></ItemGroup>
</Project>
EOF
  dotnet restore "$project/download.csproj" --packages "$tools/nuget" >&2 ||
    echo "install-test-tools: Pester $pester_version could not be installed (above)" >&2
fi
have_pwsh && echo "install-test-tools: $pwsh"
have_pester && echo "install-test-tools: $pester"
exit 0
