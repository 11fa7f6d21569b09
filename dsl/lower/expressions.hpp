// dsl/lower: a typed expression as graph nodes — fact reads, comparisons, pattern matches,
// combinators and quantifiers, each with the policy text it was written as (for evidence).
#pragma once

#include "dsl/checks/typing.hpp"
#include "dsl/lower/lowering.hpp"
#include "engine/eval/graph.hpp"

namespace tekigo::dsl::lower {

// Never fails: typing has checked the expression. Identical sub-expressions give the same
// node (the builder hash-conses them).
engine::NodeId lower_expression(const checks::TypedExpr& typed, Lowering& lowering);

}  // namespace tekigo::dsl::lower
