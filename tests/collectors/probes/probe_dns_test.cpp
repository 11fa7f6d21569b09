// Tests for collectors/dns_message and collectors/dns_config: queries byte for byte, answers
// recorded from a real dnsmasq, hostile and truncated answers, hosts files, resolv.conf.
//
// The recorded answers come from dnsmasq 2.90 (Debian 12) as set up by
// tests/probes/run_probe_tests.sh, captured on the namespace's loopback with tcpdump
// (TEKIGO_PROBE_PCAP) while the probe tests ran; each is the UDP payload, as hex.
#include <catch2/catch.hpp>

#include <random>

#include "collectors/probes/dns_config.hpp"
#include "collectors/probes/dns_message.hpp"
#include "support/probe_test_util.hpp"

using namespace tekigo::collectors::dns;
using tekigo::test::from_hex;
using tekigo::test::to_hex;

namespace {

// Query id 0x6d6b: A sec.ccr.ncc.go.jp → 127.0.0.10 (--address=/sec.ccr.ncc.go.jp/127.0.0.10).
// The answer's owner is the compression pointer c00c.
const char* const kAnswerSecA =
    "6d6b858000010001000000000373656303636372036e636302676f026a700000010001c00c00010001000000000004"
    "7f"
    "00000a";
// Query id 0x0b5b: AAAA sec.ccr.ncc.go.jp → REFUSED (dnsmasq has no AAAA for it and no upstream).
const char* const kAnswerSecAaaaRefused =
    "0b5b818500010000000000000373656303636372036e636302676f026a7000001c0001";
// Query id 0xda78: A nowhere.tekigo.test → NXDOMAIN (--local=/tekigo.test/).
const char* const kAnswerNxDomain =
    "da7881830001000000000000076e6f77686572650674656b69676f04746573740000010001";
// Query id 0x06a8: A alias2.tekigo.test → CNAME alias.tekigo.test → CNAME target.tekigo.test →
// A 127.0.0.12 (--cname twice and --host-record), owners compressed (c00c, c030, c04f).
const char* const kAnswerCnameChainA =
    "06a88580000100030000000006616c696173320674656b69676f04746573740000010001c00c000500010000000000"
    "13"
    "05616c6961730674656b69676f047465737400c03000050001000000000014067461726765740674656b69676f0474"
    "65"
    "737400c04f000100010000000000047f00000c";
// Query id 0x4ab7: the same chain for AAAA → ::1.
const char* const kAnswerCnameChainAaaa =
    "4ab78580000100030000000006616c696173320674656b69676f047465737400001c0001c00c000500010000000000"
    "13"
    "05616c6961730674656b69676f047465737400c03000050001000000000014067461726765740674656b69676f0474"
    "65"
    "737400c04f001c000100000000001000000000000000000000000000000001";

}  // namespace

TEST_CASE("a query is a standard recursive question, byte for byte", "[probe][dns]") {
  // The same bytes dnsmasq received in the capture (query id 0x6d6b).
  auto q = encode_query(0x6d6b, "sec.ccr.ncc.go.jp", kTypeA);
  REQUIRE(q);
  CHECK(to_hex(*q) == "6d6b010000010000000000000373656303636372036e636302676f026a700000010001");
  auto q6 = encode_query(0x0b5b, "SEC.ccr.ncc.go.jp.", kTypeAaaa);  // case kept, final dot dropped
  REQUIRE(q6);
  CHECK(to_hex(*q6) == "0b5b010000010000000000000353454303636372036e636302676f026a7000001c0001");
}

TEST_CASE("names that cannot be queried are refused before sending", "[probe][dns]") {
  CHECK_FALSE(encode_query(1, "", kTypeA));
  CHECK_FALSE(encode_query(1, ".", kTypeA));
  CHECK_FALSE(encode_query(1, "a..b", kTypeA));
  CHECK_FALSE(encode_query(1, ".a", kTypeA));
  CHECK_FALSE(encode_query(1, std::string(64, 'a') + ".jp", kTypeA));
  CHECK(encode_query(1, std::string(63, 'a') + ".jp", kTypeA));
  std::string long_name;
  for (int i = 0; i < 50; ++i) long_name += "abcd.";
  long_name += "jp";  // 252 characters
  CHECK(encode_query(1, long_name, kTypeA));
  CHECK_FALSE(encode_query(1, "x" + long_name + "x", kTypeA));
}

TEST_CASE("dnsmasq's A answer decodes with its compressed owner", "[probe][dns]") {
  auto bytes = from_hex(kAnswerSecA);
  auto d = decode_message(bytes);
  REQUIRE(d.message);
  const Message& m = *d.message;
  CHECK(m.id == 0x6d6b);
  CHECK(m.response);
  CHECK(m.authoritative);
  CHECK(m.recursion_available);
  CHECK(m.rcode == kRcodeNoError);
  CHECK(m.question_name == "sec.ccr.ncc.go.jp");
  CHECK(m.question_type == kTypeA);
  REQUIRE(m.answers.size() == 1);
  CHECK(m.answers[0].owner == "sec.ccr.ncc.go.jp");
  CHECK(m.answers[0].type == kTypeA);
  CHECK(m.answers[0].ttl == 0);
  CHECK(m.answers[0].data == "127.0.0.10");
  CHECK(answers_query(m, 0x6d6b, "SEC.ccr.ncc.go.jp.", kTypeA));
  CHECK_FALSE(answers_query(m, 0x6d6c, "sec.ccr.ncc.go.jp", kTypeA));  // another id
  CHECK_FALSE(answers_query(m, 0x6d6b, "mio.ccr.ncc.go.jp", kTypeA));  // another question
  CHECK_FALSE(answers_query(m, 0x6d6b, "sec.ccr.ncc.go.jp", kTypeAaaa));
  auto r = follow_cnames(m, "sec.ccr.ncc.go.jp", kTypeA);
  CHECK(r.addresses == std::vector<std::string>{"127.0.0.10"});
  CHECK(r.chain == std::vector<std::string>{"sec.ccr.ncc.go.jp"});
}

TEST_CASE("REFUSED and NXDOMAIN answers carry their codes", "[probe][dns]") {
  auto refused = decode_message(from_hex(kAnswerSecAaaaRefused));
  REQUIRE(refused.message);
  CHECK(refused.message->rcode == kRcodeRefused);
  CHECK(rcode_name(refused.message->rcode) == "REFUSED");
  CHECK(refused.message->answers.empty());
  CHECK(answers_query(*refused.message, 0x0b5b, "sec.ccr.ncc.go.jp", kTypeAaaa));

  auto nx = decode_message(from_hex(kAnswerNxDomain));
  REQUIRE(nx.message);
  CHECK(nx.message->rcode == kRcodeNxDomain);
  CHECK(rcode_name(nx.message->rcode) == "NXDOMAIN");
  CHECK(nx.message->question_name == "nowhere.tekigo.test");
  CHECK(rcode_name(14) == "RCODE14");
}

TEST_CASE("a CNAME chain is followed to its addresses", "[probe][dns]") {
  auto a = decode_message(from_hex(kAnswerCnameChainA));
  REQUIRE(a.message);
  REQUIRE(a.message->answers.size() == 3);
  CHECK(a.message->answers[0].type == kTypeCname);
  CHECK(a.message->answers[0].data == "alias.tekigo.test");
  CHECK(a.message->answers[1].owner == "alias.tekigo.test");  // owner via pointer c030
  CHECK(a.message->answers[2].owner == "target.tekigo.test");
  auto ra = follow_cnames(*a.message, "alias2.tekigo.test", kTypeA);
  CHECK(ra.addresses == std::vector<std::string>{"127.0.0.12"});
  CHECK(ra.chain ==
        std::vector<std::string>{"alias2.tekigo.test", "alias.tekigo.test", "target.tekigo.test"});
  CHECK(ra.end == "target.tekigo.test");
  CHECK_FALSE(ra.loop);

  auto aaaa = decode_message(from_hex(kAnswerCnameChainAaaa));
  REQUIRE(aaaa.message);
  auto r6 = follow_cnames(*aaaa.message, "alias2.tekigo.test", kTypeAaaa);
  CHECK(r6.addresses == std::vector<std::string>{"::1"});

  // Records for other names are not taken: an A record for an unrelated owner does not count.
  Message m;
  m.answers.push_back({"other.example", kTypeA, kClassIn, 0, "192.0.2.1"});
  m.answers.push_back({"a.example", kTypeCname, kClassIn, 0, "b.example"});
  auto only_cname = follow_cnames(m, "a.example", kTypeA);
  CHECK(only_cname.addresses.empty());
  CHECK(only_cname.end == "b.example");  // the caller asks for b.example next
}

TEST_CASE("a CNAME loop is reported, not followed forever", "[probe][dns]") {
  Message m;
  m.answers.push_back({"a.example", kTypeCname, kClassIn, 0, "b.example"});
  m.answers.push_back({"b.example", kTypeCname, kClassIn, 0, "a.example"});
  m.answers.push_back({"a.example", kTypeA, kClassIn, 0, "192.0.2.1"});
  auto r = follow_cnames(m, "a.example", kTypeA);
  CHECK(r.loop);
  CHECK(r.addresses.empty());
}

TEST_CASE("truncated answers are errors at every length", "[probe][dns]") {
  for (const char* hex :
       {kAnswerSecA, kAnswerCnameChainA, kAnswerCnameChainAaaa, kAnswerNxDomain}) {
    auto full = from_hex(hex);
    for (std::size_t n = 0; n < full.size(); ++n) {
      std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<long>(n));
      auto d = decode_message(cut);
      INFO("cut at " << n << " of " << full.size());
      CHECK_FALSE(d.message);
      CHECK_FALSE(d.error.empty());
    }
    CHECK(decode_message(full).message);
  }
}

TEST_CASE("hostile compression pointers are refused", "[probe][dns]") {
  // Header (1 question), then a name that is a pointer to itself.
  auto self = from_hex("000181800001000000000000c00c00010001");
  auto d = decode_message(self);
  CHECK_FALSE(d.message);
  CHECK(d.error.find("does not point back") != std::string::npos);
  // A forward pointer (to byte 20, past the name).
  CHECK_FALSE(decode_message(from_hex("000181800001000000000000c014000100010000")).message);
  // Two names pointing at each other: question "a" + pointer to the answer's owner, whose
  // pointer leads back into the question.
  auto pingpong = from_hex(
      "000181800001000100000000"                // header
      "0161c01a00010001"                        // question: a.<ptr 0x1a>  A IN
      "0162c00c0001000100000000000400000000");  // answer owner b.<ptr 0x0c>
  CHECK_FALSE(decode_message(pingpong).message);
  // An unknown label type (0x40).
  CHECK_FALSE(decode_message(from_hex("0001818000010000000000004161000001000100")).message);
  // Answer counts that promise more records than there are.
  auto promise = from_hex(kAnswerSecA);
  promise[7] = 5;  // ANCOUNT 5
  CHECK_FALSE(decode_message(promise).message);
}

TEST_CASE("random garbage never crashes the decoder", "[probe][dns]") {
  std::mt19937 rng(20240611);
  auto base = from_hex(kAnswerCnameChainA);
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::uint8_t> bytes;
    if (i % 2 == 0) {
      bytes.resize(rng() % 200);
      for (auto& b : bytes) b = static_cast<std::uint8_t>(rng());
    } else {
      bytes = base;  // a real answer with a few bytes flipped
      for (int k = 0; k < 3; ++k) bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng());
    }
    auto d = decode_message(bytes);
    if (d.message) {
      (void)follow_cnames(*d.message, d.message->question_name, kTypeA);
    } else {
      CHECK_FALSE(d.error.empty());
    }
  }
}

TEST_CASE("odd bytes in labels are escaped, not passed through", "[probe][dns]") {
  // Question name "a.b" with a dot and a NUL inside the first label.
  auto bytes = from_hex("00018180000100000000000003612e00016200000100 01");
  auto d = decode_message(bytes);
  REQUIRE(d.message);
  CHECK(d.message->question_name == "a\\046\\000.b");
}

TEST_CASE("hosts files are read as the C library reads them", "[probe][dns]") {
  const char* text =
      "# comment line\r\n"
      "127.0.0.1\tlocalhost\r\n"
      "219.97.232.64  SEC.ccr.ncc.go.jp sec   # the VPN\n"
      "\n"
      "   133.162.82.105 mio.ccr.ncc.go.jp\n"
      "2001:db8::1 sec.ccr.ncc.go.jp.\n"
      "fe80::1%eth0 link.local\n"
      "not-an-address sec.ccr.ncc.go.jp\n"
      "192.0.2.7\n"
      "219.97.232.64 sec.ccr.ncc.go.jp\n"
      "010.0.0.1 octal.example\n";
  auto entries = parse_hosts(text);
  REQUIRE(entries.size() == 6);
  CHECK(entries[0].line == 2);
  CHECK(entries[1].names == std::vector<std::string>{"SEC.ccr.ncc.go.jp", "sec"});
  CHECK(entries[4].address == "fe80::1");  // zone dropped
  auto sec = hosts_lookup(entries, "sec.ccr.ncc.go.jp");
  CHECK(sec.addresses == std::vector<std::string>{"219.97.232.64", "2001:db8::1"});
  CHECK(sec.line == 3);
  CHECK(hosts_lookup(entries, "Sec.Ccr.Ncc.Go.Jp.").line == 3);
  CHECK(hosts_lookup(entries, "mio.ccr.ncc.go.jp").addresses ==
        std::vector<std::string>{"133.162.82.105"});
  CHECK(hosts_lookup(entries, "ccr.ncc.go.jp").addresses.empty());
  CHECK(hosts_lookup(entries, "octal.example").addresses.empty());
  CHECK(hosts_lookup(entries, "").addresses.empty());
  CHECK(parse_hosts("").empty());
}

TEST_CASE("resolv.conf gives nameservers and options", "[probe][dns]") {
  const char* text =
      "# Generated by NetworkManager\n"
      "search corp.example hospital.example\n"
      "nameserver 192.0.2.53\n"
      "nameserver   2001:db8::53 ; trailing comment\n"
      "nameserver fe80::1%eth0\n"
      "nameserver dns.example\n"
      "options edns0 timeout:2 attempts:3 rotate\n"
      "domain only.example\n";
  auto conf = parse_resolv_conf(text);
  CHECK(conf.nameservers == std::vector<std::string>{"192.0.2.53", "2001:db8::53", "fe80::1%eth0"});
  CHECK(conf.search == std::vector<std::string>{"only.example"});
  CHECK(conf.timeout_seconds == 2);
  CHECK(conf.attempts == 3);
  CHECK(conf.rotate);
  auto empty = parse_resolv_conf("options timeout:999 attempts:x\n");
  CHECK(empty.nameservers.empty());
  CHECK(empty.timeout_seconds == 30);
  CHECK(empty.attempts == 2);
}

TEST_CASE("nameserver endpoints with and without ports", "[probe][dns]") {
  auto a = parse_endpoint("127.0.0.1:5353", 53);
  REQUIRE(a);
  CHECK(a->port == 5353);
  CHECK(a->text() == "127.0.0.1:5353");
  CHECK(parse_endpoint("192.0.2.53", 53)->text() == "192.0.2.53:53");
  CHECK(parse_endpoint("::1", 53)->text() == "[::1]:53");
  CHECK(parse_endpoint("[::1]:5353", 53)->text() == "[::1]:5353");
  CHECK(parse_endpoint("fe80::1%eth0", 53)->text() == "[fe80::1]:53");
  CHECK_FALSE(parse_endpoint("127.0.0.1:", 53));
  CHECK_FALSE(parse_endpoint("127.0.0.1:70000", 53));
  CHECK_FALSE(parse_endpoint("127.0.0.1:0", 53));
  CHECK_FALSE(parse_endpoint("dns.example:53", 53));
  CHECK_FALSE(parse_endpoint("[::1", 53));
  CHECK_FALSE(parse_endpoint("[::1]x", 53));
  CHECK_FALSE(parse_endpoint("", 53));
}
