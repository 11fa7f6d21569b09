// tests/fuzz: the frozen policies the dump targets evaluate under (tests/fixtures/policies/).
#pragma once

#include <memory>
#include <string_view>

#include "engine/eval/graph.hpp"
#include "engine/eval/policy_info.hpp"

namespace tekigo::fuzz {

// A frozen policy of tests/fixtures/policies/ (by file name), compiled once per process; a
// policy that does not compile is a fuzz_failure (the fixture is broken, not the input).
struct FrozenPolicy {
  engine::PolicyInfo info;
  std::shared_ptr<const engine::Graph> graph;
};
const FrozenPolicy& frozen_policy(std::string_view file_name);

}  // namespace tekigo::fuzz
