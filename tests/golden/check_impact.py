#!/usr/bin/env python3
"""Golden impact cases: `tekigo impact` on the small fleet of tests/golden/impact/.

The folder holds two revisions of a small policy (old.tkg, new.tkg: Windows 11 accepted, a rule
removed, the VPN client renamed, a new name and flow no dump has collected), four dumps under
dumps/, the same four as JSON Lines (fleet.jsonl), and bad/ (a dump that cannot be read, an
OLD that does not compile). Each case below is one run; expected/<case>.txt is exactly what it
prints on stdout, then on stderr, then the line "exit N". The runs happen in the folder with
relative names, so nothing depends on where the repository is. With TEKIGO_UPDATE_GOLDEN=1 the
expected files are rewritten: review the diff before committing.

usage: check_impact.py TEKIGO IMPACT_DIR [CASE...]
"""
import os
import pathlib
import subprocess
import sys

import golden_files

AS_OF = ["--as-of", "2025-06-01"]
# case: (arguments after `tekigo impact`, file given on stdin or None)
CASES = {
    "text": (["old.tkg", "new.tkg", "dumps", *AS_OF], None),
    "markdown": (["old.tkg", "new.tkg", "dumps", *AS_OF, "--format", "markdown"], None),
    "json": (["old.tkg", "new.tkg", "dumps", *AS_OF, "--format", "json"], None),
    "html": (["old.tkg", "new.tkg", "dumps", *AS_OF, "--format", "html"], None),
    "text-ja": (["old.tkg", "new.tkg", "dumps", *AS_OF, "--lang", "ja"], None),
    "json-lines": (["old.tkg", "new.tkg", "fleet.jsonl", *AS_OF, "--format", "json"], None),
    "stdin": (["old.tkg", "new.tkg", "-", *AS_OF, "--jobs", "1"], "fleet.jsonl"),
    "no-change": (["old.tkg", "old.tkg", "dumps", *AS_OF], None),
    "quiet": (["old.tkg", "new.tkg", "dumps", *AS_OF, "--quiet"], None),
    "unreadable-dump": (["old.tkg", "new.tkg", "dumps/win10-anyconnect.json", "bad/truncated.json",
                         *AS_OF], None),
    "old-does-not-compile": (["bad/broken.tkg", "new.tkg", "dumps", *AS_OF], None),
    "missing-dumps": (["old.tkg", "new.tkg", "nowhere", *AS_OF], None),
    "bad-as-of": (["old.tkg", "new.tkg", "dumps", "--as-of", "2025-13-01"], None),
}


def render(tekigo, root, case):
    args, stdin = CASES[case]
    with open(root / stdin, "rb") if stdin else open(os.devnull, "rb") as given:
        run = subprocess.run([tekigo, "impact", *args], cwd=root, stdin=given, capture_output=True,
                             timeout=60, env={**os.environ, "NO_COLOR": "1"})
    return (run.stdout.decode("utf-8") + run.stderr.decode("utf-8") +
            f"exit {run.returncode}\n")


def main():
    tekigo = os.path.abspath(sys.argv[1])
    root = pathlib.Path(sys.argv[2])
    names = sys.argv[3:] or sorted(CASES)
    failed = 0
    for name in names:
        if name not in CASES:
            print(f"{name}: no such case")
            failed += 1
        elif golden_files.compare(name, root / "expected" / f"{name}.txt",
                                  render(tekigo, root, name), f"expected/{name}.txt"):
            failed += 1
        else:
            print(f"{name}: ok")
    print(f"{len(names) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
