// dsl/lower: the collection plan — see collection_plan.hpp.
#include "dsl/lower/collection_plan.hpp"

#include <algorithm>

namespace tekigo::dsl::lower {

void want_name(engine::CollectionPlan& plan, const std::string& name) {
  if (std::find(plan.names.begin(), plan.names.end(), name) == plan.names.end())
    plan.names.push_back(name);
}

void want_probe(engine::CollectionPlan& plan, engine::ProbeTarget target) {
  if (std::find(plan.probes.begin(), plan.probes.end(), target) == plan.probes.end())
    plan.probes.push_back(std::move(target));
}

void add_fact_paths(engine::CollectionPlan& plan, const engine::Graph& graph) {
  for (const auto& node : graph.nodes()) {
    if (node.kind != engine::NodeKind::fact || node.depth != 0) continue;
    std::string path = engine::to_string(node.path);
    if (std::find(plan.fact_paths.begin(), plan.fact_paths.end(), path) == plan.fact_paths.end())
      plan.fact_paths.push_back(path);
  }
  std::sort(plan.fact_paths.begin(), plan.fact_paths.end());
}

}  // namespace tekigo::dsl::lower
