// engine: reading a whole input file with a size limit.
#include "engine/common/text_file.hpp"

#include <fmt/format.h>

#include <fstream>

namespace tekigo::engine {

std::optional<std::string> read_text_file(const std::filesystem::path& file, std::size_t max_bytes,
                                          std::string& error) {
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    error = "is a directory";
    return std::nullopt;
  }
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

}  // namespace tekigo::engine
