// engine/common: text inside JSON strings, shared by the fact writer and the reports.
#pragma once

#include <string>
#include <string_view>

namespace tekigo::engine {

// JSON string contents (without the quotes). Valid UTF-8 passes through; control characters
// become escapes (\n, \t, … or \u00XX); invalid UTF-8 bytes become U+FFFD.
std::string json_escape(std::string_view text);
// The same, appended to `out`.
void json_escape_into(std::string& out, std::string_view text);

}  // namespace tekigo::engine
