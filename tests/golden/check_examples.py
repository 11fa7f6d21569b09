#!/usr/bin/env python3
"""Golden test: the bundled policy on the bundled example dumps.

For every dump under examples/dumps/ the outcome of each rule (status and the
message that decided it) and the terminal's verdict are compared with
tests/golden/examples/<dump>.expected. Run with TEKIGO_UPDATE_GOLDEN=1 to rewrite
the expected files after a deliberate change, then review the diff.

usage: check_examples.py TEKIGO SOURCE_DIR
"""
import json
import os
import pathlib
import subprocess
import sys


def outcome_lines(tekigo, policy, dump):
    run = subprocess.run([tekigo, "check", "--format", "json", "--color", "never", "--show-passing-evidence",
                          str(policy), str(dump)],
                         capture_output=True, text=True, timeout=60)
    if run.returncode not in (0, 1, 3, 4):
        raise SystemExit(f"{dump}: tekigo exited {run.returncode}\n{run.stderr}")
    doc = json.loads(run.stdout)
    (result,) = doc["results"]
    lines = [f"verdict {result['verdict']}", f"exit {run.returncode}"]
    for rule in result["rules"]:
        lines.append(f"{rule['status']:<8} {rule['id']:<26} {rule['cite']} | {rule['message']}")
        for ev in rule["evidence"]:
            lines.append(f"           {ev['path']} = {ev['value']}" + (f"   (expected {ev['expected']})" if ev["expected"] else ""))
    return "\n".join(lines) + "\n"


SECTIONS = ["§2(1)", "§2(2)", "§3(1)", "§3(2)", "§3(3)", "§4(1)", "§4(2)", "補足1", "補足2"]
SEVERITY = {"n/a": 0, "manual": 1, "pass": 2, "warn": 3, "unknown": 4, "fail": 5}


def claimed_outcomes(readme):
    """The table of examples/README.md: dump -> (per-section outcomes, verdict)."""
    claims = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 12 or not cells[0].startswith("`"):
            continue
        def worst(cell):
            words = [w for w in cell.replace("*", "").replace("(", "").replace(")", "").replace("+", " ").split()]
            return max(words, key=lambda w: SEVERITY[w])
        claims[cells[0].strip("`")] = ([worst(c) for c in cells[2:11]], worst(cells[11]))
    return claims


def actual_outcomes(tekigo, policy, dump):
    run = subprocess.run([tekigo, "check", "--format", "json", str(policy), str(dump)],
                         capture_output=True, text=True, timeout=60)
    (result,) = json.loads(run.stdout)["results"]
    per_section = []
    for section in SECTIONS:
        statuses = [r["status"] for r in result["rules"]
                    if any(r["cite"].startswith(prefix) for prefix in section.split("|"))]
        per_section.append(max(statuses, key=lambda w: SEVERITY[w]))
    return per_section, result["verdict"]


def main():
    tekigo, source = sys.argv[1], pathlib.Path(sys.argv[2])
    policy = source / "policies" / "gan-touroku-online.tkg"
    dumps = sorted(p for p in (source / "examples" / "dumps").iterdir() if p.suffix in (".json", ".yaml", ".yml"))
    golden = source / "tests" / "golden" / "examples"
    update = os.environ.get("TEKIGO_UPDATE_GOLDEN") == "1"
    failures = 0
    seen = set()
    for dump in dumps:
        expected_file = golden / (dump.stem + ".expected")
        seen.add(expected_file.name)
        actual = outcome_lines(tekigo, policy, dump)
        if update:
            expected_file.write_text(actual, encoding="utf-8")
            continue
        if not expected_file.exists():
            print(f"FAIL {dump.name}: no golden file {expected_file} (run with TEKIGO_UPDATE_GOLDEN=1)")
            failures += 1
            continue
        expected = expected_file.read_text(encoding="utf-8")
        if actual != expected:
            failures += 1
            print(f"FAIL {dump.name}: outcomes differ from {expected_file.name}")
            for a, e in zip(actual.splitlines(), expected.splitlines()):
                if a != e:
                    print(f"  expected: {e}\n  actual:   {a}")
                    break
            else:
                print(f"  expected {len(expected.splitlines())} lines, got {len(actual.splitlines())}")
        else:
            print(f"ok   {dump.name}")
    # The outcomes examples/README.md claims for each dump are the ones it gives.
    claims = claimed_outcomes(source / "examples" / "README.md")
    for dump in dumps:
        if dump.name not in claims:
            print(f"FAIL {dump.name}: examples/README.md claims no outcome for it")
            failures += 1
            continue
        actual = actual_outcomes(tekigo, policy, dump)
        if actual != claims[dump.name]:
            print(f"FAIL {dump.name}: README claims {claims[dump.name]}, the policy gives {actual}")
            failures += 1
        else:
            print(f"ok   {dump.name}: the outcomes examples/README.md claims")
    stale = sorted(p.name for p in golden.glob("*.expected") if p.name not in seen)
    for name in stale:
        print(f"FAIL {name}: golden file without a dump in examples/dumps")
        failures += 1
    total = 2 * len(dumps)
    print(f"{total - failures if failures <= total else 0} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
