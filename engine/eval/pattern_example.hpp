// engine/eval: texts for the patterns of a graph, for tools that write dumps (`tekigo skeleton`):
// whether a pattern matches a text as the evaluator matches it (RE2, case-insensitive,
// unanchored), and a short text that it matches.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/eval/graph.hpp"

namespace tekigo::engine {

// Whether the pattern of the match node `match` matches `text`, as evaluation matches it.
bool pattern_matches(const Graph& graph, const Node& match, std::string_view text);

// A short text that the pattern of `match` matches: built from the pattern itself (its first
// alternative, each optional part left out, `.*` as one space, a class as its first
// character: "at&t.*communication(s)? manager" gives "at&t communication manager"), other
// choices tried when that text does not match, and checked against the pattern. nullopt when
// no text built that way matches (a pattern of escapes the builder does not know).
std::optional<std::string> pattern_example(const Graph& graph, const Node& match);

}  // namespace tekigo::engine
