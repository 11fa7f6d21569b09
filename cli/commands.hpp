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
  std::string as_of;  // --as-of YYYY-MM-DD, the check date; empty: today's date in UTC
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
  std::string format = "dot";  // dot, or text (what evaluation sees, for comparing policies)
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

// ---- diff (diff.cpp) -----------------------------------------------------------------------

struct DiffArgs {
  std::string old_policy, new_policy;
  std::vector<std::string> dumps;  // after NEW: the fleet impact (run_impact)
  std::string format = "text";     // text, markdown, json; html with dumps
  std::string color = "auto";      // of the diagnostics of a policy that does not compile
  // the fleet impact's options (as `tekigo impact`)
  std::string lang = "en";
  std::string as_of;
  std::vector<std::string> facts;
  unsigned jobs = 0;
  bool quiet = false;
};

CLI::App* add_diff(CLI::App& app, DiffArgs& args);
int run_diff(const DiffArgs& args);
// ---- fmt (fmt.cpp) -------------------------------------------------------------------------

struct FmtArgs {
  std::vector<std::string> files;  // "-": standard input
  bool check = false;              // show a diff, exit 1 when a file is not formatted
  bool write = false;              // rewrite files in place
  std::string color = "auto";
};

CLI::App* add_fmt(CLI::App& app, FmtArgs& args);
int run_fmt(const FmtArgs& args);
// ---- test (test.cpp) -----------------------------------------------------------------------

struct TestArgs {
  std::string policy;
  std::vector<std::string> cases;  // case files or folders; none: the policy's own (.tests/)
  std::string format = "text";     // text, junit, json
  bool coverage = false;           // print the coverage table after the results
  std::string coverage_json;       // write the coverage as JSON to this file
  double min_coverage = -1;        // below this percentage, exit 1 (negative: no minimum)
  std::string as_of;               // check date for cases that give none
  std::string color = "auto";
};

CLI::App* add_test(CLI::App& app, TestArgs& args);
int run_test(const TestArgs& args);

// ---- doc (doc.cpp) ---------------------------------------------------------------------------

struct DocArgs {
  std::string policy;
  std::string format = "html";  // html, markdown
  std::string lang = "en";      // en, ja
  std::string output;           // empty or "-": standard output
  std::string tests;            // a folder of cases; empty: the policy's own (.tests/)
  bool no_tests = false;
  std::vector<std::string> examples;  // example dumps (files or folders)
  std::string as_of;                  // YYYY-MM-DD for the examples; empty: today
  std::string color = "auto";
};

CLI::App* add_doc(CLI::App& app, DocArgs& args);
int run_doc(const DocArgs& args);

// ---- skeleton (skeleton.cpp) ---------------------------------------------------------------

struct SkeletonArgs {
  std::string policy;
  std::string output;  // empty or "-": standard output
  std::string format;  // json or yaml (default: from the output's name, else json)
  std::string subject = "skeleton";
  std::string color = "auto";
};

CLI::App* add_skeleton(CLI::App& app, SkeletonArgs& args);
int run_skeleton(const SkeletonArgs& args);

// ---- plan (plan.cpp) -----------------------------------------------------------------------

struct PlanArgs {
  std::string policy;
  std::string output;  // empty or "-": standard output
  std::string color = "auto";
};

CLI::App* add_plan(CLI::App& app, PlanArgs& args);
int run_plan(const PlanArgs& args);

}  // namespace tekigo::cli
