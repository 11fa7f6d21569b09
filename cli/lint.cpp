// cli: `tekigo lint` (alias `compile`) — compile policies and say how each went.
#include <unistd.h>

#include <iostream>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "engine/eval/graph.hpp"

namespace tekigo::cli {

namespace {

std::size_t count_severity(const std::vector<dsl::Diagnostic>& diagnostics,
                           dsl::Severity severity) {
  std::size_t n = 0;
  for (const auto& d : diagnostics) n += d.severity == severity;
  return n;
}

}  // namespace

CLI::App* add_lint(CLI::App& app, LintArgs& args) {
  CLI::App* lint = app.add_subcommand("lint", "Compile policies and report problems.");
  lint->alias("compile");
  by_name(lint->add_option("POLICY", args.policies,
                           "Policy files (.tkg), or installed policies' names."))
      ->required();
  add_color_option(lint, args.color);
  return lint;
}

int run_lint(const LintArgs& args) {
  int code = kExitPass;
  for (const auto& path : args.policies) {
    dsl::CompileResult compiled = compile_policy(path, use_color(args.color, STDERR_FILENO));
    const std::size_t warnings = count_severity(compiled.diagnostics, dsl::Severity::warning);
    const std::string warned = warnings ? fmt::format(", {}", plural(warnings, "warning")) : "";
    if (compiled.ok()) {
      const engine::GraphStats& stats = compiled.policy->graph->stats();
      std::cout << fmt::format("{}: ok — {}, {} ({} shared){}\n", path, plural(stats.rules, "rule"),
                               plural(stats.nodes, "node"), stats.shared, warned);
    } else {
      const std::size_t errors = count_severity(compiled.diagnostics, dsl::Severity::error);
      std::cout << fmt::format("{}: failed — {}{}\n", path,
                               errors ? plural(errors, "error") : std::string("unreadable"),
                               warned);
      code = kExitError;
    }
  }
  return code;
}

}  // namespace tekigo::cli
