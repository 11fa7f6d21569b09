// collectors: the platform seam under the probes — non-blocking sockets with one API on
// Linux, macOS/BSD (POSIX sockets) and Windows (Winsock 2). Everything platform-specific
// about sockets lives in socket_api.cpp; probe_net.cpp is written against this header only.
//
// What the seam guarantees on every platform:
// - a socket is non-blocking, not inherited by child processes (the collector starts
//   commands through Boost.Process) and never raises SIGPIPE;
// - errors are the platform's codes (errno, WSAGetLastError()) sorted into the few kinds
//   the probes act on, with the OS's own text for the reports;
// - waiting is bounded by a deadline and reports a failed non-blocking connect as "ready"
//   (its error is then read with pending_error()).
// No header of the platform is included here, so users of the seam compile the same way
// everywhere.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "collectors/seams/endpoint.hpp"

namespace tekigo::collectors::net {

// A socket: a file descriptor on POSIX, a SOCKET (an unsigned pointer-sized handle whose
// invalid value is ~0, i.e. -1 here) on Windows.
using SocketHandle = std::intptr_t;
inline constexpr SocketHandle kInvalidSocket = -1;

// What a platform error code means to a probe.
enum class ErrorKind {
  none,
  would_block,  // EAGAIN/EWOULDBLOCK, WSAEWOULDBLOCK: try again when ready
  in_progress,  // a non-blocking connect has started (EINPROGRESS; WSAEWOULDBLOCK on connect)
  interrupted,  // EINTR, WSAEINTR: repeat the call
  refused,      // ECONNREFUSED, WSAECONNREFUSED: a TCP reset, or ICMP port unreachable on UDP
  reset,        // ECONNRESET, WSAECONNRESET: on a UDP socket Windows reports ICMP port
                // unreachable this way (SIO_UDP_CONNRESET), so for UDP it means refused
  unreachable,  // host or network unreachable or down (and WSAENETRESET: TTL expired)
  timed_out,    // ETIMEDOUT, WSAETIMEDOUT
  other,
};

struct SocketError {
  int code = 0;  // errno or the WSA error code; 0 = no error
  ErrorKind kind = ErrorKind::none;
  explicit operator bool() const { return code != 0; }
  std::string text() const;  // "Connection refused (111)", the OS's words (UTF-8)
};

// The error code of the last failed socket call on this thread, classified.
SocketError last_socket_error();
// Classifies a code as returned by last_socket_error() or pending_error().
SocketError socket_error(int code);

// An owned socket, closed on destruction.
class Socket {
 public:
  Socket() = default;
  explicit Socket(SocketHandle handle) : handle_(handle) {}
  Socket(Socket&& other) noexcept : handle_(other.release()) {}
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() { close(); }
  SocketHandle get() const { return handle_; }
  bool valid() const { return handle_ != kInvalidSocket; }
  SocketHandle release() {
    SocketHandle h = handle_;
    handle_ = kInvalidSocket;
    return h;
  }
  void close();  // close() or closesocket()

 private:
  SocketHandle handle_ = kInvalidSocket;
};

enum class Transport { udp, tcp };

// A new non-blocking, non-inheritable, SIGPIPE-free socket of the endpoint's address family
// (Windows: starts Winsock once per process). Invalid with `error` set when it fails.
Socket open_socket(const Endpoint& peer, Transport transport, SocketError& error);

// connect(): a UDP socket then only talks to `peer` (and hears its ICMP errors); a TCP
// connect returns in_progress and is finished by waiting for `writable`.
SocketError connect_socket(const Socket& s, const Endpoint& peer);

// send() and recv(): the byte count, or -1 with `error` set.
std::ptrdiff_t send_bytes(const Socket& s, std::span<const std::uint8_t> data, SocketError& error);
std::ptrdiff_t receive_bytes(const Socket& s, std::span<std::uint8_t> buffer, SocketError& error);

enum class Readiness { ready, timeout, failed };
enum class Wait { readable, writable };
// Waits until the socket is readable (or writable) or `until` passes. A socket whose
// connect failed counts as ready (poll() sets POLLERR; on Windows it is in select()'s
// exception set). `failed` leaves the reason in `error`.
Readiness wait_for(const Socket& s, Wait what, std::chrono::steady_clock::time_point until,
                   SocketError& error);

// SO_ERROR: the outcome of a non-blocking connect (code 0 when it succeeded).
SocketError pending_error(const Socket& s);

}  // namespace tekigo::collectors::net
