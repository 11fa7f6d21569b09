// collectors: the DTLS messages of the UDP 443 probe — a DTLS 1.2 ClientHello (RFC 6347)
// a modern server accepts, and the classification of what comes back: a
// HelloVerifyRequest, a ServerHello or an alert shows a DTLS server. Pure functions; the
// parser never reads past the datagram.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tekigo::collectors::dtls {

// One record (type 22, version fe fd, epoch 0, sequence 0) holding one unfragmented
// ClientHello: version fe fd, `random`, empty session id, empty cookie, ECDHE AES-GCM and
// ChaCha20 suites, null compression, and the extensions server_name (when `server_name` is a
// host name, not an address), supported_groups (x25519, secp256r1, secp384r1),
// ec_point_formats (uncompressed), signature_algorithms, extended_master_secret and
// renegotiation_info.
std::vector<std::uint8_t> build_client_hello(std::string_view server_name,
                                             const std::array<std::uint8_t, 32>& random);

enum class ReplyKind {
  not_dtls,              // too short, garbage, or not an answer (our ClientHello echoed back)
  hello_verify_request,  // handshake type 3
  server_hello,          // handshake type 2
  alert,                 // a plaintext alert record
};

struct Reply {
  ReplyKind kind = ReplyKind::not_dtls;
  // "DTLS HelloVerifyRequest (cookie 20 bytes)", "DTLS 1.2 ServerHello (cipher suite
  // 0xc02f)", "DTLS alert: fatal handshake_failure (40)"; for not_dtls, why not.
  std::string summary;
  bool answers() const { return kind != ReplyKind::not_dtls; }
};

// Classifies one received datagram (the first record of it).
Reply classify_reply(std::span<const std::uint8_t> datagram);

}  // namespace tekigo::collectors::dtls
