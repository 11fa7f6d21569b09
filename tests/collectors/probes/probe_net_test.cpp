// Tests for collectors/probe_net and the parts of collectors/probe that need no root: retry
// schedules, proxy URLs and HTTP status lines, and UDP/TCP exchanges and name resolution
// against servers this test runs itself on 127.0.0.1 (loopback only, ephemeral ports).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "collectors/probes/dns_message.hpp"
#include "collectors/probes/probe.hpp"
#include "collectors/probes/probe_net.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo::collectors;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// A socket bound to 127.0.0.1 on an ephemeral port, closed on destruction.
struct LocalSocket {
  int fd = -1;
  std::uint16_t port = 0;
  explicit LocalSocket(int type) {
    fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0);
    socklen_t len = sizeof(a);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
  }
  ~LocalSocket() {
    if (fd >= 0) ::close(fd);
  }
};

// A port on 127.0.0.1 that nothing listens on (bound once, then released).
std::uint16_t unused_port(int type) {
  LocalSocket s(type);
  return s.port;
}

dns::Endpoint local(std::uint16_t port) {
  return *dns::parse_endpoint("127.0.0.1", port);
}

// Answers each datagram with `reply(request)` (nothing when it returns empty), `count` times.
template <typename F>
std::thread udp_responder(int fd, int count, F reply) {
  return std::thread([fd, count, reply] {
    for (int i = 0; i < count; ++i) {
      std::uint8_t buf[2048];
      sockaddr_in from{};
      socklen_t len = sizeof(from);
      timeval tv{3, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
      ssize_t n = ::recvfrom(fd, buf, sizeof(buf), 0, reinterpret_cast<sockaddr*>(&from), &len);
      if (n < 0) return;
      auto out = reply(std::vector<std::uint8_t>(buf, buf + n));
      if (!out.empty()) {
        ::sendto(fd, out.data(), out.size(), 0, reinterpret_cast<sockaddr*>(&from), len);
      }
    }
  });
}

std::string temp_file(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() /
              ("tekigo-probe-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(path) << text;
  return path.string();
}

// A DNS answer to `query` (copied id and question) with the given answer records appended.
std::vector<std::uint8_t> dns_answer(const std::vector<std::uint8_t>& query, int rcode, int ancount,
                                     const std::vector<std::uint8_t>& records) {
  auto out = query;
  out[2] = 0x81;  // QR, RD
  out[3] = static_cast<std::uint8_t>(0x80 | rcode);
  out[7] = static_cast<std::uint8_t>(ancount);
  out.insert(out.end(), records.begin(), records.end());
  return out;
}

}  // namespace

TEST_CASE("retry waits grow by the backoff", "[probe][net]") {
  using ms = std::chrono::milliseconds;
  CHECK(net::retry_waits(3, 500ms, 1.5) == std::vector<ms>{500ms, 750ms, 1125ms});
  CHECK(net::retry_waits(1, 200ms, 2.0) == std::vector<ms>{200ms});
  CHECK(net::retry_waits(0, 100ms, 2.0).size() == 1);                       // at least one try
  CHECK(net::retry_waits(2, 100ms, 0.5) == std::vector<ms>{100ms, 100ms});  // never shrinks
}

TEST_CASE("proxy URLs", "[probe][net]") {
  auto a = net::parse_proxy_url("http://proxy.hospital.example:8080");
  REQUIRE(a);
  CHECK(a->host == "proxy.hospital.example");
  CHECK(a->port == 8080);
  CHECK(net::parse_proxy_url("http://10.0.0.1:3128/")->port == 3128);
  CHECK(net::parse_proxy_url("http://proxy.example")->port == 80);
  CHECK(net::parse_proxy_url("proxy.example:3128")->host == "proxy.example");
  CHECK(net::parse_proxy_url("proxy.example")->port == 8080);
  auto v6 = net::parse_proxy_url("http://[2001:db8::8]:3128");
  REQUIRE(v6);
  CHECK(v6->host == "2001:db8::8");
  CHECK(net::parse_proxy_url("http://user:secret@proxy.example:3128")->host == "proxy.example");
  CHECK_FALSE(net::parse_proxy_url("socks5://proxy.example:1080"));
  CHECK_FALSE(net::parse_proxy_url("http://proxy.example:99999"));
  CHECK_FALSE(net::parse_proxy_url("http://:3128"));
  CHECK_FALSE(net::parse_proxy_url("http://[::1"));
}

TEST_CASE("HTTP status lines", "[probe][net]") {
  auto ok = net::parse_http_status("HTTP/1.1 200 Connection established\r\n\r\n");
  REQUIRE(ok);
  CHECK(ok->code == 200);
  CHECK(ok->line == "HTTP/1.1 200 Connection established");
  CHECK(net::parse_http_status("HTTP/1.0 403 Forbidden\n")->code == 403);
  CHECK(net::parse_http_status("HTTP/1.1 407\r\n")->code == 407);
  CHECK_FALSE(net::parse_http_status("HTTP/1.1 200 OK"));  // no line end yet
  CHECK_FALSE(net::parse_http_status("SSH-2.0-OpenSSH_9.2\r\n"));
  CHECK_FALSE(net::parse_http_status("HTTP/1.1 2x0 OK\r\n"));
  CHECK_FALSE(net::parse_http_status("HTTP/1.1 2000 OK\r\n"));
  CHECK_FALSE(net::parse_http_status("HTTP/1.1\r\n"));
  CHECK(net::connect_request("sec.ccr.ncc.go.jp", 443) ==
        "CONNECT sec.ccr.ncc.go.jp:443 HTTP/1.1\r\nHost: sec.ccr.ncc.go.jp:443\r\n"
        "User-Agent: tekigo-probe\r\n\r\n");
  CHECK(net::connect_request("2001:db8::1", 443).starts_with("CONNECT [2001:db8::1]:443 "));
}

TEST_CASE("a UDP exchange: answered, ignored datagrams, port unreachable, silence",
          "[probe][net]") {
  LocalSocket server(SOCK_DGRAM);
  // Answers that are not the one wanted are ignored, and the probe tries again.
  auto t = udp_responder(server.fd, 2, [](const std::vector<std::uint8_t>&) {
    return std::vector<std::uint8_t>{'n', 'o'};
  });
  std::vector<std::uint8_t> ping = {'p', 'i', 'n', 'g'};
  auto accept_yes = [](std::span<const std::uint8_t> d, std::string& s) {
    bool yes = d.size() == 3;
    s = yes ? "yes" : "not yes";
    return yes;
  };
  auto deadline = Clock::now() + 2s;
  auto r = net::udp_exchange(local(server.port), ping, {200ms, 200ms}, deadline, accept_yes);
  t.join();
  CHECK(r.kind == net::UdpResult::Kind::silent);
  CHECK(r.tries == 2);
  CHECK(r.ignored == 2);
  CHECK(r.last_ignored == "not yes");

  auto t2 = udp_responder(server.fd, 1, [](const std::vector<std::uint8_t>&) {
    return std::vector<std::uint8_t>{'y', 'e', 's'};
  });
  auto r2 = net::udp_exchange(local(server.port), ping, {1000ms}, Clock::now() + 2s, accept_yes);
  t2.join();
  CHECK(r2.kind == net::UdpResult::Kind::answered);
  CHECK(r2.summary == "yes");
  CHECK(r2.reply == std::vector<std::uint8_t>{'y', 'e', 's'});

  auto closed = net::udp_exchange(local(unused_port(SOCK_DGRAM)), ping, {1000ms, 1000ms},
                                  Clock::now() + 3s, accept_yes);
  CHECK(closed.kind == net::UdpResult::Kind::refused);
  CHECK(closed.elapsed < 900ms);  // the ICMP error ends the wait at once

  // The deadline cuts the waits short.
  auto start = Clock::now();
  auto cut =
      net::udp_exchange(local(server.port), ping, {300ms, 300ms, 300ms}, start + 450ms, accept_yes);
  auto took = Clock::now() - start;
  CHECK(cut.kind == net::UdpResult::Kind::silent);
  CHECK(cut.tries == 2);
  CHECK(took >= 440ms);
  CHECK(took < 700ms);
}

TEST_CASE("a TCP connect: open, refused", "[probe][net]") {
  LocalSocket listener(SOCK_STREAM);
  REQUIRE(::listen(listener.fd, 4) == 0);
  auto open = net::tcp_connect(local(listener.port), Clock::now() + 2s);
  CHECK(open.kind == net::TcpResult::Kind::connected);
  CHECK(open.fd == -1);
  auto refused = net::tcp_connect(local(unused_port(SOCK_STREAM)), Clock::now() + 2s);
  CHECK(refused.kind == net::TcpResult::Kind::refused);
}

TEST_CASE("the resolver asks again for the end of a CNAME-only answer", "[probe][net]") {
  // A nameserver that answers `a.example` with only a CNAME to `b.example` (as a resolver
  // that does not chase does), and `b.example` with its A record; AAAA gets NOERROR/empty.
  LocalSocket server(SOCK_DGRAM);
  std::atomic<int> questions{0};
  auto t = udp_responder(server.fd, 3, [&](const std::vector<std::uint8_t>& q) {
    ++questions;
    auto decoded = dns::decode_message(q);
    if (!decoded.message) return std::vector<std::uint8_t>{};
    const auto& m = *decoded.message;
    if (m.question_type != dns::kTypeA) return dns_answer(q, 0, 0, {});
    if (m.question_name == "a.example") {
      // c00c CNAME IN ttl 60, rdata: 1 'b' + pointer to "example" at 14.
      return dns_answer(q, 0, 1, {0xc0, 0x0c, 0, 5, 0, 1, 0, 0, 0, 60, 0, 4, 1, 'b', 0xc0, 14});
    }
    return dns_answer(q, 0, 1, {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 77});
  });
  ProbeOptions o;
  o.hosts_file = temp_file("hosts", "127.0.0.1 localhost\n");
  o.nameservers = {"127.0.0.1:" + std::to_string(server.port)};
  o.deadline = 3s;
  auto r = resolve_names({"a.example"}, o);
  t.join();
  std::filesystem::remove(o.hosts_file);
  REQUIRE(r.size() == 1);
  INFO(r[0].detail);
  CHECK(r[0].source == NameSource::dns);
  CHECK(r[0].addresses == std::vector<std::string>{"192.0.2.77"});
  CHECK(r[0].detail.find("a.example → b.example") != std::string::npos);
  CHECK(questions == 3);  // A a.example, AAAA a.example, A b.example
}

TEST_CASE("resolution without a usable resolver says why", "[probe][net]") {
  ProbeOptions o;
  o.hosts_file = "/nonexistent/hosts";
  o.resolv_conf = temp_file("resolv.conf", "# none\nnameserver not-an-address\n");
  o.deadline = 1s;
  o.nameservers.clear();
  auto closed = unused_port(SOCK_DGRAM);
  // A resolv.conf without a usable nameserver line: like the C library, try 127.0.0.1:53.
  auto r = resolve_names({"sec.ccr.ncc.go.jp"}, o);
  REQUIRE(r.size() == 1);
  INFO(r[0].detail);
  CHECK(r[0].detail.find("hosts file unreadable") != std::string::npos);
  CHECK(r[0].detail.find("names no nameserver; tried 127.0.0.1") != std::string::npos);
  std::filesystem::remove(o.resolv_conf);

  o.nameservers = {"127.0.0.1:" + std::to_string(closed)};
  auto r2 = resolve_names({"sec.ccr.ncc.go.jp"}, o);
  INFO(r2[0].detail);
  CHECK(r2[0].source == NameSource::none);
  CHECK(r2[0].detail.find("port unreachable") != std::string::npos);

  o.proxy = "socks5://127.0.0.1:1080";
  auto r3 = resolve_names({"sec.ccr.ncc.go.jp"}, o);
  INFO(r3[0].detail);
  CHECK(r3[0].source == NameSource::none);
  CHECK(r3[0].detail.find("proxy not asked") != std::string::npos);
}

TEST_CASE("probes of names that did not resolve are errors, and the facts validate",
          "[probe][net]") {
  std::vector<ResolvedName> resolved = {
      {"sec.ccr.ncc.go.jp", {}, NameSource::none, "NXDOMAIN"},
      {"mio.ccr.ncc.go.jp", {}, NameSource::proxy, "only the proxy"},
      {"blocked.example", {"0.0.0.0"}, NameSource::hosts, "hosts file /etc/hosts line 9"},
  };
  std::vector<tekigo::engine::ProbeTarget> targets = {
      {"sec.ccr.ncc.go.jp", "udp", 500, {"219.97.232.64"}, "r1"},
      {"mio.ccr.ncc.go.jp", "tcp", 443, {}, "r2"},
      {"other.example", "tcp", 443, {}, "r3"},
      {"blocked.example", "tcp", 443, {}, "r4"},
  };
  auto probed = run_probes(targets, resolved, {});
  REQUIRE(probed.size() == 4);
  for (const auto& p : probed) {
    CHECK(p.state == ReachState::error);
    CHECK(p.address.empty());
  }
  CHECK(probed[0].detail.find("the document's address 219.97.232.64 was not probed") !=
        std::string::npos);
  CHECK(probed[1].detail.find("source proxy") != std::string::npos);
  CHECK(probed[2].detail.find("was not resolved") != std::string::npos);
  CHECK(probed[3].detail.find("unspecified address 0.0.0.0") != std::string::npos);

  auto facts = tekigo::engine::FactValue::map(
      {{"dns", dns_facts(resolved)}, {"reach", reach_facts(probed)}});
  CHECK(tekigo::engine::validate_facts(facts, "probe", false).empty());
  CHECK(facts.find("reach")->as_list()[0].find("state")->as_string() == "error");
  CHECK(facts.find("dns")->as_list()[1].find("source")->as_string() == "proxy");
}
