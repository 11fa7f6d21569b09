#!/usr/bin/env python3
"""`tekigo skeleton` on policies: the dump it writes is valid, and every rule passes on it.

For each policy: `tekigo skeleton POLICY -o DUMP`, then `tekigo check POLICY DUMP`, which
validates the dump against the fact contract and must exit 0 (every terminal passes); the
check's report must list no rule that does not pass (a warning would still exit 0).

usage: skeleton_passes.py TEKIGO POLICY...
"""
import json
import pathlib
import subprocess
import sys
import tempfile


def main():
    tekigo, policies = sys.argv[1], sys.argv[2:]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="tekigo-skeleton-") as tmp:
        for policy in policies:
            dump = pathlib.Path(tmp) / (pathlib.Path(policy).stem + ".json")
            made = subprocess.run([tekigo, "skeleton", policy, "-o", str(dump)],
                                  capture_output=True, text=True, timeout=60)
            if made.returncode != 0:
                print(f"{policy}: skeleton exited {made.returncode}\n{made.stderr}")
                failed += 1
                continue
            check = subprocess.run([tekigo, "check", "--format", "json", policy, str(dump)],
                                   capture_output=True, text=True, timeout=60)
            if check.returncode != 0:
                print(f"{policy}: check of the skeleton exited {check.returncode}\n{check.stderr}")
                failed += 1
                continue
            (result,) = json.loads(check.stdout)["results"]
            others = [f"{r['id']} {r['status']}: {r['message']}" for r in result["rules"]
                      if r["status"] != "pass"]
            if others:
                print(f"{policy}: on its skeleton, not every rule passes:\n  " + "\n  ".join(others))
                failed += 1
                continue
            print(f"{policy}: {len(result['rules'])} rules pass on its skeleton "
                  f"({made.stderr.strip()})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
