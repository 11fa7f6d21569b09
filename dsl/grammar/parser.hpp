// dsl: parsing — policy text → AST plus diagnostics. Never throws: PEGTL's exceptions stay
// inside parser.cpp. A mistake inside a rule or section yields one diagnostic and parsing
// goes on after that rule's braces.
#pragma once

#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/source.hpp"

namespace tekigo::dsl {

struct ParseOptions {
  std::size_t max_errors = 50;
  std::size_t max_depth = 64;  // nesting of expressions and sections
};

struct ParseResult {
  ast::PolicyFile file;
  std::vector<Diagnostic> diagnostics;
};

ParseResult parse(const SourceFile& source, const ParseOptions& options = {});

}  // namespace tekigo::dsl
