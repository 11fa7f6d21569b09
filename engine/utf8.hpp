#pragma once
// engine: UTF-8 one code point at a time.
#include <optional>
#include <string>
#include <string_view>

namespace tekigo::engine {

// Decodes the code point at `i` and advances past it; nullopt (advancing one byte) for a
// byte that does not start a valid, shortest-form sequence.
std::optional<char32_t> decode_utf8(std::string_view s, std::size_t& i);

// Appends `cp` (at most U+10FFFF) encoded as UTF-8.
void append_utf8(std::string& out, char32_t cp);

}  // namespace tekigo::engine
