#!/usr/bin/env python3
"""The shipped policy's 別表 (§3(3)) on real Programs-and-Features names.

Each entry of the corpus (tests/recordings/software-names/corpus.yaml) is one real display
name, with its publisher and version where the source gives them, and what the policy must make
of it: `allowed`, or the 別表 rules it must fail (and, under `unknown`, the rules that cannot
decide because the source gives no version). For each entry a dump is built in the project's
own dump format: the policy's skeleton (`tekigo skeleton`, every fact set to pass) with the
entry added to `software` — on Windows, or, with `os: macos`, on a supported Mac. All dumps go
through one `tekigo check --format json`, and every `conflict-*` rule of every terminal is
compared with the entry's expectation.

A rule that fails where the entry says `allowed` (or that the entry does not name) is a false
positive; a rule the entry names that does not fail is a false negative; a rule that comes out
`unknown` where the entry does not say so is an unknown. The counts are printed; the check
fails when any of them is not zero (`--report` only prints them, to measure another revision).

usage: real_names.py TEKIGO POLICY CORPUS [--report]
"""
import argparse
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

import yaml

# A supported Mac (§3(1) row 5) for the entries marked `os: macos`: only what differs from the
# skeleton's terminal. Windows-only lists are left out, as the macOS collector leaves them out.
MACOS = {
    "os": {"family": "macos", "name": "Mac OS X", "version": "10.14.6", "build": "18G103",
           "arch": "x86_64"},
    "browsers": [{"id": "chrome", "version": "87.0.4280.88"},
                 {"id": "safari", "version": "14.0.2"}],
}


def base_dump(tekigo, policy, tmp):
    path = pathlib.Path(tmp) / "skeleton.json"
    made = subprocess.run([tekigo, "skeleton", policy, "-o", str(path)], capture_output=True,
                          text=True, timeout=60)
    if made.returncode != 0:
        sys.exit(f"skeleton exited {made.returncode}\n{made.stderr}")
    base = json.loads(path.read_text(encoding="utf-8"))
    path.unlink()
    if base["os"]["family"] != "windows":
        sys.exit(f"the skeleton's terminal is {base['os']['family']}, not windows")
    return base


def dump_for(base, index, entry):
    dump = copy.deepcopy(base)
    dump["subject"] = f"real-names/{index:03d}"
    if entry.get("os") == "macos":
        dump.update(copy.deepcopy(MACOS))
        dump.get("network", {}).pop("layered_service_providers", None)
    program = {"name": entry["name"]}
    for key in ("version", "publisher"):
        if key in entry:
            program[key] = str(entry[key])
    dump["software"] = list(dump.get("software", [])) + [program]
    return dump


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tekigo")
    ap.add_argument("policy")
    ap.add_argument("corpus")
    ap.add_argument("--report", action="store_true", help="print the counts, never fail")
    args = ap.parse_args()
    corpus = yaml.safe_load(pathlib.Path(args.corpus).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="tekigo-real-names-") as tmp:
        base = base_dump(args.tekigo, args.policy, tmp)
        for i, entry in enumerate(corpus):
            path = pathlib.Path(tmp) / f"{i:03d}.json"
            path.write_text(json.dumps(dump_for(base, i, entry), ensure_ascii=False),
                            encoding="utf-8")
        run = subprocess.run([args.tekigo, "check", "--format", "json", args.policy, tmp],
                             capture_output=True, text=True, timeout=300)
    if run.returncode == 2:
        sys.exit(f"check exited 2\n{run.stderr}")
    results = {r["subject"]: r for r in json.loads(run.stdout)["results"]}
    counts = {"false positive": 0, "false negative": 0, "unknown": 0}
    problems = []
    for i, entry in enumerate(corpus):
        result = results[f"real-names/{i:03d}"]
        expected = set() if entry["expected"] == "allowed" else set(entry["expected"])
        may_be_unknown = set(entry.get("unknown", []))
        label = f"{entry['name']!r} ({entry.get('publisher', 'no publisher')}" + \
                (f", {entry['os']}" if "os" in entry else "") + ")"
        for rule in result["rules"]:
            rid, status = rule["id"], rule["status"]
            if not rid.startswith("conflict-"):
                continue
            if status == "fail" and rid not in expected:
                counts["false positive"] += 1
                problems.append(f"{label}: {rid} fails ({rule['message']}), expected "
                                f"{'allowed' if not expected else sorted(expected)}")
            elif rid in expected and status != "fail":
                counts["false negative"] += 1
                problems.append(f"{label}: {rid} is {status}, expected fail")
            elif status == "unknown" and rid not in may_be_unknown:
                counts["unknown"] += 1
                problems.append(f"{label}: {rid} is unknown ({rule['message']})")
    names = len(corpus)
    allowed = sum(1 for e in corpus if e["expected"] == "allowed")
    print(f"{names} names ({allowed} allowed, {names - allowed} conflicting): " +
          ", ".join(f"{n} {k}s" for k, n in counts.items()))
    for p in problems:
        print("  " + p)
    if args.report:
        return 0
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
