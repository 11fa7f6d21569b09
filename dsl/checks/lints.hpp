// dsl/checks: the lints — warnings about a legal policy that probably does not say what the
// document says (W04xx). They read what typing made of each rule (stage `typed` in
// passes.hpp), so they see only rules that typed without error.
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

}  // namespace tekigo::dsl::checks
