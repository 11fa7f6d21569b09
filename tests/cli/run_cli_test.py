#!/usr/bin/python3
# tests/cli: command-line tests — runs the built `tekigo` on the policies and dumps in
# tests/cli/data/ and checks exit codes and output. One ctest test per CASE:
#   run_cli_test.py TEKIGO DATA_DIR CASE      (run with CASE "all" to run every case)
import json
import tempfile
import os
import re
import subprocess
import sys

TEKIGO = ""
DATA = ""

EXIT_PASS, EXIT_FAIL, EXIT_ERROR, EXIT_UNKNOWN, EXIT_MANUAL = 0, 1, 2, 3, 4


class Failure(Exception):
    pass


class Run:
    def __init__(self, args, code, out, err):
        self.args, self.code, self.out, self.err = args, code, out, err

    def describe(self):
        return (f"$ tekigo {' '.join(self.args)}\n-> exit {self.code}\n"
                f"--- stdout ---\n{self.out}--- stderr ---\n{self.err}--------------")


def tekigo(*args, env=None):
    full_env = dict(os.environ)
    full_env.pop("NO_COLOR", None)
    if env:
        full_env.update(env)
    p = subprocess.run([TEKIGO, *args], cwd=DATA, capture_output=True, timeout=120, env=full_env)
    try:
        out, err = p.stdout.decode("utf-8"), p.stderr.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Failure(f"tekigo {' '.join(args)}: output is not UTF-8: {e}")
    return Run(list(args), p.returncode, out, err)


def expect(cond, what, run=None):
    if not cond:
        raise Failure(what + ("\n" + run.describe() if run else ""))


def expect_code(run, code):
    expect(run.code == code, f"expected exit {code}, got {run.code}", run)


def expect_in(needle, haystack, where, run):
    expect(needle in haystack, f"expected {needle!r} in {where}", run)


def expect_not_in(needle, haystack, where, run):
    expect(needle not in haystack, f"did not expect {needle!r} in {where}", run)


# ---- cases --------------------------------------------------------------------------------

def case_exit_pass():
    r = tekigo("check", "policies/basic.tkg", "dumps/pass")
    expect_code(r, EXIT_PASS)
    expect_in("cli/pass-1  (dumps/pass/t1.json)  PASS", r.out, "stdout", r)
    expect_in("cli/受付-2", r.out, "stdout (UTF-8 subject)", r)
    expect_in("テスト policy", r.out, "stdout (UTF-8 title)", r)
    expect_in("WARN", r.out, "stdout (a warning does not fail)", r)
    expect_in("Summary: 3 terminals", r.out, "stdout", r)
    expect_not_in("\x1b[", r.out, "stdout (no colour when not a terminal)", r)
    expect(r.err == "", "expected nothing on stderr", r)

    q = tekigo("check", "--quiet", "policies/basic.tkg", "dumps/pass")
    expect_code(q, EXIT_PASS)
    expect(q.out == "", "--quiet prints no report", q)


def case_exit_fail():
    r = tekigo("check", "policies/basic.tkg", "dumps/pass", "dumps/fail")
    expect_code(r, EXIT_FAIL)
    expect_in("cli/mac  (dumps/fail/mac.json)  FAIL", r.out, "stdout", r)
    expect(re.search(r"^  FAIL +§1 +os-family ", r.out, re.M), "a FAIL line for os-family", r)
    expect_in("os.family = macos", r.out, "stdout (evidence)", r)
    expect_in("Failing terminals:\n  cli/mac\n", r.out, "stdout (summary)", r)

    c = tekigo("check", "--color", "always", "policies/basic.tkg", "dumps/fail")
    expect_code(c, EXIT_FAIL)
    expect_in("\x1b[31mFAIL\x1b[0m", c.out, "stdout (--color always)", c)
    n = tekigo("check", "--color", "never", "policies/basic.tkg", "dumps/fail")
    expect_not_in("\x1b[", n.out, "stdout (--color never)", n)

    # --hide-passing: only the rules to act on, a count of the others, passing terminals as one
    # line; the summary and the exit code as without it.
    h = tekigo("check", "--hide-passing", "policies/basic.tkg", "dumps/pass", "dumps/fail")
    expect_code(h, EXIT_FAIL)
    expect(h.err == "", "nothing on stderr for the text format", h)
    expect_in("cli/pass-1  (dumps/pass/t1.json)  PASS\n\ncli/受付-2", h.out,
              "stdout (a passing terminal is its header)", h)
    expect(not re.search(r"^  (PASS|N/A) ", h.out, re.M), "no passing or n/a rule lines", h)
    expect(re.search(r"^  FAIL +§1 +os-family ", h.out, re.M), "the FAIL line stays", h)
    expect_in("os.family = macos", h.out, "stdout (its evidence)", h)
    expect(re.search(r"^  WARN +§1 +disk-comfort ", h.out, re.M), "the WARN line stays", h)
    expect_in("  2 rules passed or did not apply (hidden)\n", h.out, "stdout (the count)", h)
    expect(h.out[h.out.index("Summary:"):] == r.out[r.out.index("Summary:"):],
           "the summary is the same as without --hide-passing", h)
    m = tekigo("check", "--hide-passing", "--format", "markdown", "--lang", "ja",
               "policies/basic.tkg", "dumps/fail")
    expect_code(m, EXIT_FAIL)
    expect(m.err == "", "nothing on stderr for the markdown format", m)
    expect_in("\n\n合格または対象外の要件 2 件は省略しました\n", m.out, "markdown (the count)", m)


def case_exit_unknown():
    r = tekigo("check", "policies/basic.tkg", "dumps/pass", "dumps/unknown")
    expect_code(r, EXIT_UNKNOWN)
    expect_in("cli/no-disk  (dumps/unknown/no-disk.json)  UNKNOWN", r.out, "stdout", r)
    expect_in("disk.system_free_bytes = absent", r.out, "stdout (evidence)", r)

    # fail wins over unknown
    r = tekigo("check", "policies/basic.tkg", "dumps/unknown", "dumps/fail")
    expect_code(r, EXIT_FAIL)


def case_policy_syntax_error():
    r = tekigo("check", "policies/bad-syntax.tkg", "dumps/pass")
    expect_code(r, EXIT_ERROR)
    expect(re.search(r"policies/bad-syntax\.tkg:\d+:\d+: .*error", r.err),
           "stderr names file:line:col of the error", r)
    expect(re.search(r"^ *\d* *\| *\^+", r.err, re.M), "stderr shows a caret line", r)
    expect(r.out == "", "no report for a broken policy", r)

    m = tekigo("check", "policies/no-such-policy.tkg", "dumps/pass")
    expect_code(m, EXIT_ERROR)
    expect_in("no-such-policy.tkg", m.err, "stderr", m)


def case_malformed_dump():
    r = tekigo("check", "policies/basic.tkg", "dumps/malformed")
    expect_code(r, EXIT_ERROR)
    expect_in("dumps/malformed/bad-service-pack.json", r.err, "stderr (the file)", r)
    expect_in("os.service_pack", r.err, "stderr (the fact path)", r)
    expect_in("cli/good  (dumps/malformed/good.json)  PASS", r.out, "stdout (the batch goes on)", r)
    # The error result is named by the dump's subject, which it had although a fact was bad.
    expect_in("cli/bad  (dumps/malformed/bad-service-pack.json)  ERROR", r.out,
              "stdout (an error result)", r)

    # errors win over fail
    r = tekigo("check", "policies/basic.tkg", "dumps/fail", "dumps/malformed")
    expect_code(r, EXIT_ERROR)

    j = tekigo("check", "--format", "json", "policies/basic.tkg", "dumps/malformed")
    expect_code(j, EXIT_ERROR)
    doc = parse_json(j)
    errors = [x for x in doc["results"] if x["verdict"] == "error"]
    expect(len(errors) == 1, "one error result", j)
    expect(errors[0]["source"].endswith("bad-service-pack.json"), "error result names the dump", j)
    expect("os.service_pack" in errors[0]["error"], "error result names the path", j)
    expect(errors[0]["rules"] == [], "error result has no rules", j)
    expect(errors[0]["subject"] == "cli/bad", "error result has the dump's subject", j)
    expect(doc["summary"]["verdicts"]["error"] == 1, "summary counts the error", j)
    expect(doc["summary"]["error_sources"] == ["dumps/malformed/bad-service-pack.json"],
           "summary lists the unreadable dump", j)

    # A dump with a good header whose os.version is a number (6.1 for Windows 7): the jsonl
    # error line names the terminal, so a consumer can tell which one to re-collect.
    v = tekigo("check", "--format", "jsonl", "policies/basic.tkg",
               "dumps/error-subject/version-number.json")
    expect_code(v, EXIT_ERROR)
    expect_in("os.version", v.err, "stderr (the fact path)", v)
    lines = v.out.splitlines()
    expect(len(lines) == 1, "one jsonl line", v)
    try:
        line = json.loads(lines[0])
    except json.JSONDecodeError as e:
        raise Failure(f"the jsonl line is not JSON: {e}\n" + v.describe())
    expect(line["verdict"] == "error", "an error line", v)
    expect(line["subject"] == "cli/version-number", "the error line has the dump's subject", v)
    expect(line["source"] == "dumps/error-subject/version-number.json", "and its source", v)
    # Unreadable as JSON: no subject to give.
    with tempfile.TemporaryDirectory() as tmp:
        broken = os.path.join(tmp, "broken.json")
        with open(broken, "w", encoding="utf-8") as f:
            f.write('{"schema": "tekigo.facts/1", "subject": "cli/cut-off"')
        b = tekigo("check", "--format", "jsonl", "policies/basic.tkg", broken)
        expect_code(b, EXIT_ERROR)
        expect(json.loads(b.out)["subject"] == "", "no subject from a dump that is not JSON", b)


def case_no_args():
    r = tekigo()
    expect_code(r, EXIT_ERROR)
    expect(r.err.strip() != "", "a message on stderr", r)


def case_usage_errors():
    for args in (["frobnicate"], ["check"], ["check", "policies/basic.tkg"],
                 ["check", "--format", "xml", "policies/basic.tkg", "dumps/pass"],
                 ["check", "--color", "sometimes", "policies/basic.tkg", "dumps/pass"],
                 ["check", "--no-such-option", "policies/basic.tkg", "dumps/pass"],
                 ["graph"], ["lint"]):
        r = tekigo(*args)
        expect_code(r, EXIT_ERROR)
        expect(r.err.strip() != "", "a message on stderr", r)
    r = tekigo("frobnicate")
    expect_in("unknown command `frobnicate`", r.err, "stderr", r)
    # --hide-passing leaves out what --show-passing-evidence asks to show: refused up front.
    c = tekigo("check", "--hide-passing", "--show-passing-evidence", "policies/basic.tkg",
               "dumps/pass")
    expect_code(c, EXIT_ERROR)
    expect_in("--hide-passing", c.err, "stderr", c)
    expect_in("--show-passing-evidence", c.err, "stderr", c)
    expect(c.out == "", "nothing checked", c)
    # --jobs: at most 256 threads (a huge number used to abort starting them); 0 is every core.
    for jobs in ("100000", "257", "99999999999999999999999", "0x100000", "0x200", "+300"):
        j = tekigo("check", "--jobs", jobs, "policies/basic.tkg", "dumps/pass")
        expect_code(j, EXIT_ERROR)
        expect_in("--jobs: at most 256", j.err, "stderr", j)
        expect(j.out == "", "nothing checked", j)
    for jobs in ("256", "0", "1"):
        j = tekigo("check", "-j", jobs, "--quiet", "policies/basic.tkg", "dumps/pass")
        expect_code(j, EXIT_PASS)
    h = tekigo("--help")
    expect_code(h, EXIT_PASS)
    expect_in("check", h.out, "--help", h)
    h = tekigo("check", "--help")
    expect_code(h, EXIT_PASS)
    expect_in("--facts", h.out, "check --help", h)
    expect_in("0: every core", h.out, "check --help (--jobs 0)", h)
    expect_in("--hide-passing", h.out, "check --help", h)
    expect_in("text and markdown only", h.out, "check --help (--hide-passing)", h)


def case_no_dumps():
    r = tekigo("check", "policies/basic.tkg", "empty")
    expect_code(r, EXIT_ERROR)
    expect_in("no dumps found", r.err, "stderr", r)

    r = tekigo("check", "policies/basic.tkg", "dumps/pass", "no-such-dir")
    expect_code(r, EXIT_ERROR)
    expect_in("no-such-dir", r.err, "stderr", r)
    expect_in("cli/pass-1", r.out, "stdout (the rest is still checked)", r)


def parse_json(run):
    try:
        return json.loads(run.out)
    except json.JSONDecodeError as e:
        raise Failure(f"stdout is not JSON: {e}\n" + run.describe())


def case_json_format():
    r = tekigo("check", "--format", "json", "--color", "always", "policies/basic.tkg",
               "dumps/pass", "dumps/fail", "dumps/batch")
    expect_code(r, EXIT_FAIL)
    doc = parse_json(r)
    expect(set(doc) == {"policy", "as_of", "lang", "results", "summary"}, "top-level keys", r)
    expect(doc["lang"] == "en", "the language of its texts", r)
    expect(set(doc["policy"]) >= {"id", "title", "revision", "effective", "source"}, "policy keys", r)
    expect(doc["policy"]["id"] == "cli-test", "policy id", r)
    expect(doc["policy"]["title"] == "テスト policy", "policy title survives as UTF-8", r)
    results = doc["results"]
    expect(len(results) == 6, "six terminals (3 pass, 1 fail, 2 from the JSONL batch)", r)
    verdicts = {"pass", "warn", "fail", "unknown", "manual", "error"}
    statuses = {"pass", "warn", "fail", "unknown", "manual", "n/a"}
    for res in results:
        expect(set(res) >= {"source", "subject", "verdict", "rules"}, "result keys", r)
        expect(res["verdict"] in verdicts, f"verdict {res['verdict']}", r)
        for rule in res["rules"]:
            expect(set(rule) >= {"id", "cite", "title", "status", "message", "notes", "evidence",
                                 "decided_by"}, "rule keys", r)
            expect(rule["status"] in statuses, f"status {rule['status']}", r)
            expect(isinstance(rule["notes"], list), "notes is a list", r)
            expect(re.fullmatch(r".*:\d+:\d+", rule["decided_by"]) is not None,
                   f"decided_by is file:line:col, got {rule['decided_by']!r}", r)
            for ev in rule["evidence"]:
                expect(set(ev) >= {"path", "value", "expected", "absent"}, "evidence keys", r)
                expect(isinstance(ev["absent"], bool), "absent is a boolean", r)
    by_subject = {res["subject"]: res for res in results}
    expect(by_subject["cli/mac"]["verdict"] == "fail", "mac fails", r)
    expect(by_subject["cli/受付-2"]["verdict"] == "pass", "UTF-8 subject", r)
    expect(by_subject["cli/batch-2"]["verdict"] == "fail", "JSONL line 2 fails", r)
    expect(by_subject["cli/pass-low-disk"]["verdict"] == "warn", "low disk warns", r)
    mac_rules = {rule["id"]: rule for rule in by_subject["cli/mac"]["rules"]}
    expect(mac_rules["os-family"]["status"] == "fail", "os-family fails on macOS", r)
    expect(any(ev["path"] == "os.family" and ev["value"] == "macos"
               for ev in mac_rules["os-family"]["evidence"]), "evidence names os.family", r)
    summary = doc["summary"]
    expect(summary["terminals"] == len(results), "summary.terminals", r)
    expect(set(summary["verdicts"]) == verdicts, "summary verdict keys", r)
    counted = {v: sum(1 for res in results if res["verdict"] == v) for v in verdicts}
    expect(summary["verdicts"] == counted, f"summary verdicts {summary['verdicts']} vs {counted}", r)
    # The lists of the text summary, whole.
    named = {v: [res["subject"] or res["source"] for res in results if res["verdict"] == v]
             for v in ("fail", "unknown")}
    expect(summary.get("failing_subjects") == named["fail"], "summary.failing_subjects", r)
    expect(summary.get("unknown_subjects") == named["unknown"], "summary.unknown_subjects", r)
    expect(summary.get("error_sources") == [], "summary.error_sources", r)
    expect(summary.get("rules_failed") == 2, "summary.rules_failed", r)
    expect(summary.get("most_failed_rules") ==
           [{"id": "os-family", "title": "The terminal runs Windows.", "cite": "§1", "failures": 2},
            {"id": "disk", "title": "Free disk at least 100 MB.", "cite": "§1", "failures": 1}],
           f"summary.most_failed_rules {summary.get('most_failed_rules')}", r)

    # --hide-passing is for people's formats: with json it is ignored, with a warning, and the
    # document and the exit code are as without it.
    h = tekigo("check", "--format", "json", "--color", "always", "--hide-passing",
               "policies/basic.tkg", "dumps/pass", "dumps/fail", "dumps/batch")
    expect_code(h, r.code)
    expect(h.err == "tekigo: --hide-passing applies to text and markdown; ignored for json\n",
           "one warning line on stderr", h)
    expect(h.out == r.out, "the json report is unchanged", h)


def case_graph():
    r = tekigo("graph", "policies/basic.tkg")
    expect_code(r, EXIT_PASS)
    expect(r.out.startswith("digraph"), "DOT output starts with `digraph`", r)
    b = tekigo("graph", "policies/bad-syntax.tkg")
    expect_code(b, EXIT_ERROR)
    expect(b.out == "", "no graph for a broken policy", b)


def case_facts_merge():
    base = ("check", "policies/facility.tkg", "dumps/pass/t1.json")
    r = tekigo(*base)
    expect_code(r, EXIT_UNKNOWN)
    f = tekigo(*base, "--facts", "facts/fiber.yaml")
    expect_code(f, EXIT_PASS)
    expect_in("cli/pass-1  (dumps/pass/t1.json)  PASS", f.out,
              "stdout (the dump keeps its own subject)", f)
    a = tekigo(*base, "--facts", "facts/fiber.yaml", "--facts", "facts/adsl.yaml")
    expect_code(a, EXIT_FAIL)
    expect_in("network.line = adsl", a.out, "stdout (the later file wins)", a)
    a = tekigo(*base, "--facts", "facts/adsl.yaml", "--facts", "facts/fiber.yaml")
    expect_code(a, EXIT_PASS)
    b = tekigo(*base, "--facts", "facts/broken.yaml")
    expect_code(b, EXIT_ERROR)
    expect_in("facts/broken.yaml", b.err, "stderr", b)
    m = tekigo(*base, "--facts", "facts/missing.yaml")
    expect_code(m, EXIT_ERROR)
    expect_in("facts/missing.yaml", m.err, "stderr", m)


def case_attestations():
    base = ("check", "policies/attested.tkg")
    # Nobody attested: the manual rule is open, the verdict is manual (pending), exit 4.
    r = tekigo(*base, "attest/hospital-a-01.json")
    expect_code(r, EXIT_MANUAL)
    expect_in("hospital-a/reception-01  (attest/hospital-a-01.json)  MANUAL", r.out, "stdout", r)
    expect_in("Terminals pending attestation", r.out, "stdout (summary)", r)
    # manual ranks between warn and unknown: an unknown terminal beside it gives exit 3.
    u = tekigo(*base, "attest/hospital-a-01.json", "attest/no-os.json")
    expect_code(u, EXIT_UNKNOWN)
    expect_in("hospital-a/no-os  (attest/no-os.json)  UNKNOWN", u.out, "stdout", u)

    # hospital-a's attestation decides its own terminal, and the report says who and when.
    a = tekigo(*base, "attest/hospital-a-01.json", "--facts", "facts/hospital-a.yaml")
    expect_code(a, EXIT_PASS)
    expect_in("attested by 医事課 佐藤 on 2021-01-18, for hospital-a (facts/hospital-a.yaml)",
              a.out, "stdout (the terminal's attestation)", a)
    expect(re.search(r"^  policy SHA-256 [0-9a-f]{64}$", a.out, re.M), "the policy's hash", a)
    expect(re.search(r"^  facts file facts/hospital-a.yaml  SHA-256 [0-9a-f]{64}$", a.out, re.M),
           "the facts file's hash", a)
    expect(re.search(r"^  dump SHA-256 [0-9a-f]{64}$", a.out, re.M), "the dump's hash", a)

    # ... and is refused for hospital-h's terminal, naming the file, its covers and the subject.
    h = tekigo(*base, "attest/hospital-h-02.json", "--facts", "facts/hospital-a.yaml")
    expect_code(h, EXIT_ERROR)
    for needle in ("facts/hospital-a.yaml", '["hospital-a/*"]', "hospital-h/ward-02"):
        expect_in(needle, h.err, "stderr (the refusal)", h)
    expect_not_in("  PASS", h.out, "stdout (no verdict for the refused terminal)", h)

    # A dump's own attestation covers that dump and is shown with it.
    o = tekigo(*base, "attest/own-attestation.json", "--format", "json")
    expect_code(o, EXIT_PASS)
    doc = json.loads(o.out)
    t = doc["results"][0]
    expect(t["attestations"][0]["by"] == "情報システム担当 鈴木" and
           t["attestations"][0]["source"] == "attest/own-attestation.json", "json attestations", o)
    ipsec = [x for x in t["rules"] if x["id"] == "ipsec-over-path"][0]
    expect(ipsec.get("attestation") == 0, "the manual rule names its attestation", o)
    expect(len(t["sha256"]) == 64 and len(doc["policy"]["sha256"]) == 64, "json hashes", o)

    # The old form (who and when inside `attested:`) and a facts file without covers: refused
    # with the fix.
    old = tekigo(*base, "attest/hospital-a-01.json", "--facts", "facts/old-form.yaml")
    expect_code(old, EXIT_ERROR)
    expect_in("attested.attested_by", old.err, "stderr", old)
    expect_in("attestation:", old.err, "stderr (the fix)", old)
    n = tekigo(*base, "attest/hospital-a-01.json", "--facts", "facts/no-covers.yaml")
    expect_code(n, EXIT_ERROR)
    expect_in("attestation.covers", n.err, "stderr", n)


def case_lint():
    r = tekigo("lint", "policies/basic.tkg", "policies/facility.tkg")
    expect_code(r, EXIT_PASS)
    for name in ("policies/basic.tkg", "policies/facility.tkg"):
        expect(re.search(re.escape(name) + r": ok — \d+ rules?, \d+ nodes? \(\d+ shared\)", r.out),
               f"a summary line for {name}", r)
    c = tekigo("compile", "policies/basic.tkg", "policies/bad-syntax.tkg")
    expect_code(c, EXIT_ERROR)
    expect_in("policies/basic.tkg: ok", c.out, "stdout", c)
    expect_in("policies/bad-syntax.tkg", c.err, "stderr (diagnostics)", c)


def case_diff():
    # Two revisions that mean the same: exit 0; a policy against one that does not compile:
    # exit 2, with the diagnostics of the file; dumps after NEW: the fleet impact (as `impact`).
    same = tekigo("diff", "policies/basic.tkg", "policies/basic.tkg")
    expect_code(same, EXIT_PASS)
    expect_in("no change in meaning", same.out, "stdout", same)
    other = tekigo("diff", "policies/basic.tkg", "policies/facility.tkg", "--format", "json")
    expect_code(other, EXIT_FAIL)
    expect(json.loads(other.out)["changed"] is True, "json with changed: true", other)
    bad = tekigo("diff", "policies/basic.tkg", "policies/bad-syntax.tkg")
    expect_code(bad, EXIT_ERROR)
    expect_in("policies/bad-syntax.tkg:", bad.err, "stderr (diagnostics)", bad)
    expect_in("policies/bad-syntax.tkg: 1 error", bad.err, "stderr", bad)
    expect(bad.out == "", "nothing on stdout", bad)
    fleet = tekigo("diff", "--as-of", "2026-06-01", "policies/basic.tkg", "policies/basic.tkg",
                   "dumps/pass")
    expect_code(fleet, EXIT_PASS)
    expect_in("No terminal changes verdict.", fleet.out, "stdout", fleet)
    same = tekigo("impact", "--as-of", "2026-06-01", "policies/basic.tkg", "policies/basic.tkg",
                  "dumps/pass")
    expect(fleet.out == same.out and fleet.code == same.code,
           "`diff OLD NEW DUMP...` is `impact OLD NEW DUMP...`", fleet)
    html = tekigo("diff", "--format", "html", "policies/basic.tkg", "policies/basic.tkg")
    expect_code(html, EXIT_ERROR)
    expect_in("--format html is the fleet impact's", html.err, "stderr", html)
    one = tekigo("diff", "policies/basic.tkg")
    expect_code(one, EXIT_ERROR)
    fmt = tekigo("diff", "policies/basic.tkg", "policies/basic.tkg", "--format", "xml")
    expect_code(fmt, EXIT_ERROR)
    missing = tekigo("diff", "policies/basic.tkg", "policies/missing.tkg")
    expect_code(missing, EXIT_ERROR)
    expect_in("policies/missing.tkg", missing.err, "stderr", missing)


def case_version():
    r = tekigo("--version")
    expect_code(r, EXIT_PASS)
    expect(re.match(r"tekigo \d+\.\d+\.\d+", r.out) is not None, "a version line", r)


def case_collect():
    # --no-network: nothing leaves this machine; the dump holds real local facts.
    out = os.path.join(tempfile.mkdtemp(prefix="tekigo-collect-"), "me.json")
    r = tekigo("collect", "--no-network", "--subject", "cli-test", "-o", out)
    expect_code(r, EXIT_PASS)
    with open(out, encoding="utf-8") as f:
        dump = json.load(f)
    expect(dump["schema"] == "tekigo.facts/1.1" and dump["subject"] == "cli-test", "header written", r)
    expect(dump["os"]["family"] == "linux", "the OS is collected", r)
    expect(isinstance(dump["disk"]["system_free_bytes"], int), "free disk is collected", r)
    expect("dns" not in dump and "reach" not in dump, "no probes without network", r)
    # The dump validates against the published JSON Schema (docs/facts.schema.json).
    validator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schema", "validate_dumps.py")
    v = subprocess.run(["/usr/bin/python3", validator, out], capture_output=True, text=True, timeout=120)
    expect(v.returncode == 0, "the collected dump validates against docs/facts.schema.json:\n" + v.stdout + v.stderr, r)
    c = tekigo("check", "policies/basic.tkg", out, "--quiet")
    expect(c.code in (EXIT_PASS, EXIT_FAIL, EXIT_UNKNOWN), "the collected dump is checkable", c)
    live = tekigo("check", "policies/basic.tkg", "--live", "--no-network", "--format", "json")
    expect(live.code in (EXIT_PASS, EXIT_FAIL, EXIT_UNKNOWN), "check --live runs", live)
    doc = parse_json(live)
    expect(doc["results"][0]["source"] == "live", "the live result is reported", live)
    both = tekigo("check", "policies/basic.tkg", "--live", "dumps/pass/t1.json")
    expect_code(both, EXIT_ERROR)


def case_import_osquery():
    rec = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recordings", "osquery")
    out = os.path.join(tempfile.mkdtemp(prefix="tekigo-import-"), "w.yaml")
    r = tekigo("import", "osquery", os.path.join(rec, "os_version-windows10-21h2-issue7663.json"),
               os.path.join(rec, "programs-zentral.json"), "--subject", "w1", "-o", out)
    expect_code(r, EXIT_PASS)
    c = tekigo("check", "policies/basic.tkg", out, "--format", "json")
    doc = parse_json(c)
    expect(doc["results"][0]["subject"] == "w1", "the imported dump is read back (YAML)", c)
    bad = tekigo("import", "osquery", "no-such-file.json", "--subject", "w1")
    expect_code(bad, EXIT_ERROR)


def case_import_osquery_subject():
    """Without --subject, the subject is the results log's hostIdentifier, else system_info's
    hostname; names that disagree, or none, are an error (exit 2, no dump written)."""
    rec = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "recordings", "osquery")
    fleet = os.path.join(rec, "results-apps-snapshot-fleet-blog.jsonl")
    login = os.path.join(rec, "results-login-issue5999.jsonl")
    tmp = tempfile.mkdtemp(prefix="tekigo-import-subject-")
    out = os.path.join(tmp, "mac.json")
    r = tekigo("import", "osquery", fleet, "-o", out)
    expect_code(r, EXIT_PASS)
    with open(out, encoding="utf-8") as f:
        dump = json.load(f)
    expect(dump["subject"] == "E0804EAC-481F-5BF3-AA00-8AA4EDE72395", "the hostIdentifier", r)
    expect(dump["collected"]["x-subject-from"] == f"hostIdentifier in {fleet}:1",
           "collected.x-subject-from says where the subject came from", r)

    both = os.path.join(tmp, "both.json")
    r = tekigo("import", "osquery", fleet, login, "-o", both)
    expect_code(r, EXIT_ERROR)
    expect_in("`E0804EAC-481F-5BF3-AA00-8AA4EDE72395` (hostIdentifier in", r.err, "stderr", r)
    expect_in("`t-awsbj-salt-m01` (hostIdentifier in", r.err, "stderr", r)
    expect_in("give the terminal's id with --subject", r.err, "stderr", r)
    expect(not os.path.exists(both), "no dump is written when the subject is in doubt", r)
    r = tekigo("import", "osquery", fleet, login, "--subject", "hospital-a/mac-01", "-o", both)
    expect_code(r, EXIT_PASS)
    expect_in("note: ", r.err, "stderr (the login query is left out)", r)

    r = tekigo("import", "osquery", os.path.join(rec, "os_version-windows11-22h2-issue7908.json"))
    expect_code(r, EXIT_ERROR)
    expect_in("no subject: give the terminal's id with --subject", r.err, "stderr", r)
    expect(r.out == "", "nothing on stdout", r)

    # An imported name with its trailing space (Windows DisplayName, kept as stored) still
    # matches the policy's name: consumers trim (docs/facts.md, rule 6). Synthetic programs row.
    programs = os.path.join(tmp, "programs.json")
    with open(programs, "w", encoding="utf-8") as f:
        f.write('[{"install_location":"C:\\\\Program Files (x86)\\\\Cisco","name":"Cisco AnyConnect '
                'Secure Mobility Client ","publisher":"Cisco Systems, Inc.","version":"4.9.05042"}]\n')
    win = os.path.join(tmp, "win.json")
    r = tekigo("import", "osquery", programs,
               "system_info=" + os.path.join(rec, "system_info-macos-pr3370.json"), "-o", win)
    expect_code(r, EXIT_PASS)
    with open(win, encoding="utf-8") as f:
        dump = json.load(f)
    expect(dump["subject"] == "obelisk-mbp5", "system_info's hostname", r)
    expect(dump["software"][0]["name"] == "Cisco AnyConnect Secure Mobility Client ",
           "the name is kept as stored", r)
    c = tekigo("check", "policies/anyconnect.tkg", win, "--format", "json")
    expect_code(c, EXIT_PASS)
    statuses = [x["status"] for x in parse_json(c)["results"][0]["rules"]]
    expect(statuses == ["pass", "pass"], "both rules find the trimmed name", c)


def case_contract_minor():
    """A dump names the minor of tekigo.facts/1 it was written to; a fact of a newer minor than
    the dump's is unknown with a reason that says so, in every report format; a newer minor
    than tekigo knows is read like any other."""
    old, newer = "dumps/contract/before-1.1.json", "dumps/contract/newer-1.9.json"
    reason = ("cannot decide: the dump has no `attestation.facility`: that field was added in "
              "tekigo.facts/1.1, and this dump was written by \"tekigo collect 0.1.0\" to "
              "tekigo.facts/1.0; no collector writes it: the facility declares it")
    r = tekigo("check", "policies/contract.tkg", old)
    expect_code(r, EXIT_UNKNOWN)
    expect_in(reason, r.out, "stdout (text)", r)
    j = tekigo("check", "policies/contract.tkg", old, "--format", "json")
    expect(parse_json(j)["results"][0]["rules"][0]["message"] == reason, "the json reason", j)
    s = tekigo("check", "policies/contract.tkg", old, "--format", "sarif")
    expect_in(reason.replace('"', '\\"'), s.out, "the sarif message", s)
    u = tekigo("check", "policies/contract.tkg", old, "--format", "junit")
    expect_in(reason.replace('"', "&quot;"), u.out, "the junit message", u)
    m = tekigo("check", "policies/contract.tkg", old, "--format", "markdown")
    expect_in(reason.replace("`", "\\`"), m.out, "the markdown reason", m)
    r = tekigo("check", "policies/contract.tkg", newer)
    expect_code(r, EXIT_UNKNOWN)
    expect_in("cannot decide: the dump has no `attestation.facility`\n", r.out, "stdout (1.9)", r)
    expect(r.err == "", "a newer minor is read without a word", r)


def run_on_tty(*args, report_on_tty=False):
    """Runs tekigo with stderr on a pseudo-terminal (the progress line shows only there), and
    stdout too with report_on_tty (as when both go to one terminal); returns (exit code, what
    the terminal received)."""
    import pty
    import select
    leader, follower = pty.openpty()
    p = subprocess.Popen([TEKIGO, *args], cwd=DATA,
                         stdout=follower if report_on_tty else subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    received = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            p.kill()
            raise Failure(f"tekigo {' '.join(args)}: no output on the terminal for 60 s")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed: Linux reports EIO
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    return p.wait(timeout=60), received.decode("utf-8")


# A progress line as drawn: "\r\x1b[2K" then "tekigo: … checked — N fail, N unknown".
CLEAR = "\r\x1b[2K"
PROGRESS = re.compile(r"tekigo: [^\r\n]*? checked — \d+ fails?, \d+ unknown")


def expect_nothing_runs_into_progress(shown, what):
    """Every progress line ends where the next write clears it, and every other line starts
    at the start of a line: nothing runs into a progress line ("…8 unknowntekigo: …")."""
    for m in PROGRESS.finditer(shown):
        expect(shown.startswith(CLEAR, m.end()),
               f"{what}: the progress line is not cleared before the next output: "
               f"{shown[max(0, m.start() - 20):m.end() + 60]!r}")
    for m in re.finditer(r"tekigo: ", shown):
        before = shown[:m.start()]
        expect(before == "" or before.endswith("\n") or before.endswith(CLEAR),
               f"{what}: a line starts in the middle of another: "
               f"{shown[max(0, m.start() - 60):m.start() + 60]!r}")


def write_dumps(path, count, bad_after=None):
    """`count` passing dumps as JSON Lines (subjects t0, t1, …), a line that is not JSON after
    the dump numbered bad_after."""
    with open(os.path.join(DATA, "dumps/pass/t1.json"), encoding="utf-8") as f:
        one = json.loads(f.read())
    with open(path, "w", encoding="utf-8") as out:
        for i in range(count):
            one["subject"] = f"t{i}"
            out.write(json.dumps(one) + "\n")
            if i == bad_after:
                out.write("this line is not JSON\n")


def case_progress():
    # On a terminal, a progress line counts files out of the total, and dumps (no total) when
    # JSON Lines hold an unknown number; it is erased at the end. Not with --quiet.
    with tempfile.TemporaryDirectory() as tmp:
        lines = os.path.join(tmp, "many.jsonl")
        write_dumps(lines, 130)
        code, shown = run_on_tty("check", "policies/basic.tkg", lines, "--format", "jsonl")
        expect(code == EXIT_PASS, f"expected exit {EXIT_PASS}, got {code}: {shown!r}")
        expect("128 dumps checked — 0 fail, 0 unknown" in shown,
               f"expected a count of dumps in the progress line, got {shown!r}")
        expect("130 dumps checked — 0 fail, 0 unknown" in shown,
               f"expected the final count in the progress line, got {shown!r}")
        expect("/1 " not in shown, f"a JSON Lines file is not one dump: {shown!r}")
        expect(" 1 dump" not in shown, f"a JSON Lines file is not one dump: {shown!r}")
        expect(shown.endswith(CLEAR), f"the progress line is not erased: {shown!r}")
        code, shown = run_on_tty("check", "policies/basic.tkg", "dumps/pass/t1.json",
                                 "dumps/fail/mac.json")
        expect("2/2 files checked — 1 fail, 0 unknown" in shown,
               f"expected files out of the total, got {shown!r}")
        code, shown = run_on_tty("check", "policies/basic.tkg", lines, "--quiet")
        expect("checked" not in shown, f"--quiet shows no progress: {shown!r}")

        # One of a kind: singular.
        code, shown = run_on_tty("check", "policies/basic.tkg", "dumps/pass/t1.json")
        expect("tekigo: 1/1 file checked — 0 fail, 0 unknown" in shown, f"singular: {shown!r}")
        single = os.path.join(tmp, "single.jsonl")
        write_dumps(single, 1)
        code, shown = run_on_tty("check", "policies/basic.tkg", single)
        expect("tekigo: 1 dump checked — 0 fail, 0 unknown" in shown, f"singular: {shown!r}")

        # An error line while the progress line shows (after dump 100: the line was drawn at
        # 64) starts on a line of its own, and so does the report when stdout is the terminal.
        bad = os.path.join(tmp, "withbad.jsonl")
        write_dumps(bad, 130, bad_after=100)
        code, shown = run_on_tty("check", "policies/basic.tkg", bad, "--format", "jsonl")
        expect(code == EXIT_ERROR, f"expected exit {EXIT_ERROR}, got {code}: {shown!r}")
        expect(CLEAR + "tekigo: " + bad + ":102: not valid JSON" in shown,
               f"the error line does not follow a cleared progress line: {shown!r}")
        expect_nothing_runs_into_progress(shown, "jsonl to /dev/null")
        code, shown = run_on_tty("check", "policies/basic.tkg", bad, report_on_tty=True)
        expect(code == EXIT_ERROR, f"expected exit {EXIT_ERROR}, got {code}: {shown!r}")
        expect_nothing_runs_into_progress(shown, "text report on the terminal")
        for i in (63, 64, 65, 127, 128, 129):
            expect(re.search(r"(^|\n|\x1b\[2K)t%d  \(" % i, shown) is not None,
                   f"the report line of t{i} does not start a line: {shown!r}")
        expect(re.search(r"(\n|\x1b\[2K)(\x1b\[1m)?Summary(\x1b\[0m)?: 131 terminals", shown),
               f"the summary does not start a line: {shown[-400:]!r}")


def read_line_within(fd, seconds, pending=b""):
    """One line from `fd` (a pipe) within `seconds`; returns (line, what came after it)."""
    import select
    import time
    deadline = time.monotonic() + seconds
    data = pending
    while b"\n" not in data:
        left = deadline - time.monotonic()
        ready, _, _ = select.select([fd], [], [], max(0, left))
        if not ready:
            raise Failure(f"no result line within {seconds} s (got {data!r}): the output is not "
                          f"streamed")
        chunk = os.read(fd, 65536)
        if not chunk:
            raise Failure(f"the output ended before a whole line (got {data!r})")
        data += chunk
    line, _, rest = data.partition(b"\n")
    return line, rest


def case_stdin_streaming():
    # `tekigo check P - --format jsonl` behind a slow producer (a Kafka consumer, Spark's pipe):
    # each result comes out once its line is in, not when the input ends or a buffer fills.
    with open(os.path.join(DATA, "dumps/pass/t1.json"), encoding="utf-8") as f:
        one = json.loads(f.read())
    p = subprocess.Popen([TEKIGO, "check", "policies/basic.tkg", "-", "--format", "jsonl"],
                         cwd=DATA, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        one["subject"] = "stream-1"
        p.stdin.write((json.dumps(one) + "\n").encode("utf-8"))
        p.stdin.flush()
        first, rest = read_line_within(p.stdout.fileno(), 5)
        result = json.loads(first)
        expect(result["subject"] == "stream-1" and result["verdict"] == "pass",
               f"the first line is the first dump's result: {first!r}")
        one["subject"] = "stream-2"
        p.stdin.write((json.dumps(one) + "\n").encode("utf-8"))
        p.stdin.close()
        while True:
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            rest += chunk
        code = p.wait(timeout=60)
        err = p.stderr.read().decode("utf-8", "replace")
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    expect(code == EXIT_PASS, f"expected exit {EXIT_PASS}, got {code}; stderr: {err}")
    later = [json.loads(line)["subject"] for line in rest.decode("utf-8").splitlines()]
    expect(later == ["stream-2"], f"then the second dump's result alone: {later}; stderr: {err}")


# ---- fmt ------------------------------------------------------------------------------------

UNFORMATTED = """# tests/cli: a policy in no particular layout
policy cli-fmt { title "fmt"; revision "1"; effective 2026-01-01; source "test document" }
section "§1" "OS" { check os-family "The terminal runs Windows." { expect os.family==windows } }
"""

FORMATTED = """# tests/cli: a policy in no particular layout
policy cli-fmt {
  title     "fmt"
  revision  "1"
  effective 2026-01-01
  source    "test document"
}

section "§1" "OS" {
  check os-family "The terminal runs Windows." {
    expect os.family == windows
  }
}
"""


def tekigo_stdin(args, text):
    p = subprocess.run([TEKIGO, *args], cwd=DATA, input=text.encode("utf-8"), capture_output=True,
                       timeout=120)
    return Run(list(args), p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8"))


def temporary_policy(text):
    path = os.path.join(tempfile.mkdtemp(prefix="tekigo-fmt-"), "p.tkg")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def case_fmt():
    basic, facility = read_text(os.path.join(DATA, "policies/basic.tkg")), read_text(
        os.path.join(DATA, "policies/facility.tkg"))
    r = tekigo("fmt", "policies/basic.tkg")
    expect_code(r, EXIT_PASS)
    expect(r.out == basic, "a formatted policy prints as it is", r)
    expect(r.err == "", "nothing on stderr", r)
    both = tekigo("fmt", "policies/basic.tkg", "policies/facility.tkg")
    expect_code(both, EXIT_PASS)
    expect(both.out == basic + facility, "several files print one after the other", both)
    c = tekigo("fmt", "--check", "policies/basic.tkg", "policies/facility.tkg")
    expect_code(c, EXIT_PASS)
    expect(c.out == "" and c.err == "", "--check prints nothing when all are formatted", c)
    s = tekigo_stdin(["fmt", "-"], UNFORMATTED)
    expect_code(s, EXIT_PASS)
    expect(s.out == FORMATTED, "`-` formats standard input", s)
    sc = tekigo_stdin(["fmt", "--check", "-"], UNFORMATTED)
    expect_code(sc, EXIT_FAIL)
    expect(sc.out.startswith("--- <stdin>\t(as written)\n+++ <stdin>\t(formatted)\n@@ "),
           "a unified diff of standard input", sc)


def case_fmt_write():
    path = temporary_policy(UNFORMATTED)
    os.chmod(path, 0o640)
    c = tekigo("fmt", "--check", path)
    expect_code(c, EXIT_FAIL)
    expect_in(f"--- {path}\t(as written)\n+++ {path}\t(formatted)\n", c.out, "stdout", c)
    expect_in("-section \"§1\" \"OS\" { check os-family", c.out, "stdout (a removed line)", c)
    expect_in("+    expect os.family == windows\n", c.out, "stdout (an added line)", c)
    expect(read_text(path) == UNFORMATTED, "--check changes nothing", c)
    # The diff applies with patch(1) and gives the formatted text.
    if os.path.exists("/usr/bin/patch"):
        patched = path + ".patched"
        p = subprocess.run(["/usr/bin/patch", "-s", "-o", patched, path],
                           input=c.out.encode("utf-8"), capture_output=True, timeout=60)
        expect(p.returncode == 0 and read_text(patched) == FORMATTED,
               "patch applies the diff: " + p.stdout.decode() + p.stderr.decode(), c)
        os.remove(patched)
    w = tekigo("fmt", "-w", path)
    expect_code(w, EXIT_PASS)
    expect(w.out == "", "-w prints nothing", w)
    expect(read_text(path) == FORMATTED, "-w rewrites the file", w)
    expect(oct(os.stat(path).st_mode & 0o777) == oct(0o640), "-w keeps the file's permissions", w)
    expect(os.listdir(os.path.dirname(path)) == ["p.tkg"], "no temporary file is left", w)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    again = tekigo("fmt", "-w", path)
    expect_code(again, EXIT_PASS)
    expect(os.stat(path).st_mtime_ns == 1_000_000_000, "-w leaves a formatted file alone", again)
    # A symbolic link stays a link; the file it names is rewritten.
    real = temporary_policy(UNFORMATTED)
    link = os.path.join(os.path.dirname(real), "link.tkg")
    os.symlink(real, link)
    lw = tekigo("fmt", "-w", link)
    expect_code(lw, EXIT_PASS)
    expect(os.path.islink(link) and read_text(real) == FORMATTED, "-w through a link", lw)
    # --check with -w: shows the diff, rewrites, exit 1.
    other = temporary_policy(UNFORMATTED)
    both = tekigo("fmt", "--check", "-w", other)
    expect_code(both, EXIT_FAIL)
    expect(both.out.startswith("--- "), "the diff", both)
    expect(read_text(other) == FORMATTED, "and the file rewritten", both)


def case_fmt_errors():
    lint = tekigo("lint", "policies/bad-syntax.tkg")
    r = tekigo("fmt", "policies/bad-syntax.tkg")
    expect_code(r, EXIT_ERROR)
    expect(r.out == "", "nothing on stdout", r)
    expect_in("policies/bad-syntax.tkg:12:3:", r.err, "stderr (the position)", r)
    expect_in("error[E0001]", r.err, "stderr (the parser's diagnostic)", r)
    expect(r.err == lint.err, "the diagnostics as `tekigo lint` prints them", r)
    bad = temporary_policy(read_text(os.path.join(DATA, "policies/bad-syntax.tkg")))
    w = tekigo("fmt", "-w", bad)
    expect_code(w, EXIT_ERROR)
    expect(read_text(bad) == read_text(os.path.join(DATA, "policies/bad-syntax.tkg")),
           "-w leaves a policy that does not parse as it is", w)
    m = tekigo("fmt", "no-such-policy.tkg")
    expect_code(m, EXIT_ERROR)
    expect_in("tekigo: no-such-policy.tkg: no such file or directory", m.err, "stderr", m)
    mixed = tekigo("fmt", "--check", "policies/basic.tkg", "no-such-policy.tkg")
    expect_code(mixed, EXIT_ERROR)
    stdin_w = tekigo("fmt", "-w", "-")
    expect_code(stdin_w, EXIT_ERROR)
    expect_in("-w cannot rewrite standard input", stdin_w.err, "stderr", stdin_w)
    none = tekigo("fmt")
    expect_code(none, EXIT_ERROR)
    # A comment fmt cannot keep in place: refused, with the position, file untouched.
    inside = temporary_policy(FORMATTED.replace("windows\n", "windows # the family\n      and os.version == 10\n"))
    before = read_text(inside)
    c = tekigo("fmt", "-w", inside)
    expect_code(c, EXIT_ERROR)
    expect_in("error[E0501]", c.err, "stderr", c)
    expect(read_text(inside) == before, "the file is left as it is", c)
def case_as_of():
    """`check --as-of`: the check date of every evaluation and every report's header; by
    default today's date in UTC; a malformed date is a usage error. Every other test of time
    gives an explicit date: only this one reads the clock, to check the default."""
    import datetime
    for bad in ("2024-13-01", "2024-02-30", "yesterday", "2024-1-1", "2024-10-01T00:00:00Z"):
        b = tekigo("check", "--as-of", bad, "policies/basic.tkg", "dumps/pass")
        expect_code(b, EXIT_ERROR)
        expect_in(f"--as-of: expected a date YYYY-MM-DD such as 2024-10-01, not `{bad}`", b.err,
                  "stderr", b)
        expect(b.out == "", "nothing checked", b)
    r = tekigo("check", "--as-of", "2026-02-01", "policies/basic.tkg", "dumps/pass")
    expect_code(r, EXIT_PASS)
    expect(r.out.splitlines()[0].endswith("effective 2026-01-01  as of 2026-02-01"),
           "the header's first line ends with the check date", r)
    expect_not_in("warning:", r.out, "stdout (after the effective date: no warning)", r)
    j = tekigo("check", "--format", "json", "--as-of", "2026-02-01", "policies/basic.tkg",
               "dumps/pass")
    expect(parse_json(j)["as_of"] == "2026-02-01", "json as_of", j)
    l = tekigo("check", "--format", "jsonl", "--as-of", "2026-02-01", "policies/basic.tkg",
               "dumps/pass")
    expect(all(json.loads(line)["as_of"] == "2026-02-01" for line in l.out.splitlines()),
           "every jsonl line has as_of", l)
    # Before the policy's effective date: a warning under each terminal; the verdict is as before.
    e = tekigo("check", "--as-of", "2025-12-31", "policies/basic.tkg", "dumps/pass")
    expect_code(e, EXIT_PASS)
    expect(e.out.count("warning: checked as of 2025-12-31, before the policy's effective date "
                       "2026-01-01") == 3, "one warning per terminal", e)
    ej = parse_json(tekigo("check", "--format", "json", "--as-of", "2025-12-31",
                           "policies/basic.tkg", "dumps/pass"))
    expect(all(len(res["warnings"]) == 1 for res in ej["results"]), "json warnings", e)
    # The default: today's date in UTC (read around the run, in case it crosses midnight).
    before = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    d = tekigo("check", "--format", "json", "policies/basic.tkg", "dumps/pass")
    after = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    expect(parse_json(d)["as_of"] in (before, after), f"default as_of is today ({before})", d)
    h = tekigo("check", "--help")
    expect_in("--as-of", h.out, "check --help", h)


def case_policy_by_name():
    """A policy argument that is no file is looked up by name in TEKIGO_POLICY_PATH (and in the
    installed share/tekigo/policies, tests/install); a file of that name here comes first, and a
    name found nowhere says where it was looked for and what is there."""
    folder = os.path.abspath(os.path.join(DATA, "policies"))
    env = {"TEKIGO_POLICY_PATH": "/nonexistent:" + folder}
    by_path = tekigo("check", "--format", "json", "policies/basic.tkg", "dumps/pass")
    for name in ("basic", "basic.tkg"):
        r = tekigo("check", "--format", "json", name, "dumps/pass", env=env)
        expect_code(r, EXIT_PASS)
        expect(r.out == by_path.out.replace("policies/basic.tkg", os.path.join(folder, "basic.tkg")),
               f"`check {name}` reads {folder}/basic.tkg", r)
    # every command that takes a policy: lint, test's folder beside the policy, diff, doc
    r = tekigo("lint", "basic", "facility", env=env)
    expect_code(r, EXIT_PASS)
    expect_in(os.path.join(folder, "facility.tkg") + ": ok", r.out, "stdout", r)
    r = tekigo("diff", "basic", "policies/basic.tkg", env=env)
    expect_code(r, EXIT_PASS)
    # not found: the folders looked in and the policies there, exit 2, no report
    r = tekigo("check", "no-such-policy", "dumps/pass", env=env)
    expect_code(r, EXIT_ERROR)
    expect_in(f"no-such-policy: no such file or directory; no policy of that name in {folder} "
              "either (there: ", r.err, "stderr", r)
    listed = re.search(r"\(there: ([a-z0-9, -]+)\)", r.err)
    expect(listed and set(listed.group(1).split(", ")) ==
           {n[:-4] for n in os.listdir(folder) if n.endswith(".tkg")},
           "the policies there are listed, each by its name", r)
    expect(r.out == "", "no report", r)
    # a name that is something here (the folder `policies`) is that thing: its own error only
    r = tekigo("check", "policies", "dumps/pass", env=env)
    expect_code(r, EXIT_ERROR)
    expect_in("policies", r.err, "stderr", r)
    expect_not_in("no policy of that name", r.err, "stderr", r)
    # a path is never looked up, even when a policy of its base name exists
    r = tekigo("check", "nowhere/basic.tkg", "dumps/pass", env=env)
    expect_code(r, EXIT_ERROR)
    expect_not_in("no policy of that name", r.err, "stderr", r)
    # the first folder that has the name is read
    with tempfile.TemporaryDirectory() as other:
        with open(os.path.join(other, "basic.tkg"), "w", encoding="utf-8") as f:
            f.write(read_text(os.path.join(folder, "bad-syntax.tkg")))
        r = tekigo("check", "basic", "dumps/pass", env={"TEKIGO_POLICY_PATH": f"{other}:{folder}"})
        expect_code(r, EXIT_ERROR)
        expect_in(os.path.join(other, "basic.tkg") + ":", r.err, "stderr (the other folder's file)", r)


PLAN_EXPECTED = """{
  "schema": "tekigo.plan/1",
  "policy": {
    "id": "cli-plan",
    "title": "計画 plan policy",
    "revision": "3",
    "effective": "2026-01-01"
  },
  "names": ["vpn.example.jp", "portal.example.jp"],
  "probes": [
    {
      "host": "vpn.example.jp",
      "protocol": "tcp",
      "port": 443,
      "rule": "vpn-443",
      "documented_addresses": ["192.0.2.10"]
    },
    {
      "host": "vpn.example.jp",
      "protocol": "udp",
      "port": 443,
      "rule": "vpn-443",
      "documented_addresses": ["192.0.2.10"]
    },
    {
      "host": "portal.example.jp",
      "protocol": "tcp",
      "port": 8443,
      "rule": "portal-8443"
    }
  ],
  "fact_paths": ["disk.system_free_bytes", "dns", "os.family", "reach"]
}
"""


def case_plan():
    """`tekigo plan POLICY [-o FILE]`: the policy's collection plan as JSON, byte for byte — keys
    in a fixed order, names and probes in the policy's order (vpn before portal, as written),
    the trailing dot of a name gone, 2-space indent, UTF-8, a final newline; by name too; a
    policy that does not compile: its diagnostics as check prints them, exit 2, no plan."""
    r = tekigo("plan", "policies/plan.tkg")
    expect_code(r, EXIT_PASS)
    expect(r.out == PLAN_EXPECTED, "stdout is the expected plan:\n" + PLAN_EXPECTED, r)
    expect(r.err == "", "nothing on stderr", r)
    expect(json.loads(r.out)["names"] == ["vpn.example.jp", "portal.example.jp"], "names in order", r)
    with tempfile.TemporaryDirectory() as out:
        path = os.path.join(out, "plan.json")
        w = tekigo("plan", "policies/plan.tkg", "-o", path)
        expect_code(w, EXIT_PASS)
        expect(w.out == "", "nothing on stdout with -o", w)
        with open(path, "rb") as f:
            expect(f.read() == PLAN_EXPECTED.encode("utf-8"), "-o FILE holds the same bytes (UTF-8)", w)
        # a file that cannot be written: exit 2, said
        bad = tekigo("plan", "policies/plan.tkg", "-o", os.path.join(out, "no-such-dir", "plan.json"))
        expect_code(bad, EXIT_ERROR)
        expect_in("cannot write", bad.err, "stderr", bad)
    folder = os.path.abspath(os.path.join(DATA, "policies"))
    n = tekigo("plan", "plan", env={"TEKIGO_POLICY_PATH": folder})
    expect_code(n, EXIT_PASS)
    expect(n.out == PLAN_EXPECTED, "an installed policy's name gives the same plan", n)
    # a policy with no names or flows: empty lists, not absent keys
    e = tekigo("plan", "policies/basic.tkg")
    expect_code(e, EXIT_PASS)
    doc = json.loads(e.out)
    expect(list(doc) == ["schema", "policy", "names", "probes", "fact_paths"]
           and doc["names"] == [] and doc["probes"] == [], "every key, in order, lists empty", e)

    b = tekigo("plan", "policies/plan-bad.tkg")
    expect_code(b, EXIT_ERROR)
    expect(b.out == "", "no plan for a broken policy", b)
    expect_in("policies/plan-bad.tkg:14:3: error[E0001]", b.err, "stderr names file:line:col", b)
    expect(re.search(r"^ *\d* *\| *\^+", b.err, re.M), "stderr shows a caret line", b)
    c = tekigo("check", "policies/plan-bad.tkg", "dumps/pass")
    expect(b.err == c.err, "the diagnostics are check's", c)
    m = tekigo("plan", "policies/no-such-policy.tkg")
    expect_code(m, EXIT_ERROR)
    expect_in("no-such-policy.tkg", m.err, "stderr", m)
    u = tekigo("plan")
    expect_code(u, EXIT_ERROR)
    expect_in("POLICY", u.err, "stderr (usage)", u)


CASES = {
    "as-of": case_as_of,
    "policy-by-name": case_policy_by_name,
    "collect": case_collect,
    "import-osquery": case_import_osquery,
    "import-osquery-subject": case_import_osquery_subject,
    "contract-minor": case_contract_minor,
    "exit-pass": case_exit_pass,
    "exit-fail": case_exit_fail,
    "exit-unknown": case_exit_unknown,
    "policy-syntax-error": case_policy_syntax_error,
    "malformed-dump": case_malformed_dump,
    "no-args": case_no_args,
    "usage-errors": case_usage_errors,
    "no-dumps": case_no_dumps,
    "json-format": case_json_format,
    "graph": case_graph,
    "facts-merge": case_facts_merge,
    "attestations": case_attestations,
    "lint": case_lint,
    "diff": case_diff,
    "version": case_version,
    "progress": case_progress,
    "stdin-streaming": case_stdin_streaming,
    "fmt": case_fmt,
    "fmt-write": case_fmt_write,
    "fmt-errors": case_fmt_errors,
    "plan": case_plan,
}


def main(argv):
    global TEKIGO, DATA
    if len(argv) != 4 or (argv[3] not in CASES and argv[3] != "all"):
        print(f"usage: {argv[0]} TEKIGO DATA_DIR CASE|all  (cases: {', '.join(CASES)})",
              file=sys.stderr)
        return 2
    TEKIGO, DATA = os.path.abspath(argv[1]), argv[2]
    names = list(CASES) if argv[3] == "all" else [argv[3]]
    failed = 0
    for name in names:
        try:
            CASES[name]()
            print(f"ok   cli/{name}")
        except Failure as e:
            failed += 1
            print(f"FAIL cli/{name}: {e}")
        except subprocess.TimeoutExpired as e:
            failed += 1
            print(f"FAIL cli/{name}: timed out: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
