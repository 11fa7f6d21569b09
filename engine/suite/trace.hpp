// engine/suite: the traceability of a policy — each clause of the document's outline, the
// rules that cite it, and the policy's test cases (`tekigo test`) that exercise each rule:
// what an auditor reads to see that every clause is encoded and tested. Derived from the
// compiled policy (PolicyInfo) and the cases as read (read_test_case), so it cannot drift.
#pragma once

#include <string>
#include <vector>

#include "engine/eval/policy_info.hpp"
#include "engine/suite/test_case.hpp"

namespace tekigo::engine {

// A rule as the matrix lists it, with the cases that name it in their `rules:` (by file, as
// TestCase::file has it, in the order given).
struct RuleTrace {
  std::string id;
  std::vector<std::string> cases;
};

// One clause of the outline — or a section that declares none, which rules cite as a whole.
struct ClauseTrace {
  std::string cite;  // "§3(3) 別表 #7", "§2(2)"
  Prose title;
  bool informational = false;
  bool section = false;          // a section without clauses, not a clause
  std::vector<RuleTrace> rules;  // in policy order
};

struct PolicyTrace {
  std::vector<ClauseTrace> clauses;  // in the outline's order
  // Rules whose citation is no clause and no section of the outline (a W0413 in lint).
  std::vector<RuleTrace> unplaced;
};

// The matrix clause → rules → cases of `policy`, over the cases `tests`.
PolicyTrace trace_policy(const PolicyInfo& policy, const std::vector<TestCase>& tests);

}  // namespace tekigo::engine
