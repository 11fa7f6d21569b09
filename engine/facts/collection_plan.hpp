// engine: what a policy needs collected — the names to resolve, the host/protocol/port
// probes to run, and the fact paths its rules read. The dsl compiler fills it from the
// policy's resolve and flow rules, so a new revision of the document with a new host or
// port needs no collector change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tekigo::engine {

struct ProbeTarget {
  std::string host;      // as the policy names it, normalised (no trailing dot)
  std::string protocol;  // tcp | udp
  std::uint16_t port = 0;
  std::vector<std::string> documented_addresses;
  std::string rule_id;  // the flow rule that asks for it
  friend bool operator==(const ProbeTarget& a, const ProbeTarget& b) {
    return a.host == b.host && a.protocol == b.protocol && a.port == b.port;
  }
};

struct CollectionPlan {
  std::vector<std::string> names;   // FQDNs to resolve, without duplicates
  std::vector<ProbeTarget> probes;  // without duplicates
  std::vector<std::string>
      fact_paths;  // dotted depth-0 paths the rules read ("os.version", "software")
};

}  // namespace tekigo::engine
