// engine: the progress line `check` shows while a batch runs — one line on a terminal,
// redrawn in place ("\r\x1b[2K" returns to the line's start and erases it) from the counts so
// far. It has no newline, so anything else written to that screen while it shows would
// continue it ("…8 unknowntekigo: …"): clear() it first, and the next draw() brings it back.
// Whether a stream is a terminal is the caller's to decide; this class only draws.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>

namespace tekigo::engine {

// What the progress line shows.
struct ProgressCounts {
  std::size_t done = 0;  // inputs finished
  // The number of inputs when each one is a single dump file ("3/10 files"); nullopt when
  // the inputs hold an unknown number of dumps (JSON Lines, standard input): "3 dumps".
  std::optional<std::size_t> files;
  std::size_t fail = 0;     // terminals that fail, so far
  std::size_t unknown = 0;  // terminals that cannot be decided, so far
};

// "tekigo: 3/10 files checked — 1 fail, 0 unknown", "tekigo: 64 dumps checked — 2 fail, 1 unknown".
std::string progress_text(const ProgressCounts& counts);

class ProgressLine {
 public:
  // `enabled`: whether the line shows at all (the caller's decision: `out` is a terminal and
  // no quiet run was asked for); when false, nothing is ever written. `report`: the report's
  // stream when it reaches the same screen, else nullptr — it is flushed before each draw, so
  // that report lines written since the last clear() go out above the line.
  ProgressLine(std::ostream& out, bool enabled, std::ostream* report = nullptr);
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  ~ProgressLine();  // clear(): also when the caller ends by an exception, the message follows

  bool enabled() const { return enabled_; }

  // Shows the counts in place of what the line showed before.
  void draw(const ProgressCounts& counts);
  // Erases the line, if it shows, before something else is written to `out`.
  void clear();
  // clear() before the report writes, when the report reaches the same screen; else nothing.
  void make_way_for_report();

 private:
  std::ostream& out_;
  std::ostream* report_;  // nullptr unless enabled and on the same screen
  bool enabled_;
  bool shown_ = false;
};

}  // namespace tekigo::engine
