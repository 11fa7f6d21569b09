#!/usr/bin/env python3
"""Checks tekigo's machine-readable and Markdown reports on the bundled examples, and on the
hand-made samples tekigo_report_samples writes (every status, a dump error, hostile text,
a filled-in rule list).

Usage: check_formats.py TEKIGO SOURCE_DIR CASE [SAMPLES_DIR]
  CASE  jsonl     every line parses and is the json format's result plus the policy
        junit     xmllint --schema junit.xsd, then the structure against the json report
        sarif     the SARIF subset schema (python3-jsonschema), the SARIF object model
                  (python3-sarif-python-om) as a consumer, then the results against json
        markdown  GitHub's renderer (cmark-gfm) turns it into tables of the right shape,
                  with no HTML but <br>
Exit 0 when every check holds, 1 with a list of what did not, 77 when a tool is missing.
"""
import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

POLICY = "policies/gan-touroku-online.tkg"
DUMPS = "examples/dumps/"
HERE = os.path.dirname(os.path.abspath(__file__))

problems = []


def check(ok, what):
    if not ok:
        problems.append(what)
    return ok


# Every run is dated (never the clock): the formats are compared with each other.
AS_OF = "2026-06-01"


def run_tekigo(tekigo, src, *args):
    """The report on stdout; a check run on the examples exits 1 (some terminals fail)."""
    proc = subprocess.run([tekigo, "check", "--as-of", AS_OF, POLICY, DUMPS, *args], cwd=src,
                          capture_output=True, timeout=120)
    check(proc.returncode == 1, f"tekigo check {' '.join(args)}: exit {proc.returncode}, "
          f"stderr: {proc.stderr.decode(errors='replace')[:500]}")
    return proc.stdout.decode("utf-8")  # raises on invalid UTF-8: that is a failure too


def reference(tekigo, src, lang="en"):
    # json in `lang`: its texts are the outcomes in that language ("lang" names it)
    return json.loads(run_tekigo(tekigo, src, "--format", "json", "--lang", lang))


def need(tool, package):
    if shutil.which(tool) is None:
        print(f"SKIP: {tool} not found (apt-get install {package}; scripts/install-deps.sh test)")
        sys.exit(77)


def samples(samples_dir, ext):
    if not samples_dir:
        return []
    return [os.path.join(samples_dir, f"samples-{lang}.{ext}") for lang in ("en", "ja")]


# ---- jsonl --------------------------------------------------------------------------------

def check_jsonl(tekigo, src, samples_dir):
    for lang in ("en", "ja"):
        ref = reference(tekigo, src, lang)
        text = run_tekigo(tekigo, src, "--format", "jsonl", "--lang", lang)
        check(text.endswith("\n"), f"jsonl ({lang}): no final newline")
        lines = text.splitlines()
        check(len(lines) == len(ref["results"]),
              f"jsonl ({lang}): {len(lines)} lines for {len(ref['results'])} terminals")
        for i, (line, expected) in enumerate(zip(lines, ref["results"])):
            obj = json.loads(line)
            policy = obj.pop("policy", None)
            check(policy == {"id": ref["policy"]["id"], "revision": ref["policy"]["revision"],
                             "sha256": ref["policy"]["sha256"]},
                  f"jsonl ({lang}) line {i + 1}: policy {policy}")
            as_of = obj.pop("as_of", None)
            check(as_of == AS_OF and ref["as_of"] == AS_OF, f"jsonl ({lang}) line {i + 1}: as_of {as_of}")
            line_lang = obj.pop("lang", None)
            check(line_lang == lang and ref.get("lang") == lang,
                  f"jsonl ({lang}) line {i + 1}: lang {line_lang}")
            check(obj == expected, f"jsonl ({lang}) line {i + 1}: not the json result")
            check(list(json.loads(line).keys())[0] == "policy",
                  f"jsonl ({lang}) line {i + 1}: policy is not first")
    for path in samples(samples_dir, "jsonl"):
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        check(len(lines) == 4, f"{path}: {len(lines)} lines, expected 4")
        verdicts = [json.loads(line)["verdict"] for line in lines]
        check(verdicts == ["fail", "fail", "pass", "error"], f"{path}: verdicts {verdicts}")


# ---- junit --------------------------------------------------------------------------------

def xmllint(path):
    proc = subprocess.run(["xmllint", "--noout", "--schema", os.path.join(HERE, "junit.xsd"),
                           path], capture_output=True, timeout=60)
    return check(proc.returncode == 0,
                 f"{path}: xmllint: {proc.stderr.decode(errors='replace')[:1000]}")


def check_junit(tekigo, src, samples_dir):
    import xml.etree.ElementTree as ET
    need("xmllint", "libxml2-utils")
    ref = reference(tekigo, src)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("en", "ja"):
            ref = reference(tekigo, src, lang)
            path = os.path.join(tmp, f"report-{lang}.xml")
            with open(path, "w", encoding="utf-8") as f:
                f.write(run_tekigo(tekigo, src, "--format", "junit", "--lang", lang))
            if not xmllint(path):
                continue
            root = ET.parse(path).getroot()
            check(root.tag == "testsuites", f"junit ({lang}): root is {root.tag}")
            suites = root.findall("testsuite")
            check(len(suites) == len(ref["results"]),
                  f"junit ({lang}): {len(suites)} testsuites for {len(ref['results'])} terminals")
            for suite, result in zip(suites, ref["results"]):
                name = result["subject"] or result["source"]
                where = f"junit ({lang}) {name}"
                check(suite.get("name") == name, f"{where}: testsuite name {suite.get('name')}")
                props = {p.get("name"): p.get("value") for p in suite.iter("property")}
                check(props.get("source") == result["source"], f"{where}: source {props}")
                check(props.get("verdict") == result["verdict"], f"{where}: verdict {props}")
                cases = suite.findall("testcase")
                rules = result["rules"]
                status = [r["status"] for r in rules]
                check(suite.get("tests") == str(len(rules)), f"{where}: tests={suite.get('tests')}")
                check(suite.get("failures") == str(status.count("fail")), f"{where}: failures")
                # manual is an error (type="manual"), not skipped: a pending attestation must
                # not hide among skipped cases.
                check(suite.get("errors") == str(status.count("unknown") + status.count("manual")),
                      f"{where}: errors")
                check(suite.get("skipped") == str(status.count("n/a")), f"{where}: skipped")
                check(len(cases) == len(rules), f"{where}: {len(cases)} testcases")
                for case, rule in zip(cases, rules):
                    cw = f"{where} {rule['id']}"
                    # "terminal.citation": CI views group each terminal's cases apart.
                    check(case.get("classname") == f"{name}." + (rule['cite'] or rule['id']).replace(".", "_"),
                          f"{cw}: classname {case.get('classname')!r}")
                    check(case.get("name") == f"{rule['id']}: {rule['title']}", f"{cw}: name")
                    children = [c.tag for c in case]
                    expected = {"pass": [], "fail": ["failure"], "unknown": ["error"],
                                "manual": ["error"], "n/a": ["skipped"],
                                "warn": ["system-out"]}[rule["status"]]
                    if rule["status"] == "pass" and "attestation" in rule:
                        expected = ["system-out"]  # who attested the fact that decided it
                    check(children == expected, f"{cw}: {children} for {rule['status']}")
                    failure = case.find("failure")
                    if failure is not None:
                        check(failure.get("message") == (rule["message"] or rule["title"]),
                              f"{cw}: failure message")
                        for e in rule["evidence"]:
                            check(e["path"] in (failure.text or ""), f"{cw}: evidence {e['path']}")
        for path in samples(samples_dir, "xml"):
            if not xmllint(path):
                continue
            raw = open(path, encoding="utf-8").read()
            check("<script" not in raw and "<img" not in raw, f"{path}: markup got through")
            root = ET.parse(path).getroot()
            suites = root.findall("testsuite")
            check(len(suites) == 4, f"{path}: {len(suites)} testsuites")
            check(suites[1].get("name").startswith("<script>alert(1)</script><img"),
                  f"{path}: hostile subject not read back: {suites[1].get('name')[:40]!r}")
            check("\n line2" in suites[1].get("name"), f"{path}: subject lost its newline")
            bad = suites[3]
            check(len(bad.findall("testcase/error")) == 1, f"{path}: the bad dump has no <error>")


# ---- sarif --------------------------------------------------------------------------------

def sarif_om_load(doc):
    """Builds the SARIF object model (python3-sarif-python-om) from a log: a property the
    model does not know, or a required one missing, raises."""
    import attr
    import sarif_om as om

    nested = {
        (om.SarifLog, "runs"): [om.Run],
        (om.Run, "tool"): om.Tool,
        (om.Run, "results"): [om.Result],
        (om.Run, "invocations"): [om.Invocation],
        (om.Run, "automationDetails"): om.RunAutomationDetails,
        (om.Tool, "driver"): om.ToolComponent,
        (om.ToolComponent, "rules"): [om.ReportingDescriptor],
        (om.ReportingDescriptor, "shortDescription"): om.MultiformatMessageString,
        (om.ReportingDescriptor, "fullDescription"): om.MultiformatMessageString,
        (om.ReportingDescriptor, "defaultConfiguration"): om.ReportingConfiguration,
        (om.Result, "message"): om.Message,
        (om.Result, "locations"): [om.Location],
        (om.Result, "relatedLocations"): [om.Location],
        (om.Location, "physicalLocation"): om.PhysicalLocation,
        (om.Location, "message"): om.Message,
        (om.PhysicalLocation, "artifactLocation"): om.ArtifactLocation,
        (om.PhysicalLocation, "region"): om.Region,
        (om.Invocation, "toolExecutionNotifications"): [om.Notification],
        (om.Notification, "message"): om.Message,
    }

    def build(cls, obj, where):
        if not isinstance(obj, dict):
            raise ValueError(f"{where}: {cls.__name__} is not an object")
        names = {f.metadata["schema_property_name"]: f.name for f in attr.fields(cls)}
        kwargs = {}
        for key, value in obj.items():
            if key not in names:
                raise ValueError(f"{where}: {cls.__name__} has no property {key!r}")
            sub = nested.get((cls, key))
            if isinstance(sub, list):
                value = [build(sub[0], v, f"{where}.{key}[{i}]") for i, v in enumerate(value)]
            elif sub is not None:
                value = build(sub, value, f"{where}.{key}")
            kwargs[names[key]] = value
        return cls(**kwargs)  # TypeError when a required property is missing

    return build(om.SarifLog, doc, "sarifLog")


def check_uri(uri, where):
    check(uri == urllib.parse.quote(urllib.parse.unquote(uri), safe="/:%"),
          f"{where}: uri not percent-encoded: {uri!r}")
    check(not uri.startswith("/") and " " not in uri, f"{where}: bad uri {uri!r}")


def validate_sarif(doc, path, schema):
    import jsonschema
    try:
        jsonschema.Draft7Validator(schema).validate(doc)
    except jsonschema.ValidationError as e:
        check(False, f"{path}: schema: {e.message} at {list(e.absolute_path)}")
        return False
    try:
        sarif_om_load(doc)
    except (ValueError, TypeError) as e:
        check(False, f"{path}: SARIF object model: {e}")
        return False
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for i, r in enumerate(run.get("results", [])):
        if "ruleIndex" in r:
            check(rules[r["ruleIndex"]]["id"] == r["ruleId"], f"{path}: result {i}: ruleIndex")
        for loc in r.get("locations", []) + r.get("relatedLocations", []):
            check_uri(loc["physicalLocation"]["artifactLocation"]["uri"], f"{path}: result {i}")
    return True


def check_sarif(tekigo, src, samples_dir):
    try:
        import jsonschema  # noqa: F401
        import sarif_om  # noqa: F401
    except ImportError as e:
        print(f"SKIP: {e} (scripts/install-deps.sh test installs python3-jsonschema and python3-sarif-python-om)")
        sys.exit(77)
    with open(os.path.join(HERE, "sarif-2.1.0-subset.schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    ref = reference(tekigo, src)
    mapping = {"fail": ("fail", "error"), "warn": ("fail", "warning"),
               "unknown": ("open", "none"), "manual": ("review", "none")}
    for lang in ("en", "ja"):
        where = f"sarif ({lang})"
        doc = json.loads(run_tekigo(tekigo, src, "--format", "sarif", "--lang", lang))
        if not validate_sarif(doc, where, schema):
            continue
        run = doc["runs"][0]
        check(run["tool"]["driver"]["name"] == "tekigo", f"{where}: driver name")
        rules = run["tool"]["driver"]["rules"]
        ids = [r["id"] for r in rules]
        policy_ids = [r["id"] for r in ref["results"][0]["rules"]]
        if len(rules) == 1:
            print(f"NOTE: {where}: tool.driver.rules lists no policy rules "
                  "(PolicyInfo::rules is not filled in by the CLI yet)")
        else:
            check(ids == policy_ids + ["tekigo/unreadable-dump"],
                  f"{where}: driver rules {ids[:5]}... are not the policy's rules in order")
        expected = [(res, rule) for res in ref["results"] for rule in res["rules"]
                    if rule["status"] in mapping]
        results = run["results"]
        check(len(results) == len(expected),
              f"{where}: {len(results)} results for {len(expected)} non-passing outcomes")
        for i, (got, (res, rule)) in enumerate(zip(results, expected)):
            rw = f"{where} result {i} ({rule['id']})"
            check(got["ruleId"] == rule["id"], f"{rw}: ruleId {got['ruleId']}")
            check((got["kind"], got["level"]) == mapping[rule["status"]], f"{rw}: kind/level")
            subject = res["subject"] or res["source"]
            check(got["message"]["text"].startswith(subject + ": "), f"{rw}: message")
            check(got["properties"]["subject"] == res["subject"], f"{rw}: subject")
            check(got["properties"]["source"] == res["source"], f"{rw}: source")
            loc = got["locations"][0]["physicalLocation"]
            file, line, column = rule["decided_by"].rsplit(":", 2)
            check(urllib.parse.unquote(loc["artifactLocation"]["uri"]) == file,
                  f"{rw}: location {loc['artifactLocation']['uri']} is not {file}")
            check(loc["region"]["startLine"] == int(line), f"{rw}: startLine")
            check(loc["region"]["startColumn"] == int(column), f"{rw}: startColumn")
        # SARIF's summary is the totals and the unknown rules (which no result shows as a
        # whole); the json summary's other lists are not repeated there (the results name
        # every terminal that did not pass).
        summary = run["properties"]["summary"]
        totals = {k: ref["summary"][k] for k in ("terminals", "verdicts", "rules_unknown")}
        totals["most_unknown_rules"] = [{"id": r["id"], "unknown": r["unknown"]}
                                        for r in ref["summary"]["most_unknown_rules"]]
        check(summary == totals, f"{where}: summary {summary}")
    for path in samples(samples_dir, "sarif"):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        if not validate_sarif(doc, path, schema):
            continue
        run = doc["runs"][0]
        check(len(run["tool"]["driver"]["rules"]) == 7, f"{path}: rules")
        check(run["tool"]["driver"].get("version") == "0.1.0", f"{path}: version")
        kinds = [(r["ruleId"], r["kind"], r["level"]) for r in run["results"]]
        check(len(kinds) == 9, f"{path}: {len(kinds)} results, expected 9: {kinds}")
        check(kinds[-1] == ("tekigo/unreadable-dump", "fail", "error"), f"{path}: bad dump")
        check(all("ruleIndex" in r for r in run["results"]), f"{path}: ruleIndex missing")
        check(run["invocations"][0]["executionSuccessful"] is False, f"{path}: invocation")


# ---- markdown -----------------------------------------------------------------------------

class Tables(html.parser.HTMLParser):
    """The tables of an HTML page as lists of rows of cell texts, and every tag seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.tags, self.headings = [], [], []
        self._cell = None
        self._heading = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ""
        elif tag in ("h1", "h2", "h3", "h4"):
            self._heading = [tag, ""]

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(self._cell.strip())
            self._cell = None
        elif tag in ("h1", "h2", "h3", "h4") and self._heading:
            self.headings.append(tuple(self._heading))
            self._heading = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        if self._heading is not None:
            self._heading[1] += data


def render_markdown(text, where):
    proc = subprocess.run(["cmark-gfm", "--unsafe", "-e", "table", "-e", "strikethrough",
                           "-e", "autolink", "--to", "html"], input=text.encode("utf-8"),
                          capture_output=True, timeout=60)
    check(proc.returncode == 0, f"{where}: cmark-gfm failed")
    page = Tables()
    page.feed(proc.stdout.decode("utf-8"))
    # <a> only from GFM's autolinks of URLs in the text (a dump's proxy setting); never <img>.
    allowed = {"h1", "h2", "h3", "h4", "p", "ul", "li", "strong", "table", "thead", "tbody",
               "tr", "th", "td", "br", "code", "a"}
    check(set(page.tags) <= allowed, f"{where}: unexpected HTML {set(page.tags) - allowed}")
    return page


def check_markdown(tekigo, src, samples_dir):
    need("cmark-gfm", "cmark-gfm")
    ref = reference(tekigo, src)
    n = len(ref["results"])
    labels = {"en": {"pass": "PASS", "warn": "WARN", "fail": "FAIL", "unknown": "UNKNOWN",
                     "manual": "MANUAL", "error": "ERROR"},
              "ja": {"pass": "合格", "warn": "警告", "fail": "不合格", "unknown": "不明",
                     "manual": "要確認", "error": "エラー"}}
    for lang in ("en", "ja"):
        ref = reference(tekigo, src, lang)
        where = f"markdown ({lang})"
        text = run_tekigo(tekigo, src, "--format", "markdown", "--lang", lang)
        page = render_markdown(text, where)
        check(page.headings[0] == ("h1", ref["policy"]["title"]), f"{where}: title {page.headings[0]}")
        # The terminal table, the most failed rules, the unknown rules (when some were), then a
        # rules table per terminal.
        unknown = ref["summary"]["most_unknown_rules"]
        first = 3 if unknown else 2
        check(len(page.tables) == first + n, f"{where}: {len(page.tables)} tables for {n} terminals")
        if unknown:
            rows = page.tables[2][1:]
            # the Rule column: the rule's sentence, then its id as code (its last word)
            check([[r[0], r[2].rsplit(" ", 1)[-1]] for r in rows] == [[str(u["unknown"]), u["id"]] for u in unknown],
                  f"{where}: unknown rules table {rows}")
        summary = page.tables[0]
        check(len(summary) == 1 + n, f"{where}: terminal table has {len(summary) - 1} rows")
        for row, res in zip(summary[1:], ref["results"]):
            check(len(row) == 10, f"{where}: terminal row has {len(row)} cells: {row}")
            check(row[1] == (res["subject"] or res["source"]), f"{where}: row {row[0]} subject")
            check(row[2] == res["source"], f"{where}: row {row[0]} source")
            check(row[3] == labels[lang][res["verdict"]], f"{where}: row {row[0]} verdict")
            statuses = [r["status"] for r in res["rules"]]
            counts = [str(statuses.count(s)) for s in
                      ("pass", "warn", "fail", "unknown", "manual", "n/a")]
            check(row[4:] == counts, f"{where}: row {row[0]} counts {row[4:]} != {counts}")
        h3 = [h for tag, h in page.headings if tag == "h3"]
        for i, res in enumerate(ref["results"]):
            name = res["subject"] or res["source"]
            heading = f"{i + 1}. {name} — {labels[lang][res['verdict']]}"
            check(heading in h3, f"{where}: no heading {heading!r}")
            table = page.tables[first + i]
            check(len(table) == 1 + len(res["rules"]), f"{where}: {name}: rules table rows")
            for row, rule in zip(table[1:], res["rules"]):
                check([row[1], row[2].rsplit(" ", 1)[-1]] == [rule["cite"], rule["id"]],
                      f"{where}: {name}: {row[:3]}")
                message = rule["message"] or rule["title"]
                if "attestation" in rule:  # then who attested the fact that decided it
                    a = res["attestations"][rule["attestation"]]
                    check(row[3].startswith(message + " — ") and a["by"] in row[3],
                          f"{where}: {name} {rule['id']}: message {row[3]!r}")
                else:
                    check(row[3] == message, f"{where}: {name} {rule['id']}: message {row[3]!r}")
    for path in samples(samples_dir, "md"):
        with open(path, encoding="utf-8") as f:
            page = render_markdown(f.read(), path)
        # The terminal table, the most failed rules, the unknown rules, a rules table per
        # terminal but the bad dump.
        check(len(page.tables) == 3 + 3, f"{path}: {len(page.tables)} tables")
        check(all(len(r) == 10 for r in page.tables[0]), f"{path}: terminal table shape")
        check(page.tables[0][2][1].startswith("<script>alert(1)</script><img src=x"),
              f"{path}: hostile subject not shown as text: {page.tables[0][2][1][:40]!r}")
        check(all(len(r) == 3 for r in page.tables[2]), f"{path}: unknown rules table shape")
        for table in page.tables[3:]:
            check(all(len(r) == 4 for r in table), f"{path}: a rules table is not 4 columns")


def main():
    if len(sys.argv) not in (4, 5):
        print(__doc__, file=sys.stderr)
        return 2
    tekigo, src, case = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    samples_dir = sys.argv[4] if len(sys.argv) == 5 else None
    cases = {"jsonl": check_jsonl, "junit": check_junit, "sarif": check_sarif,
             "markdown": check_markdown}
    if case not in cases:
        print(f"unknown case {case}; one of {', '.join(cases)}", file=sys.stderr)
        return 2
    cases[case](tekigo, src, samples_dir)
    for p in problems:
        print(f"FAIL: {p}")
    if not problems:
        print(f"ok: {case}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
