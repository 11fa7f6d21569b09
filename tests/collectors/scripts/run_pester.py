#!/usr/bin/env python3
"""The Pester suite of collect.ps1 (the ctest collectors/scripts/pester).

  run_pester.py SOURCE_DIR TEKIGO COLLECT_STEPS_AS

Runs collect.Tests.ps1 with Pester 5 under PowerShell 7 (both installed by
scripts/install-test-tools.sh), its results printed test by test; exits with the number of
failed tests (capped at 1), 77 (skipped) when PowerShell 7 or Pester cannot be found.
"""
import os
import subprocess
import sys

from powershell_tools import find_pester, find_pwsh, skip_reason

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    src, tekigo, steps_as = (os.path.abspath(a) for a in sys.argv[1:4])
    pwsh, version = find_pwsh(src)
    if not pwsh:
        print(skip_reason(version))
        return 77
    pester = find_pester(src)
    if not pester:
        print(skip_reason([], "Pester"))
        return 77
    print(f"using {pwsh} ({version}), {pester}")
    env = dict(os.environ, TEKIGO_SOURCE_DIR=src, TEKIGO_BIN=tekigo, TEKIGO_COLLECT_STEPS_AS=steps_as, TEKIGO_PWSH=pwsh,
               TEKIGO_PYTHON3=sys.executable)
    command = (
        f"$ErrorActionPreference = 'Stop'; Import-Module '{pester}'; "
        "$c = New-PesterConfiguration; "
        f"$c.Run.Path = '{os.path.join(HERE, 'collect.Tests.ps1')}'; "
        "$c.Run.Exit = $true; $c.Output.Verbosity = 'Detailed'; $c.Output.RenderMode = 'Plaintext'; "
        "Invoke-Pester -Configuration $c")
    r = subprocess.run([pwsh, "-NoLogo", "-NoProfile", "-NonInteractive", "-Command", command], env=env,
                       timeout=1500)
    return 1 if r.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
