// engine/facts: reading fact dumps. JSON (simdjson), JSON Lines and YAML (yaml-cpp) become
// FactValue trees, validated and normalised against the v1 contract (fact_validator.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "engine/facts/fact_document.hpp"

namespace tekigo::engine {

enum class FactFormat { json, json_lines, yaml };

// A UTF-8 byte-order mark. Windows tools (Notepad, PowerShell 5's Out-File) start files with
// it; one at the start of a JSON document, or of each JSON Lines line, is ignored.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A JSON Lines line with nothing to parse: blank, or only a byte-order mark. Skipped by every
// reader of JSON Lines (it is not a dump, so not an error either).
bool blank_json_line(std::string_view line);

// Format from the file name, in any case: .json, .jsonl/.ndjson, .yaml/.yml; json otherwise.
FactFormat format_of(const std::filesystem::path& file);

// Parses, validates and normalises. A file (JSON, YAML) holds one dump; JSON Lines one per line.
FactLoad load_fact_file(const std::filesystem::path& file, const FactLoadOptions& options = {});
// A file of facts to merge into dumps (`check --facts`, a test case's `facts`): read and
// validated without requiring `schema` and `subject`, which are left out of each document (the
// dump keeps its own identity).
FactLoad load_fact_part(const std::filesystem::path& file);
FactLoad parse_facts(std::string_view text, std::string_view source, FactFormat format,
                     const FactLoadOptions& options = {});

// The same for text in a buffer the caller owns and gives up: JSON is parsed where it is, using
// the buffer's spare capacity as the parser's padding (the buffer grows once when it has less
// than kParsePadding spare bytes). `text` is left in an unspecified state. When `reuse` is
// given (a tree no longer needed, such as the previous dump of a batch), the new tree takes
// over its strings and vectors where the shapes agree, saving most allocations.
FactLoad parse_facts_in_place(std::string& text, std::string_view source, FactFormat format,
                              const FactLoadOptions& options = {}, FactValue* reuse = nullptr);

}  // namespace tekigo::engine
