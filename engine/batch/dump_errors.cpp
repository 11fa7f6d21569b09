// engine: dumps that could not be read, as results (see dump_errors.hpp).
#include "engine/batch/dump_errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <utility>

namespace tekigo::engine {

std::vector<TerminalResult> error_results(const std::vector<FactError>& errors) {
  struct BadDump {
    std::string source, subject, message;
  };
  std::vector<BadDump> by_source;  // few per call: a linear search beats a map
  for (const auto& error : errors) {
    std::string message =
        error.path.empty() ? error.message : fmt::format("{}: {}", error.path, error.message);
    auto it = std::find_if(by_source.begin(), by_source.end(),
                           [&](const BadDump& e) { return e.source == error.source; });
    if (it == by_source.end()) {
      by_source.push_back({error.source, error.subject, std::move(message)});
    } else {
      it->message += "; " + message;
      if (it->subject.empty()) it->subject = error.subject;
    }
  }
  std::vector<TerminalResult> results;
  results.reserve(by_source.size());
  for (auto& bad : by_source)
    results.push_back(
        error_result(std::move(bad.source), std::move(bad.message), std::move(bad.subject)));
  return results;
}

}  // namespace tekigo::engine
