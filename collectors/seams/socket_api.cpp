// collectors: the socket seam — POSIX sockets (Linux, macOS, the BSDs) or Winsock 2.
//
// Linux:   socket(SOCK_NONBLOCK | SOCK_CLOEXEC), send(MSG_NOSIGNAL), poll().
// macOS:   socket() then fcntl(FD_CLOEXEC, O_NONBLOCK) and SO_NOSIGPIPE; poll(). Chosen by
//          what the headers offer, not by the OS name, so a BSD takes the same path.
// Windows: WSAStartup once, WSASocketW(WSA_FLAG_NO_HANDLE_INHERIT), ioctlsocket(FIONBIO),
//          select() (WSAPoll before Windows 10 2004 never reports a refused connect: it
//          waits out the timeout, so a closed port would read "filtered"), closesocket(),
//          WSAGetLastError() and FormatMessageW for the text.
// A connected UDP socket hears the ICMP port unreachable its datagram provoked: ECONNREFUSED
// from recv()/send() on Linux and macOS, WSAECONNRESET on Windows (SIO_UDP_CONNRESET is on
// by default). TEKIGO_POSIX_BASELINE (tests only) makes Linux take the macOS path.
#include "collectors/seams/socket_api.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "collectors/seams/system_api.hpp"
#include "collectors/seams/win32_headers.hpp"

#if !defined(_WIN32)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#endif

namespace tekigo::collectors::net {

namespace {

using Clock = std::chrono::steady_clock;

struct SockAddr {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_INET;
};

SockAddr to_sockaddr(const Endpoint& ep) {
  SockAddr sa;
  const auto& bytes = ep.address.bytes();
  if (ep.address.family() == engine::IpAddress::Family::v4) {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(ep.port);
    std::memcpy(&in.sin_addr, bytes.data(), 4);
    std::memcpy(&sa.storage, &in, sizeof(in));
    sa.length = sizeof(in);
    sa.family = AF_INET;
  } else {
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(ep.port);
    std::memcpy(&in6.sin6_addr, bytes.data(), 16);
    std::memcpy(&sa.storage, &in6, sizeof(in6));
    sa.length = sizeof(in6);
    sa.family = AF_INET6;
  }
  return sa;
}

// Milliseconds until `until`, rounded up so that a wait never ends before it; capped.
long long millis_left(Clock::time_point until) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
  if (left <= 0) return 0;
  return std::min<long long>(left + 1, 60'000);
}

}  // namespace

#if defined(_WIN32)
// ---- Windows: Winsock 2 ----------------------------------------------------------------------

namespace {

SOCKET native(const Socket& s) {
  return static_cast<SOCKET>(s.get());
}

// WSAStartup once per process (never cleaned up: the process ends first). 0 or its error.
int start_winsock() {
  static const int result = [] {
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data);
  }();
  return result;
}

}  // namespace

SocketError socket_error(int code) {
  SocketError e{code, ErrorKind::other};
  switch (code) {
    case 0:
      e.kind = ErrorKind::none;
      break;
    case WSAEWOULDBLOCK:
    case WSAEINPROGRESS:
      e.kind = ErrorKind::would_block;
      break;
    case WSAEINTR:
      e.kind = ErrorKind::interrupted;
      break;
    case WSAECONNREFUSED:
      e.kind = ErrorKind::refused;
      break;
    case WSAECONNRESET:
      e.kind = ErrorKind::reset;
      break;
    case WSAEHOSTUNREACH:
    case WSAENETUNREACH:
    case WSAEHOSTDOWN:
    case WSAENETDOWN:
    case WSAENETRESET:
      e.kind = ErrorKind::unreachable;
      break;
    case WSAETIMEDOUT:
      e.kind = ErrorKind::timed_out;
      break;
    default:
      break;
  }
  return e;
}

SocketError last_socket_error() {
  return socket_error(WSAGetLastError());
}

void Socket::close() {
  if (handle_ != kInvalidSocket) ::closesocket(static_cast<SOCKET>(release()));
}

Socket open_socket(const Endpoint& peer, Transport transport, SocketError& error) {
  if (int started = start_winsock(); started != 0) {
    error = socket_error(started);
    return Socket();
  }
  int family = to_sockaddr(peer).family;
  int type = transport == Transport::udp ? SOCK_DGRAM : SOCK_STREAM;
  int protocol = transport == Transport::udp ? IPPROTO_UDP : IPPROTO_TCP;
  SOCKET s = WSASocketW(family, type, protocol, nullptr, 0,
                        WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
  if (s == INVALID_SOCKET && WSAGetLastError() == WSAEINVAL) {
    // Windows 7 without SP1 does not know the flag: clear the inherit bit afterwards.
    s = WSASocketW(family, type, protocol, nullptr, 0, WSA_FLAG_OVERLAPPED);
    if (s != INVALID_SOCKET)
      SetHandleInformation(reinterpret_cast<HANDLE>(s), HANDLE_FLAG_INHERIT, 0);
  }
  if (s == INVALID_SOCKET) {
    error = last_socket_error();
    return Socket();
  }
  Socket sock(static_cast<SocketHandle>(s));
  u_long on = 1;
  if (::ioctlsocket(s, FIONBIO, &on) != 0) {
    error = last_socket_error();
    return Socket();
  }
  error = SocketError{};
  return sock;
}

SocketError connect_socket(const Socket& s, const Endpoint& peer) {
  SockAddr sa = to_sockaddr(peer);
  if (::connect(native(s), reinterpret_cast<const sockaddr*>(&sa.storage), sa.length) == 0)
    return SocketError{};
  SocketError e = last_socket_error();
  if (e.kind == ErrorKind::would_block) e.kind = ErrorKind::in_progress;  // connect pending
  return e;
}

std::ptrdiff_t send_bytes(const Socket& s, std::span<const std::uint8_t> data, SocketError& error) {
  int length = static_cast<int>(std::min<std::size_t>(data.size(), 1u << 30));
  int n = ::send(native(s), reinterpret_cast<const char*>(data.data()), length, 0);
  error = n < 0 ? last_socket_error() : SocketError{};
  return n;
}

std::ptrdiff_t receive_bytes(const Socket& s, std::span<std::uint8_t> buffer, SocketError& error) {
  int length = static_cast<int>(std::min<std::size_t>(buffer.size(), 1u << 30));
  int n = ::recv(native(s), reinterpret_cast<char*>(buffer.data()), length, 0);
  error = n < 0 ? last_socket_error() : SocketError{};
  return n;
}

Readiness wait_for(const Socket& s, Wait what, Clock::time_point until, SocketError& error) {
  error = SocketError{};
  fd_set ready;
  fd_set failed;
  FD_ZERO(&ready);
  FD_ZERO(&failed);
  FD_SET(native(s), &ready);
  FD_SET(native(s), &failed);  // a refused non-blocking connect is reported here
  long long ms = millis_left(until);
  timeval tv{static_cast<long>(ms / 1000), static_cast<long>((ms % 1000) * 1000)};
  int n = ::select(0, what == Wait::readable ? &ready : nullptr,
                   what == Wait::writable ? &ready : nullptr, &failed, &tv);
  if (n == SOCKET_ERROR) {
    error = last_socket_error();
    return Readiness::failed;
  }
  return n == 0 ? Readiness::timeout : Readiness::ready;
}

SocketError pending_error(const Socket& s) {
  int so_error = 0;
  int length = sizeof(so_error);
  if (::getsockopt(native(s), SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&so_error), &length) !=
      0)
    return last_socket_error();
  return socket_error(so_error);
}

#else
// ---- POSIX: Linux, macOS, the BSDs -----------------------------------------------------------

#if defined(SOCK_NONBLOCK) && defined(SOCK_CLOEXEC) && !defined(TEKIGO_POSIX_BASELINE)
#define TEKIGO_SOCKET_FLAGS_ATOMIC 1  // Linux: both flags in socket()'s type
#endif

namespace {

int native(const Socket& s) {
  return static_cast<int>(s.get());
}

}  // namespace

SocketError socket_error(int code) {
  SocketError e{code, ErrorKind::other};
  if (code == 0)
    e.kind = ErrorKind::none;
  else if (code == EAGAIN || code == EWOULDBLOCK)
    e.kind = ErrorKind::would_block;
  else if (code == EINPROGRESS)
    e.kind = ErrorKind::in_progress;
  else if (code == EINTR)
    e.kind = ErrorKind::interrupted;
  else if (code == ECONNREFUSED)
    e.kind = ErrorKind::refused;
  else if (code == ECONNRESET)
    e.kind = ErrorKind::reset;
  else if (code == EHOSTUNREACH || code == ENETUNREACH || code == EHOSTDOWN || code == ENETDOWN)
    e.kind = ErrorKind::unreachable;
  else if (code == ETIMEDOUT)
    e.kind = ErrorKind::timed_out;
  return e;
}

SocketError last_socket_error() {
  return socket_error(errno);
}

void Socket::close() {
  if (handle_ != kInvalidSocket) ::close(static_cast<int>(release()));
}

Socket open_socket(const Endpoint& peer, Transport transport, SocketError& error) {
  int type = transport == Transport::udp ? SOCK_DGRAM : SOCK_STREAM;
#if defined(TEKIGO_SOCKET_FLAGS_ATOMIC)
  type |= SOCK_NONBLOCK | SOCK_CLOEXEC;
#endif
  int fd = ::socket(to_sockaddr(peer).family, type, 0);
  if (fd < 0) {
    error = last_socket_error();
    return Socket();
  }
  Socket sock(fd);
#if !defined(TEKIGO_SOCKET_FLAGS_ATOMIC)
  // macOS and the BSDs before SOCK_CLOEXEC: set the flags right after (the collector starts
  // its commands from this thread or others; the window is as small as it gets).
  int fl = ::fcntl(fd, F_GETFL);
  if (::fcntl(fd, F_SETFD, FD_CLOEXEC) != 0 || fl < 0 ||
      ::fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0) {
    error = last_socket_error();
    return Socket();
  }
#endif
#if defined(SO_NOSIGPIPE)
  // macOS/BSD have no MSG_NOSIGNAL (or only recently): a write to a reset TCP connection
  // must not kill the collector with SIGPIPE.
  int on = 1;
  if (::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on, sizeof(on)) != 0) {
    error = last_socket_error();
    return Socket();
  }
#endif
  error = SocketError{};
  return sock;
}

SocketError connect_socket(const Socket& s, const Endpoint& peer) {
  SockAddr sa = to_sockaddr(peer);
  if (::connect(native(s), reinterpret_cast<const sockaddr*>(&sa.storage), sa.length) == 0)
    return SocketError{};
  return last_socket_error();
}

std::ptrdiff_t send_bytes(const Socket& s, std::span<const std::uint8_t> data, SocketError& error) {
#if defined(SO_NOSIGPIPE) || !defined(MSG_NOSIGNAL)
  constexpr int flags = 0;  // SO_NOSIGPIPE is set on the socket
#else
  constexpr int flags = MSG_NOSIGNAL;
#endif
  ssize_t n = ::send(native(s), data.data(), data.size(), flags);
  error = n < 0 ? last_socket_error() : SocketError{};
  return n;
}

std::ptrdiff_t receive_bytes(const Socket& s, std::span<std::uint8_t> buffer, SocketError& error) {
  ssize_t n = ::recv(native(s), buffer.data(), buffer.size(), 0);
  error = n < 0 ? last_socket_error() : SocketError{};
  return n;
}

Readiness wait_for(const Socket& s, Wait what, Clock::time_point until, SocketError& error) {
  error = SocketError{};
  while (true) {
    pollfd p{native(s), static_cast<short>(what == Wait::readable ? POLLIN : POLLOUT), 0};
    int ready = ::poll(&p, 1, static_cast<int>(millis_left(until)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) {
      error = last_socket_error();
      return Readiness::failed;
    }
    return ready == 0 ? Readiness::timeout : Readiness::ready;
  }
}

SocketError pending_error(const Socket& s) {
  int so_error = 0;
  socklen_t length = sizeof(so_error);
  if (::getsockopt(native(s), SOL_SOCKET, SO_ERROR, &so_error, &length) != 0)
    return last_socket_error();
  return socket_error(so_error);
}

#endif

std::string SocketError::text() const {
  return fmt::format("{} ({})", sys::os_error_text(code), code);
}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    close();
    handle_ = other.release();
  }
  return *this;
}

}  // namespace tekigo::collectors::net
