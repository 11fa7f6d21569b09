// dsl: rendering diagnostics — file:line:col, the source line, a caret line under the span,
// then help and notes. Columns count UTF-8 characters; East Asian wide characters take two
// cells so that carets line up under Japanese text.
#include "dsl/ast/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tekigo::dsl {

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

void sort_diagnostics(std::vector<Diagnostic>& diagnostics) {
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.span.begin < b.span.begin; });
}

namespace {

// Display width of one code point: 2 for East Asian wide/fullwidth ranges, else 1.
int cell_width(char32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
    return 2;
  return 1;
}

// Cells taken by text[0, bytes).
int cells(std::string_view text) {
  int width = 0;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    char32_t cp = c;
    std::size_t len = 1;
    if (c >= 0xF0 && i + 3 < text.size() + 0) {
      cp = ((c & 0x07u) << 18) | ((text[i + 1] & 0x3Fu) << 12) | ((text[i + 2] & 0x3Fu) << 6) |
           (text[i + 3] & 0x3Fu);
      len = 4;
    } else if (c >= 0xE0 && i + 2 < text.size()) {
      cp = ((c & 0x0Fu) << 12) | ((text[i + 1] & 0x3Fu) << 6) | (text[i + 2] & 0x3Fu);
      len = 3;
    } else if (c >= 0xC0 && i + 1 < text.size()) {
      cp = ((c & 0x1Fu) << 6) | (text[i + 1] & 0x3Fu);
      len = 2;
    }
    width += c == '\t' ? 1 : cell_width(cp);
    i += len;
  }
  return width;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

}  // namespace

std::string render(const Diagnostic& d, const SourceFile& source, bool color) {
  const char* bold = color ? "\x1b[1m" : "";
  const char* red = color ? (d.severity == Severity::error ? "\x1b[1;31m" : "\x1b[1;33m") : "";
  const char* blue = color ? "\x1b[1;34m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  auto pos = source.position(d.span.begin);
  std::string out =
      fmt::format("{}{}:{}:{}: {}{}[{}]{}{}: {}{}\n", bold, source.name(), pos.line, pos.column,
                  red, severity_name(d.severity), d.code, reset, bold, d.message, reset);
  std::string_view line = source.line_text(pos.line);
  std::string number = std::to_string(pos.line);
  std::string gutter(number.size(), ' ');
  // The byte offset of the span within its line, and how much of the line it covers.
  std::uint32_t line_start = d.span.begin;
  while (line_start > 0 && source.text()[line_start - 1] != '\n') --line_start;
  std::size_t in_line = d.span.begin - line_start;
  std::size_t span_bytes =
      std::min<std::size_t>(d.span.end > d.span.begin ? d.span.end - d.span.begin : 1,
                            line.size() > in_line ? line.size() - in_line : 1);
  std::string lead;
  for (char c : line.substr(0, std::min(in_line, line.size()))) lead += c == '\t' ? '\t' : ' ';
  int lead_cells = cells(line.substr(0, std::min(in_line, line.size())));
  int mark_cells = std::max(1, in_line < line.size() ? cells(line.substr(in_line, span_bytes)) : 1);
  out += fmt::format("{} {}|{}\n", gutter, blue, reset);
  out += fmt::format("{}{} |{} {}\n", blue, number, reset, line);
  out += fmt::format("{} {}|{} {}{}{}{}\n", gutter, blue, reset,
                     std::string(static_cast<std::size_t>(lead_cells), ' '), red,
                     std::string(static_cast<std::size_t>(mark_cells), '^'), reset);
  if (!d.help.empty()) out += fmt::format("{} {}={} help: {}\n", gutter, blue, reset, d.help);
  for (const auto& [span, text] : d.notes) {
    auto p = source.position(span.begin);
    out += fmt::format("{} {}={} note: {} ({}:{}:{})\n", gutter, blue, reset, text, source.name(),
                       p.line, p.column);
  }
  (void)lead;
  return out;
}

std::string render_all(const std::vector<Diagnostic>& diagnostics, const SourceFile& source,
                       bool color) {
  std::string out;
  std::size_t errors = 0, warnings = 0;
  for (const auto& d : diagnostics) {
    out += render(d, source, color);
    out += '\n';
    if (d.severity == Severity::error) ++errors;
    if (d.severity == Severity::warning) ++warnings;
  }
  if (errors) out += fmt::format("{}: {} error{}", source.name(), errors, errors == 1 ? "" : "s");
  if (warnings)
    out += fmt::format("{}{} warning{}", errors ? ", " : fmt::format("{}: ", source.name()),
                       warnings, warnings == 1 ? "" : "s");
  if (errors || warnings) out += '\n';
  return out;
}

}  // namespace tekigo::dsl
