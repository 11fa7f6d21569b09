// collectors/platform: macOS command output → fact fragments. Pure functions, like
// windows_parse.hpp (both build on command_output.hpp): the collector runs sw_vers,
// system_profiler, df, scutil, networksetup and launchctl (docs/collectors.md) and hands
// their standard output here. Nothing here throws or invents a value.
#pragma once

#include <string>
#include <string_view>

#include "collectors/platform/command_output.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors {

// `os` from `sw_vers` (each line split on its first ':' and trimmed): family macos, name
// (ProductName: "Mac OS X" up to 10.15, "macOS" from 11), version (ProductVersion), build
// (BuildVersion) and, when present, version_extra (ProductVersionExtra, e.g. "(a)" for a
// Rapid Security Response; an informative extra key).
FactFragment macos_os_from_sw_vers(std::string_view output);

// os.arch from `uname -m` (x86_64 → x64, arm64 → arm64); empty when unknown.
std::string macos_arch(std::string_view uname_m);

// `software` and `browsers` from `system_profiler SPApplicationsDataType -json`.
struct MacApplications {
  FactFragment software;  // {name, version, publisher?} once per name+version
  FactFragment browsers;  // Safari, Google Chrome, Firefox, Microsoft Edge, Chromium
};
MacApplications macos_applications_from_system_profiler(std::string_view json);

// `disk` from `df -k /` (the block size is read from the header: 1024-blocks, 512-blocks,
// 1K-blocks): system_free_bytes = Available × block size of the row mounted on "/".
FactFragment macos_disk_from_df(std::string_view output);

// `network.proxy` from `scutil --proxy`: the proxy used for https (HTTPSEnable → http://
// HTTPSProxy:HTTPSPort), else "pac+" ProxyAutoConfigURLString when ProxyAutoConfigEnable,
// else null (collected: no proxy for https; an HTTP-only proxy does not serve https).
FactFragment macos_proxy_from_scutil(std::string_view output);

// `network.adapters` from `networksetup -listallhardwareports`: Device → name, Hardware
// Port → description.
FactFragment macos_adapters_from_networksetup(std::string_view output);

// `services` from `launchctl list` (PID, Status, Label): a job with a PID is running, one
// without is stopped; `start` is not in this output and stays absent.
FactFragment macos_services_from_launchctl(std::string_view output);

}  // namespace tekigo::collectors
