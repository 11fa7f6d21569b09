// engine: typed values — sizes in bytes: unit table, exact decimal parsing, human formatting.
#include "engine/values/byte_size.hpp"

#include <array>
#include <limits>
#include <vector>

namespace tekigo::engine {
namespace {

struct Unit {
  std::string_view name;
  std::uint64_t multiplier;
};

constexpr std::uint64_t pow10(int n) {
  std::uint64_t v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

constexpr std::uint64_t kKi = std::uint64_t{1} << 10;
constexpr std::uint64_t kMi = std::uint64_t{1} << 20;
constexpr std::uint64_t kGi = std::uint64_t{1} << 30;
constexpr std::uint64_t kTi = std::uint64_t{1} << 40;
constexpr std::uint64_t kPi = std::uint64_t{1} << 50;
constexpr std::uint64_t kEi = std::uint64_t{1} << 60;

// Every accepted spelling. Lower-case 'b' means bits and is deliberately absent (see header).
constexpr std::array kUnits{
    Unit{"B", 1},
    Unit{"Byte", 1},
    Unit{"Bytes", 1},
    Unit{"byte", 1},
    Unit{"bytes", 1},
    Unit{"kB", pow10(3)},
    Unit{"KB", pow10(3)},
    Unit{"kByte", pow10(3)},
    Unit{"kBytes", pow10(3)},
    Unit{"KByte", pow10(3)},
    Unit{"KBytes", pow10(3)},
    Unit{"MB", pow10(6)},
    Unit{"MByte", pow10(6)},
    Unit{"MBytes", pow10(6)},
    Unit{"GB", pow10(9)},
    Unit{"GByte", pow10(9)},
    Unit{"GBytes", pow10(9)},
    Unit{"TB", pow10(12)},
    Unit{"TByte", pow10(12)},
    Unit{"TBytes", pow10(12)},
    Unit{"PB", pow10(15)},
    Unit{"PByte", pow10(15)},
    Unit{"PBytes", pow10(15)},
    Unit{"EB", pow10(18)},
    Unit{"EByte", pow10(18)},
    Unit{"EBytes", pow10(18)},
    Unit{"KiB", kKi},
    Unit{"MiB", kMi},
    Unit{"GiB", kGi},
    Unit{"TiB", kTi},
    Unit{"PiB", kPi},
    Unit{"EiB", kEi},
};

// Units used by to_string for exact forms, and the SI names for rounded forms by exponent.
constexpr std::array kDisplayUnits{
    Unit{"kB", pow10(3)},  Unit{"MB", pow10(6)},  Unit{"GB", pow10(9)}, Unit{"TB", pow10(12)},
    Unit{"PB", pow10(15)}, Unit{"EB", pow10(18)}, Unit{"KiB", kKi},     Unit{"MiB", kMi},
    Unit{"GiB", kGi},      Unit{"TiB", kTi},      Unit{"PiB", kPi},     Unit{"EiB", kEi},
};
constexpr std::array<std::string_view, 7> kSiNames{"B", "kB", "MB", "GB", "TB", "PB", "EB"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// digits × multiplier ÷ 10^fraction_digits, exactly; nullopt when not whole or above 2^64-1.
// `digits` is the number with the decimal point removed.
std::optional<std::uint64_t> scale_exact(std::string_view digits, std::size_t fraction_digits,
                                         std::uint64_t multiplier) {
  // Little-endian decimal product. With carry <= multiplier <= 2^60, d*multiplier + carry
  // stays below 10 * 2^60 < 2^64.
  std::vector<std::uint8_t> product;
  product.reserve(digits.size() + 20);
  std::uint64_t carry = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    const std::uint64_t x = static_cast<std::uint64_t>(*it - '0') * multiplier + carry;
    product.push_back(static_cast<std::uint8_t>(x % 10));
    carry = x / 10;
  }
  while (carry != 0) {
    product.push_back(static_cast<std::uint8_t>(carry % 10));
    carry /= 10;
  }
  for (std::size_t i = 0; i < fraction_digits; ++i) {
    if (product[i] != 0) return std::nullopt;  // not a whole number of bytes
  }
  constexpr auto max = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t value = 0;
  for (std::size_t i = product.size(); i > fraction_digits; --i) {
    const std::uint64_t d = product[i - 1];
    if (value > (max - d) / 10) return std::nullopt;
    value = value * 10 + d;
  }
  return value;
}

}  // namespace

std::optional<ByteSize> ByteSize::parse(std::string_view text) {
  std::size_t i = 0;
  std::string digits;
  while (i < text.size() && is_digit(text[i])) digits.push_back(text[i++]);
  if (digits.empty()) return std::nullopt;
  std::size_t fraction_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && is_digit(text[i])) {
      digits.push_back(text[i++]);
      ++fraction_digits;
    }
    if (fraction_digits == 0) return std::nullopt;  // "1." or "1.MB"
  }
  bool spaced = false;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
    ++i;
    spaced = true;
  }
  const std::string_view unit_text = text.substr(i);
  std::uint64_t multiplier = 0;
  if (unit_text.empty()) {
    if (spaced) return std::nullopt;  // trailing whitespace
    multiplier = 1;
  } else {
    for (const Unit& unit : kUnits) {
      if (unit.name == unit_text) {
        multiplier = unit.multiplier;
        break;
      }
    }
    if (multiplier == 0) return std::nullopt;
  }
  const auto bytes = scale_exact(digits, fraction_digits, multiplier);
  if (!bytes) return std::nullopt;
  return ByteSize{*bytes};
}

std::string ByteSize::to_string() const {
  if (bytes < 1000) return std::to_string(bytes) + " B";

  // Exact: the unit giving the smallest whole number.
  const Unit* best = nullptr;
  for (const Unit& unit : kDisplayUnits) {
    if (bytes % unit.multiplier != 0) continue;
    if (best == nullptr || unit.multiplier > best->multiplier) best = &unit;
  }
  if (best != nullptr) {
    return std::to_string(bytes / best->multiplier) + " " + std::string(best->name);
  }

  // Rounded to 3 significant digits (half up), SI unit.
  int digit_count = static_cast<int>(std::to_string(bytes).size());  // >= 4 here
  const std::uint64_t scale = pow10(digit_count - 3);
  std::uint64_t r = bytes / scale;
  if ((bytes % scale) * 2 >= scale) ++r;
  if (r == 1000) {
    r = 100;
    ++digit_count;
  }
  const int exponent = (digit_count - 1) / 3 * 3;  // 3..18 since digit_count is 4..20
  const auto integer_digits = static_cast<std::size_t>(digit_count - exponent);
  const std::string r_text = std::to_string(r);
  std::string out = r_text.substr(0, integer_digits);
  if (integer_digits < r_text.size()) out += "." + r_text.substr(integer_digits);
  out += " ";
  out += kSiNames[static_cast<std::size_t>(exponent / 3)];
  return out;
}

}  // namespace tekigo::engine
