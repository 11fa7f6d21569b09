// dsl/diff: the pieces the writers build their words from (words.cpp). Internal to dsl/diff.
#pragma once

#include <string>
#include <string_view>

#include "dsl/diff/writers.hpp"

namespace tekigo::dsl::diff {

// `text` as a code span (a longer fence when it holds a backtick).
std::string code(std::string_view text);
// Text from the policy: escaped for Markdown (engine/report's markdown_escape), as is in text.
std::string prose(std::string_view text, Words words);
// The same between quotation marks: “…”.
std::string quoted(std::string_view text, Words words);

}  // namespace tekigo::dsl::diff
