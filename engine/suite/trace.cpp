// engine/suite: the traceability matrix — see trace.hpp.
#include "engine/suite/trace.hpp"

#include <algorithm>
#include <set>

namespace tekigo::engine {

namespace {

RuleTrace rule_trace(const RuleInfo& rule, const std::vector<TestCase>& tests) {
  RuleTrace t{rule.id, {}};
  for (const auto& test : tests)
    if (std::any_of(test.rules.begin(), test.rules.end(),
                    [&](const RuleExpectation& e) { return e.rule == rule.id; }))
      t.cases.push_back(test.file);
  return t;
}

}  // namespace

PolicyTrace trace_policy(const PolicyInfo& policy, const std::vector<TestCase>& tests) {
  PolicyTrace out;
  std::set<std::string> placed;  // rule ids
  auto add = [&](std::string cite, Prose title, bool informational, bool section) {
    ClauseTrace c{cite, std::move(title), informational, section, {}};
    for (const auto& rule : policy.rules)
      if (std::find(rule.clauses.begin(), rule.clauses.end(), cite) != rule.clauses.end()) {
        c.rules.push_back(rule_trace(rule, tests));
        placed.insert(rule.id);
      }
    out.clauses.push_back(std::move(c));
  };
  for (const auto& section : policy.outline) {
    // A section's rules that cite none of its clauses cite the section as a whole.
    const bool cited_whole = std::any_of(policy.rules.begin(), policy.rules.end(), [&](auto& r) {
      return std::find(r.clauses.begin(), r.clauses.end(), section.cite) != r.clauses.end();
    });
    if (!section.cite.empty() && (section.clauses.empty() || cited_whole))
      add(section.cite, section.title, section.informational, true);
    for (const auto& clause : section.clauses)
      add(clause.cite, clause.title, clause.informational, false);
  }
  for (const auto& rule : policy.rules)
    if (!placed.count(rule.id)) out.unplaced.push_back(rule_trace(rule, tests));
  return out;
}

}  // namespace tekigo::engine
