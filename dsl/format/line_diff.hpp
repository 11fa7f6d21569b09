// dsl/format: a unified diff of two texts, line by line, as `tekigo fmt --check` shows what
// formatting would change (`diff -u` / `gofmt -d`): `--- A` / `+++ B` headers, hunks with
// three lines of context, and `\ No newline at end of file` where a text does not end in one.
#pragma once

#include <string>
#include <string_view>

namespace tekigo::dsl::format {

// Empty when the texts are equal.
std::string unified_diff(std::string_view before, std::string_view after,
                         std::string_view before_name, std::string_view after_name);

}  // namespace tekigo::dsl::format
