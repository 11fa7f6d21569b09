// dsl: rendering diagnostics — file:line:col, the source line, a caret line under the span,
// then help and notes. Columns count UTF-8 characters; the carets are placed by engine's
// display_width (the one width table: East Asian wide characters take two cells, combining
// marks none), so that they line up under Japanese text and emoji.
#include "dsl/ast/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engine/common/utf8.hpp"

namespace tekigo::dsl {

Diagnostic make_diagnostic(const DiagnosticCode& code, std::string message, Span span,
                           std::string help) {
  Diagnostic d;
  d.severity = code.severity;
  d.code = std::string(code.code);
  d.message = std::move(message);
  d.span = span;
  d.help = std::move(help);
  return d;
}

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

// The policy's own bytes made safe to show on a terminal, each flaw one cell wide so that
// the carets stay under it: a byte that is not UTF-8 as U+FFFD, a control character as its
// picture (U+2400 ␀ … U+241F, DEL U+2421 ␡), a C1 control as an escape (\x9b). The source line
// of an E0004 holds the very byte it is about: printed raw, a NUL or an ESC sequence would
// reach the terminal (and a byte that is not UTF-8 would make the output not text). Tabs stay.
std::string shown(std::string_view text) {
  return engine::rewrite_code_points(text, [](char32_t cp, std::string& out) {
    if (cp < 0x20 && cp != '\t')
      engine::append_utf8(out, 0x2400 + cp);
    else if (cp == 0x7F)
      engine::append_utf8(out, 0x2421);
    else if (cp >= 0x80 && cp < 0xA0)
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    else
      return false;
    return true;
  });
}

}  // namespace

std::string render(const Diagnostic& d, const SourceFile& source, bool color) {
  const char* bold = color ? "\x1b[1m" : "";
  const char* red = color ? (d.severity == Severity::error ? "\x1b[1;31m" : "\x1b[1;33m") : "";
  const char* blue = color ? "\x1b[1;34m" : "";
  const char* reset = color ? "\x1b[0m" : "";
  auto pos = source.position(d.span.begin);
  const std::string name = shown(source.name());
  std::string out =
      fmt::format("{}{}:{}:{}: {}{}[{}]{}{}: {}{}\n", bold, name, pos.line, pos.column, red,
                  severity_name(d.severity), d.code, reset, bold, shown(d.message), reset);
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
  const std::size_t lead_cells =
      engine::display_width(shown(line.substr(0, std::min(in_line, line.size()))));
  const std::size_t mark_cells = std::max<std::size_t>(
      1,
      in_line < line.size() ? engine::display_width(shown(line.substr(in_line, span_bytes))) : 1);
  out += fmt::format("{} {}|{}\n", gutter, blue, reset);
  out += fmt::format("{}{} |{} {}\n", blue, number, reset, shown(line));
  out += fmt::format("{} {}|{} {}{}{}{}\n", gutter, blue, reset, std::string(lead_cells, ' '), red,
                     std::string(mark_cells, '^'), reset);
  if (!d.help.empty())
    out += fmt::format("{} {}={} help: {}\n", gutter, blue, reset, shown(d.help));
  for (const auto& [span, text] : d.notes) {
    auto p = source.position(span.begin);
    out += fmt::format("{} {}={} note: {} ({}:{}:{})\n", gutter, blue, reset, shown(text), name,
                       p.line, p.column);
  }
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
  const std::string name = shown(source.name());
  if (errors) out += fmt::format("{}: {} error{}", name, errors, errors == 1 ? "" : "s");
  if (warnings)
    out += fmt::format("{}{} warning{}", errors ? ", " : fmt::format("{}: ", name), warnings,
                       warnings == 1 ? "" : "s");
  if (errors || warnings) out += '\n';
  return out;
}

}  // namespace tekigo::dsl
