// cli: the `tekigo` command, the outermost layer — wires the subcommands (one file each, see
// commands.hpp) into CLI11, runs the one given, and turns what escapes into exit code 2.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#ifdef _WIN32
#include <windows.h>  // first: the other Windows headers need its definitions

#include <fcntl.h>
#include <io.h>
#include <shellapi.h>
#endif

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/version.hpp"

namespace {

namespace cli = tekigo::cli;

int run(int argc, char** argv) {
  CLI::App app{"tekigo — check terminals' fact dumps against a declarative policy.", "tekigo"};
  // The same command line everywhere: on Windows CLI11 would read `/name` as an option, and a
  // path such as /tmp/dump.json (Wine, MSYS) could not be given.
  app.allow_windows_style_options(false);
  app.set_version_flag("--version", cli::version_line());
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 every terminal passes (warnings allowed), 1 some terminal fails,\n"
      "3 none fails but some cannot be decided, 2 usage, policy or dump errors.");

  cli::CheckArgs check_args;
  cli::ImpactArgs impact_args;
  cli::CollectArgs collect_args;
  cli::ImportArgs import_args;
  cli::GraphArgs graph_args;
  cli::LintArgs lint_args;
  cli::DiffArgs diff_args;
  cli::FmtArgs fmt_args;
  cli::TestArgs test_args;
  cli::SkeletonArgs skeleton_args;
  cli::DocArgs doc_args;
  cli::PlanArgs plan_args;
  CLI::App* check = cli::add_check(app, check_args);
  CLI::App* impact = cli::add_impact(app, impact_args);
  CLI::App* collect = cli::add_collect(app, collect_args);
  CLI::App* import_osquery = cli::add_import(app, import_args);
  CLI::App* graph = cli::add_graph(app, graph_args);
  CLI::App* lint = cli::add_lint(app, lint_args);
  CLI::App* diff = cli::add_diff(app, diff_args);
  CLI::App* fmt_command = cli::add_fmt(app, fmt_args);
  CLI::App* test = cli::add_test(app, test_args);
  CLI::App* skeleton = cli::add_skeleton(app, skeleton_args);
  CLI::App* doc = cli::add_doc(app, doc_args);
  CLI::App* plan = cli::add_plan(app, plan_args);

  // CLI11 would call an unknown command a missing one; name it instead.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string name = argv[1];
    if (app.get_subcommands([&](CLI::App* sub) { return sub->check_name(name); }).empty()) {
      cli::complain(
          fmt::format("unknown command `{}`; the commands are check, impact, collect, import, "
                      "graph, lint (alias compile), fmt, diff, test, skeleton, doc and plan",
                      name));
      std::cerr << "Run with --help for more information.\n";
      return cli::kExitError;
    }
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, the version or the error
    return code == 0 ? cli::kExitPass : cli::kExitError;
  }

  if (check->parsed()) return cli::run_check(check_args);
  if (impact->parsed()) return cli::run_impact(impact_args);
  if (collect->parsed()) return cli::run_collect(collect_args);
  if (import_osquery->parsed()) return cli::run_import_osquery(import_args);
  if (graph->parsed()) return cli::run_graph(graph_args);
  if (lint->parsed()) return cli::run_lint(lint_args);
  if (diff->parsed()) return cli::run_diff(diff_args);
  if (fmt_command->parsed()) return cli::run_fmt(fmt_args);
  if (test->parsed()) return cli::run_test(test_args);
  if (skeleton->parsed()) return cli::run_skeleton(skeleton_args);
  if (doc->parsed()) return cli::run_doc(doc_args);
  if (plan->parsed()) return cli::run_plan(plan_args);
  cli::complain("no command given; run `tekigo --help`");
  return cli::kExitError;
}

}  // namespace

#ifdef _WIN32
namespace {

// Windows hands main() its arguments in the ANSI code page (CP932 on a Japanese Windows), which
// cannot hold every name; the wide command line, converted, is UTF-8 as everywhere else.
std::vector<std::string> utf8_arguments() {
  std::vector<std::string> out;
  int count = 0;
  wchar_t** wide = CommandLineToArgvW(GetCommandLineW(), &count);
  if (!wide) return out;
  for (int i = 0; i < count; ++i) {
    int size = WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, nullptr, 0, nullptr, nullptr);
    std::string arg(size > 0 ? static_cast<std::size_t>(size - 1) : 0, '\0');
    if (size > 1) WideCharToMultiByte(CP_UTF8, 0, wide[i], -1, arg.data(), size, nullptr, nullptr);
    out.push_back(std::move(arg));
  }
  LocalFree(wide);
  return out;
}

}  // namespace
#endif

int main(int argc, char** argv) {
#ifdef _WIN32
  // Reports are the same bytes as on Linux (LF, UTF-8): no CRLF translation of the standard
  // streams, and a console that shows UTF-8 (Japanese) as such.
  _setmode(_fileno(stdin), _O_BINARY);
  _setmode(_fileno(stdout), _O_BINARY);
  _setmode(_fileno(stderr), _O_BINARY);
  SetConsoleOutputCP(CP_UTF8);
  std::vector<std::string> arguments = utf8_arguments();
  std::vector<char*> pointers;
  for (auto& a : arguments) pointers.push_back(a.data());
  pointers.push_back(nullptr);
  if (!arguments.empty()) {
    argc = static_cast<int>(arguments.size());
    argv = pointers.data();
  }
#endif
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cout.flush();
    cli::complain(fmt::format("internal error: {}", e.what()));
  } catch (...) {
    std::cout.flush();
    cli::complain("internal error");
  }
  return cli::kExitError;
}
