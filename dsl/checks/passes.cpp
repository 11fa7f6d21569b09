// dsl/checks: the list of passes. Adding a pass is adding a row here (and its file).
#include "dsl/checks/passes.hpp"

#include "dsl/checks/languages.hpp"
#include "dsl/checks/lints.hpp"
#include "dsl/checks/outline.hpp"
#include "dsl/checks/structure.hpp"
#include "dsl/checks/windows.hpp"

namespace tekigo::dsl::checks {

const std::vector<CheckPass>& check_passes() {
  using Stage = CheckPass::Stage;
  static const std::vector<CheckPass> passes = {
      {"header", Stage::ast,
       "the policy header has an id, title, revision, source and a valid effective date "
       "(E0103, E0202)",
       check_header},
      {"names", Stage::ast,
       "rule ids are unique, and a `removed` entry's id is no rule's; a section declares each "
       "note once; every `notes ※N` names a note declared in an enclosing scope (E0101, E0104, "
       "E0102)",
       check_names},
      {"cites", Stage::ast,
       "every rule has a citation (its own or its section's) and a human sentence, every "
       "`removed` entry a citation (E0105, E0106)",
       check_cites},
      {"windows", Stage::ast,
       "every date of a `from`/`until` window is a date, `from` is not after `until`, and no "
       "window ends before the policy's effective date (E0202, E0210, W0411)",
       check_windows},
      {"languages", Stage::ast,
       "the header's `language` and every translation's tag are `en` or `ja` (E0110), and no "
       "text is written twice in one language (E0111)",
       check_languages},
      {"duplicate-cites", Stage::ast,
       "no two rules that write `cite` cite the same clause of the document (W0404)",
       check_duplicate_cites},
      {"outline", Stage::ast,
       "in a section that declares clauses, every rule's `cite` names one (W0413) and every "
       "clause not marked informational is cited (W0412), no clause is declared twice (W0414); "
       "a section without rules is marked informational (W0415)",
       check_outline},
      {"unused-notes", Stage::ast, "every note declared is referred to by some `notes ※N` (W0409)",
       check_unused_notes},
      {"typing", Stage::typing,
       "every path names a fact of the contract, every operator suits its fact's type, every "
       "literal parses as a value of it (E0201–E0209); run by lowering, rule by rule",
       nullptr},
      {"line-coverage", Stage::typed, "a `line` rule that typed classifies every line type (W0401)",
       check_line_coverage},
      {"constant-status", Stage::typed,
       "a `check` or `manual` rule that typed can give more than one status (W0402)",
       check_constant_status},
      {"os-versions", Stage::typed,
       "every OS version, Windows release and service pack of a matrix row exists and goes with "
       "the row's other OS parts (W0403)",
       check_os_versions},
      {"matrix-rows", Stage::typed,
       "no matrix row admits a terminal an earlier row admits (W0405), all of them (W0406), or "
       "none because its `when` cannot hold (W0407)",
       check_matrix_rows},
      {"dead-cases", Stage::typed,
       "no case, `applies when`, forbid item or `unless` whose condition can never hold (W0407), "
       "no case an earlier case always decides first (W0408)",
       check_dead_cases},
  };
  return passes;
}

void run_passes(CheckPass::Stage stage, const PassInput& input,
                std::vector<Diagnostic>& diagnostics) {
  for (const auto& pass : check_passes())
    if (pass.stage == stage && pass.run) pass.run(input, diagnostics);
}

}  // namespace tekigo::dsl::checks
