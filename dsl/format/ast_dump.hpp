// dsl/format: a policy's AST as text, every field but the spans, one node a line — two
// policies that parse to the same tree have the same dump wherever and however they were
// written. The formatter compares its input's dump with its output's; tests diff them.
// Literals are as written, except that a run of blanks inside one counts as one space
// (`50  MiB` and `50 MiB`). Comments are left out (their own check compares them), doc
// comments are in.
#pragma once

#include <string>

#include "dsl/ast/ast.hpp"

namespace tekigo::dsl::format {

std::string ast_dump(const ast::PolicyFile& file);

}  // namespace tekigo::dsl::format
