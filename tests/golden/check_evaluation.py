#!/usr/bin/env python3
"""Golden evaluation cases: one folder per case under tests/golden/evaluation/.

A case folder holds
  policy.tkg     a small policy (its first line is a comment saying what the case shows)
  dump.json      one terminal's facts
  facts.yaml     optional: merged into the dump with --facts (an attestation)
  as_of          optional: the check date, one line YYYY-MM-DD (--as-of); without it the
                 check is dated DEFAULT_AS_OF, never the clock, so that no case changes with
                 the day it runs
  expected.txt   exactly what `tekigo check` prints as a verbose text report with every
                 rule's evidence, then the line "exit N"
The check runs in the case folder with relative names, so expected.txt does not depend on
where the repository is. With TEKIGO_UPDATE_GOLDEN=1 the expected.txt files are rewritten:
review the diff before committing.

usage: check_evaluation.py TEKIGO CASES_DIR [CASE...]
"""
import difflib
import os
import pathlib
import subprocess
import sys

DEFAULT_AS_OF = "2026-06-01"


def render(tekigo, case):
    args = [tekigo, "check", "policy.tkg", "dump.json", "--color", "never", "-v",
            "--show-passing-evidence"]
    if (case / "facts.yaml").exists():
        args += ["--facts", "facts.yaml"]
    as_of = case / "as_of"
    args += ["--as-of", as_of.read_text(encoding="utf-8").strip() if as_of.exists() else DEFAULT_AS_OF]
    run = subprocess.run(args, cwd=case, capture_output=True, text=True, timeout=60)
    return run.stdout + run.stderr + f"exit {run.returncode}\n"


def main():
    tekigo = os.path.abspath(sys.argv[1])
    root = pathlib.Path(sys.argv[2])
    names = sys.argv[3:] or sorted(p.name for p in root.iterdir() if p.is_dir())
    update = os.environ.get("TEKIGO_UPDATE_GOLDEN") == "1"
    failed = 0
    for name in names:
        case = root / name
        for required in ("policy.tkg", "dump.json", "expected.txt"):
            if not (case / required).exists():
                print(f"{name}: no {required} (every case folder needs policy.tkg, dump.json and "
                      "expected.txt; start with an empty expected.txt and TEKIGO_UPDATE_GOLDEN=1)")
                failed += 1
                break
        else:
            actual = render(tekigo, case)
            expected = (case / "expected.txt").read_text(encoding="utf-8")
            if actual == expected:
                print(f"{name}: ok")
            elif update:
                (case / "expected.txt").write_text(actual, encoding="utf-8")
                print(f"{name}: expected.txt rewritten")
            else:
                failed += 1
                print(f"{name}: differs (-expected +actual)")
                sys.stdout.writelines(difflib.unified_diff(
                    expected.splitlines(True), actual.splitlines(True), "expected.txt", "actual", n=1))
    print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
