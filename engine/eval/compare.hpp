// engine/eval: how a `compare` node judges one fact (engine/eval/compare.cpp): text without
// regard to ASCII case and surrounding white space, versions against version lines, releases
// and dates in time order, sizes in bytes, addresses and host names in normal form.
#pragma once

#include "engine/eval/graph.hpp"
#include "engine/eval/tri.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::engine {

// `fact` against the literal(s) of the compare node `n`: unknown when the fact is of a kind
// the comparison cannot read.
Tri compare_fact(const FactValue& fact, const Node& n);
// `fact` <op of `n`> `value` for a compare node whose right-hand side is known only when
// evaluating (the check date): typed by `n`'s type.
Tri compare_fact_with(const FactValue& fact, const Node& n, const Scalar& value);

}  // namespace tekigo::engine
