// engine/batch: the attestations a terminal's check rests on — the dump's own and each facts
// file's, refused for a dump outside what they cover — and, once its rules are decided, who
// attested the fact that decided each manual rule.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "engine/eval/graph.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/facts/attestation.hpp"

namespace tekigo::engine {

// The attestations that apply to a dump with `subject` (its own, read from `own`, then the
// parts' in order) into `out`, or the refusal of the first one that does not cover it.
std::optional<std::string> applied_attestations(const std::optional<Attestation>& own,
                                                std::span<const FactPart> parts,
                                                std::string_view subject,
                                                std::vector<Attestation>& out);

// Sets RuleOutcome::attestation for every manual rule of `graph` that an attested fact decided:
// the last of result.attestations that vouches for a key the rule reads (later files win, as in
// the merge). `result.rules` are in the graph's rule order.
void attribute_attestations(const Graph& graph, TerminalResult& result);

}  // namespace tekigo::engine
