#!/usr/bin/env python3
"""Tests for the standalone collector scripts (collectors/scripts/collect.sh and
collectors/scripts/collect.ps1). Standard library plus python3-jsonschema.

  python3 tests/collectors/scripts_test.py SOURCE_DIR

collect.sh: syntax (bash -n, and dash -n where dash exists), shellcheck when installed, then
it is RUN on this machine with a PATH of stub commands that print the recorded macOS outputs
of tests/recordings/macos; the JSON it prints must pass docs/facts.schema.json and carry the
facts of the recordings. A second run with failing/missing commands must record the failures
under collected.errors and leave those facts out. Then the plan: --plan FILE (a tekigo.plan/1
document, tests/collectors/plans/three-names.json) gives exactly the names resolved and the
TCP ports probed, --name/--tcp add to it, no option at all falls back to plan.json beside the
script (and says so on stderr when there is none), and a malformed plan is refused (exit 2).

collect.ps1: PowerShell is not packaged in Debian, so the script is not executed here. It gets
a structural check: balanced braces/brackets/parentheses outside strings, comments and
here-strings, Set-StrictMode -Version 2, every v1 contract key named, no PowerShell-7-only
syntax (?? ?. ternary, && ||), and UTF-8 output via [IO.File]::WriteAllText.
Prints "N passed, N failed"; exits 1 on any failure.
"""
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

SRC = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
# The contract id tekigo's collectors write (the newest minor): the scripts write it too.
with open(os.path.join(SRC, "engine", "facts", "fact_schema.hpp"), encoding="utf-8") as _f:
    SCHEMA_ID = re.search(r'kFactSchemaId = "([^"]+)"', _f.read()).group(1)
REC = os.path.join(SRC, "tests", "recordings", "macos")
SH = os.path.join(SRC, "collectors", "scripts", "collect.sh")
PS1 = os.path.join(SRC, "collectors", "scripts", "collect.ps1")
BUNDLED_PLAN = os.path.join(SRC, "collectors", "scripts", "plan.json")
THREE_NAMES = os.path.join(SRC, "tests", "collectors", "plans", "three-names.json")

results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    if ok:
        results["passed"] += 1
        print(f"ok   {name}")
    else:
        results["failed"] += 1
        print(f"FAIL {name}{': ' + detail if detail else ''}")


def stub(directory, name, body):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body + "\n")
    os.chmod(path, os.stat(path).st_mode | stat.S_IEXEC | stat.S_IXGRP | stat.S_IXOTH)


def cat(recording):
    return f"cat '{os.path.join(REC, recording)}'"


def make_stubs(directory, failing=False):
    stub(directory, "sw_vers", cat("sw_vers-13.3.1-rsr.txt"))
    stub(directory, "uname", 'if [ "$1" = -m ]; then echo arm64; else echo Darwin; fi')
    stub(directory, "hostname", "echo reception-mac-01.local")
    stub(directory, "df", cat("synthetic/df-k-root.txt"))
    stub(directory, "scutil", cat("scutil-proxy-pac.txt"))
    stub(directory, "launchctl", cat("launchctl-list-system-fragment.txt"))
    stub(directory, "dscacheutil", 'case "$*" in *mio.ccr.ncc.go.jp*) printf "name: mio.ccr.ncc.go.jp\\nip_address: 133.162.82.105\\n\\n";; *) ;; esac')
    stub(directory, "nc", r'eval "port=\${$#}"; if [ "$port" = 443 ]; then exit 0; fi; echo "nc: connectx to x port 8443 (tcp) failed: Connection refused" >&2; exit 1')
    if failing:
        stub(directory, "system_profiler", 'echo "system_profiler: The operation couldn’t be completed." >&2; exit 1')
        # networksetup is missing entirely
    else:
        stub(directory, "system_profiler", cat("synthetic/system_profiler-applications.json"))
        stub(directory, "networksetup", cat("networksetup-listallhardwareports.txt"))


def run_sh(shell, stubs, args, script=SH):
    env = {"PATH": stubs + ":/usr/bin:/bin", "HOME": "/nonexistent", "LC_ALL": "C.UTF-8", "TZ": "Asia/Tokyo",
           "SYSTEM_VERSION_COMPAT": "1"}
    return subprocess.run([shell, script] + args, env=env, capture_output=True, timeout=120)


def validate(dump):
    import jsonschema  # python3-jsonschema
    with open(os.path.join(SRC, "docs", "facts.schema.json")) as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(dump)]


def test_collect_sh():
    for shell in ["bash", "dash"]:
        if shutil.which(shell):
            r = subprocess.run([shell, "-n", SH], capture_output=True)
            check(f"collect.sh: {shell} -n", r.returncode == 0, r.stderr.decode())
    if shutil.which("shellcheck"):
        r = subprocess.run(["shellcheck", "-s", "sh", SH], capture_output=True)
        check("collect.sh: shellcheck -s sh", r.returncode == 0, r.stdout.decode()[:2000])
    else:
        print("skip collect.sh: shellcheck not installed (scripts/install-deps.sh test installs it)")

    shells = [s for s in ["bash", "dash"] if shutil.which(s)]
    for shell in shells:
        with tempfile.TemporaryDirectory() as stubs:
            make_stubs(stubs)
            r = run_sh(shell, stubs, ["--name", "mio.ccr.ncc.go.jp", "--name", "nowhere.invalid",
                                      "--tcp", "mio.ccr.ncc.go.jp:443", "--tcp", "sec.ccr.ncc.go.jp:8443"])
            check(f"collect.sh ({shell}): exit status 0", r.returncode == 0, r.stderr.decode())
            try:
                dump = json.loads(r.stdout.decode("utf-8"))
            except ValueError as e:
                check(f"collect.sh ({shell}): prints JSON", False, f"{e}\n{r.stdout.decode()[:3000]}")
                continue
            check(f"collect.sh ({shell}): prints JSON", True)
            errors = validate(dump)
            check(f"collect.sh ({shell}): dump passes docs/facts.schema.json", not errors, "; ".join(errors))
            expect_facts(shell, dump)

        with tempfile.TemporaryDirectory() as stubs:
            make_stubs(stubs, failing=True)
            r = run_sh(shell, stubs, [])
            dump = json.loads(r.stdout.decode("utf-8"))
            check(f"collect.sh ({shell}, failing commands): dump passes the schema", not validate(dump))
            steps = {e["step"]: e["message"] for e in dump["collected"]["errors"]}
            check(f"collect.sh ({shell}, failing commands): failures recorded",
                  "software" in steps and "browsers" in steps and "network.adapters" in steps
                  and "couldn’t be completed" in steps["software"] and "not found" in steps["network.adapters"],
                  json.dumps(steps, ensure_ascii=False))
            check(f"collect.sh ({shell}, failing commands): failed facts left out",
                  "software" not in dump and "browsers" not in dump and "adapters" not in dump.get("network", {})
                  and dump["os"]["version"] == "13.3.1", json.dumps(dump, ensure_ascii=False)[:2000])


def plan_targets(path):
    """The names and the tcp HOST:PORT probes of a plan, in its order (what collect.sh probes)."""
    with open(path, encoding="utf-8") as f:
        plan = json.load(f)
    return plan["names"], [f"{p['host']}:{p['port']}" for p in plan["probes"] if p["protocol"] == "tcp"]


def probed(dump):
    """The names a dump resolved and the HOST:PORT it probed, in its order."""
    return ([d["name"] for d in dump.get("dns", [])],
            [f"{r['host']}:{r['port']}" for r in dump.get("reach", [])])


MALFORMED_PLANS = [  # (what, text, what stderr must say)
    ("cut short", '{"schema": "tekigo.plan/1", "names": ["a.example.jp"', "the document ends too soon"),
    ("not JSON", "names: [a.example.jp]\n", "not JSON (line 1)"),
    ("trailing comma", '{"schema": "tekigo.plan/1",\n "names": ["a.example.jp",],\n "probes": []}', "not JSON (line 2)"),
    ("another schema", '{"schema": "tekigo.plan/2", "names": [], "probes": []}', 'schema "tekigo.plan/2": this script reads tekigo.plan/1'),
    ("no schema", '{"names": [], "probes": []}', 'no "schema"'),
    ("names not a list", '{"schema": "tekigo.plan/1", "names": "a.example.jp", "probes": []}', '"names" is not a list'),
    ("a name with a space", '{"schema": "tekigo.plan/1", "names": ["a.example.jp b"], "probes": []}', "names[0] is not a host name"),
    ("a port as text", '{"schema": "tekigo.plan/1", "names": [], "probes": [{"host": "a.example.jp", "protocol": "tcp", "port": "443"}]}',
     "probes[0].port is not a port number"),
    ("a port out of range", '{"schema": "tekigo.plan/1", "names": [], "probes": [{"host": "a.example.jp", "protocol": "tcp", "port": 70000}]}',
     "probes[0].port is not a port number"),
    ("more after the document", '{"schema": "tekigo.plan/1", "names": [], "probes": []} {}', "more after the document"),
]


def test_collect_sh_plan():
    shells = [s for s in ["bash", "dash"] if shutil.which(s)]
    plan_names, plan_tcps = plan_targets(THREE_NAMES)
    check("collect.sh plan: the test plan has a name the shipped plan lacks",
          len(plan_names) == 3 and set(plan_names) - set(plan_targets(BUNDLED_PLAN)[0]), json.dumps(plan_names))
    for shell in shells:
        name = f"collect.sh ({shell}) --plan"
        with tempfile.TemporaryDirectory() as stubs:
            make_stubs(stubs)
            r = run_sh(shell, stubs, ["--plan", THREE_NAMES])
            dump = json.loads(r.stdout.decode("utf-8")) if r.returncode == 0 else {}
            check(f"{name}: exit 0, dump passes the schema", r.returncode == 0 and not validate(dump), r.stderr.decode())
            check(f"{name}: dns entries are exactly the plan's three names, in its order",
                  probed(dump)[0] == ["mio.ccr.ncc.go.jp", "sec.ccr.ncc.go.jp", "extra.example.jp"] == plan_names,
                  json.dumps(dump.get("dns")))
            check(f"{name}: reach entries are exactly its tcp probes (the udp one is not made)",
                  probed(dump)[1] == ["mio.ccr.ncc.go.jp:443", "extra.example.jp:8443"] == plan_tcps
                  and [x["state"] for x in dump.get("reach", [])] == ["open", "closed"], json.dumps(dump.get("reach")))

            r = run_sh(shell, stubs, ["--plan", THREE_NAMES, "--name", "added.example.jp", "--name", "sec.ccr.ncc.go.jp",
                                      "--tcp", "added.example.jp:22", "--tcp", "mio.ccr.ncc.go.jp:443"])
            dump = json.loads(r.stdout.decode("utf-8")) if r.returncode == 0 else {}
            check(f"{name} --name --tcp: added after the plan's, each once",
                  probed(dump) == (plan_names + ["added.example.jp"], plan_tcps + ["added.example.jp:22"]),
                  json.dumps(probed(dump)) + r.stderr.decode())

            r = run_sh(shell, stubs, [])
            dump = json.loads(r.stdout.decode("utf-8")) if r.returncode == 0 else {}
            check(f"collect.sh ({shell}), no options: the bundled plan.json's names and tcp probes",
                  r.returncode == 0 and probed(dump) == plan_targets(BUNDLED_PLAN) and probed(dump)[0]
                  and r.stderr == b"", json.dumps(probed(dump)) + r.stderr.decode())

            r = run_sh(shell, stubs, ["--name", "mio.ccr.ncc.go.jp"])
            dump = json.loads(r.stdout.decode("utf-8")) if r.returncode == 0 else {}
            check(f"collect.sh ({shell}) --name only: no bundled plan", probed(dump) == (["mio.ccr.ncc.go.jp"], []),
                  json.dumps(probed(dump)))

            with tempfile.TemporaryDirectory() as alone:
                script = os.path.join(alone, "collect.sh")
                shutil.copy(SH, script)
                r = run_sh(shell, stubs, [], script=script)
                dump = json.loads(r.stdout.decode("utf-8")) if r.returncode == 0 else {}
                check(f"collect.sh ({shell}) without plan.json beside it: exit 0, no dns or reach, said on stderr",
                      r.returncode == 0 and "dns" not in dump and "reach" not in dump and "os" in dump
                      and "no names resolved, no ports probed" in r.stderr.decode()
                      and os.path.join(alone, "plan.json") in r.stderr.decode(), r.stderr.decode())

                r = run_sh(shell, stubs, ["--plan", os.path.join(alone, "missing.json")])
                check(f"{name} of a missing file: exit 2, said on stderr",
                      r.returncode == 2 and r.stdout == b"" and "missing.json: cannot read the file" in r.stderr.decode(),
                      r.stderr.decode())
                r = run_sh(shell, stubs, ["--plan"])
                check(f"{name} without FILE: exit 2", r.returncode == 2 and b"--plan needs a FILE" in r.stderr, r.stderr.decode())

                bad = os.path.join(alone, "bad.json")
                for what, text, said in MALFORMED_PLANS:
                    with open(bad, "w", encoding="utf-8") as f:
                        f.write(text)
                    r = run_sh(shell, stubs, ["--plan", bad])
                    err = r.stderr.decode()
                    check(f"{name} malformed ({what}): exit 2, nothing on stdout, the reason on stderr",
                          r.returncode == 2 and r.stdout == b"" and f"collect.sh: plan {bad}: " in err and said in err, err)
                # a malformed plan.json beside the script is refused too, not skipped
                with open(os.path.join(alone, "plan.json"), "w", encoding="utf-8") as f:
                    f.write(MALFORMED_PLANS[0][1])
                r = run_sh(shell, stubs, [], script=script)
                check(f"collect.sh ({shell}) with a malformed plan.json beside it: exit 2",
                      r.returncode == 2 and "plan.json: the document ends too soon" in r.stderr.decode(), r.stderr.decode())


def expect_facts(shell, dump):
    name = f"collect.sh ({shell})"
    check(f"{name}: header", dump["schema"] == SCHEMA_ID and dump["subject"] == "reception-mac-01.local"
          and dump["collected"]["errors"] == [] and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$", dump["collected"]["at"]),
          json.dumps(dump.get("collected")))
    check(f"{name}: os from sw_vers 13.3.1 (a)", dump.get("os") == {
        "family": "macos", "name": "macOS", "version": "13.3.1", "build": "22E772610a", "version_extra": "(a)", "arch": "arm64"},
        json.dumps(dump.get("os")))
    sw = dump.get("software", [])
    check(f"{name}: software once per name+version, publisher from Developer ID",
          len(sw) == 5 and sw[1] == {"name": "Google Chrome", "version": "87.0.4280.141", "publisher": "Google LLC"}
          and sw[4] == {"name": 'Hos-CanR "Plus" Viewer'} and "publisher" not in sw[0], json.dumps(sw))
    check(f"{name}: browsers", dump.get("browsers") == [
        {"id": "safari", "version": "13.1.2"}, {"id": "chrome", "version": "87.0.4280.141"}, {"id": "firefox", "version": "84.0.2"}],
        json.dumps(dump.get("browsers")))
    check(f"{name}: disk = available 1K blocks x 1024", dump.get("disk") == {"system_free_bytes": 330155176 * 1024},
          json.dumps(dump.get("disk")))
    net = dump.get("network", {})
    check(f"{name}: proxy from scutil PAC", net.get("proxy") == "pac+http://wpad.company.com/wpad.dat", json.dumps(net))
    ad = net.get("adapters", [])
    check(f"{name}: adapters", len(ad) == 6 and ad[0] == {"name": "en0", "description": "Wi-Fi"}, json.dumps(ad))
    sv = dump.get("services", [])
    check(f"{name}: services from launchctl",
          len(sv) == 39 and {"name": "uk.co.canimaansoftware.ClamXAV.HelperTool", "state": "running"} in sv
          and {"name": "com.apple.mobile.obliteration", "state": "stopped"} in sv, f"{len(sv)} services")
    check(f"{name}: dns via dscacheutil; unresolved name is none",
          dump.get("dns") == [{"name": "mio.ccr.ncc.go.jp", "source": "dns", "addresses": ["133.162.82.105"]},
                              {"name": "nowhere.invalid", "source": "none", "addresses": [], "detail": "dscacheutil: no address"}],
          json.dumps(dump.get("dns")))
    reach = dump.get("reach", [])
    check(f"{name}: tcp reach open and closed, no udp entries",
          len(reach) == 2 and reach[0]["state"] == "open" and reach[1]["state"] == "closed"
          and all(x["protocol"] == "tcp" for x in reach), json.dumps(reach))


# ---- collect.ps1 -------------------------------------------------------------------------

def strip_powershell(text):
    """Removes comments, here-strings and string literals, keeping the code's brackets."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("<#", i):
            j = text.find("#>", i + 2)
            if j < 0:
                raise ValueError("unterminated block comment")
            i = j + 2
        elif c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith('@"', i) or text.startswith("@'", i):
            q = text[i + 1]
            m = re.compile(r"\n" + q + "@").search(text, i + 2)
            if not m:
                raise ValueError("unterminated here-string")
            out.append('""')
            i = m.end()
        elif c in "\"'":
            j = i + 1
            while j < n:
                if text[j] == "`" and c == '"':
                    j += 2
                    continue
                if text[j] == c:
                    if j + 1 < n and text[j + 1] == c:  # doubled quote inside the string
                        j += 2
                        continue
                    break
                j += 1
            if j >= n:
                raise ValueError(f"unterminated string starting at offset {i}")
            out.append('""')
            i = j + 1
        elif c == "`":
            i += 2  # escaped character (line continuation included)
        else:
            out.append(c)
            i += 1
    return "".join(out)


def test_collect_ps1():
    if not os.path.exists(PS1):
        check("collect.ps1: exists", False)
        return
    with open(PS1, "rb") as f:
        raw = f.read()
    check("collect.ps1: ASCII only (PowerShell 5.1 reads BOM-less files in the ANSI code page)",
          all(b < 0x80 for b in raw), "non-ASCII byte found")
    text = raw.decode("utf-8", "replace").replace("\r\n", "\n")
    try:
        code = strip_powershell(text)
    except ValueError as e:
        check("collect.ps1: strings, comments and here-strings terminate", False, str(e))
        return
    stack, pairs, line = [], {")": "(", "]": "[", "}": "{"}, 1
    balanced = True
    for ch in code:
        if ch == "\n":
            line += 1
        elif ch in "([{":
            stack.append((ch, line))
        elif ch in ")]}":
            if not stack or stack[-1][0] != pairs[ch]:
                check("collect.ps1: balanced brackets", False, f"unexpected {ch} on code line {line}")
                balanced = False
                break
            stack.pop()
    if balanced:
        check("collect.ps1: balanced brackets", not stack, f"unclosed {stack[-1] if stack else ''}")
    check("collect.ps1: Set-StrictMode -Version 2", re.search(r"(?m)^\s*Set-StrictMode\s+-Version\s+2\b", code) is not None)
    check("collect.ps1: param block with -Out", re.search(r"(?ms)^\s*param\s*\(.*?\$Out\b", code) is not None)
    for key in ["schema", "subject", "collected", "at", "by", "errors", "step", "message", "os", "family", "name",
                "version", "release", "build", "edition", "service_pack", "arch", "browsers", "id", "disk",
                "system_free_bytes", "software", "publisher", "dns", "addresses", "source", "reach", "host",
                "address", "protocol", "port", "state", "detail", "network", "proxy", "adapters", "description",
                "layered_service_providers", "path", "features", "internet_connection_sharing", "mobile_hotspot",
                "services", "display_name", "start"]:
        check(f"collect.ps1: names contract key '{key}'", re.search(r"['\"]" + re.escape(key) + r"['\"]", text) is not None)
    check("collect.ps1: writes UTF-8 without BOM", "UTF8Encoding" in text and "WriteAllText" in text)
    check("collect.ps1: ConvertTo-Json with enough depth", re.search(r"ConvertTo-Json\b[^\n]*-Depth\s+([5-9]|\d\d)", text) is not None)
    check(f"collect.ps1: {SCHEMA_ID}", f"'schema' = '{SCHEMA_ID}'" in text)
    for pattern, what in [(r"\?\?", "?? operator"), (r"\?\.", "?. operator"), (r"&&|\|\|", "&& / || pipeline chains"),
                          (r"\)\s*\?\s*[^\s]+\s*:", "ternary ?:"), (r"-Parallel\b", "ForEach-Object -Parallel")]:
        check(f"collect.ps1: no PowerShell 7-only {what}", re.search(pattern, code) is None)
    check("collect.ps1: no modules imported", re.search(r"(?i)\bImport-Module\b|#Requires\s+-Modules", text) is None)


if __name__ == "__main__":
    test_collect_sh()
    test_collect_sh_plan()
    test_collect_ps1()
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)
