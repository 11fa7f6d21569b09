// engine/facts: the minor versions of the fact contract tekigo.facts/1 (docs/facts.md,
// "Contract versions"). A dump's `schema` is `tekigo.facts/1` (1.0, or a writer that does not
// say which minor) or `tekigo.facts/1.MINOR`; a minor newer than this tekigo knows is read
// like any other (the contract only gains optional keys within a major, and unknown keys are
// ignored). The since table says, for every fact path of the contract, the minor that
// brought it, so that a fact absent from a dump written to an older minor is explained as
// such rather than as "not collected".
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace tekigo::engine {

// The newest minor of tekigo.facts/1 this tekigo knows; its collectors write it
// (kFactSchemaId, fact_schema.hpp, is "tekigo.facts/1." this).
inline constexpr int kFactContractMinor = 1;

// What a dump's `schema` says: nullopt when it is no tekigo.facts/1 id at all; a minor of
// nullopt for `tekigo.facts/1` itself.
struct DeclaredContract {
  std::optional<int> minor;
  bool operator==(const DeclaredContract&) const = default;
};
std::optional<DeclaredContract> parse_schema_id(std::string_view schema);

// "tekigo.facts/1.1" for 1.
std::string schema_id_of_minor(int minor);

// One path of the contract and the minor that brought it.
struct FactSince {
  // Dotted, with `[]` for a list's elements: "os.family", "software[].name". Every map and
  // list of the contract has its own entry; a key under an open map (`features`,
  // `attested`) is its map's unless named here.
  std::string_view path;
  int minor;  // 0 for 1.0
  // For a path that came after 1.0: who writes it — the tekigo version whose collectors first
  // collect it and those collectors ("tekigo collect, collect.ps1"), or, when `collectors` is
  // empty, nobody but the facility (it is declared by hand, as an attestation block is).
  std::string_view tekigo_version;
  std::string_view collectors;
};

// The table, in the order of docs/facts.md.
std::span<const FactSince> fact_since_table();

// The entry of a fact path as the evaluator names it ("software[3].version",
// "attested.load_balancer"): indices are read as `[]`, and a path with no entry of its own
// is its nearest parent's. nullptr for a path outside the contract ("x-asset-tag").
const FactSince* fact_since(std::string_view path);

}  // namespace tekigo::engine
