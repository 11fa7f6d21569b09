#!/usr/bin/env python3
"""Proves that the build refuses a forbidden include in one layer: compiles tiny files with
exactly the include directories CMake gives LAYER's own sources.

usage: compile_probe.py CXX LAYER LAYERS_JSON SOURCE_DIR WORK_DIR INCLUDE_DIR...

- allowed: one file including a header of LAYER and of each layer it depends on must compile
  (-fsyntax-only), so a refusal below is about the include and nothing else;
- forbidden: for every other layer of the table, a file including one of its headers must
  fail to compile, and the compiler must say that header was not found.
"""
import json
import pathlib
import subprocess
import sys


def main():
    cxx, layer, layers_json, source_dir, work = sys.argv[1:6]
    include_dirs = [d for d in sys.argv[6:] if d]
    layers = json.loads(pathlib.Path(layers_json).read_text(encoding="utf-8"))
    root = pathlib.Path(source_dir)
    work = pathlib.Path(work)
    work.mkdir(parents=True, exist_ok=True)

    def closure(name, seen=None):
        seen = set() if seen is None else seen
        for dep in layers[name]["deps"]:
            if dep not in seen:
                seen.add(dep)
                closure(dep, seen)
        return seen

    def a_header(name):
        folder = root / layers[name]["folder"]
        headers = sorted(folder.rglob("*.hpp") if layers[name].get("recurse") else folder.glob("*.hpp"))
        return str(headers[0].relative_to(root)) if headers else None

    def compile_text(name, text):
        path = work / f"{layer}-{name}.cpp"
        path.write_text(text, encoding="utf-8")
        cmd = [cxx, "-std=c++20", "-fsyntax-only"] + [f"-I{d}" for d in include_dirs] + [str(path)]
        return subprocess.run(cmd, capture_output=True, text=True)

    visible = closure(layer) | {layer}
    allowed = [h for h in (a_header(n) for n in sorted(visible)) if h]
    result = compile_text("allowed", "".join(f'#include "{h}"\n' for h in allowed))
    if result.returncode != 0:
        print(f"{layer}: its own and its dependencies' headers do not compile:\n{result.stderr}")
        return 1
    print(f"{layer}: compiles with {', '.join(allowed)}")

    failures = 0
    forbidden = sorted(set(layers) - visible)
    for other in forbidden:
        header = a_header(other)
        if not header:
            continue
        result = compile_text(other, f'#include "{header}"\n')
        if result.returncode == 0:
            print(f"{layer}: FORBIDDEN include of {header} ({other}) compiled")
            failures += 1
        elif header not in result.stderr or "No such file" not in result.stderr:
            print(f"{layer}: the include of {header} failed, but not for want of the header:\n"
                  f"{result.stderr}")
            failures += 1
        else:
            print(f"{layer}: refuses {header} ({other})")
    print(f"{layer}: {len(forbidden) - failures} of {len(forbidden)} forbidden layers refused")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
