// collectors: running a platform command — an argument vector through Boost.Process,
// never a shell — with a deadline. A step that fails says why; it never fakes output.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tekigo::collectors {

struct CommandResult {
  bool ran = false;  // the program started and finished before the deadline
  int exit_code = -1;
  std::string out;    // standard output, as bytes
  std::string err;    // standard error
  std::string error;  // why it did not run or finish: "not found", "timed out after 5 s"
  bool ok() const { return ran && exit_code == 0; }
};

struct CommandOptions {
  std::chrono::milliseconds timeout{5000};
  std::size_t max_output = 64u << 20;              // bytes kept of each stream
  std::map<std::string, std::string> environment;  // replaces the environment when not empty
  bool clean_environment = false;                  // run with only `environment` (and PATH)
};

// Runs `program` (looked up in PATH unless it contains '/') with `args`. Never throws.
CommandResult run_command(const std::string& program, const std::vector<std::string>& args,
                          const CommandOptions& options = {});

}  // namespace tekigo::collectors
