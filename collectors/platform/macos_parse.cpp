// collectors/platform: macOS command output → fact fragments (see macos_parse.hpp).
#include "collectors/platform/macos_parse.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "engine/common/text.hpp"

namespace tekigo::collectors {

using engine::FactValue;
using engine::trim;

namespace {

// "Key: value" / "Key : value" lines → map (first ':' splits; both sides trimmed).
std::map<std::string, std::string> colon_fields(std::string_view text) {
  std::map<std::string, std::string> fields;
  for (std::string_view line : split_lines(text)) {
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, colon)));
    if (key.empty() || fields.count(key)) continue;
    fields.emplace(std::move(key), std::string(trim(line.substr(colon + 1))));
  }
  return fields;
}

std::optional<std::uint64_t> parse_u64(std::string_view s) {
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

const std::string* string_member(const FactValue& object, std::string_view key) {
  const FactValue* v = object.find(key);
  return v && v->is_string() ? &v->as_string() : nullptr;
}

// "Developer ID Application: Google LLC (EQHXZ8M8AV)" → "Google LLC".
std::optional<std::string> developer_of(const FactValue& app) {
  const FactValue* signed_by = app.find("signed_by");
  if (!signed_by || !signed_by->is_list() || signed_by->as_list().empty()) return std::nullopt;
  const FactValue& first = signed_by->as_list().front();
  if (!first.is_string()) return std::nullopt;
  std::string_view s = first.as_string();
  constexpr std::string_view prefix = "Developer ID Application: ";
  if (s.substr(0, prefix.size()) != prefix) return std::nullopt;
  s.remove_prefix(prefix.size());
  if (!s.empty() && s.back() == ')') {
    std::size_t open = s.rfind(" (");
    if (open != std::string_view::npos) s = s.substr(0, open);
  }
  s = trim(s);
  if (s.empty()) return std::nullopt;
  return std::string(s);
}

std::optional<std::string> browser_id(std::string_view app_name) {
  static const std::map<std::string_view, std::string_view> ids{{"Safari", "safari"},
                                                                {"Google Chrome", "chrome"},
                                                                {"Firefox", "firefox"},
                                                                {"Microsoft Edge", "edge"},
                                                                {"Chromium", "chromium"}};
  auto it = ids.find(app_name);
  if (it == ids.end()) return std::nullopt;
  return std::string(it->second);
}

std::vector<std::string_view> tokens(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    std::size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

}  // namespace

FactFragment macos_os_from_sw_vers(std::string_view output) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(output, &problems);
  auto fields = colon_fields(text);
  auto get = [&](const char* k) -> std::string {
    auto it = fields.find(k);
    return it == fields.end() ? std::string() : it->second;
  };
  std::string name = get("ProductName"), version = get("ProductVersion"),
              build = get("BuildVersion");
  if (name.empty() && version.empty() && build.empty())
    return fact_missing("no ProductName, ProductVersion or BuildVersion in the sw_vers output");
  FactValue::Map os;
  os.emplace_back("family", FactValue::string("macos"));
  if (!name.empty()) os.emplace_back("name", FactValue::string(name));
  if (!version.empty()) os.emplace_back("version", FactValue::string(version));
  if (!build.empty()) os.emplace_back("build", FactValue::string(build));
  if (std::string extra = get("ProductVersionExtra"); !extra.empty())
    os.emplace_back("version_extra", FactValue::string(extra));
  if (version == "10.16")
    problems.push_back(
        "sw_vers reports 10.16 (SYSTEM_VERSION_COMPAT=1?): run it with a clean environment");
  return fact_found(FactValue::map(std::move(os)), std::move(problems));
}

std::string macos_arch(std::string_view uname_m) {
  std::string_view a = trim(uname_m);
  if (a == "x86_64") return "x64";
  if (a == "arm64" || a == "aarch64") return "arm64";
  if (a == "i386" || a == "i686") return "x86";
  return std::string();
}

MacApplications macos_applications_from_system_profiler(std::string_view json) {
  MacApplications result;
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  const FactValue* apps = root.is_map() ? root.find("SPApplicationsDataType") : nullptr;
  if (!apps || !apps->is_list()) {
    std::string why = problems.empty()
                          ? "no SPApplicationsDataType list in the system_profiler output"
                          : problems.front();
    result.software = fact_missing(why);
    result.browsers = fact_missing(why);
    return result;
  }
  FactValue::List software, browsers;
  std::set<std::pair<std::string, std::string>> seen_software, seen_browsers;
  for (const FactValue& app : apps->as_list()) {
    if (!app.is_map()) continue;
    const std::string* name = string_member(app, "_name");
    if (!name || name->empty()) {
      problems.push_back("an application without _name was skipped");
      continue;
    }
    const std::string* version = string_member(app, "version");
    std::string v = version ? *version : std::string();
    if (seen_software.insert({*name, version ? v : std::string("\x01")}).second) {
      FactValue::Map entry;
      entry.emplace_back("name", FactValue::string(*name));
      if (!v.empty()) entry.emplace_back("version", FactValue::string(v));
      if (auto publisher = developer_of(app))
        entry.emplace_back("publisher", FactValue::string(*publisher));
      software.push_back(FactValue::map(std::move(entry)));
    }
    if (auto id = browser_id(*name); id && seen_browsers.insert({*id, v}).second) {
      FactValue::Map b;
      b.emplace_back("id", FactValue::string(*id));
      if (!v.empty()) b.emplace_back("version", FactValue::string(v));
      browsers.push_back(FactValue::map(std::move(b)));
    }
  }
  result.software = fact_found(FactValue::list(std::move(software)), problems);
  result.browsers = fact_found(FactValue::list(std::move(browsers)), std::move(problems));
  return result;
}

FactFragment macos_disk_from_df(std::string_view output) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(output, &problems);
  auto lines = split_lines(text);
  std::uint64_t block = 0;
  bool inode_columns = false;
  std::size_t header = lines.size();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto t = tokens(lines[i]);
    if (t.size() < 2 || t[0] != "Filesystem") continue;
    std::string_view unit = t[1];
    if (unit == "1024-blocks" || unit == "1K-blocks" || unit == "1k-blocks")
      block = 1024;
    else if (unit == "512-blocks")
      block = 512;
    else
      return fact_missing(
          fmt::format("df block size \"{}\" is not 512 or 1024 bytes (run df -k)", unit));
    for (auto tok : t) inode_columns = inode_columns || tok == "iused";
    header = i;
    break;
  }
  if (header == lines.size()) return fact_missing("no df header line (Filesystem …)");
  std::string pending;  // GNU df puts a long filesystem name on its own line
  for (std::size_t i = header + 1; i < lines.size(); ++i) {
    std::string line =
        pending.empty() ? std::string(lines[i]) : pending + " " + std::string(lines[i]);
    auto t = tokens(line);
    if (t.size() == 1) {
      pending = line;
      continue;
    }
    pending.clear();
    // Filesystem (may contain spaces) … blocks used available capacity% [iused ifree %iused] mount
    for (std::size_t k = 1; k + 3 < t.size(); ++k) {
      auto blocks = parse_u64(t[k]), used = parse_u64(t[k + 1]), avail = parse_u64(t[k + 2]);
      if (!blocks || !used || !avail || t[k + 3].empty() || t[k + 3].back() != '%') continue;
      std::size_t mount_at = k + (inode_columns ? 7 : 4);
      if (mount_at >= t.size()) break;
      std::string mount(t[mount_at]);
      for (std::size_t m = mount_at + 1; m < t.size(); ++m) mount += " " + std::string(t[m]);
      if (mount == "/") {
        FactValue::Map disk;
        disk.emplace_back("system_free_bytes",
                          FactValue::integer(static_cast<std::int64_t>(*avail * block)));
        return fact_found(FactValue::map(std::move(disk)), std::move(problems));
      }
      break;
    }
  }
  return fact_missing("no df row mounted on /");
}

FactFragment macos_proxy_from_scutil(std::string_view output) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(output, &problems);
  if (text.find("<dictionary>") == std::string::npos)
    return fact_missing("no <dictionary> in the scutil --proxy output");
  // Top-level "Key : value" lines only; nested <array>/<dictionary> blocks are skipped.
  std::map<std::string, std::string> fields;
  int depth = 0;
  for (std::string_view line : split_lines(text)) {
    std::string_view t = trim(line);
    if (t == "}") {
      --depth;
      continue;
    }
    bool opens = !t.empty() && t.back() == '{';
    if (depth == 1) {
      std::size_t colon = t.find(':');
      if (colon != std::string_view::npos && !opens)
        fields.emplace(std::string(trim(t.substr(0, colon))),
                       std::string(trim(t.substr(colon + 1))));
    }
    if (opens) ++depth;
  }
  auto get = [&](const char* k) -> std::string {
    auto it = fields.find(k);
    return it == fields.end() ? std::string() : it->second;
  };
  if (get("HTTPSEnable") == "1" && !get("HTTPSProxy").empty()) {
    std::string url = "http://" + get("HTTPSProxy");
    if (!get("HTTPSPort").empty()) url += ":" + get("HTTPSPort");
    return fact_found(FactValue::string(url), std::move(problems));
  }
  if (get("ProxyAutoConfigEnable") == "1" && !get("ProxyAutoConfigURLString").empty())
    return fact_found(FactValue::string("pac+" + get("ProxyAutoConfigURLString")),
                      std::move(problems));
  return fact_found(FactValue(), std::move(problems));
}

FactFragment macos_adapters_from_networksetup(std::string_view output) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(output, &problems);
  FactValue::List adapters;
  std::string port;
  bool any_port = false;
  for (std::string_view line : split_lines(text)) {
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view key = trim(line.substr(0, colon)), value = trim(line.substr(colon + 1));
    if (key == "Hardware Port") {
      port = std::string(value);
      any_port = true;
    } else if (key == "Device" && any_port) {
      if (value.empty()) {
        problems.push_back(fmt::format("hardware port {} has no device", port));
        continue;
      }
      FactValue::Map a;
      a.emplace_back("name", FactValue::string(std::string(value)));
      if (!port.empty()) a.emplace_back("description", FactValue::string(port));
      adapters.push_back(FactValue::map(std::move(a)));
    }
  }
  if (!any_port) return fact_missing("no \"Hardware Port:\" lines in the networksetup output");
  return fact_found(FactValue::list(std::move(adapters)), std::move(problems));
}

FactFragment macos_services_from_launchctl(std::string_view output) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(output, &problems);
  FactValue::List services;
  bool header = false;
  std::set<std::string> seen;
  for (std::string_view line : split_lines(text)) {
    auto t = tokens(line);
    if (t.size() >= 3 && t[0] == "PID" && t[1] == "Status" && t[2] == "Label") {
      header = true;
      continue;
    }
    if (!header || t.size() < 3) continue;
    std::string_view pid = t[0];
    bool running = parse_u64(pid).has_value();
    if (!running && pid != "-") {
      problems.push_back(fmt::format("launchctl line not understood: {}", line));
      continue;
    }
    // The label is the third column (tab-separated; a label has no blanks).
    std::string label(t[2]);
    if (!seen.insert(label).second) continue;
    FactValue::Map s;
    s.emplace_back("name", FactValue::string(label));
    s.emplace_back("state", FactValue::string(running ? "running" : "stopped"));
    services.push_back(FactValue::map(std::move(s)));
  }
  if (!header) return fact_missing("no \"PID Status Label\" header in the launchctl list output");
  return fact_found(FactValue::list(std::move(services)), std::move(problems));
}

}  // namespace tekigo::collectors
