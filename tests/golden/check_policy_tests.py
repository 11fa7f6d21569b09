#!/usr/bin/env python3
"""Golden cases of the commands that read a policy of their own and print a document:
`tekigo test` and `tekigo skeleton` (one folder per case under tests/golden/policy-tests/) and
`tekigo doc` (tests/golden/doc/, whose cases share the policy in doc/policy/).

A case folder holds
  cmd            the arguments after `tekigo`, on one line (`test policy.tkg --coverage`)
  policy.tkg     a small policy of its own (its first line is a comment saying what the case
                 shows), unless `cmd` names one elsewhere
  policy.tests/  the policy's test cases (docs/testing.md), when the command reads them
  expected.txt   exactly what the command prints on stdout, then on stderr, then "exit N"
The command runs in the case folder with relative names, so expected.txt does not depend on
where the repository is. With TEKIGO_UPDATE_GOLDEN=1 the expected.txt files are rewritten:
review the diff before committing.

usage: check_policy_tests.py TEKIGO CASES_DIR [CASE...]
"""
import os
import shlex
import subprocess
import sys

import golden_files


def render(tekigo, case):
    args = [tekigo] + shlex.split((case / "cmd").read_text(encoding="utf-8"))
    env = dict(os.environ, NO_COLOR="1")
    run = subprocess.run(args, cwd=case, capture_output=True, text=True, timeout=60, env=env)
    return run.stdout + run.stderr + f"exit {run.returncode}\n"


def check(tekigo, case, name):
    return golden_files.compare(name, case / "expected.txt", render(tekigo, case))


def main():
    return golden_files.run_folders(sys.argv, ("cmd", "expected.txt"), check)


if __name__ == "__main__":
    sys.exit(main())
