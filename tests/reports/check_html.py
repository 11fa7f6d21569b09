#!/usr/bin/env python3
"""Checks the html report in a real browser (Debian's chromium, headless).

Usage: check_html.py TEKIGO SOURCE_DIR [SAMPLES_DIR]

On the bundled policy and example dumps (English and Japanese), on hostile dumps (markup in
the subject, in a software name, in a file name, and a dump that cannot be read), and on the
samples of tekigo_report_samples:
  - statically: one inline <script>, no src, every href a fragment, no http(s) URL outside
    text, a Content-Security-Policy whose sha256 is that of the script;
  - in Chromium (--dump-dom, the DOM after the script ran): the script ran (data-ready), no
    console error or CSP report, the summary table has a row per terminal, `#show=fail`
    leaves only the failing terminals visible (rows and sections), the filter's counts are
    the batch's, and no element came from a dump (a single <script>, no <img>).
Exit 0 when every check holds, 1 with a list of what did not, 77 when chromium is missing.
"""
import base64
import hashlib
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

POLICY = "policies/gan-touroku-online.tkg"
DUMPS = "examples/dumps"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--enable-logging=stderr",
                  "--v=0"]
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(2)>"

problems = []


def check(ok, what):
    if not ok:
        problems.append(what)
    return ok


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


class Page(html.parser.HTMLParser):
    """What the checks need from a page (the file or the DOM Chromium dumped)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []  # (tag, attrs dict)
        self.rows = []  # summary rows: (verdict, hidden)
        self.sections = []  # (verdict, hidden)
        self.counts = {}  # filter checkbox value → count text
        self.texts = {}  # id → text
        self.scripts = []  # inline script texts
        self._in_summary = False
        self._box = None
        self._capture = None
        self._script = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "table" and a.get("id") == "summary":
            self._in_summary = True
        elif tag == "tr" and self._in_summary and "data-verdict" in a:
            self.rows.append((a["data-verdict"], "hidden" in a))
        elif tag == "section" and "terminal" in a.get("class", "").split():
            self.sections.append((a.get("data-verdict"), "hidden" in a))
        elif tag == "input" and a.get("type") == "checkbox":
            self._box = a.get("value")
        elif tag == "span" and a.get("class") == "n" and self._box:
            self._capture = ("count", self._box)
            self.counts[self._box] = ""
        elif "id" in a and tag in ("span", "p", "h2", "title"):
            self._capture = ("id", a["id"])
            self.texts[a["id"]] = ""
        elif tag == "script":
            self._script = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_summary = False
        if tag == "span" or tag in ("p", "h2"):
            self._capture = None
        if tag == "script" and self._script is not None:
            self.scripts.append(self._script)
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script += data
        if self._capture:
            kind, key = self._capture
            (self.counts if kind == "count" else self.texts)[key] += data

    def attr(self, tag, name):
        for t, a in self.tags:
            if t == tag:
                return a.get(name)
        return None


def parse(text):
    page = Page()
    page.feed(text)
    page.close()
    return page


def static_checks(text, where):
    page = parse(text)
    check(text.count("<script") == 1, f"{where}: {text.count('<script')} <script> tags")
    check(len(page.scripts) == 1, f"{where}: no inline script")
    for tag, attrs in page.tags:
        for name in ("src", "srcset", "action", "data", "poster", "formaction"):
            check(name not in attrs, f"{where}: <{tag} {name}=...>")
        if "href" in attrs:
            check(attrs["href"].startswith("#"), f"{where}: <{tag} href={attrs['href']!r}>")
        check(tag not in ("link", "iframe", "object", "embed", "img", "base"),
              f"{where}: a <{tag}> element")
    style = re.search(r"<style>(.*?)</style>", text, re.S)
    check(style and "url(" not in style.group(1) and "@import" not in style.group(1)
          and "@font-face" not in style.group(1), f"{where}: the style fetches something")
    # No http(s) URL anywhere but in text (attribute values are checked above).
    for m in re.finditer(r"https?://", text):
        before = text[max(0, m.start() - 200):m.start()]
        check(before.rfind(">") > before.rfind("<"), f"{where}: a URL inside a tag: "
              f"{text[m.start() - 40:m.start() + 40]!r}")
    csp = None
    for tag, attrs in page.tags:
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            csp = attrs.get("content")
    if check(csp is not None, f"{where}: no Content-Security-Policy"):
        check("default-src 'none'" in csp, f"{where}: CSP {csp}")
        digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
        check(f"script-src 'sha256-{digest}'" in csp,
              f"{where}: the CSP's script hash is not the script's ({digest})")
    check(page.attr("meta", "charset") == "utf-8", f"{where}: no <meta charset=utf-8>")
    return page


def dump_dom(chromium, path, fragment, where):
    url = "file://" + os.path.abspath(path) + (("#" + fragment) if fragment else "")
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                               "--dump-dom", url], capture_output=True, timeout=120)
    err = proc.stderr.decode(errors="replace")
    check(proc.returncode == 0, f"{where}: chromium exit {proc.returncode}: {err[-2000:]}")
    for line in err.splitlines():
        if ("Uncaught" in line or "Content Security Policy" in line or "Refused to" in line
                or ("CONSOLE" in line and ("ERROR" in line or "error" in line.lower()))):
            check(False, f"{where}: console: {line.strip()[:300]}")
    return proc.stdout.decode("utf-8")


def browser_checks(chromium, path, where, ref, lang="en"):
    """The page as loaded, then with #show=fail."""
    n = len(ref["results"])
    verdicts = [r["verdict"] for r in ref["results"]]
    dom = parse(dump_dom(chromium, path, "", where))
    check(dom.attr("html", "data-ready") == "1", f"{where}: the script did not run to its end")
    check(dom.attr("html", "lang") == lang, f"{where}: lang={dom.attr('html', 'lang')}")
    check([v for v, _ in dom.rows] == verdicts, f"{where}: summary rows {dom.rows}")
    check(not any(h for _, h in dom.rows + dom.sections), f"{where}: hidden before filtering")
    check([v for v, _ in dom.sections] == verdicts, f"{where}: sections {dom.sections}")
    check(not any(t == "div" and a.get("id") == "filter" and "hidden" in a for t, a in dom.tags),
          f"{where}: the filter bar is still hidden")
    counts = {v: str(ref["summary"]["verdicts"][v]) for v in ref["summary"]["verdicts"]}
    check(dom.counts == counts, f"{where}: filter counts {dom.counts} != {counts}")
    shown = dom.texts.get("shown", "")
    expected = f"{n} of {n} terminals shown" if lang == "en" else f"{n} 台中 {n} 台を表示"
    check(shown == expected, f"{where}: #shown is {shown!r}")
    check(sum(1 for t, _ in dom.tags if t == "script") == 1, f"{where}: extra <script> in DOM")
    check(not any(t == "img" for t, _ in dom.tags), f"{where}: an <img> in the DOM")

    dom = parse(dump_dom(chromium, path, "show=fail", where + " #show=fail"))
    check(dom.attr("html", "data-show") == "fail",
          f"{where}: #show=fail: data-show={dom.attr('html', 'data-show')}")
    check(len(dom.rows) == n, f"{where}: #show=fail: {len(dom.rows)} rows")
    for kind, items in (("row", dom.rows), ("section", dom.sections)):
        for verdict, hidden in items:
            check(hidden == (verdict != "fail"),
                  f"{where}: #show=fail: a {verdict} {kind} is {'hidden' if hidden else 'shown'}")
    fails = verdicts.count("fail")
    expected = f"{fails} of {n} terminals shown" if lang == "en" else f"{n} 台中 {fails} 台を表示"
    check(dom.texts.get("shown") == expected, f"{where}: #show=fail: {dom.texts.get('shown')!r}")


def run_tekigo(tekigo, src, dumps, out, *args, expect=(1,)):
    with open(out, "wb") as f:
        proc = subprocess.run([tekigo, "check", os.path.join(src, POLICY), dumps,
                               "--format", "html", *args], stdout=f, stderr=subprocess.PIPE,
                              timeout=120)
    check(proc.returncode in expect, f"tekigo {args}: exit {proc.returncode}: "
          f"{proc.stderr.decode(errors='replace')[:500]}")
    with open(out, encoding="utf-8") as f:
        return f.read()


def reference(tekigo, src, dumps):
    proc = subprocess.run([tekigo, "check", os.path.join(src, POLICY), dumps, "--format", "json"],
                          capture_output=True, timeout=120)
    return json.loads(proc.stdout)


def hostile_dumps(src, tmp):
    """The compliant example with markup in its subject, a software name and its file name;
    and a dump that cannot be read, whose text shows in the error."""
    d = os.path.join(tmp, "hostile")
    os.makedirs(d)
    with open(os.path.join(src, DUMPS, "win10-20h2-compliant.json"), encoding="utf-8") as f:
        dump = json.load(f)
    dump["subject"] = HOSTILE
    dump["software"].append({"name": "Bonjour " + HOSTILE, "version": "3.1"})
    with open(os.path.join(d, '"><img src=x onerror=alert(3)>.json'), "w",
              encoding="utf-8") as f:
        json.dump(dump, f, ensure_ascii=False)
    with open(os.path.join(d, "broken.json"), "w", encoding="utf-8") as f:
        f.write('{"schema": "tekigo.facts/1", "subject": "' + HOSTILE + '", ')
    return d


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 2
    tekigo, src = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    samples = sys.argv[3] if len(sys.argv) == 4 else None
    chromium = find_chromium()
    if not chromium:
        print("SKIP: chromium not found (apt-get install chromium; scripts/install-deps.sh test)")
        return 77

    with tempfile.TemporaryDirectory() as tmp:
        dumps = os.path.join(src, DUMPS)
        ref = reference(tekigo, src, dumps)
        check(len(ref["results"]) == 11, f"the examples hold {len(ref['results'])} terminals")
        for lang in ("en", "ja"):
            path = os.path.join(tmp, f"report-{lang}.html")
            text = run_tekigo(tekigo, src, dumps, path, "--lang", lang)
            static_checks(text, f"examples ({lang})")
            browser_checks(chromium, path, f"examples ({lang})", ref, lang)

        hostile = hostile_dumps(src, tmp)
        path = os.path.join(tmp, "hostile.html")
        text = run_tekigo(tekigo, src, hostile, path, expect=(2,))  # a dump is unreadable
        static_checks(text, "hostile")
        check("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in text,
              "hostile: the subject is not shown escaped")
        check("Bonjour &lt;script&gt;alert(1)&lt;/script&gt;" in text,
              "hostile: the software name is not shown escaped in the evidence")
        check("&quot;&gt;&lt;img src=x onerror=alert(3)&gt;.json" in text,
              "hostile: the file name is not shown escaped")
        ref = reference(tekigo, src, hostile)
        check(sorted(r["verdict"] for r in ref["results"]) == ["error", "fail"],
              f"hostile: verdicts {[r['verdict'] for r in ref['results']]}")
        dom_text = dump_dom(chromium, path, "", "hostile")
        dom = parse(dom_text)
        check(dom.attr("html", "data-ready") == "1", "hostile: the script did not run")
        check(sum(1 for t, _ in dom.tags if t == "script") == 1, "hostile: extra <script>")
        check(not any(t == "img" for t, _ in dom.tags), "hostile: an <img> got into the DOM")
        check(not any(k.startswith("on") for _, a in dom.tags for k in a),
              "hostile: an event handler attribute got into the DOM")
        check(HOSTILE.replace("<", "&lt;").replace(">", "&gt;") in dom_text,
              "hostile: the subject is not text in the DOM")

        for path in ([os.path.join(samples, f"samples-{lang}.html") for lang in ("en", "ja")]
                     if samples else []):
            where = os.path.basename(path)
            with open(path, encoding="utf-8") as f:
                static_checks(f.read(), where)
            dom = parse(dump_dom(chromium, path, "show=error", where))
            check(dom.attr("html", "data-ready") == "1", f"{where}: the script did not run")
            check(sum(1 for t, _ in dom.tags if t == "script") == 1, f"{where}: extra <script>")
            check(not any(t == "img" for t, _ in dom.tags), f"{where}: an <img> in the DOM")
            check([h for _, h in dom.rows] == [True, True, True, False],
                  f"{where}: #show=error: rows {dom.rows}")

    for p in problems:
        print(f"FAIL: {p}")
    if not problems:
        print("ok: html")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
