#include "fuzz/frozen_policy.hpp"

#include <map>
#include <mutex>
#include <string>

#include "dsl/compiler.hpp"
#include "fuzz/fuzz_target.hpp"

namespace tekigo::fuzz {

const FrozenPolicy& frozen_policy(std::string_view file_name) {
  static std::mutex mutex;
  static std::map<std::string, FrozenPolicy, std::less<>> compiled;
  std::lock_guard lock(mutex);
  if (auto it = compiled.find(file_name); it != compiled.end()) return it->second;
  const std::string path =
      std::string(TEKIGO_SOURCE_DIR) + "/tests/fixtures/policies/" + std::string(file_name);
  auto result = dsl::compile_file(path);
  if (!result.ok()) {
    std::string why = result.io_error;
    for (const auto& d : result.diagnostics) why += d.message + "\n";
    fuzz_failure("the frozen policy does not compile: " + path, why);
  }
  auto& entry = compiled[std::string(file_name)];
  entry.info = result.policy->info;
  entry.graph = result.policy->graph;
  return entry;
}

}  // namespace tekigo::fuzz
