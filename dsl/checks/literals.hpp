// dsl/checks: typing of literals — an operand of the policy parsed as a value of a fact's
// type (100MiB as a size, 20H2 as a Windows release, windows as a word of os.family). Parsing
// a literal is its type check: `100mb` is not a size because it does not parse as one, and
// the parsed value is what lowering puts into the graph. Reports E0202 (malformed), E0203
// (the wrong kind of literal, or a list where one value belongs), E0204 (not an allowed word).
#pragma once

#include <optional>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "engine/eval/graph.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::checks {

// `o` as one value of `type`; nullopt after reporting why not.
std::optional<engine::Scalar> parse_scalar(const ast::Operand& o, const engine::SchemaNode& type,
                                           std::vector<Diagnostic>& diagnostics);

// `o` as the right-hand side of a comparison with a fact of `type`: one value, or each item
// of a list (`[1909, 2004]`, every malformed item reported); `text` as written.
std::optional<engine::Literal> parse_literal(const ast::Operand& o, const engine::SchemaNode& type,
                                             std::vector<Diagnostic>& diagnostics);

}  // namespace tekigo::dsl::checks
