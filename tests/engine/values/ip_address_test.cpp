// tests/engine: IpAddress, ports and protocols — strict parsing, RFC 5952 canonical text, order.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/values/ip_address.hpp"

using tekigo::engine::IpAddress;
using tekigo::engine::parse_port;
using tekigo::engine::parse_protocol;
using tekigo::engine::Protocol;

namespace {

IpAddress ip(std::string_view text) {
  const auto a = IpAddress::parse(text);
  REQUIRE(a.has_value());
  return *a;
}

}  // namespace

TEST_CASE("IpAddress: IPv4 dotted quads", "[values][ip_address]") {
  for (const char* text : {"0.0.0.0", "1.2.3.4", "255.255.255.255", "192.168.0.1", "10.0.0.255",
                           "127.0.0.1", "100.64.0.10"}) {
    INFO(text);
    const IpAddress a = ip(text);
    CHECK(a.family() == IpAddress::Family::v4);
    CHECK(a.text() == text);
    CHECK_FALSE(a.is_v4_mapped());
  }
  const IpAddress a = ip("192.168.10.254");
  const std::array<std::uint8_t, 16> expected{192, 168, 10, 254};
  CHECK(a.bytes() == expected);
  CHECK(IpAddress::from_v4({192, 168, 10, 254}) == a);
}

TEST_CASE("IpAddress: malformed IPv4 is rejected", "[values][ip_address]") {
  const std::vector<std::string> bad{
      "",           "1",         "1.2",
      "1.2.3",      "1.2.3.4.5", "256.1.1.1",
      "1.2.3.256",  "1.2.3.-1",  "010.0.0.1",
      "1.2.3.04",   "00.1.1.1",  "1.2.3.00",
      "1..3.4",     ".1.2.3",    "1.2.3.",
      " 1.2.3.4",   "1.2.3.4 ",  "1.2.3.4/24",
      "1.2.3.4:80", "0x1.2.3.4", "1.2.3.a",
      "1234.1.1.1", "1.2.3.4\n", "1.2.3.+4",
      "1,2,3,4",    "1.2.3.4.",  "999.999.999.999",
      "localhost",  "1.2.3.4%0", "[1.2.3.4]",
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(IpAddress::parse(text).has_value());
  }
}

TEST_CASE("IpAddress: IPv6 text is canonicalised per RFC 5952", "[values][ip_address]") {
  struct Case {
    std::string input;
    std::string canonical;
  };
  const std::vector<Case> cases{
      {"::", "::"},
      {"0:0:0:0:0:0:0:0", "::"},
      {"0000::0000", "::"},
      {"::1", "::1"},
      {"0:0:0:0:0:0:0:1", "::1"},
      {"2001:DB8::1", "2001:db8::1"},
      {"2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"},
      {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},     // tie: first run
      {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"},  // single zero group kept
      {"2001:0:0:1:0:0:0:1", "2001:0:0:1::1"},           // longest run wins
      {"1:0:0:0:1:0:0:0", "1::1:0:0:0"},                 // tie at the end: first run
      {"1:0:0:0:0:0:0:0", "1::"},
      {"1::", "1::"},
      {"1:0::", "1::"},
      {"fe80::1:2", "fe80::1:2"},
      {"FE80:0000:0000:0000:0202:B3FF:FE1E:8329", "fe80::202:b3ff:fe1e:8329"},
      {"::ffff:1.2.3.4", "::ffff:1.2.3.4"},
      {"::FFFF:1.2.3.4", "::ffff:1.2.3.4"},
      {"::ffff:0102:0304", "::ffff:1.2.3.4"},
      {"0:0:0:0:0:ffff:192.168.1.1", "::ffff:192.168.1.1"},
      {"::1.2.3.4", "::102:304"},  // IPv4-compatible (deprecated): plain hex
      {"64:ff9b::192.0.2.33", "64:ff9b::c000:221"},
      {"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"},
      {"1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"},
      {"::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"},
      {"1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"},
      {"ABCD:EF01:2345:6789:abcd:ef01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"},
      {"2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"},
      {"2001:db8::0:1", "2001:db8::1"},
      {"0:1:0:0:0:0:0:0", "0:1::"},
      {"0:0:1:0:0:0:0:1", "0:0:1::1"},
      {"ff02::1:ff00:0", "ff02::1:ff00:0"},
  };
  for (const auto& c : cases) {
    INFO(c.input);
    const IpAddress a = ip(c.input);
    CHECK(a.family() == IpAddress::Family::v6);
    CHECK(a.text() == c.canonical);
    // Canonical text is a fixed point.
    CHECK(ip(a.text()) == a);
    CHECK(ip(a.text()).text() == c.canonical);
  }
}

TEST_CASE("IpAddress: malformed IPv6 is rejected", "[values][ip_address]") {
  const std::vector<std::string> bad{
      ":",
      ":::",
      "1:::2",
      "1::2::3",
      "::1::",
      ":1::2",
      "1::2:",
      ":1:2:3:4:5:6:7:8",
      "1:2:3:4:5:6:7:8:",
      "1:2:3:4:5:6:7",
      "1:2:3:4:5:6:7:8:9",
      "::1:2:3:4:5:6:7:8",
      "1:2:3:4::5:6:7:8",
      "1::2:3:4:5:6:7:8",
      "12345::",
      "g::1",
      "::1%eth0",
      "fe80::1%1",
      "[::1]",
      "::1/128",
      "::ffff:1.2.3",
      "::ffff:256.1.1.1",
      "::ffff:01.2.3.4",
      "1.2.3.4::",
      "::1.2.3.4:5",
      "1:2:3:4:5:6:7:1.2.3.4",
      "::ffff:1.2.3.4.5",
      " ::1",
      "::1 ",
      "1:2",
      "::-1",
      "::+1",
      ":: 1",
      "::0x1",
      "1:2:3:4:5:6:7:8::",
      "::ffff:1.2.3.4/96",
      "2001:db8::1::",
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(IpAddress::parse(text).has_value());
  }
}

TEST_CASE("IpAddress: bytes are in network order", "[values][ip_address]") {
  const std::array<std::uint8_t, 16> db8{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0,
                                         0,    0,    0,    0,    0, 0, 0, 1};
  CHECK(ip("2001:db8::1").bytes() == db8);
  CHECK(IpAddress::from_v6(db8) == ip("2001:db8::1"));
  const std::array<std::uint8_t, 16> mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4};
  CHECK(ip("::ffff:1.2.3.4").bytes() == mapped);
}

TEST_CASE("IpAddress: equality and order are by value", "[values][ip_address]") {
  CHECK(ip("::FFFF:1.2.3.4") == ip("::ffff:1.2.3.4"));
  CHECK(ip("::ffff:1.2.3.4") == ip("::ffff:102:304"));
  CHECK(ip("2001:db8::1") == ip("2001:0DB8:0:0:0:0:0:1"));
  CHECK(ip("::") == ip("0:0:0:0:0:0:0:0"));
  CHECK(ip("1.2.3.4") != ip("::ffff:1.2.3.4"));
  CHECK(ip("0.0.0.0") != ip("::"));

  CHECK(ip("::ffff:1.2.3.4").is_v4_mapped());
  CHECK_FALSE(ip("::1.2.3.4").is_v4_mapped());
  CHECK_FALSE(ip("1.2.3.4").is_v4_mapped());
  CHECK(ip("::ffff:1.2.3.4").unmapped() == ip("1.2.3.4"));
  CHECK(ip("::ffff:1.2.3.4").unmapped().family() == IpAddress::Family::v4);
  CHECK(ip("2001:db8::1").unmapped() == ip("2001:db8::1"));
  CHECK(ip("1.2.3.4").unmapped() == ip("1.2.3.4"));

  // Numeric, not textual, order; every v4 before every v6.
  const std::vector<std::string> ascending{
      "0.0.0.0",
      "1.2.3.4",
      "1.2.3.5",
      "9.0.0.0",
      "10.0.0.0",
      "192.168.0.1",
      "255.255.255.255",
      "::",
      "::1",
      "::2",
      "::a",
      "::10",
      "::ffff:1.2.3.4",
      "2001:db8::1",
      "fe80::1",
      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  };
  for (std::size_t i = 0; i < ascending.size(); ++i) {
    for (std::size_t j = 0; j < ascending.size(); ++j) {
      INFO(ascending[i] << " vs " << ascending[j]);
      CHECK(((ip(ascending[i]) <=> ip(ascending[j])) < 0) == (i < j));
      CHECK((ip(ascending[i]) == ip(ascending[j])) == (i == j));
    }
  }
}

TEST_CASE("Protocol: tcp and udp in any case", "[values][port]") {
  CHECK(parse_protocol("tcp") == Protocol::tcp);
  CHECK(parse_protocol("TCP") == Protocol::tcp);
  CHECK(parse_protocol("Tcp") == Protocol::tcp);
  CHECK(parse_protocol("udp") == Protocol::udp);
  CHECK(parse_protocol("UDP") == Protocol::udp);
  CHECK(parse_protocol("uDp") == Protocol::udp);
  CHECK(tekigo::engine::to_string(Protocol::tcp) == "tcp");
  CHECK(tekigo::engine::to_string(Protocol::udp) == "udp");
  for (const auto p : {Protocol::tcp, Protocol::udp}) {
    CHECK(parse_protocol(tekigo::engine::to_string(p)) == p);
  }
  for (const char* text : {"", "tc", "tcp ", " tcp", "sctp", "icmp", "tcp6", "t cp", "http", "udp/",
                           "tcpudp", "TCP\n"}) {
    INFO('"' << text << '"');
    CHECK_FALSE(parse_protocol(text).has_value());
  }
}

TEST_CASE("Port: decimal 1..65535 without leading zeros", "[values][port]") {
  const std::vector<std::pair<std::string, int>> good{
      {"1", 1},       {"22", 22},       {"80", 80},       {"443", 443},
      {"8080", 8080}, {"10000", 10000}, {"65535", 65535},
  };
  for (const auto& [text, value] : good) {
    INFO(text);
    REQUIRE(parse_port(text).has_value());
    CHECK(*parse_port(text) == value);
  }
  const std::vector<std::string> bad{
      "",   "0",    "00",  "080",  "65536", "99999",  "100000",     "-1",     "+80",   " 80", "80 ",
      "8o", "0x50", "1e3", "80.0", "http",  "22/tcp", "4294967377", "65535 ", "1,000", "٣",
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(parse_port(text).has_value());
  }
}
