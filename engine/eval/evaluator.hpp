// engine: evaluating a Graph against the facts of one terminal. An Evaluation holds one
// terminal's facts and the values of the graph's depth-0 nodes; feeding more facts
// re-evaluates only the nodes (and rules) that read them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/eval/graph.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::engine {

struct EvaluationStats {
  std::uint64_t node_evaluations = 0;     // depth-0 nodes computed (cache misses)
  std::uint64_t element_evaluations = 0;  // quantifier predicates computed per element
  std::uint64_t rule_evaluations = 0;     // rules decided
};

struct EvaluationOptions {
  bool evidence = true;       // collect evidence for each outcome
  bool pass_evidence = true;  // … including passing ones (the costliest part when off by default)
  std::size_t max_evidence = 24;  // per rule
  // The check date (`check --as-of`, the caller's today): what `today` and the `from`/`until`
  // limits of a policy are judged at. Unset, they are unknown. The engine never reads a clock.
  std::optional<Date> as_of;
  // The language of every text of the outcomes (title, message, notes, evidence phrases,
  // warnings): the policy's sentences in it when written, else in the other; the engine's
  // own explanations (explanations.hpp) always in it.
  Lang lang = Lang::en;
};

// One terminal's evaluation. Not thread-safe: use one Evaluation per thread; the Graph it
// points to is shared and never changed. Never throws for bad or missing facts: a fact that
// is absent or of the wrong kind makes what reads it unknown.
class Evaluation {
 public:
  explicit Evaluation(std::shared_ptr<const Graph> graph, EvaluationOptions options = {});
  ~Evaluation();
  Evaluation(Evaluation&&) noexcept;
  Evaluation& operator=(Evaluation&&) noexcept;

  // Replaces all facts (a new terminal); everything is re-evaluated on the next outcomes().
  void reset(FactValue facts);
  // The same, handing back the previous terminal's facts (so that a batch can build the next
  // dump's tree in their storage, see parse_facts_in_place).
  FactValue exchange(FactValue facts);
  // Merges `part` into the facts (maps key by key, later values win) and marks what reads
  // the changed paths for re-evaluation.
  void feed(const FactValue& part);

  // Decides every rule (re-deciding only those whose inputs changed) and returns outcomes
  // in policy order.
  const std::vector<RuleOutcome>& outcomes();
  // Decides every rule and moves the outcomes out (for a batch that resets next): the next
  // outcomes() decides every rule again, into `storage` (outcomes taken earlier and done
  // with: their strings' capacity is reused instead of allocated anew).
  std::vector<RuleOutcome> take_outcomes(std::vector<RuleOutcome> storage = {});

  const FactValue& facts() const;
  // What to warn about this terminal's check, in this order: each fact read as another value
  // than the dump's (an os.release "2009" read as its build's release, kReconciledKey); a
  // check date (options.as_of) before the policy's effective date (Graph::effective) — the
  // revision is not in force yet; a dump whose collected.at falls on a day before it — its
  // facts may predate the revision. Never changes an outcome.
  std::vector<std::string> warnings() const;
  const EvaluationStats& stats() const;
  const Graph& graph() const;

  // The value of one depth-0 boolean node (for tests and tools).
  Tri value_of(NodeId node);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Convenience: evaluate one dump and build its TerminalResult.
TerminalResult evaluate(const std::shared_ptr<const Graph>& graph, const FactValue& facts,
                        std::string source, const EvaluationOptions& options = {});

}  // namespace tekigo::engine
