// engine/facts: who vouches for a dump's attested facts. An `attestation:` block beside
// `attested:` (in a dump, or in a facts file merged into dumps) says who attested, when, for
// which facility, and which terminals it covers (subjects, or glob patterns with * and ?).
// Attested facts without one are refused (docs/facts.md, "Attestation"); a facts file applied
// to a dump outside what it covers is refused for that dump.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/facts/fact_document.hpp"

namespace tekigo::engine {

struct Attestation {
  std::string by;
  std::string at;        // YYYY-MM-DD
  std::string facility;  // optional
  // Subjects or glob patterns. Empty in a dump's own attestation: it covers that dump.
  std::vector<std::string> covers;
  std::vector<std::string> keys;  // the keys of `attested` it vouches for, as written
  std::string source;             // the file it came from: the dump, or the facts file
  std::string sha256;             // of that file's bytes (empty when not known)
};

// The attestation of a validated tree (`attestation:` and the keys of `attested:` beside it),
// or nullopt when it has none.
std::optional<Attestation> read_attestation(const FactValue& root, std::string source,
                                            std::string sha256 = {});

// Whether `subject` is one the attestation covers: an entry of `covers` equal to it, or a glob
// pattern (`*` any run of characters, `?` one character; case-sensitive) matching it whole.
// A dump's own attestation with no `covers` covers its dump (`own`).
bool covers_subject(const Attestation& attestation, std::string_view subject, bool own = false);
bool glob_match(std::string_view pattern, std::string_view text);

// The refusal of an attestation for a dump outside its scope: names the file, what it covers
// and the dump's subject.
std::string out_of_scope(const Attestation& attestation, std::string_view subject);

// What validate_facts adds for the attestation rules of one tree: attested facts need an
// attestation (who and when); the old `attested.attested_by`/`attested_at` keys are refused
// with the fix; `at` must be a date; a facts file (`part`) must say what it covers.
void check_attestation(const FactValue& root, std::string_view source, bool part,
                       std::vector<FactError>& problems);

// A facts file to merge into dumps (`check --facts`): its facts, where they came from, the
// hash of its bytes and its attestation (when it has one).
struct FactPart {
  FactValue facts;
  std::string source;
  std::string sha256;
  std::optional<Attestation> attestation;
};

}  // namespace tekigo::engine
