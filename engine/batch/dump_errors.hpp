// engine: dumps that could not be read, as results. A batch item (or the walk of the dump
// folders) reports each problem on its own — a file can have several, say two bad facts;
// the report shows one error result per dump, so that every dump counts once.
#pragma once

#include <vector>

#include "engine/eval/outcome.hpp"
#include "engine/facts/fact_document.hpp"

namespace tekigo::engine {

// One error result per source, in the order the sources first appear. Its message joins the
// dump's problems with "; ", each "path: message" (the message alone when it names no fact
// path); its subject is the first one any of the dump's errors carries, so that a bad JSON
// Lines line still names its terminal.
std::vector<TerminalResult> error_results(const std::vector<FactError>& errors);

}  // namespace tekigo::engine
