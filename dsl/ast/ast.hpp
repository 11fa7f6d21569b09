// dsl: the AST of a policy — what the parser produces, and the passes (dsl/checks) and
// lowering (dsl/lower) read. Every node carries a Span into its SourceFile; comments are kept
// (a formatter, a doc generator and a semantic diff build on them). Spans never take part in
// equality.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast/source.hpp"
#include "engine/common/local_text.hpp"

namespace tekigo::dsl::ast {

struct Comment {
  std::string text;  // without the leading '#'
  Span span;
};

// A sentence of the policy in another language: `ja "日本語"` after a string.
struct Translation {
  std::string lang;  // the tag as written: "ja", "en" (others are E0110)
  std::string value;
  Span lang_span, span;  // the tag; the tag and its string
};

// A string as written, unescaped. Where the language takes a sentence (titles, messages,
// notes, row and item labels, purposes) it may be followed by translations; `span` then
// covers them too.
struct Text {
  std::string value;
  Span span;
  std::vector<Translation> translations;
};

// Words the document or the policy's author writes for people — a clause's title, a rule's
// rationale: one alias, so that they can become texts with an alternative in another
// language without touching every place that reads them.
using Prose = Text;

struct NoteRef {
  std::string label;  // "※1"
  Span span;
};

// The right-hand side of a comparison, before typing (dsl/checks/literals.hpp) parses it.
struct Operand {
  enum class Kind { string, number, boolean, list, path };
  Kind kind = Kind::string;
  std::string text;                   // string: unescaped value; number: as written; path: dotted
  std::vector<std::string> segments;  // path
  std::vector<Operand> items;         // list
  Span span;
};

struct Path {
  std::vector<std::string> segments;
  Span span;
  std::string dotted() const;
};

enum class CompareOp { eq, ne, lt, le, gt, ge };

struct Expr {
  enum class Kind {
    and_,
    or_,
    not_,      // children
    compare,   // path op rhs
    match,     // path ~ pattern
    in,        // path in rhs (a list)
    contains,  // path contains rhs
    is_present,
    is_absent,
    is_empty,
    is_not_empty,
    truth,  // a boolean fact on its own
    any,
    all,
    none,  // quantifier over path with children[0]
  };
  Kind kind = Kind::truth;
  Span span;
  std::vector<std::unique_ptr<Expr>> children;
  Path path;
  CompareOp op = CompareOp::eq;
  Operand rhs;
  Text pattern;
};

enum class CaseStatus { pass, warn, fail, unknown, manual };

// When a rule, a case, a matrix row or a forbid item is in force, judged at the check date
// (`check --as-of`, default today): `from DATE` (that day included) and/or `until DATE` (that
// day included). Outside it, a case, row or item does not take part; a rule is `n/a`.
struct InForce {
  std::optional<Operand> from, until;  // dates as written (typed by dsl/checks)
  Span span;
  bool empty() const { return !from && !until; }
};

// A version or release of an `os` clause: one value (`10`, `20H2`), an inclusive range
// (`12..14`: `value`..`to`) or a comparison (`>= 22H2`: `op` with `value`).
struct VersionSpec {
  CompareOp op = CompareOp::eq;  // eq: equal to `value`, or the range when `to` is set
  Operand value;
  std::optional<Operand> to;
  Span span;
};

// One clause of a check/manual body.
struct Clause {
  enum class Kind { expect, when, otherwise, applies };
  Kind kind = Kind::expect;
  CaseStatus status = CaseStatus::fail;
  std::unique_ptr<Expr> condition;  // null for otherwise
  std::optional<Text> message;
  std::vector<NoteRef> notes;
  InForce in_force;
  Span span;
};

struct OsClause {
  Text family;                        // windows | macos | linux (checked)
  std::vector<VersionSpec> versions;  // version lines (numbers)
  std::vector<VersionSpec> releases;  // Windows release ids
  std::optional<Operand> min_service_pack;
  std::vector<Text> except_editions;
  Span span;
};

struct BrowserItem {
  Text id;                          // ie, edge, chrome, safari, firefox, chromium
  std::optional<Operand> from, to;  // ie 11 → from = to = 11; ie 9..11
  Span span;
};

struct MatrixRow {
  Text label;
  std::optional<Text> title;
  std::vector<NoteRef> notes;
  std::optional<OsClause> os;
  std::vector<BrowserItem> browsers;
  bool has_browsers = false;
  std::optional<Operand> min_disk;
  std::unique_ptr<Expr> when;
  std::optional<Text> warn;
  std::vector<NoteRef> warn_notes;
  InForce in_force;
  Span span;
};

struct ForbidItem {
  std::string kind;  // software, adapter, service, browser, lsp, when
  std::optional<Text> label;
  std::unique_ptr<Expr> predicate;
  InForce in_force;
  Span span;
};

struct LineClass {
  std::string status;  // recommended, usable, unusable
  std::vector<Text> lines;
  std::optional<Text> message;
  std::vector<NoteRef> notes;
  std::unique_ptr<Expr> unless;
  CaseStatus unless_status = CaseStatus::warn;
  std::optional<Text> unless_message;
  std::vector<NoteRef> unless_notes;
  Span span;
};

struct Rule {
  enum class Kind { check, manual, matrix, resolve, flow, forbid, line };
  Kind kind = Kind::check;
  Text id;
  std::optional<Text> cite;
  std::optional<Text> title;
  std::vector<NoteRef> notes;
  std::vector<Comment> doc;  // comments right above the rule
  InForce in_force;
  // `rationale "…"`, the first line of the body: how the policy reads the document here
  // ("100MByte read as MiB, the stricter reading"); reports show it in the rule's detail.
  std::optional<Prose> rationale;
  Span span;
  // check, manual
  std::vector<Clause> clauses;
  // matrix
  std::vector<MatrixRow> rows;
  // resolve
  std::optional<Text> name;
  std::vector<Operand> addresses;
  bool direct = false;
  // flow
  std::vector<Text> protocols;
  std::optional<Text> direction;
  std::optional<Operand> from_port;  // absent: any
  std::optional<Text> to;
  std::vector<Operand> ports;
  std::optional<Text> purpose;
  // forbid
  std::vector<ForbidItem> items;
  // line
  std::vector<LineClass> classes;
};

struct NoteDecl {
  NoteRef label;
  Text text;
  Span span;
};

// An entry the document removed, kept in the policy so that the document's numbering stays
// readable ("別表 #9 removed in 第8版"). It is no rule: nothing evaluates it; diffs and the
// rendered policy show it.
struct Removed {
  Text id;  // the id the rule had
  std::optional<Text> cite;
  std::optional<Text> title;     // what the entry required
  std::optional<Text> revision;  // the revision that removed it
  std::vector<Comment> doc;
  Span span;
};

// `clause "#1" "TITLE" [informational]`: one clause of the document in the outline of its
// section (docs/language.md, "The outline"). In a section with clauses, every rule's `cite`
// names one of them, and every clause that is not informational is cited by some rule.
struct ClauseDecl {
  Text label;  // "#1", "VPN #1", "※1": what a rule's `cite` writes
  std::optional<Prose> title;
  bool informational = false;  // the document states no requirement here
  std::vector<Comment> doc;
  Span span;
};

struct Section;
struct Item {
  std::unique_ptr<Rule> rule;
  std::unique_ptr<Section> section;
  std::unique_ptr<NoteDecl> note;
  std::unique_ptr<Removed> removed;
  std::unique_ptr<ClauseDecl> clause;
};

struct Section {
  Text cite;
  std::optional<Prose> title;
  bool informational = false;  // `section "§1" "…" informational`: needs no rules
  std::vector<Item> items;
  std::vector<Comment> doc;
  Span span;
};

struct Header {
  Text id;
  std::optional<Text> title, revision, effective, source;
  std::optional<Text> language;  // `language ja`: the language of untagged strings
  Span span;
};

struct PolicyFile {
  Header header;
  std::vector<Item> items;
  std::vector<Comment> comments;  // every comment of the file, in order
};

std::string_view kind_name(Rule::Kind kind);
// The words the language writes: "==" for CompareOp::eq, "pass" for CaseStatus::pass, and the
// name of an expression's kind ("and", "compare", "is-present", "any", …) for dumps and keys.
std::string_view op_text(CompareOp op);
std::string_view status_word(CaseStatus status);
std::string_view expr_word(Expr::Kind kind);

// The citation a rule or a `removed` entry has in reports, from the innermost enclosing
// section's citation and its own `cite`: its own after the section's ("§3(3) 別表" and "#7"
// give "§3(3) 別表 #7", "§4(2)" and "VPN #1" give "§4(2) VPN #1"), the section's when it has
// none; outside every section its own, as written.
std::string composed_cite(std::string_view section_cite, const std::optional<Text>& own);

// The language of the policy's untagged strings: its header's `language` (en when absent or
// not a language; the `languages` pass reports that).
engine::Lang untagged_lang(const Header& header);
// A sentence of the policy in both languages: its string in `untagged`, each translation in
// its tag's language (an unknown tag is left out; the `languages` pass reports it).
engine::LocalText local_text(const Text& text, engine::Lang untagged);
engine::LocalText local_text(const std::optional<Text>& text, engine::Lang untagged);

// Every string of the file that may carry translations (titles, messages, notes, row and item
// labels, purposes, the policy's title), in the order they are written.
void for_each_sentence(const PolicyFile& file, const std::function<void(const Text&)>& visit);

}  // namespace tekigo::dsl::ast
