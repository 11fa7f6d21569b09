// engine: reading fact dumps. JSON, JSON Lines and YAML files become FactValue trees,
// validated and normalised against the v1 contract (fact_schema.hpp). Errors are values
// naming the file and the fact path; nothing here throws for bad input.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "engine/fact_value.hpp"

namespace tekigo::engine {

enum class FactFormat { json, json_lines, yaml };

// One dump: where it came from ("dir/a.json", "batch.jsonl:17") and its tree.
struct FactDocument {
  std::string source;
  FactValue root;
  std::string subject() const;  // root.subject, or "" when absent
};

// A bad dump: `path` is the fact path ("os.service_pack", "software[3].name"), empty
// when the whole file is unreadable or not JSON/YAML.
struct FactError {
  std::string source;
  std::string path;
  std::string message;
  // The dump's subject when it could be read, else empty. Last, and with an initialiser, so
  // that the brace initialisers {source, path, message} used throughout stay valid and quiet
  // (-Wmissing-field-initializers).
  std::string subject{};
  std::string to_string() const;  // "dir/a.json: os.service_pack: expected an integer, got \"one\""
};

struct FactLoad {
  std::vector<FactDocument> documents;
  std::vector<FactError> errors;  // documents with errors are not in `documents`
};

struct FactLoadOptions {
  std::size_t max_file_bytes = 64u << 20;  // refuse larger files
  std::size_t max_depth = 64;              // nesting depth of a dump
  bool require_header = true;              // `schema` and `subject` must be present
};

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
FactLoad parse_facts(std::string_view text, std::string_view source, FactFormat format,
                     const FactLoadOptions& options = {});

// The same for text in a buffer the caller owns and gives up: JSON is parsed where it is, using
// the buffer's spare capacity as the parser's padding (the buffer grows once when it has less
// than kParsePadding spare bytes). `text` is left in an unspecified state. When `reuse` is
// given (a tree no longer needed, such as the previous dump of a batch), the new tree takes
// over its strings and vectors where the shapes agree, saving most allocations.
FactLoad parse_facts_in_place(std::string& text, std::string_view source, FactFormat format,
                              const FactLoadOptions& options = {}, FactValue* reuse = nullptr);

// Checks `root` against the contract and normalises it in place (integers written where
// versions, releases or names are expected become strings). Returns the problems found, each
// with root's `subject` when that is text (so that a report can name the terminal).
std::vector<FactError> validate_facts(FactValue& root, std::string_view source,
                                      bool require_header = true);

// Merges `part` into `into`: maps merge key by key, anything else replaces. Appends to
// `changed` the dotted paths that were set (used for incremental re-evaluation).
void merge_facts(FactValue& into, const FactValue& part, std::vector<std::string>* changed);

// Writes a fact tree as JSON (2-space indented when `pretty`) or as YAML, for dumps that
// collectors write. Keys keep their order; text is UTF-8.
std::string write_facts_json(const FactValue& facts, bool pretty = true);
std::string write_facts_yaml(const FactValue& facts);

// Files to check under `paths`: files as given, directories walked recursively for
// .json/.jsonl/.ndjson/.yaml/.yml in any case, sorted by path. The walk enters hidden
// directories but not symbolic links to directories (no loops); it follows links to files.
// A subdirectory that cannot be read, or a link named like a dump that leads nowhere, is an
// error for that path, and the walk goes on with the rest.
std::vector<std::filesystem::path> collect_fact_files(
    const std::vector<std::filesystem::path>& paths, std::vector<FactError>& errors);

}  // namespace tekigo::engine
