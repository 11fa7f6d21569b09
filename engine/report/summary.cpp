// engine/report: what a batch came to, tallied terminal by terminal.
#include "engine/report/summary.hpp"

#include <range/v3/algorithm/sort.hpp>
#include <range/v3/range/conversion.hpp>
#include <range/v3/view/take.hpp>
#include <range/v3/view/transform.hpp>

namespace tekigo::engine {

Verdict BatchSummary::worst() const {
  for (Verdict v :
       {Verdict::error, Verdict::fail, Verdict::unknown, Verdict::manual, Verdict::warn})
    if (count(v)) return v;
  return Verdict::pass;
}

void SummaryBuilder::RuleCounts::add(const RuleOutcome& rule, std::size_t position) {
  auto [it, inserted] = index_.try_emplace(rule.id, tallies_.size());
  if (inserted) tallies_.push_back({{rule.id, rule.cite, rule.title, 0}, position});
  ++tallies_[it->second].tally.count;
}

std::vector<RuleTally> SummaryBuilder::RuleCounts::top(std::size_t max) const {
  // Most counted first. Ties must not depend on which terminal happened to come first, so
  // they follow the policy (position), and the rule id settles the rest: hand-made results
  // with different rule lists can give two rules one position.
  auto order = tallies_ | ranges::views::transform([](const Tally& t) { return &t; }) |
               ranges::to<std::vector>();
  ranges::sort(order, [](const Tally* a, const Tally* b) {
    if (a->tally.count != b->tally.count) return a->tally.count > b->tally.count;
    if (a->position != b->position) return a->position < b->position;
    return a->tally.id < b->tally.id;
  });
  return order | ranges::views::take(max) |
         ranges::views::transform([](const Tally* t) { return t->tally; }) |
         ranges::to<std::vector>();
}

void SummaryBuilder::add(const TerminalResult& result) {
  ++terminals_;
  ++verdicts_[static_cast<std::size_t>(result.verdict)];
  const std::string& name = result.subject.empty() ? result.source : result.subject;
  if (result.verdict == Verdict::fail) failing_.push_back(name);
  if (result.verdict == Verdict::unknown) unknown_.push_back(name);
  if (result.verdict == Verdict::manual) manual_.push_back(name);
  if (result.verdict == Verdict::error) errors_.push_back(result.source);
  for (std::size_t i = 0; i < result.rules.size(); ++i) {
    const RuleOutcome& rule = result.rules[i];
    if (rule.status == Status::fail) failed_.add(rule, i);
    if (rule.status == Status::unknown) unknown_rules_.add(rule, i);
  }
}

BatchSummary SummaryBuilder::summary() const {
  BatchSummary s;
  s.terminals = terminals_;
  s.verdicts = verdicts_;
  s.rules_failed = failed_.rules();
  s.most_failed_rules = failed_.top(max_rules_);
  s.rules_unknown = unknown_rules_.rules();
  s.most_unknown_rules = unknown_rules_.top(max_rules_);
  s.failing_subjects = failing_;
  s.unknown_subjects = unknown_;
  s.manual_subjects = manual_;
  s.error_sources = errors_;
  return s;
}

}  // namespace tekigo::engine
