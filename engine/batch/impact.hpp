// engine: the impact of a revision on a fleet — every dump evaluated under the policy before
// (OLD) and after (NEW) on all cores by the batch runner, each dump read and parsed once for
// both evaluations (BatchOptions::baseline), and the pairs compared in input order by an
// ImpactBuilder (engine/report/impact_summary.hpp), whose FleetImpact the impact writers show.
// `tekigo impact OLD NEW DUMP...` is this and a writer.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "engine/batch/batch.hpp"
#include "engine/report/impact_summary.hpp"

namespace tekigo::engine {

struct ImpactPolicies {
  std::shared_ptr<const Graph> baseline;  // OLD
  std::shared_ptr<const Graph> revised;   // NEW
};

// Evaluates every dump of `inputs` (as run_batch reads them) under both policies and feeds
// each pair to `builder`, in input order. `sink` is called on the calling thread with each
// terminal's impact, an unreadable dump being an error on both sides (one per dump, see
// error_results); `on_error`, when given, with each problem of a dump first (for a message).
// `walk_errors` (the dump folders' problems, collect_fact_files) come before everything else.
// `options.evaluation` applies to NEW; OLD is evaluated with the same check date and no
// evidence (only its statuses are compared). Never throws for bad input.
void run_impact(const ImpactPolicies& policies, const std::vector<std::filesystem::path>& inputs,
                BatchOptions options, ImpactBuilder& builder,
                const std::function<void(const TerminalImpact&)>& sink,
                const std::function<void(const FactError&)>& on_error = {},
                const std::vector<FactError>& walk_errors = {});

}  // namespace tekigo::engine
