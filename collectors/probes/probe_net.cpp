// collectors: UDP exchanges, TCP connects and HTTP CONNECT with deadlines, written against
// the socket seam (socket_api.hpp), so the same code runs on Linux, macOS and Windows.
#include "collectors/probes/probe_net.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "collectors/seams/socket_api.hpp"
#include "collectors/seams/system_api.hpp"

namespace tekigo::collectors::net {

namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

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
  sys::random_bytes(out);
}

UdpResult udp_exchange(const dns::Endpoint& to, std::span<const std::uint8_t> message,
                       const std::vector<milliseconds>& waits, Clock::time_point deadline,
                       const Acceptor& accept) {
  UdpResult result;
  auto start = Clock::now();
  auto finish = [&](UdpResult::Kind kind, const SocketError& err = {}) {
    result.kind = kind;
    if (err) result.error = err.text();
    result.elapsed = since(start);
    return result;
  };
  // On a connected UDP socket an ICMP port unreachable comes back as ECONNREFUSED (Linux,
  // macOS) or WSAECONNRESET (Windows).
  auto port_unreachable = [](const SocketError& e) {
    return e.kind == ErrorKind::refused || e.kind == ErrorKind::reset;
  };
  SocketError err;
  Socket sock = open_socket(to, Transport::udp, err);
  if (!sock.valid()) return finish(UdpResult::Kind::error, err);
  if (err = connect_socket(sock, to); err) {
    return finish(UdpResult::Kind::error, err);  // no route, no address family, …
  }
  std::vector<std::uint8_t> buffer(65536);
  for (auto wait : waits) {
    if (Clock::now() >= deadline) break;
    if (send_bytes(sock, message, err) < 0) {
      if (port_unreachable(err)) return finish(UdpResult::Kind::refused, err);
      if (err.kind == ErrorKind::would_block || err.kind == ErrorKind::interrupted) continue;
      // An ICMP error for an earlier try can surface here too.
      if (err.kind == ErrorKind::unreachable && result.tries > 0)
        return finish(UdpResult::Kind::unreachable, err);
      return finish(UdpResult::Kind::error, err);
    }
    ++result.tries;
    auto until = std::min(Clock::now() + wait, deadline);
    while (true) {
      if (wait_for(sock, Wait::readable, until, err) != Readiness::ready) {
        break;  // this wait is over: try again
      }
      std::ptrdiff_t n = receive_bytes(sock, buffer, err);
      if (n < 0) {
        if (err.kind == ErrorKind::would_block || err.kind == ErrorKind::interrupted) continue;
        if (port_unreachable(err)) return finish(UdpResult::Kind::refused, err);
        if (err.kind == ErrorKind::unreachable) return finish(UdpResult::Kind::unreachable, err);
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
  auto finish = [&](TcpResult::Kind kind, const SocketError& err = {}) {
    result.kind = kind;
    if (err) result.error = err.text();
    result.elapsed = since(start);
    return result;
  };
  SocketError err;
  Socket sock = open_socket(to, Transport::tcp, err);
  if (!sock.valid()) return finish(TcpResult::Kind::error, err);
  if (err = connect_socket(sock, to); err) {
    if (err.kind == ErrorKind::refused) return finish(TcpResult::Kind::refused, err);
    if (err.kind != ErrorKind::in_progress) {
      return finish(TcpResult::Kind::error, err);  // no route, EPERM, …
    }
    switch (wait_for(sock, Wait::writable, deadline, err)) {
      case Readiness::failed:
        return finish(TcpResult::Kind::error, err);
      case Readiness::timeout:
        return finish(TcpResult::Kind::timeout);
      case Readiness::ready:
        break;
    }
    err = pending_error(sock);
    if (err.kind == ErrorKind::refused) return finish(TcpResult::Kind::refused, err);
    if (err.kind == ErrorKind::unreachable) return finish(TcpResult::Kind::unreachable, err);
    if (err.kind == ErrorKind::timed_out) return finish(TcpResult::Kind::timeout, err);
    if (err) return finish(TcpResult::Kind::error, err);
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
  auto bytes = std::as_bytes(std::span(request));
  std::size_t sent = 0;
  SocketError err;
  while (sent < request.size()) {
    if (wait_for(sock, Wait::writable, deadline, err) != Readiness::ready) {
      result.error = "timed out sending CONNECT to the proxy";
      return result;
    }
    std::span<const std::uint8_t> rest(reinterpret_cast<const std::uint8_t*>(bytes.data()) + sent,
                                       request.size() - sent);
    std::ptrdiff_t n = send_bytes(sock, rest, err);
    if (n < 0) {
      if (err.kind == ErrorKind::would_block || err.kind == ErrorKind::interrupted) continue;
      result.error = fmt::format("sending CONNECT to the proxy failed: {}", err.text());
      return result;
    }
    sent += static_cast<std::size_t>(n);
  }
  std::string head;
  std::array<std::uint8_t, 2048> buffer{};
  while (head.find('\n') == std::string::npos && head.size() < 8192) {
    if (wait_for(sock, Wait::readable, deadline, err) != Readiness::ready) {
      result.error = fmt::format("no answer to CONNECT from the proxy {}", proxy.text());
      return result;
    }
    std::ptrdiff_t n = receive_bytes(sock, buffer, err);
    if (n < 0) {
      if (err.kind == ErrorKind::would_block || err.kind == ErrorKind::interrupted) continue;
      result.error = fmt::format("reading the proxy's answer failed: {}", err.text());
      return result;
    }
    if (n == 0) break;
    head.append(reinterpret_cast<const char*>(buffer.data()), static_cast<std::size_t>(n));
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
