// dsl/checks: the lints — warnings about a legal policy that probably does not say what the
// document says (W04xx). Most read what typing made of each rule (stage `typed` in
// passes.hpp), so they see only rules that typed without error; duplicate-cites and
// unused-notes read the AST alone (stage `ast`). lints.cpp has the lints of one rule or
// the file, matrix_lints.cpp the lints of matrix rows, case_lints.cpp the conditions that can
// never hold or never be reached (conditions.hpp is their analysis).
#pragma once

#include <vector>

#include "dsl/checks/passes.hpp"

namespace tekigo::dsl::checks {

// line-coverage: a `line` rule leaves no line type unclassified (W0401, at the rule id): a
// terminal on such a line fails with "the line type is not one the document allows".
void check_line_coverage(const PassInput& input, std::vector<Diagnostic>& out);

// constant-status: the cases of a `check` or `manual` rule and its `otherwise` do not all
// give the same status (W0402, at the rule id): such a rule can only ever be that status.
void check_constant_status(const PassInput& input, std::vector<Diagnostic>& out);

// os-versions: every OS version, Windows release and service pack a matrix row names exists
// (os_versions.hpp) and can go with the row's other OS parts (W0403, at the value): Windows
// 10 has no 23H2, Windows 8.1 no service pack, macOS no 10.16. A range or a comparison is
// fine when it admits some known value, whatever its ends are.
void check_os_versions(const PassInput& input, std::vector<Diagnostic>& out);

// duplicate-cites: no two rules (or `removed` entries) that write `cite` cite the same
// clause of the document (W0404, at the second `cite`, with a note at the first).
void check_duplicate_cites(const PassInput& input, std::vector<Diagnostic>& out);

// matrix-rows: no matrix row admits a terminal an earlier row admits (rows without `warn`
// are tried before rows with one): W0406 when every terminal it admits is admitted before
// (the row never decides), else W0405 when some is; and a row whose `when` cannot hold with
// its `os` clause (W0407). At the row's label, with a note at the other row.
void check_matrix_rows(const PassInput& input, std::vector<Diagnostic>& out);

// dead-cases: in a `check` or `manual` rule, no case whose condition can never hold (W0407)
// or holds only when an earlier case's does (W0408), and no `applies when` that can never
// hold; in a `forbid`, no item that can never be found, in a `line` rule no `unless` that
// can never hold (W0407). The help says when the rule then can never give a status, or can
// only give one (as W0402 says of a rule as written).
void check_dead_cases(const PassInput& input, std::vector<Diagnostic>& out);

// unused-notes: every note declared is referred to by some `notes ※N` in its scope (W0409).
void check_unused_notes(const PassInput& input, std::vector<Diagnostic>& out);

}  // namespace tekigo::dsl::checks
