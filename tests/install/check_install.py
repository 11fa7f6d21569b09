#!/usr/bin/python3
# tests/install: an installable tekigo (docs/install.md). One ctest test per CASE:
#   check_install.py CASE SOURCE_DIR BUILD_DIR TEKIGO
#   manual       the man page names every subcommand and option of the CLI (read from --help)
#   completion   the bash completion completes every subcommand, option and option choice
#   version      --version's format, and scripts/tekigo_commit.cmake on scratch repositories
#   deb          cpack -G DEB; its Depends and files; the binary stripped, its debug info in
#                the -dbgsym package; unpacked (dpkg -x) into a scratch root, the installed
#                tekigo checks the installed policy on the installed examples like the build
#   cmake_install  cmake --install --strip into a scratch prefix; that tekigo checks the
#                installed policy on the installed examples like the build
#   commands     README's test command is .ci/run's; install-deps.sh's groups and --list
# Exit 77: skipped (a tool the case needs is missing).
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

SKIP = 77


class Failure(Exception):
    pass


def expect(cond, what):
    if not cond:
        raise Failure(what)


def run(args, **kw):
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 300)
    return subprocess.run(args, **kw)


# ---- the CLI as its --help describes it ----------------------------------------------------
# Independent of scripts/tekigo_manual.sh: CLI11's help has sections "Options:" and
# "Subcommands:" whose entries are indented by two spaces.

def cli_tree(tekigo, path=()):
    """{path tuple: {"options": [names], "choices": {name: [values]}, "subcommands": [names]}}"""
    out = run([tekigo, *path, "--help"]).stdout
    options, choices, subcommands, section = [], {}, [], None
    for line in out.splitlines():
        if line in ("Options:", "Subcommands:", "Positionals:"):
            section = line
            continue
        if not line.strip() or not line.startswith("  "):
            section = None if not line.startswith(" ") else section
            continue
        if line.startswith("   "):
            continue  # a description continued
        head = re.split(r"\s{2,}", line.strip())[0]
        if section == "Options:":
            names, _, spec = head.partition(" ")
            names = names.split(",")
            options += names
            m = re.search(r"\{([^}]*)\}", spec)
            if m:
                for n in names:
                    choices[n] = m.group(1).split(",")
        elif section == "Subcommands:":
            subcommands.append([n.strip() for n in head.split(",")])
    tree = {path: {"options": options, "choices": choices,
                   "subcommands": [n for names in subcommands for n in names]}}
    for names in subcommands:
        tree.update(cli_tree(tekigo, path + (names[0],)))
    return tree


def case_manual(source, build, tekigo):
    tree = cli_tree(tekigo)
    expect(len(tree) >= 12, f"the CLI has its subcommands ({sorted(tree)})")
    page = open(os.path.join(build, "cli", "tekigo.1"), encoding="utf-8").read()
    expect(page.startswith(".\\\"") and "\n.TH TEKIGO 1 " in page, "a man page (.TH TEKIGO 1)")
    sections = re.split(r'^\.SS "', page, flags=re.M)
    by_path = {}
    for s in sections[1:]:
        usage = s.split('"', 1)[0].replace("\\-", "-")
        words = usage.split()
        expect(words[0] == "tekigo", f"a command heading: {usage}")
        path = tuple(w for w in words[1:] if re.fullmatch(r"[a-z]+", w))
        by_path[path] = s.replace("\\-", "-")
    missing = []
    for path, node in tree.items():
        if not path:
            for sub in node["subcommands"]:
                # aliases (lint, compile) are named in the command list of the page
                expect(re.search(rf"\b{sub}\b", page), f"the man page names `{sub}`")
            continue
        section = by_path.get(path)
        if section is None:
            missing.append(" ".join(path))
            continue
        for opt in node["options"]:
            if not re.search(rf"\\fB{re.escape(opt)}\\fR", section):
                missing.append(f"{' '.join(path)} {opt}")
    expect(not missing, f"the man page lacks: {', '.join(missing)}")
    for opt in ("--help", "--version"):
        expect(opt in page.replace("\\-", "-"), f"the man page names tekigo {opt}")
    # It renders, when man-db or groff is installed.
    if shutil.which("man"):
        r = run(["man", "-l", os.path.join(build, "cli", "tekigo.1")],
                env=dict(os.environ, MANPAGER="cat", MANWIDTH="100"))
        expect(r.returncode == 0 and "tekigo check [OPTIONS] POLICY" in r.stdout,
               f"man -l renders the page: {r.stderr[:500]}")
        expect("warning" not in r.stderr, f"man -l warns: {r.stderr[:500]}")
    print(f"ok: {len(tree) - 1} commands and "
          f"{sum(len(n['options']) for p, n in tree.items() if p)} options in tekigo.1")


def complete(completion, words):
    """COMPREPLY of the completion for the command line `words` (the last one being completed)."""
    script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _tekigo; '
              'printf "%s\\n" "${COMPREPLY[@]}"')
    r = run(["bash", "--norc", "-c", script, "complete", completion, *words])
    expect(r.returncode == 0, f"the completion runs for {words}: {r.stderr}")
    return [w for w in r.stdout.splitlines() if w]


def case_completion(source, build, tekigo):
    completion = os.path.join(build, "cli", "tekigo.bash-completion")
    r = run(["bash", "--norc", "-c", 'source "$1"; complete -p tekigo', "x", completion])
    expect(r.returncode == 0 and "-F _tekigo" in r.stdout, f"complete -F _tekigo tekigo: {r.stdout}{r.stderr}")
    tree = cli_tree(tekigo)
    checked = 0
    for path, node in tree.items():
        line = ["tekigo", *path]
        if node["subcommands"]:
            got = complete(completion, line + [""])
            expect(sorted(got) == sorted(node["subcommands"]),
                   f"`{' '.join(line)} <TAB>` gives {got}, the CLI has {node['subcommands']}")
        got = complete(completion, line + ["-"])
        expect(sorted(got) == sorted(set(node["options"])),
               f"`{' '.join(line)} -<TAB>` gives {got}, the CLI has {node['options']}")
        for opt, values in node["choices"].items():
            got = complete(completion, line + [opt, ""])
            expect(sorted(got) == sorted(values), f"`{' '.join(line)} {opt} <TAB>` gives {got}, not {values}")
            checked += 1
    # A prefix narrows; an alias completes like its command; a file argument is left to bash.
    expect(complete(completion, ["tekigo", "ch"]) == ["check"], "`tekigo ch<TAB>` is check")
    expect(sorted(complete(completion, ["tekigo", "compile", "-"])) == sorted(tree[("lint",)]["options"]),
           "`tekigo compile -<TAB>` gives lint's options")
    expect(complete(completion, ["tekigo", "check", "pol"]) == [], "a policy file is left to bash")
    print(f"ok: {len(tree)} command paths, {checked} option choices complete")


def case_version(source, build, tekigo):
    r = run([tekigo, "--version"])
    expect(r.returncode == 0, f"--version exits 0: {r.stderr}")
    line = r.stdout.strip()
    m = re.fullmatch(r"tekigo (\d+\.\d+\.\d+) \((?:commit ([0-9a-f]{12})( \+ local changes)?|unknown commit)\)", line)
    expect(m, f"the version line names the version and the commit: {line!r}")
    cmake_lists = open(os.path.join(source, "CMakeLists.txt"), encoding="utf-8").read()
    expect(re.search(rf"project\(tekigo VERSION {re.escape(m.group(1))}\b", cmake_lists),
           f"the version is the project's: {m.group(1)}")
    git = shutil.which("git")
    if git and m.group(2):
        head = run([git, "-C", source, "rev-parse", "--short=12", "HEAD"]).stdout.strip()
        expect(m.group(2) == head, f"the commit is HEAD's ({head}): {line}")
    # scripts/tekigo_commit.cmake: a new commit changes the header, an unchanged one leaves it
    # untouched (nothing rebuilds), and a tarball says "unknown commit".
    script = os.path.join(source, "scripts", "tekigo_commit.cmake")
    with tempfile.TemporaryDirectory(prefix="tekigo-version-") as tmp:
        header = os.path.join(tmp, "commit.hpp")

        def describe(src):
            r = run(["cmake", f"-DSOURCE_DIR={src}", f"-DOUTPUT={header}", "-P", script])
            expect(r.returncode == 0, f"tekigo_commit.cmake runs: {r.stderr}")
            text = open(header, encoding="utf-8").read()
            m = re.search(r'#define TEKIGO_COMMIT "([^"]*)"', text)
            expect(m, f"the header defines TEKIGO_COMMIT: {text}")
            return m.group(1)

        tarball = os.path.join(tmp, "tarball")
        os.makedirs(tarball)
        expect(describe(tarball) == "unknown commit", "no git checkout: unknown commit")
        if not git:
            print("ok (git missing: only the tarball case checked)")
            return
        repo = os.path.join(tmp, "repo")
        env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@t", GIT_CONFIG_GLOBAL="/dev/null")
        g = lambda *a: run([git, "-C", repo, *a], env=env)
        os.makedirs(repo)
        g("init", "-q")
        open(os.path.join(repo, "f"), "w").write("1")
        g("add", "f")
        g("commit", "-qm", "one")
        first = g("rev-parse", "--short=12", "HEAD").stdout.strip()
        expect(describe(repo) == f"commit {first}", f"the first commit: {first}")
        before = os.stat(header).st_mtime_ns
        os.utime(header, ns=(before - 10**9, before - 10**9))
        before = os.stat(header).st_mtime_ns
        describe(repo)
        expect(os.stat(header).st_mtime_ns == before, "an unchanged commit leaves the header untouched")
        open(os.path.join(repo, "f"), "w").write("2")
        expect(describe(repo) == f"commit {first} + local changes", "a changed tracked file is said")
        g("commit", "-qam", "two")
        second = g("rev-parse", "--short=12", "HEAD").stdout.strip()
        expect(second != first and describe(repo) == f"commit {second}", "a new commit is seen")
        # A tarball unpacked inside another checkout is not that checkout's commit.
        inner = os.path.join(repo, "unpacked")
        os.makedirs(inner)
        expect(describe(inner) == "unknown commit", "a folder inside a checkout: unknown commit")
    print(f"ok: {line}")


def verdicts(report_json):
    report = json.loads(report_json)
    return {os.path.basename(t["source"]): t["verdict"] for t in report["results"]}


def installed_tree(prefix):
    """The files an install puts under PREFIX, checked; (tekigo, the policy, the example dumps)."""
    installed = os.path.join(prefix, "bin", "tekigo")
    policy = os.path.join(prefix, "share", "tekigo", "policies", "gan-touroku-online.tkg")
    dumps = os.path.join(prefix, "share", "tekigo", "examples", "dumps")
    for path in (installed, policy, dumps,
                 os.path.join(prefix, "share", "tekigo", "policies", "gan-touroku-online.tests"),
                 os.path.join(prefix, "share", "man", "man1", "tekigo.1.gz"),
                 os.path.join(prefix, "share", "bash-completion", "completions", "tekigo"),
                 os.path.join(prefix, "share", "doc", "tekigo", "README.md"),
                 os.path.join(prefix, "share", "doc", "tekigo", "language.md"),
                 os.path.join(prefix, "share", "doc", "tekigo", "install.md")):
        expect(os.path.exists(path), f"the install puts {os.path.relpath(path, prefix)} under {prefix}")
    with gzip.open(os.path.join(prefix, "share", "man", "man1", "tekigo.1.gz"), "rt",
                   encoding="utf-8") as page:
        expect("\n.TH TEKIGO 1 " in page.read(), "the installed man page is tekigo.1, gzip'd")
    # The no-install scripts with the plan of the installed policy beside them, as the
    # installed tekigo writes it, so that a terminal collects what that policy needs.
    collectors = os.path.join(prefix, "share", "tekigo", "collectors")
    for script in ("collect.ps1", "collect.sh", "plan.json"):
        expect(os.path.isfile(os.path.join(collectors, script)),
               f"the install puts share/tekigo/collectors/{script} under {prefix}")
    expect(os.access(os.path.join(collectors, "collect.sh"), os.X_OK), "collect.sh is installed executable")
    plan = run([installed, "plan", policy])
    with open(os.path.join(collectors, "plan.json"), encoding="utf-8") as f:
        expect(plan.returncode == 0 and plan.stdout == f.read(),
               f"the installed plan.json is `tekigo plan` of the installed policy: {plan.stderr}")
    return installed, policy, dumps


def check_like_the_build(source, tekigo, installed, policy, dumps):
    """The installed tekigo on the installed policy and examples judges as the build does."""
    shipped_run = run([installed, "check", policy, dumps, "--format", "json", "--as-of", "2025-01-15"])
    expect(shipped_run.returncode == 1,
           f"the examples fail on purpose (exit 1): {shipped_run.returncode} {shipped_run.stderr}")
    build_run = run([tekigo, "check", os.path.join(source, "policies", "gan-touroku-online.tkg"),
                     os.path.join(source, "examples", "dumps"), "--format", "json", "--as-of", "2025-01-15"])
    got, want = verdicts(shipped_run.stdout), verdicts(build_run.stdout)
    expect(len(got) == len(os.listdir(os.path.join(source, "examples", "dumps"))),
           f"every example dump is judged: {sorted(got)}")
    expect(got == want, f"the installed check judges as the build does: {got} != {want}")
    expect(set(got.values()) >= {"pass", "fail", "unknown"}, f"the examples pass, fail, unknown: {got}")
    # by name: the installed policies are found beside the installed command
    by_name = run([installed, "check", os.path.basename(policy)[:-len(".tkg")], dumps,
                   "--format", "json", "--as-of", "2025-01-15"], cwd=tempfile.gettempdir())
    expect(verdicts(by_name.stdout) == got, f"`check NAME` reads the installed policy: {by_name.stderr}")
    text = run([installed, "check", policy, dumps, "--as-of", "2025-01-15"]).stdout
    expect("win10-20h2-compliant" in text and "Summary: 11 terminals" in text,
           f"the text report names the terminals and sums them up: {text[-400:]}")
    return got


def case_cmake_install(source, build, tekigo):
    with tempfile.TemporaryDirectory(prefix="tekigo-install-") as prefix:
        r = run(["cmake", "--install", build, "--prefix", prefix, "--strip"])
        expect(r.returncode == 0, f"cmake --install --strip: {r.stdout}{r.stderr}")
        expect(f"Installing: {prefix}/bin/tekigo" in r.stdout, f"it says what it installs: {r.stdout[:300]}")
        installed, policy, dumps = installed_tree(prefix)
        if shutil.which("file"):
            kind = run(["file", "-b", installed]).stdout
            expect(", stripped" in kind, f"--strip strips: {kind}")
        got = check_like_the_build(source, tekigo, installed, policy, dumps)
        size = os.path.getsize(installed)
    print(f"ok: installed under a scratch prefix, tekigo {size} bytes, {len(got)} terminals judged")


def case_deb(source, build, tekigo):
    for tool in ("cpack", "dpkg-deb", "dpkg-shlibdeps", "file", "readelf"):
        if not shutil.which(tool):
            print(f"SKIP: {tool} not found (scripts/install-deps.sh test installs it)")
            return SKIP
    with tempfile.TemporaryDirectory(prefix="tekigo-deb-") as tmp:
        r = run(["cpack", "--config", os.path.join(build, "CPackConfig.cmake"), "-G", "DEB", "-B", tmp],
                cwd=build, timeout=600)
        expect(r.returncode == 0, f"cpack -G DEB: {r.stdout}{r.stderr}")
        debs = [f for f in os.listdir(tmp) if f.endswith(".deb")]
        ddebs = [f for f in os.listdir(tmp) if f.endswith(".ddeb")]
        expect(len(debs) == 1 and len(ddebs) == 1, f"a .deb and a -dbgsym .ddeb: {os.listdir(tmp)}")
        deb, ddeb = os.path.join(tmp, debs[0]), os.path.join(tmp, ddebs[0])
        depends = run(["dpkg-deb", "-f", deb, "Depends"]).stdout
        for lib in ("libre2-", "libyaml-cpp0.", "libsimdjson", "libfmt", "libboost-filesystem1.",
                    "libstdc++6", "libc6"):
            expect(lib in depends, f"Depends names {lib}: {depends}")
        root = os.path.join(tmp, "root")
        for pkg in (deb, ddeb):
            r = run(["dpkg-deb", "-x", pkg, root])
            expect(r.returncode == 0, f"dpkg-deb -x {pkg}: {r.stderr}")
        usr = os.path.join(root, "usr")
        installed, policy, dumps = installed_tree(usr)
        # Stripped, with a debuglink to the build-id file of the -dbgsym package.
        kind = run(["file", "-b", installed]).stdout
        expect("ELF" in kind and ", stripped" in kind, f"the installed binary is stripped: {kind}")
        sections = run(["readelf", "-S", "-W", installed]).stdout
        expect(".gnu_debuglink" in sections and ".debug_info" not in sections,
               "a .gnu_debuglink and no .debug_info")
        note = run(["readelf", "-n", installed]).stdout
        m = re.search(r"Build ID: ([0-9a-f]{2})([0-9a-f]+)", note)
        expect(m, f"the binary has a build id: {note}")
        debug = os.path.join(usr, "lib", "debug", ".build-id", m.group(1), m.group(2) + ".debug")
        expect(os.path.exists(debug), f"the -dbgsym package holds {os.path.relpath(debug, root)}")
        expect(".debug_info" in run(["readelf", "-S", "-W", debug]).stdout, "with the debug info")
        built, shipped, deb_size = os.path.getsize(tekigo), os.path.getsize(installed), os.path.getsize(deb)
        r = run([installed, "--version"])
        expect(r.stdout == run([tekigo, "--version"]).stdout, f"the same --version: {r.stdout}")
        got = check_like_the_build(source, tekigo, installed, policy, dumps)
    print(f"ok: {debs[0]} ({deb_size} bytes), Depends: {depends.strip()}; "
          f"tekigo {built} bytes as built, {shipped} installed; {len(got)} terminals judged")


def case_commands(source, build, tekigo):
    readme = open(os.path.join(source, "README.md"), encoding="utf-8").read()
    blocks = re.findall(r"^\*\*([^*]+)\*\*.*?^```sh\n(.*?)\n```", readme, flags=re.S | re.M)
    commands = {title: body.strip() for title, body in blocks}
    first = commands.get("Check the bundled examples", "")
    test = commands.get("Run every test", "")
    expect(first and test, f"README.md has the two commands: {list(commands)}")
    ci = [l for l in open(os.path.join(source, ".ci", "run"), encoding="utf-8").read().splitlines()
          if l and not l.startswith("#") and not l.startswith(("set ", "cd "))]
    expect(ci == [test], f".ci/run runs exactly README's test command:\n{ci}\n{test}")
    expect("install-deps.sh run " in first and "-DTEKIGO_BUILD_TESTS=OFF" in first
           and "--target tekigo" in first, f"the first command installs and builds only tekigo: {first}")
    expect("install-deps.sh test " in test and "-DTEKIGO_BUILD_TESTS=ON" in test, f"the test command: {test}")
    script = os.path.join(source, "scripts", "install-deps.sh")

    def listed(*args):
        r = run(["bash", script, *args, "--list"])
        expect(r.returncode == 0, f"install-deps.sh {' '.join(args)} --list: {r.stderr}")
        rows = [l.split() for l in r.stdout.splitlines()]
        expect(all(len(row) == 2 and row[1] in ("installed", "missing") for row in rows),
               f"--list rows are `package installed|missing`: {r.stdout}")
        return [row[0] for row in rows]

    run_group, package_group, test_group = listed("run"), listed("package"), listed("test")
    expect(listed() == run_group, "with no group, install-deps.sh installs for run")
    expect(set(run_group) < set(package_group) < set(test_group),
           "package installs run's packages and more, test package's and more")
    expect({"dpkg-dev", "file"} <= set(package_group) - set(run_group), "package adds dpkg-dev, file")
    for heavy in ("catch2", "wine64", "chromium", "g++-mingw-w64-x86-64-posix", "strongswan-charon",
                  "python3"):
        expect(heavy in test_group and heavy not in run_group, f"{heavy} is for the tests only")
    for needed in ("g++", "cmake", "ninja-build", "libre2-dev", "libcli11-dev"):
        expect(needed in run_group, f"run installs {needed}")
    # Every package named exists in this machine's archive (a typo would fail a fresh install).
    if shutil.which("apt-cache") and run(["apt-cache", "show", "g++"]).returncode == 0:
        r = run(["apt-cache", "show", "--no-all-versions", *test_group])
        known = set(re.findall(r"^Package: (\S+)$", r.stdout, flags=re.M))
        expect(known >= set(test_group), f"apt knows no {sorted(set(test_group) - known)}")
    bad = run(["bash", script, "everything"])
    expect(bad.returncode == 2 and "everything" in bad.stderr, f"an unknown group is refused: {bad.stderr}")
    print(f"ok: run {len(run_group)} packages, package {len(package_group)}, test {len(test_group)}")


def main():
    if len(sys.argv) != 5:
        print("usage: check_install.py CASE SOURCE_DIR BUILD_DIR TEKIGO", file=sys.stderr)
        return 2
    case, source, build, tekigo = sys.argv[1:]
    try:
        return globals()[f"case_{case}"](source, build, tekigo) or 0
    except Failure as e:
        print(f"FAIL {case}: {e}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
