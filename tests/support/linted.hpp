// tests/support: a policy compiled as `tekigo lint` compiles it, and the diagnostics of one
// code read back with the text they underline — for the tests of the lints.
#pragma once

#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "dsl/compiler.hpp"

namespace tekigo::test {

struct Linted {
  dsl::CompileResult result;
  // The diagnostics of `code`, in order.
  std::vector<dsl::Diagnostic> of(std::string_view code) const {
    std::vector<dsl::Diagnostic> out;
    for (const auto& d : result.diagnostics)
      if (d.code == code) out.push_back(d);
    return out;
  }
  std::string text(const dsl::Diagnostic& d) const {
    return std::string(result.source->slice(d.span));
  }
  std::string text(dsl::Span span) const { return std::string(result.source->slice(span)); }
  std::string rendered() const { return dsl::render_all(result.diagnostics, *result.source); }
};

// `body` after a header, compiled.
inline Linted lint(const std::string& body) {
  Linted l;
  l.result = dsl::compile_text(
      "t.tkg",
      "policy t { title \"t\" revision \"1\" effective 2026-01-01 source \"s\" }\n" + body);
  return l;
}

}  // namespace tekigo::test
