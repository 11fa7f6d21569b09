// engine/batch: applying attestations to a terminal (see attestations.hpp).
#include "engine/batch/attestations.hpp"

#include <algorithm>

namespace tekigo::engine {

std::optional<std::string> applied_attestations(const std::optional<Attestation>& own,
                                                std::span<const FactPart> parts,
                                                std::string_view subject,
                                                std::vector<Attestation>& out) {
  out.clear();
  if (own) {
    if (!covers_subject(*own, subject, true)) return out_of_scope(*own, subject);
    out.push_back(*own);
  }
  for (const auto& part : parts) {
    if (!part.attestation) continue;
    if (!covers_subject(*part.attestation, subject))
      return out_of_scope(*part.attestation, subject);
    out.push_back(*part.attestation);
  }
  return std::nullopt;
}

void attribute_attestations(const Graph& graph, TerminalResult& result) {
  const auto& rules = graph.rules();
  const std::size_t n = std::min(rules.size(), result.rules.size());
  for (std::size_t i = 0; i < n; ++i) {
    RuleOutcome& outcome = result.rules[i];
    outcome.attestation = -1;
    const Rule& rule = rules[i];
    if (!rule.manual_when_absent || outcome.status == Status::manual || outcome.id != rule.id)
      continue;
    for (NodeId f : rule.reads) {
      const FactPath& path = graph.node(f).path;
      if (path.size() < 2 || path[0] != "attested") continue;
      for (std::size_t a = result.attestations.size(); a-- > 0;) {
        const auto& keys = result.attestations[a].keys;
        if (std::find(keys.begin(), keys.end(), path[1]) == keys.end()) continue;
        outcome.attestation = std::max(outcome.attestation, static_cast<std::int32_t>(a));
        break;
      }
    }
  }
}

}  // namespace tekigo::engine
