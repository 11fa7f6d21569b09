// cli: `tekigo diff OLD NEW` — the semantic diff of two revisions of a policy (docs/diff.md):
// both are compiled (their diagnostics on stderr, with the file's name, as `tekigo lint`
// shows them), and their checked
// ASTs compared by dsl/diff. Exit 0: no change in meaning; 1: changes; 2: a policy that does
// not compile, or a usage error. Dumps after NEW ask for the fleet impact of the revision
// instead: `tekigo diff OLD NEW DUMP...` is `tekigo impact OLD NEW DUMP...` (cli/impact.cpp).
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "dsl/diff/policy_diff.hpp"
#include "dsl/diff/writers.hpp"

namespace tekigo::cli {

namespace {

constexpr int kExitNoChange = kExitPass;  // the revisions mean the same
constexpr int kExitChanges = kExitFail;   // they differ in meaning

// `tekigo diff OLD NEW DUMP...`: each dump evaluated under both revisions (cli/impact.cpp).
int run_fleet_impact(const DiffArgs& args) {
  ImpactArgs impact;
  impact.baseline = args.old_policy;
  impact.revised = args.new_policy;
  impact.dumps = args.dumps;
  impact.format = args.format;
  impact.lang = args.lang;
  impact.as_of = args.as_of;
  impact.facts = args.facts;
  impact.jobs = args.jobs;
  impact.quiet = args.quiet;
  return run_impact(impact);
}

}  // namespace

CLI::App* add_diff(CLI::App& app, DiffArgs& args) {
  CLI::App* diff = app.add_subcommand(
      "diff", "Compare two revisions of a policy by meaning: rules added, removed and changed.");
  by_name(diff->add_option("OLD", args.old_policy,
                           "The earlier revision (.tkg, or an installed policy's name)."))
      ->required();
  by_name(diff->add_option("NEW", args.new_policy,
                           "The later revision (.tkg, or an installed policy's name)."))
      ->required();
  diff->add_option("DUMP", args.dumps,
                   "Fact dumps (files, directories, - for JSON Lines on stdin): the fleet impact "
                   "of the revision, each dump checked under OLD and NEW (as `tekigo impact`).");
  diff->add_option("--format", args.format, "Output format (html: the fleet impact only).")
      ->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  diff->add_option("--lang", args.lang, "The fleet impact's language: en or ja.")
      ->check(CLI::IsMember({"en", "ja"}));
  diff->add_option("--as-of", args.as_of,
                   "The fleet impact's check date, YYYY-MM-DD (default: today).");
  diff->add_option("--facts", args.facts, "The fleet impact: extra facts merged into every dump.")
      ->allow_extra_args(false);
  add_jobs_option(*diff, args.jobs, "The fleet impact: evaluate on this many threads");
  diff->add_flag("--quiet,-q", args.quiet, "The fleet impact: no report, only the exit code.");
  add_color_option(diff, args.color);
  diff->footer(
      "Exit codes: 0 no change in meaning, 1 changes, 2 a policy that does not compile or a usage "
      "error. With dumps: 0 no terminal changes verdict, 1 some do, 2 errors.");
  return diff;
}

int run_diff(const DiffArgs& args) {
  if (!args.dumps.empty()) return run_fleet_impact(args);
  if (args.format == "html") {
    complain(
        "diff: --format html is the fleet impact's: give dumps after NEW, or use text, "
        "markdown or json");
    return kExitError;
  }
  const bool color = use_color(args.color, STDERR_FILENO);
  dsl::CompileResult old_policy = compile_policy(args.old_policy, color);
  dsl::CompileResult new_policy = compile_policy(args.new_policy, color);
  if (!old_policy.ok() || !new_policy.ok()) return kExitError;
  const dsl::diff::PolicyDiff diff = dsl::diff::diff_policies(
      {*old_policy.file, *old_policy.source}, {*new_policy.file, *new_policy.source});
  if (args.format == "json")
    std::cout << dsl::diff::write_json(diff);
  else if (args.format == "markdown")
    std::cout << dsl::diff::write_markdown(diff);
  else
    std::cout << dsl::diff::write_text(diff);
  std::cout.flush();
  if (!std::cout) return kExitError;
  return diff.empty() ? kExitNoChange : kExitChanges;
}

}  // namespace tekigo::cli
