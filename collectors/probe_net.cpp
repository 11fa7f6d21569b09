// collectors: UDP exchanges, TCP connects and HTTP CONNECT with deadlines (POSIX sockets).
#include "collectors/probe_net.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <random>
#include <utility>

namespace tekigo::collectors::net {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

struct SockAddr {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_INET;
};

SockAddr to_sockaddr(const dns::Endpoint& ep) {
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

std::string errno_text(int err) {
  return fmt::format("{} ({})", std::strerror(err), err);
}

bool is_unreachable(int err) {
  return err == EHOSTUNREACH || err == ENETUNREACH || err == EHOSTDOWN || err == ENETDOWN;
}

int poll_ms(Clock::time_point until) {
  auto left = duration_cast<milliseconds>(until - Clock::now()).count();
  if (left <= 0) return 0;
  return static_cast<int>(std::min<long long>(left + 1, 60'000));
}

milliseconds since(Clock::time_point start) {
  return duration_cast<milliseconds>(Clock::now() - start);
}

}  // namespace

std::vector<milliseconds> retry_waits(int tries, milliseconds first, double backoff) {
  std::vector<milliseconds> waits;
  double wait = static_cast<double>(first.count());
  for (int i = 0; i < std::clamp(tries, 1, 10); ++i) {
    waits.emplace_back(static_cast<long long>(std::llround(wait)));
    wait *= std::max(backoff, 1.0);
  }
  return waits;
}

void random_bytes(std::span<std::uint8_t> out) {
  std::size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::getrandom(out.data() + done, out.size() - done, 0);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EINTR) {
      std::random_device rd;  // no getrandom(2): fall back to the library's source
      for (; done < out.size(); ++done) out[done] = static_cast<std::uint8_t>(rd());
    }
  }
}

UdpResult udp_exchange(const dns::Endpoint& to, std::span<const std::uint8_t> message,
                       const std::vector<milliseconds>& waits, Clock::time_point deadline,
                       const Acceptor& accept) {
  UdpResult result;
  auto start = Clock::now();
  auto finish = [&](UdpResult::Kind kind, int err = 0) {
    result.kind = kind;
    if (err != 0) result.error = errno_text(err);
    result.elapsed = since(start);
    return result;
  };
  SockAddr sa = to_sockaddr(to);
  Socket sock(::socket(sa.family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (sock.get() < 0) return finish(UdpResult::Kind::error, errno);
  if (::connect(sock.get(), reinterpret_cast<const sockaddr*>(&sa.storage), sa.length) != 0) {
    return finish(UdpResult::Kind::error, errno);  // no route, no address family, …
  }
  std::vector<std::uint8_t> buffer(65536);
  for (auto wait : waits) {
    if (Clock::now() >= deadline) break;
    if (::send(sock.get(), message.data(), message.size(), 0) < 0) {
      int err = errno;
      if (err == ECONNREFUSED) return finish(UdpResult::Kind::refused, err);
      if (err == EAGAIN || err == EINTR) continue;
      // An ICMP error for an earlier try can surface here too.
      if (is_unreachable(err) && result.tries > 0) return finish(UdpResult::Kind::unreachable, err);
      return finish(UdpResult::Kind::error, err);
    }
    ++result.tries;
    auto until = std::min(Clock::now() + wait, deadline);
    while (true) {
      pollfd p{sock.get(), POLLIN, 0};
      int ready = ::poll(&p, 1, poll_ms(until));
      if (ready < 0 && errno == EINTR) continue;
      if (ready <= 0) break;  // this wait is over: try again
      ssize_t n = ::recv(sock.get(), buffer.data(), buffer.size(), 0);
      if (n < 0) {
        int err = errno;
        if (err == EAGAIN || err == EINTR) continue;
        if (err == ECONNREFUSED) return finish(UdpResult::Kind::refused, err);
        if (is_unreachable(err)) return finish(UdpResult::Kind::unreachable, err);
        return finish(UdpResult::Kind::error, err);
      }
      std::span<const std::uint8_t> datagram(buffer.data(), static_cast<std::size_t>(n));
      std::string summary;
      if (accept(datagram, summary)) {
        result.reply.assign(datagram.begin(), datagram.end());
        result.summary = std::move(summary);
        return finish(UdpResult::Kind::answered);
      }
      ++result.ignored;
      result.last_ignored = std::move(summary);
      if (Clock::now() >= until) break;
    }
  }
  return finish(UdpResult::Kind::silent);
}

TcpResult tcp_connect(const dns::Endpoint& to, Clock::time_point deadline, bool keep_open) {
  TcpResult result;
  auto start = Clock::now();
  auto finish = [&](TcpResult::Kind kind, int err = 0) {
    result.kind = kind;
    if (err != 0) result.error = errno_text(err);
    result.elapsed = since(start);
    return result;
  };
  SockAddr sa = to_sockaddr(to);
  Socket sock(::socket(sa.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (sock.get() < 0) return finish(TcpResult::Kind::error, errno);
  if (::connect(sock.get(), reinterpret_cast<const sockaddr*>(&sa.storage), sa.length) != 0) {
    int err = errno;
    if (err == ECONNREFUSED) return finish(TcpResult::Kind::refused, err);
    if (err != EINPROGRESS) return finish(TcpResult::Kind::error, err);  // no route, EPERM, …
    while (true) {
      pollfd p{sock.get(), POLLOUT, 0};
      int ready = ::poll(&p, 1, poll_ms(deadline));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0) return finish(TcpResult::Kind::error, errno);
      if (ready == 0) return finish(TcpResult::Kind::timeout);
      break;
    }
    int so_error = 0;
    socklen_t len = sizeof(so_error);
    if (::getsockopt(sock.get(), SOL_SOCKET, SO_ERROR, &so_error, &len) != 0) {
      return finish(TcpResult::Kind::error, errno);
    }
    if (so_error == ECONNREFUSED) return finish(TcpResult::Kind::refused, so_error);
    if (is_unreachable(so_error)) return finish(TcpResult::Kind::unreachable, so_error);
    if (so_error == ETIMEDOUT) return finish(TcpResult::Kind::timeout, so_error);
    if (so_error != 0) return finish(TcpResult::Kind::error, so_error);
  }
  if (keep_open) result.fd = sock.release();
  return finish(TcpResult::Kind::connected);
}

std::optional<ProxyUrl> parse_proxy_url(std::string_view text) {
  ProxyUrl url;
  std::size_t scheme = text.find("://");
  if (scheme != std::string_view::npos) {
    std::string_view s = text.substr(0, scheme);
    if (s != "http" && s != "HTTP") return std::nullopt;
    text.remove_prefix(scheme + 3);
    url.port = 80;
  }
  std::size_t slash = text.find('/');
  if (slash != std::string_view::npos) text = text.substr(0, slash);
  std::size_t at = text.rfind('@');
  if (at != std::string_view::npos) text.remove_prefix(at + 1);
  std::string_view port;
  if (text.starts_with('[')) {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    url.host = std::string(text.substr(1, close - 1));
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return std::nullopt;
      port = rest.substr(1);
    }
  } else {
    std::size_t colon = text.rfind(':');
    if (colon != std::string_view::npos) {
      port = text.substr(colon + 1);
      text = text.substr(0, colon);
    }
    url.host = std::string(text);
  }
  if (url.host.empty()) return std::nullopt;
  if (!port.empty()) {
    int p = 0;
    auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (ec != std::errc() || ptr != port.data() + port.size() || p < 1 || p > 65535) {
      return std::nullopt;
    }
    url.port = static_cast<std::uint16_t>(p);
  }
  return url;
}

std::optional<HttpStatus> parse_http_status(std::string_view head) {
  std::size_t eol = head.find('\n');
  if (eol == std::string_view::npos) return std::nullopt;
  std::string_view line = head.substr(0, eol);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (!line.starts_with("HTTP/")) return std::nullopt;
  std::size_t sp = line.find(' ');
  if (sp == std::string_view::npos || line.size() < sp + 4) return std::nullopt;
  std::string_view code = line.substr(sp + 1, 3);
  if (line.size() > sp + 4 && line[sp + 4] != ' ') return std::nullopt;
  HttpStatus status;
  auto [ptr, ec] = std::from_chars(code.data(), code.data() + 3, status.code);
  if (ec != std::errc() || ptr != code.data() + 3 || status.code < 100 || status.code > 999) {
    return std::nullopt;
  }
  status.line = std::string(line.substr(0, std::min<std::size_t>(line.size(), 200)));
  return status;
}

std::string connect_request(std::string_view host, std::uint16_t port) {
  std::string target = host.find(':') != std::string_view::npos ? fmt::format("[{}]:{}", host, port)
                                                                : fmt::format("{}:{}", host, port);
  return fmt::format("CONNECT {0} HTTP/1.1\r\nHost: {0}\r\nUser-Agent: tekigo-probe\r\n\r\n",
                     target);
}

ConnectResult http_connect(const dns::Endpoint& proxy, std::string_view host, std::uint16_t port,
                           Clock::time_point deadline) {
  ConnectResult result;
  auto tcp = tcp_connect(proxy, deadline, true);
  if (tcp.kind != TcpResult::Kind::connected) {
    result.error = tcp.kind == TcpResult::Kind::timeout
                       ? fmt::format("no answer from the proxy {}", proxy.text())
                       : fmt::format("cannot connect to the proxy {}: {}", proxy.text(), tcp.error);
    return result;
  }
  Socket sock(tcp.fd);
  std::string request = connect_request(host, port);
  std::size_t sent = 0;
  while (sent < request.size()) {
    pollfd p{sock.get(), POLLOUT, 0};
    int ready = ::poll(&p, 1, poll_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      result.error = "timed out sending CONNECT to the proxy";
      return result;
    }
    ssize_t n = ::send(sock.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      result.error = fmt::format("sending CONNECT to the proxy failed: {}", errno_text(errno));
      return result;
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string head;
  char buffer[2048];
  while (head.find('\n') == std::string::npos && head.size() < 8192) {
    pollfd p{sock.get(), POLLIN, 0};
    int ready = ::poll(&p, 1, poll_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      result.error = fmt::format("no answer to CONNECT from the proxy {}", proxy.text());
      return result;
    }
    ssize_t n = ::recv(sock.get(), buffer, sizeof(buffer), 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      result.error = fmt::format("reading the proxy's answer failed: {}", errno_text(errno));
      return result;
    }
    if (n == 0) break;
    head.append(buffer, static_cast<std::size_t>(n));
  }
  auto status = parse_http_status(head);
  if (!status) {
    result.error = head.empty() ? "the proxy closed the connection without an answer"
                                : "the proxy's answer is not HTTP";
    return result;
  }
  result.answered = true;
  result.status = *status;
  return result;
}

}  // namespace tekigo::collectors::net
