#!/usr/bin/env python3
"""Golden diff cases: one folder per case under tests/golden/diff/.

A case folder holds
  old.tkg        the earlier revision (its first line is a comment saying what the case shows)
  new.tkg        the later revision
  expected.txt   exactly what `tekigo diff old.tkg new.tkg --color never` prints (stdout, then
                 stderr), then the line "exit N"
  expected.md    exactly what `--format markdown` prints on stdout
  expected.json  exactly what `--format json` prints on stdout
The diff runs in the case folder with relative names, so nothing depends on where the
repository is. Every format must give the same exit code; the JSON must parse, name its schema
and say `changed` exactly when the exit code is 1. With TEKIGO_UPDATE_GOLDEN=1 the expected
files are rewritten: review the diff before committing.

usage: check_diff.py TEKIGO CASES_DIR [CASE...]
"""
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import golden_files  # noqa: E402

FILES = ("old.tkg", "new.tkg", "expected.txt", "expected.md", "expected.json")


def run(tekigo, case, fmt):
    args = [tekigo, "diff", "old.tkg", "new.tkg", "--color", "never", "--format", fmt]
    return subprocess.run(args, cwd=case, capture_output=True, text=True, timeout=60)


def check(tekigo, case, name):
    text, md, js = (run(tekigo, case, f) for f in ("text", "markdown", "json"))
    failed = 0
    codes = {text.returncode, md.returncode, js.returncode}
    if len(codes) != 1:
        print(f"{name}: the formats disagree on the exit code: text {text.returncode}, "
              f"markdown {md.returncode}, json {js.returncode}")
        failed += 1
    if js.returncode in (0, 1):
        try:
            doc = json.loads(js.stdout)
            if doc.get("schema") != "tekigo.diff/1" or doc.get("changed") != (js.returncode == 1):
                print(f"{name}: the json's schema or `changed` does not match exit {js.returncode}")
                failed += 1
        except json.JSONDecodeError as e:
            print(f"{name}: the json does not parse: {e}")
            failed += 1
    elif js.stdout:
        print(f"{name}: exit {js.returncode} but something on stdout")
        failed += 1
    failed += golden_files.compare(name, case / "expected.txt",
                                   text.stdout + text.stderr + f"exit {text.returncode}\n")
    failed += golden_files.compare(name, case / "expected.md", md.stdout)
    failed += golden_files.compare(name, case / "expected.json", js.stdout)
    return failed


def main():
    return golden_files.run_folders(sys.argv, FILES, check)


if __name__ == "__main__":
    sys.exit(main())
