#!/usr/bin/python3
# tests/cli: the plans kept in the repository are `tekigo plan` of their policies — the plan
# collect.sh falls back to (collectors/scripts/plan.json, of the shipped policy) and the test
# plans of tests/collectors/plans/. Fails, with the command that regenerates the file, when a
# policy changed and its plan was not written again.
#   plan_bundled.py TEKIGO SOURCE_DIR
import difflib
import os
import subprocess
import sys

PLANS = [  # (policy, plan), relative to the source folder
    ("policies/gan-touroku-online.tkg", "collectors/scripts/plan.json"),
    ("tests/collectors/plans/three-names.tkg", "tests/collectors/plans/three-names.json"),
]


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} TEKIGO SOURCE_DIR", file=sys.stderr)
        return 2
    tekigo, src = os.path.abspath(argv[1]), argv[2]
    failed = 0
    for policy, plan in PLANS:
        p = subprocess.run([tekigo, "plan", policy], cwd=src, capture_output=True, timeout=60)
        if p.returncode != 0:
            failed += 1
            print(f"FAIL tekigo plan {policy}: exit {p.returncode}\n{p.stderr.decode('utf-8', 'replace')}")
            continue
        try:
            with open(os.path.join(src, plan), "rb") as f:
                kept = f.read()
        except OSError as e:
            kept = None
            print(f"FAIL {plan}: {e}")
        if kept != p.stdout:
            failed += 1
            diff = difflib.unified_diff(
                (kept or b"").decode("utf-8", "replace").splitlines(keepends=True),
                p.stdout.decode("utf-8", "replace").splitlines(keepends=True),
                fromfile=plan, tofile=f"tekigo plan {policy}")
            print(f"FAIL {plan} is not `tekigo plan {policy}`; regenerate it (from the source "
                  f"folder): build/cli/tekigo plan {policy} -o {plan}\n{''.join(diff)}")
        else:
            print(f"ok   {plan} = tekigo plan {policy}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
