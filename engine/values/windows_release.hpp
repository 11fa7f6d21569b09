#pragma once
// engine/values: the releases of Windows 10 and 11 and the build each one is — the one table
// of them (the registry parser, the policy checks, the fact validator and the test-suite
// skeleton all read it).
#include <optional>
#include <span>
#include <string_view>

namespace tekigo::engine {

struct WindowsRelease {
  std::string_view version;  // "10", "11"
  std::string_view release;  // "20H2": DisplayVersion, or ReleaseId up to 2004
  long build = 0;            // the major build: 19042
};

// Windows 10 1507 to 22H2 (its last), then Windows 11 21H2 to 25H2, each version's releases in
// time order. From Microsoft's release information pages ("Windows 10 release information",
// "Windows 11 release information", learn.microsoft.com/windows/release-health).
std::span<const WindowsRelease> windows_releases();

// The release a major build is, or nullptr for a build not in the table (an Insider build, a
// server build, Windows 7/8).
const WindowsRelease* windows_release_of_build(long build);

// The major build of an os.build text ("19042.1052" → 19042, "22631" → 22631); nullopt when it
// does not start with a number.
std::optional<long> windows_build_number(std::string_view build);

// The registry's ReleaseId from 20H2 on: Microsoft froze it at "2009" and added DisplayVersion.
// A collector that reads ReleaseId reports "2009" for every release from 20H2 to 22H2 (and on
// Windows 11 too).
inline constexpr std::string_view kFrozenReleaseId = "2009";

}  // namespace tekigo::engine
