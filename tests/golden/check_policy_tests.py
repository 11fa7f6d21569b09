#!/usr/bin/env python3
"""Golden cases of `tekigo test` and `tekigo skeleton`: one folder per case under
tests/golden/policy-tests/.

A case folder holds
  cmd            the arguments after `tekigo`, on one line (`test policy.tkg --coverage`)
  policy.tkg     a small policy of its own (its first line is a comment saying what the case shows)
  policy.tests/  the policy's test cases (docs/testing.md), when the command reads them
  expected.txt   exactly what the command prints on stdout, then on stderr, then "exit N"
The command runs in the case folder with relative names, so expected.txt does not depend on
where the repository is. With TEKIGO_UPDATE_GOLDEN=1 the expected.txt files are rewritten:
review the diff before committing.

usage: check_policy_tests.py TEKIGO CASES_DIR [CASE...]
"""
import difflib
import os
import pathlib
import shlex
import subprocess
import sys


def render(tekigo, case):
    args = [tekigo] + shlex.split((case / "cmd").read_text(encoding="utf-8"))
    env = dict(os.environ, NO_COLOR="1")
    run = subprocess.run(args, cwd=case, capture_output=True, text=True, timeout=60, env=env)
    return run.stdout + run.stderr + f"exit {run.returncode}\n"


def main():
    tekigo = os.path.abspath(sys.argv[1])
    root = pathlib.Path(sys.argv[2])
    names = sys.argv[3:] or sorted(p.name for p in root.iterdir() if p.is_dir())
    update = os.environ.get("TEKIGO_UPDATE_GOLDEN") == "1"
    failed = 0
    for name in names:
        case = root / name
        missing = [f for f in ("cmd", "policy.tkg", "expected.txt") if not (case / f).exists()]
        if missing:
            print(f"{name}: no {missing[0]} (every case folder needs cmd, policy.tkg and "
                  "expected.txt; start with an empty expected.txt and TEKIGO_UPDATE_GOLDEN=1)")
            failed += 1
            continue
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
