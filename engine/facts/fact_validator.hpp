// engine/facts: a fact tree checked against the v1 contract (fact_schema.hpp), and merging
// one tree into another (a facility's attestation into a dump; collection steps as they finish).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/facts/fact_document.hpp"

namespace tekigo::engine {

// Checks `root` against the contract and normalises it in place (integers written where
// versions, releases or names are expected become strings). Returns the problems found, each
// with root's `subject` when that is text (so that a report can name the terminal).
std::vector<FactError> validate_facts(FactValue& root, std::string_view source,
                                      bool require_header = true);

// Where validate_facts records a fact it read as another value than the dump's: under
// `collected`, a list of {path, read, from} — the fact, the value the dump held, and the fact
// that decided what it is. Today only os.release "2009" (the registry's frozen ReleaseId) read
// as the release of os.build (docs/facts.md, "Windows release and build"). An `x-` key: tekigo
// writes it, no collector does, and a dump written back keeps it.
inline constexpr std::string_view kReconciledKey = "x-reconciled";

// What a `null` in the part being merged means: the value null (a dump's `proxy: null`), or
// "leave this key out" (a test case's patch over a shared base dump, docs/testing.md).
enum class MergeNull { set, remove };

// Merges `part` into `into`: maps merge key by key, anything else replaces. Appends to
// `changed` the dotted paths that were set (used for incremental re-evaluation). With
// MergeNull::remove, a null in `part` removes that key from `into` instead.
void merge_facts(FactValue& into, const FactValue& part, std::vector<std::string>* changed,
                 MergeNull null = MergeNull::set);

}  // namespace tekigo::engine
