#!/usr/bin/env python3
"""The layering, read from the sources: every #include of tekigo's code against the layer
table of the top-level CMakeLists.txt (written by CMake as BUILD_DIR/layers.json).

usage: check_includes.py SOURCE_DIR BUILD_DIR/layers.json

For each .cpp/.hpp in a layer's folder (engine/, dsl/, collectors/ and their subfolders):
- a quoted include names a header by its path from the source root ("engine/values/date.hpp"),
  never a relative one ("date.hpp", "../values/date.hpp");
- that header belongs to the file's own layer or to a layer it depends on (DEPS, followed
  through the table);
- a header that includes a package its layer links PRIVATE is included only in that layer;
- a third-party header (<tao/pegtl.hpp>, <simdjson.h>, <re2/re2.h>, …) is one of a package
  the layer links (its PUBLIC or PRIVATE, or the PUBLIC of a layer it depends on).
cli/ may include every layer (it is the top), and third-party headers of CLI11, fmt, range-v3
and what the layers expose (PUBLIC): never one that a layer keeps PRIVATE (PEGTL, simdjson, …).
The compile probes (compile_probe.py) show that the build itself refuses the same includes.
"""
import json
import pathlib
import re
import sys

# Which headers a package provides, by the prefix of their include path.
PACKAGE_HEADERS = {
    "fmt::fmt": ("fmt/",),
    "simdjson::simdjson": ("simdjson.h", "simdjson/"),
    "yaml-cpp": ("yaml-cpp/",),
    "PkgConfig::RE2": ("re2/",),
    "taocpp::pegtl": ("tao/pegtl",),
    "Boost::headers": ("boost/",),
    "Boost::filesystem": ("boost/filesystem",),
    "CLI11::CLI11": ("CLI/",),
    "range-v3::range-v3": ("range/",),
    "range-v3::meta": ("meta/",),
}
CLI_PACKAGES = {"CLI11::CLI11", "fmt::fmt", "range-v3::range-v3"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def package_of(header):
    for package, prefixes in PACKAGE_HEADERS.items():
        if any(header.startswith(p) for p in prefixes):
            return package
    return None


def main():
    root = pathlib.Path(sys.argv[1])
    layers = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
    folder_of = {name: spec["folder"] for name, spec in layers.items()}

    def layer_of(folder):
        """The layer a folder's files belong to: the layer of that folder, or of the nearest
        enclosing folder whose layer takes its subfolders in (RECURSE)."""
        for name, spec in layers.items():
            if spec["folder"] == folder:
                return name
        parts = folder.split("/")
        for k in range(len(parts) - 1, 0, -1):
            up = "/".join(parts[:k])
            for name, spec in layers.items():
                if spec["folder"] == up and spec.get("recurse"):
                    return name
        return None

    def closure(name, seen=None):
        seen = set() if seen is None else seen
        for dep in layers[name]["deps"]:
            if dep not in seen:
                seen.add(dep)
                closure(dep, seen)
        return seen

    # A header that includes a third-party header its layer links PRIVATE (grammar.hpp and
    # PEGTL, literal_filter.hpp and RE2) is private to that layer: included from elsewhere, it
    # would carry the private package into a layer that does not link it.
    private_headers = {}
    for name, spec in layers.items():
        folder = root / spec["folder"]
        for header in (folder.rglob("*.hpp") if spec.get("recurse") else folder.glob("*.hpp")):
            for kind, target in INCLUDE.findall(header.read_text(encoding="utf-8")):
                if kind == "<" and package_of(target) in spec["private"]:
                    private_headers[str(header.relative_to(root))] = (name, package_of(target))

    problems, checked = [], 0
    tops = sorted({f.split("/")[0] for f in folder_of.values()} | {"cli"})
    for top in tops:
        for path in sorted((root / top).rglob("*.[ch]pp")):
            rel = path.relative_to(root)
            folder = str(rel.parent)
            if top == "cli":
                own, visible = None, set(layers)
                packages = set(CLI_PACKAGES)
                for name in layers:
                    packages |= set(layers[name]["public"])
            elif layer_of(folder):
                own = layer_of(folder)
                visible = closure(own) | {own}
                packages = set(layers[own]["public"]) | set(layers[own]["private"])
                for dep in closure(own):
                    packages |= set(layers[dep]["public"])
            else:
                problems.append(f"{rel}: its folder {folder}/ is no layer of the table")
                continue
            checked += 1
            text = path.read_text(encoding="utf-8")
            for line_no, (kind, header) in ((text[: m.start()].count("\n") + 1, m.groups())
                                            for m in INCLUDE.finditer(text)):
                where = f"{rel}:{line_no}"
                if kind == '"':
                    target_folder = str(pathlib.PurePosixPath(header).parent)
                    if top == "cli" and target_folder == "cli":
                        continue
                    if not layer_of(target_folder):
                        problems.append(f"{where}: includes \"{header}\": a header is named by its "
                                        "path from the source root, in a layer's folder")
                    elif layer_of(target_folder) not in visible:
                        problems.append(f"{where}: includes \"{header}\" of "
                                        f"{layer_of(target_folder)}, which {own} may not use "
                                        f"(it depends on: {', '.join(sorted(visible - {own})) or 'nothing'})")
                    elif not (root / header).is_file():
                        problems.append(f"{where}: includes \"{header}\", which does not exist")
                    elif header in private_headers and private_headers[header][0] != own:
                        layer, package = private_headers[header]
                        problems.append(f"{where}: includes \"{header}\", private to {layer} "
                                        f"(it includes {package}, which {layer} links PRIVATE)")
                else:
                    package = package_of(header)
                    if package and package not in packages and not (
                            package.startswith("Boost::") and packages & {"Boost::headers", "Boost::filesystem"}):
                        problems.append(f"{where}: includes <{header}> of {package}, which "
                                        f"{own or 'cli'} does not link (layer table: PUBLIC/PRIVATE)")
    for p in problems:
        print(p)
    print(f"{checked} files of {len(layers)} layers checked: "
          + (f"{len(problems)} problems" if problems else "the layering holds"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
