// dsl/format: the printer — a policy's AST as the lines of the canonical layout
// (docs/language.md, "Formatting"), each remembering the range of source it prints, so that
// format.cpp can place the comments and blank lines of the source around them and check that
// every token of the source is printed. Without a source (an AST made by hand) the lines have
// no ranges, and parentheses go only where the tree needs them.
#pragma once

#include <string>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/source.hpp"
#include "dsl/format/tokens.hpp"

namespace tekigo::dsl::format {

// open: ends in `{`; close: a `}`; continuation: a line class's `unless`, one step further in.
enum class Role { plain, open, close, continuation };

struct Line {
  int depth = 0;
  std::string text;
  Span range;  // the source it prints (empty without a source)
  Role role = Role::plain;
  bool blank_before = false;  // a top-level item: one blank line before it and its comments
  // Placed by format.cpp: the comment at the end of the line, those on lines of their own
  // before it.
  const ast::Comment* trailing = nullptr;
  std::vector<const ast::Comment*> leading;
};

// The lines of `file` in source order. `source` and `tokens` (of the same text) or neither.
std::vector<Line> print_lines(const ast::PolicyFile& file, const SourceFile* source,
                              const Tokens* tokens);

}  // namespace tekigo::dsl::format
