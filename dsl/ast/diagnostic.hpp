// dsl: diagnostics are values. Every user mistake in a policy becomes one Diagnostic with
// a stable code, a span and optional help; they are collected, sorted by position and
// rendered together (file:line:col, the source line, a caret under the span).
#pragma once

#include <string>
#include <vector>

#include "dsl/ast/diagnostic_codes.hpp"
#include "dsl/ast/source.hpp"

namespace tekigo::dsl {

struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     // stable: E0001 …; see dsl/ast/diagnostic_codes.hpp and docs/errors.md
  std::string message;  // lower case, the user's text in backticks
  Span span;
  std::string help;                                 // extra detail, may be empty
  std::vector<std::pair<Span, std::string>> notes;  // related places
};

// A diagnostic of `code`, with the severity the table gives it.
Diagnostic make_diagnostic(const DiagnosticCode& code, std::string message, Span span,
                           std::string help = {});

bool has_errors(const std::vector<Diagnostic>& diagnostics);
void sort_diagnostics(std::vector<Diagnostic>& diagnostics);

// file:line:col: error[E0001]: message
//    |
//  3 | matrix terminal {
//    |        ^^^^^^^^ expected ...
//    = help: ...
std::string render(const Diagnostic& diagnostic, const SourceFile& source, bool color = false);
std::string render_all(const std::vector<Diagnostic>& diagnostics, const SourceFile& source,
                       bool color = false);

}  // namespace tekigo::dsl
