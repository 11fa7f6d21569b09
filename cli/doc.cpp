// cli: `tekigo doc POLICY` — the policy rendered as the document it encodes (docs/auditors.md):
// sections in order, every rule as its sentence with what is checked in words, the document's
// tables, notes, removed entries and the traceability of every clause to rules, test cases and
// example outcomes. HTML (self-contained, printable) or Markdown, in English or Japanese.
// Exit 0; 2 when the policy does not compile, a case or example cannot be read, or the output
// cannot be written.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "dsl/doc/describe.hpp"
#include "engine/batch/batch.hpp"
#include "engine/common/text_file.hpp"
#include "engine/suite/doc_trace.hpp"
#include "engine/suite/suite_runner.hpp"
#include "engine/suite/test_case.hpp"

namespace tekigo::cli {

CLI::App* add_doc(CLI::App& app, DocArgs& args) {
  CLI::App* doc = app.add_subcommand(
      "doc", "Render a policy as the document it encodes, with its traceability (for auditors).");
  by_name(doc->add_option("POLICY", args.policy,
                          "The policy file (.tkg), or an installed policy's name."))
      ->required();
  doc->add_option("--format,-f", args.format,
                  "html (one self-contained page, printable) or markdown.")
      ->check(CLI::IsMember({"html", "markdown"}))
      ->capture_default_str();
  doc->add_option("--lang", args.lang,
                  "The document's language, en or ja; a text the policy gives in one language "
                  "only is shown in that one.")
      ->check(CLI::IsMember({"en", "ja"}))
      ->capture_default_str();
  doc->add_option("--output,-o", args.output, "Write to this file instead of standard output.");
  doc->add_option("--tests", args.tests,
                  "The policy's test cases (a folder); default: <policy stem>.tests/ beside it, "
                  "when there is one.");
  doc->add_flag("--no-tests", args.no_tests, "Do not run the test cases (no case column).");
  doc->add_option("--examples", args.examples,
                  "Example dumps (files or folders): each rule's outcome on them goes into the "
                  "traceability matrix.")
      ->expected(1, -1);
  doc->add_option(
      "--as-of", args.as_of,
      "The check date the examples are evaluated at (YYYY-MM-DD); default: today, UTC.");
  add_color_option(doc, args.color);
  return doc;
}

namespace {

// The cases to trace: --tests, or the policy's own folder; none is no error unless asked for.
bool find_cases(const DocArgs& args, std::vector<std::filesystem::path>& files,
                std::string& folder) {
  if (args.no_tests) return true;
  if (!args.tests.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(args.tests, ec)) {
      complain(fmt::format("doc: --tests: {} is not a folder of test cases", args.tests));
      return false;
    }
    files = engine::cases_under(args.tests);
    folder = args.tests;
    if (files.empty()) {
      complain(fmt::format("doc: --tests: no test cases (*.yaml) in {}", args.tests));
      return false;
    }
    return true;
  }
  std::filesystem::path where;
  files = engine::find_test_cases(engine::path_from_utf8(args.policy), &where);
  folder = engine::utf8_of(where);
  return true;
}

}  // namespace

int run_doc(const DocArgs& args) {
  std::optional<engine::Date> as_of;
  if (!args.as_of.empty()) {
    as_of = engine::Date::parse(args.as_of);
    if (!as_of) {
      complain(
          fmt::format("doc: --as-of: expected a date such as 2021-01-20, got `{}`", args.as_of));
      return kExitError;
    }
  }
  dsl::CompileResult compiled = compile_policy(args.policy, use_color(args.color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  const dsl::CompiledPolicy& policy = *compiled.policy;
  engine::PolicyDocument doc =
      dsl::doc::describe_policy(*compiled.file, policy.info, *compiled.source);
  doc.tool_version = TEKIGO_VERSION;

  std::vector<std::filesystem::path> case_files;
  std::string cases_folder;
  if (!find_cases(args, case_files, cases_folder)) return kExitError;
  std::optional<engine::SuiteResult> suite;
  std::vector<engine::TestCase> cases;
  if (!case_files.empty()) {
    suite = engine::run_suite(policy.graph, case_files, {});
    for (const auto& c : suite->cases)
      for (const auto& e : c.errors) {
        complain(e.to_string());
        return kExitError;
      }
    for (const auto& f : case_files)
      if (auto load = engine::read_test_case(f, *policy.graph); load.test)
        cases.push_back(std::move(*load.test));
  }

  std::optional<std::vector<engine::TerminalResult>> examples;
  if (!args.examples.empty()) {
    DumpInputs inputs = find_dumps(args.examples);
    if (!inputs.found) return kExitError;
    for (const auto& e : inputs.walk_errors) {
      complain(e.to_string());
      return kExitError;
    }
    engine::BatchOptions options;
    options.evaluation.as_of = as_of ? *as_of : today_utc();
    doc.as_of = options.evaluation.as_of->to_string();
    examples.emplace();
    bool unreadable = false;
    engine::run_batch(policy.graph, inputs.inputs, options, [&](engine::BatchItem&& item) {
      for (const auto& e : item.errors) {
        complain(e.to_string());
        unreadable = true;
      }
      for (auto& r : item.results) examples->push_back(std::move(r));
    });
    if (unreadable) return kExitError;
  }
  doc.trace = engine::trace_document(doc, {.suite = suite ? &*suite : nullptr,
                                           .cases = suite ? &cases : nullptr,
                                           .cases_folder = cases_folder,
                                           .examples = examples ? &*examples : nullptr});

  auto format = *engine::parse_doc_format(args.format);
  auto lang = args.lang == "ja" ? engine::Lang::ja : engine::Lang::en;
  std::ostringstream text;
  engine::write_policy_document(doc, format, lang, text);
  if (args.output.empty() || args.output == "-") {
    std::cout << text.str();
    std::cout.flush();
    if (!std::cout) {
      complain("doc: cannot write the document");
      return kExitError;
    }
    return kExitPass;
  }
  std::ofstream out(engine::path_from_utf8(args.output), std::ios::binary);
  out << text.str();
  out.close();
  if (!out) {
    complain(fmt::format("doc: {}: cannot write", args.output));
    return kExitError;
  }
  return kExitPass;
}

}  // namespace tekigo::cli
