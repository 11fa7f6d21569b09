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
import difflib
import json
import os
import pathlib
import subprocess
import sys

FILES = ("old.tkg", "new.tkg", "expected.txt", "expected.md", "expected.json")


def run(tekigo, case, fmt):
    args = [tekigo, "diff", "old.tkg", "new.tkg", "--color", "never", "--format", fmt]
    return subprocess.run(args, cwd=case, capture_output=True, text=True, timeout=60)


def compare(name, case, file, actual, update):
    expected = (case / file).read_text(encoding="utf-8")
    if actual == expected:
        return 0
    if update:
        (case / file).write_text(actual, encoding="utf-8")
        print(f"{name}: {file} rewritten")
        return 0
    print(f"{name}: {file} differs (-expected +actual)")
    sys.stdout.writelines(difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True), file, "actual", n=1))
    return 1


def check(tekigo, root, name, update):
    case = root / name
    missing = [f for f in FILES if not (case / f).exists()]
    if missing:
        print(f"{name}: no {', '.join(missing)} (every case folder needs {', '.join(FILES)}; "
              "start with empty expected files and TEKIGO_UPDATE_GOLDEN=1)")
        return 1
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
    failed += compare(name, case, "expected.txt",
                      text.stdout + text.stderr + f"exit {text.returncode}\n", update)
    failed += compare(name, case, "expected.md", md.stdout, update)
    failed += compare(name, case, "expected.json", js.stdout, update)
    if not failed:
        print(f"{name}: ok")
    return 1 if failed else 0


def main():
    tekigo = os.path.abspath(sys.argv[1])
    root = pathlib.Path(sys.argv[2])
    names = sys.argv[3:] or sorted(p.name for p in root.iterdir() if p.is_dir())
    update = os.environ.get("TEKIGO_UPDATE_GOLDEN") == "1"
    failed = sum(check(tekigo, root, name, update) for name in names)
    print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
