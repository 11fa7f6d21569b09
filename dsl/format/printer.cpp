// dsl/format: the printer (see printer.hpp). What the AST does not keep comes from the
// source: the author's parentheses, `is not present` against `is absent`, the order of the
// clauses of a row, a flow, a resolve and the header, and which values one clause listed.
#include "dsl/format/printer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <utility>

#include "dsl/format/printed_words.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::format {

namespace {

// Header values start in one column: one space after the longest keyword, `effective`.
constexpr std::size_t kHeaderColumn = 10;

class Printer {
 public:
  Printer(const SourceFile* source, const Tokens* tokens) : source_(source), tokens_(tokens) {}

  std::vector<Line> lines;

  void file(const ast::PolicyFile& f) {
    header(f.header);
    items(f.items, 0);
  }

 private:
  const SourceFile* source_;
  const Tokens* tokens_;

  bool src() const { return source_ != nullptr; }
  std::string_view slice(Span s) const { return source_->slice(s); }
  std::string_view token_text(const Token& t) const { return tokens_->text(t); }

  static Line line(int depth, std::string text, Span range, Role role = Role::plain) {
    Line l;
    l.depth = depth;
    l.text = std::move(text);
    l.range = range;
    l.role = role;
    return l;
  }
  void add(int depth, std::string text, Span range, Role role = Role::plain) {
    lines.push_back(line(depth, std::move(text), range, role));
  }
  // Clauses whose order the AST does not keep (a row's, a flow's, the header's): in the order
  // they were written.
  void add_in_source_order(std::vector<Line> clauses) {
    std::stable_sort(clauses.begin(), clauses.end(),
                     [](const Line& a, const Line& b) { return a.range.begin < b.range.begin; });
    for (auto& c : clauses) lines.push_back(std::move(c));
  }

  // ---- source ranges ----

  // Where the clause whose value starts at `value` begins: `back` tokens before it (its
  // keyword, or `disk >=`).
  std::uint32_t keyword_begin(std::uint32_t value, int back = 1) const {
    if (!src()) return 0;
    auto t = tokens_->before(value, back);
    return t ? t->span.begin : value;
  }
  Span keyed(std::uint32_t value_begin, std::uint32_t end, int back = 1) const {
    if (!src()) return {};
    return {keyword_begin(value_begin, back), end};
  }
  Span spanned(Span s) const { return src() ? s : Span{}; }
  // A block's head: from its first token through the `{` after its last part.
  Span head_range(std::uint32_t begin, std::uint32_t parts_end) const {
    if (!src()) return {};
    auto t = tokens_->after(parts_end);
    if (t && token_text(*t) == "{") return {begin, t->span.end};
    return {begin, parts_end};
  }
  Span close_range(Span block) const {
    if (!src() || block.end == 0) return {};
    return {block.end - 1, block.end};
  }
  // The first token `word` (optionally followed by `next`) within [begin, end) outside `skip`.
  std::optional<Span> find_word(Span within, std::string_view word, std::string_view next = {},
                                Span skip = {}) const {
    if (!src()) return std::nullopt;
    auto toks = tokens_->within(within.begin, within.end);
    for (std::size_t i = 0; i < toks.size(); ++i) {
      if (toks[i].kind != Token::Kind::word || token_text(toks[i]) != word) continue;
      if (toks[i].span.begin >= skip.begin && toks[i].span.end <= skip.end && !skip.empty())
        continue;
      if (next.empty()) return toks[i].span;
      if (i + 1 < toks.size() && token_text(toks[i + 1]) == next)
        return Span{toks[i].span.begin, toks[i + 1].span.end};
    }
    return std::nullopt;
  }
  // Values written as one comma-separated list, apart from those of another clause of the
  // same keyword (`address a, b` then `address c`): each group is one line.
  template <typename T, typename SpanOf>
  std::vector<std::vector<const T*>> groups(const std::vector<T>& values, SpanOf span_of) const {
    std::vector<std::vector<const T*>> out;
    for (const auto& v : values) {
      bool same = !out.empty();
      if (same && src()) {
        auto between = tokens_->within(span_of(*out.back().back()).end, span_of(v).begin);
        same = between.size() == 1 && token_text(between[0]) == ",";
      }
      if (same)
        out.back().push_back(&v);
      else
        out.push_back({&v});
    }
    return out;
  }

  // ---- expressions ----

  // The parentheses that enclose all of `s` (a parenthesised condition's span includes its
  // own): their number and the span inside them.
  std::pair<int, Span> strip_parens(Span s) const {
    int n = 0;
    for (;;) {
      auto first = tokens_->after(s.begin);
      auto last = tokens_->before(s.end);
      if (!first || !last || first->span.begin >= last->span.begin || token_text(*first) != "(" ||
          token_text(*last) != ")")
        break;
      auto close = tokens_->closing_paren(first->span.begin, s.end);
      if (!close || *close != last->span.begin) break;
      ++n;
      s = {first->span.end, last->span.begin};
    }
    return {n, s};
  }

  // How many parentheses the author wrote around `e` (all of them are kept).
  int written_parens(const ast::Expr& e, const ast::Expr* parent) const {
    if (!src() || e.span.empty()) return 0;
    int n = strip_parens(e.span).first;
    using K = ast::Expr::Kind;
    if (parent && (parent->kind == K::and_ || parent->kind == K::or_ || parent->kind == K::not_)) {
      const Span p = strip_parens(parent->span).second;
      Span cur = e.span;
      for (;;) {
        auto b = tokens_->before(cur.begin);
        auto a = tokens_->after(cur.end);
        if (!b || !a || b->span.begin < p.begin || a->span.end > p.end || token_text(*b) != "(" ||
            token_text(*a) != ")")
          break;
        ++n;
        cur = {b->span.begin, a->span.end};
      }
    }
    return n;
  }

  static int precedence(const ast::Expr& e) {
    using K = ast::Expr::Kind;
    return e.kind == K::or_ ? 1 : e.kind == K::and_ ? 2 : 3;
  }

  // Whether the tree needs parentheses around `e` to parse back the same.
  static bool needs_parens(const ast::Expr& e, const ast::Expr* parent) {
    if (!parent || precedence(e) == 3) return false;
    using K = ast::Expr::Kind;
    if (parent->kind == K::not_) return true;
    if (parent->kind == K::and_ || parent->kind == K::or_)
      return precedence(e) <= precedence(*parent);
    return false;  // a quantifier's own parentheses
  }

  // `is not present` and `is absent` are one tree: the spelling comes from the source.
  bool written_not(const ast::Expr& e) const {
    if (!src()) return false;
    for (const auto& t : tokens_->within(e.path.span.end, e.span.end))
      if (token_text(t) == "not") return true;
    return false;
  }

  std::string expr(const ast::Expr& e, const ast::Expr* parent = nullptr) const {
    using K = ast::Expr::Kind;
    std::string body;
    const std::string path = e.path.dotted();
    switch (e.kind) {
      case K::and_:
      case K::or_: {
        std::vector<std::string> parts;
        for (const auto& c : e.children) parts.push_back(expr(*c, &e));
        body = engine::join(parts, e.kind == K::and_ ? " and " : " or ");
        break;
      }
      case K::not_:
        body = "not " + (e.children.empty() ? std::string() : expr(*e.children[0], &e));
        break;
      case K::compare:
        body = fmt::format("{} {} {}", path, ast::op_text(e.op), operand(e.rhs));
        break;
      case K::match:
        body = path + " ~ " + quote(e.pattern.value);
        break;
      case K::in:
        body = path + " in " + operand(e.rhs);
        break;
      case K::contains:
        body = path + " contains " + operand(e.rhs);
        break;
      case K::is_present:
        body = path + (written_not(e) ? " is not absent" : " is present");
        break;
      case K::is_absent:
        body = path + (written_not(e) ? " is not present" : " is absent");
        break;
      case K::is_empty:
        body = path + " is empty";
        break;
      case K::is_not_empty:
        body = path + " is not empty";
        break;
      case K::truth:
        body = path;
        break;
      case K::any:
      case K::all:
      case K::none: {
        const char* q = e.kind == K::any ? "any" : e.kind == K::all ? "all" : "none";
        body = fmt::format("{} {} ({})", q, path,
                           e.children.empty() ? std::string() : expr(*e.children[0], &e));
        break;
      }
    }
    int parens = written_parens(e, parent);
    if (parens == 0 && needs_parens(e, parent)) parens = 1;
    return std::string(static_cast<std::size_t>(parens), '(') + body +
           std::string(static_cast<std::size_t>(parens), ')');
  }

  std::string condition(const std::unique_ptr<ast::Expr>& e) const { return e ? expr(*e) : ""; }

  // ---- the header and items ----

  void header(const ast::Header& h) {
    add(0, "policy " + h.id.value + " {", head_range(h.span.begin, h.id.span.end), Role::open);
    std::vector<Line> fields;
    auto field = [&](std::string_view keyword, const std::optional<ast::Text>& value, bool bare) {
      if (!value) return;
      std::string text(keyword);
      text.append(kHeaderColumn - keyword.size(), ' ');
      text += bare ? value->value : local(*value);
      fields.push_back(line(1, std::move(text), keyed(value->span.begin, value->span.end)));
    };
    field("title", h.title, false);
    field("revision", h.revision, false);
    field("effective", h.effective, true);
    field("source", h.source, false);
    field("language", h.language, true);
    add_in_source_order(std::move(fields));
    add(0, "}", close_range(h.span), Role::close);
  }

  void items(const std::vector<ast::Item>& items, int depth) {
    bool previous_block = depth == 0;  // the header
    for (const auto& item : items) {
      const std::size_t first = lines.size();
      const bool block = item.rule || item.section;
      if (item.section)
        section(*item.section, depth);
      else if (item.rule)
        rule(*item.rule, depth);
      else if (item.note)
        add(depth, "note " + item.note->label.label + " " + local(item.note->text),
            spanned(item.note->span));
      else if (item.removed)
        removed(*item.removed, depth);
      else if (item.clause)
        clause_decl(*item.clause, depth);
      if (depth == 0 && lines.size() > first && (block || previous_block))
        lines[first].blank_before = true;
      previous_block = block;
    }
  }

  void section(const ast::Section& s, int depth) {
    std::string head = "section " + quote(s.cite.value);
    if (s.title) head += " " + local(*s.title);
    std::uint32_t parts_end = end_of({s.cite.span.end, end_of(s.title)});
    if (s.informational) {
      head += " informational";
      if (auto w = find_word({parts_end, s.span.end}, "informational")) parts_end = w->end;
    }
    add(depth, head + " {", head_range(s.span.begin, parts_end), Role::open);
    items(s.items, depth + 1);
    add(depth, "}", close_range(s.span), Role::close);
  }

  void removed(const ast::Removed& r, int depth) {
    std::string text = "removed " + r.id.value;
    if (r.cite) text += " cite " + quote(r.cite->value);
    if (r.title) text += " " + local(*r.title);
    if (r.revision) text += " revision " + quote(r.revision->value);
    add(depth, std::move(text), spanned(r.span));
  }

  void clause_decl(const ast::ClauseDecl& c, int depth) {
    std::string text = "clause " + quote(c.label.value);
    if (c.title) text += " " + local(*c.title);
    if (c.informational) text += " informational";
    add(depth, std::move(text), spanned(c.span));
  }

  void rule(const ast::Rule& r, int depth) {
    using K = ast::Rule::Kind;
    std::string head = std::string(ast::kind_name(r.kind)) + " " + r.id.value;
    if (r.cite) head += " cite " + quote(r.cite->value);
    if (r.title) head += " " + local(*r.title);
    head += notes_text(r.notes) + in_force_text(r.in_force);
    const Span head_span =
        head_range(r.span.begin, end_of({r.id.span.end, end_of(r.cite), end_of(r.title),
                                         end_of(r.notes), end_of(r.in_force)}));
    add(depth, head + " {", head_span, Role::open);
    const int d = depth + 1;
    Span body{head_span.end, r.span.end > 0 ? r.span.end - 1 : 0};
    if (r.rationale) {
      add(d, "rationale " + local(*r.rationale),
          keyed(r.rationale->span.begin, r.rationale->span.end));
      if (src()) body.begin = r.rationale->span.end;
    }
    switch (r.kind) {
      case K::check:
      case K::manual:
        for (const auto& c : r.clauses) add(d, clause(c), spanned(c.span));
        break;
      case K::matrix:
        for (const auto& row : r.rows) matrix_row(row, d);
        for (const auto& c : r.clauses) add(d, clause(c), spanned(c.span));  // otherwise warn
        break;
      case K::resolve:
        resolve(r, d, body);
        break;
      case K::flow:
        flow(r, d, body);
        break;
      case K::forbid:
        for (const auto& c : r.clauses) add(d, clause(c), spanned(c.span));  // applies when
        for (const auto& item : r.items) add(d, forbid_item(item), spanned(item.span));
        break;
      case K::line:
        for (const auto& c : r.classes) line_class(c, d);
        break;
    }
    add(depth, "}", close_range(r.span), Role::close);
  }

  std::string clause(const ast::Clause& c) const {
    std::string out;
    switch (c.kind) {
      case ast::Clause::Kind::expect:
        out = "expect " + condition(c.condition);
        break;
      case ast::Clause::Kind::when:
        out = fmt::format("{} when {}", ast::status_word(c.status), condition(c.condition));
        break;
      case ast::Clause::Kind::otherwise:
        out = fmt::format("otherwise {}", ast::status_word(c.status));
        break;
      case ast::Clause::Kind::applies:
        out = "applies when " + condition(c.condition);
        break;
    }
    return out + in_force_text(c.in_force) + message_text(c.message, c.notes);
  }

  void matrix_row(const ast::MatrixRow& row, int depth) {
    std::string head = "row " + local(row.label);
    if (row.title) head += " " + local(*row.title);
    head += notes_text(row.notes) + in_force_text(row.in_force);
    add(depth, head + " {",
        head_range(row.span.begin, end_of({row.label.span.end, end_of(row.title), end_of(row.notes),
                                           end_of(row.in_force)})),
        Role::open);
    const int d = depth + 1;
    std::vector<Line> clauses;
    if (row.os) {
      const ast::OsClause& os = *row.os;
      std::string text = "os " + os.family.value;
      if (!os.versions.empty()) text += " " + version_specs(os.versions);
      if (!os.releases.empty()) text += " release " + version_specs(os.releases);
      if (os.min_service_pack) text += " service_pack >= " + operand(*os.min_service_pack);
      if (!os.except_editions.empty()) {
        std::vector<std::string> editions;
        // Quoted as written: the os clause's text is its evidence, so `"CoreARM"` stays quoted.
        for (const auto& e : os.except_editions)
          editions.push_back(src() && slice(e.span).substr(0, 1) == "\"" ? quote(e.value)
                                                                         : word_or_string(e));
        text += " except edition " + engine::join(editions, ", ");
      }
      clauses.push_back(line(d, std::move(text), spanned(os.span)));
    }
    for (const auto& group :
         groups(row.browsers, [](const ast::BrowserItem& b) { return b.span; })) {
      std::vector<std::string> parts;
      for (const auto* b : group) {
        std::string part = b->id.value;
        // A range as written (`ie 11..11` too), or one whose ends differ (a hand-made AST).
        if (b->from && b->to &&
            (b->from->text != b->to->text || b->from->span.begin != b->to->span.begin))
          part += " " + operand(*b->from) + ".." + operand(*b->to);
        else if (b->from)
          part += " " + operand(*b->from);
        parts.push_back(std::move(part));
      }
      clauses.push_back(line(d, "browsers " + engine::join(parts, ", "),
                             keyed(group.front()->span.begin, group.back()->span.end)));
    }
    if (row.min_disk)
      clauses.push_back(line(d, "disk >= " + operand(*row.min_disk),
                             keyed(row.min_disk->span.begin, row.min_disk->span.end, 2)));
    if (row.when)
      clauses.push_back(
          line(d, "when " + expr(*row.when), keyed(row.when->span.begin, row.when->span.end)));
    if (row.warn) {
      // `warn notes ※1` has no text: its span is then the whole clause's.
      const bool quoted = src() ? slice(row.warn->span).starts_with('"')
                                : !row.warn->value.empty() || row.warn_notes.empty();
      std::string text = "warn";
      if (quoted) text += " " + local(*row.warn);
      text += notes_text(row.warn_notes);
      const std::uint32_t end = end_of({row.warn->span.end, end_of(row.warn_notes)});
      clauses.push_back(
          line(d, std::move(text),
               quoted ? keyed(row.warn->span.begin, end) : spanned({row.warn->span.begin, end})));
    }
    add_in_source_order(std::move(clauses));
    add(depth, "}", close_range(row.span), Role::close);
  }

  void address_lines(const std::vector<ast::Operand>& values, std::string_view keyword, int d,
                     std::vector<Line>& out) const {
    for (const auto& group : groups(values, [](const ast::Operand& o) { return o.span; }))
      out.push_back(line(d, std::string(keyword) + " " + operands(group),
                         keyed(group.front()->span.begin, group.back()->span.end)));
  }

  void resolve(const ast::Rule& r, int d, Span body) {
    std::vector<Line> clauses;
    if (r.name)
      clauses.push_back(
          line(d, "name " + host_or_string(*r.name), keyed(r.name->span.begin, r.name->span.end)));
    address_lines(r.addresses, "address", d, clauses);
    if (r.direct) {
      auto at = find_word(body, "direct", {}, r.name ? r.name->span : Span{});
      clauses.push_back(line(d, "direct", at ? *at : Span{}));
    }
    add_in_source_order(std::move(clauses));
  }

  void flow(const ast::Rule& r, int d, Span body) {
    std::vector<Line> clauses;
    if (!r.protocols.empty()) {
      std::vector<std::string> parts;
      for (const auto& p : r.protocols) parts.push_back(word_or_string(p));
      clauses.push_back(line(d, "protocol " + engine::join(parts, ", "),
                             keyed(r.protocols.front().span.begin, r.protocols.back().span.end)));
    }
    if (r.direction)
      clauses.push_back(line(d, "direction " + word_or_string(*r.direction),
                             keyed(r.direction->span.begin, r.direction->span.end)));
    if (r.from_port)
      clauses.push_back(line(d, "from port " + operand(*r.from_port),
                             keyed(r.from_port->span.begin, r.from_port->span.end, 2)));
    else if (auto at = find_word(body, "from", "any"))
      clauses.push_back(line(d, "from any", *at));
    if (r.to)
      clauses.push_back(
          line(d, "to " + host_or_string(*r.to), keyed(r.to->span.begin, r.to->span.end)));
    address_lines(r.addresses, "address", d, clauses);
    address_lines(r.ports, "port", d, clauses);
    if (r.purpose)
      clauses.push_back(line(d, "purpose " + local(*r.purpose),
                             keyed(r.purpose->span.begin, r.purpose->span.end)));
    add_in_source_order(std::move(clauses));
  }

  std::string forbid_item(const ast::ForbidItem& item) const {
    std::string out = item.kind;
    if (item.label) out += " " + local(*item.label);
    out += in_force_text(item.in_force);
    if (item.kind == "when") return out + " " + condition(item.predicate);
    return out + " { " + condition(item.predicate) + " }";
  }

  void line_class(const ast::LineClass& c, int depth) {
    std::vector<std::string> names;
    for (const auto& l : c.lines) names.push_back(word_or_string(l));
    const std::uint32_t end = end_of({c.lines.empty() ? c.span.begin : c.lines.back().span.end,
                                      end_of(c.message), end_of(c.notes)});
    add(depth, c.status + " " + engine::join(names, ", ") + message_text(c.message, c.notes),
        spanned({c.span.begin, end}));
    if (!c.unless) return;
    // `unless` goes on a line of its own, one step further in.
    std::uint32_t unless_end = c.unless->span.end;
    if (src())
      if (auto status = tokens_->after(c.unless->span.end)) unless_end = status->span.end;
    add(depth + 1,
        fmt::format("unless {} {}{}", expr(*c.unless), ast::status_word(c.unless_status),
                    message_text(c.unless_message, c.unless_notes)),
        keyed(c.unless->span.begin,
              end_of({unless_end, end_of(c.unless_message), end_of(c.unless_notes)})),
        Role::continuation);
  }
};

}  // namespace

std::vector<Line> print_lines(const ast::PolicyFile& file, const SourceFile* source,
                              const Tokens* tokens) {
  Printer printer(source, tokens);
  printer.file(file);
  return std::move(printer.lines);
}

}  // namespace tekigo::dsl::format
