// engine/suite: running the cases of a policy (see suite_runner.hpp).
#include "engine/suite/suite_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/common/text_file.hpp"
#include "engine/eval/evaluator.hpp"
#include "engine/facts/fact_reader.hpp"
#include "engine/facts/fact_validator.hpp"

namespace tekigo::engine {

std::size_t SuiteResult::count(CaseResult::State state) const {
  return static_cast<std::size_t>(std::count_if(
      cases.begin(), cases.end(), [&](const CaseResult& c) { return c.state == state; }));
}

namespace {

// Dump files as read, by path: most cases of a suite start from the same base.
using DumpCache = std::map<std::filesystem::path, FactLoad>;

// The dump of a case: its dump file (read as a tree; the whole is validated at the end), the
// facts files merged in as `check --facts` merges them, then the patch (a null removes a key).
std::optional<FactValue> build_dump(const TestCase& test, std::vector<CaseError>& errors,
                                    DumpCache& cache) {
  FactValue dump = FactValue::map();
  const std::size_t errors_before = errors.size();
  if (test.dump) {
    auto cached = cache.find(*test.dump);
    if (cached == cache.end()) {
      FactLoadOptions options;
      options.validate = false;
      cached = cache.emplace(*test.dump, load_fact_file(*test.dump, options)).first;
    }
    const FactLoad& load = cached->second;
    for (const auto& e : load.errors) errors.push_back({test.file, 0, 0, "dump " + e.to_string()});
    if (load.documents.size() > 1)
      errors.push_back({test.file, 0, 0,
                        fmt::format("dump {}: holds {} dumps; a case checks one",
                                    test.dump->string(), load.documents.size())});
    if (!load.documents.empty()) dump = load.documents.front().root;
  }
  for (const auto& file : test.facts) {
    FactLoad load = load_fact_part(file);
    for (const auto& e : load.errors) errors.push_back({test.file, 0, 0, "facts " + e.to_string()});
    if (load.errors.empty() && load.documents.empty())
      errors.push_back({test.file, 0, 0, fmt::format("facts {}: holds no facts", utf8_of(file))});
    for (const auto& doc : load.documents) merge_facts(dump, doc.root, nullptr);
  }
  if (test.patch.is_map()) merge_facts(dump, test.patch, nullptr, MergeNull::remove);
  if (errors.size() != errors_before) return std::nullopt;
  for (auto& problem : validate_facts(dump, test.file))
    errors.push_back({test.file, 0, 0,
                      fmt::format("the case's dump: {}{}{}", problem.path,
                                  problem.path.empty() ? "" : ": ", problem.message)});
  if (errors.size() != errors_before) return std::nullopt;
  return dump;
}

std::string in_quotes(std::string_view text) {
  return fmt::format("\"{}\"", text);
}

std::string note_list(const std::vector<std::string>& notes) {
  std::string out = "[";
  for (std::size_t i = 0; i < notes.size(); ++i) out += (i ? ", " : "") + in_quotes(notes[i]);
  return out + "]";
}

// Whether `entry` names the note `note` ("※1 text"): a label (※1, a word without spaces) names
// the note it starts, a whole text only the note it is.
bool names_note(std::string_view entry, std::string_view note) {
  if (note == entry) return true;
  const bool label = entry.find_first_of(" \t") == std::string_view::npos;
  return label && note.starts_with(entry) && note.size() > entry.size() &&
         note[entry.size()] == ' ';
}

// Every note matched by one entry, and as many entries as notes.
bool notes_match(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  if (expected.size() != actual.size()) return false;
  std::vector<bool> used(actual.size(), false);
  for (const auto& entry : expected) {
    bool found = false;
    for (std::size_t i = 0; i < actual.size() && !found; ++i)
      if (!used[i] && names_note(entry, actual[i])) used[i] = found = true;
    if (!found) return false;
  }
  return true;
}

void compare(const TestCase& test, const TerminalResult& result, std::vector<Mismatch>& out) {
  if (result.verdict != test.verdict)
    out.push_back({"", "verdict", std::string(verdict_name(test.verdict)),
                   std::string(verdict_name(result.verdict))});
  for (const auto& e : test.rules) {
    auto it = std::find_if(result.rules.begin(), result.rules.end(),
                           [&](const RuleOutcome& o) { return o.id == e.rule; });
    if (it == result.rules.end()) continue;  // read_test_case refused unknown ids
    const RuleOutcome& o = *it;
    if (e.status && *e.status != o.status)
      out.push_back({e.rule, "status", std::string(status_name(*e.status)),
                     std::string(status_name(o.status))});
    if (e.message && *e.message != o.message)
      out.push_back({e.rule, "message", *e.message, o.message});
    if (e.notes && !notes_match(*e.notes, o.notes))
      out.push_back({e.rule, "notes", note_list(*e.notes), note_list(o.notes)});
    if (e.cite && *e.cite != o.cite) out.push_back({e.rule, "cite", *e.cite, o.cite});
    if (e.title && *e.title != o.title) out.push_back({e.rule, "title", *e.title, o.title});
  }
}

}  // namespace

SuiteResult run_suite(const std::shared_ptr<const Graph>& graph,
                      const std::vector<std::filesystem::path>& files,
                      const SuiteOptions& options) {
  SuiteResult suite;
  suite.coverage = std::make_unique<Coverage>(*graph);
  DumpCache cache;
  for (const auto& file : files) {
    CaseResult r;
    r.file = utf8_of(file);
    CaseLoad load = read_test_case(file, *graph);
    r.errors = std::move(load.errors);
    std::optional<FactValue> dump;
    if (load.test) {
      r.description = load.test->description;
      dump = build_dump(*load.test, r.errors, cache);
    }
    if (!r.errors.empty() || !dump) {
      r.state = CaseResult::State::error;
      suite.cases.push_back(std::move(r));
      continue;
    }
    const TestCase& test = *load.test;
    EvaluationOptions eval_options;
    eval_options.as_of = test.as_of ? test.as_of : options.as_of;
    eval_options.lang = test.lang;
    Evaluation evaluation(graph, eval_options);
    evaluation.reset(std::move(*dump));
    r.result.source = r.file;
    if (const FactValue* subject = evaluation.facts().find("subject");
        subject && subject->is_string())
      r.result.subject = subject->as_string();
    r.result.rules = evaluation.outcomes();
    r.result.verdict = verdict_of(r.result.rules);
    suite.coverage->record(evaluation, r.result.rules, r.file);
    compare(test, r.result, r.mismatches);
    r.state = r.mismatches.empty() ? CaseResult::State::ok : CaseResult::State::fail;
    suite.cases.push_back(std::move(r));
  }
  return suite;
}

}  // namespace tekigo::engine
