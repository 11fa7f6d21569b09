// collectors: IKEv2 IKE_SA_INIT request building and reply classification, and X25519.
#include "collectors/probes/ike_message.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tekigo::collectors::ike {

// ---- X25519 -----------------------------------------------------------------------------
// Field arithmetic mod 2^255-19 in sixteen 16-bit limbs, after the public-domain TweetNaCl
// (Bernstein et al.); constant-time ladder of RFC 7748 §5.
namespace {

using Gf = std::array<std::int64_t, 16>;

void carry(Gf& o) {
  for (int i = 0; i < 16; ++i) {
    o[i] += std::int64_t{1} << 16;
    std::int64_t c = o[i] >> 16;  // arithmetic shift (C++20)
    if (i < 15) {
      o[i + 1] += c - 1;
    } else {
      o[0] += 38 * (c - 1);
    }
    o[i] -= c * 65536;
  }
}

void select(Gf& p, Gf& q, std::int64_t bit) {
  std::int64_t mask = ~(bit - 1);
  for (int i = 0; i < 16; ++i) {
    std::int64_t t = mask & (p[i] ^ q[i]);
    p[i] ^= t;
    q[i] ^= t;
  }
}

Key25519 pack(const Gf& n) {
  Gf t = n;
  Gf m{};
  carry(t);
  carry(t);
  carry(t);
  for (int j = 0; j < 2; ++j) {
    m[0] = t[0] - 0xffed;
    for (int i = 1; i < 15; ++i) {
      m[i] = t[i] - 0xffff - ((m[i - 1] >> 16) & 1);
      m[i - 1] &= 0xffff;
    }
    m[15] = t[15] - 0x7fff - ((m[14] >> 16) & 1);
    std::int64_t b = (m[15] >> 16) & 1;
    m[14] &= 0xffff;
    select(t, m, 1 - b);
  }
  Key25519 o{};
  for (int i = 0; i < 16; ++i) {
    o[2 * i] = static_cast<std::uint8_t>(t[i] & 0xff);
    o[2 * i + 1] = static_cast<std::uint8_t>((t[i] >> 8) & 0xff);
  }
  return o;
}

Gf unpack(const Key25519& n) {
  Gf o{};
  for (int i = 0; i < 16; ++i) o[i] = n[2 * i] + (std::int64_t{n[2 * i + 1]} << 8);
  o[15] &= 0x7fff;
  return o;
}

Gf add(const Gf& a, const Gf& b) {
  Gf o{};
  for (int i = 0; i < 16; ++i) o[i] = a[i] + b[i];
  return o;
}

Gf sub(const Gf& a, const Gf& b) {
  Gf o{};
  for (int i = 0; i < 16; ++i) o[i] = a[i] - b[i];
  return o;
}

Gf mul(const Gf& a, const Gf& b) {
  std::array<std::int64_t, 31> t{};
  for (int i = 0; i < 16; ++i) {
    for (int j = 0; j < 16; ++j) t[i + j] += a[i] * b[j];
  }
  for (int i = 0; i < 15; ++i) t[i] += 38 * t[i + 16];
  Gf o{};
  for (int i = 0; i < 16; ++i) o[i] = t[i];
  carry(o);
  carry(o);
  return o;
}

Gf square(const Gf& a) {
  return mul(a, a);
}

Gf invert(const Gf& i) {
  Gf c = i;
  for (int a = 253; a >= 0; --a) {
    c = square(c);
    if (a != 2 && a != 4) c = mul(c, i);
  }
  return c;
}

}  // namespace

Key25519 x25519(const Key25519& scalar, const Key25519& u) {
  Key25519 z = scalar;
  z[31] = static_cast<std::uint8_t>((z[31] & 127) | 64);
  z[0] &= 248;
  Gf x = unpack(u);
  Gf a{}, b = x, c{}, d{};
  a[0] = d[0] = 1;
  const Gf k121665 = {0xDB41, 1};
  for (int i = 254; i >= 0; --i) {
    std::int64_t r = (z[i >> 3] >> (i & 7)) & 1;
    select(a, b, r);
    select(c, d, r);
    Gf e = add(a, c);
    a = sub(a, c);
    c = add(b, d);
    b = sub(b, d);
    d = square(e);
    Gf f = square(a);
    a = mul(c, a);
    c = mul(b, e);
    e = add(a, c);
    a = sub(a, c);
    b = square(a);
    c = sub(d, f);
    a = mul(c, k121665);
    a = add(a, d);
    c = mul(c, a);
    a = mul(d, f);
    d = mul(b, x);
    b = square(e);
    select(a, b, r);
    select(c, d, r);
  }
  return pack(mul(a, invert(c)));
}

Key25519 x25519_public_key(const Key25519& private_key) {
  Key25519 base{};
  base[0] = 9;
  return x25519(private_key, base);
}

// ---- IKE_SA_INIT ------------------------------------------------------------------------
namespace {

constexpr std::uint8_t kPayloadNone = 0, kPayloadSa = 33, kPayloadKe = 34, kPayloadNonce = 40,
                       kPayloadNotify = 41;
constexpr std::uint8_t kExchangeSaInit = 34;
constexpr std::uint8_t kFlagInitiator = 0x08, kFlagResponse = 0x20;
constexpr std::size_t kHeaderSize = 28;

void put16(std::vector<std::uint8_t>& out, std::uint16_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v & 0xff));
}

void set16(std::vector<std::uint8_t>& out, std::size_t at, std::size_t v) {
  out[at] = static_cast<std::uint8_t>((v >> 8) & 0xff);
  out[at + 1] = static_cast<std::uint8_t>(v & 0xff);
}

std::uint16_t get16(std::span<const std::uint8_t> b, std::size_t at) {
  return static_cast<std::uint16_t>((b[at] << 8) | b[at + 1]);
}

struct Transform {
  std::uint8_t type;
  std::uint16_t id;
  int key_length;  // 0: no attribute
};

std::vector<std::uint8_t> proposal(std::uint8_t number, bool last,
                                   const std::vector<Transform>& transforms) {
  std::vector<std::uint8_t> p = {
      static_cast<std::uint8_t>(last ? 0 : 2),     0, 0, 0, number, 1 /* IKE */, 0 /* SPI size */,
      static_cast<std::uint8_t>(transforms.size())};
  for (std::size_t i = 0; i < transforms.size(); ++i) {
    const auto& t = transforms[i];
    std::size_t start = p.size();
    p.push_back(i + 1 == transforms.size() ? 0 : 3);
    p.push_back(0);
    put16(p, 0);
    p.push_back(t.type);
    p.push_back(0);
    put16(p, t.id);
    if (t.key_length != 0) {
      put16(p, 0x800E);  // TV attribute 14: Key Length
      put16(p, static_cast<std::uint16_t>(t.key_length));
    }
    set16(p, start + 2, p.size() - start);
  }
  set16(p, 2, p.size());
  return p;
}

void payload(std::vector<std::uint8_t>& out, std::uint8_t next,
             std::span<const std::uint8_t> body) {
  out.push_back(next);
  out.push_back(0);
  put16(out, static_cast<std::uint16_t>(body.size() + 4));
  out.insert(out.end(), body.begin(), body.end());
}

std::string dh_name(std::uint16_t id) {
  switch (id) {
    case 1:
      return "DH 1 (MODP768)";
    case 2:
      return "DH 2 (MODP1024)";
    case 5:
      return "DH 5 (MODP1536)";
    case kDhModp2048:
      return "DH 14 (MODP2048)";
    case 15:
      return "DH 15 (MODP3072)";
    case 16:
      return "DH 16 (MODP4096)";
    case kDhEcp256:
      return "DH 19 (ECP256)";
    case 20:
      return "DH 20 (ECP384)";
    case 21:
      return "DH 21 (ECP521)";
    case kDhCurve25519:
      return "DH 31 (Curve25519)";
    case 32:
      return "DH 32 (Curve448)";
    default:
      return fmt::format("DH {}", id);
  }
}

// The transforms of the first proposal of an SA payload body, as names.
std::vector<std::string> chosen_transforms(std::span<const std::uint8_t> sa) {
  std::vector<std::string> names;
  if (sa.size() < 8) return names;
  std::size_t plen = std::min<std::size_t>(get16(sa, 2), sa.size());
  std::size_t spi_size = sa[6];
  std::size_t pos = 8 + spi_size;
  while (pos + 8 <= plen) {
    std::size_t tlen = get16(sa, pos + 2);
    if (tlen < 8 || pos + tlen > plen) break;
    std::uint8_t type = sa[pos + 4];
    std::uint16_t id = get16(sa, pos + 6);
    int key_length = 0;
    for (std::size_t a = pos + 8; a + 4 <= pos + tlen;) {
      std::uint16_t at = get16(sa, a);
      if (at & 0x8000) {
        if ((at & 0x7fff) == 14) key_length = get16(sa, a + 2);
        a += 4;
      } else {
        a += 4 + get16(sa, a + 2);  // TLV attribute
      }
    }
    names.push_back(transform_name(type, id, key_length));
    pos += tlen;
  }
  return names;
}

}  // namespace

std::string transform_name(std::uint8_t type, std::uint16_t id, int key_length) {
  std::string suffix = key_length ? fmt::format("-{}", key_length) : "";
  switch (type) {
    case kEncr:
      switch (id) {
        case 3:
          return "ENCR_3DES";
        case kEncrAesCbc:
          return "ENCR_AES_CBC" + suffix;
        case 13:
          return "ENCR_AES_CTR" + suffix;
        case 18:
          return "ENCR_AES_GCM_8" + suffix;
        case 19:
          return "ENCR_AES_GCM_12" + suffix;
        case kEncrAesGcm16:
          return "ENCR_AES_GCM_16" + suffix;
        case 28:
          return "ENCR_CHACHA20_POLY1305";
        default:
          return fmt::format("ENCR {}{}", id, suffix);
      }
    case kPrf:
      switch (id) {
        case 2:
          return "PRF_HMAC_SHA1";
        case kPrfHmacSha2_256:
          return "PRF_HMAC_SHA2_256";
        case 6:
          return "PRF_HMAC_SHA2_384";
        case 7:
          return "PRF_HMAC_SHA2_512";
        default:
          return fmt::format("PRF {}", id);
      }
    case kInteg:
      switch (id) {
        case 2:
          return "AUTH_HMAC_SHA1_96";
        case kIntegHmacSha2_256_128:
          return "AUTH_HMAC_SHA2_256_128";
        case 13:
          return "AUTH_HMAC_SHA2_384_192";
        case 14:
          return "AUTH_HMAC_SHA2_512_256";
        default:
          return fmt::format("INTEG {}", id);
      }
    case kDh:
      return dh_name(id);
    default:
      return fmt::format("transform {} id {}", type, id);
  }
}

std::string notify_name(std::uint16_t type) {
  switch (type) {
    case 1:
      return "UNSUPPORTED_CRITICAL_PAYLOAD";
    case 4:
      return "INVALID_IKE_SPI";
    case 5:
      return "INVALID_MAJOR_VERSION";
    case 7:
      return "INVALID_SYNTAX";
    case 9:
      return "INVALID_MESSAGE_ID";
    case 11:
      return "INVALID_SPI";
    case kNoProposalChosen:
      return "NO_PROPOSAL_CHOSEN";
    case kInvalidKePayload:
      return "INVALID_KE_PAYLOAD";
    case 24:
      return "AUTHENTICATION_FAILED";
    case 43:
      return "TEMPORARY_FAILURE";
    case kCookie:
      return "COOKIE";
    case 16388:
      return "NAT_DETECTION_SOURCE_IP";
    case 16389:
      return "NAT_DETECTION_DESTINATION_IP";
    default:
      return fmt::format("notify {}", type);
  }
}

std::vector<std::uint8_t> build_sa_init(const SaInitRequest& request, bool non_esp_marker) {
  const std::vector<Transform> dh = {
      {kDh, kDhCurve25519, 0}, {kDh, kDhEcp256, 0}, {kDh, kDhModp2048, 0}};
  std::vector<Transform> gcm = {{kEncr, kEncrAesGcm16, 256}, {kPrf, kPrfHmacSha2_256, 0}};
  gcm.insert(gcm.end(), dh.begin(), dh.end());
  std::vector<Transform> cbc = {
      {kEncr, kEncrAesCbc, 256}, {kPrf, kPrfHmacSha2_256, 0}, {kInteg, kIntegHmacSha2_256_128, 0}};
  cbc.insert(cbc.end(), dh.begin(), dh.end());

  std::vector<std::uint8_t> sa = proposal(1, false, gcm);
  auto second = proposal(2, true, cbc);
  sa.insert(sa.end(), second.begin(), second.end());

  std::vector<std::uint8_t> ke;
  put16(ke, kDhCurve25519);
  put16(ke, 0);
  auto pub = x25519_public_key(request.private_key);
  ke.insert(ke.end(), pub.begin(), pub.end());

  std::vector<std::uint8_t> out;
  if (non_esp_marker) out.assign(4, 0);
  std::size_t header = out.size();
  out.insert(out.end(), request.initiator_spi.begin(), request.initiator_spi.end());
  out.insert(out.end(), 8, 0);  // responder SPI
  out.push_back(kPayloadSa);
  out.push_back(0x20);  // version 2.0
  out.push_back(kExchangeSaInit);
  out.push_back(kFlagInitiator);
  out.insert(out.end(), 4, 0);  // message id 0
  out.insert(out.end(), 4, 0);  // length, set below
  payload(out, kPayloadKe, sa);
  payload(out, kPayloadNonce, ke);
  payload(out, kPayloadNone, request.nonce);
  std::size_t length = out.size() - header;
  out[header + 24] = static_cast<std::uint8_t>((length >> 24) & 0xff);
  out[header + 25] = static_cast<std::uint8_t>((length >> 16) & 0xff);
  out[header + 26] = static_cast<std::uint8_t>((length >> 8) & 0xff);
  out[header + 27] = static_cast<std::uint8_t>(length & 0xff);
  return out;
}

Reply classify_reply(std::span<const std::uint8_t> datagram, const Spi& spi, bool non_esp_marker) {
  Reply reply;
  auto reject = [&](std::string why) {
    reply.kind = ReplyKind::not_ike;
    reply.summary = std::move(why);
    return reply;
  };
  std::span<const std::uint8_t> m = datagram;
  if (non_esp_marker) {
    if (m.size() < 4 || m[0] != 0 || m[1] != 0 || m[2] != 0 || m[3] != 0) {
      return reject(fmt::format("{} bytes without the non-ESP marker", datagram.size()));
    }
    m = m.subspan(4);
  }
  if (m.size() < kHeaderSize)
    return reject(fmt::format("{} bytes, shorter than an IKE header", m.size()));
  if (!std::equal(spi.begin(), spi.end(), m.begin())) {
    return reject(fmt::format("{} bytes not carrying our initiator SPI", m.size()));
  }
  std::uint8_t version = m[17];
  std::uint8_t exchange = m[18];
  std::uint8_t flags = m[19];
  std::size_t length =
      (std::size_t{m[24]} << 24) | (std::size_t{m[25]} << 16) | (std::size_t{m[26]} << 8) | m[27];
  if (length < kHeaderSize || length > m.size()) {
    return reject(
        fmt::format("IKE length field {} does not fit the {} bytes received", length, m.size()));
  }
  m = m.first(length);
  if ((version >> 4) == 1) {
    // IKEv1 (ISAKMP): the same 8-byte initiator cookie; an IKEv1-only peer may answer an
    // IKEv2 request with an INFORMATIONAL exchange (INVALID-MAJOR-VERSION).
    reply.kind = ReplyKind::ikev1;
    reply.summary = fmt::format("IKEv1 answer (exchange type {})", exchange);
    return reply;
  }
  if ((version >> 4) != 2) return reject(fmt::format("IKE major version {}", version >> 4));
  if (!(flags & kFlagResponse) || (flags & kFlagInitiator)) {
    return reject("an IKE request with our SPI (an echo of the probe?), not a response");
  }
  if (exchange != kExchangeSaInit) {
    return reject(fmt::format("IKEv2 response of exchange type {}, not IKE_SA_INIT", exchange));
  }
  bool has_sa = false, has_ke = false, has_nonce = false;
  std::vector<std::string> transforms;
  std::uint16_t error_notify = 0;
  std::string notify_extra;
  std::uint8_t next = m[16];
  std::size_t pos = kHeaderSize;
  for (int count = 0; next != kPayloadNone; ++count) {
    if (count > 64) return reject("more than 64 IKE payloads");
    if (pos + 4 > m.size()) return reject(fmt::format("IKE payload header cut at byte {}", pos));
    std::size_t plen = get16(m, pos + 2);
    if (plen < 4 || pos + plen > m.size()) {
      return reject(fmt::format("IKE payload length {} at byte {} does not fit", plen, pos));
    }
    auto body = m.subspan(pos + 4, plen - 4);
    switch (next) {
      case kPayloadSa:
        has_sa = true;
        transforms = chosen_transforms(body);
        break;
      case kPayloadKe:
        has_ke = body.size() > 4;
        break;
      case kPayloadNonce:
        has_nonce = body.size() >= 16;
        break;
      case kPayloadNotify: {
        if (body.size() < 4) return reject("IKE notify payload too short");
        std::uint16_t type = get16(body, 2);
        std::size_t spi_size = body[1];
        auto data = body.size() >= 4 + spi_size ? body.subspan(4 + spi_size)
                                                : std::span<const std::uint8_t>{};
        if (type < 16384 || type == kCookie) {
          if (error_notify == 0 || error_notify == kCookie) {
            error_notify = type;
            if (type == kInvalidKePayload && data.size() >= 2) {
              notify_extra = fmt::format(" (the responder wants {})", dh_name(get16(data, 0)));
            }
          }
        }
        break;
      }
      default:
        break;
    }
    next = m[pos];
    pos += plen;
  }
  if (error_notify != 0) {
    reply.kind = ReplyKind::notify;
    reply.notify = error_notify;
    reply.summary = fmt::format("IKEv2 IKE_SA_INIT answer: notify {}{}", notify_name(error_notify),
                                notify_extra);
    return reply;
  }
  if (has_sa && has_ke && has_nonce) {
    reply.kind = ReplyKind::sa_init_response;
    std::string list;
    for (const auto& t : transforms) list += (list.empty() ? "" : ", ") + t;
    reply.summary = fmt::format("IKEv2 IKE_SA_INIT response ({})", list);
    return reply;
  }
  return reject("IKEv2 IKE_SA_INIT response without SA, KE and Nonce or a notify");
}

}  // namespace tekigo::collectors::ike
