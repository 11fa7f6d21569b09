#!/usr/bin/env python3
"""tekigo.exe under Wine (the ctest cli/windows-exe-wine).

  windows_exe_wine.py SOURCE_DIR LINUX_TEKIGO WINDOWS_TEKIGO_EXE

The Windows build of the whole command (build/windows/cli/tekigo.exe, scripts/build-windows.sh)
is run under Wine, in a Wine prefix of its own that is removed afterwards:
  - every report of `check` on the bundled examples (json, text, markdown, html, sarif, junit,
    jsonl; en and ja), `lint` (a good and a bad policy), `fmt --check`, `doc` (en, ja), `test`,
    `graph`, `plan`, `diff` and `impact`: the same standard output, standard error and exit
    status, byte for byte, as the Linux build run on the same files;
  - `collect --no-network` runs its Windows steps against Wine's own registry and programs
    (reg.exe; Wine has no PowerShell and no `netsh winsock`): after programs are registered in
    both registry views and a per-user Chrome, the dump passes docs/facts.schema.json, says
    what the registry says, lists exactly the steps Wine cannot serve under collected.errors,
    and `check` judges it as the Linux build does.
Exit 77 (skipped) without Wine, without tekigo.exe (no mingw-w64: TEKIGO_BUILD_WINDOWS off), or
when Wine cannot start here.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SRC, LINUX, EXE = (os.path.abspath(a) for a in sys.argv[1:4])
failures = []


def expect(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def find_wine():
    for candidate in ("wine", "wine-stable", "/usr/lib/wine/wine64"):
        path = shutil.which(candidate) or (candidate if os.access(candidate, os.X_OK) else None)
        if path:
            return path
    return None


def main():
    wine = find_wine()
    if not wine:
        print("SKIP: Wine not installed (scripts/install-deps.sh test installs wine64)")
        return 77
    if not os.path.isfile(EXE):
        print(f"SKIP: {EXE} missing (built when mingw-w64 is installed: scripts/install-deps.sh test)")
        return 77
    prefix = tempfile.mkdtemp(prefix="tekigo-wine-exe.")
    # LANG=C.UTF-8 (always there on Debian): Wine decodes Unix file names in the locale's
    # character set, and a locale that is not generated (en_US.UTF-8 here) garbles them.
    env = dict(os.environ, WINEPREFIX=prefix, WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=",
               LANG="C.UTF-8")
    try:
        return run_all(wine, env, prefix)
    finally:
        server = shutil.which("wineserver") or "/usr/lib/wine/wineserver"
        subprocess.run([server, "-k"], env=env, capture_output=True, timeout=30)
        shutil.rmtree(prefix, ignore_errors=True)


def run(argv, env, timeout=300):
    r = subprocess.run(argv, cwd=SRC, env=env, capture_output=True, timeout=timeout)
    return r.returncode, r.stdout, r.stderr


def run_all(wine, env, prefix):
    code, out, err = run([wine, EXE, "--version"], env, timeout=180)
    if code != 0 or not out.startswith(b"tekigo "):
        print(f"SKIP: Wine could not run tekigo.exe here (status {code}): {err[-400:]!r}")
        return 77
    linux_version = subprocess.run([LINUX, "--version"], capture_output=True).stdout
    expect(out == linux_version, f"--version: {out!r} is the Linux build's {linux_version!r}")

    policy = "policies/gan-touroku-online.tkg"
    fixture = "tests/fixtures/policies/registry-2020.tkg"
    outline = "tests/fixtures/policies/outline-2020.tkg"
    check = ["check", "--as-of", "2026-12-04", policy, "examples/dumps"]
    commands = [
        check + ["--format", "json"],
        check,
        check + ["--format", "markdown", "--lang", "ja"],
        check + ["--format", "html", "--lang", "ja"],
        check + ["--format", "sarif"],
        check + ["--format", "junit"],
        check + ["--format", "jsonl"],
        ["check", "--as-of", "2026-12-04", "--format", "json", policy, "examples/dumps/no-such-dump.json"],
        ["lint", policy],
        ["lint", "tests/cli/data/policies/plan-bad.tkg"],
        ["fmt", "--check", policy],
        ["doc", policy],
        ["doc", "--lang", "ja", policy],
        ["test", policy],
        ["graph", policy],
        ["plan", policy],
        ["diff", fixture, outline],
        ["impact", "--as-of", "2026-12-04", fixture, outline, "examples/dumps"],
    ]
    for command in commands:
        w = run([wine, EXE] + command, env)
        lx = run([LINUX] + command, env)
        same = w == lx
        detail = "" if same else f"\n  Windows: {w[0]} {w[1][:300]!r} {w[2][:300]!r}\n  Linux:   {lx[0]} {lx[1][:300]!r} {lx[2][:300]!r}"
        expect(same, f"tekigo.exe {' '.join(command)}: same output, errors and exit status ({lx[0]}, {len(lx[1])} bytes){detail}")

    # Japanese file and folder names: Windows reads a narrow path in the ANSI code page (1252
    # under this Wine, CP932 on a Japanese Windows); tekigo.exe names files as UTF-8.
    japanese = os.path.join(prefix, "受付 端末")
    os.makedirs(japanese)
    shutil.copy(os.path.join(SRC, "examples", "dumps", "win10-20h2-compliant.json"),
                os.path.join(japanese, "受付-01.json"))
    for target in (japanese, os.path.join(japanese, "受付-01.json")):
        command = ["check", "--as-of", "2026-12-04", "--format", "json", policy, target]
        w = run([wine, EXE] + command, env)
        lx = run([LINUX] + command, env)
        expect(w == lx and lx[0] == 0 and "受付-01.json".encode() in w[1],
               f"a Japanese {'folder' if target == japanese else 'file'} name: found, judged and named as on Linux ({w[0]}/{lx[0]}) {w[2][-300:]!r}")
    w = run([wine, EXE, "lint", os.path.join(japanese, "ない.tkg")], env)
    lx = run([LINUX, "lint", os.path.join(japanese, "ない.tkg")], env)
    expect(w == lx and lx[0] == 2, f"a missing policy with a Japanese name: the same message ({w[2]!r})")

    # collect: Wine's registry, with programs in both views and a per-user Chrome.
    reg = [wine, "reg"]
    uninstall = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\"
    additions = [
        [uninstall + "TekigoWine64", "/v", "DisplayName", "/t", "REG_SZ", "/d", "tekigo Wine probe", "/reg:64"],
        [uninstall + "TekigoWine64", "/v", "DisplayVersion", "/t", "REG_SZ", "/d", "1.2.3", "/reg:64"],
        [uninstall + "TekigoWine64", "/v", "Publisher", "/t", "REG_SZ", "/d", "tekigo tests", "/reg:64"],
        [uninstall + "TekigoWine32", "/v", "DisplayName", "/t", "REG_SZ", "/d", "tekigo Wine probe (32-bit)", "/reg:32"],
        [uninstall + "TekigoWine32", "/v", "DisplayVersion", "/t", "REG_SZ", "/d", "4.5", "/reg:32"],
        ["HKCU\\Software\\Google\\Update\\Clients\\{8A69D345-D564-463C-AFF1-A69D9E530F96}", "/v", "pv", "/t",
         "REG_SZ", "/d", "120.0.6099.130"],
    ]
    for a in additions:
        code, _, err = run(reg + ["add"] + a + ["/f"], env)
        expect(code == 0, f"wine reg add {' '.join(a[:3])}: {err[-200:]!r}")
    code, _, err = run([wine, "winecfg", "-v", "win10"], env, timeout=120)
    expect(code == 0, f"winecfg -v win10 (Wine says Windows 10): {err[-200:]!r}")

    dump_path = os.path.join(prefix, "wine-dump.json")
    code, out, err = run([wine, EXE, "collect", "--no-network", "--subject", "wine-terminal", "-o", dump_path], env)
    expect(code == 0, f"tekigo.exe collect --no-network exits 0: {code} {err[-400:]!r}")
    with open(dump_path, encoding="utf-8") as f:
        dump = json.load(f)
    print("collected.errors under Wine:", json.dumps(dump["collected"]["errors"], ensure_ascii=False))
    try:
        import jsonschema  # python3-jsonschema
        with open(os.path.join(SRC, "docs", "facts.schema.json")) as f:
            schema = json.load(f)
        problems = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(dump)]
        expect(not problems, f"the dump passes docs/facts.schema.json: {problems}")
    except ImportError:
        expect(False, "python3-jsonschema is installed (scripts/install-deps.sh test)")
    os_ = dump.get("os", {})
    expect(os_.get("family") == "windows" and os_.get("version") == "10" and os_.get("arch") == "x64",
           f"os from Wine's registry (Windows 10, x64): {os_}")
    software = {(s["name"], s.get("version")) for s in dump.get("software", [])}
    expect({("tekigo Wine probe", "1.2.3"), ("tekigo Wine probe (32-bit)", "4.5")} <= software,
           f"software from both registry views: {sorted(software)}")
    browsers = {(b["id"], b.get("version")) for b in dump.get("browsers", [])}
    expect(("chrome", "120.0.6099.130") in browsers, f"a per-user Chrome from HKCU: {sorted(browsers)}")
    expect(isinstance(dump.get("disk", {}).get("system_free_bytes"), int), "disk from GetDiskFreeSpaceExW")
    expect("proxy" in dump.get("network", {}), "network.proxy from HKCU Internet Settings")
    # What Wine cannot serve: it has no PowerShell (adapters, services, features) and its
    # netsh has no winsock catalog. If Wine learns one, this list is to be updated (and the docs).
    unserved = sorted({e["step"] for e in dump["collected"]["errors"]})
    expect(unserved == ["features", "network", "services"],
           f"the steps Wine cannot serve, and only those, are collection errors: {unserved}")
    for root in ("services", "features"):
        expect(root not in dump, f"{root} left out, not faked")
    expect("adapters" not in dump.get("network", {}) and "layered_service_providers" not in dump.get("network", {}),
           "network.adapters and layered_service_providers left out, not faked")

    w = run([wine, EXE, "check", "--as-of", "2026-12-04", "--format", "json", policy, dump_path], env)
    lx = run([LINUX, "check", "--as-of", "2026-12-04", "--format", "json", policy, dump_path], env)
    # The dump's name is the one path the two builds spell differently (Z:/… is not asked for:
    # both are given the same Unix path).
    expect(w == lx and w[0] in (0, 1), f"check of the Wine dump: tekigo.exe judges it as the Linux build ({w[0]}/{lx[0]})")

    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
