// collectors: the DNS wire format — A/AAAA queries and bounded decoding of answers.
#include "collectors/probes/dns_message.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "engine/values/ip_address.hpp"

namespace tekigo::collectors::dns {

namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kMaxNameLength = 253;  // text form, without the trailing dot
constexpr int kMaxCnameLinks = 16;

char lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// A bounded reader over the message; every read checks the remaining size.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}
  std::size_t offset() const { return offset_; }
  std::span<const std::uint8_t> whole() const { return bytes_; }
  void seek(std::size_t offset) { offset_ = std::min(offset, bytes_.size()); }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  std::uint8_t u8() {
    if (!need(1)) return 0;
    return bytes_[offset_++];
  }
  std::uint16_t u16() {
    if (!need(2)) return 0;
    auto v = static_cast<std::uint16_t>((bytes_[offset_] << 8) | bytes_[offset_ + 1]);
    offset_ += 2;
    return v;
  }
  std::uint32_t u32() {
    std::uint32_t hi = u16();
    std::uint32_t lo = u16();
    return (hi << 16) | lo;
  }
  std::span<const std::uint8_t> take(std::size_t n) {
    if (!need(n)) return {};
    auto s = bytes_.subspan(offset_, n);
    offset_ += n;
    return s;
  }

  // A possibly compressed name starting at the current offset.
  std::string name() {
    std::string out;
    std::size_t pos = offset_;
    bool jumped = false;
    std::size_t limit = offset_;  // a pointer must point before the label that holds it
    for (int steps = 0;; ++steps) {
      if (steps > 128) return fail_name("too many labels");
      if (pos >= bytes_.size())
        return fail_name(fmt::format("name runs past the end at byte {}", pos));
      std::uint8_t len = bytes_[pos];
      if ((len & 0xC0) == 0xC0) {
        if (pos + 1 >= bytes_.size()) return fail_name(fmt::format("pointer cut at byte {}", pos));
        std::size_t target = ((len & 0x3F) << 8) | bytes_[pos + 1];
        if (!jumped) offset_ = pos + 2;
        if (target >= limit) {
          return fail_name(
              fmt::format("compression pointer at byte {} to {} does not point back", pos, target));
        }
        jumped = true;
        limit = target;
        pos = target;
        continue;
      }
      if ((len & 0xC0) != 0) return fail_name(fmt::format("unknown label type at byte {}", pos));
      if (len == 0) {
        if (!jumped) offset_ = pos + 1;
        break;
      }
      if (pos + 1 + len > bytes_.size()) {
        return fail_name(fmt::format("label at byte {} runs past the end", pos));
      }
      if (!out.empty()) out += '.';
      for (std::size_t i = 0; i < len; ++i) {
        auto c = static_cast<unsigned char>(bytes_[pos + 1 + i]);
        if (c <= 0x20 || c >= 0x7F || c == '.' || c == '\\') {
          out += fmt::format("\\{:03d}", c);
        } else {
          out += lower(static_cast<char>(c));
        }
      }
      if (out.size() > 4 * 255) return fail_name("name too long");
      pos += 1 + len;
      if (!jumped) limit = pos;
    }
    return out;
  }

 private:
  bool need(std::size_t n) {
    if (!error_.empty()) return false;
    if (bytes_.size() - offset_ < n) {
      error_ = fmt::format("truncated at byte {} (message is {} bytes)", offset_, bytes_.size());
      offset_ = bytes_.size();
      return false;
    }
    return true;
  }
  std::string fail_name(std::string why) {
    if (error_.empty()) error_ = std::move(why);
    offset_ = bytes_.size();
    return {};
  }

  std::span<const std::uint8_t> bytes_;
  std::size_t offset_ = 0;
  std::string error_;
};

bool read_record(Reader& r, Record& rec) {
  rec.owner = r.name();
  rec.type = r.u16();
  rec.klass = r.u16();
  rec.ttl = r.u32();
  std::uint16_t rdlength = r.u16();
  if (r.failed()) return false;
  std::size_t rdata_start = r.offset();
  auto rdata = r.take(rdlength);
  if (r.failed()) return false;
  if (rec.klass == kClassIn && rec.type == kTypeA && rdata.size() == 4) {
    std::array<std::uint8_t, 4> b{};
    std::copy(rdata.begin(), rdata.end(), b.begin());
    rec.data = engine::IpAddress::from_v4(b).text();
  } else if (rec.klass == kClassIn && rec.type == kTypeAaaa && rdata.size() == 16) {
    std::array<std::uint8_t, 16> b{};
    std::copy(rdata.begin(), rdata.end(), b.begin());
    rec.data = engine::IpAddress::from_v6(b).text();
  } else if (rec.type == kTypeCname) {
    // The target may be compressed against earlier parts of the message, so decode it
    // with a reader over the whole message positioned at the rdata, then check that it
    // stayed inside the rdata.
    Reader sub(r.whole());
    sub.seek(rdata_start);
    rec.data = sub.name();
    if (sub.failed() || sub.offset() > rdata_start + rdlength) return false;
  }
  return true;
}

}  // namespace

std::string type_name(std::uint16_t type) {
  switch (type) {
    case kTypeA:
      return "A";
    case kTypeCname:
      return "CNAME";
    case kTypeSoa:
      return "SOA";
    case kTypeAaaa:
      return "AAAA";
    default:
      return fmt::format("TYPE{}", type);
  }
}

std::string rcode_name(int rcode) {
  static constexpr std::array<const char*, 11> names = {
      "NOERROR",  "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED",
      "YXDOMAIN", "YXRRSET", "NXRRSET",  "NOTAUTH",  "NOTZONE"};
  if (rcode >= 0 && rcode < static_cast<int>(names.size())) return names[rcode];
  return fmt::format("RCODE{}", rcode);
}

std::string normal_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) out += lower(c);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::optional<std::vector<std::uint8_t>> encode_query(std::uint16_t id, std::string_view name,
                                                      std::uint16_t type) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.empty() || name.size() > kMaxNameLength) return std::nullopt;
  std::vector<std::uint8_t> out = {static_cast<std::uint8_t>(id >> 8),
                                   static_cast<std::uint8_t>(id & 0xFF),
                                   0x01,  // RD
                                   0x00,
                                   0,
                                   1,  // QDCOUNT
                                   0,
                                   0,
                                   0,
                                   0,
                                   0,
                                   0};
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string_view::npos) dot = name.size();
    std::size_t len = dot - start;
    if (len == 0 || len > 63) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(len));
    for (std::size_t i = start; i < dot; ++i) out.push_back(static_cast<std::uint8_t>(name[i]));
    start = dot + 1;
  }
  out.push_back(0);
  out.push_back(static_cast<std::uint8_t>(type >> 8));
  out.push_back(static_cast<std::uint8_t>(type & 0xFF));
  out.push_back(0);
  out.push_back(kClassIn);
  return out;
}

DecodeResult decode_message(std::span<const std::uint8_t> bytes) {
  DecodeResult result;
  if (bytes.size() < kHeaderSize) {
    result.error = fmt::format("{} bytes, shorter than a DNS header", bytes.size());
    return result;
  }
  Reader r(bytes);
  Message m;
  m.id = r.u16();
  std::uint16_t flags = r.u16();
  m.response = (flags & 0x8000) != 0;
  m.opcode = (flags >> 11) & 0x0F;
  m.authoritative = (flags & 0x0400) != 0;
  m.truncated = (flags & 0x0200) != 0;
  m.recursion_available = (flags & 0x0080) != 0;
  m.rcode = flags & 0x000F;
  std::uint16_t qdcount = r.u16();
  std::uint16_t ancount = r.u16();
  std::uint16_t nscount = r.u16();
  r.u16();  // ARCOUNT: the additional section is not read
  for (std::uint16_t i = 0; i < qdcount && !r.failed(); ++i) {
    std::string qname = r.name();
    std::uint16_t qtype = r.u16();
    std::uint16_t qclass = r.u16();
    if (i == 0) {
      m.question_name = qname;
      m.question_type = qtype;
      m.question_class = qclass;
    }
  }
  for (std::uint16_t i = 0; i < ancount && !r.failed(); ++i) {
    Record rec;
    if (!read_record(r, rec)) break;
    m.answers.push_back(std::move(rec));
  }
  for (std::uint16_t i = 0; i < nscount && !r.failed(); ++i) {
    Record rec;
    if (!read_record(r, rec)) break;
    m.authority.push_back(std::move(rec));
  }
  if (r.failed()) {
    result.error = r.error();
    return result;
  }
  if (m.answers.size() != ancount || m.authority.size() != nscount) {
    result.error = "malformed resource record";
    return result;
  }
  result.message = std::move(m);
  return result;
}

bool answers_query(const Message& answer, std::uint16_t query_id, std::string_view name,
                   std::uint16_t type) {
  return answer.response && answer.id == query_id && answer.opcode == 0 &&
         answer.question_type == type && answer.question_name == normal_name(name);
}

Resolution follow_cnames(const Message& answer, std::string_view name, std::uint16_t type) {
  Resolution res;
  std::string current = normal_name(name);
  res.chain.push_back(current);
  for (int links = 0;; ++links) {
    const Record* cname = nullptr;
    for (const auto& rec : answer.answers) {
      if (rec.owner == current && rec.type == kTypeCname && rec.klass == kClassIn) cname = &rec;
    }
    if (cname == nullptr || links >= kMaxCnameLinks) break;
    if (std::find(res.chain.begin(), res.chain.end(), cname->data) != res.chain.end()) {
      res.loop = true;
      break;
    }
    current = cname->data;
    res.chain.push_back(current);
  }
  res.end = current;
  if (res.loop) return res;
  for (const auto& rec : answer.answers) {
    if (rec.owner == current && rec.type == type && rec.klass == kClassIn && !rec.data.empty() &&
        std::find(res.addresses.begin(), res.addresses.end(), rec.data) == res.addresses.end()) {
      res.addresses.push_back(rec.data);
    }
  }
  return res;
}

}  // namespace tekigo::collectors::dns
