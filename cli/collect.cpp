// cli: `tekigo collect` — write this terminal's dump (what a policy needs, or everything).
#include <unistd.h>

#include <optional>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "collectors/collector.hpp"

namespace tekigo::cli {

CLI::App* add_collect(CLI::App& app, CollectArgs& args) {
  CLI::App* collect = app.add_subcommand("collect", "Collect this terminal's facts into a dump.");
  by_name(collect->add_option("--policy,-p", args.policy,
                              "Collect what this policy (a .tkg, or an installed policy's name) "
                              "needs: its facts, names and ports; default: everything."));
  collect->add_option("--output,-o", args.output,
                      "Write the dump here (.json or .yaml); default: stdout.");
  collect->add_option("--format,-f", args.format, "json or yaml (default: from the file name).")
      ->check(CLI::IsMember({"json", "yaml"}));
  collect->add_option("--subject", args.subject, "The terminal's id (default: the host name).");
  collect->add_option("--timeout", args.timeout, "Seconds allowed for each command.")
      ->check(CLI::PositiveNumber);
  collect->add_flag("--no-network", args.no_network,
                    "Do not probe names and ports (their facts are left out: rules read unknown).");
  return collect;
}

int run_collect(const CollectArgs& args) {
  std::optional<dsl::CompileResult> compiled;
  if (!args.policy.empty()) {
    compiled = compile_policy(args.policy, use_color("auto", STDERR_FILENO));
    if (!compiled->ok()) return kExitError;
  }
  const engine::FactValue dump =
      collectors::collect(compiled ? &compiled->policy->plan : nullptr,
                          collect_options(args.subject, args.timeout, args.no_network));
  const int code = write_dump(dump, args.output, args.format);
  // On standard output the dump itself is what was asked for: its collected.errors say it.
  if (code != kExitPass || args.output.empty() || args.output == "-") return code;
  if (const engine::FactValue* errors = dump.find("collected")->find("errors"))
    for (const auto& e : errors->as_list())
      complain(fmt::format("collect: {}: {}", e.find("step")->as_string(),
                           e.find("message")->as_string()));
  return kExitPass;
}

}  // namespace tekigo::cli
