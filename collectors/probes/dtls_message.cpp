// collectors: DTLS 1.2 ClientHello building and reply classification.
#include "collectors/probes/dtls_message.hpp"

#include <fmt/format.h>

#include "engine/values/ip_address.hpp"

namespace tekigo::collectors::dtls {

namespace {

constexpr std::uint8_t kContentAlert = 21, kContentHandshake = 22;
constexpr std::uint8_t kClientHello = 1, kServerHello = 2, kHelloVerifyRequest = 3;
constexpr std::size_t kRecordHeader = 13, kHandshakeHeader = 12;

void put8(std::vector<std::uint8_t>& out, std::size_t v) {
  out.push_back(static_cast<std::uint8_t>(v & 0xff));
}
void put16(std::vector<std::uint8_t>& out, std::size_t v) {
  put8(out, v >> 8);
  put8(out, v);
}
void put24(std::vector<std::uint8_t>& out, std::size_t v) {
  put8(out, v >> 16);
  put16(out, v);
}
std::size_t get16(std::span<const std::uint8_t> b, std::size_t at) {
  return (std::size_t{b[at]} << 8) | b[at + 1];
}
std::size_t get24(std::span<const std::uint8_t> b, std::size_t at) {
  return (std::size_t{b[at]} << 16) | get16(b, at + 1);
}

void extension(std::vector<std::uint8_t>& out, std::uint16_t type,
               const std::vector<std::uint8_t>& body) {
  put16(out, type);
  put16(out, body.size());
  out.insert(out.end(), body.begin(), body.end());
}

std::string version_name(std::size_t v) {
  switch (v) {
    case 0xfeff:
      return "DTLS 1.0";
    case 0xfefd:
      return "DTLS 1.2";
    case 0xfefc:
      return "DTLS 1.3";
    default:
      return fmt::format("version 0x{:04x}", v);
  }
}

std::string alert_name(std::uint8_t d) {
  switch (d) {
    case 0:
      return "close_notify";
    case 10:
      return "unexpected_message";
    case 20:
      return "bad_record_mac";
    case 40:
      return "handshake_failure";
    case 42:
      return "bad_certificate";
    case 47:
      return "illegal_parameter";
    case 50:
      return "decode_error";
    case 70:
      return "protocol_version";
    case 71:
      return "insufficient_security";
    case 80:
      return "internal_error";
    case 112:
      return "unrecognized_name";
    default:
      return fmt::format("alert {}", d);
  }
}

}  // namespace

std::vector<std::uint8_t> build_client_hello(std::string_view server_name,
                                             const std::array<std::uint8_t, 32>& random) {
  std::vector<std::uint8_t> hello;
  put16(hello, 0xfefd);  // client_version DTLS 1.2
  hello.insert(hello.end(), random.begin(), random.end());
  put8(hello, 0);  // session_id
  put8(hello, 0);  // cookie
  const std::uint16_t suites[] = {
      0xc02b,  // TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
      0xc02f,  // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
      0xc02c,  // TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
      0xc030,  // TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
      0xcca9,  // TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
      0xcca8,  // TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
  };
  put16(hello, sizeof(suites) / sizeof(suites[0]) * 2);
  for (auto s : suites) put16(hello, s);
  put8(hello, 1);  // compression methods: null
  put8(hello, 0);

  std::vector<std::uint8_t> ext;
  bool is_address = engine::IpAddress::parse(server_name).has_value();
  std::string_view host = server_name;
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (!host.empty() && !is_address && host.size() < 256) {
    std::vector<std::uint8_t> sni;
    put16(sni, host.size() + 3);  // server_name_list
    put8(sni, 0);                 // host_name
    put16(sni, host.size());
    sni.insert(sni.end(), host.begin(), host.end());
    extension(ext, 0, sni);
  }
  extension(ext, 10, {0, 6, 0, 29, 0, 23, 0, 24});  // supported_groups: x25519, P-256, P-384
  extension(ext, 11, {1, 0});                       // ec_point_formats: uncompressed
  const std::uint16_t sigalgs[] = {0x0403, 0x0503, 0x0603, 0x0804, 0x0805,
                                   0x0806, 0x0401, 0x0501, 0x0601};
  std::vector<std::uint8_t> sa;
  put16(sa, sizeof(sigalgs) / sizeof(sigalgs[0]) * 2);
  for (auto s : sigalgs) put16(sa, s);
  extension(ext, 13, sa);       // signature_algorithms
  extension(ext, 23, {});       // extended_master_secret
  extension(ext, 0xff01, {0});  // renegotiation_info (initial handshake)
  put16(hello, ext.size());
  hello.insert(hello.end(), ext.begin(), ext.end());

  std::vector<std::uint8_t> handshake;
  put8(handshake, kClientHello);
  put24(handshake, hello.size());
  put16(handshake, 0);  // message_seq
  put24(handshake, 0);  // fragment_offset
  put24(handshake, hello.size());
  handshake.insert(handshake.end(), hello.begin(), hello.end());

  std::vector<std::uint8_t> record;
  put8(record, kContentHandshake);
  put16(record, 0xfefd);
  put16(record, 0);                   // epoch
  record.insert(record.end(), 6, 0);  // sequence number
  put16(record, handshake.size());
  record.insert(record.end(), handshake.begin(), handshake.end());
  return record;
}

Reply classify_reply(std::span<const std::uint8_t> d) {
  Reply reply;
  auto reject = [&](std::string why) {
    reply.kind = ReplyKind::not_dtls;
    reply.summary = std::move(why);
    return reply;
  };
  if (d.size() < kRecordHeader)
    return reject(fmt::format("{} bytes, shorter than a DTLS record", d.size()));
  std::uint8_t type = d[0];
  std::size_t version = get16(d, 1);
  if ((version >> 8) != 0xfe)
    return reject(fmt::format("not a DTLS record (version 0x{:04x})", version));
  std::size_t length = get16(d, 11);
  if (kRecordHeader + length > d.size()) {
    return reject(
        fmt::format("DTLS record length {} does not fit the {} bytes received", length, d.size()));
  }
  auto body = d.subspan(kRecordHeader, length);
  std::size_t epoch = get16(d, 3);
  if (type == kContentAlert) {
    if (epoch != 0) {
      reply.kind = ReplyKind::alert;
      reply.summary = "DTLS alert (encrypted)";
      return reply;
    }
    if (body.size() != 2) return reject("DTLS alert record of the wrong size");
    reply.kind = ReplyKind::alert;
    reply.summary = fmt::format("DTLS alert: {} {} ({})", body[0] == 2 ? "fatal" : "warning",
                                alert_name(body[1]), body[1]);
    return reply;
  }
  if (type != kContentHandshake) return reject(fmt::format("DTLS record of content type {}", type));
  if (body.size() < kHandshakeHeader) return reject("DTLS handshake header cut");
  std::uint8_t msg = body[0];
  std::size_t msg_length = get24(body, 1);
  std::size_t frag_offset = get24(body, 6);
  std::size_t frag_length = get24(body, 9);
  if (frag_length > body.size() - kHandshakeHeader || frag_offset + frag_length > msg_length) {
    return reject("DTLS handshake fragment does not fit its record");
  }
  auto hs = body.subspan(kHandshakeHeader, frag_length);
  if (msg == kHelloVerifyRequest) {
    // server_version (2), cookie length (1), cookie
    if (frag_offset != 0 || hs.size() < 3 || 3 + std::size_t{hs[2]} > hs.size()) {
      return reject("malformed DTLS HelloVerifyRequest");
    }
    reply.kind = ReplyKind::hello_verify_request;
    reply.summary = fmt::format("DTLS HelloVerifyRequest ({}, cookie {} bytes)",
                                version_name(get16(hs, 0)), hs[2]);
    return reply;
  }
  if (msg == kServerHello) {
    // server_version (2), random (32), session id (1 + n), cipher suite (2)
    if (frag_offset != 0 || hs.size() < 35 || 35 + std::size_t{hs[34]} + 2 > hs.size()) {
      return reject("malformed DTLS ServerHello");
    }
    std::size_t suite = get16(hs, 35 + hs[34]);
    reply.kind = ReplyKind::server_hello;
    reply.summary =
        fmt::format("{} ServerHello (cipher suite 0x{:04x})", version_name(get16(hs, 0)), suite);
    return reply;
  }
  if (msg == kClientHello)
    return reject("a DTLS ClientHello (an echo of the probe?), not an answer");
  return reject(fmt::format("DTLS handshake message type {} first", msg));
}

}  // namespace tekigo::collectors::dtls
