// engine/facts: what the readers of fact_reader.cpp share, internal to engine/facts — the
// problems that rise through a tree being built (each names its fact path on the way up), the
// checks every format makes (duplicate keys, numbers, the byte-order and UTF-16 hints) and the
// last step of every document (finish: validation). One reader a file: fact_reader_json.cpp
// (JSON and each line of JSON Lines, simdjson), fact_reader_yaml.cpp (YAML, yaml-cpp's events).
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "engine/facts/fact_document.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::engine::reading {

struct TooDeep {};
// A problem at a place of the tree: its fact path is filled in as the exception rises
// through the maps and lists above it (`under`), innermost step first.
struct AtPath {
  std::string path;
  void under(std::string_view step) {
    path =
        path.empty() || path[0] == '[' ? std::string(step) + path : std::string(step) + "." + path;
  }
};
// A key twice in one map; `path` is the map's (empty at the top level).
struct DuplicateKey : AtPath {
  std::string key;
  std::size_t line = 0, column = 0;  // YAML: where the second one is (1-based)
  explicit DuplicateKey(std::string k) : key(std::move(k)) {}
};
// YAML aliases expand to more values than the text could hold without them (see YamlTree).
struct TooManyValues {};
// A number no fact value can hold: past ±2^63 for an integer, past ±1.8e308 for a real one.
struct NumberOutOfRange : AtPath {
  std::string text;
  std::size_t line = 0, column = 0;  // YAML: where it is (1-based); JSON: see locate_json_number
  NumberOutOfRange(std::string t, std::size_t l, std::size_t c)
      : text(std::move(t)), line(l), column(c) {}
};

std::optional<std::size_t> duplicate_key(const FactValue::Map& entries);

// Runs `build` for the child at `step` of a map or list, naming the step in the path of a
// problem that rises through it.
template <class Build>
void at_step(Build&& build, const auto& step) {
  try {
    build();
  } catch (AtPath& problem) {
    if constexpr (std::is_integral_v<std::decay_t<decltype(step)>>)
      problem.under(fmt::format("[{}]", step));
    else
      problem.under(step);
    throw;
  }
}

FactValue real_number(double d);
std::string utf16_hint(std::string_view text);
std::string out_of_range_message(std::string_view number);
std::string duplicate_key_message(const DuplicateKey& d);
std::string too_deep(const FactLoadOptions& options);
// A dump takes memory in proportion to its size (about 35 bytes a byte for one of tiny
// values): when even that is not to be had, the dump is an error, not the end of the run.
constexpr const char* kOutOfMemory = "not enough memory to read it";

// The last step of every document read: a map, validated (unless options say not), goes into
// out.documents; anything else is its error.
void finish(FactValue root, std::string source, const FactLoadOptions& options, FactLoad& out);

// One JSON document (a file, a JSON Lines line, a --facts file) into `out`. `padded`: `text` is
// followed by at least kParsePadding readable bytes (no copy needed). `reuse`: a tree whose
// storage the new tree may take over.
void parse_json_document(std::string_view text, std::string source, const FactLoadOptions& options,
                         FactLoad& out, bool padded = false, FactValue* reuse = nullptr);
// One YAML document (the first of the text) into `out`.
void parse_yaml_document(std::string_view text, std::string_view source,
                         const FactLoadOptions& options, FactLoad& out);

}  // namespace tekigo::engine::reading
