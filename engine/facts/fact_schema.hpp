// engine: the fact contract v1 as data. The dsl checker types policy expressions
// against it, and fact_dump validates dumps against it. docs/facts.md describes
// the same tree for people; docs/facts.schema.json for other tools.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tekigo::engine {

// The type of a fact as the engine compares it. Scalars arrive in dumps as strings
// or numbers and are parsed into these when a comparison reads them.
enum class FactType : std::uint8_t {
  string,       // text, compared case-insensitively
  integer,      // whole number
  boolean,      // true / false
  version,      // dotted numeric version (4.9.05042, 10.13.6)
  release,      // Windows 10/11 release id (1909, 20H2), ordered by time
  size,         // byte count (integer in dumps; 100MB in policies)
  timestamp,    // RFC 3339 date-time
  date,         // calendar date YYYY-MM-DD: the check date (`today`); no fact of a dump has it
  address,      // IPv4 or IPv6 address
  fqdn,         // host name, trailing dot optional, case-insensitive
  port,         // 1..65535
  enumeration,  // one of a fixed set of lower-case words
  scalar,       // any scalar (attested facts): typed by the literal it is compared with
  list,         // list of `element`
  map,          // map with known `fields` (and, when open, any other keys of `open_type`)
};

std::string_view type_name(FactType type);
// The type's name with its article, for messages: "an integer", "a version".
std::string type_with_article(FactType type);

// One node of the contract tree. Immutable after construction; the tree returned
// by fact_schema() is a process-wide constant, safe to share between threads.
struct SchemaNode {
  FactType type = FactType::string;
  std::string description;
  std::vector<std::string> values;                        // enumeration: allowed words
  std::map<std::string, SchemaNode, std::less<>> fields;  // map: known keys
  std::shared_ptr<const SchemaNode> element;              // list: element type
  std::shared_ptr<const SchemaNode> open;                 // map: type of any other key, if allowed
  bool nullable = false;                                  // null is allowed (e.g. network.proxy)
  std::vector<std::string> required;                      // map: keys that must be present

  // Field of a map node (known or open), or nullptr.
  const SchemaNode* field(std::string_view name) const;

  // The fields again as a flat array, filled once for the tree fact_schema() returns: the
  // validator looks up every key of every dump, and a short linear scan that compares lengths
  // first beats the tree walk of `fields`.
  std::vector<std::pair<std::string_view, const SchemaNode*>> flat;
};

// The v1 contract (schema: tekigo.facts/1, or tekigo.facts/1.MINOR: contract_version.hpp).
const SchemaNode& fact_schema();
// The major version's id: a dump's `schema` is this, or this with a minor after a dot.
inline constexpr std::string_view kFactSchemaMajor = "tekigo.facts/1";
// What tekigo's own collectors write: the major with the newest minor this tekigo knows
// (kFactContractMinor).
inline constexpr std::string_view kFactSchemaId = "tekigo.facts/1.1";

}  // namespace tekigo::engine
