// cli: `tekigo skeleton POLICY [-o FILE]` — a dump holding every fact the policy reads, set to
// values that pass where the policy makes that possible (engine/suite/skeleton.hpp), for a case
// author to start from. What does not pass on it is said on stderr, rule by rule.
#include <unistd.h>

#include <iostream>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/suite/skeleton.hpp"

namespace tekigo::cli {

CLI::App* add_skeleton(CLI::App& app, SkeletonArgs& args) {
  CLI::App* skeleton = app.add_subcommand(
      "skeleton", "Write a dump with every fact a policy reads, set to values that pass.");
  by_name(skeleton->add_option("POLICY", args.policy,
                               "The policy file (.tkg), or an installed policy's name."))
      ->required();
  skeleton->add_option("--output,-o", args.output, "Write the dump here (default: stdout).");
  skeleton
      ->add_option("--format,-f", args.format,
                   "json or yaml (default: yaml for a .yaml or .yml output, else json).")
      ->check(CLI::IsMember({"json", "yaml"}));
  skeleton->add_option("--subject", args.subject, "The dump's subject.")->capture_default_str();
  add_color_option(skeleton, args.color);
  return skeleton;
}

int run_skeleton(const SkeletonArgs& args) {
  dsl::CompileResult compiled = compile_policy(args.policy, use_color(args.color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  const dsl::CompiledPolicy& policy = *compiled.policy;
  const engine::Skeleton skeleton = engine::make_skeleton(policy.graph, policy.plan, args.subject);
  std::size_t passing = 0;
  for (const auto& o : skeleton.outcomes) passing += o.status == engine::Status::pass;
  std::cerr << fmt::format("tekigo: skeleton: {} of {} {} on it\n", passing,
                           plural(skeleton.outcomes.size(), "rule"),
                           passing == 1 ? "passes" : "pass");
  for (const auto& o : skeleton.outcomes)
    if (o.status != engine::Status::pass)
      std::cerr << fmt::format("  {:<8} {}  {}\n", engine::status_name(o.status), o.id, o.message);
  return write_dump(skeleton.dump, args.output, args.format);
}

}  // namespace tekigo::cli
