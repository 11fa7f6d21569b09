// collectors: the platform seam for everything that is not a socket (sockets are in
// socket_api.hpp) — random bytes, free space, the kernel's name for itself, the host name,
// broken-down time, and where the resolver's configuration lives. Linux, macOS/BSD and
// Windows implementations are in system_api.cpp; no platform header is included here.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tekigo::collectors::sys {

// The OS's text for an error code — strerror() for errno values, FormatMessageW() for
// Win32 and Winsock codes on Windows (in the user's language, as UTF-8, without the
// trailing period and line end).
std::string os_error_text(int code);

// Fills `out` from the system's random source: getrandom() on Linux, arc4random_buf() on
// macOS and the BSDs, BCryptGenRandom() on Windows (std::random_device if it fails).
void random_bytes(std::span<std::uint8_t> out);

// The bytes an unprivileged user may still write on the volume holding `path`:
// statvfs f_bavail × f_frsize on POSIX, GetDiskFreeSpaceExW's FreeBytesAvailableToCaller
// on Windows. nullopt with `error` ("statvfs(/) failed: …") when it cannot be read.
std::optional<std::int64_t> free_bytes(const std::string& path, std::string& error);

// The system volume: "/" on POSIX, the root of the volume holding the Windows directory
// ("C:\") on Windows (empty when it cannot be found).
std::string system_volume();

// uname(): the kernel release ("6.1.0-18-amd64") and machine ("x86_64", "arm64").
// nullopt on Windows, whose steps read the registry and the environment instead.
struct KernelInfo {
  std::string release;
  std::string machine;
};
std::optional<KernelInfo> kernel_info();

// This computer's name: gethostname(), or the DNS host name on Windows (UTF-8). Empty when
// it cannot be read.
std::string host_name();

// Thread-safe localtime/gmtime: localtime_r/gmtime_r, localtime_s/gmtime_s on Windows.
std::tm local_time(std::time_t t);
std::tm utc_time(std::time_t t);
// `t` as local time in RFC 3339 with a numeric offset: "2024-05-01T09:30:00+09:00". The
// offset is computed from local_time and utc_time (strftime's %z is a zone name on
// Windows' msvcrt).
std::string local_rfc3339(std::time_t t);

// The hosts file the resolver reads: /etc/hosts, or %SystemRoot%\System32\drivers\etc\hosts.
std::string hosts_file();

// The DNS servers the system asks, where they are not in /etc/resolv.conf. Windows: the DNS
// server addresses of the network adapters that are up (GetAdaptersAddresses), in adapter
// order without duplicates and without the fec0:0:0:ffff::1–3 placeholders. POSIX (Linux,
// macOS): nullopt — read resolv.conf (on macOS /etc/resolv.conf lists the primary
// resolvers only; scoped resolvers under /etc/resolver are not read).
struct Nameservers {
  std::vector<std::string> addresses;  // "192.0.2.53", "2001:db8::53"
  std::string source;                  // where they came from, for the probe details
  std::string error;                   // why there are none
};
std::optional<Nameservers> system_nameservers();

}  // namespace tekigo::collectors::sys
