// engine/common: a place in a policy's text. The engine knows no syntax: the dsl fills it.
#pragma once

#include <cstdint>
#include <string>

namespace tekigo::engine {

// Where in a policy something was written.
struct SourceRef {
  std::string file;
  std::uint32_t line = 0, column = 0;  // 1-based, for display
  std::uint32_t begin = 0, end = 0;    // byte offsets, half-open
  std::string to_string() const;       // file:line:column
};

}  // namespace tekigo::engine
