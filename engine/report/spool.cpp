// engine/report: the spool, an unlinked temporary file under TMPDIR (memory when none can be
// made).
#include "engine/report/spool.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

namespace tekigo::engine::report_detail {

Spool::Spool() {
#ifndef _WIN32
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::temp_directory_path(ec);
  if (ec) dir = "/tmp";
  std::string name = (dir / "tekigo-report-XXXXXX").string();
  const int fd = ::mkstemp(name.data());
  if (fd >= 0) {
    ::unlink(name.c_str());  // gone when closed, whatever happens
    file_ = ::fdopen(fd, "w+b");
    if (!file_) ::close(fd);
  }
#else
  file_ = std::tmpfile();
#endif
}

Spool::~Spool() {
  if (file_) std::fclose(file_);
}

void Spool::write(std::string_view text) {
  if (text.empty()) return;
  if (!file_) {
    memory_.append(text);
    return;
  }
  if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) lost_ = true;
}

bool Spool::drain(std::ostream& out) {
  if (!file_) {
    write_to(out, memory_);
    memory_.clear();
    return !lost_;
  }
  if (std::fflush(file_) != 0) lost_ = true;
  std::rewind(file_);
  char buffer[1 << 16];
  for (;;) {
    const std::size_t n = std::fread(buffer, 1, sizeof buffer, file_);
    if (n) out.write(buffer, static_cast<std::streamsize>(n));
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file_)) lost_ = true;
  std::fclose(file_);
  file_ = nullptr;  // later writes (none expected) go to memory
  const bool ok = !lost_;
  lost_ = false;
  return ok;
}

}  // namespace tekigo::engine::report_detail
