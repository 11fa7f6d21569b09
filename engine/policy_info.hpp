// engine: what a compiled policy says about itself (its header), carried into reports.
#pragma once

#include <string>

namespace tekigo::engine {

struct PolicyInfo {
  std::string id;         // gan-touroku-online
  std::string title;      // UTF-8, may be Japanese
  std::string revision;
  std::string effective;  // ISO date
  std::string source;     // the document it encodes
  std::string file;       // the policy file
};

}  // namespace tekigo::engine
