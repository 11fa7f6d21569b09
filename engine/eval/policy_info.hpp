// engine: what a compiled policy says about itself (its header), carried into reports.
#pragma once

#include <string>
#include <vector>

#include "engine/common/local_text.hpp"
#include "engine/eval/outcome.hpp"

namespace tekigo::engine {

// One rule of the policy as reports list it (SARIF's rule descriptors), in policy order.
struct RuleInfo {
  std::string id;     // forbidden-software
  std::string cite;   // §3(3) 別表 #7
  LocalText title;    // the human sentence (a report shows it in its language)
  LocalText section;  // title of the section it sits in
  std::string kind;   // matrix, forbid, resolve, flow, check, manual, line
  SourceRef where;    // where the rule is written
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
  Lang language = Lang::en;          // the language of its untagged strings (`language`)
  std::vector<RuleInfo> rules;       // every rule, in policy order (empty: reports list none)
  std::vector<RemovedInfo> removed;  // every `removed` entry, in policy order
};

}  // namespace tekigo::engine
