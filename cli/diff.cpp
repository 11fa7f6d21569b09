// cli: `tekigo diff OLD NEW` — the semantic diff of two revisions of a policy (docs/diff.md):
// both are compiled (their diagnostics on stderr, with the file's name, as `tekigo lint`
// shows them), and their checked
// ASTs compared by dsl/diff. Exit 0: no change in meaning; 1: changes; 2: a policy that does
// not compile, or a usage error. Dumps after NEW ask for the fleet impact of the revision,
// which is not wired into this command yet (run_fleet_impact).
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

// `tekigo diff OLD NEW DUMP...`: each dump evaluated under both revisions. Not wired yet.
int run_fleet_impact(const DiffArgs& args) {
  complain(fmt::format(
      "fleet impact: not yet wired — `tekigo diff OLD NEW` takes no dumps yet (got {}, `{}` …)",
      plural(args.dumps.size(), "more argument"), args.dumps.front()));
  return kExitError;
}

}  // namespace

CLI::App* add_diff(CLI::App& app, DiffArgs& args) {
  CLI::App* diff = app.add_subcommand(
      "diff", "Compare two revisions of a policy by meaning: rules added, removed and changed.");
  diff->add_option("OLD", args.old_policy, "The earlier revision (.tkg).")->required();
  diff->add_option("NEW", args.new_policy, "The later revision (.tkg).")->required();
  diff->add_option("DUMP", args.dumps, "Fact dumps for the fleet impact (not yet wired).");
  diff->add_option("--format", args.format, "Output format.")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  diff->add_option("--color", args.color, "Colour diagnostics.")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  diff->footer(
      "Exit codes: 0 no change in meaning, 1 changes, 2 a policy that does not compile or a usage "
      "error.");
  return diff;
}

int run_diff(const DiffArgs& args) {
  if (!args.dumps.empty()) return run_fleet_impact(args);
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
