// collectors: Windows command output → fact fragments (see windows_parse.hpp).
#include "collectors/platform/windows_parse.hpp"

#include "engine/utf8.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

namespace tekigo::collectors {

using engine::append_utf8;
using engine::FactValue;

namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool icontains(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
    if (iequals(s.substr(i, needle.size()), needle)) return true;
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool looks_utf16le(std::string_view bytes) {
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE)
    return true;
  if (bytes.size() < 4 || bytes.size() % 2 != 0) return false;
  // ASCII-heavy UTF-16LE has a NUL in most odd positions and none in the even ones.
  std::size_t pairs = std::min<std::size_t>(bytes.size() / 2, 256), odd_nul = 0, even_nul = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    if (bytes[2 * i + 1] == '\0') ++odd_nul;
    if (bytes[2 * i] == '\0') ++even_nul;
  }
  return odd_nul * 4 >= pairs * 3 && even_nul * 8 < pairs;
}

std::string utf16le_to_utf8(std::string_view bytes, std::vector<std::string>* problems) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE)
    i = 2;
  bool bad = false;
  auto unit = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8);
  };
  for (; i + 1 < bytes.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      std::uint32_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      bad = true;
      u = 0xFFFD;
    }
    append_utf8(out, u);
  }
  if (bytes.size() % 2 != 0) bad = true;
  if (bad && problems)
    problems->push_back("output is not valid UTF-16LE; broken characters were replaced");
  return out;
}

// Valid UTF-8 is returned as is; invalid sequences become U+FFFD.
std::string sanitize_utf8(std::string_view s, bool& bad) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len != 0 && i + len <= s.size();
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d >> 6) != 0x2) ok = false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (ok) {
      static constexpr std::array<std::uint32_t, 5> min_cp{0, 0, 0x80, 0x800, 0x10000};
      if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      bad = true;
      append_utf8(out, 0xFFFD);
      ++i;
    }
  }
  return out;
}

FactValue from_json(simdjson::dom::element e, int depth) {
  if (depth > 64) return FactValue();
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::ARRAY: {
      FactValue::List items;
      for (simdjson::dom::element child : simdjson::dom::array(e))
        items.push_back(from_json(child, depth + 1));
      return FactValue::list(std::move(items));
    }
    case T::OBJECT: {
      FactValue::Map entries;
      for (auto field : simdjson::dom::object(e)) {
        std::string key(field.key);
        auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const auto& p) { return p.first == key; });
        if (it != entries.end())
          it->second =
              from_json(field.value, depth + 1);  // ConvertTo-Json never repeats keys; last wins
        else
          entries.emplace_back(std::move(key), from_json(field.value, depth + 1));
      }
      return FactValue::map(std::move(entries));
    }
    case T::INT64:
      return FactValue::integer(std::int64_t(e));
    case T::UINT64: {
      std::uint64_t u = std::uint64_t(e);
      if (u <= static_cast<std::uint64_t>(INT64_MAX))
        return FactValue::integer(static_cast<std::int64_t>(u));
      return FactValue::number(static_cast<double>(u));
    }
    case T::DOUBLE:
      return FactValue::number(double(e));
    case T::STRING:
      return FactValue::string(std::string(std::string_view(e)));
    case T::BOOL:
      return FactValue::boolean(bool(e));
    case T::NULL_VALUE:
      return FactValue();
  }
  return FactValue();
}

// A JSON result that may be one object or a list of objects (ConvertTo-Json of one item).
std::vector<const FactValue*> objects_of(const FactValue& v) {
  std::vector<const FactValue*> out;
  if (v.is_map()) out.push_back(&v);
  if (v.is_list())
    for (const auto& item : v.as_list())
      if (item.is_map()) out.push_back(&item);
  return out;
}

const std::string* string_member(const FactValue& object, std::string_view key) {
  for (const auto& [k, v] : object.as_map())
    if (iequals(k, key) && v.is_string()) return &v.as_string();
  return nullptr;
}

const FactValue* member(const FactValue& object, std::string_view key) {
  for (const auto& [k, v] : object.as_map())
    if (iequals(k, key)) return &v;
  return nullptr;
}

ParseResult failed(std::string problem) {
  ParseResult r;
  r.problems.push_back(std::move(problem));
  return r;
}

ParseResult found(FactValue value, std::vector<std::string> problems = {}) {
  ParseResult r;
  r.value = std::move(value);
  r.found = true;
  r.problems = std::move(problems);
  return r;
}

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
  s = trim(s);
  long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

const std::map<long, std::string>& windows10_releases() {
  static const std::map<long, std::string> m{
      {10240, "1507"}, {10586, "1511"}, {14393, "1607"}, {15063, "1703"}, {16299, "1709"},
      {17134, "1803"}, {17763, "1809"}, {18362, "1903"}, {18363, "1909"}, {19041, "2004"},
      {19042, "20H2"}, {19043, "21H1"}, {19044, "21H2"}, {19045, "22H2"}};
  return m;
}

const std::map<long, std::string>& windows11_releases() {
  static const std::map<long, std::string> m{
      {22000, "21H2"}, {22621, "22H2"}, {22631, "23H2"}, {26100, "24H2"}, {26200, "25H2"}};
  return m;
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
  server = trim(server);
  if (server.empty()) return std::nullopt;
  std::string_view chosen;
  if (server.find('=') != std::string_view::npos) {
    // Per-protocol list "http=a:80;https=b:443": only https= serves https.
    std::size_t pos = 0;
    while (pos <= server.size()) {
      std::size_t end = server.find(';', pos);
      std::string_view entry = trim(
          server.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
      std::size_t eq = entry.find('=');
      if (eq != std::string_view::npos && iequals(trim(entry.substr(0, eq)), "https"))
        chosen = trim(entry.substr(eq + 1));
      if (end == std::string_view::npos) break;
      pos = end + 1;
    }
    if (chosen.empty()) return std::nullopt;
  } else {
    chosen = server;
    std::size_t semi = chosen.find(';');
    if (semi != std::string_view::npos) chosen = trim(chosen.substr(0, semi));
  }
  if (chosen.find("://") != std::string_view::npos) return std::string(chosen);
  return "http://" + std::string(chosen);
}

}  // namespace

// ---- shared helpers -----------------------------------------------------------------------

std::string decode_command_output(std::string_view bytes, std::vector<std::string>* problems) {
  std::string text;
  if (looks_utf16le(bytes)) {
    text = utf16le_to_utf8(bytes, problems);
  } else {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    text = std::string(bytes);
  }
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  bool bad = false;
  std::string clean = sanitize_utf8(text, bad);
  if (bad && problems)
    problems->push_back(
        "output is not UTF-8 (an OEM code page?); unreadable bytes were replaced by U+FFFD");
  return clean;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

FactValue parse_command_json(std::string_view text, std::vector<std::string>& problems) {
  std::string_view t = trim(text);
  while (!t.empty() && (t.back() == '\n' || t.back() == '\r')) t = trim(t.substr(0, t.size() - 1));
  if (t.empty()) {
    problems.push_back("no JSON output");
    return FactValue();
  }
  simdjson::dom::parser parser;
  simdjson::padded_string padded(t);
  simdjson::dom::element root;
  auto error = parser.parse(padded).get(root);
  if (error) {
    problems.push_back(fmt::format("output is not JSON: {}", simdjson::error_message(error)));
    return FactValue();
  }
  return from_json(root, 0);
}

// ---- reg.exe -------------------------------------------------------------------------------

const RegValue* RegKey::find(std::string_view name) const {
  for (const auto& v : values)
    if (iequals(v.name, name)) return &v;
  return nullptr;
}

std::vector<RegKey> parse_reg_query(std::string_view output) {
  std::vector<RegKey> keys;
  for (std::string_view line : split_lines(output)) {
    if (line.empty()) continue;
    if (istarts_with(line, "HKEY_")) {
      RegKey key;
      key.path = std::string(trim(line));
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
  data = trim(data);
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

ParseResult windows_os_from_reg(std::string_view output) {
  std::vector<RegKey> keys = parse_reg_query(output);
  const RegKey* cv = nullptr;
  for (const auto& k : keys)
    if (icontains(k.path, "\\Windows NT\\CurrentVersion") &&
        !icontains(k.path, "\\CurrentVersion\\"))
      cv = &k;
  if (!cv)
    return failed(
        "no HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion key in the reg.exe output");

  std::vector<std::string> problems;
  FactValue::Map os;
  os.emplace_back("family", FactValue::string("windows"));

  auto get = [&](std::string_view name) -> const RegValue* { return cv->find(name); };
  const RegValue* build_v = get("CurrentBuild");
  if (!build_v || trim(build_v->data).empty()) build_v = get("CurrentBuildNumber");
  // -1 when CurrentBuild is missing or not a number (std::optional trips -Wmaybe-uninitialized).
  const long build = build_v ? parse_long(build_v->data).value_or(-1) : -1;
  const RegValue* install_type = get("InstallationType");
  bool client = install_type && iequals(trim(install_type->data), "Client");

  // version
  std::optional<std::uint64_t> major;
  if (const RegValue* m = get("CurrentMajorVersionNumber")) {
    std::uint64_t n = 0;
    if (reg_number(m->data, n))
      major = n;
    else
      problems.push_back(fmt::format("CurrentMajorVersionNumber is not a number: {}", m->data));
  }
  std::string current_version = std::string(trim(string_data(get("CurrentVersion"))));
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
  if (const RegValue* p = get("ProductName"); p && !trim(p->data).empty()) {
    std::string name = p->data;
    if (version == "11" && name.rfind("Windows 10", 0) == 0) name.replace(0, 10, "Windows 11");
    os.emplace_back("name", FactValue::string(std::move(name)));
  }
  if (!version.empty()) os.emplace_back("version", FactValue::string(version));

  // release: DisplayVersion, then ReleaseId (frozen at 2009 from 20H2 on), then the build.
  if (version == "10" || version == "11") {
    std::string release = std::string(trim(string_data(get("DisplayVersion"))));
    std::string release_id = std::string(trim(string_data(get("ReleaseId"))));
    if (release.empty() && !release_id.empty() && release_id != "2009") release = release_id;
    if (release.empty() && build >= 0) {
      const auto& table = version == "11" ? windows11_releases() : windows10_releases();
      if (auto it = table.find(build); it != table.end()) release = it->second;
    }
    if (release.empty()) release = release_id;
    if (!release.empty()) os.emplace_back("release", FactValue::string(release));
  }

  // build: CurrentBuild[.UBR]
  if (build_v && !trim(build_v->data).empty()) {
    std::string b(trim(build_v->data));
    if (const RegValue* ubr = get("UBR")) {
      std::uint64_t n = 0;
      if (reg_number(ubr->data, n))
        b += "." + std::to_string(n);
      else
        problems.push_back(fmt::format("UBR is not a number: {}", ubr->data));
    }
    os.emplace_back("build", FactValue::string(std::move(b)));
  }

  if (const RegValue* e = get("EditionID"); e && !trim(e->data).empty())
    os.emplace_back("edition", FactValue::string(std::string(trim(e->data))));

  // service_pack: CSDVersion "Service Pack 1" → 1; absent → 0, but only when this is the whole
  // key (CurrentBuild listed), not the answer to a `/v` query for some other value.
  if (const RegValue* csd = get("CSDVersion"); csd && !trim(csd->data).empty()) {
    std::string_view d = trim(csd->data);
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
    return failed("the CurrentVersion key has none of ProductName, CurrentVersion, CurrentBuild");
  return found(FactValue::map(std::move(os)), std::move(problems));
}

std::string windows_arch(std::string_view processor_architecture) {
  std::string a = lower(trim(processor_architecture));
  if (a == "amd64" || a == "x64") return "x64";
  if (a == "x86") return "x86";
  if (a == "arm64") return "arm64";
  if (a == "arm") return "arm";
  return std::string();
}

// ---- software ------------------------------------------------------------------------------

ParseResult windows_software_from_reg(const std::vector<std::string>& outputs,
                                      const UninstallOptions& options) {
  FactValue::List software;
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  std::vector<std::string> problems;
  std::size_t uninstall_keys = 0;
  for (const std::string& output : outputs) {
    for (const RegKey& key : parse_reg_query(output)) {
      // Only the direct subkeys of …\Uninstall are programs.
      std::size_t at = lower(key.path).rfind("\\uninstall\\");
      if (at == std::string::npos) continue;
      std::string_view sub = std::string_view(key.path).substr(at + 11);
      if (sub.empty() || sub.find('\\') != std::string_view::npos) continue;
      ++uninstall_keys;
      const RegValue* name = key.find("DisplayName");
      if (!name || trim(name->data).empty()) continue;
      if (const RegValue* parent = key.find("ParentKeyName"); parent && !trim(parent->data).empty())
        continue;
      if (const RegValue* rt = key.find("ReleaseType")) {
        std::string t = lower(trim(rt->data));
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
    return failed("no …\\Uninstall\\<program> keys in the reg.exe output");
  return found(FactValue::list(std::move(software)), std::move(problems));
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

ParseResult windows_browsers_from_reg(const WindowsBrowserOutputs& outputs) {
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
      if (pv && !trim(pv->data).empty() && trim(pv->data) != "0.0.0.0")
        return std::string(trim(pv->data));
    }
    return std::nullopt;
  };

  if (!trim(outputs.internet_explorer).empty()) {
    auto keys = parse_reg_query(outputs.internet_explorer);
    const RegValue* svc = find_value(keys, "svcVersion");
    const RegValue* ver = find_value(keys, "Version");
    if (svc && !trim(svc->data).empty()) {
      add("ie", std::string(trim(svc->data)));
    } else if (ver && !trim(ver->data).empty()) {
      std::string_view v = trim(ver->data);
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
  if (!trim(outputs.firefox).empty()) {
    const auto keys = parse_reg_query(outputs.firefox);
    const RegValue* cv = find_value(keys, "CurrentVersion");
    if (cv && !trim(cv->data).empty()) {
      std::string_view v = trim(cv->data);
      add("firefox", std::string(v.substr(0, v.find(' '))));  // "85.0 (x64 ja)" → "85.0"
    }
  }
  return found(FactValue::list(std::move(browsers)), std::move(problems));
}

// ---- proxy --------------------------------------------------------------------------------

ParseResult windows_proxy_from_reg(std::string_view output) {
  auto keys = parse_reg_query(output);
  const RegKey* settings = nullptr;
  for (const auto& k : keys)
    if (iequals(std::string_view(k.path).substr(k.path.rfind('\\') + 1), "Internet Settings"))
      settings = &k;
  if (!settings) return failed("no Internet Settings key in the reg.exe output");
  std::vector<std::string> problems;
  std::uint64_t enable = 0;
  const RegValue* enable_v = settings->find("ProxyEnable");
  if (enable_v && !reg_number(enable_v->data, enable))
    problems.push_back("ProxyEnable is not a number");
  if (enable == 1) {
    if (const RegValue* server = settings->find("ProxyServer")) {
      if (auto url = proxy_url(server->data))
        return found(FactValue::string(*url), std::move(problems));
    }
  }
  if (const RegValue* pac = settings->find("AutoConfigURL"); pac && !trim(pac->data).empty())
    return found(FactValue::string("pac+" + std::string(trim(pac->data))), std::move(problems));
  return found(FactValue(), std::move(problems));  // collected: no proxy for https
}

// ---- PowerShell JSON ----------------------------------------------------------------------

ParseResult windows_adapters_from_json(std::string_view json) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  if (!root.is_map() && !root.is_list())
    return failed(problems.empty() ? "not a JSON object or array" : problems.front());
  FactValue::List adapters;
  for (const FactValue* o : objects_of(root)) {
    const std::string* name = string_member(*o, "Name");
    if (!name || name->empty()) {
      problems.push_back("an adapter without Name was skipped");
      continue;
    }
    FactValue::Map a;
    a.emplace_back("name", FactValue::string(*name));
    if (const std::string* d = string_member(*o, "InterfaceDescription"); d && !d->empty())
      a.emplace_back("description", FactValue::string(*d));
    adapters.push_back(FactValue::map(std::move(a)));
  }
  return found(FactValue::list(std::move(adapters)), std::move(problems));
}

namespace {

std::optional<std::string> service_state(const FactValue& v) {
  // ServiceControllerStatus: Stopped 1, StartPending 2, StopPending 3, Running 4,
  // ContinuePending 5, PausePending 6, Paused 7.
  std::string s;
  if (v.kind() == FactValue::Kind::integer) {
    static const std::array<const char*, 8> names{
        "",        "Stopped",         "StartPending", "StopPending",
        "Running", "ContinuePending", "PausePending", "Paused"};
    if (v.as_int() >= 1 && v.as_int() <= 7) s = names[static_cast<std::size_t>(v.as_int())];
  } else if (v.is_string()) {
    s = v.as_string();
  }
  std::string l = lower(s);
  if (l == "stopped" || l == "stoppending") return "stopped";
  if (l == "running" || l == "startpending" || l == "continuepending" || l == "pausepending" ||
      l == "paused")
    return "running";
  return std::nullopt;
}

std::optional<std::string> service_start(const FactValue& v) {
  // ServiceStartMode: Boot 0, System 1, Automatic 2, Manual 3, Disabled 4;
  // PowerShell 7 adds AutomaticDelayedStart (10).
  std::string s;
  if (v.kind() == FactValue::Kind::integer) {
    switch (v.as_int()) {
      case 0:
        s = "Boot";
        break;
      case 1:
        s = "System";
        break;
      case 2:
        s = "Automatic";
        break;
      case 3:
        s = "Manual";
        break;
      case 4:
        s = "Disabled";
        break;
      case 10:
        s = "AutomaticDelayedStart";
        break;
      default:
        break;
    }
  } else if (v.is_string()) {
    s = v.as_string();
  }
  std::string l = lower(s);
  if (l == "automatic" || l == "auto" || l == "automaticdelayedstart" || l == "boot" ||
      l == "system")
    return "auto";
  if (l == "manual") return "manual";
  if (l == "disabled") return "disabled";
  return std::nullopt;
}

}  // namespace

ParseResult windows_services_from_json(std::string_view json) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  if (!root.is_map() && !root.is_list())
    return failed(problems.empty() ? "not a JSON object or array" : problems.front());
  FactValue::List services;
  for (const FactValue* o : objects_of(root)) {
    const std::string* name = string_member(*o, "Name");
    if (!name || name->empty()) {
      problems.push_back("a service without Name was skipped");
      continue;
    }
    const FactValue* status = member(*o, "Status");
    std::optional<std::string> state = status ? service_state(*status) : std::nullopt;
    if (!state) {
      problems.push_back(fmt::format("service {}: unknown Status {}", *name,
                                     status ? status->render() : "(none)"));
      continue;  // state is required by the contract
    }
    FactValue::Map s;
    s.emplace_back("name", FactValue::string(*name));
    if (const std::string* d = string_member(*o, "DisplayName"); d && !d->empty())
      s.emplace_back("display_name", FactValue::string(*d));
    s.emplace_back("state", FactValue::string(*state));
    if (const FactValue* st = member(*o, "StartType")) {
      if (auto start = service_start(*st))
        s.emplace_back("start", FactValue::string(*start));
      else if (!st->is_null())
        problems.push_back(fmt::format("service {}: unknown StartType {}", *name, st->render()));
    }
    services.push_back(FactValue::map(std::move(s)));
  }
  return found(FactValue::list(std::move(services)), std::move(problems));
}

ParseResult windows_features_from_json(std::string_view json) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  if (!root.is_map())
    return failed(problems.empty() ? "features probe output is not a JSON object"
                                   : problems.front());
  FactValue::Map features;
  if (const FactValue* ics = member(root, "ics"); ics && !ics->is_null()) {
    bool any = false, known = false;
    for (const FactValue* c : objects_of(*ics)) {
      const FactValue* enabled = member(*c, "SharingEnabled");
      if (enabled && enabled->kind() == FactValue::Kind::boolean) {
        known = true;
        any = any || enabled->as_bool();
      }
    }
    if (ics->is_list() && ics->as_list().empty()) known = true;  // no connections: nothing shared
    if (known)
      features.emplace_back("internet_connection_sharing", FactValue::boolean(any));
    else
      problems.push_back("ICS: no SharingEnabled value");
  }
  if (const FactValue* hotspot = member(root, "hotspot"); hotspot && !hotspot->is_null()) {
    // TetheringOperationalState: Unknown 0, On 1, Off 2, InTransition 3.
    std::string s = hotspot->is_string() ? lower(hotspot->as_string()) : "";
    if (hotspot->kind() == FactValue::Kind::integer)
      s = hotspot->as_int() == 1 ? "on" : hotspot->as_int() == 2 ? "off" : "";
    if (s == "on")
      features.emplace_back("mobile_hotspot", FactValue::boolean(true));
    else if (s == "off")
      features.emplace_back("mobile_hotspot", FactValue::boolean(false));
    else
      problems.push_back(
          fmt::format("mobile hotspot state {} is not On or Off", hotspot->render()));
  }
  if (features.empty())
    return failed(problems.empty() ? "features probe reported nothing" : problems.front());
  return found(FactValue::map(std::move(features)), std::move(problems));
}

ParseResult windows_disk_from_json(std::string_view json) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  for (const FactValue* o : objects_of(root)) {
    for (std::string_view key : {"FreeSpace", "Free", "SizeRemaining"}) {
      const FactValue* v = member(*o, key);
      if (v && v->kind() == FactValue::Kind::integer && v->as_int() >= 0) {
        FactValue::Map disk;
        disk.emplace_back("system_free_bytes", FactValue::integer(v->as_int()));
        return found(FactValue::map(std::move(disk)), std::move(problems));
      }
    }
  }
  return failed(problems.empty() ? "no FreeSpace/Free integer in the disk probe output"
                                 : problems.front());
}

// ---- netsh winsock ------------------------------------------------------------------------

ParseResult windows_lsp_from_netsh(std::string_view output) {
  struct Entry {
    std::map<std::string, std::string> fields;
  };
  std::vector<Entry> entries;
  bool in_protocol_entry = false;
  bool saw_header = false;
  for (std::string_view line : split_lines(output)) {
    std::string_view t = trim(line);
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
    entries.back().fields[lower(trim(t.substr(0, colon)))] = std::string(trim(t.substr(colon + 1)));
  }
  if (!saw_header)
    return failed("no \"Winsock Catalog Provider Entry\" in the netsh output (localised Windows?)");

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
    std::string dll = lower(path.substr(
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
  return found(FactValue::list(std::move(lsps)), std::move(problems));
}

}  // namespace tekigo::collectors
