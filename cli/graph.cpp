// cli: `tekigo graph` — a policy's evaluation graph in Graphviz DOT, or as text: what evaluation
// sees, without source positions (two policies whose texts are equal decide alike).
#include <unistd.h>

#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/eval/graph_text.hpp"

namespace tekigo::cli {

CLI::App* add_graph(CLI::App& app, GraphArgs& args) {
  CLI::App* graph =
      app.add_subcommand("graph", "Print a policy's evaluation graph (Graphviz DOT).");
  by_name(graph->add_option("POLICY", args.policy,
                            "The policy file (.tkg), or an installed policy's name."))
      ->required();
  graph
      ->add_option("--format,-f", args.format,
                   "dot (Graphviz), or text: every node and rule as evaluation sees them, one "
                   "line each, without source positions (diff two policies' texts to see whether "
                   "an edit changes what they decide or say).")
      ->check(CLI::IsMember({"dot", "text"}))
      ->capture_default_str();
  add_color_option(graph, args.color);
  return graph;
}

int run_graph(const GraphArgs& args) {
  dsl::CompileResult compiled = compile_policy(args.policy, use_color(args.color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  const auto& graph = *compiled.policy->graph;
  std::cout << (args.format == "text" ? engine::graph_text(graph, {.decisions_only = true})
                                      : graph.to_dot(compiled.policy->info.id));
  std::cout.flush();
  return std::cout ? kExitPass : kExitError;
}

}  // namespace tekigo::cli
