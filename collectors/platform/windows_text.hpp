// collectors/platform: the text rules that the parsers of reg.exe and netsh.exe output share
// (windows_registry_parse.cpp, windows_netsh_parse.cpp).
#pragma once

#include <string_view>

#include "engine/common/text.hpp"

namespace tekigo::collectors {

// `s` without the spaces and tabs at its start and the spaces, tabs and CRs at its end: the
// padding of reg.exe's and netsh's columns. Narrower than engine::trim on purpose: registry
// data keeps a line feed, \f or \v at its ends, as the OS stored it.
inline std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Does `s` start with `prefix`, A–Z and a–z taken as the same letter?
inline bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && engine::iequals_ascii(s.substr(0, prefix.size()), prefix);
}

// Does `s` contain `needle`, A–Z and a–z taken as the same letter?
inline bool icontains(std::string_view s, std::string_view needle) {
  if (needle.size() > s.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i)
    if (engine::iequals_ascii(s.substr(i, needle.size()), needle)) return true;
  return false;
}

}  // namespace tekigo::collectors
