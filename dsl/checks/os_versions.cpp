// dsl/checks: the OS versions and Windows releases that exist — see os_versions.hpp.
#include "dsl/checks/os_versions.hpp"

#include "engine/values/windows_release.hpp"

namespace tekigo::dsl::checks {

namespace {

std::vector<std::string_view> releases_of(std::string_view version) {
  std::vector<std::string_view> out;
  for (const auto& r : engine::windows_releases())
    if (r.version == version) out.push_back(r.release);
  return out;
}

}  // namespace

const std::vector<KnownOsVersion>& known_os_versions(std::string_view family) {
  // Windows: Microsoft's release information — "Windows 10 release information" and "Windows
  // 11 release information" (learn.microsoft.com/windows/release-health) for the releases
  // (engine/values/windows_release.cpp holds them with their builds);
  // the lifecycle pages for service packs: Windows 7 had one (SP1, build 7601), Windows 8,
  // 8.1, 10 and 11 none (8.1 Update is an update, not a service pack). Windows 10 ended with
  // 22H2 (build 19045); "21H2" and "22H2" name releases of both 10 and 11.
  static const std::vector<KnownOsVersion> windows = {
      {"windows", "7", "Windows 7", 1, {}},
      {"windows", "8", "Windows 8", 0, {}},
      {"windows", "8.1", "Windows 8.1", 0, {}},
      {"windows", "10", "Windows 10", 0, releases_of("10")},
      {"windows", "11", "Windows 11", 0, releases_of("11")},
  };
  // macOS: Apple's "macOS versions" list (support.apple.com, "Find out which macOS your Mac is
  // using"): 10.0 to 10.15, then 11 Big Sur to 15 Sequoia, then 26 Tahoe (numbered by year:
  // no 16 to 25). There is no 10.16: Big Sur reports 10.16 only to software run with
  // SYSTEM_VERSION_COMPAT=1, and a collector reports 11.
  static const std::vector<KnownOsVersion> macos = {
      {"macos", "10.0", "Mac OS X 10.0 Cheetah", 0, {}},
      {"macos", "10.1", "Mac OS X 10.1 Puma", 0, {}},
      {"macos", "10.2", "Mac OS X 10.2 Jaguar", 0, {}},
      {"macos", "10.3", "Mac OS X 10.3 Panther", 0, {}},
      {"macos", "10.4", "Mac OS X 10.4 Tiger", 0, {}},
      {"macos", "10.5", "Mac OS X 10.5 Leopard", 0, {}},
      {"macos", "10.6", "Mac OS X 10.6 Snow Leopard", 0, {}},
      {"macos", "10.7", "Mac OS X 10.7 Lion", 0, {}},
      {"macos", "10.8", "OS X 10.8 Mountain Lion", 0, {}},
      {"macos", "10.9", "OS X 10.9 Mavericks", 0, {}},
      {"macos", "10.10", "OS X 10.10 Yosemite", 0, {}},
      {"macos", "10.11", "OS X 10.11 El Capitan", 0, {}},
      {"macos", "10.12", "macOS 10.12 Sierra", 0, {}},
      {"macos", "10.13", "macOS 10.13 High Sierra", 0, {}},
      {"macos", "10.14", "macOS 10.14 Mojave", 0, {}},
      {"macos", "10.15", "macOS 10.15 Catalina", 0, {}},
      {"macos", "11", "macOS 11 Big Sur", 0, {}},
      {"macos", "12", "macOS 12 Monterey", 0, {}},
      {"macos", "13", "macOS 13 Ventura", 0, {}},
      {"macos", "14", "macOS 14 Sonoma", 0, {}},
      {"macos", "15", "macOS 15 Sequoia", 0, {}},
      {"macos", "26", "macOS 26 Tahoe", 0, {}},
  };
  static const std::vector<KnownOsVersion> none;
  if (family == "windows") return windows;
  if (family == "macos") return macos;
  return none;
}

std::string_view family_name(std::string_view family) {
  if (family == "windows") return "Windows";
  if (family == "macos") return "macOS";
  if (family == "linux") return "Linux";
  return family;
}

}  // namespace tekigo::dsl::checks
