// engine: the impact of a revision on a fleet — the batch under two policies (impact.hpp).
#include "engine/batch/impact.hpp"

#include "engine/batch/dump_errors.hpp"

namespace tekigo::engine {

void run_impact(const ImpactPolicies& policies, const std::vector<std::filesystem::path>& inputs,
                BatchOptions options, ImpactBuilder& builder,
                const std::function<void(const TerminalImpact&)>& sink,
                const std::function<void(const FactError&)>& on_error,
                const std::vector<FactError>& walk_errors) {
  auto errors = [&](const std::vector<FactError>& problems) {
    if (on_error)
      for (const auto& problem : problems) on_error(problem);
    for (const auto& result : error_results(problems)) sink(builder.add(result, result));
  };
  errors(walk_errors);
  options.baseline = policies.baseline;
  options.baseline_evaluation = options.evaluation;
  options.baseline_evaluation.evidence = false;
  options.baseline_evaluation.pass_evidence = false;
  run_batch(policies.revised, inputs, options, [&](BatchItem&& item) {
    for (std::size_t i = 0; i < item.results.size(); ++i) {
      const TerminalResult& result = item.results[i];
      // run_batch gives one baseline result per result under a baseline; be safe anyway.
      sink(builder.add(i < item.baseline.size() ? item.baseline[i] : result, result));
    }
    errors(item.errors);
  });
}

}  // namespace tekigo::engine
