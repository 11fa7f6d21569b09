// dsl/checks: the OS versions and Windows releases that exist — the one table the lint
// os-versions (W0403) reads, and the matrix lints use to name a terminal two rows both admit.
// Versions are written as `os.version` holds them: the marketing version (Windows 7, 8.1, 10,
// 11; macOS 10.15, 11, 26), never the kernel's (6.1, 10.0) or a build.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tekigo::dsl::checks {

struct KnownOsVersion {
  std::string_view family;                 // windows, macos
  std::string_view version;                // "8.1", "10.15"
  std::string_view name;                   // "Windows 8.1", "macOS 10.15 Catalina"
  int last_service_pack = 0;               // the highest service pack released; 0: none
  std::vector<std::string_view> releases;  // Windows 10/11 release ids, oldest first
};

// Every known version of `family`, oldest first; empty for a family without a table (linux,
// whose distributions number their versions each their own way).
const std::vector<KnownOsVersion>& known_os_versions(std::string_view family);

// "Windows", "macOS", "Linux".
std::string_view family_name(std::string_view family);

}  // namespace tekigo::dsl::checks
