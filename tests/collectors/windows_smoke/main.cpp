// A Windows program (cross-compiled by tests/collectors/windows_cross_compile.sh, run under
// Wine by windows_wine_smoke.sh when Wine is installed) that drives the platform seams and
// the probe code of collectors/ against servers it runs itself on 127.0.0.1: a TCP connect
// (open, refused), a UDP exchange (answered, port unreachable → refused), an HTTP CONNECT
// through a tiny proxy, random bytes, free space, the host name, the local time, the hosts
// file and the DNS servers. Loopback only. Prints one line per check; exit 1 on a failure.
// Not part of tekigo_collector_tests (it lives in a subfolder the test glob does not read).
#include <winsock2.h>
#include <ws2tcpip.h>
// after winsock2.h
#include <windows.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "collectors/probes/probe_net.hpp"
#include "collectors/seams/socket_api.hpp"
#include "collectors/seams/system_api.hpp"

using namespace tekigo::collectors;
using namespace std::chrono_literals;

namespace {

int failures = 0;

void check(bool ok, const std::string& what, const std::string& detail = {}) {
  std::printf("%s %s%s%s\n", ok ? "ok  " : "FAIL", what.c_str(), detail.empty() ? "" : ": ",
              detail.c_str());
  if (!ok) ++failures;
}

// A socket bound to 127.0.0.1 on an ephemeral port.
struct Local {
  SOCKET s = INVALID_SOCKET;
  std::uint16_t port = 0;
  explicit Local(int type) {
    s = ::socket(AF_INET, type, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof(a));
    int len = sizeof(a);
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  void close() {
    if (s != INVALID_SOCKET) ::closesocket(s);
    s = INVALID_SOCKET;
  }
  ~Local() { close(); }
};

dns::Endpoint local(std::uint16_t port) {
  return *dns::parse_endpoint("127.0.0.1", port);
}

net::Clock::time_point in(std::chrono::milliseconds ms) {
  return net::Clock::now() + ms;
}

// Wine's ntdll exports wine_get_version; Windows' does not.
bool under_wine() {
  HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");
  return ntdll && GetProcAddress(ntdll, "wine_get_version") != nullptr;
}

}  // namespace

int main() {
  WSADATA data;
  WSAStartup(MAKEWORD(2, 2), &data);  // for the test's own servers; the seams start it too

  // ---- system seam
  std::array<std::uint8_t, 32> random{};
  sys::random_bytes(random);
  check(std::any_of(random.begin(), random.end(), [](std::uint8_t b) { return b != 0; }),
        "random_bytes (BCryptGenRandom)");
  std::string volume = sys::system_volume(), error;
  auto space = volume.empty() ? std::nullopt : sys::free_bytes(volume, error);
  check(space && *space > 0, "free_bytes(system_volume()) (GetDiskFreeSpaceExW)",
        volume + " " + (space ? std::to_string(*space) : error));
  std::string host = sys::host_name();
  check(!host.empty(), "host_name (GetComputerNameExW)", host);
  std::string now = sys::local_rfc3339(std::time(nullptr));
  bool shaped =
      now.size() == 25 && now[10] == 'T' && (now[19] == '+' || now[19] == '-') && now[22] == ':';
  check(shaped, "local_rfc3339 (localtime_s, numeric offset)", now);
  std::string hosts = sys::hosts_file();
  check(hosts.ends_with("\\drivers\\etc\\hosts"), "hosts_file", hosts);
  auto servers = sys::system_nameservers();
  std::string listed;
  if (servers)
    for (const auto& s : servers->addresses) listed += s + " ";
  check(servers.has_value(), "system_nameservers (GetAdaptersAddresses)",
        servers ? listed + servers->error : "nullopt");
  check(net::SocketError{10061, net::ErrorKind::refused}.text().find("10061") != std::string::npos,
        "SocketError::text (FormatMessageW)",
        net::SocketError{10061, net::ErrorKind::refused}.text());

  // ---- TCP: open, then refused once the listener is gone
  {
    Local listener(SOCK_STREAM);
    ::listen(listener.s, 4);
    auto open = net::tcp_connect(local(listener.port), in(2000ms));
    check(open.kind == net::TcpResult::Kind::connected, "tcp_connect to a listener: connected",
          open.error);
    std::uint16_t port = listener.port;
    listener.close();
    // Windows retries a refused SYN twice (about 1 s); Wine answers at once.
    auto refused = net::tcp_connect(local(port), in(4000ms));
    check(refused.kind == net::TcpResult::Kind::refused, "tcp_connect to a closed port: refused",
          refused.error + " after " + std::to_string(refused.elapsed.count()) + " ms");
  }

  // ---- UDP: answered, then refused (ICMP port unreachable) once the server is gone
  {
    Local server(SOCK_DGRAM);
    std::thread responder([&] {
      char buf[512];
      sockaddr_in from{};
      int len = sizeof(from);
      int n = ::recvfrom(server.s, buf, sizeof(buf), 0, reinterpret_cast<sockaddr*>(&from), &len);
      if (n > 0) ::sendto(server.s, buf, n, 0, reinterpret_cast<sockaddr*>(&from), len);
    });
    std::vector<std::uint8_t> ping = {'p', 'i', 'n', 'g'};
    auto accept_all = [](std::span<const std::uint8_t> d, std::string& s) {
      s = std::to_string(d.size()) + " bytes";
      return true;
    };
    auto answered =
        net::udp_exchange(local(server.port), ping, {500ms, 750ms}, in(3000ms), accept_all);
    responder.join();
    check(answered.kind == net::UdpResult::Kind::answered, "udp_exchange with an echo: answered",
          answered.summary + answered.error);
    std::uint16_t port = server.port;
    server.close();
    auto refused = net::udp_exchange(local(port), ping, {500ms, 750ms}, in(3000ms), accept_all);
    const char* kinds[] = {"answered", "refused", "unreachable", "silent", "error"};
    std::string seen = std::string(kinds[static_cast<int>(refused.kind)]) + " " + refused.error;
    if (under_wine() && refused.kind == net::UdpResult::Kind::silent) {
      // Wine 8 does not pass the ICMP port unreachable of a UDP socket on to recv().
      std::printf("skip udp_exchange to a closed port: refused (WSAECONNRESET): %s (Wine)\n",
                  seen.c_str());
    } else {
      check(refused.kind == net::UdpResult::Kind::refused,
            "udp_exchange to a closed port: refused (WSAECONNRESET)", seen);
    }
  }

  // ---- HTTP CONNECT through a proxy that says yes
  {
    Local proxy(SOCK_STREAM);
    ::listen(proxy.s, 1);
    std::thread answer([&] {
      SOCKET c = ::accept(proxy.s, nullptr, nullptr);
      if (c == INVALID_SOCKET) return;
      char buf[1024];
      ::recv(c, buf, sizeof(buf), 0);
      const char reply[] = "HTTP/1.1 200 Connection established\r\n\r\n";
      ::send(c, reply, sizeof(reply) - 1, 0);
      ::closesocket(c);
    });
    auto r = net::http_connect(local(proxy.port), "sec.ccr.ncc.go.jp", 443, in(3000ms));
    answer.join();
    check(r.answered && r.status.code == 200, "http_connect through a proxy: 200",
          r.answered ? r.status.line : r.error);
  }

  std::printf("%d failure(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
