// dsl/checks: the structure passes — they read the AST alone (stage `ast` in passes.hpp).
#pragma once

#include <vector>

#include "dsl/checks/passes.hpp"

namespace tekigo::dsl::checks {

// header: the policy header has a title, revision, source and effective date (E0103, at the
// policy id), and the date is YYYY-MM-DD (E0202).
void check_header(const PassInput& input, std::vector<Diagnostic>& out);

// names: rule ids are unique in the policy, and a `removed` entry's id is neither a rule's
// nor another removed entry's (E0101); a section declares a note label once (E0104); every
// `notes ※N` names a note declared in its section or an enclosing one (E0102).
void check_names(const PassInput& input, std::vector<Diagnostic>& out);

// cites: a rule or `removed` entry outside every section has its own `cite` (E0105); every
// rule has a non-empty sentence (E0106; a `removed` entry may have none).
void check_cites(const PassInput& input, std::vector<Diagnostic>& out);

}  // namespace tekigo::dsl::checks
