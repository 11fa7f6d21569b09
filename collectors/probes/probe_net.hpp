// collectors: the socket side of the name and port probes — one UDP request/answer
// exchange with retries, a TCP connect, and an HTTP CONNECT through a proxy, each bounded
// by a deadline (non-blocking sockets through the seam of socket_api.hpp: POSIX on Linux and
// macOS, Winsock on Windows). Every socket is connected to its one peer, so the kernel
// reports an ICMP port unreachable (ECONNREFUSED; WSAECONNRESET on Windows) and drops
// datagrams from anyone else; the source port is an ephemeral one the kernel picks.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/probes/dns_config.hpp"
#include "collectors/seams/socket_api.hpp"

namespace tekigo::collectors::net {

using Clock = std::chrono::steady_clock;

// How long to wait for an answer after each try: `tries` waits, the first `first`, each
// next one `backoff` times the one before (3, 500 ms, 1.5 → 500, 750, 1125 ms).
std::vector<std::chrono::milliseconds> retry_waits(int tries, std::chrono::milliseconds first,
                                                   double backoff);

// Fills `out` with bytes from the system's random source (sys::random_bytes: getrandom,
// arc4random_buf or BCryptGenRandom).
void random_bytes(std::span<std::uint8_t> out);

// Decides whether a received datagram is the answer. Sets `summary` to what it is (when it
// returns true) or to why it is not (when it returns false).
using Acceptor = std::function<bool(std::span<const std::uint8_t> datagram, std::string& summary)>;

struct UdpResult {
  enum class Kind {
    answered,     // `accept` took a datagram
    refused,      // ICMP port unreachable (ECONNREFUSED; WSAECONNRESET on Windows)
    unreachable,  // ICMP host or network unreachable
    silent,       // nothing accepted before the waits (or the deadline) ran out
    error,        // the probe could not be made (socket, route, permission)
  };
  Kind kind = Kind::silent;
  std::vector<std::uint8_t> reply;  // the accepted datagram
  std::string summary;              // the acceptor's summary of it
  std::string error;                // the OS's error text for refused/unreachable/error
  int tries = 0;                    // datagrams sent
  int ignored = 0;                  // datagrams received but not accepted
  std::string last_ignored;         // why the last of them was not accepted
  std::chrono::milliseconds elapsed{0};
};

// Sends `message` to `to` from a fresh socket, waits waits[i] after the i-th send for a
// datagram that `accept` takes, resends after each silent wait, and stops at `deadline`.
UdpResult udp_exchange(const dns::Endpoint& to, std::span<const std::uint8_t> message,
                       const std::vector<std::chrono::milliseconds>& waits,
                       Clock::time_point deadline, const Acceptor& accept);

struct TcpResult {
  enum class Kind {
    connected,    // the handshake completed
    refused,      // RST (ECONNREFUSED)
    unreachable,  // ICMP host or network unreachable while connecting
    timeout,      // no answer before the deadline
    error,        // the connect could not be attempted (no route, permission, socket)
  };
  Kind kind = Kind::timeout;
  std::string error;
  std::chrono::milliseconds elapsed{0};
  SocketHandle fd = kInvalidSocket;  // the connected socket when asked to keep it (the
                                     // caller closes it: net::Socket(fd)), else -1
};

// Non-blocking connect to `to` until `deadline`. With `keep_open` the connected socket is
// returned in `fd` (non-blocking); otherwise it is closed.
TcpResult tcp_connect(const dns::Endpoint& to, Clock::time_point deadline, bool keep_open = false);

// ---- HTTP CONNECT through a proxy -----------------------------------------------------------
struct ProxyUrl {
  std::string host;  // a name or an address (brackets removed)
  std::uint16_t port = 8080;
};
// "http://proxy.example:8080", "http://[::1]:3128/", "proxy.example:3128" (http assumed;
// userinfo is ignored). nullopt for other schemes or a bad port.
std::optional<ProxyUrl> parse_proxy_url(std::string_view text);

struct HttpStatus {
  int code = 0;
  std::string line;  // the status line without CRLF
};
// The status of a response head ("HTTP/1.1 200 Connection established\r\n…").
std::optional<HttpStatus> parse_http_status(std::string_view head);

// The request sent: "CONNECT host:port HTTP/1.1\r\nHost: host:port\r\n\r\n".
std::string connect_request(std::string_view host, std::uint16_t port);

struct ConnectResult {
  bool answered = false;  // a status line came back
  HttpStatus status;
  std::string error;  // why there is no status ("connection refused", "no answer within …")
};
// Asks the proxy at `proxy` to CONNECT to host:port and reads the status line of the answer.
ConnectResult http_connect(const dns::Endpoint& proxy, std::string_view host, std::uint16_t port,
                           Clock::time_point deadline);

}  // namespace tekigo::collectors::net
