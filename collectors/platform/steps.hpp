// collectors/platform: the collection steps of `tekigo collect`, one set per platform. A step
// runs the platform's commands (or reads its files), hands their output to the parsers and
// returns a partial dump: linux_steps.cpp (os-release, dpkg or rpm, statvfs, /sys/class/net,
// systemctl), windows_steps.cpp (reg.exe, PowerShell, netsh) and macos_steps.cpp (sw_vers,
// system_profiler, df, scutil, networksetup, launchctl). All of them compile everywhere and
// are chosen at run time (the tests run the Windows and macOS steps on Linux with stub
// commands); collector.cpp picks the steps a policy needs and merges what they find.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/platform/command_output.hpp"
#include "collectors/seams/command.hpp"
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

// `path` under the root the options read from (tests use a fake one); with the real root
// the path is used as it is (on Windows it has a drive letter that the root would drop).
std::filesystem::path under_root(const CollectOptions& options, std::string_view path);

// ---- the steps ---------------------------------------------------------------------------

// Linux (linux_steps.cpp), usable on their own (and tested on this machine).
StepResult collect_linux_os(const CollectOptions& options);
StepResult collect_linux_software(const CollectOptions& options);  // software and browsers
StepResult collect_linux_disk(const CollectOptions& options);
StepResult collect_linux_network(const CollectOptions& options);  // adapters and proxy
StepResult collect_linux_services(const CollectOptions& options);

// Windows (windows_steps.cpp) and macOS (macos_steps.cpp): every step runs, each result goes
// to `take` as soon as it is ready.
void collect_windows(const CollectOptions& options, const std::function<void(StepResult)>& take);
void collect_macos(const CollectOptions& options, const std::function<void(StepResult)>& take);

// ---- what the Windows and macOS steps are made of ---------------------------------------

// The options of a step's command: the collection's command timeout, `factor` times.
CommandOptions step_command_options(const CollectOptions& options, int factor = 1);

// Puts a parser's fragment under `key` (or merges a map fragment at the top when `key` is
// null) and records its problems as "step: problem"; a fragment that was not found leaves
// the facts out.
void place_fragment(StepResult& step, const char* key, const FactFragment& fragment);

// Records why a command gave no output to parse: "step: error" ("no output" without one).
void record_command_failure(StepResult& step, const CommandResult& result);

}  // namespace tekigo::collectors
