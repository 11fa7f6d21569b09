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


def find_pwsh(src):
    """PowerShell 7: $TEKIGO_PWSH, the test tools' folder, then PATH. (path, version) or (None, looked-at)."""
    candidates = []
    if os.environ.get("TEKIGO_PWSH"):
        candidates.append(os.environ["TEKIGO_PWSH"])
    folder = tools_folder(src)
    if folder:
        candidates.append(os.path.join(folder, "pwsh", "pwsh"))
    if shutil.which("pwsh"):
        candidates.append(shutil.which("pwsh"))
    for pwsh in candidates:
        if os.access(pwsh, os.X_OK):
            v = subprocess.run([pwsh, "-NoLogo", "-NoProfile", "-Version"], capture_output=True, text=True)
            if v.returncode == 0 and v.stdout.startswith("PowerShell 7."):
                return pwsh, v.stdout.strip()
    return None, candidates


def find_pester(src):
    """Pester's module manifest: $TEKIGO_PESTER, then the test tools' folder; None if neither."""
    candidates = []
    if os.environ.get("TEKIGO_PESTER"):
        candidates.append(os.environ["TEKIGO_PESTER"])
    folder = tools_folder(src)
    if folder:
        base = os.path.join(folder, "nuget", "pester")
        if os.path.isdir(base):
            for version in sorted(os.listdir(base), reverse=True):
                candidates.append(os.path.join(base, version, "tools", "Pester.psd1"))
    for manifest in candidates:
        if os.path.isfile(manifest):
            return manifest
    return None


def skip_reason(looked_at, what="PowerShell 7"):
    return (f"SKIP: {what} not found (looked at " + ", ".join(looked_at or ["$TEKIGO_PWSH, PATH"]) +
            "; scripts/install-test-tools.sh installs it, from NuGet, with the .NET SDK)")
