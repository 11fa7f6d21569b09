// collectors: `tekigo collect` — gathers the facts of this terminal in the v1 contract.
// Collection is policy-driven: given a CollectionPlan, only the steps whose facts the
// policy reads run, and only the names and ports it names are probed. A step that fails
// leaves its facts out (rules read `unknown`) and records why under `collected.errors`.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/facts/collection_plan.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors {

enum class Platform { linux, windows, macos };
Platform this_platform();

struct CollectOptions {
  std::string subject;                  // terminal id; default: the host name
  Platform platform = this_platform();  // which steps run (tests run the Windows and
                                        // macOS steps on Linux with stub commands)
  std::chrono::milliseconds command_timeout{5000};
  std::chrono::milliseconds probe_deadline{4000};
  bool network = true;     // false: no probes (dns/reach absent → unknown)
  std::string root = "/";  // Linux: where /etc, /sys, /proc are read (tests)
};

// One collection step: which fact roots it fills, and what it found.
struct StepResult {
  explicit StepResult(std::string name) : step(std::move(name)) {}
  std::string step;                                    // "os", "software", …
  engine::FactValue facts = engine::FactValue::map();  // a partial dump (merged into the whole)
  std::vector<std::string> errors;                     // why parts are missing
};

// Collects the local facts (OS, software, browsers, disk, network, services, proxy), then
// the probes. `on_part` (optional) receives each part as soon as it is ready, so that a
// caller can evaluate incrementally; the returned tree is the whole dump.
engine::FactValue collect(const engine::CollectionPlan* plan, const CollectOptions& options,
                          const std::function<void(const StepResult&)>& on_part = {});

// Linux steps, usable on their own (and tested on this machine).
StepResult collect_linux_os(const CollectOptions& options);
StepResult collect_linux_software(const CollectOptions& options);  // software and browsers
StepResult collect_linux_disk(const CollectOptions& options);
StepResult collect_linux_network(const CollectOptions& options);  // adapters and proxy
StepResult collect_linux_services(const CollectOptions& options);

// The Windows and macOS steps (platform_steps.cpp): platform commands → parsers.
void collect_windows(const CollectOptions& options, const std::function<void(StepResult)>& take);
void collect_macos(const CollectOptions& options, const std::function<void(StepResult)>& take);

// Pure parsers for the Linux outputs (unit-tested).
engine::FactValue parse_os_release(std::string_view text);  // {name, version, id, id_like}
engine::FactValue parse_dpkg_list(
    std::string_view
        text);  // dpkg-query -W -f='${Package}\t${Version}\t${Maintainer}\t${db:Status-Abbrev}\n'
engine::FactValue parse_rpm_list(
    std::string_view text);  // rpm -qa --qf '%{NAME}\t%{VERSION}-%{RELEASE}\t%{VENDOR}\n'
std::optional<std::string> parse_browser_version(
    std::string_view text);  // "Chromium 120.0.6099.224 built on Debian" → 120.0.6099.224
engine::FactValue parse_systemctl_units(std::string_view units, std::string_view unit_files);

}  // namespace tekigo::collectors
