// engine/common: the text helpers every layer shares — ASCII only, no locale: the bytes of
// UTF-8 text above 0x7F are never blanks, letters or case-folded here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tekigo::engine {

// `s` without the ASCII whitespace " \t\r\n\f\v" at either end (what std::isspace accepts in
// the "C" locale).
inline std::string_view trim(std::string_view s) {
  constexpr std::string_view kWhitespace = " \t\r\n\f\v";
  const std::size_t first = s.find_first_not_of(kWhitespace);
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(kWhitespace) - first + 1);
}

// `s` with A–Z turned into a–z; every other byte unchanged.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Equal when A–Z and a–z are taken as the same letter; every other byte compares as is.
inline bool iequals_ascii(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// The items with `sep` between them. As the copies it replaces did, a separator is written
// only once something has been written: join({"", "a"}, ", ") is "a", not ", a".
inline std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

}  // namespace tekigo::engine
