#!/usr/bin/env python3
"""reg.exe for the C++ collector in the Pester suite: prints recorded `reg query` outputs.

  reg_exe_stub.py LIST query KEY [/s] [/v NAME] [/reg:32|/reg:64]

LIST names one recording per line, and a key that may not be read per "denied KEY" line (RecordedTerminal.psm1 writes it from a scenario). The
answer to `query KEY` is the recording whose first key heading is KEY in the view asked
(/reg:32 reads HKLM\\SOFTWARE\\X from HKLM\\SOFTWARE\\WOW6432Node\\X), printed byte for byte, or
the recording whose keys are all KEY or below it (subkeys only, without /s: `reg query HKU`); with /v NAME, the heading and that
value's line only. Anything else is what reg.exe says of a key that does not exist: a message
on standard error and exit status 1. Every call is logged to LIST's folder (calls.log).
"""
import os
import sys

HIVES = {"HKLM": "HKEY_LOCAL_MACHINE", "HKCU": "HKEY_CURRENT_USER", "HKU": "HKEY_USERS"}
MISSING = "ERROR: The system was unable to find the specified registry key or value.\r\n"


def decode(data):
    if data.startswith(b"\xff\xfe"):
        return data[2:].decode("utf-16-le"), "utf-16-le", data[:2]
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8", data[:3]
    return data.decode("utf-8"), "utf-8", b""


def headings(text):
    return [line for line in text.splitlines() if line.startswith("HKEY_")]


def main():
    listing, args = sys.argv[1], sys.argv[2:]
    with open(os.path.join(os.path.dirname(listing), "calls.log"), "a", encoding="utf-8") as log:
        log.write("reg.exe " + " ".join(args) + "\n")
    if len(args) < 2 or args[0].lower() != "query":
        sys.stderr.write("ERROR: Invalid syntax.\r\n")
        return 1
    key = args[1]
    hive, _, rest = key.partition("\\")
    key = HIVES.get(hive.upper(), hive.upper()) + ("\\" + rest if rest else "")
    options = [a.lower() for a in args[2:]]
    value = None
    if "/v" in options:
        value = args[2 + options.index("/v") + 1]
    if "/reg:32" in options and key.upper().startswith("HKEY_LOCAL_MACHINE\\SOFTWARE\\"):
        key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\" + key[len("HKEY_LOCAL_MACHINE\\SOFTWARE\\"):]
    with open(listing, encoding="utf-8") as f:
        lines = [line.strip() for line in f if line.strip()]
    recordings = [line for line in lines if not line.startswith("denied ")]
    for denied in (line[len("denied "):] for line in lines if line.startswith("denied ")):
        if key.lower() == denied.lower() or key.lower().startswith(denied.lower() + "\\"):
            sys.stderr.write("ERROR: Access is denied.\r\n")
            return 1
    for path in recordings:
        with open(path, "rb") as f:
            data = f.read()
        text, encoding, bom = decode(data)
        heads = headings(text)
        if not heads:
            continue
        if heads[0].lower() == key.lower():
            if value is None:
                sys.stdout.buffer.write(data)
                return 0
            lines = text.splitlines()
            start = lines.index(heads[0])
            for line in lines[start + 1:]:
                if line.startswith("HKEY_") or not line.strip():
                    break
                if line.startswith("    ") and line[4:].split("    ")[0].lower() == value.lower():
                    out = "\r\n" + heads[0] + "\r\n" + line + "\r\n\r\n"
                    sys.stdout.buffer.write(bom + out.encode(encoding))
                    return 0
            sys.stderr.write(MISSING)
            return 1
        # `reg query KEY` lists KEY and its subkeys; with /s, every key below it.
        depth = key.count("\\")
        below = [h for h in heads if h.lower() == key.lower() or h.lower().startswith(key.lower() + "\\")]
        if value is None and len(below) == len(heads) and ("/s" in options or all(h.count("\\") <= depth + 1 for h in heads)):
            sys.stdout.buffer.write(data)
            return 0
    sys.stderr.write(MISSING)
    return 1


if __name__ == "__main__":
    sys.exit(main())
