// engine: a compiled graph as text, every part of it but where it was written — its nodes
// (kind, fact paths, types, operators, typed literals, patterns, inputs, pattern groups), its
// rules (ids, citations, sentences, notes, cases, messages, evidence) and its list scans, one
// a line. Two policies that compile to the same graph give the same text however they were
// laid out: `tekigo fmt`'s tests compare a policy with its formatted text this way.
#pragma once

#include <string>
#include <string_view>

#include "engine/eval/graph.hpp"

namespace tekigo::engine {

struct GraphTextOptions {
  // The policy's own words kept for evidence (Node::text, Literal::text, Case::expected and
  // Case::message, which may quote a condition) are
  // compared ignoring layout: runs of white space count as one space, and none next to a
  // bracket, a comma or an operator (`a  and (b)` reads as `a and(b)`), outside quotes.
  bool layout_insensitive = false;
};

std::string graph_text(const Graph& graph, const GraphTextOptions& options = {});

// `text` as GraphTextOptions::layout_insensitive compares it.
std::string without_layout(std::string_view text);

}  // namespace tekigo::engine
