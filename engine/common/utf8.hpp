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
