#pragma once
// engine/common: UTF-8 one code point at a time, and how wide text is on a terminal.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tekigo::engine {

// Decodes the code point at `i` and advances past it; nullopt (advancing one byte) for a
// byte that does not start a valid, shortest-form sequence.
std::optional<char32_t> decode_utf8(std::string_view s, std::size_t& i);

// Appends `cp` (at most U+10FFFF) encoded as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// U+FFFD, the replacement character, as UTF-8: what an invalid byte is shown as.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Columns a UTF-8 string takes in a terminal: East Asian wide and fullwidth characters
// count 2, combining marks 0, everything else 1 (an invalid byte counts 1). The one width
// table of tekigo: the text report's columns and the carets under a policy line use it.
std::size_t display_width(std::string_view text);

// `text` rewritten code point by code point: `show(cp, out)` appends what stands for a code
// point it changes and returns true; the code points it leaves (false) are copied as they are,
// and a byte that is not UTF-8 becomes U+FFFD. printable() below and the source line of a
// diagnostic are built on it; the reports' clean_text keeps its own loop, as it reads CR LF
// as one line break.
template <class Show>
std::string rewrite_code_points(std::string_view text, Show&& show) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const auto cp = decode_utf8(text, i);
    if (!cp)
      out += kReplacement;
    else if (!show(*cp, out))
      out.append(text.substr(start, i - start));
  }
  return out;
}

// Text made safe to print on a terminal: control characters are shown as escapes (\n, \x1b)
// and invalid UTF-8 bytes become U+FFFD; valid UTF-8 passes through.
std::string printable(std::string_view text);

// The first place where bytes stop being text: a byte that is not valid UTF-8, or a control
// character other than tab, line feed and carriage return (NUL, ESC, DEL…). A policy and a
// YAML dump must be text throughout; JSON has its own rules (simdjson checks them).
struct TextFlaw {
  std::size_t offset = 0;  // byte offset of the flaw
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in code points
  bool control = false;    // a control character (else: a byte that is not UTF-8)
  unsigned char byte = 0;  // the offending byte
  // "invalid UTF-8 (byte 0xff)", "a control character (U+0000, NUL)".
  std::string describe() const;
};
std::optional<TextFlaw> first_text_flaw(std::string_view text);

}  // namespace tekigo::engine
