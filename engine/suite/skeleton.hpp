// engine/suite: a skeleton dump for a policy (`tekigo skeleton`, docs/testing.md) — every
// fact the policy reads, set to values that make each rule pass where the policy allows it,
// so that a case author starts from a dump that passes and changes what a case is about.
//
// Derived from the compiled graph alone: rule by rule, in policy order, it picks the first way
// the rule can pass (a `pass` case whose condition can hold while the cases before it do not,
// or `otherwise pass` with every case not holding; failing that, not applying; failing that,
// a warning) and works out facts that make those conditions so — a fact compared with a
// literal gets the literal (or a value beside it), a pattern gets a text it matches
// (engine/eval/pattern_example.hpp), a list that must hold something gets an element, a list
// that must not gets none — without undoing what earlier rules needed; every choice is checked
// by evaluating the dump. Facts the policy reads that no rule needed set are then given the
// first literal the policy compares them with, where that changes no rule's outcome; the
// collection plan's documented addresses go into the probes of `reach`.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/eval/graph.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/facts/collection_plan.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::engine {

struct Skeleton {
  FactValue dump;                     // valid against the contract (schema, subject, facts)
  std::vector<RuleOutcome> outcomes;  // the policy's outcomes on it, in policy order
};

Skeleton make_skeleton(const std::shared_ptr<const Graph>& graph, const CollectionPlan& plan,
                       const std::string& subject = "skeleton");

}  // namespace tekigo::engine
