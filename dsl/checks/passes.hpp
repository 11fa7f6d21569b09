// dsl: the checks that run on the AST before lowering — each a named pass that adds
// diagnostics and never changes the AST. Typing of expressions happens while lowering
// (compiler.cpp), where each expression meets the fact contract.
#pragma once

#include <string_view>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/source.hpp"

namespace tekigo::dsl {

struct CheckPass {
  std::string_view name;
  void (*run)(const ast::PolicyFile&, const SourceFile&, std::vector<Diagnostic>&);
};

// The passes, in the order they run:
//   header — the policy header has an id, title, revision, a valid effective date, a source
//   names  — rule ids are unique; every `notes ※N` names a note declared in an enclosing scope
//   cites  — every rule has a citation (its own or its section's) and a human sentence
const std::vector<CheckPass>& check_passes();

void run_checks(const ast::PolicyFile& file, const SourceFile& source,
                std::vector<Diagnostic>& diagnostics);

// Edit distance, for "did you mean" help.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace tekigo::dsl
