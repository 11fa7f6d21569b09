// engine: typed values — versions in several schemes, ordered for comparison.
// Parsing (lenient and strict dotted, Windows release ids), ordering, line matching.
#include "engine/values/version.hpp"

#include <algorithm>
#include <limits>

namespace tekigo::engine {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_wildcard_char(char c) {
  return c == 'x' || c == 'X' || c == '*';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Reads digits at s[i...], advancing i. False on overflow; requires s[i] to be a digit.
bool read_number(std::string_view s, std::size_t& i, std::uint64_t& out) {
  constexpr auto max = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t v = 0;
  while (i < s.size() && is_digit(s[i])) {
    const auto d = static_cast<std::uint64_t>(s[i] - '0');
    if (v > (max - d) / 10) return false;
    v = v * 10 + d;
    ++i;
  }
  out = v;
  return true;
}

// The component at index i, or 0 when the version has fewer components.
std::uint64_t component(std::span<const std::uint64_t> parts, std::size_t i) {
  return i < parts.size() ? parts[i] : 0;
}

}  // namespace

std::string_view to_string(VersionScheme scheme) {
  switch (scheme) {
    case VersionScheme::dotted:
      return "dotted";
    case VersionScheme::windows_release:
      return "windows_release";
  }
  return "unknown";
}

std::optional<VersionScheme> parse_version_scheme(std::string_view text) {
  if (text == "dotted") return VersionScheme::dotted;
  if (text == "windows_release") return VersionScheme::windows_release;
  return std::nullopt;
}

std::optional<Version> Version::parse(std::string_view text, VersionScheme scheme) {
  if (scheme == VersionScheme::windows_release) {
    if (text.size() != 4 || !is_digit(text[0]) || !is_digit(text[1])) return std::nullopt;
    const int yy = (text[0] - '0') * 10 + (text[1] - '0');
    if (yy < 15) return std::nullopt;
    int month = 0;
    if (text[2] == 'H' || text[2] == 'h') {
      if (text[3] == '1') {
        month = 5;
      } else if (text[3] == '2') {
        month = 10;
      } else {
        return std::nullopt;
      }
    } else {
      if (!is_digit(text[2]) || !is_digit(text[3])) return std::nullopt;
      month = (text[2] - '0') * 10 + (text[3] - '0');
      if (month < 1 || month > 12) return std::nullopt;
    }
    return Version(scheme,
                   {static_cast<std::uint64_t>(2000 + yy), static_cast<std::uint64_t>(month)},
                   std::string(text), false);
  }

  // Lenient dotted.
  const std::string_view s = trim(text);
  std::size_t i = 0;
  if (s.size() >= 2 && (s[0] == 'v' || s[0] == 'V') && is_digit(s[1])) i = 1;
  if (i >= s.size() || !is_digit(s[i])) return std::nullopt;
  std::vector<std::uint64_t> parts;
  std::uint64_t n = 0;
  if (!read_number(s, i, n)) return std::nullopt;
  parts.push_back(n);
  while (i + 1 < s.size() && s[i] == '.' && is_digit(s[i + 1])) {
    ++i;
    if (!read_number(s, i, n)) return std::nullopt;
    parts.push_back(n);
  }
  const bool wildcard = i + 2 == s.size() && s[i] == '.' && is_wildcard_char(s[i + 1]);
  return Version(VersionScheme::dotted, std::move(parts), std::string(s), wildcard);
}

std::optional<Version> Version::parse_dotted_strict(std::string_view text) {
  std::size_t i = 0;
  std::vector<std::uint64_t> parts;
  bool wildcard = false;
  while (true) {
    if (i >= text.size()) return std::nullopt;  // empty text or empty trailing component
    if (!parts.empty() && i + 1 == text.size() && is_wildcard_char(text[i])) {
      wildcard = true;
      break;
    }
    if (!is_digit(text[i])) return std::nullopt;
    std::uint64_t n = 0;
    if (!read_number(text, i, n)) return std::nullopt;
    parts.push_back(n);
    if (i == text.size()) break;
    if (text[i] != '.') return std::nullopt;
    ++i;
  }
  return Version(VersionScheme::dotted, std::move(parts), std::string(text), wildcard);
}

std::strong_ordering operator<=>(const Version& a, const Version& b) {
  if (a.scheme_ != b.scheme_) return a.scheme_ <=> b.scheme_;
  const std::size_t n = std::max(a.parts_.size(), b.parts_.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto c = component(a.parts_, i) <=> component(b.parts_, i);
    if (c != 0) return c;
  }
  return std::strong_ordering::equal;
}

bool operator==(const Version& a, const Version& b) {
  return (a <=> b) == 0;
}

bool Version::in_line(const Version& line) const {
  if (scheme_ != line.scheme_) return false;
  for (std::size_t i = 0; i < line.parts_.size(); ++i) {
    if (component(parts_, i) != line.parts_[i]) return false;
  }
  return true;
}

}  // namespace tekigo::engine
