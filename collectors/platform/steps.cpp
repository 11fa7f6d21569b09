// collectors/platform: what every platform's steps share (see steps.hpp).
#include "collectors/platform/steps.hpp"

#include <fmt/format.h>

#include "engine/facts/fact_dump.hpp"

namespace tekigo::collectors {

Platform this_platform() {
#if defined(_WIN32)
  return Platform::windows;
#elif defined(__APPLE__)
  return Platform::macos;
#else
  return Platform::linux;
#endif
}

std::filesystem::path under_root(const CollectOptions& o, std::string_view path) {
  if (o.root == "/") return std::filesystem::path(path);
  return std::filesystem::path(o.root) / std::filesystem::path(path).relative_path();
}

CommandOptions step_command_options(const CollectOptions& o, int factor) {
  CommandOptions c;
  c.timeout = o.command_timeout * factor;
  return c;
}

void place_fragment(StepResult& step, const char* key, const FactFragment& parsed) {
  for (const auto& p : parsed.problems) step.errors.push_back(fmt::format("{}: {}", step.step, p));
  if (!parsed.found) return;
  if (key)
    step.facts.set(key, parsed.value);
  else
    engine::merge_facts(step.facts, parsed.value, nullptr);
}

void record_command_failure(StepResult& step, const CommandResult& r) {
  step.errors.push_back(fmt::format("{}: {}", step.step, r.error.empty() ? "no output" : r.error));
}

}  // namespace tekigo::collectors
