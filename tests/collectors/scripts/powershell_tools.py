"""Where the test tools of scripts/install-test-tools.sh are: PowerShell 7 and Pester.

Shared by check_ps51.py (ctest collectors/scripts/ps51-compat) and run_pester.py
(collectors/scripts/pester).
"""
import os
import shutil
import subprocess


def tools_folder(src):
    """The folder install-test-tools.sh installs into, or None."""
    where = subprocess.run(["bash", os.path.join(src, "scripts", "install-test-tools.sh"), "--where"],
                           capture_output=True, text=True)
    return where.stdout.strip() if where.returncode == 0 and where.stdout.strip() else None


def candidates(variable, *more):
    """The path in $VARIABLE (when set), then `more` (Nones left out), in that order."""
    return [p for p in (os.environ.get(variable), *more) if p]


def find_pwsh(src):
    """PowerShell 7: $TEKIGO_PWSH, the test tools' folder, then PATH. (path, version) or (None, looked-at)."""
    folder = tools_folder(src)
    looked = candidates("TEKIGO_PWSH", folder and os.path.join(folder, "pwsh", "pwsh"), shutil.which("pwsh"))
    for pwsh in looked:
        if os.access(pwsh, os.X_OK):
            v = subprocess.run([pwsh, "-NoLogo", "-NoProfile", "-Version"], capture_output=True, text=True)
            if v.returncode == 0 and v.stdout.startswith("PowerShell 7."):
                return pwsh, v.stdout.strip()
    return None, looked


def find_pester(src):
    """Pester's module manifest: $TEKIGO_PESTER, then the test tools' folder (newest first); None if neither."""
    folder = tools_folder(src)
    base = folder and os.path.join(folder, "nuget", "pester")
    versions = sorted(os.listdir(base), reverse=True) if base and os.path.isdir(base) else []
    looked = candidates("TEKIGO_PESTER", *(os.path.join(base, v, "tools", "Pester.psd1") for v in versions))
    return next((m for m in looked if os.path.isfile(m)), None)


def skip_reason(looked_at, what="PowerShell 7"):
    return (f"SKIP: {what} not found (looked at " + ", ".join(looked_at or ["$TEKIGO_PWSH, PATH"]) +
            "; scripts/install-test-tools.sh installs it, from NuGet, with the .NET SDK)")
