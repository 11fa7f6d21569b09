// engine/suite: the traceability of a rendered policy document (`tekigo doc`): every clause of
// the document — each citation its rules give, each section that no rule cites — to the rules
// that encode it, the policy's test cases that pin each rule (state what it must say) (their
// expected status, whether the case passed) with the rule's coverage, and each rule's outcome on
// example dumps.
#pragma once

#include <string>
#include <vector>

#include "engine/eval/outcome.hpp"
#include "engine/report/policy_document.hpp"
#include "engine/suite/suite_runner.hpp"
#include "engine/suite/test_case.hpp"

namespace tekigo::engine {

struct TraceInputs {
  const SuiteResult* suite = nullptr;            // the cases, run (null: not run)
  const std::vector<TestCase>* cases = nullptr;  // the same cases, as read (what each pins)
  std::string cases_folder;                      // where they were found, for the document
  const std::vector<TerminalResult>* examples = nullptr;  // example dumps, evaluated (null: none)
};

// The clauses in the document's order, each with its rules, cases and examples.
Traceability trace_document(const PolicyDocument& doc, const TraceInputs& inputs);

}  // namespace tekigo::engine
