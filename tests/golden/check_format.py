#!/usr/bin/env python3
"""Golden format cases: one folder per case under tests/golden/format/.

A case folder holds
  input.tkg      a policy (its first line is a comment saying what the case shows)
and either
  expected.tkg   exactly what `tekigo fmt input.tkg` prints; the case also checks that
                 formatting expected.tkg changes nothing (`tekigo fmt --check`, exit 0, no
                 output) and that `--check input.tkg` exits 1 with a diff when they differ
or
  expected.txt   for input fmt must refuse: exactly what it prints on standard error, then
                 the line "exit N" (2), with nothing on standard output
The commands run in the case folder with relative names. With TEKIGO_UPDATE_GOLDEN=1 the
expected files are rewritten: review the diff before committing.

usage: check_format.py TEKIGO CASES_DIR [CASE...]
"""
import difflib
import os
import pathlib
import subprocess
import sys


def fmt(tekigo, case, *args):
    run = subprocess.run([tekigo, "fmt", "--color", "never", *args], cwd=case,
                         capture_output=True, timeout=60)
    return run.returncode, run.stdout.decode("utf-8"), run.stderr.decode("utf-8")


def check_case(tekigo, case, update):
    """Returns a list of problems (empty: the case passes)."""
    if not (case / "input.tkg").exists():
        return ["no input.tkg"]
    refuses = (case / "expected.txt").exists()
    expected_file = case / ("expected.txt" if refuses else "expected.tkg")
    if not expected_file.exists():
        return ["no expected.tkg or expected.txt (start with an empty one and "
                "TEKIGO_UPDATE_GOLDEN=1)"]
    code, out, err = fmt(tekigo, case, "input.tkg")
    actual = err + f"exit {code}\n" if refuses else out
    expected = expected_file.read_text(encoding="utf-8")
    problems = []
    if actual != expected:
        if update:
            expected_file.write_text(actual, encoding="utf-8")
            print(f"{case.name}: {expected_file.name} rewritten")
            expected = actual
        else:
            problems.append(f"differs from {expected_file.name} (-expected +actual):\n" + "".join(
                difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                     expected_file.name, "actual", n=2)))
    if refuses:
        if code != 2 or out:
            problems.append(f"fmt should refuse with exit 2 and no output, got exit {code}")
        return problems
    if code != 0 or err:
        problems.append(f"fmt input.tkg: exit {code}, stderr {err!r}")
    code, out, err = fmt(tekigo, case, "--check", "expected.tkg")
    if code != 0 or out or err:
        problems.append(f"expected.tkg is not formatted (not idempotent): exit {code}\n{out}{err}")
    source = (case / "input.tkg").read_text(encoding="utf-8")
    code, out, err = fmt(tekigo, case, "--check", "input.tkg")
    if source == expected:
        if code != 0 or out:
            problems.append(f"--check input.tkg on a formatted file: exit {code}\n{out}")
    elif code != 1 or not out.startswith("--- input.tkg\t(as written)\n+++ input.tkg\t(formatted)\n"):
        problems.append(f"--check input.tkg: expected exit 1 and a diff, got exit {code}\n{out}")
    return problems


def main():
    tekigo = os.path.abspath(sys.argv[1])
    root = pathlib.Path(sys.argv[2])
    names = sys.argv[3:] or sorted(p.name for p in root.iterdir() if p.is_dir())
    update = os.environ.get("TEKIGO_UPDATE_GOLDEN") == "1"
    failed = 0
    for name in names:
        problems = check_case(tekigo, root / name, update)
        if problems:
            failed += 1
            for p in problems:
                print(f"{name}: {p}")
        else:
            print(f"{name}: ok")
    print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
