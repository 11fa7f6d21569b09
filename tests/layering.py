#!/usr/bin/env python3
"""The build's layering, checked: engine/ never includes PEGTL or dsl/ headers, and no
header outside dsl/ includes dsl's private grammar. usage: layering.py SOURCE_DIR"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
include = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
problems = []
checked = 0
for path in sorted((root / "engine").glob("*.[ch]pp")):
    checked += 1
    for target in include.findall(path.read_text(encoding="utf-8")):
        if target.startswith("tao/") or target.startswith("dsl/"):
            problems.append(f"{path.relative_to(root)}: includes {target}")
for path in sorted(root.glob("**/*.[ch]pp")):
    if "build" in path.parts[len(root.parts)] or path.parts[len(root.parts)] in ("dsl", "tests"):
        continue
    for target in include.findall(path.read_text(encoding="utf-8")):
        if target in ("dsl/grammar/grammar.hpp", "dsl/grammar/grammar_errors.hpp"):
            problems.append(f"{path.relative_to(root)}: includes dsl's private {target}")
for p in problems:
    print(p)
print(f"{checked} engine files checked: " + ("1 failed" if problems else "layering holds"))
sys.exit(1 if problems else 0)
