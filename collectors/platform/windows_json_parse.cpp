// collectors/platform: PowerShell's ConvertTo-Json output → the network.adapters, services,
// features and disk facts of Windows (see windows_parse.hpp).
#include <fmt/format.h>

#include <array>
#include <optional>

#include "collectors/platform/windows_parse.hpp"
#include "engine/common/text.hpp"

namespace tekigo::collectors {

using engine::ascii_lower;
using engine::FactValue;
using engine::iequals_ascii;

namespace {

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
    if (iequals_ascii(k, key) && v.is_string()) return &v.as_string();
  return nullptr;
}

const FactValue* member(const FactValue& object, std::string_view key) {
  for (const auto& [k, v] : object.as_map())
    if (iequals_ascii(k, key)) return &v;
  return nullptr;
}

}  // namespace

FactFragment windows_adapters_from_json(std::string_view json) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  if (!root.is_map() && !root.is_list())
    return fact_missing(problems.empty() ? "not a JSON object or array" : problems.front());
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
  return fact_found(FactValue::list(std::move(adapters)), std::move(problems));
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
  std::string l = ascii_lower(s);
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
  std::string l = ascii_lower(s);
  if (l == "automatic" || l == "auto" || l == "automaticdelayedstart" || l == "boot" ||
      l == "system")
    return "auto";
  if (l == "manual") return "manual";
  if (l == "disabled") return "disabled";
  return std::nullopt;
}

}  // namespace

FactFragment windows_services_from_json(std::string_view json) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  if (!root.is_map() && !root.is_list())
    return fact_missing(problems.empty() ? "not a JSON object or array" : problems.front());
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
  return fact_found(FactValue::list(std::move(services)), std::move(problems));
}

FactFragment windows_features_from_json(std::string_view json) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  if (!root.is_map())
    return fact_missing(problems.empty() ? "features probe output is not a JSON object"
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
    std::string s = hotspot->is_string() ? ascii_lower(hotspot->as_string()) : "";
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
    return fact_missing(problems.empty() ? "features probe reported nothing" : problems.front());
  return fact_found(FactValue::map(std::move(features)), std::move(problems));
}

FactFragment windows_disk_from_json(std::string_view json) {
  std::vector<std::string> problems;
  std::string text = decode_command_output(json, &problems);
  FactValue root = parse_command_json(text, problems);
  for (const FactValue* o : objects_of(root)) {
    for (std::string_view key : {"FreeSpace", "Free", "SizeRemaining"}) {
      const FactValue* v = member(*o, key);
      if (v && v->kind() == FactValue::Kind::integer && v->as_int() >= 0) {
        FactValue::Map disk;
        disk.emplace_back("system_free_bytes", FactValue::integer(v->as_int()));
        return fact_found(FactValue::map(std::move(disk)), std::move(problems));
      }
    }
  }
  return fact_missing(problems.empty() ? "no FreeSpace/Free integer in the disk probe output"
                                       : problems.front());
}

}  // namespace tekigo::collectors
