// dsl/checks: the passes of the compiler, each named and all listed in one place
// (check_passes()), in the order the compiler runs them. A pass adds diagnostics and never
// changes the AST. Three stages, in this order:
//   ast     read the AST alone: the structure of the file (structure.hpp)
//   typing  every expression and literal meets the fact contract (typing.hpp); it runs
//           inside lowering (dsl/lower), because a rule kind decides which of its parts are
//           typed at all (a matrix row without `os` is not typed further)
//   typed   read what typing made of each rule (TypedRule): the lints (lints.hpp)
#pragma once

#include <string_view>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/source.hpp"
#include "engine/eval/outcome.hpp"

namespace tekigo::dsl::checks {

// What typing (and with it lowering) made of one rule: what the passes after typing read.
struct TypedRule {
  const ast::Rule* rule = nullptr;
  bool in_graph = false;  // typed and lowered: the rule kind accepted it into the graph
  std::vector<engine::Status> case_statuses;  // its decision list, in order (when in_graph)
  engine::Status otherwise = engine::Status::pass;
};

// What a pass reads.
struct PassInput {
  const ast::PolicyFile& file;
  const SourceFile& source;
  const std::vector<TypedRule>* typed_rules = nullptr;  // set once `typing` has run
};

struct CheckPass {
  enum class Stage { ast, typing, typed };
  std::string_view name;
  Stage stage;
  std::string_view checks;  // what it checks, with the codes it gives
  // Null for `typing`, which lowering runs (see above); set for every other pass.
  void (*run)(const PassInput&, std::vector<Diagnostic>&) = nullptr;
};

// The passes, in the order they run:
//   header          E0103 E0202  the header has an id, title, revision, source, a valid date
//   names           E0101 E0102 E0104  unique ids (rules and `removed` entries); notes declared
//                                once, and in scope
//   cites           E0105 E0106  every rule cites the document and says what it requires; a
//                                `removed` entry cites it too
//   windows         E0202 E0210 W0411  `from`/`until` windows: dates, order, effective date
//   languages       E0110 E0111  translations are tagged `en` or `ja`, none twice
//   duplicate-cites W0404        no two rules cite the same clause
//   outline         W0412-W0415  clauses: cited, named by every `cite`, declared once; a
//                                section without rules is informational
//   unused-notes    W0409        every note is referred to
//   typing          E02xx        facts exist, operators suit their types, literals parse
//   line-coverage   W0401        a `line` rule classifies every line type
//   constant-status W0402        a `check` or `manual` rule can give more than one status
//   os-versions     W0403        a matrix row's OS versions, releases, service pack exist
//   matrix-rows     W0405 W0406 W0407  no row overlaps or is shadowed by an earlier one
//   dead-cases      W0407 W0408  no condition that can never hold, no case never reached
// (E0107, a clause written twice, is found as the parse tree becomes the AST.)
const std::vector<CheckPass>& check_passes();

// Runs, in the list's order, the passes of `stage` (not `typing`: lowering runs that).
void run_passes(CheckPass::Stage stage, const PassInput& input,
                std::vector<Diagnostic>& diagnostics);

}  // namespace tekigo::dsl::checks
