#pragma once
// tests: standard input replaced by a pipe, for the batch tests that read "-" (run_batch reads
// file descriptor 0).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string_view>

namespace tekigo::test {

// Standard input replaced by a pipe for the life of the object: run_batch reads "-" from file
// descriptor 0. `write` and `close` act on the pipe's write end.
class StdinPipe {
 public:
  StdinPipe() {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    saved_ = ::dup(STDIN_FILENO);
    REQUIRE(saved_ >= 0);
    REQUIRE(::dup2(fds[0], STDIN_FILENO) == STDIN_FILENO);
    ::close(fds[0]);
    write_end_ = fds[1];
  }
  ~StdinPipe() {
    close();
    stop_reading();
  }
  StdinPipe(const StdinPipe&) = delete;
  StdinPipe& operator=(const StdinPipe&) = delete;

  bool write(std::string_view text) {
    while (!text.empty()) {
      ssize_t n = ::write(write_end_, text.data(), text.size());
      if (n <= 0) return false;
      text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }
  void close() {
    if (write_end_ >= 0) ::close(write_end_);
    write_end_ = -1;
  }
  // Gives standard input back and closes the pipe's read end: a writer still writing gets
  // EPIPE (`write` returns false; SIGPIPE must be ignored), as a producer does whose reader
  // stopped.
  void stop_reading() {
    if (saved_ < 0) return;
    ::dup2(saved_, STDIN_FILENO);
    ::close(saved_);
    saved_ = -1;
    std::clearerr(stdin);
    std::cin.clear();
  }

 private:
  int saved_ = -1;
  int write_end_ = -1;
};

}  // namespace tekigo::test
