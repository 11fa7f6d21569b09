// cli: `tekigo test POLICY [CASE...]` — run a policy's test cases (engine/suite; the format
// and the convention are docs/testing.md): one line per case, what differed under each failing
// one, a summary; optionally the coverage. Exit 0 every case passes, 1 some fail (or the
// coverage is below --min-coverage), 2 a case that cannot run, a policy that does not compile,
// or no cases.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/common/text_file.hpp"
#include "engine/suite/suite_runner.hpp"
#include "engine/suite/test_case.hpp"

namespace tekigo::cli {

CLI::App* add_test(CLI::App& app, TestArgs& args) {
  CLI::App* test = app.add_subcommand(
      "test", "Run a policy's test cases (by default those in <policy stem>.tests/ beside it).");
  by_name(test->add_option("POLICY", args.policy,
                           "The policy file (.tkg), or an installed policy's name."))
      ->required();
  test->add_option("CASE", args.cases,
                   "Case files (.yaml) or folders of them; default: every case in "
                   "<policy stem>.tests/ (docs/testing.md).");
  test->add_option("--format,-f", args.format, "text, junit (JUnit XML for CI) or json.")
      ->check(CLI::IsMember({"text", "junit", "json"}))
      ->capture_default_str();
  test->add_flag("--coverage", args.coverage,
                 "After the results, the coverage: for every rule, row, case and item, whether "
                 "some case shows each side (passes and does not; holds and does not).");
  test->add_option("--coverage-json", args.coverage_json,
                   "Write the coverage as JSON to this file.");
  test->add_option("--min-coverage", args.min_coverage,
                   "Exit 1 when the coverage is below this percentage (0-100).")
      ->check(CLI::Range(0.0, 100.0));
  test->add_option("--as-of", args.as_of,
                   "The check date (YYYY-MM-DD) of the cases that give no `as_of`; default: none "
                   "(`today` and time limits are unknown), so that a case decides the same on "
                   "any day.");
  add_color_option(test, args.color, "Colour the text output and diagnostics.");
  return test;
}

int run_test(const TestArgs& args) {
  engine::SuiteOptions options;
  if (!args.as_of.empty()) {
    options.as_of = engine::Date::parse(args.as_of);
    if (!options.as_of) {
      complain(
          fmt::format("test: --as-of: expected a date such as 2021-01-20, got `{}`", args.as_of));
      return kExitError;
    }
  }
  dsl::CompileResult compiled = compile_policy(args.policy, use_color(args.color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  const dsl::CompiledPolicy& policy = *compiled.policy;

  std::vector<std::filesystem::path> files;
  if (args.cases.empty()) {
    std::filesystem::path folder;
    files = engine::find_test_cases(engine::path_from_utf8(args.policy), &folder);
    if (files.empty()) {
      complain(fmt::format("{}: no test cases (looked for *.yaml in {}; see docs/testing.md)",
                           args.policy, engine::utf8_of(folder)));
      return kExitError;
    }
  } else {
    for (const auto& c : args.cases) {
      std::error_code ec;
      if (std::filesystem::is_directory(c, ec)) {
        auto found = engine::cases_under(c);
        if (found.empty()) {
          complain(fmt::format("{}: no test cases in this folder", c));
          return kExitError;
        }
        files.insert(files.end(), found.begin(), found.end());
      } else {
        files.emplace_back(c);  // a missing file is that case's error
      }
    }
  }

  const engine::SuiteResult suite = engine::run_suite(policy.graph, files, options);
  // Where cases could not run, JUnit and JSON say so inside; say it on stderr too
  // (file:line:col, for editors and CI logs). The text output has it under the case.
  if (args.format != "text")
    for (const auto& c : suite.cases)
      for (const auto& e : c.errors) complain(e.to_string());

  if (args.format == "junit")
    std::cout << engine::suite_junit(suite, policy.info);
  else if (args.format == "json")
    std::cout << engine::suite_json(suite, policy.info);
  else
    std::cout << engine::suite_text(suite, policy.info, use_color(args.color, STDOUT_FILENO));
  if (args.coverage && args.format == "text") std::cout << '\n' << suite.coverage->text();
  std::cout.flush();

  if (!args.coverage_json.empty()) {
    std::ofstream out(engine::path_from_utf8(args.coverage_json), std::ios::binary);
    out << suite.coverage->json() << '\n';
    out.close();
    if (!out) {
      complain(fmt::format("{}: cannot write", args.coverage_json));
      return kExitError;
    }
  }
  if (!std::cout) {
    complain("cannot write the results");
    return kExitError;
  }
  if (suite.count(engine::CaseResult::State::error) != 0) return kExitError;
  if (suite.count(engine::CaseResult::State::fail) != 0) return kExitFail;
  if (args.min_coverage >= 0 && suite.coverage->percent() < args.min_coverage) {
    complain(fmt::format("test: coverage {:.1f}% is below --min-coverage {}",
                         suite.coverage->percent(), args.min_coverage));
    return kExitFail;
  }
  return kExitPass;
}

}  // namespace tekigo::cli
