// engine: reading a whole input file (a dump, a policy) with a size limit. Inputs are
// untrusted: a file over the limit is refused before it is read.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace tekigo::engine {

// The file's bytes, or nullopt with `error` set ("cannot read: …", "larger than N bytes…").
std::optional<std::string> read_text_file(const std::filesystem::path& file, std::size_t max_bytes,
                                          std::string& error);

}  // namespace tekigo::engine
