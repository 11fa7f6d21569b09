// tests/engine: ByteSize — units (SI decimal, IEC binary), exact decimals, overflow, formatting.
#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "engine/values/byte_size.hpp"

using tekigo::engine::ByteSize;

namespace {

constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t kKi = 1024;

std::uint64_t bytes_of(std::string_view text) {
  const auto size = ByteSize::parse(text);
  REQUIRE(size.has_value());
  return size->bytes;
}

}  // namespace

TEST_CASE("ByteSize: units are SI decimal and IEC binary", "[values][byte_size]") {
  struct Case {
    std::string text;
    std::uint64_t bytes;
  };
  const std::vector<Case> cases{
      {"0", 0},
      {"1", 1},
      {"100", 100},
      {"1B", 1},
      {"1 B", 1},
      {"1kB", 1000},
      {"1KB", 1000},
      {"1MB", 1000000},
      {"1GB", 1000000000},
      {"1TB", 1000000000000},
      {"1PB", 1000000000000000},
      {"1EB", 1000000000000000000},
      {"1KiB", kKi},
      {"1MiB", kKi * kKi},
      {"1GiB", kKi * kKi * kKi},
      {"1TiB", kKi * kKi * kKi * kKi},
      {"1PiB", kKi * kKi * kKi * kKi * kKi},
      {"1EiB", kKi * kKi * kKi * kKi * kKi * kKi},
      {"50 MiB", 52428800},
      {"50MiB", 52428800},
      {"50\tMiB", 52428800},
      {"50  MiB", 52428800},
      {"100MByte", 100000000},
      {"100 MBytes", 100000000},
      {"2GByte", 2000000000},
      {"2 GBytes", 2000000000},
      {"1kByte", 1000},
      {"1KByte", 1000},
      {"3KBytes", 3000},
      {"1TByte", 1000000000000},
      {"1 Byte", 1},
      {"3 Bytes", 3},
      {"1 byte", 1},
      {"3 bytes", 3},
      {"007 MB", 7000000},
      {"0 GiB", 0},
      {"4096 KiB", 4 * kKi * kKi},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(bytes_of(c.text) == c.bytes);
  }
}

TEST_CASE("ByteSize: decimal numbers are accepted when the result is whole",
          "[values][byte_size]") {
  struct Case {
    std::string text;
    std::uint64_t bytes;
  };
  const std::vector<Case> cases{
      {"1.5GB", 1500000000},
      {"1.5 GB", 1500000000},
      {"1.50 GB", 1500000000},
      {"1.5 KiB", 1536},
      {"0.5KiB", 512},
      {"2.25 MiB", 2359296},
      {"1.000B", 1},
      {"0.0 B", 0},
      {"0.001kB", 1},
      {"0.0009765625 MiB", 1024},
      {"0.0009765625 KiB", 1},
      {"5.37 GB", 5370000000},
      {"0.1 EB", 100000000000000000},
      {"1.25 TiB", 1374389534720},
      // 2^-60 EiB is one byte; exact arithmetic handles long fractions.
      {"0.000000000000000000867361737988403547205962240695953369140625 EiB", 1},
      {"1.00000000000000000000000000000000000000 MB", 1000000},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(bytes_of(c.text) == c.bytes);
  }

  const std::vector<std::string> fractional{
      "1.5",     "1.5 B",     "0.1 B",          "0.0001 kB", "1.0000001 KiB",
      "0.3 KiB", "1.0001 kB", "0.00000001 MiB", "1.5 bytes", "0.0000000000000000001 EB",
  };
  for (const auto& text : fractional) {
    INFO(text);
    CHECK_FALSE(ByteSize::parse(text).has_value());
  }
}

TEST_CASE("ByteSize: values above 2^64-1 bytes are rejected", "[values][byte_size]") {
  CHECK(bytes_of("18446744073709551615") == kMax);
  CHECK(bytes_of("18446744073709551615 B") == kMax);
  CHECK(bytes_of("18.446744073709551615 EB") == kMax);
  CHECK(bytes_of("15 EiB") == 15 * (kKi * kKi * kKi * kKi * kKi * kKi));
  CHECK(bytes_of("17179869183 GiB") == 17179869183ULL * kKi * kKi * kKi);
  CHECK(bytes_of("18 EB") == 18000000000000000000ULL);
  CHECK(bytes_of("00000000000000000000000000000001") == 1);

  const std::vector<std::string> overflow{
      "18446744073709551616",
      "18446744073709551616 B",
      "99999999999999999999999 B",
      "18.446744073709551616 EB",
      "19 EB",
      "16 EiB",
      "17179869184 GiB",
      "18446744073709551615 kB",
      "18446744073709551615 KiB",
      "20000000 TB",
  };
  for (const auto& text : overflow) {
    INFO(text);
    CHECK_FALSE(ByteSize::parse(text).has_value());
  }
}

TEST_CASE("ByteSize: malformed sizes and bit-like units are rejected", "[values][byte_size]") {
  const std::vector<std::string> bad{
      "",         " ",      "MB",      "B",          ".5MB",       "1.",
      "1.MB",     "1 .5MB", "1. 5MB",  "-1",         "+1",         "-1 MB",
      "1e3",      "1E3 B",  "1,000",   "1_000",      "1'000",      " 1MB",
      "1MB ",     "1 MB ",  "1 ",      "1\n",        "1 B\n",      "1mb",
      "1Mb",      "1kb",    "1Kb",     "1b",         "1 gb",       "1 mib",
      "1 MIB",    "1 KIB",  "1 kiB",   "1 Kib",      "1 kIB",      "1 MBs",
      "1MBytess", "1 M",    "1 K",     "1 Mi",       "1 megabyte", "1 MB B",
      "1MB5",     "0x10",   "1 mByte", "1 kibibyte", "1 BYTES",    "1 kbyte",
      "1 KiByte", "1 o",    "1 Ko",    "1..5 MB",    "1.5.1 MB",   "\xef\xbc\x91MB",
  };
  for (const auto& text : bad) {
    INFO('"' << text << '"');
    CHECK_FALSE(ByteSize::parse(text).has_value());
  }
}

TEST_CASE("ByteSize: to_string uses an exact unit when there is one", "[values][byte_size]") {
  struct Case {
    std::uint64_t bytes;
    std::string text;
  };
  const std::vector<Case> cases{
      {0, "0 B"},
      {1, "1 B"},
      {999, "999 B"},
      {1000, "1 kB"},
      {1024, "1 KiB"},
      {3000, "3 kB"},
      {100000000, "100 MB"},
      {104857600, "100 MiB"},
      {1536000000, "1536 MB"},
      {2048000, "2000 KiB"},
      {1000000000000, "1 TB"},
      {kKi * kKi * kKi * kKi * kKi * kKi, "1 EiB"},
      {18000000000000000000ULL, "18 EB"},
      {123456000, "123456 kB"},
  };
  for (const auto& c : cases) {
    INFO(c.bytes);
    CHECK(ByteSize{c.bytes}.to_string() == c.text);
    // Exact forms parse back to the same size.
    CHECK(ByteSize::parse(c.text) == ByteSize{c.bytes});
  }
}

TEST_CASE("ByteSize: to_string rounds inexact sizes to 3 significant digits",
          "[values][byte_size]") {
  struct Case {
    std::uint64_t bytes;
    std::string text;
  };
  const std::vector<Case> cases{
      {1001, "1.00 kB"},     {1023, "1.02 kB"},       {1234, "1.23 kB"},
      {1235, "1.24 kB"},  // half up
      {1500, "1.50 kB"},     {12345, "12.3 kB"},      {123457, "123 kB"},
      {999999, "1.00 MB"},  // rounding carries into the next unit
      {999499, "999 kB"},    {1234567, "1.23 MB"},    {12345678, "12.3 MB"},
      {123456789, "123 MB"}, {5368709121, "5.37 GB"}, {5368709119, "5.37 GB"},
      {kMax, "18.4 EB"},
  };
  for (const auto& c : cases) {
    INFO(c.bytes);
    CHECK(ByteSize{c.bytes}.to_string() == c.text);
  }
}

TEST_CASE("ByteSize: ordered by bytes", "[values][byte_size]") {
  CHECK(ByteSize{1} < ByteSize{2});
  CHECK(ByteSize::parse("1 KiB") > ByteSize::parse("1 kB"));
  CHECK(ByteSize::parse("1000 B") == ByteSize::parse("1 kB"));
  CHECK(ByteSize::parse("1 MiB") == ByteSize::parse("1024 KiB"));
  CHECK(ByteSize::parse("1 GiB") < ByteSize::parse("1.1 GB"));
  CHECK(ByteSize::parse("100MByte") < ByteSize::parse("100 MiB"));
  CHECK(ByteSize{} == ByteSize{0});
}
