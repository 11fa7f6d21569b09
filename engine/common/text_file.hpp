// engine: reading a whole input file (a dump, a policy) with a size limit. Inputs are
// untrusted: a file over the limit is refused before it is read.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tekigo::engine {

// Spare bytes kept after the text of an input buffer, so that a parser which reads past the
// end in wide loads (simdjson reads up to 64 bytes beyond) can use the buffer without a copy.
inline constexpr std::size_t kParsePadding = 64;

// The file's bytes, or nullopt with `error` set ("cannot read: …", "larger than N bytes…").
std::optional<std::string> read_text_file(const std::filesystem::path& file, std::size_t max_bytes,
                                          std::string& error);

}  // namespace tekigo::engine
