// engine: reading a whole input file (a dump, a policy) with a size limit, and file names as
// UTF-8 text. Inputs are untrusted: a file over the limit is refused before it is read.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>

namespace tekigo::engine {

// A path named by UTF-8 text (an argument, a field of a test case), and a path as UTF-8 text in
// generic form ('/' between names), the same on every platform. Windows reads a std::string
// path in the ANSI code page (CP932 on a Japanese Windows), which cannot hold every name and
// is not UTF-8: every path that meets a string goes through these two.
std::filesystem::path path_from_utf8(std::string_view utf8);
std::string utf8_of(const std::filesystem::path& path);

// Spare bytes kept after the text of an input buffer, so that a parser which reads past the
// end in wide loads (simdjson reads up to 64 bytes beyond) can use the buffer without a copy.
inline constexpr std::size_t kParsePadding = 64;

// Whether `file` is a regular file (following links), the only kind of file read as an input:
// a device (/dev/zero), a FIFO or a socket never ends or blocks. On false, `error` says what it
// is instead: "no such file or directory", "broken symbolic link (to …, which does not
// exist)", "cannot read: a link that points at itself or loops (Too many levels of symbolic
// links)", "is a directory", "not a regular file but a character device: only regular files
// are read".
bool regular_file(const std::filesystem::path& file, std::string& error);

// The file's bytes, or nullopt with `error` set ("cannot read: …", "is a directory", "not a regular
// file but …", "larger than N bytes…"); see regular_file.
std::optional<std::string> read_text_file(const std::filesystem::path& file, std::size_t max_bytes,
                                          std::string& error);

// All of `in` (standard input), or nullopt with `error` set once more than `max_bytes` have
// come ("larger than N bytes; refusing to read it"): a pipe may never end (/dev/zero), so no
// more than the limit is ever held, and nothing past it is read.
std::optional<std::string> read_text_stream(std::istream& in, std::size_t max_bytes,
                                            std::string& error);

}  // namespace tekigo::engine
