// engine/suite: one test case of a policy (`tekigo test`, docs/testing.md) — a dump (a whole
// file, or a patch over a shared base dump), the facts merged into it, the check date, and
// what the policy must say about it: the verdict and the outcome of the rules the case cares
// about. Read from a YAML file; every mistake in it is a CaseError at its line and column.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/eval/graph.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/facts/fact_value.hpp"
#include "engine/values/date.hpp"

namespace tekigo::engine {

// A mistake in a case file (or in the dump it builds): "cases/a.yaml:4:3: unknown rule `x`".
// line and column count from 1; 0 when the mistake has no one place (a file that cannot be
// read, a dump that breaks the contract, which names its fact path instead).
struct CaseError {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
  std::string message;
  std::string to_string() const;
};

// What a case expects of one rule; every part but the id is optional.
struct RuleExpectation {
  std::string rule;  // the rule's id
  std::optional<Status> status;
  std::optional<std::string> message;  // the whole message, as the outcome says it
  // The outcome's notes, each by its label (※1) or its whole text ("※1 …"): the same number
  // of notes, each matched by one entry.
  std::optional<std::vector<std::string>> notes;
  std::optional<std::string> cite;   // the rule's citation
  std::optional<std::string> title;  // the rule's sentence
  std::size_t line = 0, column = 0;  // where the case names the rule
};

struct TestCase {
  std::string file;  // the case file, as found or given
  std::string description;
  std::optional<std::filesystem::path> dump;  // the dump it starts from (relative paths resolved)
  FactValue patch;                            // null: none; else a map merged over the dump
  std::vector<std::filesystem::path> facts;   // merged like `check --facts`, before the patch
  std::optional<Date> as_of;
  // `lang: ja`: the case's messages, notes and titles are the outcomes in that language
  // (EvaluationOptions::lang); en when not given.
  Lang lang = Lang::en;
  Verdict verdict = Verdict::pass;
  std::vector<RuleExpectation> rules;
};

struct CaseLoad {
  std::optional<TestCase> test;  // set when the file has no mistake
  std::vector<CaseError> errors;
};

// Reads a case file. Rule ids are checked against `graph` (a case naming a rule the policy
// does not have is a mistake), status and verdict words against the engine's.
CaseLoad read_test_case(const std::filesystem::path& file, const Graph& graph);

// The cases that belong to `policy` (docs/testing.md, "Where cases live"): every .yaml and
// .yml file under `<folder>/<stem>.tests/`, in name order, leaving out files and folders whose
// name starts with `_` (shared base dumps and facts). `folder` is where the cases were looked
// for, for messages.
std::vector<std::filesystem::path> find_test_cases(const std::filesystem::path& policy,
                                                   std::filesystem::path* folder = nullptr);

// The same under a folder given on the command line.
std::vector<std::filesystem::path> cases_under(const std::filesystem::path& folder);

}  // namespace tekigo::engine
