// collectors/platform: command output as text, lines and JSON (see command_output.hpp).
#include "collectors/platform/command_output.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>

#include "engine/common/utf8.hpp"

namespace tekigo::collectors {

using engine::append_utf8;
using engine::FactValue;

namespace {

bool looks_utf16le(std::string_view bytes) {
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE)
    return true;
  if (bytes.size() < 4 || bytes.size() % 2 != 0) return false;
  // ASCII-heavy UTF-16LE has a NUL in most odd positions and none in the even ones.
  std::size_t pairs = std::min<std::size_t>(bytes.size() / 2, 256), odd_nul = 0, even_nul = 0;
  for (std::size_t i = 0; i < pairs; ++i) {
    if (bytes[2 * i + 1] == '\0') ++odd_nul;
    if (bytes[2 * i] == '\0') ++even_nul;
  }
  return odd_nul * 4 >= pairs * 3 && even_nul * 8 < pairs;
}

std::string utf16le_to_utf8(std::string_view bytes, std::vector<std::string>* problems) {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xFE)
    i = 2;
  bool bad = false;
  auto unit = [&](std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at])) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[at + 1])) << 8);
  };
  for (; i + 1 < bytes.size(); i += 2) {
    std::uint32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      std::uint32_t v = unit(i + 2);
      if (v >= 0xDC00 && v <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) {
      bad = true;
      u = 0xFFFD;
    }
    append_utf8(out, u);
  }
  if (bytes.size() % 2 != 0) bad = true;
  if (bad && problems)
    problems->push_back("output is not valid UTF-16LE; broken characters were replaced");
  return out;
}

// Valid UTF-8 is returned as is; invalid sequences become U+FFFD.
std::string sanitize_utf8(std::string_view s, bool& bad) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len != 0 && i + len <= s.size();
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d >> 6) != 0x2) ok = false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if (ok) {
      static constexpr std::array<std::uint32_t, 5> min_cp{0, 0, 0x80, 0x800, 0x10000};
      if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
    }
    if (ok) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      bad = true;
      append_utf8(out, 0xFFFD);
      ++i;
    }
  }
  return out;
}

FactValue from_json(simdjson::dom::element e, int depth) {
  if (depth > 64) return FactValue();
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::ARRAY: {
      FactValue::List items;
      for (simdjson::dom::element child : simdjson::dom::array(e))
        items.push_back(from_json(child, depth + 1));
      return FactValue::list(std::move(items));
    }
    case T::OBJECT: {
      FactValue::Map entries;
      for (auto field : simdjson::dom::object(e)) {
        std::string key(field.key);
        auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const auto& p) { return p.first == key; });
        if (it != entries.end())
          it->second =
              from_json(field.value, depth + 1);  // ConvertTo-Json never repeats keys; last wins
        else
          entries.emplace_back(std::move(key), from_json(field.value, depth + 1));
      }
      return FactValue::map(std::move(entries));
    }
    case T::INT64:
      return FactValue::integer(std::int64_t(e));
    case T::UINT64: {
      std::uint64_t u = std::uint64_t(e);
      if (u <= static_cast<std::uint64_t>(INT64_MAX))
        return FactValue::integer(static_cast<std::int64_t>(u));
      return FactValue::number(static_cast<double>(u));
    }
    case T::DOUBLE:
      return FactValue::number(double(e));
    case T::STRING:
      return FactValue::string(std::string(std::string_view(e)));
    case T::BOOL:
      return FactValue::boolean(bool(e));
    case T::NULL_VALUE:
      return FactValue();
  }
  return FactValue();
}

}  // namespace

FactFragment fact_found(FactValue value, std::vector<std::string> problems) {
  FactFragment r;
  r.value = std::move(value);
  r.found = true;
  r.problems = std::move(problems);
  return r;
}

FactFragment fact_missing(std::string problem) {
  FactFragment r;
  r.problems.push_back(std::move(problem));
  return r;
}

std::string decode_command_output(std::string_view bytes, std::vector<std::string>* problems) {
  std::string text;
  if (looks_utf16le(bytes)) {
    text = utf16le_to_utf8(bytes, problems);
  } else {
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    text = std::string(bytes);
  }
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
  bool bad = false;
  std::string clean = sanitize_utf8(text, bad);
  if (bad && problems)
    problems->push_back(
        "output is not UTF-8 (an OEM code page?); unreadable bytes were replaced by U+FFFD");
  return clean;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' || text[i] == '\r') {
      lines.push_back(text.substr(start, i - start));
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

FactValue parse_command_json(std::string_view text, std::vector<std::string>& problems) {
  // Without the blanks around it: spaces and tabs before, spaces, tabs, CRs and LFs after.
  std::string_view t = text;
  t.remove_prefix(std::min(t.find_first_not_of(" \t"), t.size()));
  t = t.substr(0, t.find_last_not_of(" \t\r\n") + 1);  // npos + 1: nothing but blanks
  if (t.empty()) {
    problems.push_back("no JSON output");
    return FactValue();
  }
  simdjson::dom::parser parser;
  simdjson::padded_string padded(t);
  simdjson::dom::element root;
  auto error = parser.parse(padded).get(root);
  if (error) {
    problems.push_back(fmt::format("output is not JSON: {}", simdjson::error_message(error)));
    return FactValue();
  }
  return from_json(root, 0);
}

}  // namespace tekigo::collectors
