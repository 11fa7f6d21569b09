"""What every golden checker of tests/golden/ shares: comparing what a command printed with the
expected file of its case (rewriting it under TEKIGO_UPDATE_GOLDEN=1), and the run over the
case folders with its summary line. Each checker keeps only how it renders a case.
"""
import difflib
import os
import pathlib
import sys


def updating():
    return os.environ.get("TEKIGO_UPDATE_GOLDEN") == "1"


def compare(name, path, actual, shown=None):
    """0 when `actual` is the text of `path` (or `path` was rewritten to it), 1 with a unified
    diff on stdout otherwise. `shown` names the file in messages (default: its name)."""
    path = pathlib.Path(path)
    shown = shown or path.name
    expected = path.read_text(encoding="utf-8") if path.exists() else ""
    if actual == expected:
        return 0
    if updating():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        print(f"{name}: {shown} rewritten")
        return 0
    print(f"{name}: {shown} differs (-expected +actual)")
    sys.stdout.writelines(difflib.unified_diff(
        expected.splitlines(True), actual.splitlines(True), shown, "actual", n=1))
    return 1


def run_folders(argv, required, check):
    """`argv` is TEKIGO CASES_DIR [CASE...]: every case folder (or those named) must hold the
    files `required`; check(tekigo, case_dir, name) returns how many of its comparisons
    failed. Prints `name: ok` per passing case and the summary; returns the exit code."""
    tekigo = os.path.abspath(argv[1])
    root = pathlib.Path(argv[2])
    names = argv[3:] or sorted(p.name for p in root.iterdir() if p.is_dir())
    failed = 0
    for name in names:
        case = root / name
        missing = [f for f in required if not (case / f).exists()]
        if missing:
            print(f"{name}: no {', '.join(missing)} (every case folder needs "
                  f"{', '.join(required)}; start with empty expected files and "
                  "TEKIGO_UPDATE_GOLDEN=1)")
            failed += 1
            continue
        if check(tekigo, case, name):
            failed += 1
        else:
            print(f"{name}: ok")
    print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0
