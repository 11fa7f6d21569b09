// dsl/grammar: parsing — runs the PEGTL grammar into a parse tree and records errors as
// diagnostics (with recovery per rule); tree_to_ast.cpp turns the tree into the AST. parse()
// never throws: a syntax error is an E0001, and anything else that escapes (memory running
// out, a bug) is one E0003 diagnostic instead of an exception.
#include "dsl/grammar/parser.hpp"

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/parse_tree.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <exception>
#include <new>
#include <optional>
#include <set>
#include <string_view>

#include "dsl/grammar/grammar.hpp"
#include "dsl/grammar/grammar_errors.hpp"
#include "dsl/grammar/tree_to_ast.hpp"
#include "engine/common/utf8.hpp"

namespace tekigo::dsl {

namespace pegtl = tao::pegtl;
namespace g = grammar;

namespace testing {

// Test seam, for tests/dsl/parse_nothrow_test.cpp only (which declares the setter itself:
// it is in no header). The hook is called for every comment the grammar reads, in the
// middle of the parse, so that a test can throw what no policy text can provoke (a
// std::length_error, an exception of no std type) and see parse() turn it into a
// diagnostic. Null, and so never called, outside that test.
namespace {
std::atomic<void (*)()> comment_hook{nullptr};
}  // namespace
void set_parse_comment_hook(void (*hook)()) {
  comment_hook.store(hook);
}

}  // namespace testing

namespace {

struct ParseState {
  const SourceFile* source = nullptr;
  std::vector<Diagnostic>* diagnostics = nullptr;
  const ParseOptions* options = nullptr;
  std::vector<ast::Comment> comments;
  std::set<std::uint32_t> comment_offsets;
  std::size_t depth = 0;
  bool too_deep = false;
};

// The end of the token at `offset`, for underlining: up to whitespace or a delimiter.
std::uint32_t token_end(const std::string& text, std::uint32_t offset) {
  if (offset >= text.size()) return offset;
  auto delimiter = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '{' || c == '}' || c == '(' ||
           c == ')' || c == ',' || c == ';' || c == '[' || c == ']';
  };
  if (delimiter(text[offset]))
    return text[offset] == '\n' || text[offset] == '\r' ? offset : offset + 1;
  std::uint32_t end = offset;
  if (text[offset] == '"') {
    end = offset + 1;
    while (end < text.size() && text[end] != '"' && text[end] != '\n') ++end;
    return end < text.size() && text[end] == '"' ? end + 1 : end;
  }
  while (end < text.size() && !delimiter(text[end])) ++end;
  return end;
}

// What the text at `offset` is, for "…, found `x`" in syntax errors.
std::string found_text(const std::string& text, std::uint32_t offset) {
  if (offset >= text.size()) return {};  // record() says "found the end of the file"
  unsigned char c = static_cast<unsigned char>(text[offset]);
  if (c == '\n' || c == '\r') return ", found the end of the line";
  if (c < 0x20 || c == 0x7f) return fmt::format(", found the control character U+{:04X}", c);
  std::string token = text.substr(offset, token_end(text, offset) - offset);
  if (token.size() > 40) {
    std::size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(token[cut]) & 0xC0) == 0x80)
      --cut;  // a UTF-8 boundary
    token = token.substr(0, cut) + "…";
  }
  for (unsigned char t : token)
    if (t < 0x20 || t == 0x7f) return {};
  return ", found `" + token + "`";
}

// The innermost `{` that is never closed (strings and comments skipped), for a note on
// "expected `}` …, found the end of the file".
std::optional<std::uint32_t> unclosed_brace(const std::string& text) {
  std::vector<std::uint32_t> open;
  for (std::uint32_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '"') {
      for (++i; i < text.size() && text[i] != '"' && text[i] != '\n'; ++i)
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] != '\n') ++i;
    } else if (c == '{') {
      open.push_back(i);
    } else if (c == '}' && !open.empty()) {
      open.pop_back();
    }
  }
  if (open.empty()) return std::nullopt;
  return open.back();
}

// Whether the text at the input's position opens `Rule` (its first token), so that the
// depth limit is enforced only for a construct that is really there: every item tries
// `section`, every condition tries `not`, and a mere attempt must not count as nesting.
template <typename Rule, typename Input>
bool opens_here(const Input& in) {
  std::string_view rest(in.current(), static_cast<std::size_t>(in.end() - in.current()));
  auto keyword = [&](std::string_view k) {
    if (rest.substr(0, k.size()) != k) return false;
    if (rest.size() == k.size()) return true;
    char n = rest[k.size()];
    return !(std::isalnum(static_cast<unsigned char>(n)) || n == '_');
  };
  if constexpr (std::is_same_v<Rule, g::section>)
    return keyword("section");
  else if constexpr (std::is_same_v<Rule, g::negation>)
    return keyword("not");
  else if constexpr (std::is_same_v<Rule, g::list_lit>)
    return !rest.empty() && rest.front() == '[';
  else if constexpr (std::is_same_v<Rule, g::braces>)
    return !rest.empty() && rest.front() == '{';
  else
    return true;  // expr: only tried where a condition must follow
}

template <typename Rule>
struct error_control : pegtl::normal<Rule> {
  // Recursive rules: each level costs stack, so nesting is limited (options.max_depth).
  static constexpr bool counts_depth =
      std::is_same_v<Rule, g::expr> || std::is_same_v<Rule, g::section> ||
      std::is_same_v<Rule, g::negation> || std::is_same_v<Rule, g::list_lit> ||
      std::is_same_v<Rule, g::braces>;

  template <typename Input, typename... States>
  static void start(const Input& in, States&&... st) {
    if constexpr (counts_depth) ((enter(in, st)), ...);
  }
  template <typename Input, typename... States>
  static void success(const Input&, States&&... st) {
    if constexpr (counts_depth) ((leave(st)), ...);
  }
  template <typename Input, typename... States>
  static void failure(const Input&, States&&... st) {
    if constexpr (counts_depth) ((leave(st)), ...);
  }
  template <typename Input, typename... States>
  static void unwind(const Input&, States&&... st) {
    if constexpr (counts_depth) ((leave(st)), ...);
  }

  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&... st) {
    std::string message(g::error_message<Rule>);
    if constexpr (std::is_same_v<Rule, g::escape_char>) {
      ((bad_escape(in, st, message)), ...);  // underline `\q`, the backslash too
    } else {
      // An unterminated string already says where it ended.
      if constexpr (!std::is_same_v<Rule, g::string_close>) ((found(in, st, message)), ...);
      ((record(in, st, message)), ...);
      if constexpr (std::is_same_v<Rule, g::block_close> || std::is_same_v<Rule, g::header_close>)
        ((note_unclosed(in, st)), ...);
    }
    throw pegtl::parse_error(message, in);
  }

 private:
  // At the end of the file, point at the brace that was left open.
  template <typename Input, typename S>
  static void note_unclosed(const Input& in, S& s) {
    if constexpr (std::is_same_v<std::decay_t<S>, ParseState>) {
      const std::string& text = s.source->text();
      auto offset = static_cast<std::uint32_t>(in.current() - in.begin());
      if (offset < text.size() || s.diagnostics->empty() ||
          s.diagnostics->back().span.begin != offset || !s.diagnostics->back().notes.empty())
        return;  // not at the end, not this error, or noted already (an outer block ends here too)
      if (auto brace = unclosed_brace(text))
        s.diagnostics->back().notes.emplace_back(Span{*brace, *brace + 1},
                                                 "this `{` is not closed");
    }
  }
  template <typename Input, typename S>
  static void found(const Input& in, S& s, std::string& message) {
    if constexpr (std::is_same_v<std::decay_t<S>, ParseState>)
      message +=
          found_text(s.source->text(), static_cast<std::uint32_t>(in.current() - in.begin()));
  }
  template <typename Input, typename S>
  static void enter(const Input& in, S& s) {
    if constexpr (std::is_same_v<std::decay_t<S>, ParseState>) {
      if (++s.depth > s.options->max_depth && opens_here<Rule>(in)) {
        // Once per file; and skipping a broken item (braces) only repeats an error already shown.
        bool quiet = s.too_deep || (std::is_same_v<Rule, g::braces> && !s.diagnostics->empty());
        s.too_deep = true;
        --s.depth;
        std::string message = fmt::format(
            "nested too deeply: at most {} levels of parentheses, `not`, `any`/`all`/`none`, lists "
            "and sections",
            s.options->max_depth);
        if (!quiet) record(in, s, message);
        throw pegtl::parse_error(message, in);
      }
    }
  }
  template <typename S>
  static void leave(S& s) {
    if constexpr (std::is_same_v<std::decay_t<S>, ParseState>) {
      if (s.depth > 0) --s.depth;
    }
  }
  template <typename Input, typename S>
  static void bad_escape(const Input& in, S& s, std::string& message) {
    if constexpr (std::is_same_v<std::decay_t<S>, ParseState>) {
      const std::string& text = s.source->text();
      auto offset = static_cast<std::uint32_t>(in.current() - in.begin());  // after the backslash
      std::uint32_t end = offset;
      if (end < text.size() && text[end] != '\n' && text[end] != '\r') {
        ++end;
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
      }
      std::string escape = text.substr(offset - 1, end - offset + 1);
      bool printable = std::none_of(escape.begin(), escape.end(),
                                    [](unsigned char c) { return c < 0x20 || c == 0x7f; });
      if (end > offset && printable)
        message += ", found `" + escape + "`";
      else
        message += found_text(text, offset);
      record(in, s, message, Span{offset - 1, std::max(end, offset)});
    }
  }
  template <typename Input, typename S>
  static void record(const Input& in, S& s, std::string_view message,
                     std::optional<Span> span = std::nullopt) {
    if constexpr (std::is_same_v<std::decay_t<S>, ParseState>) {
      auto offset = static_cast<std::uint32_t>(in.current() - in.begin());
      for (const auto& d : *s.diagnostics)
        if (d.span.begin == offset) return;  // the same place, reported by an outer rule
      if (s.diagnostics->size() >= s.options->max_errors) return;
      Diagnostic d =
          make_diagnostic(codes::E0001, std::string(message),
                          span ? *span : Span{offset, token_end(s.source->text(), offset)});
      if (offset >= s.source->text().size()) d.message += ", found the end of the file";
      s.diagnostics->push_back(std::move(d));
    }
  }
};

template <typename Rule>
struct comment_action : pegtl::nothing<Rule> {};

template <>
struct comment_action<g::comment> {
  template <typename Input>
  static void apply(const Input& in, ParseState& state) {
    if (auto hook = testing::comment_hook.load(std::memory_order_relaxed)) hook();
    auto begin = static_cast<std::uint32_t>(in.begin() - in.input().begin());
    if (!state.comment_offsets.insert(begin).second) return;
    std::string text = in.string();
    std::string_view body = text;
    body.remove_prefix(1);
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.remove_suffix(1);
    state.comments.push_back(
        {std::string(body), {begin, begin + static_cast<std::uint32_t>(text.size())}});
  }
};

template <typename Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::string_lit, g::local_string, g::translation, g::lang_tag, g::rule_title, g::section_cite,
        g::row_label, g::pattern, g::item_label, g::bare, g::number_lit, g::bool_lit, g::list_lit,
        g::path, g::word, g::rule_id, g::host, g::note_ref, g::op_eq, g::op_ne, g::op_le, g::op_ge,
        g::op_lt, g::op_gt, g::compare_tail, g::match_tail, g::in_tail, g::contains_tail,
        g::is_tail, g::is_not, g::is_what, g::predicate, g::quantifier, g::quantifier_kind,
        g::negation, g::and_expr, g::expr, g::notes_clause, g::message, g::cite_clause,
        g::status_word, g::expect_clause, g::when_clause, g::otherwise_clause, g::applies_clause,
        g::check_rule, g::manual_rule, g::os_family, g::os_versions, g::os_release,
        g::os_service_pack, g::os_except, g::os_clause, g::version_spec, g::window_date,
        g::in_force_from, g::in_force_until, g::browser_item, g::browsers_clause, g::disk_clause,
        g::row_when, g::row_warn, g::row, g::matrix_otherwise, g::matrix_rule, g::resolve_name,
        g::resolve_address, g::resolve_direct, g::resolve_rule, g::flow_protocols,
        g::flow_direction, g::flow_from, g::flow_to, g::flow_port, g::flow_address, g::flow_purpose,
        g::flow_rule, g::item_kind, g::list_item, g::when_item, g::forbid_rule, g::line_status,
        g::line_unless, g::line_class, g::line_rule, g::note_decl, g::rationale_text,
        g::clause_decl, g::clause_label, g::clause_title, g::informational, g::removed_entry,
        g::removed_id, g::removed_revision, g::section, g::skipped_item, g::unknown_item,
        g::header_title, g::header_revision, g::header_effective, g::header_source,
        g::header_language, g::policy_header,
        g::braces>>;  // braces: only so that error_control counts its depth (recursive)

ParseResult parse_unguarded(const SourceFile& source, const ParseOptions& options) {
  ParseResult result;
  // A policy is UTF-8 text, strings and comments included: bytes that are not would pass
  // through a string into reports unseen (shown as U+FFFD), and a NUL would cut it short.
  if (auto flaw = engine::first_text_flaw(source.text())) {
    const auto at = static_cast<std::uint32_t>(flaw->offset);
    result.diagnostics.push_back(make_diagnostic(
        codes::E0004, fmt::format("not UTF-8 text: {}", flaw->describe()), Span{at, at + 1},
        flaw->control ? std::string("a policy holds no control characters but tab and line ends: "
                                    "write a tab in a string as \\t, a line break as \\n")
                      : std::string("save the policy as UTF-8 (an editor's \"UTF-8\" encoding; "
                                    "Shift_JIS and UTF-16 are not read)")));
    return result;
  }
  ParseState state;
  state.source = &source;
  state.diagnostics = &result.diagnostics;
  state.options = &options;
  pegtl::memory_input<> in(source.text().data(), source.text().size(), source.name());
  std::unique_ptr<ParseNode> root;
  try {
    root = pegtl::parse_tree::parse<g::policy_file, selector, comment_action, error_control>(in,
                                                                                             state);
  } catch (const pegtl::parse_error& e) {
    // Recorded by error_control::raise already (unless suppressed as a duplicate).
    if (result.diagnostics.empty()) {
      const auto& positions = e.positions();
      std::uint32_t offset =
          positions.empty() ? 0 : static_cast<std::uint32_t>(positions.front().byte);
      result.diagnostics.push_back(make_diagnostic(codes::E0001, std::string(e.message()),
                                                   {offset, token_end(source.text(), offset)}));
    }
  }
  if (root && !root->children.empty()) {
    result.file = to_ast(*root, result.diagnostics);
  }
  result.file.comments = std::move(state.comments);
  std::sort(
      result.file.comments.begin(), result.file.comments.end(),
      [](const ast::Comment& a, const ast::Comment& b) { return a.span.begin < b.span.begin; });
  attach_doc_comments(source, result.file.comments, result.file.items);
  sort_diagnostics(result.diagnostics);
  return result;
}

// The result of a parse that failed outside the grammar: no AST, one E0003 error saying
// `what` went wrong (`detail` follows a colon when there is one). `spare` normally has room
// for that one diagnostic, reserved before the parse, so that the result can be made even
// when no memory is left: if the full message cannot be built, `short_message`, short
// enough for std::string to keep inline without allocating, takes its place. With no room
// at all, no result could say that the parse failed (an empty one would read as an empty
// policy that compiles): the program ends, as a noexcept function would.
ParseResult failed(std::vector<Diagnostic>& spare, std::string_view what, const char* detail,
                   std::string_view help, const char* short_message) noexcept {
  spare.clear();
  try {
    std::string message(what);
    if (detail && *detail) message += fmt::format(": {}", detail);
    spare.push_back(make_diagnostic(codes::E0003, std::move(message), {}, std::string(help)));
  } catch (...) {
    if (spare.capacity() == 0) std::terminate();
    spare.clear();
    spare.emplace_back();  // within the reserved capacity: allocates nothing
    spare.back().code = codes::E0003.code;
    spare.back().message = short_message;
  }
  ParseResult result;  // default-constructed members allocate nothing
  result.diagnostics = std::move(spare);
  return result;
}

}  // namespace

ParseResult parse(const SourceFile& source, const ParseOptions& options) {
  // Room for the diagnostic of a failed parse, taken before anything else (see failed()).
  // Without it the parse may still succeed; failed() tries again if it does not.
  std::vector<Diagnostic> spare;
  try {
    spare.reserve(1);
  } catch (const std::bad_alloc&) {
  }
  constexpr std::string_view bug_help =
      "this is a bug in tekigo, not a mistake in the policy: please report it with the policy";
  try {
    return parse_unguarded(source, options);
  } catch (const std::bad_alloc&) {
    return failed(spare, "out of memory while parsing the policy", nullptr,
                  "the policy is not at fault: tekigo could not get the memory it needed",
                  "out of memory");
  } catch (const std::exception& e) {
    return failed(spare, "internal error while parsing the policy", e.what(), bug_help,
                  "internal error");
  } catch (...) {
    return failed(spare, "internal error while parsing the policy", "an exception of unknown type",
                  bug_help, "internal error");
  }
}

}  // namespace tekigo::dsl
