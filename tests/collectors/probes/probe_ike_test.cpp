// Tests for collectors/ike_message: X25519 against RFC 7748, the IKE_SA_INIT request byte
// for byte, and the classification of answers recorded from a real charon.
//
// The recorded datagrams come from strongSwan 5.9.8 (Debian 12) as configured by
// tests/probes/run_probe_tests.sh, captured on the namespace's loopback with tcpdump
// (TEKIGO_PROBE_PCAP) while the probe tests ran; each is the UDP payload, as hex. charon
// logged the request as "parsed IKE_SA_INIT request 0 [ SA KE No ]" and chose
// "IKE:AES_GCM_16_256/PRF_HMAC_SHA2_256/CURVE_25519".
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "collectors/probes/ike_message.hpp"
#include "support/probe_test_util.hpp"

using namespace tekigo::collectors::ike;
using tekigo::test::from_hex;
using tekigo::test::to_hex;

namespace {

// Our request to 127.0.0.10:500 (initiator SPI 01cf6cd92aed48b8); KE public value at bytes
// 204..235 (after the 28-byte header, the 116-byte SA and the KE payload's 8-byte head),
// nonce at the last 32 bytes.
const char* const kRequest =
    "01cf6cd92aed48b800000000000000002120220800000000000000dc2200007402000034010100050300000c010000"
    "14"
    "800e01000300000802000005030000080400001f0300000804000013000000080400000e0000003c02010006030000"
    "0c"
    "0100000c800e01000300000802000005030000080300000c030000080400001f030000080400001300000008040000"
    "0e"
    "28000028001f0000eb13ab84388d7fa60a59e9039826fd9740bc4c306720a0ce4f30c3339feb8d2b0000002447fe8f"
    "a3"
    "7bf62384cfa96fc3c0dcdf6a68cffa195e153172c0ba8badae5831b3";
// charon's full IKE_SA_INIT response to it from UDP 500: [ SA KE No N(CHDLESS_SUP) N(MULT_AUTH) ].
const char* const kResponse500 =
    "01cf6cd92aed48b8a528c5b1d5c9effd2120222000000000000000a02200002800000024010100030300000c010000"
    "14"
    "800e01000300000802000005000000080400001f28000028001f0000a5238eb00fde2c063c75739da64c5df821993c"
    "64"
    "3b2d75088437c34591986c6729000024e36ff1649d2595bd3e59c43c3d782470f538c745f873d668b27cb6d16a56f7"
    "f3"
    "29000008000040220000000800004014";
// charon's response from UDP 4500, behind the non-ESP marker (initiator SPI 5712272a14d73bb5).
const char* const kResponse4500 =
    "000000005712272a14d73bb5e13e1b5069b42a812120222000000000000000a0220000280000002401010003030000"
    "0c"
    "01000014800e01000300000802000005000000080400001f28000028001f00005f5657b7a2958244c39e000ea594c9"
    "fb"
    "fa823903ca9b2d0b8d311abf29c5f0202900002402605fb2c856529f19f4953fa8d58ddf7ff4346fbef60e98bafa6b"
    "6b"
    "48cd8fb129000008000040220000000800004014";
// charon's answer on 127.0.0.20:500, where no connection matches: N(NO_PROP)
// (initiator SPI 899b64cdb94ae059).
const char* const kNoProposal =
    "899b64cdb94ae0590a7c782417516674292022200000000000000024000000080000000e";

Spi spi_of(const std::vector<std::uint8_t>& bytes, std::size_t offset = 0) {
  Spi spi{};
  std::copy_n(bytes.begin() + static_cast<long>(offset), 8, spi.begin());
  return spi;
}

Key25519 key(const char* hex) {
  auto b = from_hex(hex);
  Key25519 k{};
  std::copy(b.begin(), b.end(), k.begin());
  return k;
}

}  // namespace

TEST_CASE("X25519 matches the RFC 7748 test vectors", "[probe][ike]") {
  // §5.2, first vector.
  auto out = x25519(key("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4"),
                    key("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
  CHECK(to_hex({out.begin(), out.end()}) ==
        "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
  // §6.1: Alice's and Bob's public keys and their shared secret.
  auto alice = key("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  auto bob = key("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  auto alice_pub = x25519_public_key(alice);
  auto bob_pub = x25519_public_key(bob);
  CHECK(to_hex({alice_pub.begin(), alice_pub.end()}) ==
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
  CHECK(to_hex({bob_pub.begin(), bob_pub.end()}) ==
        "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
  auto shared = x25519(alice, bob_pub);
  CHECK(to_hex({shared.begin(), shared.end()}) ==
        "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
  CHECK(x25519(bob, alice_pub) == shared);
}

TEST_CASE("the IKE_SA_INIT request is the one charon accepted, byte for byte", "[probe][ike]") {
  auto captured = from_hex(kRequest);
  SaInitRequest req;
  req.initiator_spi = spi_of(captured);
  std::copy(captured.end() - 32, captured.end(), req.nonce.begin());
  req.private_key = key("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  auto built = build_sa_init(req, false);
  REQUIRE(built.size() == captured.size());
  REQUIRE(built.size() == 220);
  // The KE public value is the only part that depends on the private key.
  const std::size_t ke = 28 + 116 + 8;
  auto pub = x25519_public_key(req.private_key);
  CHECK(std::equal(pub.begin(), pub.end(), built.begin() + ke));
  std::copy(captured.begin() + ke, captured.begin() + ke + 32, built.begin() + ke);
  CHECK(to_hex(built) == kRequest);

  // Header: SA first, version 2.0, IKE_SA_INIT, initiator flag, message id 0, length.
  CHECK(built[16] == 33);
  CHECK(built[17] == 0x20);
  CHECK(built[18] == 34);
  CHECK(built[19] == 0x08);
  CHECK(to_hex({built.begin() + 8, built.begin() + 16}) == "0000000000000000");
  CHECK(to_hex({built.begin() + 24, built.begin() + 28}) == "000000dc");
  // KE: next payload Nonce (40), group 31, 32 bytes.
  CHECK(built[144] == 40);
  CHECK(to_hex({built.begin() + 148, built.begin() + 152}) == "001f0000");
}

TEST_CASE("on UDP 4500 the request is behind the non-ESP marker", "[probe][ike]") {
  SaInitRequest req;
  req.initiator_spi = {1, 2, 3, 4, 5, 6, 7, 8};
  auto plain = build_sa_init(req, false);
  auto marked = build_sa_init(req, true);
  REQUIRE(marked.size() == plain.size() + 4);
  CHECK(to_hex({marked.begin(), marked.begin() + 4}) == "00000000");
  CHECK(std::equal(plain.begin(), plain.end(), marked.begin() + 4));
}

TEST_CASE("charon's full IKE_SA_INIT response is an answer and names the choice", "[probe][ike]") {
  auto bytes = from_hex(kResponse500);
  auto reply = classify_reply(bytes, spi_of(from_hex(kRequest)), false);
  CHECK(reply.kind == ReplyKind::sa_init_response);
  CHECK(reply.answers());
  CHECK(reply.summary ==
        "IKEv2 IKE_SA_INIT response (ENCR_AES_GCM_16-256, PRF_HMAC_SHA2_256, DH 31 (Curve25519))");
  // The same datagram is not an answer to another request, nor on 4500 without the marker.
  Spi other = spi_of(bytes);
  other[0] ^= 1;
  CHECK_FALSE(classify_reply(bytes, other, false).answers());
  CHECK_FALSE(classify_reply(bytes, spi_of(bytes), true).answers());
}

TEST_CASE("charon's answer on UDP 4500 carries the marker", "[probe][ike]") {
  auto bytes = from_hex(kResponse4500);
  auto reply = classify_reply(bytes, spi_of(bytes, 4), true);
  CHECK(reply.kind == ReplyKind::sa_init_response);
  CHECK(reply.summary.find("ENCR_AES_GCM_16-256") != std::string::npos);
  // Read as a port-500 message, the marker is where the SPI should be.
  CHECK_FALSE(classify_reply(bytes, spi_of(bytes, 4), false).answers());
}

TEST_CASE("NO_PROPOSAL_CHOSEN, INVALID_KE_PAYLOAD and COOKIE notifies are answers",
          "[probe][ike]") {
  auto bytes = from_hex(kNoProposal);
  auto spi = spi_of(bytes);
  auto reply = classify_reply(bytes, spi, false);
  CHECK(reply.kind == ReplyKind::notify);
  CHECK(reply.notify == kNoProposalChosen);
  CHECK(reply.summary == "IKEv2 IKE_SA_INIT answer: notify NO_PROPOSAL_CHOSEN");

  // INVALID_KE_PAYLOAD with the group the responder wants (14): the notify payload grows by
  // the 2-byte group, so both lengths change.
  auto ke = bytes;
  ke[27] = 38;  // IKE length 36 → 38
  ke[31] = 10;  // notify payload length 8 → 10
  ke[34] = 0;
  ke[35] = kInvalidKePayload;  // type 17
  ke.push_back(0);
  ke.push_back(14);
  auto r2 = classify_reply(ke, spi, false);
  CHECK(r2.kind == ReplyKind::notify);
  CHECK(r2.notify == kInvalidKePayload);
  CHECK(
      r2.summary ==
      "IKEv2 IKE_SA_INIT answer: notify INVALID_KE_PAYLOAD (the responder wants DH 14 (MODP2048))");

  auto cookie = bytes;
  cookie[34] = kCookie >> 8;
  cookie[35] = kCookie & 0xff;
  auto r3 = classify_reply(cookie, spi, false);
  CHECK(r3.kind == ReplyKind::notify);
  CHECK(r3.summary == "IKEv2 IKE_SA_INIT answer: notify COOKIE");
}

TEST_CASE("an echo of the request, other exchanges and IKEv1 are told apart", "[probe][ike]") {
  auto request = from_hex(kRequest);
  auto echo = classify_reply(request, spi_of(request), false);
  CHECK_FALSE(echo.answers());
  CHECK(echo.summary.find("echo") != std::string::npos);

  auto bytes = from_hex(kNoProposal);
  auto informational = bytes;
  informational[18] = 37;  // INFORMATIONAL
  CHECK_FALSE(classify_reply(informational, spi_of(bytes), false).answers());

  auto v1 = bytes;
  v1[17] = 0x10;  // an IKEv1 peer answering with the same initiator cookie
  auto r = classify_reply(v1, spi_of(bytes), false);
  CHECK(r.kind == ReplyKind::ikev1);
  CHECK(r.answers());

  auto v3 = bytes;
  v3[17] = 0x30;
  CHECK_FALSE(classify_reply(v3, spi_of(bytes), false).answers());

  // A response without a notify and without SA/KE/Nonce proves nothing.
  auto empty = from_hex(
      "899b64cdb94ae0590a7c7824175166740020222000000000"
      "0000001c");
  CHECK_FALSE(classify_reply(empty, spi_of(bytes), false).answers());
}

TEST_CASE("truncated and inconsistent IKE answers are refused at every length", "[probe][ike]") {
  for (auto [hex, marker, spi_at] :
       {std::tuple{kResponse500, false, 0}, std::tuple{kResponse4500, true, 4},
        std::tuple{kNoProposal, false, 0}}) {
    auto full = from_hex(hex);
    auto spi = spi_of(full, static_cast<std::size_t>(spi_at));
    for (std::size_t n = 0; n < full.size(); ++n) {
      std::vector<std::uint8_t> cut(full.begin(), full.begin() + static_cast<long>(n));
      INFO("cut at " << n);
      CHECK_FALSE(classify_reply(cut, spi, marker).answers());
    }
    CHECK(classify_reply(full, spi, marker).answers());
  }
  // A payload length running past the message.
  auto bytes = from_hex(kNoProposal);
  auto longer = bytes;
  longer[31] = 0x40;
  CHECK_FALSE(classify_reply(longer, spi_of(bytes), false).answers());
  // A payload length below its own header.
  auto shorter = bytes;
  shorter[31] = 2;
  CHECK_FALSE(classify_reply(shorter, spi_of(bytes), false).answers());
  // An IKE length field larger than the datagram.
  auto overlong = bytes;
  overlong[27] = 0xff;
  CHECK_FALSE(classify_reply(overlong, spi_of(bytes), false).answers());
}

TEST_CASE("random bytes after a matching SPI never crash the classifier", "[probe][ike]") {
  std::mt19937 rng(7296);
  auto base = from_hex(kResponse500);
  auto spi = spi_of(base);
  for (int i = 0; i < 3000; ++i) {
    auto bytes = base;
    if (i % 2 == 0) {
      bytes.resize(8 + rng() % 200);
      for (std::size_t k = 8; k < bytes.size(); ++k) bytes[k] = static_cast<std::uint8_t>(rng());
    } else {
      for (int k = 0; k < 4; ++k)
        bytes[8 + rng() % (bytes.size() - 8)] = static_cast<std::uint8_t>(rng());
    }
    auto r = classify_reply(bytes, spi, false);
    CHECK_FALSE(r.summary.empty());
  }
}

TEST_CASE("transform and notify names", "[probe][ike]") {
  CHECK(transform_name(kEncr, kEncrAesCbc, 256) == "ENCR_AES_CBC-256");
  CHECK(transform_name(kInteg, kIntegHmacSha2_256_128) == "AUTH_HMAC_SHA2_256_128");
  CHECK(transform_name(kDh, kDhEcp256) == "DH 19 (ECP256)");
  CHECK(transform_name(kDh, 99) == "DH 99");
  CHECK(transform_name(9, 1) == "transform 9 id 1");
  CHECK(notify_name(kNoProposalChosen) == "NO_PROPOSAL_CHOSEN");
  CHECK(notify_name(40000) == "notify 40000");
}
