// engine: typed values — IPv4 and IPv6 addresses: strict RFC 4291 parsing, RFC 5952 text.
#include "engine/values/ip_address.hpp"

#include <vector>

namespace tekigo::engine {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Splits on `sep`, keeping empty pieces ("a::b" → "a", "", "b").
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

std::optional<std::array<std::uint8_t, 4>> parse_v4(std::string_view text) {
  const auto parts = split(text, '.');
  if (parts.size() != 4) return std::nullopt;
  std::array<std::uint8_t, 4> out{};
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string_view p = parts[i];
    if (p.empty() || p.size() > 3 || (p.size() > 1 && p[0] == '0')) return std::nullopt;
    int v = 0;
    for (const char c : p) {
      if (!is_digit(c)) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    if (v > 255) return std::nullopt;
    out[i] = static_cast<std::uint8_t>(v);
  }
  return out;
}

// Parses one side of a v6 address (the whole address, or the part before or after "::")
// into 16-bit groups. An empty side yields no groups. `v4_allowed`: the last piece may be a
// dotted quad (two groups).
std::optional<std::vector<std::uint16_t>> parse_v6_groups(std::string_view side, bool v4_allowed) {
  std::vector<std::uint16_t> groups;
  if (side.empty()) return groups;
  const auto pieces = split(side, ':');
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const std::string_view p = pieces[i];
    if (v4_allowed && i + 1 == pieces.size() && p.find('.') != std::string_view::npos) {
      const auto v4 = parse_v4(p);
      if (!v4) return std::nullopt;
      groups.push_back(static_cast<std::uint16_t>(((*v4)[0] << 8) | (*v4)[1]));
      groups.push_back(static_cast<std::uint16_t>(((*v4)[2] << 8) | (*v4)[3]));
      continue;
    }
    if (p.empty() || p.size() > 4) return std::nullopt;
    unsigned v = 0;
    for (const char c : p) {
      const int h = hex_value(c);
      if (h < 0) return std::nullopt;
      v = v * 16 + static_cast<unsigned>(h);
    }
    groups.push_back(static_cast<std::uint16_t>(v));
  }
  return groups;
}

std::optional<std::array<std::uint8_t, 16>> parse_v6(std::string_view text) {
  std::vector<std::uint16_t> groups;
  const std::size_t gap = text.find("::");
  if (gap == std::string_view::npos) {
    const auto all = parse_v6_groups(text, true);
    if (!all || all->size() != 8) return std::nullopt;
    groups = *all;
  } else {
    if (text.find("::", gap + 1) != std::string_view::npos) return std::nullopt;
    const std::string_view tail_text = text.substr(gap + 2);
    const auto head = parse_v6_groups(text.substr(0, gap), false);
    const auto tail = parse_v6_groups(tail_text, true);
    if (!head || !tail || head->size() + tail->size() > 7) return std::nullopt;
    groups = *head;
    groups.resize(8 - tail->size(), 0);
    groups.insert(groups.end(), tail->begin(), tail->end());
  }
  std::array<std::uint8_t, 16> out{};
  for (std::size_t i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(groups[i] >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xff);
  }
  return out;
}

std::string v4_text(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
         std::to_string(d);
}

std::string hex_group(unsigned v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const unsigned nibble = (v >> shift) & 0xf;
    if (nibble != 0 || started || shift == 0) {
      s.push_back(kDigits[nibble]);
      started = true;
    }
  }
  return s;
}

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  IpAddress address;
  if (text.find(':') != std::string_view::npos) {
    const auto bytes = parse_v6(text);
    if (!bytes) return std::nullopt;
    address.family_ = Family::v6;
    address.bytes_ = *bytes;
  } else {
    const auto bytes = parse_v4(text);
    if (!bytes) return std::nullopt;
    address.family_ = Family::v4;
    for (std::size_t i = 0; i < 4; ++i) address.bytes_[i] = (*bytes)[i];
  }
  return address;
}

IpAddress IpAddress::from_v4(const std::array<std::uint8_t, 4>& bytes) {
  IpAddress address;
  address.family_ = Family::v4;
  for (std::size_t i = 0; i < 4; ++i) address.bytes_[i] = bytes[i];
  return address;
}

IpAddress IpAddress::from_v6(const std::array<std::uint8_t, 16>& bytes) {
  IpAddress address;
  address.family_ = Family::v6;
  address.bytes_ = bytes;
  return address;
}

bool IpAddress::is_v4_mapped() const {
  if (family_ != Family::v6) return false;
  for (std::size_t i = 0; i < 10; ++i) {
    if (bytes_[i] != 0) return false;
  }
  return bytes_[10] == 0xff && bytes_[11] == 0xff;
}

IpAddress IpAddress::unmapped() const {
  if (!is_v4_mapped()) return *this;
  return from_v4({bytes_[12], bytes_[13], bytes_[14], bytes_[15]});
}

std::string IpAddress::text() const {
  if (family_ == Family::v4) return v4_text(bytes_[0], bytes_[1], bytes_[2], bytes_[3]);
  if (is_v4_mapped()) return "::ffff:" + v4_text(bytes_[12], bytes_[13], bytes_[14], bytes_[15]);

  std::array<unsigned, 8> groups{};
  for (std::size_t i = 0; i < 8; ++i) {
    groups[i] = (static_cast<unsigned>(bytes_[2 * i]) << 8) | bytes_[2 * i + 1];
  }
  // Longest run of zero groups, first on a tie; only runs of two or more are compressed.
  std::size_t best_start = 8, best_length = 0;
  for (std::size_t i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }
  if (best_length < 2) best_start = 8;

  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    out += hex_group(groups[i]);
  }
  return out;
}

}  // namespace tekigo::engine
