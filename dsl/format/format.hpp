// dsl/format: `tekigo fmt` — a policy's text in the one canonical layout (docs/language.md,
// "Formatting"). The layout is printed from the AST; the source text supplies what the AST
// does not keep: comments, blank lines, the author's parentheses and `is not` spellings.
// Every comment of the input appears exactly once in the output, where it was (on its own
// line before the item that follows it, or at the end of its line); a comment that cannot be
// placed so, or text the AST would lose, is an error, never dropped. Before returning, the
// output is parsed again and must give the same AST (spans aside) and the same comments.
#pragma once

#include <string>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/source.hpp"

namespace tekigo::dsl::format {

struct FormatResult {
  std::string text;                     // the formatted policy (empty when not ok)
  std::vector<Diagnostic> diagnostics;  // the parser's, or the formatter's own (E05xx)
  bool ok() const { return !has_errors(diagnostics); }
};

// The canonical text of a policy. Never throws for bad input: a policy that does not parse
// gives the parser's diagnostics, and nothing else.
FormatResult format_source(const SourceFile& source);

// The canonical text of an AST made without a source (no comments, no blank lines but
// between top-level items; parentheses where the tree needs them).
std::string print(const ast::PolicyFile& file);

}  // namespace tekigo::dsl::format
