// engine: what a compiled policy says about itself (its header), carried into reports.
#pragma once

#include <string>
#include <vector>

#include "engine/common/local_text.hpp"
#include "engine/eval/outcome.hpp"

namespace tekigo::engine {

// Words written for people — a clause's or section's title, a rule's rationale: one alias,
// so that they can become texts with an alternative in another language in one place.
using Prose = LocalText;

// One rule of the policy as reports list it (SARIF's rule descriptors), in policy order.
struct RuleInfo {
  std::string id;     // forbidden-software
  std::string cite;   // §3(3) 別表 #7
  LocalText title;    // the human sentence (a report shows it in its language)
  LocalText section;  // title of the section it sits in
  std::string kind;   // matrix, forbid, resolve, flow, check, manual, line
  SourceRef where;    // where the rule is written
  Prose rationale;    // how the policy reads the document here (may be empty)
  // The citations of the outline's clauses it covers (its cite; a matrix's rows), or its own
  // citation alone when its section declares no clause it names.
  std::vector<std::string> clauses = {};
};

// One clause of the document in the outline of its section (`clause "#1" "…"`).
struct ClauseInfo {
  std::string label;  // as the section declares it: "#1", "VPN #1"
  std::string cite;   // composed as a rule's citation: "§3(3) 別表 #1"
  Prose title;
  bool informational = false;  // the document states no requirement here
  SourceRef where;
};

// One section of the policy, in policy order (nested sections follow their parent, one level
// deeper), with the clauses it declares: the outline of the document the policy encodes. The
// file's own clauses, when it declares any, come first in a section with an empty citation.
struct SectionInfo {
  std::string cite;  // "§3(1)"
  Prose title;
  bool informational = false;  // needs no rules
  std::size_t depth = 0;       // 0 for a top-level section
  std::vector<ClauseInfo> clauses;
  SourceRef where;
};

// An entry the document removed, recorded in the policy with `removed` (docs/language.md):
// nothing evaluates it, reports and `tekigo diff` show it ("別表 #9 removed in 第8版").
struct RemovedInfo {
  std::string id;        // the id the rule had: conflict-09
  std::string cite;      // composed as a rule's: §3(3) 別表 #9
  LocalText title;       // what the entry required (may be empty)
  std::string revision;  // the revision that removed it (may be empty)
};

struct PolicyInfo {
  std::string id;   // gan-touroku-online
  LocalText title;  // in both languages when the policy gives both
  std::string revision;
  std::string effective;             // ISO date
  std::string source;                // the document it encodes
  std::string file;                  // the policy file
  std::string sha256;                // of the policy's bytes as read (hex); empty when not known
  Lang language = Lang::en;          // the language of its untagged strings (`language`)
  std::vector<RuleInfo> rules;       // every rule, in policy order (empty: reports list none)
  std::vector<RemovedInfo> removed;  // every `removed` entry, in policy order
  std::vector<SectionInfo> outline;  // every section, in policy order, with its clauses
};

}  // namespace tekigo::engine
