// engine: the progress line of a batch (see progress_line.hpp).
#include "engine/report/progress_line.hpp"

#include <fmt/format.h>

namespace tekigo::engine {

namespace {

constexpr std::string_view kReturnAndErase = "\r\x1b[2K";

}  // namespace

std::string progress_text(const ProgressCounts& counts) {
  const std::string checked =
      counts.files ? fmt::format("{}/{} {}", counts.done, *counts.files,
                                 *counts.files == 1 ? "file" : "files")
                   : fmt::format("{} dump{}", counts.done, counts.done == 1 ? "" : "s");
  return fmt::format("tekigo: {} checked — {} fail, {} unknown", checked, counts.fail,
                     counts.unknown);
}

ProgressLine::ProgressLine(std::ostream& out, bool enabled, std::ostream* report)
    : out_(out), report_(enabled ? report : nullptr), enabled_(enabled) {}

ProgressLine::~ProgressLine() {
  clear();
}

void ProgressLine::draw(const ProgressCounts& counts) {
  if (!enabled_) return;
  // Report lines written since the line was cleared go out first, above it (a tie between
  // the streams would flush them too; said here, where it matters).
  if (report_) report_->flush();
  out_ << kReturnAndErase << progress_text(counts);
  out_.flush();
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  out_ << kReturnAndErase;
  out_.flush();
  shown_ = false;
}

void ProgressLine::make_way_for_report() {
  if (report_) clear();
}

}  // namespace tekigo::engine
