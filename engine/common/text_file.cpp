// engine: reading a whole input file with a size limit.
#include "engine/common/text_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <istream>

namespace tekigo::engine {

std::filesystem::path path_from_utf8(std::string_view utf8) {
  try {
    return std::filesystem::path(std::u8string(utf8.begin(), utf8.end()));
  } catch (const std::exception&) {  // not UTF-8 (Windows converts it, and refuses): as bytes
    return std::filesystem::path(std::string(utf8));
  }
}

std::string utf8_of(const std::filesystem::path& path) {
  const std::u8string text = path.generic_u8string();
  return std::string(text.begin(), text.end());
}

namespace {

std::string_view kind_name(std::filesystem::file_type type) {
  using std::filesystem::file_type;
  switch (type) {
    case file_type::character:
      return "a character device";
    case file_type::block:
      return "a block device";
    case file_type::fifo:
      return "a named pipe (FIFO)";
    case file_type::socket:
      return "a socket";
    default:
      return "of an unknown kind";
  }
}

}  // namespace

bool regular_file(const std::filesystem::path& file, std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (status.type() == fs::file_type::regular) return true;
  if (status.type() == fs::file_type::directory) {
    error = "is a directory";
  } else if (ec == std::errc::too_many_symbolic_link_levels) {
    error = fmt::format("cannot read: a link that points at itself or loops ({})", ec.message());
  } else if (status.type() == fs::file_type::not_found) {
    std::error_code link_ec;
    error = fs::is_symlink(fs::symlink_status(file, link_ec))
                ? fmt::format("broken symbolic link (to {}, which does not exist)",
                              utf8_of(fs::read_symlink(file, link_ec)))
                : std::string("no such file or directory");
  } else if (ec) {
    error = fmt::format("cannot read: {}", ec.message());
  } else {
    error = fmt::format("not a regular file but {}: only regular files are read",
                        kind_name(status.type()));
  }
  return false;
}

std::optional<std::string> read_text_file(const std::filesystem::path& file, std::size_t max_bytes,
                                          std::string& error) {
  std::error_code ec;
  if (!regular_file(file, error)) return std::nullopt;
  auto size = std::filesystem::file_size(file, ec);
  if (ec) {
    error = fmt::format("cannot read: {}", ec.message());
    return std::nullopt;
  }
  if (size > max_bytes) {
    error = fmt::format("larger than {} bytes; refusing to read it", max_bytes);
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot open";
    return std::nullopt;
  }
  std::string text;
  text.reserve(static_cast<std::size_t>(size) + kParsePadding);  // see kParsePadding
  text.resize(static_cast<std::size_t>(size));
  in.read(text.data(), static_cast<std::streamsize>(size));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

std::optional<std::string> read_text_stream(std::istream& in, std::size_t max_bytes,
                                            std::string& error) {
  constexpr std::size_t kChunk = 64 << 10;
  std::string text;
  while (in) {
    // One byte past the limit is enough to know the input is over it.
    const std::size_t want = std::min(kChunk, max_bytes + 1 - text.size());
    const std::size_t had = text.size();
    text.resize(had + want);
    in.read(text.data() + had, static_cast<std::streamsize>(want));
    text.resize(had + static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      error = fmt::format("larger than {} bytes; refusing to read it", max_bytes);
      return std::nullopt;
    }
  }
  if (in.bad()) {
    error = "cannot read";
    return std::nullopt;
  }
  return text;
}

}  // namespace tekigo::engine
