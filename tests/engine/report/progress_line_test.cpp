// Tests for engine/report/progress_line: the text from the counts, and what is drawn and
// cleared on the stream — exactly those bytes, in that order.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "engine/report/progress_line.hpp"

using namespace tekigo::engine;

namespace {

constexpr std::string_view kErase = "\r\x1b[2K";

// A stream buffer that holds what is written until it is flushed, then appends it to `log`:
// two streams on one log show in which order their output reached the screen.
class ScreenBuffer : public std::stringbuf {
 public:
  explicit ScreenBuffer(std::string& log) : log_(log) {}

 protected:
  int sync() override {
    log_ += str();
    str("");
    return 0;
  }

 private:
  std::string& log_;
};

ProgressCounts counts(std::size_t done, std::optional<std::size_t> files, std::size_t fail,
                      std::size_t unknown) {
  ProgressCounts c;
  c.done = done;
  c.files = files;
  c.fail = fail;
  c.unknown = unknown;
  return c;
}

}  // namespace

TEST_CASE("the progress text counts files out of the total, or dumps", "[progress]") {
  CHECK(progress_text(counts(3, 10, 1, 2)) == "tekigo: 3/10 files checked — 1 fail, 2 unknown");
  CHECK(progress_text(counts(1, 1, 0, 0)) == "tekigo: 1/1 file checked — 0 fail, 0 unknown");
  CHECK(progress_text(counts(0, 1, 0, 0)) == "tekigo: 0/1 file checked — 0 fail, 0 unknown");
  CHECK(progress_text(counts(64, std::nullopt, 43, 7)) ==
        "tekigo: 64 dumps checked — 43 fail, 7 unknown");
  CHECK(progress_text(counts(1, std::nullopt, 0, 1)) ==
        "tekigo: 1 dump checked — 0 fail, 1 unknown");
  CHECK(progress_text(counts(0, std::nullopt, 0, 0)) ==
        "tekigo: 0 dumps checked — 0 fail, 0 unknown");
}

TEST_CASE("the progress line is redrawn in place and cleared once", "[progress]") {
  std::ostringstream out;
  {
    ProgressLine line(out, true);
    CHECK(line.enabled());
    line.clear();  // nothing shows yet: nothing to erase
    CHECK(out.str().empty());
    line.draw(counts(64, std::nullopt, 1, 0));
    CHECK(out.str() == "\r\x1b[2Ktekigo: 64 dumps checked — 1 fail, 0 unknown");
    line.draw(counts(128, std::nullopt, 2, 1));
    CHECK(out.str() ==
          "\r\x1b[2Ktekigo: 64 dumps checked — 1 fail, 0 unknown"
          "\r\x1b[2Ktekigo: 128 dumps checked — 2 fail, 1 unknown");
    out.str("");
    line.clear();
    CHECK(out.str() == kErase);
    line.clear();  // already erased
    CHECK(out.str() == kErase);
    out.str("");
    line.draw(counts(2, 3, 0, 0));
    out.str("");
  }  // the destructor erases the line that shows
  CHECK(out.str() == kErase);
}

TEST_CASE("a line not shown is not erased when it ends", "[progress]") {
  std::ostringstream out;
  {
    ProgressLine line(out, true);
    line.draw(counts(1, 1, 0, 0));
    line.clear();
    out.str("");
  }
  CHECK(out.str().empty());
}

TEST_CASE("a disabled progress line writes nothing", "[progress]") {
  std::string screen;
  ScreenBuffer report_buffer(screen);
  std::ostream report(&report_buffer);
  std::ostringstream out;
  {
    ProgressLine line(out, false, &report);
    CHECK_FALSE(line.enabled());
    report << "report\n";
    line.draw(counts(5, 5, 1, 1));
    line.make_way_for_report();
    line.clear();
  }
  CHECK(out.str().empty());
  CHECK(screen.empty());  // nor does it flush the report
}

TEST_CASE("the report on the same screen goes out above the line", "[progress]") {
  std::string screen;
  ScreenBuffer report_buffer(screen), progress_buffer(screen);
  std::ostream report(&report_buffer), err(&progress_buffer);
  ProgressLine line(err, true, &report);

  report << "terminal 1\n";
  line.draw(counts(1, 2, 0, 0));  // flushes the report first, then draws
  CHECK(screen == "terminal 1\n\r\x1b[2Ktekigo: 1/2 files checked — 0 fail, 0 unknown");

  screen.clear();
  line.make_way_for_report();  // the report is about to write: the line goes
  CHECK(screen == kErase);
  line.make_way_for_report();  // already gone
  CHECK(screen == kErase);

  screen.clear();
  report << "terminal 2\n";
  line.draw(counts(2, 2, 1, 0));
  CHECK(screen == "terminal 2\n\r\x1b[2Ktekigo: 2/2 files checked — 1 fail, 0 unknown");
}

TEST_CASE("a report on another screen is neither flushed nor made way for", "[progress]") {
  std::string screen, elsewhere;
  ScreenBuffer report_buffer(elsewhere), progress_buffer(screen);
  std::ostream report(&report_buffer), err(&progress_buffer);
  ProgressLine line(err, true);

  report << "terminal 1\n";
  line.draw(counts(1, 2, 0, 0));
  CHECK(screen == "\r\x1b[2Ktekigo: 1/2 files checked — 0 fail, 0 unknown");
  CHECK(elsewhere.empty());  // still held by the report's stream
  screen.clear();
  line.make_way_for_report();
  CHECK(screen.empty());  // the line stays
  line.clear();
  CHECK(screen == kErase);  // error lines on its own stream still clear it
}
