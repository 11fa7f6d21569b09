// Tests for collectors/dtls_message: the ClientHello byte for byte, and the classification of
// answers recorded from a real OpenSSL DTLS server.
//
// Recorded with tcpdump on a test namespace's loopback (OpenSSL 3.0.x of Debian 12):
//  - kClientHello and kHelloVerifyRequest: our probe and `openssl s_server -dtls1_2 -listen`
//    as run by tests/probes/run_probe_tests.sh (TEKIGO_PROBE_PCAP);
//  - kServerHello: the start of the server's flight when `openssl s_client -dtls1_2`
//    completed a handshake with the same server (after the cookie exchange): the whole
//    ServerHello record and the first 11 bytes of the next record (the datagram had 645);
//  - kEncryptedAlert: that server's close_notify, sent under epoch 1.
#include <catch2/catch.hpp>

#include <random>

#include "collectors/probes/dtls_message.hpp"
#include "support/probe_test_util.hpp"

using namespace tekigo::collectors::dtls;
using tekigo::test::from_hex;
using tekigo::test::to_hex;

namespace {

const char* const kClientHello =
    "16fefd0000000000000000008f010000830000000000000083fefd90d6ad1f2fc75b3b37bd6bc11e43cfb2cbae30c5"
    "fc"
    "d1d831d9bcd2281d3c8a470000000cc02bc02fc02cc030cca9cca80100004d0000001600140000117365632e636372"
    "2e"
    "6e63632e676f2e6a70000a00080006001d00170018000b00020100000d001400120403050306030804080508060401"
    "05"
    "01060100170000ff01000100";
const char* const kHelloVerifyRequest =
    "16feff00000000000000000023030000170000000000000017feff14448b81324fa91531d5e750f67d2a0b6e397976"
    "8a";
const char* const kServerHello =
    "16fefd000000000000000100490200003d000100000000003dfefd18ff0f8e13b70082323a62a3550d3dd7f33cc8f7"
    "6c"
    "3d4ab7601beb7b37b058e900c02c000015ff01000100000b000403000102002300000017000016fefd000000000000"
    "00"
    "02";
const char* const kEncryptedAlert =
    "15fefd0001000000000001001aa0f5d44cfb552250f95ea69c5654c081c5c84585010ef3e0dce5";

std::array<std::uint8_t, 32> random_of(const std::vector<std::uint8_t>& hello) {
  std::array<std::uint8_t, 32> r{};
  std::copy_n(hello.begin() + 27, 32, r.begin());  // record 13 + handshake 12 + version 2
  return r;
}

}  // namespace

TEST_CASE("the ClientHello is the one OpenSSL answered, byte for byte", "[probe][dtls]") {
  auto captured = from_hex(kClientHello);
  auto built = build_client_hello("sec.ccr.ncc.go.jp", random_of(captured));
  CHECK(to_hex(built) == kClientHello);
  // Record: handshake, DTLS 1.2, epoch 0, sequence 0, length of the rest.
  CHECK(to_hex({built.begin(), built.begin() + 11}) == "16fefd0000000000000000");
  CHECK(built[11] * 256 + built[12] == static_cast<int>(built.size()) - 13);
  // Handshake: ClientHello, message_seq 0, fragment offset 0, fragment length = length.
  CHECK(built[13] == 1);
  CHECK(to_hex({built.begin() + 14, built.begin() + 17}) ==
        to_hex({built.begin() + 22, built.begin() + 25}));
  CHECK(to_hex({built.begin() + 17, built.begin() + 22}) == "0000000000");
  // A trailing dot does not change the SNI.
  CHECK(build_client_hello("sec.ccr.ncc.go.jp.", random_of(captured)) == built);
}

TEST_CASE("no SNI for an address", "[probe][dtls]") {
  std::array<std::uint8_t, 32> random{};
  auto by_name = build_client_hello("sec.ccr.ncc.go.jp", random);
  auto by_address = build_client_hello("219.97.232.64", random);
  auto by_v6 = build_client_hello("2001:db8::1", random);
  CHECK(by_address.size() == by_name.size() - (9 + 17));  // extension 4 + list 5 + name
  CHECK(by_v6 == by_address);
  CHECK(to_hex(by_name).find("0000001600140000117365632e") != std::string::npos);
  CHECK(to_hex(by_address).find("7365632e") == std::string::npos);
}

TEST_CASE("OpenSSL's HelloVerifyRequest and ServerHello are answers", "[probe][dtls]") {
  auto hvr = classify_reply(from_hex(kHelloVerifyRequest));
  CHECK(hvr.kind == ReplyKind::hello_verify_request);
  CHECK(hvr.answers());
  CHECK(hvr.summary == "DTLS HelloVerifyRequest (DTLS 1.0, cookie 20 bytes)");

  auto sh = classify_reply(from_hex(kServerHello));
  CHECK(sh.kind == ReplyKind::server_hello);
  CHECK(sh.summary == "DTLS 1.2 ServerHello (cipher suite 0xc02c)");

  auto alert = classify_reply(from_hex(kEncryptedAlert));
  CHECK(alert.kind == ReplyKind::alert);
  CHECK(alert.summary == "DTLS alert (encrypted)");
  // A plaintext fatal handshake_failure.
  auto plain = classify_reply(from_hex("15fefd000000000000000100020228"));
  CHECK(plain.kind == ReplyKind::alert);
  CHECK(plain.summary == "DTLS alert: fatal handshake_failure (40)");
}

TEST_CASE("an echoed ClientHello, TLS and garbage are not answers", "[probe][dtls]") {
  auto echo = classify_reply(from_hex(kClientHello));
  CHECK_FALSE(echo.answers());
  CHECK(echo.summary.find("echo") != std::string::npos);
  // A TLS (not DTLS) record: version 03 03.
  CHECK_FALSE(classify_reply(from_hex("160303000402000000000000000000")).answers());
  CHECK_FALSE(classify_reply(from_hex("17fefd00000000000000000000")).answers());  // app data
  CHECK_FALSE(classify_reply({}).answers());
}

TEST_CASE("truncated DTLS answers are refused at every length", "[probe][dtls]") {
  for (const char* hex : {kHelloVerifyRequest, kServerHello}) {
    auto full = from_hex(hex);
    // The ServerHello record is followed by the next record's first bytes: the first record
    // ends at 13 + 0x49.
    std::size_t record_end = 13 + (full[11] * 256u + full[12]);
    for (std::size_t n = 0; n < record_end; ++n) {
      std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<long>(n));
      INFO("cut at " << n);
      CHECK_FALSE(classify_reply(cut).answers());
    }
    CHECK(classify_reply(full).answers());
  }
  // A fragment claiming more than its record holds.
  auto hvr = from_hex(kHelloVerifyRequest);
  hvr[24] = 0x40;
  CHECK_FALSE(classify_reply(hvr).answers());
  // A cookie length past the end.
  hvr = from_hex(kHelloVerifyRequest);
  hvr[27] = 0xff;
  CHECK_FALSE(classify_reply(hvr).answers());
}

TEST_CASE("random DTLS-looking bytes never crash the classifier", "[probe][dtls]") {
  std::mt19937 rng(6347);
  auto base = from_hex(kServerHello);
  for (int i = 0; i < 3000; ++i) {
    auto bytes = base;
    if (i % 2 == 0) {
      bytes.resize(3 + rng() % 120);
      for (std::size_t k = 3; k < bytes.size(); ++k) bytes[k] = static_cast<std::uint8_t>(rng());
    } else {
      for (int k = 0; k < 4; ++k) bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng());
    }
    CHECK_FALSE(classify_reply(bytes).summary.empty());
  }
}
