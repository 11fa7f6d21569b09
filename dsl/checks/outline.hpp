// dsl/checks: the outline of the document a policy encodes — the `clause` declarations of its
// sections (docs/language.md, "The outline") against the rules that cite them (stage `ast`).
#pragma once

#include <string>
#include <vector>

#include "dsl/checks/passes.hpp"

namespace tekigo::dsl::checks {

// outline: in a scope (a section, or the file) that declares clauses, every `cite` of a rule
// names one of them (W0413, with the closest label), every clause not marked informational is
// cited by a rule (W0412), and no label is declared twice (W0414); a section without rules
// is marked informational (W0415).
void check_outline(const PassInput& input, std::vector<Diagnostic>& out);

// The labels of the clauses of `scope` (a section's items, or the file's) that `rule`
// covers: the one its `cite` names, and for a matrix each row's, by its label ("1" or "#1").
// Empty when the scope declares no clause the rule names.
std::vector<std::string> clauses_cited(const ast::Rule& rule, const std::vector<ast::Item>& scope);

}  // namespace tekigo::dsl::checks
