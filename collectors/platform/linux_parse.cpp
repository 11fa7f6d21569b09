// collectors/platform: the Linux readers (see linux_parse.hpp).
#include "collectors/platform/linux_parse.hpp"

#include <cctype>
#include <map>
#include <sstream>

#include "engine/common/text.hpp"

namespace tekigo::collectors {

using engine::FactValue;
using engine::trim;

namespace {

std::vector<std::string_view> split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = line.find(sep, pos);
    out.push_back(
        line.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return out;
}

}  // namespace

std::vector<std::string_view> split_lf_lines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.push_back(line);
    pos = end + 1;
  }
  return out;
}

std::string unquote_value(std::string_view v) {
  v = trim(v);
  if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
    std::string out;
    for (std::size_t i = 1; i + 1 < v.size(); ++i) {
      if (v[i] == '\\' && i + 2 < v.size()) ++i;
      out += v[i];
    }
    return out;
  }
  return std::string(v);
}

// ---- parsers -----------------------------------------------------------------------------

FactValue parse_os_release(std::string_view text) {
  FactValue out = FactValue::map();
  for (std::string_view line : split_lf_lines(text)) {
    line = trim(line);
    if (line.empty() || line.front() == '#') continue;
    auto eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, eq)));
    std::string value = unquote_value(line.substr(eq + 1));
    if (key == "PRETTY_NAME")
      out.set("name", FactValue::string(value));
    else if (key == "VERSION_ID")
      out.set("version", FactValue::string(value));
    else if (key == "ID")
      out.set("id", FactValue::string(value));
    else if (key == "ID_LIKE")
      out.set("id_like", FactValue::string(value));
  }
  return out;
}

FactValue parse_dpkg_list(std::string_view text) {
  FactValue::List items;
  for (std::string_view line : split_lf_lines(text)) {
    auto f = split(line, '\t');
    if (f.size() < 4 || trim(f[0]).empty()) continue;
    if (trim(f[3]).substr(0, 2) != "ii") continue;  // installed, not just known
    FactValue item = FactValue::map();
    item.set("name", FactValue::string(std::string(trim(f[0]))));
    if (!trim(f[1]).empty()) item.set("version", FactValue::string(std::string(trim(f[1]))));
    if (!trim(f[2]).empty()) item.set("publisher", FactValue::string(std::string(trim(f[2]))));
    items.push_back(std::move(item));
  }
  return FactValue::list(std::move(items));
}

FactValue parse_rpm_list(std::string_view text) {
  FactValue::List items;
  for (std::string_view line : split_lf_lines(text)) {
    auto f = split(line, '\t');
    if (f.empty() || trim(f[0]).empty()) continue;
    FactValue item = FactValue::map();
    item.set("name", FactValue::string(std::string(trim(f[0]))));
    if (f.size() > 1 && !trim(f[1]).empty())
      item.set("version", FactValue::string(std::string(trim(f[1]))));
    if (f.size() > 2 && !trim(f[2]).empty() && trim(f[2]) != "(none)")
      item.set("publisher", FactValue::string(std::string(trim(f[2]))));
    items.push_back(std::move(item));
  }
  return FactValue::list(std::move(items));
}

std::optional<std::string> parse_browser_version(std::string_view text) {
  // The first word that starts with a digit and holds a dot: "Mozilla Firefox 115.6.0esr" →
  // 115.6.0esr.
  for (std::string_view line : split_lf_lines(text)) {
    std::size_t pos = 0;
    while (pos < line.size()) {
      std::size_t end = line.find(' ', pos);
      if (end == std::string_view::npos) end = line.size();
      std::string_view word = line.substr(pos, end - pos);
      if (!word.empty() && std::isdigit(static_cast<unsigned char>(word.front())) &&
          word.find('.') != std::string_view::npos)
        return std::string(word);
      pos = end + 1;
    }
  }
  return std::nullopt;
}

FactValue parse_systemctl_units(std::string_view units, std::string_view unit_files) {
  std::map<std::string, std::string> start;
  for (std::string_view line : split_lf_lines(unit_files)) {
    std::istringstream in{std::string(line)};
    std::string unit, state;
    if (!(in >> unit >> state)) continue;
    if (unit.size() > 8 && unit.ends_with(".service")) unit.resize(unit.size() - 8);
    if (state == "enabled" || state == "enabled-runtime")
      start[unit] = "auto";
    else if (state == "disabled")
      start[unit] = "manual";
    else if (state == "masked")
      start[unit] = "disabled";
  }
  FactValue::List items;
  for (std::string_view line : split_lf_lines(units)) {
    // UNIT LOAD ACTIVE SUB DESCRIPTION…
    std::istringstream in{std::string(line)};
    std::string unit, load, active, sub;
    if (!(in >> unit >> load >> active >> sub)) continue;
    if (!unit.ends_with(".service")) continue;
    std::string name = unit.substr(0, unit.size() - 8);
    std::string description;
    std::getline(in, description);
    FactValue item = FactValue::map();
    item.set("name", FactValue::string(name));
    item.set("state",
             FactValue::string(active == "active" && sub == "running" ? "running" : "stopped"));
    if (auto it = start.find(name); it != start.end())
      item.set("start", FactValue::string(it->second));
    if (!trim(description).empty())
      item.set("display_name", FactValue::string(std::string(trim(description))));
    items.push_back(std::move(item));
  }
  return FactValue::list(std::move(items));
}

}  // namespace tekigo::collectors
