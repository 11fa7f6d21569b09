// engine/suite: coverage of a policy by its test cases (`tekigo test --coverage`,
// docs/testing.md). Every rule, its `applies` condition and every case of its decision list
// (a matrix row and the row's reasons to fail, a forbid item, a `when` or `expect` clause, a
// line class, a resolve or flow check) has two sides: a rule passes or does not; a condition
// holds or does not. A side is covered when some test case's evaluation shows it. Sides no dump
// can show (a condition the compiler made constant, a rule with one status) are left out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/graph.hpp"

namespace tekigo::engine {

struct CoverageSide {
  bool possible = true;
  std::optional<std::string> first;  // the first case that showed it
};

struct CoverageItem {
  enum class Kind { rule, applies, decision };
  Kind kind = Kind::decision;
  std::string label;      // `row "3"`, `software "iTunes"`, `fail when os.release <= 1903`
  NodeId node = kNoNode;  // the condition (applies, decision)
  CoverageSide yes;       // passes / holds
  CoverageSide no;        // does not pass / does not hold
};

struct RuleCoverage {
  std::string id;
  std::vector<CoverageItem> items;  // the rule itself first, then applies, then its cases
  std::size_t sides() const;
  std::size_t covered() const;
};

// The words of a side: "passes", "does not pass", "holds", "does not hold".
std::string_view side_name(const CoverageItem& item, bool yes);

class Coverage {
 public:
  explicit Coverage(const Graph& graph);

  // One case's evaluation (its outcomes already decided): every side it shows is covered.
  void record(Evaluation& evaluation, const std::vector<RuleOutcome>& outcomes,
              const std::string& case_name);

  const std::vector<RuleCoverage>& rules() const { return rules_; }
  std::size_t sides() const;
  std::size_t covered() const;
  std::size_t left_out() const { return left_out_; }  // sides no dump can show
  double percent() const;                             // 100 when there is nothing to cover

  // The table `--coverage` prints: per rule its sides, how many are covered and the percentage,
  // under it every side that is not, and the total.
  std::string text() const;
  // The same as a JSON object (`--coverage-json`, and `coverage` in `--format json`).
  std::string json() const;

 private:
  std::vector<RuleCoverage> rules_;
  std::size_t left_out_ = 0;
};

// The value a condition has on every dump, when the compiler made it so (a matrix row without
// browsers cannot fail for want of one): `constant`, or `and`/`or`/`not` of such.
std::optional<Tri> constant_value(const Graph& graph, NodeId node);

}  // namespace tekigo::engine
