// engine/values: the Windows 10 and 11 releases and their builds (windows_release.hpp).
#include "engine/values/windows_release.hpp"

#include <charconv>

namespace tekigo::engine {

namespace {

constexpr WindowsRelease kReleases[] = {
    {"10", "1507", 10240}, {"10", "1511", 10586}, {"10", "1607", 14393}, {"10", "1703", 15063},
    {"10", "1709", 16299}, {"10", "1803", 17134}, {"10", "1809", 17763}, {"10", "1903", 18362},
    {"10", "1909", 18363}, {"10", "2004", 19041}, {"10", "20H2", 19042}, {"10", "21H1", 19043},
    {"10", "21H2", 19044}, {"10", "22H2", 19045}, {"11", "21H2", 22000}, {"11", "22H2", 22621},
    {"11", "23H2", 22631}, {"11", "24H2", 26100}, {"11", "25H2", 26200},
};

}  // namespace

std::span<const WindowsRelease> windows_releases() {
  return kReleases;
}

const WindowsRelease* windows_release_of_build(long build) {
  for (const auto& r : kReleases)
    if (r.build == build) return &r;
  return nullptr;
}

std::optional<long> windows_build_number(std::string_view build) {
  long n = 0;
  const auto [end, ec] = std::from_chars(build.data(), build.data() + build.size(), n);
  if (ec != std::errc() || end == build.data()) return std::nullopt;
  if (end != build.data() + build.size() && *end != '.') return std::nullopt;
  return n;
}

}  // namespace tekigo::engine
