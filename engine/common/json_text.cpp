// engine/common: JSON string escaping.
#include "engine/common/json_text.hpp"

#include <fmt/format.h>

#include "engine/common/utf8.hpp"

namespace tekigo::engine {

void json_escape_into(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    // Most report text is ASCII that needs no escape: copied a run at a time, and only the
    // other bytes are looked at one code point at a time (a report of 10,000 terminals is
    // ~150 MB of JSON, and decoding each byte was a third of writing it).
    const std::size_t run = i;
    while (i < text.size()) {
      const auto b = static_cast<unsigned char>(text[i]);
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
      ++i;
    }
    out.append(text.data() + run, i - run);
    if (i == text.size()) break;
    const std::size_t start = i;
    const auto cp = decode_utf8(text, i);
    if (!cp) {
      out += kReplacement;
      continue;
    }
    switch (*cp) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (*cp < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(*cp));
        else
          out.append(text.substr(start, i - start));
    }
  }
}

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  json_escape_into(out, text);
  return out;
}

}  // namespace tekigo::engine
