// engine: `check --live` — one terminal checked while its facts are being collected. Each
// collected part is fed to one Evaluation as it arrives (the probes finish last), so only
// what a part changes is re-evaluated and progress can be shown as rules get decided. The
// engine never touches the machine: the caller plugs the collection in (FactCollection).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/graph.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::engine {

// Takes one collected part: the step that found it ("os", "software", …) and its facts, a
// partial dump merged into the whole.
using CollectedPartSink = std::function<void(std::string_view step, const FactValue& facts)>;

// The machine's side, given by the caller: collects this terminal's facts, handing each part
// to `on_part` as soon as it is ready, and returns the whole dump — whose header (`schema`,
// `subject`, `collected` with its errors) no part carries.
using FactCollection = std::function<FactValue(const CollectedPartSink& on_part)>;

// How far the evaluation got after a part.
struct LiveProgress {
  std::string_view step;    // the part just fed
  std::size_t decided = 0;  // rules whose status is no longer unknown
  std::size_t rules = 0;    // rules in the policy
};

// Checks this terminal: feeds the attested facts (--facts files, in order), then each
// collected part as it arrives, calling `on_progress` after each; then the dump's header,
// then the attested facts again — attested facts win over collected ones. The result's
// source is "live", its subject the dump's; a facts file whose attestation does not cover
// that subject makes it an error result naming both. `options` are the evaluation's (the check
// date: options.as_of); by default evidence is kept for every rule, passing ones too (one terminal:
// it costs little).
TerminalResult check_live(std::shared_ptr<const Graph> graph, const std::vector<FactPart>& attested,
                          const FactCollection& collect,
                          const std::function<void(const LiveProgress&)>& on_progress = {},
                          const EvaluationOptions& options = {});

}  // namespace tekigo::engine
