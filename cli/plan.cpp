// cli: `tekigo plan POLICY [-o FILE]` — what a policy needs collected (engine::CollectionPlan:
// the names its resolve rules name, the probes of its flow rules, the fact paths its rules
// read) as a small JSON document, schema tekigo.plan/1, for collectors that cannot compile a
// policy themselves (collect.ps1 -Plan, collect.sh --plan). Keys in a fixed order, names and
// probes in the policy's order, written by the fact writer (2-space indent, UTF-8).
#include <unistd.h>

#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::cli {

namespace {

using engine::FactValue;

FactValue strings(const std::vector<std::string>& items) {
  FactValue::List list;
  list.reserve(items.size());
  for (const auto& s : items) list.push_back(FactValue::string(s));
  return FactValue::list(std::move(list));
}

// The policy's header: what names the revision a plan was made from (no hash: a plan is the
// same for two texts that ask for the same collection).
FactValue policy_header(const engine::PolicyInfo& info) {
  FactValue::Map header;
  if (!info.id.empty()) header.emplace_back("id", FactValue::string(info.id));
  if (!info.title.empty())
    header.emplace_back("title", FactValue::string(info.title.in(info.language)));
  if (!info.revision.empty()) header.emplace_back("revision", FactValue::string(info.revision));
  if (!info.effective.empty()) header.emplace_back("effective", FactValue::string(info.effective));
  return FactValue::map(std::move(header));
}

FactValue probe(const engine::ProbeTarget& p) {
  FactValue::Map m;
  m.emplace_back("host", FactValue::string(p.host));
  m.emplace_back("protocol", FactValue::string(p.protocol));
  m.emplace_back("port", FactValue::integer(p.port));
  m.emplace_back("rule", FactValue::string(p.rule_id));
  if (!p.documented_addresses.empty())
    m.emplace_back("documented_addresses", strings(p.documented_addresses));
  return FactValue::map(std::move(m));
}

FactValue plan_document(const dsl::CompiledPolicy& policy) {
  FactValue::List probes;
  for (const auto& p : policy.plan.probes) probes.push_back(probe(p));
  FactValue::Map doc;
  doc.emplace_back("schema", FactValue::string("tekigo.plan/1"));
  doc.emplace_back("policy", policy_header(policy.info));
  doc.emplace_back("names", strings(policy.plan.names));
  doc.emplace_back("probes", FactValue::list(std::move(probes)));
  doc.emplace_back("fact_paths", strings(policy.plan.fact_paths));
  return FactValue::map(std::move(doc));
}

}  // namespace

CLI::App* add_plan(CLI::App& app, PlanArgs& args) {
  CLI::App* plan = app.add_subcommand(
      "plan",
      "Write what a policy needs collected (names to resolve, probes, fact paths) as JSON, for "
      "collect.ps1 -Plan and collect.sh --plan.");
  by_name(plan->add_option("POLICY", args.policy,
                           "The policy file (.tkg), or an installed policy's name."))
      ->required();
  plan->add_option("--output,-o", args.output, "Write the plan here (default: stdout).");
  add_color_option(plan, args.color);
  return plan;
}

int run_plan(const PlanArgs& args) {
  dsl::CompileResult compiled = compile_policy(args.policy, use_color(args.color, STDERR_FILENO));
  if (!compiled.ok()) return kExitError;
  return write_dump(plan_document(*compiled.policy), args.output, "json");
}

}  // namespace tekigo::cli
