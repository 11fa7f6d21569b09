// dsl/checks: the two languages of a policy's sentences (docs/language.md, "Two languages").
// The pass `languages` (stage `ast` in passes.hpp) checks the header's `language` and every
// translation written after a string.
#pragma once

#include <vector>

#include "dsl/checks/passes.hpp"

namespace tekigo::dsl::checks {

// languages: the header's `language` and every translation's tag name a language tekigo
// knows, `en` or `ja` (E0110); no sentence is written twice in one language — a tag that is
// the language of the untagged string, or a tag given twice (E0111).
void check_languages(const PassInput& input, std::vector<Diagnostic>& out);

}  // namespace tekigo::dsl::checks
