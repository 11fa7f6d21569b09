// dsl/doc: a policy the compiler accepted, described as the document it encodes
// (engine::PolicyDocument, rendered by `tekigo doc`). Read from the same checked AST whose
// graph `check` evaluates, so what the document says is what is checked: each rule's sentence,
// its conditions in words, the matrix rows with their byte figures, the names, the flows, the
// 別表 items, the notes where the policy declares them, removed entries.
#pragma once

#include "dsl/ast/ast.hpp"
#include "dsl/ast/source.hpp"
#include "engine/eval/policy_info.hpp"
#include "engine/report/policy_document.hpp"

namespace tekigo::dsl::doc {

// `file` is the AST of a policy that compiled (its `info`); `source` its text, for the lines
// rules are written on.
engine::PolicyDocument describe_policy(const ast::PolicyFile& file, const engine::PolicyInfo& info,
                                       const SourceFile& source);

}  // namespace tekigo::dsl::doc
