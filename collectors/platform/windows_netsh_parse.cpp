// collectors/platform: `netsh winsock show catalog` output → the
// network.layered_service_providers fact of Windows (see windows_parse.hpp).
#include <map>
#include <set>
#include <utility>

#include "collectors/platform/windows_parse.hpp"
#include "collectors/platform/windows_text.hpp"
#include "engine/common/text.hpp"

namespace tekigo::collectors {

using engine::ascii_lower;
using engine::FactValue;

FactFragment windows_lsp_from_netsh(std::string_view output) {
  struct Entry {
    std::map<std::string, std::string> fields;
  };
  std::vector<Entry> entries;
  bool in_protocol_entry = false;
  bool saw_header = false;
  for (std::string_view line : split_lines(output)) {
    std::string_view t = trim_blanks(line);
    if (t == "Winsock Catalog Provider Entry") {
      entries.emplace_back();
      in_protocol_entry = true;
      saw_header = true;
      continue;
    }
    if (t == "Name Space Provider Entry") {
      in_protocol_entry = false;
      saw_header = true;
      continue;
    }
    if (!in_protocol_entry) continue;
    std::size_t colon = t.find(':');
    if (colon == std::string_view::npos) continue;
    entries.back().fields[ascii_lower(trim_blanks(t.substr(0, colon)))] =
        std::string(trim_blanks(t.substr(colon + 1)));
  }
  if (!saw_header)
    return fact_missing(
        "no \"Winsock Catalog Provider Entry\" in the netsh output (localised Windows?)");

  static const std::set<std::string> windows_dlls{
      "mswsock.dll",  "rsvpsp.dll",  "wshqos.dll",  "vsocklib.dll", "wshbth.dll", "wship6.dll",
      "wshtcpip.dll", "napinsp.dll", "pnrpnsp.dll", "nlaapi.dll",   "winrnr.dll", "wshirda.dll"};
  FactValue::List lsps;
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<std::string> problems;
  for (const Entry& e : entries) {
    auto field = [&](const char* k) -> std::string {
      auto it = e.fields.find(k);
      return it == e.fields.end() ? std::string() : it->second;
    };
    std::string type = field("entry type");
    std::string chain = field("protocol chain length");
    bool layered = icontains(type, "Layered") || (!chain.empty() && chain != "1");
    if (!layered) continue;
    std::string name = field("description");
    std::string path = field("provider path");
    std::string dll = ascii_lower(path.substr(
        path.find_last_of("\\/") == std::string::npos ? 0 : path.find_last_of("\\/") + 1));
    bool system_dir =
        icontains(path, "%SystemRoot%\\system32\\") || icontains(path, "\\Windows\\system32\\");
    if (system_dir && windows_dlls.count(dll)) continue;
    if (name.empty()) {
      problems.push_back("a layered entry without Description was skipped");
      continue;
    }
    if (!seen.insert({name, path}).second) continue;
    FactValue::Map m;
    m.emplace_back("name", FactValue::string(name));
    if (!path.empty()) m.emplace_back("path", FactValue::string(path));
    lsps.push_back(FactValue::map(std::move(m)));
  }
  return fact_found(FactValue::list(std::move(lsps)), std::move(problems));
}

}  // namespace tekigo::collectors
