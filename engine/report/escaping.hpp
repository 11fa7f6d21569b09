// engine/report: text made safe for a document — cleaned UTF-8, and escaping for XML, HTML
// and Markdown (escaping.cpp). For the writers of engine/report and of dsl/diff (its change
// log in Markdown); JSON is engine/common/json_text.hpp.
#pragma once

#include <string>
#include <string_view>

namespace tekigo::engine::report_detail {

// `text` as valid UTF-8 safe for any document: invalid bytes become U+FFFD, the
// noncharacters U+FFFE and U+FFFF too, and control characters (C0 but tab and newline,
// DEL, C1) are shown as escapes like printable() does (\x1b, \r). Newlines stay newlines.
std::string clean_text(std::string_view text);

// clean_text, then & < > " ' as entities; in attributes also tab, newline and carriage
// return as character references so that they survive attribute normalisation.
std::string xml_escape(std::string_view text, bool attribute = false);
// clean_text, then & < > " ' as entities (safe in text and in double-quoted attributes).
std::string html_escape(std::string_view text);
// clean_text, then Markdown punctuation backslash-escaped and newlines as <br>: safe in a
// table cell, a list item or a heading, and never a link, an image or raw HTML.
std::string markdown_escape(std::string_view text);

}  // namespace tekigo::engine::report_detail
