// dsl/format: the canonical layout of a policy (see format.hpp; the rules are listed in
// docs/language.md, "Formatting"). The printer (printer.hpp) turns the AST into lines, each
// remembering the range of source it prints; here the comments are placed between and after
// those lines, blank lines kept where the author had some, every token of the source checked
// to be printed, and the result parsed again and compared.
#include "dsl/format/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "dsl/format/ast_dump.hpp"
#include "dsl/format/printer.hpp"
#include "dsl/format/tokens.hpp"
#include "dsl/grammar/parser.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::format {

namespace {

constexpr std::string_view kIndent = "  ";

// ---- comments and blank lines -------------------------------------------------------------

std::string rtrim(std::string_view s) {
  while (!s.empty() && engine::is_ascii_space(s.back())) s.remove_suffix(1);
  return std::string(s);
}

bool alone_on_its_line(const std::string& text, std::uint32_t at) {
  for (std::uint32_t b = at; b > 0 && text[b - 1] != '\n'; --b)
    if (text[b - 1] != ' ' && text[b - 1] != '\t' && text[b - 1] != '\r') return false;
  return true;
}

// A comment's span without its line break.
Span comment_span(const ast::Comment& c) {
  return {c.span.begin, c.span.begin + 1 + static_cast<std::uint32_t>(c.text.size())};
}

std::size_t newlines(const std::string& text, std::uint32_t begin, std::uint32_t end) {
  if (end <= begin || begin >= text.size()) return 0;
  end = std::min<std::uint32_t>(end, static_cast<std::uint32_t>(text.size()));
  return static_cast<std::size_t>(std::count(text.begin() + begin, text.begin() + end, '\n'));
}

struct Unit {
  int depth = 0;
  std::string text;
  Span source;
  Role role = Role::plain;
  bool blank_before = false;
};

// Whether the tokens in [begin, end) are all closing brackets.
bool closes_only(const Tokens& tokens, std::uint32_t begin, std::uint32_t end) {
  for (const auto& t : tokens.within(begin, end)) {
    const std::string_view text = tokens.text(t);
    if (text != "}" && text != ")" && text != "]") return false;
  }
  return true;
}

// Each comment goes before the line that follows it (a comment on a line of its own) or at the
// end of the line before it (a comment after code); one inside a line's range cannot be kept.
void place_comments(std::vector<Line>& lines, const std::vector<ast::Comment>& comments,
                    const SourceFile& source, const Tokens& tokens,
                    std::vector<ast::Comment const*>& at_end, std::vector<Diagnostic>& errors) {
  for (const auto& c : comments) {
    const Span cs = comment_span(c);
    auto next = std::partition_point(lines.begin(), lines.end(),
                                     [&](const Line& l) { return l.range.begin < cs.end; });
    Line* previous = next == lines.begin() ? nullptr : &*(next - 1);
    const bool alone = alone_on_its_line(source.text(), c.span.begin);
    if (previous && previous->range.end > cs.begin && !alone && !previous->trailing &&
        closes_only(tokens, cs.end, previous->range.end)) {
      // After code, with only closing brackets after it on the printed line
      // (`software "x" { name ~ "x" # …` then `}`): it ends that line.
      previous->trailing = &c;
      continue;
    }
    if (previous && previous->range.end > cs.begin) {
      errors.push_back(make_diagnostic(
          codes::E0501, "`tekigo fmt` cannot keep this comment where it is", cs,
          "a comment inside a clause would move when the clause is printed on one line; put it "
          "on a line of its own before the clause, or after the clause"));
      continue;
    }
    if (alone) {
      if (next == lines.end())
        at_end.push_back(&c);
      else
        next->leading.push_back(&c);
    } else if (previous && !previous->trailing) {
      previous->trailing = &c;
    } else {
      errors.push_back(make_diagnostic(
          codes::E0501, "`tekigo fmt` cannot keep this comment where it is", cs,
          "it follows code that is printed on a line which already ends in a comment; put it on "
          "a line of its own"));
    }
  }
}

// Text the printed lines do not cover is text the AST did not keep (a clause written twice
// keeps only its last value): printing would drop it.
void check_coverage(const std::vector<Line>& lines, const Tokens& tokens,
                    std::vector<Diagnostic>& errors) {
  std::vector<Span> ranges;
  for (const auto& l : lines)
    if (!l.range.empty()) ranges.push_back(l.range);
  std::size_t r = 0;
  std::optional<Span> lost;
  auto report = [&] {
    if (!lost) return;
    errors.push_back(make_diagnostic(
        codes::E0502, "`tekigo fmt` would drop this text: the parsed policy does not keep it",
        *lost,
        "a clause given twice keeps only one of its values (an `os`, `disk`, `when`, `warn`, "
        "`name`, `to`, `protocol` or header field written twice); remove the one you do not "
        "mean, then format again"));
    lost.reset();
  };
  for (const auto& t : tokens.all()) {
    if (t.kind == Token::Kind::comment || tokens.text(t) == ";") continue;
    while (r < ranges.size() && ranges[r].end <= t.span.begin) ++r;
    const bool covered =
        r < ranges.size() && ranges[r].begin <= t.span.begin && t.span.end <= ranges[r].end;
    if (covered) {
      report();
    } else if (lost) {
      lost->end = t.span.end;
    } else {
      lost = t.span;
    }
  }
  report();
}

std::string render(std::vector<Line>& lines, const std::vector<ast::Comment>& comments,
                   const SourceFile* source, const Tokens* tokens,
                   std::vector<Diagnostic>& errors) {
  std::vector<const ast::Comment*> at_end;
  if (source && tokens) place_comments(lines, comments, *source, *tokens, at_end, errors);
  std::vector<Unit> units;
  auto comment_unit = [&](const ast::Comment& c, int depth) {
    units.push_back({depth, "#" + rtrim(c.text), comment_span(c), Role::plain, false});
  };
  for (const auto& l : lines) {
    const std::size_t first = units.size();
    const int comment_depth = l.role == Role::close ? l.depth + 1 : l.depth;
    for (const auto* c : l.leading) comment_unit(*c, comment_depth);
    Unit u{l.depth, l.text, l.range, l.role, false};
    if (l.trailing) {
      u.text += " #" + rtrim(l.trailing->text);
      u.source.end = comment_span(*l.trailing).end;
    }
    units.push_back(std::move(u));
    if (l.blank_before) units[first].blank_before = true;
  }
  for (const auto* c : at_end) comment_unit(*c, 0);

  std::string out;
  for (std::size_t k = 0; k < units.size(); ++k) {
    const Unit& u = units[k];
    if (k > 0) {
      const Unit& p = units[k - 1];
      const bool allowed =
          u.role != Role::close && u.role != Role::continuation && p.role != Role::open;
      const bool authored = source && newlines(source->text(), p.source.end, u.source.begin) >= 2;
      if (allowed && (u.blank_before || authored)) out += '\n';
    }
    for (int i = 0; i < u.depth; ++i) out += kIndent;
    out += u.text;
    out += '\n';
  }
  return out;
}

std::vector<std::string> comment_texts(const std::vector<ast::Comment>& comments) {
  std::vector<std::string> out;
  for (const auto& c : comments) out.push_back(rtrim(c.text));
  return out;
}

// The first line where two texts differ, for the message of E0503.
std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t i = 0, line_start = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) {
    if (a[i] == '\n') line_start = i + 1;
    ++i;
  }
  auto line_of = [&](const std::string& s) {
    auto end = s.find('\n', line_start);
    return s.substr(line_start, end == std::string::npos ? std::string::npos : end - line_start);
  };
  return fmt::format("`{}` became `{}`", line_of(a), line_of(b));
}

}  // namespace

FormatResult format_source(const SourceFile& source) {
  FormatResult result;
  ParseResult parsed = parse(source);
  if (has_errors(parsed.diagnostics)) {
    result.diagnostics = std::move(parsed.diagnostics);
    return result;
  }
  const Tokens tokens(source.text());
  std::vector<Line> lines = print_lines(parsed.file, &source, &tokens);
  std::vector<Diagnostic> errors;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const Span a = lines[i - 1].range, b = lines[i].range;
    if (a.empty() || b.empty() || a.end > b.begin) {
      errors.push_back(make_diagnostic(
          codes::E0503, "`tekigo fmt` could not lay out this policy (its clauses overlap)", b,
          "this is a bug in tekigo, not a mistake in the policy: please report it with the "
          "policy"));
      break;
    }
  }
  check_coverage(lines, tokens, errors);
  std::string text = render(lines, parsed.file.comments, &source, &tokens, errors);
  if (!errors.empty()) {
    sort_diagnostics(errors);
    result.diagnostics = std::move(errors);
    return result;
  }

  // The output must be the same policy: parsed again, the same tree and the same comments.
  const SourceFile again(source.name(), text);
  ParseResult reparsed = parse(again);
  std::string problem;
  if (has_errors(reparsed.diagnostics)) {
    problem = "the formatted text does not parse: " + reparsed.diagnostics.front().message;
  } else if (auto before = ast_dump(parsed.file), after = ast_dump(reparsed.file);
             before != after) {
    problem = "the formatted text parses to another policy: " + first_difference(before, after);
  } else if (comment_texts(parsed.file.comments) != comment_texts(reparsed.file.comments)) {
    problem = "the formatted text does not keep every comment in order";
  }
  if (!problem.empty()) {
    result.diagnostics.push_back(make_diagnostic(
        codes::E0503, "`tekigo fmt` could not format this policy faithfully", {},
        problem + "; this is a bug in tekigo, not a mistake in the policy: please report it "
                  "with the policy (the file is left as it is)"));
    return result;
  }
  result.text = std::move(text);
  return result;
}

std::string print(const ast::PolicyFile& file) {
  std::vector<Line> lines = print_lines(file, nullptr, nullptr);
  std::vector<Diagnostic> unused;
  return render(lines, {}, nullptr, nullptr, unused);
}

}  // namespace tekigo::dsl::format
