// engine/report: the spool that holds per-terminal details until the summary before them is
// complete (spool.cpp). Private to engine/report.
#pragma once

#include <cstdio>
#include <ostream>
#include <string>
#include <string_view>

namespace tekigo::engine::report_detail {

// Text that must come later in the output than what is being written now (the details of
// each terminal, after a summary table that grows as terminals arrive). Kept in an unlinked
// temporary file under TMPDIR, so memory stays flat; in memory when no file can be made.
class Spool {
 public:
  Spool();
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;

  void write(std::string_view text);
  // Copies everything written so far to `out` and empties the spool. False when some of it
  // could not be kept or read back (the caller marks the stream bad).
  bool drain(std::ostream& out);

 private:
  std::FILE* file_ = nullptr;
  std::string memory_;
  bool lost_ = false;
};

inline void write_to(std::ostream& out, std::string_view s) {
  out.write(s.data(), static_cast<std::streamsize>(s.size()));
}

}  // namespace tekigo::engine::report_detail
