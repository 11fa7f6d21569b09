// engine/report: text cleaning and escaping for XML, HTML and Markdown.
#include "engine/report/escaping.hpp"

#include <fmt/format.h>

#include "engine/common/utf8.hpp"

namespace tekigo::engine::report_detail {

std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const auto cp = decode_utf8(text, i);
    if (!cp || *cp == 0xFFFE || *cp == 0xFFFF) {
      out += kReplacement;
    } else if (*cp == '\n' || *cp == '\t') {
      out += static_cast<char>(*cp);
    } else if (*cp == '\r') {  // CR LF and a lone CR are line breaks, as XML reads them
      if (i < text.size() && text[i] == '\n') ++i;
      out += '\n';
    } else if (*cp < 0x20 || *cp == 0x7F || (*cp >= 0x80 && *cp < 0xA0)) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(*cp));
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  return out;
}

namespace {

// Markup escaping shared by XML and HTML: they differ only in how an apostrophe is written
// (HTML 4 has no &apos;) and in XML attributes keeping line breaks and tabs.
std::string escape_markup(std::string_view text, std::string_view apostrophe, bool attribute) {
  const std::string clean = clean_text(text);
  std::string out;
  out.reserve(clean.size() + 16);
  for (char c : clean) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += apostrophe;
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text, bool attribute) {
  return escape_markup(text, "&apos;", attribute);
}

std::string html_escape(std::string_view text) {
  return escape_markup(text, "&#39;", false);
}

std::string markdown_escape(std::string_view text) {
  // Everything that could start emphasis, code, a link or an image ([ is escaped, so ! and
  // ( need not be), raw HTML, a table cell, strikethrough or maths; & before what could be
  // an entity; # that could close a heading.
  constexpr std::string_view kSpecial = "\\`*_[]<>|~$";
  const std::string clean = clean_text(text);
  std::string out;
  out.reserve(clean.size() + 16);
  for (std::size_t i = 0; i < clean.size(); ++i) {
    const char c = clean[i];
    const char next = i + 1 < clean.size() ? clean[i + 1] : '\0';
    if (c == '\n') {
      out += "<br>";
    } else if (c == '\t') {
      out += ' ';
    } else {
      const bool entity =
          c == '&' && (std::isalnum(static_cast<unsigned char>(next)) || next == '#');
      const bool closing = c == '#' && (next == '\0' || next == ' ' || next == '#');
      if (entity || closing || kSpecial.find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out;
}

}  // namespace tekigo::engine::report_detail
