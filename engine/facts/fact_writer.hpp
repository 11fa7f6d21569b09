// engine/facts: writing a fact tree as a dump.
#pragma once

#include <string>

#include "engine/facts/fact_value.hpp"

namespace tekigo::engine {

// Writes a fact tree as JSON (2-space indented when `pretty`) or as YAML, for dumps that
// collectors write. Keys keep their order; text is UTF-8.
std::string write_facts_json(const FactValue& facts, bool pretty = true);
std::string write_facts_yaml(const FactValue& facts);

}  // namespace tekigo::engine
