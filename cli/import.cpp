// cli: `tekigo import osquery` — osqueryi --json results and osqueryd results logs → one v1
// dump.
#include <unistd.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "collectors/importers/osquery_import.hpp"
#include "engine/common/text_file.hpp"

namespace tekigo::cli {

CLI::App* add_import(CLI::App& app, ImportArgs& args) {
  CLI::App* import = app.add_subcommand("import", "Turn another tool's results into a fact dump.");
  import->require_subcommand(1);
  CLI::App* osquery =
      import->add_subcommand("osquery",
                             "osqueryi --json results or osqueryd results logs (os_version, "
                             "programs, apps, deb_packages, etc_hosts, interface_details, "
                             "system_info) → one dump.");
  osquery->add_option("RESULTS", args.inputs, "Result files; TABLE=FILE names the table.")
      ->required();
  osquery->add_option("--subject", args.subject,
                      "The terminal's id; default: the hostIdentifier of the results logs, "
                      "else system_info's hostname, else its computer_name.");
  by_name(osquery->add_option("--policy,-p", args.policy,
                              "Take dns entries from etc_hosts for the names this policy (a .tkg, "
                              "or an installed policy's name) needs."));
  osquery->add_option("--output,-o", args.output,
                      "Write the dump here (.json or .yaml); default: stdout.");
  osquery->add_option("--format,-f", args.format, "json or yaml (default: from the file name).")
      ->check(CLI::IsMember({"json", "yaml"}));
  return osquery;
}

int run_import_osquery(const ImportArgs& args) {
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const auto& input : args.inputs) {
    // TABLE=FILE names the table (needed for empty results or partial column selections).
    std::string file = input, label = input;
    if (auto eq = input.find('=');
        eq != std::string::npos && !std::filesystem::exists(engine::path_from_utf8(input)))
      file = input.substr(eq + 1);
    std::string error;
    auto text = engine::read_text_file(engine::path_from_utf8(file), 256u << 20, error);
    if (!text) {
      complain(fmt::format("{}: {}", file, error));
      return kExitError;
    }
    inputs.emplace_back(label, std::move(*text));
  }
  collectors::OsqueryImportOptions options;
  if (!args.policy.empty()) {
    dsl::CompileResult compiled = compile_policy(args.policy, use_color("auto", STDERR_FILENO));
    if (!compiled.ok()) return kExitError;
    options.dns_names = compiled.policy->plan.names;
  }
  auto imported = collectors::import_osquery(inputs, args.subject, options);
  for (const auto& problem : imported.problems)
    complain(fmt::format("import osquery: {}", problem));
  for (const auto& note : imported.notes) complain(fmt::format("import osquery: note: {}", note));
  if (!imported.error.empty()) {
    complain(fmt::format("import osquery: {}", imported.error));
    return kExitError;
  }
  return write_dump(imported.facts, args.output, args.format);
}

}  // namespace tekigo::cli
