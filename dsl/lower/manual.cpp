// dsl/lower: `manual` — a `check` for a requirement no collector can measure (docs/
// language.md, "manual"): the same clauses and cases, and one step first: when none of the
// facts the rule reads is in the dump, the outcome is `manual` ("SENTENCE — to be checked by
// a person"), which the evaluator decides from `manual_when_absent`.
#include "dsl/lower/lowering.hpp"

namespace tekigo::dsl::lower {

bool lower_manual(const ast::Rule& r, const NoteScope& scope, engine::Rule& out, Lowering& l) {
  out.manual_when_absent = true;
  return lower_check(r, scope, out, l);
}

}  // namespace tekigo::dsl::lower
