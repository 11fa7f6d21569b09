#!/usr/bin/env python3
"""Mutation check of a policy's test suite: does `tekigo test` catch small mistakes?

Small single edits are made to the policy text, mechanically, from what the text holds — every
bare literal (versions, releases, ports, sizes, addresses, host names, words such as OS
families, browsers, editions, protocols, line types, enumerated values, true/false), every
comparison operator and `and`/`or`/`not`, every status (pass/warn/fail, line classes), every
string (messages, sentences, citations, labels, purposes; note texts), every note reference,
every pattern (widened: an anchor dropped, words left out; narrowed: an anchor added, an
alternative or an optional part dropped, a typo), and every line of a rule's body and every
matrix row (removed) — but not a rule's `rationale` (its string or its line) nor a `clause` of
the outline, which are documentary: they decide nothing, like a comment or a translation. Nothing is a hand-picked list, so the check follows the policy when it
is revised.

For each edit (a mutant):
  - it must compile (`tekigo graph --format text`), else it is left out: the compiler caught it;
  - its compiled graph must differ from the policy's (the same text: the edit changes nothing
    evaluation sees — a comment, a section's title, an equal way of writing a value: not a
    mutant);
  - `tekigo test MUTANT CASES` must then fail (exit 1, or 2 when a case names a rule the mutant
    lost): the mutant is killed. A mutant the suite passes survives.

Some edits change the graph but not what any dump gives: in "soliton keymanager|keymanager"
the second alternative matches whatever the first does, so dropping the first changes nothing.
No suite can kill such a mutant; it is listed, edit by edit as this script names it, with the
reason, in `_equivalent-mutants.txt` in the cases' folder, and counted apart. An entry that no
edit matches any more, or whose mutant the suite kills, is reported as stale.

The score is killed / (killed + survived). Every survivor is listed with the edit. Exit 0 when
none survives, 1 otherwise, 2 when the policy itself does not pass its suite.

usage: mutation_check.py TEKIGO POLICY [--cases DIR] [--jobs N] [--list]
"""
import argparse
import concurrent.futures
import os
import pathlib
import re
import subprocess
import sys
import tempfile

# ---- reading the policy text ------------------------------------------------------------------

TOKEN = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<newline>\n)
  | (?P<space>[ \t\r]+)
  | (?P<op>==|!=|<=|>=|<|>|~)
  | (?P<punct>[{}(),;])
  | (?P<bare>[^\s{}(),;"\#=!<>~]+)
''', re.X)

RULE_KINDS = {"check", "manual", "matrix", "resolve", "flow", "forbid", "line"}
OS_FAMILIES = ["windows", "macos", "linux"]
BROWSERS = ["ie", "edge", "chrome", "safari", "firefox", "chromium"]
LINE_TYPES = ["fiber", "isdn", "adsl", "mobile", "catv", "public_wifi", "leased_line", "closed_ip_vpn"]
LINE_CLASSES = ["recommended", "usable", "unusable"]
PROTOCOLS = ["tcp", "udp"]
ENUM_SETS = [OS_FAMILIES, BROWSERS, LINE_TYPES, PROTOCOLS, ["running", "stopped"],
             ["auto", "manual", "disabled"], ["dns", "hosts", "proxy", "none"],
             ["open", "closed", "filtered", "error"]]
LANG_TAGS = {"ja", "en"}
STATUS_SWAP = {"pass": "warn", "warn": "fail", "fail": "warn"}
OP_SWAP = {"==": "!=", "!=": "==", "<=": "<", "<": "<=", ">=": ">", ">": ">="}
SIZE = re.compile(r"^(\d+)(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")
IPV4 = re.compile(r"^(\d+)\.(\d+)\.(\d+)\.(\d+)$")
VERSION = re.compile(r"^\d+(\.\d+)*(\.(x|X|\*))?$")
RELEASE = re.compile(r"^(\d\d)([Hh])([12])$")
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
HOST = re.compile(r"^[A-Za-z][A-Za-z0-9-]*(\.[A-Za-z0-9-]+)+\.?$")


class Token:
    def __init__(self, kind, text, start, line, col):
        self.kind, self.text, self.start, self.line, self.col = kind, text, start, line, col

    @property
    def end(self):
        return self.start + len(self.text)


def tokens_of(text):
    out, line, line_start = [], 1, 0
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        out.append(Token(kind, m.group(), m.start(), line, m.start() - line_start + 1))
        if kind == "newline":
            line += 1
            line_start = m.end()
    return out


class Mutant:
    def __init__(self, where, what, text):
        self.where, self.what, self.text = where, what, text


def replaced(text, start, end, new):
    return text[:start] + new + text[end:]


def bump(number, delta):
    """'05042' + 1 -> '05043' (keeps the width)."""
    value = int(number) + delta
    if value < 0:
        return None
    return str(value).zfill(len(number))


def numeric_mutations(tok):
    """Versions, releases, ports, counts: the last component one more and one less."""
    parts = tok.split(".")
    wildcard = parts[-1] in ("x", "X", "*")
    core = parts[:-1] if wildcard else parts
    out = []
    for delta in (1, -1):
        b = bump(core[-1], delta)
        if b is not None:
            out.append(".".join(core[:-1] + [b] + (parts[-1:] if wildcard else [])))
    return out


def next_in(values, word):
    i = values.index(word)
    return values[(i + 1) % len(values)]


def literal_mutations(word, context):
    """Edits of one bare word, given the words before it on its line."""
    head = context[0] if context else ""
    prev = context[-1] if context else ""
    low = word.lower()
    if "..." in word:
        return []
    if ".." in word:  # a range: 9..11
        a, b = word.split("..", 1)
        out = [f"{x}..{b}" for x in numeric_mutations(a)] if VERSION.match(a) else []
        out += [f"{a}..{x}" for x in numeric_mutations(b)] if VERSION.match(b) else []
        return out
    if m := IPV4.match(word):
        last = int(m.group(4))
        return [f"{m.group(1)}.{m.group(2)}.{m.group(3)}.{v}" for v in (last + 1, last - 1) if 0 <= v <= 255]
    if m := DATE.match(word):
        import datetime
        d = datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return [(d + datetime.timedelta(days=k)).isoformat() for k in (1, -1)]
    if m := SIZE.match(word):
        n, unit = m.group(1), m.group(2)
        out = [f"{v}{unit}" for v in (bump(n, 1), bump(n, -1)) if v is not None]
        if unit.endswith("iB"):
            out.append(f"{n}{unit[0]}B")
        return out
    if m := RELEASE.match(word):
        return [f"{m.group(1)}{m.group(2)}{'2' if m.group(3) == '1' else '1'}"]
    if VERSION.match(word):
        return numeric_mutations(word)
    if HOST.match(word) and "." in word and head in ("name", "to"):
        first = word[0]
        return [("n" if first != "n" else "m") + word[1:]]
    if low in ("true", "false"):
        return ["false" if low == "true" else "true"]
    if low in ("and", "or"):
        return ["or" if low == "and" else "and"]
    if low == "not":
        return [""]
    if low in STATUS_SWAP and (prev in ("otherwise", "}") or head in ("pass", "warn", "fail")
                               or head == "unless" or prev.startswith("network.") or head == "warn"):
        return [STATUS_SWAP[low]]
    if low in LINE_CLASSES and prev == "":
        return [c for c in LINE_CLASSES if c != low]
    if head == "os" and low in OS_FAMILIES and prev == "os":
        return [next_in(OS_FAMILIES, low)]
    if head == "browsers" and low in BROWSERS:
        return [next_in(BROWSERS, low)]
    if "edition" in context and head == "os":
        return [word + "X"]
    if head == "protocol" and low in PROTOCOLS:
        return [next_in(PROTOCOLS, low)]
    if head in LINE_CLASSES and low in LINE_TYPES:
        return [next_in(LINE_TYPES, low)]
    if prev in ("==", "!=", "in", ","):
        for values in ENUM_SETS:
            if low in values:
                return [next_in(values, low)]
    return []


def pattern_mutations(p):
    """Patterns widened (an anchor dropped, words left out, an optional part made so) and
    narrowed (an anchor added, an alternative or an optional part dropped, a typo)."""
    out = []
    if p.startswith("^"):
        out.append(("unanchored at the start", p[1:]))
    else:
        out.append(("anchored at the start", "^" + p))
    if p.endswith("$") and not p.endswith("\\$"):
        out.append(("unanchored at the end", p[:-1]))
    else:
        out.append(("anchored at the end", p + "$"))
    # top-level alternatives
    alts, depth, start = [], 0, 0
    for i, c in enumerate(p):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            alts.append(p[start:i])
            start = i + 1
    alts.append(p[start:])
    if len(alts) > 1:
        for k in range(len(alts)):
            out.append((f"alternative `{alts[k]}` dropped", "|".join(alts[:k] + alts[k + 1:])))
    for k, alt in enumerate(alts):
        words = alt.split(" ")
        if len(words) > 1:
            for label, kept in (("its last word", words[:-1]), ("all but its first word", words[:1])):
                new_alt = " ".join(kept)
                if new_alt and new_alt != alt:
                    out.append((f"`{alt}` without {label}", "|".join(alts[:k] + [new_alt] + alts[k + 1:])))
    # optional groups and characters: `(s)?`, ` ?`, `( |$)`
    for m in re.finditer(r"\([^()]*\)\?|.\?", p):
        out.append((f"`{m.group()}` required", p[:m.start()] + m.group()[:-1] + p[m.end():]))
        out.append((f"`{m.group()}` dropped", p[:m.start()] + p[m.end():]))
    for m in re.finditer(r"\([^()|]*\|\$\)", p):
        out.append((f"`{m.group()}` dropped", p[:m.start()] + p[m.end():]))
    for m in re.finditer(r"\.\*", p):
        out.append(("`.*` as one space", p[:m.start()] + " " + p[m.end():]))
    # a typo in the longest plain word: two letters swapped
    words = re.findall(r"[A-Za-z]{4,}", p)
    if words:
        w = max(words, key=len)
        i = p.index(w)
        typo = w[0] + w[2] + w[1] + w[3:]
        if typo != w:
            out.append((f"typo in `{w}`", p[:i] + typo + p[i + len(w):]))
    seen, unique = {p}, []
    for label, new in out:
        if new not in seen and new != "":
            seen.add(new)
            unique.append((label, new))
    return unique


def mutants_of(text):
    toks = tokens_of(text)
    mutants = []

    def where(t):
        return f"line {t.line}:{t.col}"

    # Skip the header (`policy ID { … }`): it is not part of the graph.
    i, header_end = 0, 0
    while i < len(toks) and not (toks[i].kind == "bare" and toks[i].text == "policy"):
        i += 1
    depth = 0
    for j in range(i, len(toks)):
        if toks[j].text == "{":
            depth += 1
        elif toks[j].text == "}":
            depth -= 1
            if depth == 0:
                header_end = j + 1
                break

    # Walk the rest: per line, the words before each token; rule bodies for line deletions.
    line_words = []
    depth = 0
    rule_depth = None       # brace depth at which the current rule's body opened
    row_start = None        # token index of a `row` line
    row_depth = None
    prev_sig = None
    line_start_tok = header_end
    lines_in_rules = {}     # line number -> (start offset, end offset) of lines inside rule bodies
    declared_notes = []
    for idx in range(header_end, len(toks)):
        t = toks[idx]
        if t.kind == "newline":
            line_words = []
            continue
        if t.kind in ("space", "comment"):
            continue
        if t.kind == "punct":
            if t.text == "{":
                depth += 1
                if line_words and line_words[0] in RULE_KINDS and rule_depth is None:
                    rule_depth = depth
                if line_words and line_words[0] == "row":
                    row_depth = depth
            elif t.text == "}":
                if row_depth is not None and depth == row_depth:
                    row_depth = None
                if rule_depth is not None and depth == rule_depth:
                    rule_depth = None
                depth -= 1
            if t.text != ",":
                line_words.append(t.text)
            else:
                line_words.append(",")
            continue
        if rule_depth is not None and depth >= rule_depth:
            lines_in_rules.setdefault(t.line, True)
        if t.kind == "op":
            if t.text in OP_SWAP:
                mutants.append(Mutant(where(t), f"`{t.text}` → `{OP_SWAP[t.text]}`",
                                      replaced(text, t.start, t.end, OP_SWAP[t.text])))
            line_words.append(t.text)
            continue
        if t.kind == "string":
            body = t.text[1:-1]
            prev = line_words[-1] if line_words else ""
            head = line_words[0] if line_words else ""
            if head in ("rationale", "clause"):
                pass  # documentary: a reading, the outline (docs/testing.md)
            elif prev in LANG_TAGS:
                # A translation (`"…" ja "…"`): the same sentence in the other language. The
                # suite pins what is decided and the words of one language; wording in the
                # other is reviewed as text (`tekigo diff` lists it as a change of wording),
                # so editing it is no mutant (docs/testing.md).
                pass
            elif prev == "~":
                for label, new in pattern_mutations(body):
                    mutants.append(Mutant(where(t), f"pattern `{body}`: {label} → `{new}`",
                                          replaced(text, t.start, t.end, '"' + new + '"')))
            else:
                num = re.search(r"\d+", body)
                if num and head != "note":
                    new = body[:num.start()] + str(int(num.group()) + 1) + body[num.end():]
                    what = f"string `{body[:40]}`: {num.group()} → {int(num.group()) + 1}"
                else:
                    new = body + " (changed)"
                    what = f"{'note text' if head == 'note' else 'string'} `{body[:40]}` changed"
                mutants.append(Mutant(where(t), what, replaced(text, t.start, t.end, '"' + new + '"')))
            line_words.append("STRING")
            continue
        # bare word
        word = t.text
        if word.startswith("※"):
            head = line_words[0] if line_words else ""
            if head == "note" and len(line_words) == 1:
                declared_notes.append(word)
            elif "notes" in line_words:
                others = [n for n in declared_notes if n != word]
                if others:
                    mutants.append(Mutant(where(t), f"note reference {word} → {others[0]}",
                                          replaced(text, t.start, t.end, others[0])))
                # the reference dropped (with its comma, or `notes` itself when it is alone)
                k = idx - 1
                while toks[k].kind == "space":
                    k -= 1
                nxt = idx + 1
                while nxt < len(toks) and toks[nxt].kind == "space":
                    nxt += 1
                if toks[k].text == ",":
                    mutants.append(Mutant(where(t), f"note reference {word} dropped",
                                          replaced(text, toks[k].start, t.end, "")))
                elif nxt < len(toks) and toks[nxt].text == ",":
                    end = toks[nxt].end
                    while end < len(text) and text[end] == " ":
                        end += 1
                    mutants.append(Mutant(where(t), f"note reference {word} dropped",
                                          replaced(text, t.start, end, "")))
                else:
                    notes_tok = toks[k]
                    if notes_tok.text == "notes":
                        mutants.append(Mutant(where(t), f"note reference {word} dropped",
                                              replaced(text, notes_tok.start - 1, t.end, "")))
            line_words.append(word)
            continue
        for new in literal_mutations(word, line_words):
            what = f"`{word}` → `{new}`" if new else f"`{word}` dropped"
            end = t.end
            if not new:  # `not x` → `x`: the space after goes too
                while end < len(text) and text[end] == " ":
                    end += 1
            mutants.append(Mutant(where(t), what, replaced(text, t.start, end, new)))
        line_words.append(word)

    # Lines of rule bodies removed; rows removed (the whole block).
    lines = text.split("\n")
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    for number in sorted(lines_in_rules):
        ln = lines[number - 1]
        stripped = ln.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("rationale "):
            continue  # a comment, or a rationale: documentary (docs/testing.md)
        code = re.sub(r'"(?:[^"\\]|\\.)*"', '""', stripped)
        if code.count("{") != code.count("}"):
            if stripped.startswith("row "):
                # the row and its block, up to the line that closes it
                depth, end = 0, number - 1
                for k in range(number - 1, len(lines)):
                    c = re.sub(r'"(?:[^"\\]|\\.)*"', '""', lines[k].split("#")[0])
                    depth += c.count("{") - c.count("}")
                    if depth == 0:
                        end = k
                        break
                start_off = offsets[number - 1]
                end_off = offsets[end] + len(lines[end]) + 1
                mutants.append(Mutant(f"line {number}", f"row removed: {stripped[:50]}",
                                      text[:start_off] + text[end_off:]))
            continue
        if code in ("}",):
            continue
        start_off = offsets[number - 1]
        mutants.append(Mutant(f"line {number}", f"line removed: {stripped[:60]}",
                              text[:start_off] + text[start_off + len(ln) + 1:]))

    unique, seen = [], {text}
    for m in mutants:
        if m.text not in seen:
            seen.add(m.text)
            unique.append(m)
    return unique


# ---- running them ---------------------------------------------------------------------------

def run(args, timeout=120):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tekigo")
    ap.add_argument("policy")
    ap.add_argument("--cases", help="the cases (default: <policy stem>.tests/ beside it)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--list", action="store_true", help="list the mutants and stop")
    opts = ap.parse_args()

    policy = pathlib.Path(opts.policy)
    cases = pathlib.Path(opts.cases) if opts.cases else policy.with_name(policy.stem + ".tests")
    text = policy.read_text(encoding="utf-8")
    mutants = mutants_of(text)
    if opts.list:
        for m in mutants:
            print(f"{m.where}: {m.what}")
        print(f"{len(mutants)} mutants")
        return 0

    baseline = run([opts.tekigo, "graph", "--format", "text", str(policy)])
    if baseline.returncode != 0:
        print(f"{policy}: does not compile\n{baseline.stderr}")
        return 2
    own = run([opts.tekigo, "test", str(policy), str(cases)])
    if own.returncode != 0:
        print(f"{policy}: does not pass its own suite\n{own.stdout}{own.stderr}")
        return 2

    tmp = tempfile.TemporaryDirectory(prefix="tekigo-mutants-")

    def judge(k, m):
        path = pathlib.Path(tmp.name) / f"mutant-{k}.tkg"
        path.write_text(m.text, encoding="utf-8")
        graph = run([opts.tekigo, "graph", "--format", "text", str(path)])
        if graph.returncode != 0:
            return "invalid"
        if graph.stdout == baseline.stdout:
            return "equivalent"
        test = run([opts.tekigo, "test", "--format", "json", str(path), str(cases)])
        return "survived" if test.returncode == 0 else "killed"

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        verdicts = list(pool.map(lambda km: judge(*km), enumerate(mutants)))
    tmp.cleanup()

    listed = {}
    listing = cases / "_equivalent-mutants.txt"
    if listing.exists():
        for line in listing.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                listed[line.strip()] = False
    for k, (m, v) in enumerate(zip(mutants, verdicts)):
        if m.what in listed:
            listed[m.what] = True
            if v == "survived":
                verdicts[k] = "equivalent in effect"
    counts = {v: verdicts.count(v)
              for v in ("killed", "survived", "equivalent", "equivalent in effect", "invalid")}
    real = counts["killed"] + counts["survived"]
    score = 100.0 * counts["killed"] / real if real else 100.0
    print(f"{policy}: {len(mutants)} edits — {real} mutants; left out: {counts['equivalent']} "
          f"that the compiled graph does not see, {counts['equivalent in effect']} listed as "
          f"equivalent in effect ({listing.name}), {counts['invalid']} that do not compile")
    print(f"mutation score: {counts['killed']}/{real} killed ({score:.1f}%)")
    survivors = [m for m, v in zip(mutants, verdicts) if v == "survived"]
    for m in survivors:
        print(f"  survived: {m.where}: {m.what}")
    for what, seen in listed.items():
        if not seen:
            print(f"  stale entry in {listing.name} (no such edit any more): {what}")
    for m, v in zip(mutants, verdicts):
        if m.what in listed and v == "killed":
            print(f"  stale entry in {listing.name} (the suite kills it): {m.what}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
