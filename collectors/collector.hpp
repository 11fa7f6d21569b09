// collectors: `tekigo collect` — gathers the facts of this terminal in the v1 contract.
// Collection is policy-driven: given a CollectionPlan, only the steps whose facts the
// policy reads run, and only the names and ports it names are probed. A step that fails
// leaves its facts out (rules read `unknown`) and records why under `collected.errors`.
#pragma once

#include <functional>

#include "collectors/platform/steps.hpp"
#include "engine/facts/collection_plan.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors {

// Collects the local facts (OS, software, browsers, disk, network, services, proxy), then
// the probes. `on_part` (optional) receives each part as soon as it is ready, so that a
// caller can evaluate incrementally; the returned tree is the whole dump.
engine::FactValue collect(const engine::CollectionPlan* plan, const CollectOptions& options,
                          const std::function<void(const StepResult&)>& on_part = {});

}  // namespace tekigo::collectors
