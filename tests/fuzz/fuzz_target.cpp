#include "fuzz/fuzz_target.hpp"

#include <cstdio>
#include <cstdlib>

namespace tekigo::fuzz {

void fuzz_failure(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "fuzz target: %.*s\n", static_cast<int>(what.size()), what.data());
  if (!detail.empty())
    std::fprintf(stderr, "%.*s\n", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace tekigo::fuzz
