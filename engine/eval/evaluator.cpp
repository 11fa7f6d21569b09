// engine/eval: the evaluator — one terminal's facts, reset or fed incrementally, and the
// outcomes of every rule. Node evaluation is in evaluation_state.hpp, rule decisions in
// decide.cpp.
#include "engine/eval/evaluator.hpp"
#include "engine/eval/explanations.hpp"

#include <fmt/format.h>

#include "engine/eval/evaluation_state.hpp"
#include "engine/facts/fact_validator.hpp"

namespace tekigo::engine {

Evaluation::Evaluation(std::shared_ptr<const Graph> graph, EvaluationOptions options)
    : state_(std::make_unique<State>()) {
  state_->graph = std::move(graph);
  state_->options = options;
  if (options.as_of) state_->check_date = FactValue::string(options.as_of->to_string());
  state_->memo.resize(state_->graph->nodes().size());
  state_->fresh.assign(state_->graph->nodes().size(), 0);
  state_->rule_fresh.assign(state_->graph->rules().size(), 0);
  state_->outcomes.resize(state_->graph->rules().size());
}

Evaluation::~Evaluation() = default;
Evaluation::Evaluation(Evaluation&&) noexcept = default;
Evaluation& Evaluation::operator=(Evaluation&&) noexcept = default;

void Evaluation::reset(FactValue facts) {
  state_->facts = facts.is_map() ? std::move(facts) : FactValue::map();
  state_->invalidate_all();
}

FactValue Evaluation::exchange(FactValue facts) {
  FactValue previous = std::move(state_->facts);
  reset(std::move(facts));
  return previous;
}

void Evaluation::feed(const FactValue& part) {
  std::vector<std::string> changed;
  merge_facts(state_->facts, part, &changed);
  state_->invalidate_paths(changed);
}

const std::vector<RuleOutcome>& Evaluation::outcomes() {
  const auto& rules = state_->graph->rules();
  for (std::size_t r = 0; r < rules.size(); ++r) {
    if (state_->rule_fresh[r]) continue;
    state_->decide(rules[r], state_->outcomes[r]);
    state_->rule_fresh[r] = 1;
  }
  return state_->outcomes;
}

std::vector<RuleOutcome> Evaluation::take_outcomes(std::vector<RuleOutcome> storage) {
  outcomes();
  std::vector<RuleOutcome> taken = std::move(state_->outcomes);
  storage.resize(taken.size());
  state_->outcomes = std::move(storage);
  std::fill(state_->rule_fresh.begin(), state_->rule_fresh.end(), 0);
  return taken;
}

const FactValue& Evaluation::facts() const {
  return state_->facts;
}
namespace {

// The text of the fact at a dotted path of map keys ("os.build"), or "" when there is none.
std::string text_at(const FactValue& facts, std::string_view dotted) {
  const FactValue* at = &facts;
  std::size_t start = 0;
  while (at && start <= dotted.size()) {
    const std::size_t dot = std::min(dotted.find('.', start), dotted.size());
    at = at->is_map() ? at->find(dotted.substr(start, dot - start)) : nullptr;
    start = dot + 1;
  }
  return at && at->is_string() ? at->as_string() : std::string();
}

}  // namespace

std::vector<std::string> Evaluation::warnings() const {
  std::vector<std::string> out;
  // What validate_facts read as another value than the dump's (kReconciledKey).
  if (const FactValue* notes =
          State::follow(&state_->facts, {"collected", std::string(kReconciledKey)});
      notes && notes->is_list())
    for (const FactValue& note : notes->as_list()) {
      const FactValue* path = note.is_map() ? note.find("path") : nullptr;
      const FactValue* read = note.is_map() ? note.find("read") : nullptr;
      const FactValue* from = note.is_map() ? note.find("from") : nullptr;
      if (!path || !path->is_string() || !read || !read->is_string() || !from || !from->is_string())
        continue;
      out.push_back(phrase_in(state_->options.lang, Phrase::reconciled_release, path->as_string(),
                              read->as_string(), text_at(state_->facts, path->as_string()),
                              from->as_string(), text_at(state_->facts, from->as_string())));
    }
  const std::optional<Date>& effective = state_->graph->effective();
  if (!effective) return out;
  const std::optional<Date>& as_of = state_->options.as_of;
  if (as_of && *as_of < *effective)
    out.push_back(phrase_in(state_->options.lang, Phrase::checked_before_effective,
                            as_of->to_string(), effective->to_string()));
  const FactValue* at = State::follow(&state_->facts, {"collected", "at"});
  if (at && at->is_string())
    if (auto t = Timestamp::parse(at->as_string()); t && t->local_date() < *effective)
      out.push_back(phrase_in(state_->options.lang, Phrase::collected_before_effective,
                              t->local_date().to_string(), effective->to_string()));
  return out;
}

const EvaluationStats& Evaluation::stats() const {
  return state_->stats;
}
const Graph& Evaluation::graph() const {
  return *state_->graph;
}
Tri Evaluation::value_of(NodeId node) {
  return state_->tri(node);
}

TerminalResult evaluate(const std::shared_ptr<const Graph>& graph, const FactValue& facts,
                        std::string source, const EvaluationOptions& options) {
  Evaluation evaluation(graph, options);
  evaluation.reset(facts);
  TerminalResult result;
  result.source = std::move(source);
  if (const FactValue* s = facts.find("subject"); s && s->is_string())
    result.subject = s->as_string();
  result.rules = evaluation.outcomes();
  result.verdict = verdict_of(result.rules);
  result.warnings = evaluation.warnings();
  return result;
}

}  // namespace tekigo::engine
