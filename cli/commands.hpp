// cli: the subcommands of `tekigo`, one file each. add_NAME(app, args) declares the command
// and its options on `app`, filling `args` when it parses, and returns the subcommand whose
// parsed() says it was given; run_NAME(args) then runs it and returns the exit code.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace tekigo::cli {

// ---- check (check.cpp) ---------------------------------------------------------------------

struct CheckArgs {
  std::string policy;
  std::vector<std::string> dumps;
  std::string format = "text";
  std::string lang = "en";  // the report's own words: en or ja
  std::vector<std::string> facts;
  std::string color = "auto";
  bool quiet = false;
  bool verbose = false;
  bool show_passing_evidence = false;
  bool hide_passing = false;  // text and markdown: only the rules to act on
  unsigned jobs = 0;          // 0: every core
  bool live = false;          // collect this terminal's facts instead of reading dumps
  bool no_network = false;
  std::string subject;
  double timeout = 5;
};

CLI::App* add_check(CLI::App& app, CheckArgs& args);
int run_check(const CheckArgs& args);

// ---- impact (impact.cpp) --------------------------------------------------------------------

struct ImpactArgs {
  std::string baseline;  // OLD
  std::string revised;   // NEW
  std::vector<std::string> dumps;
  std::string format = "text";
  std::string lang = "en";
  std::string as_of;  // YYYY-MM-DD; empty: today
  std::vector<std::string> facts;
  unsigned jobs = 0;
  bool quiet = false;
};

CLI::App* add_impact(CLI::App& app, ImpactArgs& args);
int run_impact(const ImpactArgs& args);

// ---- collect (collect.cpp) -----------------------------------------------------------------

struct CollectArgs {
  std::string policy;
  std::string output;
  std::string format;
  std::string subject;
  double timeout = 5;
  bool no_network = false;
};

CLI::App* add_collect(CLI::App& app, CollectArgs& args);
int run_collect(const CollectArgs& args);

// ---- import osquery (import.cpp) -----------------------------------------------------------

struct ImportArgs {
  std::vector<std::string> inputs;
  std::string subject;
  std::string policy;
  std::string output;
  std::string format;
};

// Adds `import` and its one subcommand; returns `import osquery`.
CLI::App* add_import(CLI::App& app, ImportArgs& args);
int run_import_osquery(const ImportArgs& args);

// ---- graph (graph.cpp) ---------------------------------------------------------------------

struct GraphArgs {
  std::string policy;
  std::string color = "auto";
};

CLI::App* add_graph(CLI::App& app, GraphArgs& args);
int run_graph(const GraphArgs& args);

// ---- lint, alias compile (lint.cpp) --------------------------------------------------------

struct LintArgs {
  std::vector<std::string> policies;
  std::string color = "auto";
};

CLI::App* add_lint(CLI::App& app, LintArgs& args);
int run_lint(const LintArgs& args);

}  // namespace tekigo::cli
