// engine: `check --live` (see live_check.hpp).
#include "engine/batch/live_check.hpp"

#include <algorithm>
#include <utility>

#include "engine/batch/attestations.hpp"
#include "engine/eval/evaluator.hpp"

namespace tekigo::engine {

TerminalResult check_live(std::shared_ptr<const Graph> graph, const std::vector<FactPart>& attested,
                          const FactCollection& collect,
                          const std::function<void(const LiveProgress&)>& on_progress,
                          const EvaluationOptions& options) {
  const std::shared_ptr<const Graph> graph_of_evaluation = graph;
  Evaluation evaluation(std::move(graph), options);
  for (const auto& part : attested) evaluation.feed(part.facts);
  const FactValue dump = collect([&](std::string_view step, const FactValue& facts) {
    evaluation.feed(facts);
    if (!on_progress) return;
    const auto& outcomes = evaluation.outcomes();
    const auto decided = std::count_if(outcomes.begin(), outcomes.end(), [](const RuleOutcome& r) {
      return r.status != Status::unknown;
    });
    on_progress({step, static_cast<std::size_t>(decided), outcomes.size()});
  });
  // The header and collected.errors, which the parts do not carry.
  FactValue header = FactValue::map();
  for (const char* key : {"schema", "subject", "collected"})
    if (const FactValue* v = dump.find(key)) header.set(key, *v);
  evaluation.feed(header);
  for (const auto& part : attested) evaluation.feed(part.facts);  // attested win over collected

  TerminalResult result;
  result.source = "live";
  if (const FactValue* subject = dump.find("subject"); subject && subject->is_string())
    result.subject = subject->as_string();
  if (auto refused =
          applied_attestations(std::nullopt, attested, result.subject, result.attestations))
    return error_result(result.source, std::move(*refused), result.subject);
  result.rules = evaluation.outcomes();
  result.verdict = verdict_of(result.rules);
  result.warnings = evaluation.warnings();
  attribute_attestations(*graph_of_evaluation, result);
  return result;
}

}  // namespace tekigo::engine
