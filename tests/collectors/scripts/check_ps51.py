#!/usr/bin/env python3
"""collect.ps1 against Windows PowerShell 5.1 (the ctest collectors/scripts/ps51-compat).

  check_ps51.py SOURCE_DIR

Runs tests/collectors/scripts/ps51_compat.ps1 under PowerShell 7 (installed by
scripts/install-test-tools.sh):
  - on collectors/scripts/collect.ps1: it parses with no error and nothing 5.1 lacks is found;
  - on the fixtures ps7-only.ps1 and using-after-code.ps1: exactly the rules their
    `# expect: RULE…` comments name are found, on those lines, so that the check can fail;
  - every rule it reports is listed in docs/collectors.md (the table of what 5.1 lacks and why).
Exit 77 (skipped) when PowerShell 7 cannot be found, with the reason.
"""
import collections
import os
import re
import subprocess
import sys

from powershell_tools import find_pwsh, skip_reason

SRC = os.path.abspath(sys.argv[1])
HERE = os.path.join(SRC, "tests", "collectors", "scripts")
CHECK = os.path.join(HERE, "ps51_compat.ps1")
failures = []


def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run_check(pwsh, *paths):
    r = subprocess.run([pwsh, "-NoLogo", "-NoProfile", "-NonInteractive", "-File", CHECK, *paths],
                       capture_output=True, text=True, timeout=300)
    found = []
    for line in r.stdout.splitlines():
        m = re.match(r"^(.*):(\d+):(\d+): ([a-z-]+): ", line)
        if m:
            found.append((os.path.basename(m.group(1)), int(m.group(2)), m.group(4)))
    return r, found


def expected_in(path):
    want = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            m = re.search(r"# expect: ([a-z -]+)$", line.rstrip("\n"))
            if m:
                want += [(os.path.basename(path), number, rule) for rule in m.group(1).split()]
    return want


def main():
    pwsh, version = find_pwsh(SRC)
    if not pwsh:
        print(skip_reason(version))
        return 77
    print(f"using {pwsh} ({version})")

    r, found = run_check(pwsh, os.path.join(SRC, "collectors", "scripts", "collect.ps1"))
    expect(r.returncode == 0 and found == [] and r.stdout.strip().endswith("0 findings"),
           f"collect.ps1 parses and uses nothing 5.1 lacks:\n{r.stdout}{r.stderr}")

    fixtures = [os.path.join(HERE, "ps7-only.ps1"), os.path.join(HERE, "using-after-code.ps1")]
    r, found = run_check(pwsh, *fixtures)
    want = [w for f in fixtures for w in expected_in(f)]
    missing = collections.Counter(want) - collections.Counter(found)
    extra = collections.Counter(found) - collections.Counter(want)
    expect(len(want) >= 20, f"the fixtures mark their constructs ({len(want)})")
    expect(not missing, f"every marked construct is found; missed: {sorted(missing.elements())}")
    expect(not extra, f"nothing else is found (5.1's own forms pass): {sorted(extra.elements())}")
    expect(r.returncode == 1, f"findings exit 1: {r.returncode} {r.stderr}")

    r, _ = run_check(pwsh, os.path.join(HERE, "no-such-script.ps1"))
    expect(r.returncode == 2 and "no-such-script.ps1: no such file" in r.stderr,
           f"an unreadable script exits 2 and is named: {r.returncode} {r.stderr}")

    with open(os.path.join(SRC, "docs", "collectors.md"), encoding="utf-8") as f:
        docs = f.read()
    rules = sorted({rule for _, _, rule in want})
    undocumented = [rule for rule in rules if f"`{rule}`" not in docs]
    expect(not undocumented, f"docs/collectors.md lists every rule: lacks {undocumented}")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
