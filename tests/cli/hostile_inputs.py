#!/usr/bin/python3
# tests/cli: hostile input, end to end. Every case named in the "Case" column of
# docs/limits.md is built here, in a temporary directory (a link to /dev/zero, a FIFO, a
# sparse 2 GB file, JSON nested 100,000 deep, a YAML billion laughs, a 6 MB policy…), and the
# built `tekigo` is run on it under a memory limit (RLIMIT_AS, 3 GiB) and a wall-clock limit
# (60 s). Each run must end by itself, without a signal, with the exit code of an input error
# (2, docs/errors.md) or the documented result, and say what is wrong naming the input (the
# file, and the line and column or the fact path where docs/limits.md says so); and whatever
# it prints must be UTF-8 text without control characters, the input's bytes never echoed
# raw. Each run prints its wall-clock time and its peak memory (the child's maximum resident
# set size, from wait4(); "≤" when it is no more than this script's own size, which Linux
# counts in a child's peak from the fork on).
#   hostile_inputs.py TEKIGO DATA_DIR CASE|all    one ctest per case: cli/hostile/CASE
#   hostile_inputs.py --list                        the cases, one a line (CMake reads them)
#   hostile_inputs.py --check-docs LIMITS_MD        every Case of docs/limits.md is a case
#                                                   here, and every case here is in its table
# DATA_DIR is tests/cli/data: its small policy (policies/basic.tkg) and dump (dumps/pass/t1.json)
# are the starting points the hostile inputs are made from.
# Under AddressSanitizer (a TEKIGO_SANITIZE build), which reserves terabytes of address space
# for its shadow memory, RLIMIT_AS cannot be set: this is found out by running `tekigo
# --version` under it first, and the limit is then left out (said on stdout); the peak
# memory is still checked after each run, and the time limits are four times as long.
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import time

TEKIGO = ""
DATA = ""
WORK = ""  # the case's temporary directory: the cwd of every run

EXIT_PASS, EXIT_FAIL, EXIT_ERROR, EXIT_UNKNOWN = 0, 1, 2, 3
MEMORY_LIMIT = 3 << 30  # bytes of address space (RLIMIT_AS)
TIME_LIMIT = 60.0  # seconds of wall-clock time per run
LIMIT_AS = True  # False under AddressSanitizer (see above)
PEAK = 0  # the largest peak memory of the case's runs, in bytes
SLOWDOWN = 1  # 4 under a sanitizer: the time limits are multiplied by it

DUMP_LIMIT = 64 << 20  # FactLoadOptions::max_file_bytes, a line of JSON Lines too
POLICY_LIMIT = 4 << 20  # CompileOptions::max_file_bytes


class Failure(Exception):
    pass


class Run:
    def __init__(self, args, code, out, err, seconds, max_rss):
        self.args, self.code, self.out, self.err = args, code, out, err
        self.seconds, self.max_rss = seconds, max_rss

    def describe(self):
        def cut(text):
            return text if len(text) < 4000 else text[:4000] + f"… ({len(text)} characters)\n"

        return (f"$ tekigo {' '.join(shorten(a) for a in self.args)}\n-> exit {self.code} "
                f"in {self.seconds:.2f} s, {self.max_rss >> 20} MiB\n"
                f"--- stdout ---\n{cut(self.out)}--- stderr ---\n{cut(self.err)}--------------")


def shorten(arg):
    return arg if len(arg) <= 60 else arg[:57] + "…"


def expect(cond, what, run=None):
    if not cond:
        raise Failure(what + ("\n" + run.describe() if run else ""))


def limit_child():
    # In the child, before exec: no core files, and at most MEMORY_LIMIT of address space.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if LIMIT_AS:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def tekigo(*args, stdin=None, quiet=False):
    """Runs tekigo in WORK with stdin from the file `stdin` (else /dev/null), under the limits.
    Returns a Run; fails on a signal, a timeout, more than MEMORY_LIMIT of memory, or output
    that is not clean UTF-8 text."""
    global PEAK
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        source = open(stdin, "rb") if stdin else subprocess.DEVNULL
        try:
            floor = own_rss()
            start = time.monotonic()
            p = subprocess.Popen([TEKIGO, *args], cwd=WORK, stdin=source, stdout=out, stderr=err,
                                 env=env, preexec_fn=limit_child, start_new_session=True)
            pause = 0.002
            while True:
                pid, status, usage = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    break
                if time.monotonic() - start > TIME_LIMIT * SLOWDOWN:
                    os.killpg(p.pid, signal.SIGKILL)
                    _, status, usage = os.wait4(p.pid, 0)
                    p.returncode = -signal.SIGKILL
                    raise Failure(f"$ tekigo {' '.join(shorten(a) for a in args)}: still running "
                                  f"after {TIME_LIMIT * SLOWDOWN:.0f} s (killed), at "
                                  f"{usage.ru_maxrss >> 10} MiB")
                time.sleep(pause)
                pause = min(pause * 2, 0.05)
            seconds = time.monotonic() - start
            p.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin:
                source.close()
        out.seek(0)
        err.seek(0)
        raw_out, raw_err = out.read(), err.read()
    max_rss = usage.ru_maxrss * 1024  # KiB on Linux
    PEAK = max(PEAK, max_rss)
    try:
        text_out, text_err = raw_out.decode("utf-8"), raw_err.decode("utf-8")
    except UnicodeDecodeError as e:
        text_out = raw_out.decode("utf-8", "backslashreplace")
        text_err = raw_err.decode("utf-8", "backslashreplace")
        raise Failure(f"the output is not UTF-8: {e}\n" +
                      Run(list(args), p.returncode, text_out, text_err, seconds,
                          max_rss).describe())
    r = Run(list(args), p.returncode, text_out, text_err, seconds, max_rss)
    if not quiet:
        # A child's peak starts from its parent's size at the fork (Linux counts the copy it
        # was before exec): a reading no higher than this script's own size is a bound.
        bound = "≤" if max_rss <= floor + (1 << 20) else " "
        print(f"  {seconds:6.2f} s {bound}{max_rss / (1 << 20):7.1f} MiB  exit {r.code}  "
              f"tekigo {' '.join(shorten(a) for a in args)}" +
              (f" < {os.path.basename(stdin)}" if stdin else ""))
    expect(r.code >= 0, f"killed by signal {-r.code}", r)
    expect(max_rss <= MEMORY_LIMIT, f"used {max_rss >> 20} MiB, over {MEMORY_LIMIT >> 20}", r)
    for name, text in (("stdout", r.out), ("stderr", r.err)):
        bad = re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]", text)
        expect(not bad, f"{name} holds the control character {bad.group()!r} (U+"
               f"{ord(bad.group()):04X}): input bytes are echoed raw" if bad else "", r)
    return r


def own_rss():
    """This script's resident memory now, in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def refused(r, *needles, code=EXIT_ERROR):
    """`r` gave `code` and said every needle on stderr."""
    expect(r.code == code, f"expected exit {code}, got {r.code}", r)
    for needle in needles:
        if isinstance(needle, re.Pattern):
            expect(needle.search(r.err), f"expected /{needle.pattern}/ on stderr", r)
        else:
            expect(needle in r.err, f"expected {needle!r} on stderr", r)


def within(r, seconds, what):
    """`r` took no more than `seconds` (SLOWDOWN times that under a sanitizer): a bound far
    above the measured time, which only a blow-up in complexity can break."""
    seconds *= SLOWDOWN
    expect(r.seconds <= seconds, f"{what}: took {r.seconds:.2f} s, more than {seconds} s", r)


# ---- what hostile inputs are made from ------------------------------------------------------

def path(name):
    return os.path.join(WORK, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return name


def data_file(relative):
    with open(os.path.join(DATA, relative), "rb") as f:
        return f.read()


def policy():
    """tests/cli/data/policies/basic.tkg, the small policy most cases check dumps against."""
    return os.path.join(DATA, "policies", "basic.tkg")


def policy_header():
    """basic.tkg up to its first section: the header every generated policy starts with."""
    text = data_file("policies/basic.tkg").decode("utf-8")
    return text[:text.index("\nsection")] + "\n"


def one_section(body):
    """A policy of basic.tkg's header and one section: its first rule is on line 10."""
    return policy_header() + 'section "§1" "Hostile" {\n' + body + "}\n"


def dump():
    """tests/cli/data/dumps/pass/t1.json, a dump that passes basic.tkg, as a dict."""
    return json.loads(data_file("dumps/pass/t1.json"))


def dump_json(**changes):
    d = dump()
    d.update(changes)
    return json.dumps(d, ensure_ascii=False)


def yaml_dump():
    """tests/cli/data/dumps/pass/t2.yaml, a dump in YAML that passes basic.tkg (7 lines)."""
    return data_file("dumps/pass/t2.yaml").decode("utf-8")


def good_dump_name():
    return write("good.json", dump_json(subject="hostile/good"))


LIMIT_MESSAGE = f"larger than {DUMP_LIMIT} bytes; refusing to read it"
POLICY_LIMIT_MESSAGE = f"larger than {POLICY_LIMIT} bytes; refusing to read it"
DEVICE = "not a regular file but a character device: only regular files are read"
FIFO = "not a regular file but a named pipe (FIFO): only regular files are read"
LOOP = "cannot read: a link that points at itself or loops (Too many levels of symbolic links)"
TOO_DEEP = "nested deeper than 64 levels"


def reported_error(r, source):
    """The text report lists `source` among the unreadable dumps."""
    expect(re.search(rf"^  {re.escape(source)}$", r.out[r.out.find("Unreadable dumps:"):], re.M),
           f"{source} listed under `Unreadable dumps:`", r)


# ---- dumps ----------------------------------------------------------------------------------

def case_sparse_2gb():
    # 2 GiB of holes: refused from its size, before a byte is read — as a dump, a YAML dump,
    # a --facts file. A .jsonl of it is read line by line: its one line of NULs is refused
    # once past the limit, and the read goes on to the end of the file (no more than the limit
    # held); on standard input reading stops at the limit.
    for name in ("sparse.json", "sparse.yaml", "sparse.jsonl"):
        with open(path(name), "wb") as f:
            f.truncate(2 << 30)
    for name in ("sparse.json", "sparse.yaml"):
        r = tekigo("check", policy(), name)
        refused(r, f"tekigo: {name}: {LIMIT_MESSAGE}")
        reported_error(r, name)
        within(r, 5, "refused from its size")
    f = tekigo("check", policy(), good_dump_name(), "--facts", "sparse.yaml")
    refused(f, f"tekigo: --facts sparse.yaml: {LIMIT_MESSAGE}")
    j = tekigo("check", policy(), "sparse.jsonl")
    refused(j, f"tekigo: sparse.jsonl:1: {LIMIT_MESSAGE}")
    expect(j.max_rss < DUMP_LIMIT + (192 << 20), "no more than the limit of the line is held", j)
    s = tekigo("check", policy(), "-", stdin=path("sparse.jsonl"))
    refused(s, f"tekigo: stdin:1: {LIMIT_MESSAGE}, and stopped reading stdin there")


def case_dev_zero():
    # /dev/zero never ends: as a dump given directly, through a link named like a dump (.json,
    # .jsonl, .yaml), named like a dump in a directory, as a policy.
    os.symlink("/dev/zero", path("x.json"))
    os.symlink("/dev/zero", path("x.jsonl"))
    os.symlink("/dev/zero", path("x.yaml"))
    os.mkdir(path("fleet"))
    write("fleet/good.json", dump_json(subject="hostile/good"))
    os.symlink("/dev/zero", path("fleet/zero.json"))
    for name in ("/dev/zero", "x.json", "x.jsonl", "x.yaml"):
        r = tekigo("check", policy(), name)
        refused(r, f"tekigo: {name}: {DEVICE}")
        reported_error(r, name)
        within(r, 5, "refused from what it is")
    d = tekigo("check", policy(), "fleet")
    refused(d, f"tekigo: fleet/zero.json: {DEVICE}")
    expect("hostile/good  (fleet/good.json)  PASS" in d.out, "the other dump is checked", d)
    os.symlink("/dev/zero", path("zero.tkg"))
    for command in (["check", "zero.tkg", good_dump_name()], ["lint", "zero.tkg"],
                    ["fmt", "zero.tkg"]):
        p = tekigo(*command)
        refused(p, f"tekigo: zero.tkg: {DEVICE}")


def case_fifo():
    # A named pipe blocks whoever opens it until a writer comes, and nobody ever will: it is
    # refused from what it is, never opened — given directly, named like a dump in a
    # directory, as a .jsonl, as a policy.
    os.mkfifo(path("pipe.json"))
    os.mkfifo(path("pipe.jsonl"))
    os.mkfifo(path("pipe.tkg"))
    os.mkdir(path("fleet"))
    write("fleet/good.json", dump_json(subject="hostile/good"))
    os.mkfifo(path("fleet/pipe.yaml"))
    for name in ("pipe.json", "pipe.jsonl"):
        r = tekigo("check", policy(), name)
        refused(r, f"tekigo: {name}: {FIFO}")
        within(r, 5, "refused without opening it")
    d = tekigo("check", policy(), "fleet")
    refused(d, f"tekigo: fleet/pipe.yaml: {FIFO}")
    expect("hostile/good  (fleet/good.json)  PASS" in d.out, "the other dump is checked", d)
    for command in (["check", "pipe.tkg", good_dump_name()], ["lint", "pipe.tkg"]):
        refused(tekigo(*command), f"tekigo: pipe.tkg: {FIFO}")


def case_symlink_loops():
    # Links that loop (to themselves, in a ring of two) and dangle, given directly and named
    # like dumps in a directory; and a link to a directory above it, which a walk does not
    # follow (else it would never end).
    os.makedirs(path("fleet/site/ward"))
    write("fleet/site/ward/good.json", dump_json(subject="hostile/good"))
    os.symlink("self.json", path("fleet/self.json"))
    os.symlink("ring-b.json", path("fleet/ring-a.json"))
    os.symlink("ring-a.json", path("fleet/ring-b.json"))
    os.symlink("gone.json", path("fleet/dangling.json"))
    os.symlink("gone.json", path("fleet/\x1b[31mred.json"))  # a name that is an escape
    os.symlink("../..", path("fleet/site/ward/up"))
    os.symlink("..", path("fleet/site/up.json"))  # a link to a directory, named like a dump
    r = tekigo("check", policy(), "fleet")
    refused(r, f"tekigo: fleet/self.json: {LOOP}", f"tekigo: fleet/ring-a.json: {LOOP}",
            f"tekigo: fleet/ring-b.json: {LOOP}",
            "tekigo: fleet/dangling.json: broken symbolic link (to gone.json, which does not "
            "exist)", "tekigo: fleet/\\x1b[31mred.json: broken symbolic link")
    expect(r.out.count("hostile/good  (fleet/site/ward/good.json)  PASS") == 1,
           "the one real dump is checked once: links to directories are not followed", r)
    within(r, 5, "a walk past link loops")
    d = tekigo("check", policy(), "fleet/self.json", "fleet/ring-a.json")
    refused(d, f"tekigo: fleet/self.json: {LOOP}", f"tekigo: fleet/ring-a.json: {LOOP}")
    os.symlink("loop.tkg", path("loop.tkg"))
    refused(tekigo("lint", "loop.tkg"), f"tekigo: loop.tkg: {LOOP}")


def case_tiny_values():
    # The most values a dump can hold: a JSON dump of just under 64 MiB of one-byte numbers
    # (33 million values), and a YAML one of 8 MB (4 million; yaml-cpp's scanner reads about
    # 1.5 MB a second, so a YAML dump at the limit takes some 45 s). Read, in memory in
    # proportion to the dump (what is measured: the peak of the run, the tree of every value).
    head = '{"schema": "tekigo.facts/1", "subject": "hostile/tiny", "extra": ['
    n = (DUMP_LIMIT - len(head) - 3) // 2
    with open(path("tiny.json"), "wb") as f:
        f.write(head.encode("ascii") + b"1," * n + b"1]}")
    expect(os.path.getsize(path("tiny.json")) <= DUMP_LIMIT, "the dump is within the limit")
    j = tekigo("check", "--quiet", policy(), "tiny.json")
    expect(j.code == EXIT_UNKNOWN, f"{n + 1} values are read (the dump lacks facts)", j)
    within(j, 40, "33 million values of JSON")
    expect(j.max_rss < (3 << 30), "the tree of 33 million values fits in 3 GiB", j)
    with open(path("tiny.yaml"), "wb") as f:
        f.write(b"schema: tekigo.facts/1\nsubject: hostile/tiny\nextra: [" + b"1," * 4_000_000 +
                b"1]\n")
    y = tekigo("check", "--quiet", policy(), "tiny.yaml")
    expect(y.code == EXIT_UNKNOWN, "4 million values of YAML are read", y)
    within(y, 40, "4 million values of YAML")
    expect(y.max_rss < (1 << 30), "in the memory of their tree, not yaml-cpp's nodes", y)


def case_many_large_dumps():
    # 60 sparse dumps of 63 MiB each, 3.7 GiB of NUL bytes that cost no disk: each is read (it
    # is within the limit) and refused, while no more than a few are held at once: memory does
    # not grow with the number of dumps in flight.
    os.mkdir(path("fleet"))
    for i in range(60):
        with open(path(f"fleet/zeros-{i:02}.json"), "wb") as f:
            f.truncate(63 << 20)
    write("fleet/good.json", dump_json(subject="hostile/good"))
    r = tekigo("check", policy(), "fleet")
    refused(r, "tekigo: fleet/zeros-00.json: not valid JSON: ",
            "tekigo: fleet/zeros-59.json: not valid JSON: ",
            "it starts with NUL bytes, as a file is that a crash or a full disk cut short")
    expect("UTF-16" not in r.err, "a file of zeros is not taken for UTF-16", r)
    expect("hostile/good  (fleet/good.json)  PASS" in r.out, "the good dump is checked", r)
    expect(r.max_rss < (1 << 30), "60 dumps of 63 MiB read in less than 1 GiB", r)
    within(r, 40, "3.7 GiB of dumps")


def case_deep_nesting():
    # 100,000 levels of lists and maps, in JSON (simdjson stops at its own guard of 1,024),
    # JSON Lines and YAML flow style (yaml-cpp's guard of 2,000); and 100,000 levels of
    # parentheses and of `not` in a policy (E0001).
    n = 100_000
    header = '{"schema": "tekigo.facts/1", "subject": "hostile/deep", "extra": '
    write("lists.json", header + "[" * n + "]" * n + "}")
    write("maps.json", header + '{"a": ' * n + "1" + "}" * n + "}")
    write("deep.jsonl", json.dumps(dump()) + "\n" + header + "[" * n + "]" * n + "}\n")
    write("just-deep.json", header + '{"a": ' * 63 + "1" + "}" * 63 + "}")
    yaml_header = "schema: tekigo.facts/1\nsubject: hostile/deep\nextra: "
    write("lists.yaml", yaml_header + "[" * n + "]" * n + "\n")
    write("maps.yaml", yaml_header + "{a: " * n + "1" + "}" * n + "\n")
    for name in ("lists.json", "maps.json", "lists.yaml", "maps.yaml"):
        r = tekigo("check", policy(), name)
        refused(r, f"tekigo: {name}: {TOO_DEEP}")
        within(r, 10, "a deep dump")
    j = tekigo("check", policy(), "deep.jsonl")
    refused(j, f"tekigo: deep.jsonl:2: {TOO_DEEP}")
    expect("deep.jsonl:1)  PASS" in j.out, "the line before it is checked", j)
    ok = tekigo("check", policy(), "just-deep.json")
    expect(ok.code == EXIT_UNKNOWN, "64 levels are read (the dump lacks facts: unknown)", ok)
    f = tekigo("check", policy(), good_dump_name(), "--facts", "maps.yaml")
    refused(f, f"tekigo: --facts maps.yaml: {TOO_DEEP}")
    write("parens.tkg",
          one_section('  check r "R." { expect ' + "(" * n + "os.family == windows" + ")" * n +
                      " }\n"))
    write("nots.tkg", one_section('  check r "R." { expect ' + "not " * n +
                                  "os.family == windows }\n"))
    for name in ("parens.tkg", "nots.tkg"):
        p = tekigo("lint", name)
        refused(p, re.compile(rf"^{re.escape(name)}:10:\d+: error\[E0001\]: nested too deeply: at "
                              r"most 64 levels", re.M))
        within(p, 10, "a deep policy")


def case_duplicate_keys():
    # A key twice in one map, JSON and YAML, at the top and deeper: the map is named by its
    # fact path.
    base = dump_json()
    write("top.json", base[:-1] + ', "os": {"family": "windows"}}')
    write("deep.json", dump_json(software=[{"name": "a", "version": "1"}]).replace(
        '"version": "1"', '"version": "1", "name": "b"'))
    write("top.yaml", yaml_dump() + "disk: {}\n")
    write("deep.yaml", yaml_dump().replace("  family: windows\n", "  family: windows\n  family: "
                                         "macos\n"))
    r = tekigo("check", policy(), "top.json")
    refused(r, "tekigo: top.json: duplicate key `os` in one map")
    d = tekigo("check", policy(), "deep.json")
    refused(d, "tekigo: deep.json: software[0]: duplicate key `name` in one map")
    y = tekigo("check", policy(), "top.yaml")
    refused(y, "tekigo: top.yaml: line 8, column 1: duplicate key `disk` in one map")
    yd = tekigo("check", policy(), "deep.yaml")
    refused(yd, "tekigo: deep.yaml: os: line 5, column 3: duplicate key `family` in one map")
    f = tekigo("check", policy(), good_dump_name(), "--facts", "deep.yaml")
    refused(f, "tekigo: --facts deep.yaml: os: line 5, column 3: duplicate key `family`")
    # A key that is a terminal escape sequence: quoted in the message, never sent raw.
    write("escape.json", base[:-1] + ', "x\\u001b[2J": 1, "x\\u001b[2J": 2}')
    e = tekigo("check", policy(), "escape.json")
    refused(e, "tekigo: escape.json: duplicate key `x\\x1b[2J` in one map")


def case_huge_maps():
    # Maps of 300,000 keys (JSON and YAML), distinct — read, the unknown keys ignored — and
    # with one key twice, last: found by sorting, in linear-logarithmic time (comparing each
    # key with every earlier one took minutes). What is measured: the whole run of `tekigo
    # check` on the dump, wall clock and peak memory.
    n = 300_000

    def make():  # its data gone when it returns, so that this script is small again (see tekigo)
        distinct = dump_json(extra={f"key-{i}": i for i in range(n)})
        write("keys.json", distinct)
        write("dup.json", distinct[:-2] + ', "key-17": 0}}')
        yaml = yaml_dump() + "extra:\n" + "".join(f"  key-{i}: {i}\n" for i in range(n))
        write("keys.yaml", yaml)
        write("dup.yaml", yaml + "  key-17: 0\n")

    make()
    for name in ("keys.json", "keys.yaml"):
        r = tekigo("check", policy(), name)
        expect(r.code == EXIT_PASS, "a large map is read", r)
        within(r, 20, "300,000 keys")
    j = tekigo("check", policy(), "dup.json")
    refused(j, "tekigo: dup.json: extra: duplicate key `key-17` in one map")
    within(j, 20, "300,000 keys, one twice")
    y = tekigo("check", policy(), "dup.yaml")
    refused(y, f"tekigo: dup.yaml: extra: line {n + 9}, column 3: duplicate key `key-17`")
    within(y, 20, "300,000 keys, one twice")


def case_yaml_alias_bomb():
    # "Billion laughs": nine levels of ten aliases each, 10^9 values from 500 bytes; and a
    # wide one, a list of 1,000 values named 1,000 times. Refused before the tree is built.
    lines = ["schema: tekigo.facts/1", "subject: hostile/lol", "lol0: &lol0 [lol, lol, lol, lol, "
             "lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    write("laughs.yaml", "\n".join(lines) + "\n")
    size = os.path.getsize(path("laughs.yaml"))
    write("wide.yaml", "schema: tekigo.facts/1\nsubject: hostile/wide\nrow: &row [" +
          ", ".join("x" for _ in range(1000)) + "]\ngrid: [" + ", ".join("*row" for _ in
                                                                          range(1000)) + "]\n")
    wide = os.path.getsize(path("wide.yaml"))
    message = "its aliases (*name) expand to more values than {} bytes of YAML can hold"
    r = tekigo("check", policy(), "laughs.yaml")
    refused(r, f"tekigo: laughs.yaml: {message.format(size)}")
    within(r, 5, "a billion laughs")
    w = tekigo("check", policy(), "wide.yaml")
    refused(w, f"tekigo: wide.yaml: {message.format(wide)}")
    f = tekigo("check", policy(), good_dump_name(), "--facts", "laughs.yaml")
    refused(f, f"tekigo: --facts laughs.yaml: {message.format(size)}")


def case_invalid_utf8_dump():
    # Bytes that are not UTF-8 in a dump's strings: a stray 0xff, an overlong "/", a UTF-16
    # surrogate; in JSON (simdjson's words, then the line and column), JSON Lines (the line of
    # the file, and the column), YAML values and comments (the line and column), and a dump
    # saved as UTF-16 by PowerShell (a hint).
    good = dump_json(software=[{"name": "AAA", "version": "1"}]).encode("utf-8")
    for name, bad in (("ff", b"\xff"), ("overlong", b"\xc0\xaf"), ("surrogate", b"\xed\xa0\x80")):
        write(f"{name}.json", good.replace(b"AAA", b"A" + bad + b"A"))
    write("lines.jsonl", good + b"\n" + good.replace(b"AAA", b"A\xffA") + b"\n")
    yaml = yaml_dump().encode("utf-8")
    write("value.yaml", yaml + b"software:\n  - name: \"A\xffA\"\n    version: \"1\"\n")
    write("comment.yaml", yaml + b"# collected on \xfe\n")
    write("utf16.json", b"\xff\xfe" + json.dumps(dump()).encode("utf-16-le"))
    column = good.index(b"AAA") + 2  # the byte after the first A (the text before is ASCII)
    for name, byte in (("ff.json", "ff"), ("overlong.json", "c0"), ("surrogate.json", "ed")):
        refused(tekigo("check", policy(), name),
                f"tekigo: {name}: not valid JSON: The input is not valid UTF-8: line 1, column "
                f"{column}: invalid UTF-8 (byte 0x{byte})")
    j = tekigo("check", policy(), "lines.jsonl")
    refused(j, "tekigo: lines.jsonl:2: not valid JSON: The input is not valid UTF-8: line 1, "
            f"column {column}: invalid UTF-8 (byte 0xff)")
    expect("lines.jsonl:1)  PASS" in j.out, "the good line is checked", j)
    v = tekigo("check", policy(), "value.yaml")
    refused(v, "tekigo: value.yaml: not UTF-8 text: line 9, column 13: invalid UTF-8 (byte 0xff)")
    c = tekigo("check", policy(), "comment.yaml")
    refused(c, "tekigo: comment.yaml: not UTF-8 text: line 8, column 16: invalid UTF-8 (byte "
            "0xfe)")
    u = tekigo("check", policy(), "utf16.json")
    refused(u, "tekigo: utf16.json: not valid JSON: ", "it looks like UTF-16")
    f = tekigo("check", policy(), good_dump_name(), "--facts", "value.yaml")
    refused(f, "tekigo: --facts value.yaml: not UTF-8 text: line 9, column 13")


def case_nul_in_dump():
    # NUL in a dump: escaped in a JSON string value or key (valid JSON, refused with its fact
    # path), raw in JSON (simdjson), escaped in YAML ("\0"), raw in a YAML value or comment.
    good = dump_json(software=[{"name": "AAA", "version": "1"}])
    write("escaped.json", good.replace("AAA", "A\\u0000A"))
    write("key.json", good.replace('"name"', '"na\\u0000me"'))
    write("raw.json", good.encode("utf-8").replace(b"AAA", b"A\x00A"))
    write("escaped.yaml", yaml_dump() + 'software:\n  - name: "A\\0A"\n    version: "1"\n')
    write("raw.yaml", yaml_dump().encode("utf-8") + b"software:\n  - name: A\x00A\n")
    write("comment.yaml", yaml_dump().encode("utf-8") + b"# \x00\n")
    nul = "text holds a NUL character (U+0000), which no fact contains"
    refused(tekigo("check", policy(), "escaped.json"), f"tekigo: escaped.json: software[0].name: {nul}")
    refused(tekigo("check", policy(), "key.json"),
            "tekigo: key.json: software[0]: a key holds a NUL character (U+0000)")
    refused(tekigo("check", policy(), "raw.json"), "tekigo: raw.json: not valid JSON: ")
    refused(tekigo("check", policy(), "escaped.yaml"), f"tekigo: escaped.yaml: software[0].name: {nul}")
    refused(tekigo("check", policy(), "raw.yaml"),
            "tekigo: raw.yaml: not UTF-8 text: line 9, column 12: a control character (U+0000, NUL)")
    refused(tekigo("check", policy(), "comment.yaml"),
            "tekigo: comment.yaml: not UTF-8 text: line 8, column 3: a control character (U+0000, "
            "NUL)")


def case_numbers():
    # Numbers no fact holds, named by their fact path (YAML adds the line and column): 1e400,
    # -1e400, 2^64, 2^63; -0 is 0 (a terminal with 0 bytes free fails the disk rules).
    out_of_range = "is out of range: a fact's integers lie between -2^63 and 2^63-1"
    cases = [("1e400", "1e400"), ("-1e400", "-1e400"), ("18446744073709551616", "2^64"),
             ("9223372036854775808", "2^63")]
    for number, name in cases:
        text = dump_json().replace("5000000000", number)
        file = write(f"{name.replace('^', '')}.json", text)
        r = tekigo("check", policy(), file)
        refused(r, f"tekigo: {file}: disk.system_free_bytes: the number {number} {out_of_range}")
    write("service-pack.json",
          dump_json().replace('"version": "10"', '"version": "10", "service_pack": 1e400'))
    refused(tekigo("check", policy(), "service-pack.json"),
            f"tekigo: service-pack.json: os.service_pack: the number 1e400 {out_of_range}")
    write("big.yaml", yaml_dump().replace("2000000000", "1e400"))
    refused(tekigo("check", policy(), "big.yaml"),
            f"tekigo: big.yaml: disk.system_free_bytes: line 7, column 22: the number 1e400 "
            f"{out_of_range}")
    write("2p64.yaml", yaml_dump().replace("2000000000", "18446744073709551616"))
    refused(tekigo("check", policy(), "2p64.yaml"),
            "tekigo: 2p64.yaml: disk.system_free_bytes: line 7, column 22: the number "
            "18446744073709551616")
    for name, text in (("zero.json", dump_json().replace("5000000000", "-0")),
                       ("zero.yaml", yaml_dump().replace("2000000000", "-0"))):
        write(name, text)
        z = tekigo("check", policy(), name)
        expect(z.code == EXIT_FAIL, "-0 is read as 0: 0 bytes free fail", z)
        expect("disk.system_free_bytes = 0   (expected >= 100MB)" in z.out, "the evidence", z)
    write("real.json", dump_json().replace("5000000000", "-0.0"))
    refused(tekigo("check", policy(), "real.json"),
            "tekigo: real.json: disk.system_free_bytes: expected a byte count (a whole number "
            "≥ 0), got 0.0")
    write("max.json", dump_json().replace("5000000000", "9223372036854775807"))
    expect(tekigo("check", policy(), "max.json").code == EXIT_PASS, "2^63-1 is read")
    f = tekigo("check", policy(), good_dump_name(), "--facts", "big.yaml")
    refused(f, "tekigo: --facts big.yaml: disk.system_free_bytes: line 7, column 22: the number "
            "1e400")


# ---- JSON Lines and standard input ----------------------------------------------------------

def case_stdin_dev_zero():
    # `tekigo check P - < /dev/zero`: one line that never ends. Refused at the limit, and
    # reading stops there, holding no more than the limit of it.
    r = tekigo("check", policy(), "-", stdin="/dev/zero")
    refused(r, f"tekigo: stdin:1: {LIMIT_MESSAGE}, and stopped reading stdin there: a line may "
            "never end")
    reported_error(r, "stdin:1")
    within(r, 15, "/dev/zero on standard input")
    expect(r.max_rss < DUMP_LIMIT + (192 << 20), "no more than the limit of the line is held", r)
    # The same for a policy on standard input (tekigo fmt -): refused at the policy's limit.
    f = tekigo("fmt", "-", stdin="/dev/zero")
    refused(f, f"tekigo: <stdin>: {POLICY_LIMIT_MESSAGE}")
    within(f, 15, "/dev/zero on fmt's standard input")
    c = tekigo("fmt", "--check", "-", stdin="/dev/zero")
    refused(c, f"tekigo: <stdin>: {POLICY_LIMIT_MESSAGE}")


def case_long_jsonl_line():
    # A line just over the limit, then a good one: in a .jsonl file the long line is refused
    # as it is read and the next is checked; on standard input reading stops at the long
    # line (it might never end), so the next is not read.
    good = json.dumps(dump()).encode("utf-8")
    with open(path("long.jsonl"), "wb") as f:
        f.write(b'{"schema": "tekigo.facts/1", "subject": "hostile/long", "pad": "')
        f.write(b"x" * (DUMP_LIMIT + 1))
        f.write(b'"}\n' + good + b"\n")
    r = tekigo("check", policy(), "long.jsonl")
    refused(r, f"tekigo: long.jsonl:1: {LIMIT_MESSAGE}")
    expect("cli/pass-1  (long.jsonl:2)  PASS" in r.out, "the line after it is checked", r)
    expect(r.max_rss < DUMP_LIMIT + (192 << 20), "no more than the limit of the line is held", r)
    s = tekigo("check", policy(), "-", stdin=path("long.jsonl"))
    refused(s, f"tekigo: stdin:1: {LIMIT_MESSAGE}, and stopped reading stdin there")
    expect("stdin:2" not in s.out, "nothing after the long line is read", s)
    # A line exactly at the limit is read (and is a dump that lacks facts: unknown).
    with open(path("at-limit.jsonl"), "wb") as f:
        head = b'{"schema": "tekigo.facts/1", "subject": "hostile/at-limit", "pad": "'
        f.write(head + b"x" * (DUMP_LIMIT - len(head) - 2) + b'"}\n')
    a = tekigo("check", policy(), "at-limit.jsonl")
    expect(a.code == EXIT_UNKNOWN, "a line of exactly the limit is read", a)


# ---- policies -------------------------------------------------------------------------------

def rules(n, start=0):
    return "".join(f'  check r{i} "Rule {i}." {{ expect os.family == windows }}\n'
                   for i in range(start, start + n))


def case_huge_policy():
    # 100,000 rules (5.9 MB) and a 10 MB string: refused from their size. As many rules as
    # fit in the limit (about 72,000) and a 3 MB string (1,000,000 × あ): compiled, and
    # checked against a dump.
    write("100k.tkg", one_section(rules(100_000)))
    r = tekigo("lint", "100k.tkg")
    refused(r, f"tekigo: 100k.tkg: {POLICY_LIMIT_MESSAGE}")
    expect("100k.tkg: failed — unreadable" in r.out, "lint's line for it", r)
    within(r, 5, "refused from its size")
    refused(tekigo("check", "100k.tkg", good_dump_name()),
            f"tekigo: 100k.tkg: {POLICY_LIMIT_MESSAGE}")
    write("10mb-string.tkg", one_section('  check r "' + "x" * 10_000_000 +
                                         '" { expect os.family == windows }\n'))
    refused(tekigo("lint", "10mb-string.tkg"), f"tekigo: 10mb-string.tkg: {POLICY_LIMIT_MESSAGE}")
    # At the limit: rules while they fit, then a comment up to the last byte.
    parts, size = [], len(one_section("").encode("utf-8"))
    while size + len(rules(1, len(parts))) + 16 <= POLICY_LIMIT:
        parts.append(rules(1, len(parts)))
        size += len(parts[-1])
    n = len(parts)
    parts.append("#" * (POLICY_LIMIT - size - 1) + "\n")
    write("at-limit.tkg", one_section("".join(parts)))
    expect(os.path.getsize(path("at-limit.tkg")) == POLICY_LIMIT, "a policy of exactly 4 MiB")
    at = tekigo("lint", "at-limit.tkg")
    expect(at.code == EXIT_PASS and f"at-limit.tkg: ok — {n} rules" in at.out,
           f"the policy at the limit compiles ({n} rules)", at)
    c = tekigo("check", "--quiet", "at-limit.tkg", good_dump_name())
    expect(c.code == EXIT_PASS, "and checks a dump", c)
    write("3mb-string.tkg", one_section('  check r "' + "あ" * 1_000_000 +
                                        '" { expect os.family == windows }\n'))
    s = tekigo("lint", "3mb-string.tkg")
    expect(s.code == EXIT_PASS, "a 3 MB string compiles", s)
    within(s, 10, "a 3 MB string")
    sc = tekigo("check", "3mb-string.tkg", good_dump_name())
    expect(sc.code == EXIT_PASS and "あ" * 100 in sc.out, "and is the rule's sentence", sc)


def case_invalid_utf8_policy():
    # Bytes that are not text in a policy, in a string and in a comment: invalid UTF-8, NUL,
    # ESC (a terminal escape sequence). E0004 at the byte, the source line shown without them.
    basic = data_file("policies/basic.tkg")
    sentence, comment = b'"The terminal runs Windows."', b"# tests/cli:"
    cases = [("ff-string", sentence, b'"The terminal \xff runs Windows."', 10, 33,
              "invalid UTF-8 (byte 0xff)"),
             ("ff-comment", comment, b"# tests/cli \xc3\x28:", 1, 13,
              "invalid UTF-8 (byte 0xc3)"),
             ("surrogate", sentence, b'"The terminal \xed\xa0\x80 runs Windows."', 10, 33,
              "invalid UTF-8 (byte 0xed)"),
             ("nul-string", sentence, b'"The terminal \x00 runs Windows."', 10, 33,
              "a control character (U+0000, NUL)"),
             ("nul-comment", comment, b"# tests/cli \x00:", 1, 13,
              "a control character (U+0000, NUL)"),
             ("esc-comment", comment, b"# tests/cli \x1b]0;pwned\x07\x1b[2J:", 1, 13,
              "a control character (U+001B, ESC)")]
    for name, old, new, line, column, what in cases:
        file = write(f"{name}.tkg", basic.replace(old, new, 1))
        for command in (["lint", file], ["check", file, good_dump_name()], ["fmt", file]):
            r = tekigo(*command)
            refused(r, f"{file}:{line}:{column}: error[E0004]: not UTF-8 text: {what}")
            # The caret stands under the flaw, which the source line shows as one character.
            lines = r.err.splitlines()
            at = next(i for i, l in enumerate(lines) if "error[E0004]" in l)
            shown, carets = lines[at + 2], lines[at + 3]
            gutter = shown.index("|") + 2
            expect(carets.index("^") - gutter == column - 1, "the caret under the column", r)
            expect(shown[gutter + column - 1] in "\ufffd\u2400\u241b",
                   "the flaw shown as U+FFFD or a control picture", r)


def case_pathological_regex():
    # Patterns that backtracking engines take exponential time on, against a 1 MB name: RE2
    # matches in linear time. Repetitions RE2 refuses, a pattern too large for its memory
    # budget and a backreference: E0208.
    write("dump.json", dump_json(software=[{"name": "a" * 1_000_000, "version": "1"},
                                           {"name": "a" * 999_999 + "!", "version": "1"}]))
    for pattern in ("(a*)*(a|aa)*b", "(a|a)*b", "((a+)+)+b", "(a|aa)*c$"):
        write("regex.tkg", one_section(
            f'  check no-b "No software named with a b." {{ expect none software (name ~ '
            f'"{pattern}") }}\n'))
        r = tekigo("check", "regex.tkg", "dump.json")
        expect(r.code == EXIT_PASS, f"`{pattern}` against 1 MB: no name matches", r)
        within(r, 10, f"`{pattern}` against 1 MB")
    for pattern, reason in (("((a{100}){100}){100}", "invalid repetition size"),
                            ("(a)\\\\1", "invalid escape sequence"),
                            ("\\\\pL{1000}", "pattern too large - compile failed")):
        write("bad.tkg", one_section(
            f'  check no-b "No software named so." {{ expect none software (name ~ '
            f'"{pattern}") }}\n'))
        r = tekigo("lint", "bad.tkg")
        refused(r, re.compile(r"^bad\.tkg:10:\d+: error\[E0208\]: invalid pattern `.*`: " +
                              re.escape(reason), re.M))


# ---- other inputs ---------------------------------------------------------------------------

def case_hostile_facts():
    # --facts files of every hostile shape above: /dev/zero given directly and through a link,
    # a FIFO, `-` (standard input: not read for facts), a directory, a link loop, and a facts file that is a billion laughs, not UTF-8,
    # holds a NUL, 1e400 or a key twice. Each stops the whole run (exit 2) naming it.
    good = good_dump_name()
    os.symlink("/dev/zero", path("zero.yaml"))
    os.mkfifo(path("pipe.yaml"))
    os.mkdir(path("facts.d"))
    os.symlink("loop.yaml", path("loop.yaml"))
    facts = yaml_dump().replace("cli/受付-2", "facility/hostile")
    write("bad-utf8.yaml", facts.encode("utf-8") + b"note: \"\xff\"\n")
    write("nul.yaml", facts + 'note: "\\0"\n')
    write("big.json", json.dumps({"schema": "tekigo.facts/1", "subject": "facility/hostile"})[:-1] +
          ', "disk": {"system_free_bytes": 1e400}}')
    write("twice.yaml", facts + "disk: {}\n")
    lines = ["schema: tekigo.facts/1", "subject: facility/lol", "a0: &a0 [x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 8) + "]" for i in range(1, 9)]
    write("laughs.yaml", "\n".join(lines) + "\n")
    cases = [("/dev/zero", DEVICE), ("zero.yaml", DEVICE), ("pipe.yaml", FIFO),
             ("-", "facts files are read from files, not standard input"),
             ("facts.d", "is a directory"), ("loop.yaml", LOOP),
             ("bad-utf8.yaml", "not UTF-8 text: line 8, column 8: invalid UTF-8 (byte 0xff)"),
             ("nul.yaml", "note: text holds a NUL character (U+0000)"),
             ("big.json", "disk.system_free_bytes: the number 1e400 is out of range"),
             ("twice.yaml", "line 8, column 1: duplicate key `disk` in one map"),
             ("laughs.yaml", "its aliases (*name) expand to more values than")]
    for name, message in cases:
        r = tekigo("check", policy(), good, "--facts", name)
        refused(r, f"tekigo: --facts {name}: {message}")
        expect(r.out == "", "no report: a bad facts file stops the whole run", r)
        within(r, 5, "a hostile --facts file")


def case_hostile_test_cases():
    # The case files of `tekigo test` (POLICY.tests/*.yaml) in hostile shapes: a sparse 2 GiB
    # file, a FIFO, a link to /dev/zero, a billion laughs in a patch. Each is an error of its
    # own case, named by its file (a FIFO is not left out unseen); the good case beside them
    # runs.
    os.mkdir(path("p.tests"))
    with open(path("p.tkg"), "wb") as f:
        f.write(data_file("policies/basic.tkg"))
    write("p.tests/_base.json", dump_json())
    write("p.tests/ok.yaml", "description: the base passes\ndump: _base.json\nverdict: pass\n")
    with open(path("p.tests/sparse.yaml"), "wb") as f:
        f.truncate(2 << 30)
    os.mkfifo(path("p.tests/pipe.yaml"))
    os.symlink("/dev/zero", path("p.tests/zero.yaml"))
    lines = ["description: lol", "dump: _base.json", "verdict: pass", "patch:",
             "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    write("p.tests/laughs.yaml", "\n".join(lines) + "\n")
    r = tekigo("test", "p.tkg")
    refused(r)
    for needle in ("p.tests/sparse.yaml: larger than 67108864 bytes; refusing to read it",
                   "p.tests/pipe.yaml: not a regular file but a named pipe (FIFO)",
                   "p.tests/zero.yaml: not a regular file but a character device",
                   "p.tests/laughs.yaml: its aliases (*name) expand to more values than",
                   "ok    p.tests/ok.yaml", "1 passed, 0 failed, 4 errors"):
        expect(needle in r.out, f"expected {needle!r} on stdout", r)
    within(r, 5, "hostile case files")


CASES = {
    "sparse-2gb": case_sparse_2gb,
    "dev-zero": case_dev_zero,
    "fifo": case_fifo,
    "symlink-loops": case_symlink_loops,
    "tiny-values": case_tiny_values,
    "many-large-dumps": case_many_large_dumps,
    "deep-nesting": case_deep_nesting,
    "duplicate-keys": case_duplicate_keys,
    "huge-maps": case_huge_maps,
    "yaml-alias-bomb": case_yaml_alias_bomb,
    "invalid-utf8-dump": case_invalid_utf8_dump,
    "nul-in-dump": case_nul_in_dump,
    "numbers": case_numbers,
    "stdin-dev-zero": case_stdin_dev_zero,
    "long-jsonl-line": case_long_jsonl_line,
    "huge-policy": case_huge_policy,
    "invalid-utf8-policy": case_invalid_utf8_policy,
    "pathological-regex": case_pathological_regex,
    "hostile-facts": case_hostile_facts,
    "hostile-test-cases": case_hostile_test_cases,
}


# ---- the Case column of docs/limits.md ------------------------------------------------------

def documented_cases(limits_md):
    """The case names in the last column of every table of docs/limits.md whose header's last
    cell is "Case"."""
    names, in_table = [], False
    with open(limits_md, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("|"):
                in_table = False
                continue
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if cells and cells[-1] == "Case":
                in_table = True
            elif in_table and not set(cells[-1]) <= set("-: "):
                names += re.findall(r"`([^`]+)`", cells[-1])
    return names


def check_docs(limits_md):
    documented = documented_cases(limits_md)
    missing = sorted(set(documented) - set(CASES))
    undocumented = sorted(set(CASES) - set(documented))
    for name in missing:
        print(f"FAIL {limits_md} names the case `{name}`, which {sys.argv[0]} does not have")
    for name in undocumented:
        print(f"FAIL {sys.argv[0]} has the case `{name}`, which no Case cell of {limits_md} names")
    if not documented:
        print(f"FAIL no Case column found in {limits_md}")
        return 1
    if missing or undocumented:
        return 1
    print(f"ok   the {len(set(documented))} cases of {limits_md} are the cases of the script")
    return 0


def sanitizer_in_the_way():
    """Whether RLIMIT_AS stops tekigo from starting at all (AddressSanitizer's shadow memory)."""
    p = subprocess.run([TEKIGO, "--version"], capture_output=True, preexec_fn=limit_child,
                       timeout=TIME_LIMIT)
    if p.returncode == 0:
        return False
    if b"Sanitizer" in p.stderr or b"AddressSanitizer" in p.stderr or b"shadow" in p.stderr:
        return True
    raise Failure(f"tekigo --version fails under RLIMIT_AS {MEMORY_LIMIT >> 30} GiB: exit "
                  f"{p.returncode}: {p.stderr.decode('utf-8', 'replace')}")


def main(argv):
    global TEKIGO, DATA, WORK, LIMIT_AS, PEAK, SLOWDOWN
    if len(argv) == 2 and argv[1] == "--list":
        print("\n".join(CASES))
        return 0
    if len(argv) == 3 and argv[1] == "--check-docs":
        return check_docs(argv[2])
    if len(argv) != 4 or (argv[3] not in CASES and argv[3] != "all"):
        print(f"usage: {argv[0]} TEKIGO DATA_DIR CASE|all  (cases: {', '.join(CASES)})\n"
              f"       {argv[0]} --list | --check-docs docs/limits.md", file=sys.stderr)
        return 2
    TEKIGO, DATA = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    try:
        if sanitizer_in_the_way():
            LIMIT_AS, SLOWDOWN = False, 4
            print(f"note: a sanitizer build: no RLIMIT_AS (peak memory still checked against "
                  f"{MEMORY_LIMIT >> 30} GiB), time limits × {SLOWDOWN}")
    except Failure as e:
        print(f"FAIL {e}")
        return 1
    names = list(CASES) if argv[3] == "all" else [argv[3]]
    failed = 0
    for name in names:
        with tempfile.TemporaryDirectory(prefix=f"tekigo-hostile-{name}-") as work:
            WORK, PEAK = work, 0
            start = time.monotonic()
            try:
                CASES[name]()
                print(f"ok   cli/hostile/{name}  ({time.monotonic() - start:.1f} s in all, "
                      f"peak {PEAK >> 20} MiB in one run)")
            except Failure as e:
                failed += 1
                print(f"FAIL cli/hostile/{name}: {e}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
