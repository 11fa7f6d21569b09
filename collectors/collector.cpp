// collectors: `tekigo collect` — the orchestration of the platform steps and the probes, and
// the policy-driven choice of steps (the steps themselves are in platform/).
#include "collectors/collector.hpp"

#include <ctime>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "collectors/probes/probe.hpp"
#include "collectors/seams/system_api.hpp"
#include "engine/common/text.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::collectors {

using engine::FactValue;
using engine::trim;

namespace {

std::string now_rfc3339() {
  return sys::local_rfc3339(std::time(nullptr));
}

// Does the plan read anything under one of `roots`? Without a plan, everything is wanted.
bool wanted(const engine::CollectionPlan* plan, std::initializer_list<std::string_view> roots) {
  if (!plan) return true;
  for (const auto& path : plan->fact_paths)
    for (std::string_view root : roots)
      if (path == root || path.rfind(std::string(root) + ".", 0) == 0 ||
          std::string_view(root).rfind(path + ".", 0) == 0)
        return true;
  return false;
}

}  // namespace

FactValue collect(const engine::CollectionPlan* plan, const CollectOptions& options,
                  const std::function<void(const StepResult&)>& on_part) {
  FactValue dump = FactValue::map();
  dump.set("schema", FactValue::string(std::string(engine::kFactSchemaId)));
  std::string subject = options.subject;
  if (subject.empty()) {
    subject = sys::host_name();
  }
  dump.set("subject", FactValue::string(subject.empty() ? "unknown-host" : subject));
  std::vector<std::string> errors;

  auto take = [&](StepResult part) {
    merge_facts(dump, part.facts, nullptr);
    for (auto& e : part.errors) errors.push_back(std::move(e));
    if (on_part) on_part(part);
  };

  switch (options.platform) {
    case Platform::linux:
      if (wanted(plan, {"os"})) take(collect_linux_os(options));
      if (wanted(plan, {"software", "browsers"})) take(collect_linux_software(options));
      if (wanted(plan, {"disk"})) take(collect_linux_disk(options));
      if (wanted(plan, {"network.adapters", "network.proxy", "dns"}))
        take(collect_linux_network(options));
      if (wanted(plan, {"services"})) take(collect_linux_services(options));
      break;
    case Platform::windows:
    case Platform::macos: {
      // The platform steps run together; what the policy does not read is dropped.
      auto keep = [&](StepResult part) {
        static const std::vector<std::pair<std::string, std::vector<std::string_view>>> roots = {
            {"os", {"os"}},
            {"software", {"software", "browsers"}},
            {"disk", {"disk"}},
            {"network", {"network", "dns"}},
            {"services", {"services"}},
            {"features", {"features"}}};
        for (const auto& [step, wanted_roots] : roots)
          if (part.step == step) {
            bool any = false;
            for (auto r : wanted_roots) any |= wanted(plan, {r});
            if (!any) return;
          }
        take(std::move(part));
      };
      if (options.platform == Platform::windows)
        collect_windows(options, keep);
      else
        collect_macos(options, keep);
      break;
    }
  }

  // Probes: the names and ports the policy names, at the addresses this terminal resolves.
  if (plan && (!plan->names.empty() || !plan->probes.empty())) {
    if (!options.network) {
      errors.push_back("dns, reach: skipped (--no-network)");
    } else {
      ProbeOptions p;
      p.deadline = options.probe_deadline;
      p.hosts_file = under_root(options, sys::hosts_file()).string();
      p.resolv_conf = under_root(options, "/etc/resolv.conf").string();
      // Windows keeps its DNS servers in the adapters' settings, not in resolv.conf.
      if (auto servers = sys::system_nameservers()) {
        p.nameservers = servers->addresses;
        p.nameservers_source = servers->addresses.empty() ? servers->error : servers->source;
        p.resolv_conf.clear();
      }
      if (const FactValue* network = dump.find("network"))
        if (const FactValue* proxy = network->find("proxy"); proxy && proxy->is_string())
          p.proxy = proxy->as_string();
      StepResult part("probes");
      part.facts = probe_facts(*plan, p);
      take(std::move(part));
    }
  }

  FactValue collected = FactValue::map();
  collected.set("at", FactValue::string(now_rfc3339()));
  collected.set("by", FactValue::string("tekigo collect 0.1.0"));
  if (!errors.empty()) {
    FactValue::List list;
    for (const auto& e : errors) {
      FactValue item = FactValue::map();
      auto colon = e.find(':');
      item.set("step",
               FactValue::string(colon == std::string::npos ? "collect" : e.substr(0, colon)));
      item.set("message", FactValue::string(colon == std::string::npos
                                                ? e
                                                : std::string(trim(e.substr(colon + 1)))));
      list.push_back(std::move(item));
    }
    collected.set("errors", FactValue::list(std::move(list)));
  }
  // `collected` goes right after the header, as in the contract's examples.
  FactValue ordered = FactValue::map();
  ordered.set("schema", *dump.find("schema"));
  ordered.set("subject", *dump.find("subject"));
  ordered.set("collected", std::move(collected));
  for (auto& [key, value] : dump.as_map())
    if (key != "schema" && key != "subject") ordered.set(key, std::move(value));
  return ordered;
}

}  // namespace tekigo::collectors
