// engine/suite: running a policy's test cases (`tekigo test`, docs/testing.md). Each case's
// dump is built (its dump file, the facts files merged in, then its patch), validated as
// `check` validates a dump, evaluated at the case's check date, and compared with what the
// case expects; every evaluation is recorded for coverage.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/eval/graph.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/eval/policy_info.hpp"
#include "engine/suite/coverage.hpp"
#include "engine/suite/test_case.hpp"

namespace tekigo::engine {

// One way a case's expectation was not met: `rule` empty for the verdict.
struct Mismatch {
  std::string rule;
  std::string what;      // verdict, status, message, notes, cite, title
  std::string expected;  // as written (notes: a list in brackets, each note in quotes)
  std::string actual;
};

struct CaseResult {
  enum class State { ok, fail, error };
  State state = State::ok;
  std::string file;
  std::string description;
  std::vector<CaseError> errors;     // error: why the case could not run
  std::vector<Mismatch> mismatches;  // fail: what differed
  TerminalResult result;             // the outcomes (when the case ran)
};

struct SuiteOptions {
  std::optional<Date> as_of;  // for cases that give no `as_of` (unset: `today` is unknown)
};

struct SuiteResult {
  std::vector<CaseResult> cases;
  std::unique_ptr<Coverage> coverage;
  std::size_t count(CaseResult::State state) const;
};

// Runs `files` (case files) against the compiled policy.
SuiteResult run_suite(const std::shared_ptr<const Graph>& graph,
                      const std::vector<std::filesystem::path>& files,
                      const SuiteOptions& options = {});

// The text `tekigo test` prints: a line per case (ok, FAIL, ERROR), under a failing case each
// mismatch with the rule's actual message, notes and evidence, then "12 passed, 1 failed".
std::string suite_text(const SuiteResult& suite, const PolicyInfo& policy, bool color = false);
// JUnit XML: one testsuite (the policy), one testcase per case, <failure> per failing case
// (every mismatch in its body), <error> for a case that could not run.
std::string suite_junit(const SuiteResult& suite, const PolicyInfo& policy);
// JSON: the policy, every case with its state, mismatches and errors, the counts and the
// coverage.
std::string suite_json(const SuiteResult& suite, const PolicyInfo& policy);

}  // namespace tekigo::engine
