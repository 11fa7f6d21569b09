// engine: typed values — sizes in bytes ("100MByte", "50 MiB", "1.5GB"), exact and ordered.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tekigo::engine {

// A size in bytes. A plain value: safe to copy and share between threads.
//
// Units (DECISION): SI units are decimal, IEC units are binary, whatever the OS convention.
//   B                                  1
//   kB, KB                             10^3        KiB   2^10
//   MB                                 10^6        MiB   2^20
//   GB                                 10^9        GiB   2^30
//   TB                                 10^12       TiB   2^40
//   PB                                 10^15       PiB   2^50
//   EB                                 10^18       EiB   2^60
// Each SI unit may also be spelled with "Byte"/"Bytes" instead of "B" ("100MByte",
// "2 GBytes", "1 kByte", "1 KByte"), and bytes as "Byte", "Bytes", "byte", "bytes".
// Unit names are case-sensitive: a lower-case 'b' means bits, so "kb", "Kb", "mb", "Mb",
// "gb", "b" … are rejected rather than guessed ("mb" would even read as millibits).
//
// Syntax: digits ['.' digits] [whitespace] [unit]. A bare number is bytes. No sign, no
// exponent, no digit separators, no surrounding whitespace. A decimal fraction is accepted
// only when the result is a whole number of bytes ("1.5GB", "0.5 KiB"; not "1.5 B").
// Values above 2^64-1 bytes are rejected.
//
// parse never throws; it returns nullopt on malformed or out-of-range input.
struct ByteSize {
  std::uint64_t bytes = 0;

  static std::optional<ByteSize> parse(std::string_view text);

  // Human-readable form:
  //  - exact, when the size is a whole number of some unit from kB/KiB upwards: the unit
  //    giving the smallest number is used ("100 MB", "100 MiB", "1536 MB", "2000 KiB");
  //  - exact in bytes below 1000 ("0 B", "999 B");
  //  - otherwise rounded (half up) to 3 significant digits with an SI unit ("5.37 GB",
  //    "1.00 MB" for 999999 bytes). Rounded forms parse back to a different size; use
  //    `bytes` whenever the exact value matters.
  std::string to_string() const;

  auto operator<=>(const ByteSize&) const = default;
};

}  // namespace tekigo::engine
