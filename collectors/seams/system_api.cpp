// collectors: the system seam — Linux (getrandom, statvfs, uname), macOS and the BSDs
// (arc4random_buf, statvfs, uname) and Windows (BCryptGenRandom, GetDiskFreeSpaceExW,
// GetComputerNameExW, GetAdaptersAddresses, FormatMessageW). TEKIGO_POSIX_BASELINE (tests
// only) makes Linux take the macOS/BSD path where the two differ.
#include "collectors/seams/system_api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <random>

#include "collectors/seams/win32_headers.hpp"

#if defined(_WIN32)
#include "engine/values/ip_address.hpp"
#else
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#if defined(__linux__) && !defined(TEKIGO_POSIX_BASELINE)
#include <sys/random.h>
#define TEKIGO_HAVE_GETRANDOM 1
#endif
#endif

namespace tekigo::collectors::sys {

namespace {

[[maybe_unused]] void random_device_bytes(std::span<std::uint8_t> out) {
  std::random_device rd;
  for (auto& b : out) b = static_cast<std::uint8_t>(rd());
}

// Seconds since the epoch of a broken-down time read as if it were UTC.
std::int64_t as_utc_seconds(const std::tm& tm) {
  using namespace std::chrono;
  const sys_days date = year{tm.tm_year + 1900} / month{static_cast<unsigned>(tm.tm_mon + 1)} /
                        day{static_cast<unsigned>(tm.tm_mday)};
  return static_cast<std::int64_t>(date.time_since_epoch().count()) * 86400 + tm.tm_hour * 3600 +
         tm.tm_min * 60 + tm.tm_sec;
}

#if defined(_WIN32)
std::string utf8_of(const wchar_t* text, int length) {
  int n = WideCharToMultiByte(CP_UTF8, 0, text, length, nullptr, 0, nullptr, nullptr);
  std::string out(static_cast<std::size_t>(std::max(n, 0)), '\0');
  if (n > 0) WideCharToMultiByte(CP_UTF8, 0, text, length, out.data(), n, nullptr, nullptr);
  return out;
}

std::string utf8_of(const std::wstring& text) {
  return utf8_of(text.data(), static_cast<int>(text.size()));
}

std::wstring wide_of(const std::string& text) {
  int n = MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), nullptr, 0);
  std::wstring out(static_cast<std::size_t>(std::max(n, 0)), L'\0');
  if (n > 0)
    MultiByteToWideChar(CP_UTF8, 0, text.data(), static_cast<int>(text.size()), out.data(), n);
  return out;
}
#endif

}  // namespace

#if defined(_WIN32)
// ---- Windows ----------------------------------------------------------------------------------

std::string os_error_text(int code) {
  wchar_t* buffer = nullptr;
  DWORD n = FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
      nullptr, static_cast<DWORD>(code), 0, reinterpret_cast<wchar_t*>(&buffer), 0, nullptr);
  std::string message = n > 0 ? utf8_of(buffer, static_cast<int>(n)) : std::string();
  if (buffer) LocalFree(buffer);
  while (!message.empty() && (message.back() == '\n' || message.back() == '\r' ||
                              message.back() == ' ' || message.back() == '.'))
    message.pop_back();
  return message.empty() ? fmt::format("Windows error {}", code) : message;
}

void random_bytes(std::span<std::uint8_t> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    ULONG chunk = static_cast<ULONG>(std::min<std::size_t>(out.size() - done, 1u << 20));
    NTSTATUS status =
        BCryptGenRandom(nullptr, out.data() + done, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG);
    if (status < 0) {  // not NT_SUCCESS: fall back to the library's source
      random_device_bytes(out.subspan(done));
      return;
    }
    done += chunk;
  }
}

std::optional<std::int64_t> free_bytes(const std::string& path, std::string& error) {
  ULARGE_INTEGER available{}, total{}, total_free{};
  if (!GetDiskFreeSpaceExW(wide_of(path).c_str(), &available, &total, &total_free)) {
    DWORD code = GetLastError();
    error = fmt::format("GetDiskFreeSpaceExW({}) failed: {} ({})", path,
                        os_error_text(static_cast<int>(code)), code);
    return std::nullopt;
  }
  return static_cast<std::int64_t>(available.QuadPart);
}

std::string system_volume() {
  wchar_t windows[MAX_PATH + 1] = {};
  wchar_t volume[MAX_PATH + 1] = {};
  UINT n = GetSystemWindowsDirectoryW(windows, MAX_PATH);
  if (n == 0 || n > MAX_PATH) return {};
  if (!GetVolumePathNameW(windows, volume, MAX_PATH)) return {};
  return utf8_of(std::wstring(volume));
}

std::optional<KernelInfo> kernel_info() {
  return std::nullopt;
}

std::string host_name() {
  wchar_t name[256] = {};
  DWORD size = 255;
  if (!GetComputerNameExW(ComputerNameDnsHostname, name, &size)) return {};
  return utf8_of(name, static_cast<int>(size));
}

std::tm local_time(std::time_t t) {
  std::tm tm{};
  localtime_s(&tm, &t);
  return tm;
}

std::tm utc_time(std::time_t t) {
  std::tm tm{};
  gmtime_s(&tm, &t);
  return tm;
}

std::string hosts_file() {
  // The default of Tcpip\Parameters\DataBasePath, which is %SystemRoot%\System32\drivers\etc.
  wchar_t system[MAX_PATH + 1] = {};
  UINT n = GetSystemDirectoryW(system, MAX_PATH);
  if (n == 0 || n > MAX_PATH) return "C:\\Windows\\System32\\drivers\\etc\\hosts";
  return utf8_of(std::wstring(system, n) + L"\\drivers\\etc\\hosts");
}

std::optional<Nameservers> system_nameservers() {
  Nameservers out;
  out.source = "the DNS servers of the network adapters (GetAdaptersAddresses)";
  const ULONG flags = GAA_FLAG_SKIP_UNICAST | GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST |
                      GAA_FLAG_SKIP_FRIENDLY_NAME;
  ULONG size = 16 * 1024;
  std::vector<ULONGLONG> buffer;  // 8-byte aligned, as IP_ADAPTER_ADDRESSES needs
  ULONG ret = ERROR_BUFFER_OVERFLOW;
  for (int attempt = 0; attempt < 4 && ret == ERROR_BUFFER_OVERFLOW; ++attempt) {
    buffer.assign(size / sizeof(ULONGLONG) + 1, 0);
    ret = GetAdaptersAddresses(AF_UNSPEC, flags, nullptr,
                               reinterpret_cast<IP_ADAPTER_ADDRESSES*>(buffer.data()), &size);
  }
  if (ret == ERROR_NO_DATA) {
    out.error = "no network adapter has a DNS server";
    return out;
  }
  if (ret != NO_ERROR) {
    out.error = fmt::format("GetAdaptersAddresses failed: {} ({})",
                            os_error_text(static_cast<int>(ret)), ret);
    return out;
  }
  for (auto* a = reinterpret_cast<IP_ADAPTER_ADDRESSES*>(buffer.data()); a; a = a->Next) {
    if (a->OperStatus != IfOperStatusUp || a->IfType == IF_TYPE_SOFTWARE_LOOPBACK) continue;
    for (auto* d = a->FirstDnsServerAddress; d; d = d->Next) {
      const sockaddr* sa = d->Address.lpSockaddr;
      if (!sa) continue;
      std::optional<engine::IpAddress> ip;
      if (sa->sa_family == AF_INET) {
        std::array<std::uint8_t, 4> b{};
        std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, 4);
        ip = engine::IpAddress::from_v4(b);
      } else if (sa->sa_family == AF_INET6) {
        std::array<std::uint8_t, 16> b{};
        std::memcpy(b.data(), &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, 16);
        // fec0:0:0:ffff::1, ::2, ::3: placeholders Windows lists when IPv6 has no DNS server.
        static const std::array<std::uint8_t, 14> placeholder = {0xfe, 0xc0, 0, 0, 0, 0, 0xff,
                                                                 0xff, 0,    0, 0, 0, 0, 0};
        if (std::equal(placeholder.begin(), placeholder.end(), b.begin()) && b[14] == 0 &&
            b[15] >= 1 && b[15] <= 3)
          continue;
        ip = engine::IpAddress::from_v6(b);
      }
      if (!ip) continue;
      std::string text = ip->text();
      if (std::find(out.addresses.begin(), out.addresses.end(), text) == out.addresses.end())
        out.addresses.push_back(std::move(text));
    }
  }
  if (out.addresses.empty()) out.error = "no network adapter that is up has a DNS server";
  return out;
}

#else
// ---- POSIX: Linux, macOS, the BSDs ---------------------------------------------------------

std::string os_error_text(int code) {
  return std::strerror(code);
}

void random_bytes(std::span<std::uint8_t> out) {
#if defined(TEKIGO_HAVE_GETRANDOM)
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::getrandom(out.data() + done, out.size() - done, 0);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EINTR) {
      random_device_bytes(out.subspan(done));  // no getrandom(2): the library's source
      return;
    }
  }
#else
  // macOS, the BSDs (and glibc from 2.36): never fails, never blocks after boot.
  ::arc4random_buf(out.data(), out.size());
#endif
}

std::optional<std::int64_t> free_bytes(const std::string& path, std::string& error) {
  struct statvfs s {};
  if (::statvfs(path.c_str(), &s) != 0) {
    error = fmt::format("statvfs({}) failed: {}", path, std::strerror(errno));
    return std::nullopt;
  }
  return static_cast<std::int64_t>(s.f_bavail) * static_cast<std::int64_t>(s.f_frsize);
}

std::string system_volume() {
  return "/";
}

std::optional<KernelInfo> kernel_info() {
  struct utsname u {};
  if (::uname(&u) != 0) return std::nullopt;
  return KernelInfo{u.release, u.machine};
}

std::string host_name() {
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) != 0) return {};
  return host;
}

std::tm local_time(std::time_t t) {
  std::tm tm{};
  ::localtime_r(&t, &tm);
  return tm;
}

std::tm utc_time(std::time_t t) {
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  return tm;
}

std::string hosts_file() {
  return "/etc/hosts";
}

std::optional<Nameservers> system_nameservers() {
  return std::nullopt;
}

#endif

std::string local_rfc3339(std::time_t t) {
  std::tm local = local_time(t);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &local);
  std::int64_t offset = (as_utc_seconds(local) - as_utc_seconds(utc_time(t))) / 60;
  char sign = offset < 0 ? '-' : '+';
  offset = offset < 0 ? -offset : offset;
  return fmt::format("{}{}{:02}:{:02}", buf, sign, offset / 60, offset % 60);
}

}  // namespace tekigo::collectors::sys
