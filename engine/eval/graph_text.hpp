// engine: a compiled graph as text — the one place a graph is written out for comparison.
// Every node (kind, fact paths, types, operators, typed literals, patterns, inputs) and every
// rule (ids, citations, sentences, notes, cases, messages, evidence), one a line, never where
// they were written: two policies that compile to the same graph give the same text however
// they were laid out.
//   graph_text(g)                 everything, the evaluation's plumbing too (`tekigo fmt`'s
//                                 tests compare a policy with its formatted text this way);
//   graph_text(g, decisions_only) what decides a dump and what the reports say, nothing else
//                                 (`tekigo graph --format text`, the mutation check);
//   rule_fingerprint(g, rule)     one rule in the decisions-only words, its nodes written out
//                                 in full in place of their numbers (the fleet impact tells a
//                                 changed rule from a kept one by it).
#pragma once

#include <string>
#include <string_view>

#include "engine/eval/graph.hpp"

namespace tekigo::engine {

struct GraphTextOptions {
  // The policy's own words kept for evidence (Node::text, Literal::text, Case::expected and
  // Case::message, which may quote a condition) are compared ignoring layout: runs of white
  // space count as one space, and none next to a bracket, a comma or an operator
  // (`a  and (b)` reads as `a and(b)`), outside quotes.
  bool layout_insensitive = false;
  // Only what decides a dump and what the reports say: literals by meaning (scalar_key), no
  // display texts (Node::text, Literal::text), section titles, fact reads, pattern groups or
  // list scans. Two policies that give the same text decide every dump alike and say the same
  // words.
  bool decisions_only = false;
};

std::string graph_text(const Graph& graph, const GraphTextOptions& options = {});

// One rule's text in the decisions-only words, with every node it reaches written out in full
// in place of its number: the same rule compiled from two revisions of a policy (moved,
// reformatted, its nodes numbered anew) gives the same text; a changed condition, literal,
// pattern, status, message, note, citation or title gives another.
std::string rule_fingerprint(const Graph& graph, const Rule& rule);

// `text` as GraphTextOptions::layout_insensitive compares it.
std::string without_layout(std::string_view text);

}  // namespace tekigo::engine
