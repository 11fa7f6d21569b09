#!/usr/bin/env python3
"""Checks `tekigo doc --format html` in a real browser (Debian's chromium, headless).

Usage: check_doc_html.py TEKIGO SOURCE_DIR

On the bundled policy with its cases and the example dumps, in English and in Japanese:
  - statically: no <script> at all, no element that fetches (img, link, iframe, object…), every
    href a fragment naming an id of the page, a Content-Security-Policy of `default-src 'none'`,
    the page's lang, every table row with as many cells as its head has columns;
  - in Chromium (--dump-dom): no console error and no CSP report, the same headings and tables
    as the file (nothing added or lost by the parser);
  - printed (--print-to-pdf): a PDF of several pages.
Exit 0 when every check holds, 1 with a list of what did not, 77 when chromium is missing.
"""
import html.parser
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
FETCHING = {"script", "img", "link", "iframe", "object", "embed", "video", "audio", "source"}

problems = []


def check(ok, what):
    if not ok:
        problems.append(what)
    return ok


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.ids, self.hrefs = [], set(), []
        self.tables = []  # [header cells, [row cell counts]]
        self.headings = []
        self._cells = None
        self._in_head = False
        self._heading = None
        self.lang = None
        self.csp = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = a.get("content")
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "table":
            self.tables.append([0, []])
        if tag == "thead":
            self._in_head = True
        if tag == "tr":
            self._cells = 0
        if tag in ("td", "th") and self._cells is not None:
            self._cells += 1
        if re.fullmatch(r"h[1-4]", tag):
            self._heading = ""

    def handle_endtag(self, tag):
        if tag == "tr" and self.tables:
            if self._in_head:
                self.tables[-1][0] = self._cells
            else:
                self.tables[-1][1].append(self._cells)
            self._cells = None
        if tag == "thead":
            self._in_head = False
        if re.fullmatch(r"h[1-4]", tag) and self._heading is not None:
            self.headings.append(self._heading.strip())
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading += data


def parse(text):
    p = Page()
    p.feed(text)
    return p


def static_checks(page, where, lang):
    check(page.lang == lang, f"{where}: <html lang> is {page.lang!r}, not {lang!r}")
    check(page.csp is not None and "default-src 'none'" in page.csp and "script" not in page.csp,
          f"{where}: Content-Security-Policy {page.csp!r}")
    for tag in FETCHING & set(page.tags):
        check(False, f"{where}: a <{tag}> element")
    for href in page.hrefs:
        check(href.startswith("#") and href[1:] in page.ids,
              f"{where}: href {href!r} is not a fragment of the page")
    check(len(page.tables) >= 6, f"{where}: {len(page.tables)} tables (expected the matrix, the "
          "names, 別表, the flows, the line types and the traceability)")
    for i, (head, rows) in enumerate(page.tables):
        check(rows, f"{where}: table {i} has no rows")
        for n in rows:
            check(n == head, f"{where}: table {i} has a row of {n} cells under {head} columns")


def chromium_dom(chromium, path, where):
    with tempfile.TemporaryDirectory() as profile:
        proc = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                               "--dump-dom", "file://" + os.path.abspath(path)],
                              capture_output=True, timeout=120)
    err = proc.stderr.decode(errors="replace")
    check(proc.returncode == 0, f"{where}: chromium exit {proc.returncode}: {err[-2000:]}")
    for line in err.splitlines():
        if ("Uncaught" in line or "Content Security Policy" in line or "Refused to" in line
                or ("CONSOLE" in line and "error" in line.lower())):
            check(False, f"{where}: console: {line.strip()[:300]}")
    return proc.stdout.decode("utf-8")


def printed_pages(chromium, path, where):
    with tempfile.TemporaryDirectory() as work:
        pdf = os.path.join(work, "doc.pdf")
        proc = subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={work}/profile",
                               "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                               "file://" + os.path.abspath(path)], capture_output=True, timeout=120)
        if not check(proc.returncode == 0 and os.path.exists(pdf),
                     f"{where}: --print-to-pdf failed: {proc.stderr.decode(errors='replace')[-1000:]}"):
            return 0
        data = open(pdf, "rb").read()
        return len(re.findall(rb"/Type\s*/Page[^s]", data))


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    tekigo, src = sys.argv[1], sys.argv[2]
    chromium = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                     if shutil.which(n)), None)
    if not chromium:
        print("chromium not found: skipped")
        return 77
    with tempfile.TemporaryDirectory() as work:
        for lang in ("en", "ja"):
            where = f"doc --lang {lang}"
            out = os.path.join(work, f"doc-{lang}.html")
            proc = subprocess.run([tekigo, "doc", os.path.join(src, POLICY), "--format", "html",
                                   "--lang", lang, "--examples", os.path.join(src, DUMPS),
                                   "--as-of", "2021-01-20", "-o", out],
                                  capture_output=True, text=True, timeout=300)
            if not check(proc.returncode == 0, f"{where}: exit {proc.returncode}: {proc.stderr}"):
                continue
            text = open(out, encoding="utf-8").read()
            page = parse(text)
            static_checks(page, where, lang)
            dom = parse(chromium_dom(chromium, out, where))
            check(dom.headings == page.headings,
                  f"{where}: Chromium's DOM has other headings than the file")
            check([t[0] for t in dom.tables] == [t[0] for t in page.tables],
                  f"{where}: Chromium's DOM has other tables than the file")
            pages = printed_pages(chromium, out, where)
            check(pages >= 3, f"{where}: printed to {pages} pages")
            print(f"{where}: {len(page.headings)} headings, {len(page.tables)} tables, "
                  f"{pages} printed pages")
    for p in problems:
        print("FAIL:", p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
