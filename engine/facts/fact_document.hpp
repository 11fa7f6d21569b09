// engine/facts: a dump as read (its source and fact tree) and what can be wrong with one. Errors
// are values naming the file and the fact path; nothing in engine/facts throws for bad input.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "engine/facts/fact_value.hpp"

namespace tekigo::engine {

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
  std::string sha256;             // of the file's bytes as read (load_fact_file), hex
};

struct FactLoadOptions {
  std::size_t max_file_bytes = 64u << 20;  // refuse larger files
  std::size_t max_depth = 64;              // nesting depth of a dump
  bool require_header = true;              // `schema` and `subject` must be present
  // Checked against the contract (and normalised). Off, a file is only read into a tree that
  // must be a map: a part to merge into a dump before the whole is validated (a test case's
  // base dump or patch, docs/testing.md), which may hold nulls that remove keys.
  bool validate = true;
};

}  // namespace tekigo::engine
