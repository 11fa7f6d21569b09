// engine: typed values — IPv4 and IPv6 addresses, strict parsing and canonical (RFC 5952) text.
// Ports and protocols live in engine/port.hpp (included here for convenience).
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/values/port.hpp"

namespace tekigo::engine {

// An IPv4 or IPv6 address (a single address: no zone id, no prefix length, no brackets,
// no port). Immutable: safe to copy and share between threads.
//
// Accepted text (parse never throws; it returns nullopt for anything else):
//   v4: strict dotted quad "a.b.c.d", each part 0..255 in decimal without leading zeros
//       ("010.0.0.1" is rejected: some tools read it as octal), exactly four parts.
//   v6: RFC 4291 section 2.2 forms: eight groups of 1..4 hex digits (either case), at most
//       one "::" standing for one or more zero groups, and optionally a strict dotted quad
//       in place of the last two groups ("::ffff:1.2.3.4", "64:ff9b::192.0.2.33").
// Equality and order are by value: family first (every v4 before every v6), then bytes.
// An IPv4-mapped IPv6 address (::ffff:1.2.3.4) is a v6 address and does NOT equal the v4
// address 1.2.3.4; use unmapped() to compare such addresses as v4.
class IpAddress {
 public:
  enum class Family { v4, v6 };

  static std::optional<IpAddress> parse(std::string_view text);
  static IpAddress from_v4(const std::array<std::uint8_t, 4>& bytes);
  static IpAddress from_v6(const std::array<std::uint8_t, 16>& bytes);

  Family family() const { return family_; }
  // Canonical text. v4: dotted quad. v6: RFC 5952 — lower-case hex, no leading zeros, the
  // longest run of two or more zero groups (the first one on a tie) written as "::"; an
  // IPv4-mapped address is written in mixed notation ("::ffff:1.2.3.4").
  std::string text() const;
  // Network byte order; a v4 address is stored in the first 4 bytes, the rest zero.
  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }

  // True for IPv4-mapped IPv6 addresses (::ffff:0:0/96).
  bool is_v4_mapped() const;
  // The embedded v4 address for an IPv4-mapped address; otherwise this address unchanged.
  IpAddress unmapped() const;

  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;

 private:
  IpAddress() = default;

  Family family_ = Family::v4;
  std::array<std::uint8_t, 16> bytes_{};
};

}  // namespace tekigo::engine
