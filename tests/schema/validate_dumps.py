#!/usr/bin/python3
"""Schema tests for the fact dump contract (docs/facts.md, docs/facts.schema.json).

Checks that every example fact file (examples/dumps/, examples/facility/)
validates against docs/facts.schema.json, and that every deliberately bad dump
in tests/schema/bad/ is rejected with an error at the path it names in its
`x-expect-error` key. Prints one line per file; exits 0 when all is well, 1
when anything is wrong, 77 (ctest's "skipped") when the jsonschema module is
missing.

The dumps in tests/schema/agree/ must validate too. They hold input that the
contract allows and that is easy to get wrong in one of its two readers (an
attested string "yes" where the policy compares with true). With --tekigo,
the same files are also given to `tekigo check` (with --policy, by default
policies/gan-touroku-online.tkg): every file in agree/ must be accepted (exit
status other than 2) and every file in bad/ rejected (exit status 2, with the
path of `x-expect-error` in the message), so the schema and the engine's own
validation (engine/fact_schema.cpp) cannot drift apart unnoticed.

Usage: tests/schema/validate_dumps.py [--tekigo BIN [--policy P]] [FILE_OR_DIR ...]
  With file arguments, only validates those files (every one must be valid).
Needs: python3 with the jsonschema module (Debian python3-jsonschema);
YAML files also need PyYAML (python3-yaml) and are skipped, with a note,
when it is missing.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "docs" / "facts.schema.json"
GOOD_DIRS = [ROOT / "examples" / "dumps", ROOT / "examples" / "facility"]
BAD_DIR = ROOT / "tests" / "schema" / "bad"
AGREE_DIR = ROOT / "tests" / "schema" / "agree"
DEFAULT_POLICY = ROOT / "policies" / "gan-touroku-online.tkg"
SUFFIXES = {".json", ".jsonl", ".yaml", ".yml"}

try:
    from jsonschema import Draft202012Validator, validators
except ImportError:
    print("validate_dumps: SKIP: the python3 jsonschema module is missing "
          "(scripts/install-deps.sh test installs python3-jsonschema)")
    sys.exit(77)

try:
    import yaml
except ImportError:
    yaml = None


class LoadError(Exception):
    pass


# ----------------------------------------------------------------- loading

def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise LoadError(f"duplicate key `{key}`")
        seen[key] = value
    return seen


def _no_constants(name):
    raise LoadError(f"`{name}` is not a JSON number")


def _load_json_text(text):
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates,
                          parse_constant=_no_constants)
    except json.JSONDecodeError as e:
        raise LoadError(f"line {e.lineno} column {e.colno}: {e.msg}") from None


if yaml is not None:
    class CoreSchemaLoader(yaml.SafeLoader):
        """YAML 1.2 core schema, as docs/facts.md specifies: only true/false
        are booleans and dates stay strings (PyYAML alone is YAML 1.1, where
        `no` is false and 2021-01-18 is a date)."""

    CoreSchemaLoader.yaml_implicit_resolvers = {}
    for tag, pattern, first in [
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
         "-+0123456789"),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ]:
        CoreSchemaLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))

    def _construct_mapping(loader, node):
        loader.flatten_mapping(node)
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                raise LoadError(f"line {key_node.start_mark.line + 1}: duplicate key `{key}`")
            result[key] = loader.construct_object(value_node, deep=True)
        return result

    CoreSchemaLoader.add_constructor(
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load(path):
    """Returns a list of (label, document) for one fact file."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return [(str(path), _load_json_text(text))]
    if path.suffix == ".jsonl":
        docs = []
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                docs.append((f"{path}:{n}", _load_json_text(line)))
        return docs
    try:
        return [(str(path), yaml.load(text, Loader=CoreSchemaLoader))]
    except yaml.YAMLError as e:
        raise LoadError(str(e).replace("\n", " ")) from None


# ----------------------------------------------------------------- messages

TYPE_NAMES = {
    "integer": "an integer", "number": "a number", "string": "a string",
    "boolean": "a boolean (true or false)", "object": "a map", "array": "a list",
    "null": "null",
}


def path_text(parts):
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def value_text(value):
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def message(err):
    v, got = err.validator, value_text(err.instance)
    if v == "type":
        types = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return f"expected {' or '.join(TYPE_NAMES.get(t, t) for t in types)}, got {got}"
    if v == "const":
        return f"expected {value_text(err.validator_value)}, got {got}"
    if v == "enum":
        return f"expected one of {', '.join(map(str, err.validator_value))}, got {got}"
    if v == "anyOf" and all(s.validator in ("enum", "pattern", "type") for s in err.context):
        names = next((s.validator_value for s in err.context if s.validator == "enum"), [])
        return f"expected one of {', '.join(names)} or an `x-` id, got {got}"
    if v == "required":
        missing = re.match(r"'([^']*)'", err.message)
        return f"missing required key `{missing.group(1) if missing else err.message}`"
    if v == "minimum":
        return f"expected at least {err.validator_value}, got {got}"
    if v == "maximum":
        return f"expected at most {err.validator_value}, got {got}"
    if v == "pattern":
        if list(err.absolute_path)[-2:] == ["collected", "at"]:
            return f"expected an RFC 3339 date-time such as 2021-01-20T09:42:13+09:00, got {got}"
        if err.validator_value.startswith("^x-"):
            return f"expected an `x-` id such as x-opera, got {got}"
        return f"got {got}, which does not match {err.validator_value}"
    if v == "minLength":
        return "expected a non-empty string"
    if v == "minItems":
        return f"expected at least {err.validator_value} item(s), got an empty list"
    return err.message


def errors_of(validator, doc):
    """(path, message) pairs, sorted by path; `if`/`then` failures are
    reported by the `then` sub-errors themselves."""
    found = []
    for err in validator.iter_errors(doc):
        found.append((path_text(err.absolute_path), message(err)))
    return sorted(set(found))


# ----------------------------------------------------------------- checks

def fact_files(directory):
    return sorted(p for p in directory.iterdir() if p.is_file() and p.suffix in SUFFIXES)


def rel(path):
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def tekigo_check(tekigo, policy, path):
    """(exit status, stdout + stderr) of `tekigo check POLICY FILE --quiet`."""
    try:
        run = subprocess.run([str(tekigo), "check", str(policy), str(path), "--quiet"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, f"cannot run {tekigo}: {e}"
    return run.returncode, run.stdout + run.stderr


def main(argv):
    tekigo, policy = None, DEFAULT_POLICY
    rest = []
    args = iter(argv)
    for arg in args:
        if arg == "--tekigo":
            tekigo = Path(next(args))
        elif arg == "--policy":
            policy = Path(next(args))
        else:
            rest.append(arg)
    argv = rest
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    # The contract's integers are written without a fraction: 1.0 is not an
    # integer here, although JSON Schema alone would accept it.
    strict_types = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, v: isinstance(v, int) and not isinstance(v, bool))
    Strict = validators.extend(Draft202012Validator, type_checker=strict_types)
    validator = Strict(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)

    failures = 0
    skipped = []

    def loaded(path):
        if path.suffix in (".yaml", ".yml") and yaml is None:
            skipped.append(rel(path))
            print(f"SKIP {rel(path)}: PyYAML (python3-yaml) is not installed")
            return None
        try:
            return load(path)
        except (LoadError, UnicodeDecodeError) as e:
            return e

    def check_good(paths):
        nonlocal failures
        subjects = {}
        for path in paths:
            docs = loaded(path)
            if docs is None:
                continue
            if isinstance(docs, Exception):
                failures += 1
                print(f"FAIL {rel(path)}: cannot read: {docs}")
                continue
            for label, doc in docs:
                errs = errors_of(validator, doc)
                if errs:
                    failures += 1
                    for where, what in errs:
                        print(f"FAIL {rel(label)}: {where}: {what}")
                else:
                    print(f"ok   {rel(label)}")
                    if path.parent.name == "dumps":
                        subjects.setdefault(doc["subject"], []).append(rel(label))
        for subject, labels in subjects.items():
            if len(labels) > 1:
                failures += 1
                print(f"FAIL examples/dumps: subject `{subject}` appears in "
                      f"{', '.join(labels)}; a directory run would merge them")

    def check_bad(paths):
        nonlocal failures
        for path in paths:
            docs = loaded(path)
            if docs is None:
                continue
            if isinstance(docs, Exception):
                failures += 1
                print(f"FAIL {rel(path)}: cannot read: {docs}")
                continue
            for label, doc in docs:
                expect = doc.get("x-expect-error") if isinstance(doc, dict) else None
                errs = errors_of(validator, doc)
                if not expect:
                    failures += 1
                    print(f"FAIL {rel(label)}: bad dump without an `x-expect-error` path")
                elif not errs:
                    failures += 1
                    print(f"FAIL {rel(label)}: accepted, but should be rejected at {expect}")
                elif not any(where == expect for where, _ in errs):
                    failures += 1
                    got = "; ".join(f"{w}: {m}" for w, m in errs)
                    print(f"FAIL {rel(label)}: rejected, but not at {expect} ({got})")
                else:
                    first = next(m for w, m in errs if w == expect)
                    print(f"ok   {rel(label)}: rejected as expected: {expect}: {first}")

    def check_tekigo(agree, bad):
        """The engine must judge agree/ and bad/ as the schema does."""
        nonlocal failures
        for path in agree:
            code, out = tekigo_check(tekigo, policy, path)
            if code is None or code == 2:
                failures += 1
                first = out.strip().splitlines()[0] if out.strip() else "(no message)"
                print(f"FAIL {rel(path)}: the schema accepts it, tekigo rejects it: {first}")
            else:
                print(f"ok   {rel(path)}: tekigo accepts it too (exit {code})")
        for path in bad:
            docs = loaded(path)
            if docs is None or isinstance(docs, Exception):
                continue
            expect = docs[0][1].get("x-expect-error") if isinstance(docs[0][1], dict) else None
            code, out = tekigo_check(tekigo, policy, path)
            if code is None:
                failures += 1
                print(f"FAIL {rel(path)}: {out}")
            elif code != 2:
                failures += 1
                print(f"FAIL {rel(path)}: the schema rejects it, tekigo accepts it (exit {code})")
            elif expect and expect not in out:
                failures += 1
                print(f"FAIL {rel(path)}: tekigo rejects it, but not at {expect}: {out.strip()}")
            else:
                print(f"ok   {rel(path)}: tekigo rejects it too, at {expect}")

    if argv:
        paths = []
        for arg in argv:
            p = Path(arg)
            paths.extend(fact_files(p) if p.is_dir() else [p])
        check_good(paths)
    else:
        good = [p for d in GOOD_DIRS for p in fact_files(d)]
        if not good:
            failures += 1
            print("FAIL no example fact files found under examples/")
        check_good(good)
        check_good(fact_files(AGREE_DIR))
        check_bad(fact_files(BAD_DIR))
        if tekigo is not None:
            check_tekigo(fact_files(AGREE_DIR), fact_files(BAD_DIR))

    if skipped:
        print(f"note: {len(skipped)} YAML file(s) not checked: PyYAML is missing")
    if failures:
        print(f"validate_dumps: {failures} problem(s)")
        return 1
    print("validate_dumps: all fact files behave as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
