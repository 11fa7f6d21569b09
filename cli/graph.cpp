// cli: `tekigo graph` — a policy's evaluation graph in Graphviz DOT.
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"

namespace tekigo::cli {

CLI::App* add_graph(CLI::App& app, GraphArgs& args) {
  CLI::App* graph =
      app.add_subcommand("graph", "Print a policy's evaluation graph (Graphviz DOT).");
  graph->add_option("POLICY", args.policy, "The policy file (.tkg).")->required();
  graph->add_option("--color", args.color, "Colour diagnostics.")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  return graph;
}

int run_graph(const GraphArgs& args) {
  dsl::CompileResult compiled = compile_policy(args.policy, use_color(args.color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  std::cout << compiled.policy->graph->to_dot(compiled.policy->info.id);
  std::cout.flush();
  return std::cout ? kExitPass : kExitError;
}

}  // namespace tekigo::cli
