// collectors/platform: reg.exe query output → the os, software, browsers and network.proxy
// facts of Windows (see windows_parse.hpp).
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "collectors/platform/windows_parse.hpp"
#include "collectors/platform/windows_text.hpp"
#include "engine/common/text.hpp"
#include "engine/values/windows_release.hpp"

namespace tekigo::collectors {

using engine::ascii_lower;
using engine::FactValue;
using engine::iequals_ascii;

namespace {

constexpr std::array<std::string_view, 12> kRegTypes{"REG_SZ",
                                                     "REG_EXPAND_SZ",
                                                     "REG_MULTI_SZ",
                                                     "REG_DWORD",
                                                     "REG_QWORD",
                                                     "REG_BINARY",
                                                     "REG_NONE",
                                                     "REG_DWORD_BIG_ENDIAN",
                                                     "REG_LINK",
                                                     "REG_RESOURCE_LIST",
                                                     "REG_FULL_RESOURCE_DESCRIPTOR",
                                                     "REG_RESOURCE_REQUIREMENTS_LIST"};

// "Name    REG_TYPE    data" (indent removed): the first "    REG_…" separator whose type is
// known and that is followed by "    " or the end of the line.
std::optional<RegValue> parse_reg_value(std::string_view line) {
  std::size_t from = 0;
  while (true) {
    std::size_t at = line.find("    REG_", from);
    if (at == std::string_view::npos) return std::nullopt;
    std::string_view rest = line.substr(at + 4);
    for (std::string_view type : kRegTypes) {
      if (rest.substr(0, type.size()) != type) continue;
      std::string_view after = rest.substr(type.size());
      if (!after.empty() && after.substr(0, 4) != "    ") continue;
      RegValue v;
      v.name = std::string(line.substr(0, at));
      v.type = std::string(type);
      v.data = after.empty() ? std::string() : std::string(after.substr(4));
      return v;
    }
    from = at + 1;
  }
}

std::optional<long> parse_long(std::string_view s) {
  s = trim_blanks(s);
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// The value of a key whose path ends with `suffix` (case-insensitive), searched over all keys.
const RegValue* find_value(const std::vector<RegKey>& keys, std::string_view name) {
  for (const auto& key : keys)
    if (const RegValue* v = key.find(name)) return v;
  return nullptr;
}

std::string string_data(const RegValue* v) {
  return v ? v->data : std::string();
}

// "host:port", "http://host:port", "https=host:port" → the https proxy as a URL.
std::optional<std::string> proxy_url(std::string_view server) {
  server = trim_blanks(server);
  if (server.empty()) return std::nullopt;
  std::string_view chosen;
  if (server.find('=') != std::string_view::npos) {
    // Per-protocol list "http=a:80;https=b:443": only https= serves https.
    std::size_t pos = 0;
    while (pos <= server.size()) {
      std::size_t end = server.find(';', pos);
      std::string_view entry = trim_blanks(
          server.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
      std::size_t eq = entry.find('=');
      if (eq != std::string_view::npos && iequals_ascii(trim_blanks(entry.substr(0, eq)), "https"))
        chosen = trim_blanks(entry.substr(eq + 1));
      if (end == std::string_view::npos) break;
      pos = end + 1;
    }
    if (chosen.empty()) return std::nullopt;
  } else {
    chosen = server;
    std::size_t semi = chosen.find(';');
    if (semi != std::string_view::npos) chosen = trim_blanks(chosen.substr(0, semi));
  }
  if (chosen.find("://") != std::string_view::npos) return std::string(chosen);
  return "http://" + std::string(chosen);
}

}  // namespace

// ---- reg.exe -------------------------------------------------------------------------------

const RegValue* RegKey::find(std::string_view name) const {
  for (const auto& v : values)
    if (iequals_ascii(v.name, name)) return &v;
  return nullptr;
}

std::vector<RegKey> parse_reg_query(std::string_view output) {
  std::vector<RegKey> keys;
  for (std::string_view line : split_lines(output)) {
    if (line.empty()) continue;
    if (istarts_with(line, "HKEY_")) {
      RegKey key;
      key.path = std::string(trim_blanks(line));
      keys.push_back(std::move(key));
      continue;
    }
    if (line.substr(0, 4) != "    " || keys.empty()) continue;  // "End of search: …", errors
    if (auto value = parse_reg_value(line.substr(4)))
      keys.back().values.push_back(std::move(*value));
  }
  return keys;
}

bool reg_number(std::string_view data, std::uint64_t& out) {
  data = trim_blanks(data);
  int base = 10;
  if (data.size() > 2 && data[0] == '0' && (data[1] == 'x' || data[1] == 'X')) {
    data.remove_prefix(2);
    base = 16;
  }
  if (data.empty()) return false;
  auto [p, ec] = std::from_chars(data.data(), data.data() + data.size(), out, base);
  return ec == std::errc() && p == data.data() + data.size();
}

// ---- os ------------------------------------------------------------------------------------

FactFragment windows_os_from_reg(std::string_view output) {
  std::vector<RegKey> keys = parse_reg_query(output);
  const RegKey* cv = nullptr;
  for (const auto& k : keys)
    if (icontains(k.path, "\\Windows NT\\CurrentVersion") &&
        !icontains(k.path, "\\CurrentVersion\\"))
      cv = &k;
  if (!cv)
    return fact_missing(
        "no HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion key in the reg.exe output");

  std::vector<std::string> problems;
  FactValue::Map os;
  os.emplace_back("family", FactValue::string("windows"));

  auto get = [&](std::string_view name) -> const RegValue* { return cv->find(name); };
  const RegValue* build_v = get("CurrentBuild");
  if (!build_v || trim_blanks(build_v->data).empty()) build_v = get("CurrentBuildNumber");
  // -1 when CurrentBuild is missing or not a number (std::optional trips -Wmaybe-uninitialized).
  const long build = build_v ? parse_long(build_v->data).value_or(-1) : -1;
  const RegValue* install_type = get("InstallationType");
  bool client = install_type && iequals_ascii(trim_blanks(install_type->data), "Client");

  // version
  std::optional<std::uint64_t> major;
  if (const RegValue* m = get("CurrentMajorVersionNumber")) {
    std::uint64_t n = 0;
    if (reg_number(m->data, n))
      major = n;
    else
      problems.push_back(fmt::format("CurrentMajorVersionNumber is not a number: {}", m->data));
  }
  std::string current_version = std::string(trim_blanks(string_data(get("CurrentVersion"))));
  if (!major && current_version == "6.3" && build >= 10240) major = 10;  // 6.3 is frozen on 10/11
  std::string version;
  if (major && *major == 10) {
    version = build >= 22000 && client ? "11" : "10";
  } else if (major) {
    problems.push_back(fmt::format("unknown CurrentMajorVersionNumber {}", *major));
  } else if (current_version == "6.1") {
    version = "7";
  } else if (current_version == "6.2") {
    version = "8";
  } else if (current_version == "6.3") {
    version = "8.1";
  } else if (!current_version.empty()) {
    problems.push_back(
        fmt::format("Windows CurrentVersion {} is not 7, 8, 8.1, 10 or 11", current_version));
  }

  // name: ProductName, which still says "Windows 10 …" on Windows 11.
  if (const RegValue* p = get("ProductName"); p && !trim_blanks(p->data).empty()) {
    std::string name = p->data;
    if (version == "11" && name.rfind("Windows 10", 0) == 0) name.replace(0, 10, "Windows 11");
    os.emplace_back("name", FactValue::string(std::move(name)));
  }
  if (!version.empty()) os.emplace_back("version", FactValue::string(version));

  // release: DisplayVersion, then ReleaseId (frozen at 2009 from 20H2 on), then the build.
  if (version == "10" || version == "11") {
    std::string release = std::string(trim_blanks(string_data(get("DisplayVersion"))));
    std::string release_id = std::string(trim_blanks(string_data(get("ReleaseId"))));
    if (release.empty() && !release_id.empty() && release_id != engine::kFrozenReleaseId)
      release = release_id;
    if (release.empty() && build >= 0)
      if (const auto* known = engine::windows_release_of_build(build);
          known && known->version == version)
        release = known->release;
    if (release.empty()) release = release_id;
    if (!release.empty()) os.emplace_back("release", FactValue::string(release));
  }

  // build: CurrentBuild[.UBR]
  if (build_v && !trim_blanks(build_v->data).empty()) {
    std::string b(trim_blanks(build_v->data));
    if (const RegValue* ubr = get("UBR")) {
      std::uint64_t n = 0;
      if (reg_number(ubr->data, n))
        b += "." + std::to_string(n);
      else
        problems.push_back(fmt::format("UBR is not a number: {}", ubr->data));
    }
    os.emplace_back("build", FactValue::string(std::move(b)));
  }

  if (const RegValue* e = get("EditionID"); e && !trim_blanks(e->data).empty())
    os.emplace_back("edition", FactValue::string(std::string(trim_blanks(e->data))));

  // service_pack: CSDVersion "Service Pack 1" → 1; absent → 0, but only when this is the whole
  // key (CurrentBuild listed), not the answer to a `/v` query for some other value.
  if (const RegValue* csd = get("CSDVersion"); csd && !trim_blanks(csd->data).empty()) {
    std::string_view d = trim_blanks(csd->data);
    std::size_t digit = d.find_first_of("0123456789");
    std::optional<long> n =
        digit == std::string_view::npos ? std::nullopt : parse_long(d.substr(digit));
    if (n && *n >= 0)
      os.emplace_back("service_pack", FactValue::integer(*n));
    else
      problems.push_back(fmt::format("CSDVersion {} has no service pack number", d));
  } else if (build_v) {
    os.emplace_back("service_pack", FactValue::integer(0));
  }

  if (os.size() == 1)
    return fact_missing(
        "the CurrentVersion key has none of ProductName, CurrentVersion, CurrentBuild");
  return fact_found(FactValue::map(std::move(os)), std::move(problems));
}

std::string windows_arch(std::string_view processor_architecture) {
  std::string a = ascii_lower(trim_blanks(processor_architecture));
  if (a == "amd64" || a == "x64") return "x64";
  if (a == "x86") return "x86";
  if (a == "arm64") return "arm64";
  if (a == "arm") return "arm";
  return std::string();
}

// ---- software ------------------------------------------------------------------------------

FactFragment windows_software_from_reg(const std::vector<std::string>& outputs,
                                       const UninstallOptions& options) {
  FactValue::List software;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  std::vector<std::string> problems;
  std::size_t uninstall_keys = 0;
  for (const std::string& output : outputs) {
    for (const RegKey& key : parse_reg_query(output)) {
      // Only the direct subkeys of …\Uninstall are programs.
      std::size_t at = ascii_lower(key.path).rfind("\\uninstall\\");
      if (at == std::string::npos) continue;
      std::string_view sub = std::string_view(key.path).substr(at + 11);
      if (sub.empty() || sub.find('\\') != std::string_view::npos) continue;
      ++uninstall_keys;
      const RegValue* name = key.find("DisplayName");
      if (!name || trim_blanks(name->data).empty()) continue;
      if (const RegValue* parent = key.find("ParentKeyName");
          parent && !trim_blanks(parent->data).empty())
        continue;
      if (const RegValue* rt = key.find("ReleaseType")) {
        std::string t = ascii_lower(trim_blanks(rt->data));
        if (t == "update" || t == "hotfix" || t == "security update") continue;
      }
      if (!options.keep_system_components) {
        std::uint64_t n = 0;
        if (const RegValue* sc = key.find("SystemComponent");
            sc && reg_number(sc->data, n) && n == 1)
          continue;
      }
      const RegValue* version = key.find("DisplayVersion");
      const RegValue* publisher = key.find("Publisher");
      auto id = std::make_tuple(name->data, version ? version->data : std::string("\x01"),
                                publisher ? publisher->data : std::string("\x01"));
      if (!seen.insert(id).second) continue;
      FactValue::Map entry;
      entry.emplace_back("name", FactValue::string(name->data));
      if (version && !version->data.empty())
        entry.emplace_back("version", FactValue::string(version->data));
      if (publisher && !publisher->data.empty())
        entry.emplace_back("publisher", FactValue::string(publisher->data));
      software.push_back(FactValue::map(std::move(entry)));
    }
  }
  if (uninstall_keys == 0 && software.empty())
    return fact_missing("no …\\Uninstall\\<program> keys in the reg.exe output");
  return fact_found(FactValue::list(std::move(software)), std::move(problems));
}

std::vector<std::string> windows_user_hives(std::string_view output) {
  std::vector<std::string> sids;
  for (const RegKey& key : parse_reg_query(output)) {
    std::string_view p = key.path;
    std::size_t slash = p.find('\\');
    if (slash == std::string_view::npos) continue;
    std::string_view sid = p.substr(slash + 1);
    if (sid.find('\\') != std::string_view::npos) continue;
    if (sid.size() > 8 && sid.substr(sid.size() - 8) == "_Classes") continue;
    if (sid.rfind("S-1-5-21-", 0) == 0 || sid.rfind("S-1-12-1-", 0) == 0) sids.emplace_back(sid);
  }
  return sids;
}

// ---- browsers -----------------------------------------------------------------------------

FactFragment windows_browsers_from_reg(const WindowsBrowserOutputs& outputs) {
  FactValue::List browsers;
  std::vector<std::string> problems;
  auto add = [&](std::string id, std::string version) {
    FactValue::Map b;
    b.emplace_back("id", FactValue::string(std::move(id)));
    if (!version.empty()) b.emplace_back("version", FactValue::string(std::move(version)));
    browsers.push_back(FactValue::map(std::move(b)));
  };
  auto first_pv = [](const std::vector<std::string>& list) -> std::optional<std::string> {
    for (const auto& out : list) {
      const auto keys = parse_reg_query(out);  // find_value points into it: keep it alive
      const RegValue* pv = find_value(keys, "pv");
      if (pv && !trim_blanks(pv->data).empty() && trim_blanks(pv->data) != "0.0.0.0")
        return std::string(trim_blanks(pv->data));
    }
    return std::nullopt;
  };

  if (!trim_blanks(outputs.internet_explorer).empty()) {
    auto keys = parse_reg_query(outputs.internet_explorer);
    const RegValue* svc = find_value(keys, "svcVersion");
    const RegValue* ver = find_value(keys, "Version");
    if (svc && !trim_blanks(svc->data).empty()) {
      add("ie", std::string(trim_blanks(svc->data)));
    } else if (ver && !trim_blanks(ver->data).empty()) {
      std::string_view v = trim_blanks(ver->data);
      // From IE 10 on, Version reads "9.10.…"/"9.11.…": only svcVersion tells the truth.
      if (v.rfind("9.1", 0) == 0 && v.size() > 3 &&
          std::isdigit(static_cast<unsigned char>(v[3]))) {
        problems.push_back(
            fmt::format("Internet Explorer Version {} without svcVersion: version unknown", v));
        add("ie", "");  // present, version not readable
      } else {
        add("ie", std::string(v));
      }
    }
  }
  if (auto v = first_pv(outputs.edge)) add("edge", *v);
  if (auto v = first_pv(outputs.chrome)) add("chrome", *v);
  for (const auto& output : outputs.firefox) {  // 64-bit first, then a 32-bit Firefox
    const auto keys = parse_reg_query(output);
    const RegValue* cv = find_value(keys, "CurrentVersion");
    if (cv && !trim_blanks(cv->data).empty()) {
      std::string_view v = trim_blanks(cv->data);
      add("firefox", std::string(v.substr(0, v.find(' '))));  // "85.0 (x64 ja)" → "85.0"
      break;
    }
  }
  return fact_found(FactValue::list(std::move(browsers)), std::move(problems));
}

// ---- proxy --------------------------------------------------------------------------------

FactFragment windows_proxy_from_reg(std::string_view output) {
  auto keys = parse_reg_query(output);
  const RegKey* settings = nullptr;
  for (const auto& k : keys)
    if (iequals_ascii(std::string_view(k.path).substr(k.path.rfind('\\') + 1), "Internet Settings"))
      settings = &k;
  if (!settings) return fact_missing("no Internet Settings key in the reg.exe output");
  std::vector<std::string> problems;
  std::uint64_t enable = 0;
  const RegValue* enable_v = settings->find("ProxyEnable");
  if (enable_v && !reg_number(enable_v->data, enable))
    problems.push_back("ProxyEnable is not a number");
  if (enable == 1) {
    if (const RegValue* server = settings->find("ProxyServer")) {
      if (auto url = proxy_url(server->data))
        return fact_found(FactValue::string(*url), std::move(problems));
    }
  }
  if (const RegValue* pac = settings->find("AutoConfigURL"); pac && !trim_blanks(pac->data).empty())
    return fact_found(FactValue::string("pac+" + std::string(trim_blanks(pac->data))),
                      std::move(problems));
  return fact_found(FactValue(), std::move(problems));  // collected: no proxy for https
}

}  // namespace tekigo::collectors
