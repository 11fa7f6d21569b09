// collectors: the IKEv2 messages of the UDP 500/4500 probe (RFC 7296) — an IKE_SA_INIT
// request offering modern transforms, and the classification of what comes back. A port is
// shown open only by an IKE answer that carries the initiator SPI we sent: a full
// IKE_SA_INIT response, or a NO_PROPOSAL_CHOSEN / INVALID_KE_PAYLOAD / COOKIE notify.
// Pure functions; the parser never reads past the datagram.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace tekigo::collectors::ike {

using Spi = std::array<std::uint8_t, 8>;
using Key25519 = std::array<std::uint8_t, 32>;

// X25519 (RFC 7748 §5): scalar × u-coordinate, and the public key of a private scalar
// (scalar × 9). The KE payload of the probe carries a real Curve25519 public value.
Key25519 x25519(const Key25519& scalar, const Key25519& u);
Key25519 x25519_public_key(const Key25519& private_key);

// Transform types and the ids the probe offers (IANA "IKEv2 Parameters").
inline constexpr std::uint8_t kEncr = 1, kPrf = 2, kInteg = 3, kDh = 4;
inline constexpr std::uint16_t kEncrAesCbc = 12, kEncrAesGcm16 = 20;
inline constexpr std::uint16_t kPrfHmacSha2_256 = 5;
inline constexpr std::uint16_t kIntegHmacSha2_256_128 = 12;
inline constexpr std::uint16_t kDhModp2048 = 14, kDhEcp256 = 19, kDhCurve25519 = 31;

// Notify message types that answer an IKE_SA_INIT.
inline constexpr std::uint16_t kNoProposalChosen = 14;
inline constexpr std::uint16_t kInvalidKePayload = 17;
inline constexpr std::uint16_t kCookie = 16390;

// The random parts of one request.
struct SaInitRequest {
  Spi initiator_spi{};     // must not be all zero
  Key25519 private_key{};  // the KE payload carries x25519_public_key(private_key)
  std::array<std::uint8_t, 32> nonce{};
};

// The IKE_SA_INIT request: header (exchange 34, flags initiator, message id 0), SA with
// two proposals (1: AES-GCM-16-256, PRF HMAC-SHA2-256; 2: AES-CBC-256, PRF HMAC-SHA2-256,
// INTEG HMAC-SHA2-256-128; both offering DH 31, 19, 14), KE (group 31, 32 bytes) and a
// 32-byte nonce. With `non_esp_marker` (UDP 4500) the message is prefixed with 00 00 00 00.
std::vector<std::uint8_t> build_sa_init(const SaInitRequest& request, bool non_esp_marker);

// "ENCR_AES_GCM_16-256", "PRF_HMAC_SHA2_256", "DH 31 (Curve25519)", …
std::string transform_name(std::uint8_t type, std::uint16_t id, int key_length = 0);
// "NO_PROPOSAL_CHOSEN", "INVALID_KE_PAYLOAD", "COOKIE", … or "notify 12345".
std::string notify_name(std::uint16_t type);

enum class ReplyKind {
  not_ike,           // too short, garbage, or an IKE message that does not answer ours
  sa_init_response,  // IKEv2 IKE_SA_INIT response with SA, KE and Nonce
  notify,            // IKEv2 IKE_SA_INIT response carrying an error or COOKIE notify
  ikev1,             // an IKEv1 message that answers our initiator SPI (an IKEv1-only peer)
};

struct Reply {
  ReplyKind kind = ReplyKind::not_ike;
  std::uint16_t notify = 0;  // the notify type, for kind notify
  // What was seen, for the reach detail: "IKEv2 IKE_SA_INIT response (ENCR_AES_GCM_16-256,
  // PRF_HMAC_SHA2_256, DH 31 (Curve25519))", "IKEv2 IKE_SA_INIT answer: notify
  // NO_PROPOSAL_CHOSEN"; for not_ike, why the datagram was not taken as an answer.
  std::string summary;
  bool answers() const { return kind != ReplyKind::not_ike; }
};

// Classifies one received datagram against the request whose initiator SPI is `spi`.
// With `non_esp_marker` the datagram must start with 00 00 00 00 (UDP 4500). Our own
// request echoed back (initiator flag, no response flag) is not an answer.
Reply classify_reply(std::span<const std::uint8_t> datagram, const Spi& spi, bool non_esp_marker);

}  // namespace tekigo::collectors::ike
