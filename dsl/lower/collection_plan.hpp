// dsl/lower: the collection plan — what a collector must gather for this policy (engine/
// collection_plan.hpp): the names its `resolve` and `flow` rules look up, the probes of its
// `flow` rules, and the depth-0 fact paths its rules read.
#pragma once

#include <string>

#include "engine/eval/graph.hpp"
#include "engine/facts/collection_plan.hpp"

namespace tekigo::dsl::lower {

// A host name to resolve, once.
void want_name(engine::CollectionPlan& plan, const std::string& name);

// A host/protocol/port to probe, once (the first rule that asks for it names it).
void want_probe(engine::CollectionPlan& plan, engine::ProbeTarget target);

// Every dotted depth-0 fact path the graph reads, once, sorted.
void add_fact_paths(engine::CollectionPlan& plan, const engine::Graph& graph);

}  // namespace tekigo::dsl::lower
