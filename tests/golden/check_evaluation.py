#!/usr/bin/env python3
"""Golden evaluation cases: one folder per case under tests/golden/evaluation/.

A case folder holds
  policy.tkg     a small policy (its first line is a comment saying what the case shows)
  dump.json      one terminal's facts
  facts.yaml     optional: merged into the dump with --facts (an attestation)
  lang           optional: en or ja, one line (--lang)
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
import subprocess
import sys

import golden_files

DEFAULT_AS_OF = "2026-06-01"


def render(tekigo, case):
    args = [tekigo, "check", "policy.tkg", "dump.json", "--color", "never", "-v",
            "--show-passing-evidence"]
    if (case / "facts.yaml").exists():
        args += ["--facts", "facts.yaml"]
    lang = case / "lang"
    if lang.exists():
        args += ["--lang", lang.read_text(encoding="utf-8").strip()]
    as_of = case / "as_of"
    args += ["--as-of", as_of.read_text(encoding="utf-8").strip() if as_of.exists() else DEFAULT_AS_OF]
    run = subprocess.run(args, cwd=case, capture_output=True, text=True, timeout=60)
    return run.stdout + run.stderr + f"exit {run.returncode}\n"


def check(tekigo, case, name):
    return golden_files.compare(name, case / "expected.txt", render(tekigo, case))


def main():
    return golden_files.run_folders(sys.argv, ("policy.tkg", "dump.json", "expected.txt"), check)


if __name__ == "__main__":
    sys.exit(main())
