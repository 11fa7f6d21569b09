// dsl/grammar: the parse tree → the AST. Each node the selector of parser.cpp stores becomes
// its AST node with its span; a word where an item belongs becomes E0002 (unknown construct).
#include "dsl/grammar/tree_to_ast.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "dsl/grammar/grammar.hpp"

namespace tekigo::dsl {

namespace g = grammar;

namespace {

using Node = ParseNode;

class Converter {
 public:
  explicit Converter(std::vector<Diagnostic>& diagnostics) : diagnostics_(diagnostics) {}

  static Span span(const Node& n) {
    return {static_cast<std::uint32_t>(n.m_begin.byte), static_cast<std::uint32_t>(n.m_end.byte)};
  }

  template <typename R>
  static bool is(const Node& n) {
    return n.is_type<R>();
  }

  template <typename R>
  static const Node* find(const Node& n) {
    for (const auto& c : n.children)
      if (c->is_type<R>()) return c.get();
    return nullptr;
  }

  // A string node, quotes removed, escapes undone; a local_string (or a rule made of one: a
  // title, a row or item label) with its translations, its span covering them.
  static ast::Text text_of(const Node& n) {
    if (!n.children.empty() && is<g::string_lit>(*n.children.front())) {
      ast::Text text = text_of(*n.children.front());
      text.span = span(n);
      for (const auto& c : n.children) {
        if (!is<g::translation>(*c)) continue;
        const Node& tag = *c->children.at(0);
        ast::Text value = text_of(*c->children.at(1));
        text.translations.push_back({tag.string(), std::move(value.value), span(tag), span(*c)});
      }
      return text;
    }
    std::string_view raw = n.string_view();
    std::string out;
    if (raw.size() >= 2 && raw.front() == '"') raw = raw.substr(1, raw.size() - 2);
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '\\' && i + 1 < raw.size()) {
        char c = raw[++i];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
      } else {
        out += raw[i];
      }
    }
    return {std::move(out), span(n), {}};
  }

  static ast::Text word_of(const Node& n) { return {n.string(), span(n), {}}; }

  // The clauses a `check` or `manual`, a row, a `resolve`, a `flow` or the header takes once,
  // by keyword; null for any other node.
  static const char* single_clause(const Node& n) {
    if (is<g::os_clause>(n)) return "os";
    if (is<g::disk_clause>(n)) return "disk";
    if (is<g::otherwise_clause>(n)) return "otherwise";
    if (is<g::row_when>(n)) return "when";
    if (is<g::row_warn>(n)) return "warn";
    if (is<g::resolve_name>(n)) return "name";
    if (is<g::flow_protocols>(n)) return "protocol";
    if (is<g::flow_direction>(n)) return "direction";
    if (is<g::flow_from>(n)) return "from";
    if (is<g::flow_to>(n)) return "to";
    if (is<g::flow_purpose>(n)) return "purpose";
    if (is<g::header_title>(n)) return "title";
    if (is<g::header_revision>(n)) return "revision";
    if (is<g::header_effective>(n)) return "effective";
    if (is<g::header_source>(n)) return "source";
    if (is<g::header_language>(n)) return "language";
    return nullptr;
  }

  // A second one of those would silently replace the first (the AST keeps the second): E0107.
  struct Once {
    std::string owner;  // "row `1`", "flow `vpn`", "the policy header"
    std::vector<std::pair<std::string, Span>> seen;
  };
  void once(Once& clauses, const Node& n) {
    const char* clause = single_clause(n);
    if (!clause) return;
    auto first = std::find_if(clauses.seen.begin(), clauses.seen.end(),
                              [&](const auto& s) { return s.first == clause; });
    if (first == clauses.seen.end()) {
      clauses.seen.emplace_back(clause, span(n));
      return;
    }
    const std::string_view c = clause;
    const char* fix =
        c == "os"     ? "write the versions in one clause (`os windows 7, 8.1`), or a row for each"
        : c == "when" ? "join the conditions: `when A and B`"
        : c == "otherwise"         ? "a rule has one default status"
        : c == "protocol"          ? "list the protocols in one clause: `protocol tcp, udp`"
        : c == "name" || c == "to" ? "make a rule for each host"
                                   : "keep the one the document says";
    Diagnostic d = make_diagnostic(
        codes::E0107, fmt::format("{} has a second `{}` clause", clauses.owner, clause), span(n),
        fmt::format("it takes one, and this one would replace the first: {}", fix));
    d.notes.push_back({first->second, fmt::format("the first `{}` clause", clause)});
    diagnostics_.push_back(std::move(d));
  }

  std::vector<ast::NoteRef> notes_of(const Node* clause) {
    std::vector<ast::NoteRef> out;
    if (!clause) return out;
    for (const auto& c : clause->children)
      if (is<g::note_ref>(*c)) out.push_back({c->string(), span(*c)});
    return out;
  }

  // message = string [notes] | notes
  void message_of(const Node* m, std::optional<ast::Text>& text, std::vector<ast::NoteRef>& notes) {
    if (!m) return;
    for (const auto& c : m->children) {
      if (is<g::local_string>(*c)) text = text_of(*c);
      if (is<g::notes_clause>(*c)) notes = notes_of(c.get());
    }
  }

  ast::Operand operand_of(const Node& n) {
    ast::Operand o;
    o.span = span(n);
    if (is<g::string_lit>(n)) {
      o.kind = ast::Operand::Kind::string;
      o.text = text_of(n).value;
    } else if (is<g::number_lit>(n) || is<g::bare>(n) || is<g::window_date>(n)) {
      o.kind = ast::Operand::Kind::number;
      o.text = n.string();
    } else if (is<g::bool_lit>(n)) {
      o.kind = ast::Operand::Kind::boolean;
      o.text = n.string();
    } else if (is<g::list_lit>(n)) {
      o.kind = ast::Operand::Kind::list;
      o.text = n.string();
      for (const auto& c : n.children) o.items.push_back(operand_of(*c));
    } else if (is<g::path>(n)) {
      o.kind = ast::Operand::Kind::path;
      o.text = n.string();
      for (const auto& c : n.children) o.segments.push_back(c->string());
    } else if (is<g::word>(n)) {
      o.kind = ast::Operand::Kind::path;
      o.text = n.string();
      o.segments = {o.text};
    }
    return o;
  }

  static ast::Path path_of(const Node& n) {
    ast::Path p;
    p.span = span(n);
    for (const auto& c : n.children) p.segments.push_back(c->string());
    return p;
  }

  std::unique_ptr<ast::Expr> expr_of(const Node& n) {
    auto e = std::make_unique<ast::Expr>();
    e->span = span(n);
    if (is<g::expr>(n) || is<g::and_expr>(n)) {
      if (n.children.size() == 1) {
        auto inner = expr_of(*n.children[0]);
        inner->span = e->span;
        return inner;
      }
      e->kind = is<g::expr>(n) ? ast::Expr::Kind::or_ : ast::Expr::Kind::and_;
      for (const auto& c : n.children) e->children.push_back(expr_of(*c));
      return e;
    }
    if (is<g::negation>(n)) {
      e->kind = ast::Expr::Kind::not_;
      e->children.push_back(expr_of(*n.children.at(0)));
      return e;
    }
    if (is<g::quantifier>(n)) {
      std::string kind = find<g::quantifier_kind>(n)->string();
      e->kind = kind == "any"   ? ast::Expr::Kind::any
                : kind == "all" ? ast::Expr::Kind::all
                                : ast::Expr::Kind::none;
      e->path = path_of(*find<g::path>(n));
      e->children.push_back(expr_of(*find<g::expr>(n)));
      return e;
    }
    // predicate
    e->path = path_of(*n.children.at(0));
    if (n.children.size() == 1) {
      e->kind = ast::Expr::Kind::truth;
      return e;
    }
    const Node& tail = *n.children[1];
    if (is<g::compare_tail>(tail)) {
      e->kind = ast::Expr::Kind::compare;
      const Node& op = *tail.children.at(0);
      e->op = is<g::op_eq>(op)   ? ast::CompareOp::eq
              : is<g::op_ne>(op) ? ast::CompareOp::ne
              : is<g::op_le>(op) ? ast::CompareOp::le
              : is<g::op_ge>(op) ? ast::CompareOp::ge
              : is<g::op_lt>(op) ? ast::CompareOp::lt
                                 : ast::CompareOp::gt;
      e->rhs = operand_of(*tail.children.at(1));
    } else if (is<g::match_tail>(tail)) {
      e->kind = ast::Expr::Kind::match;
      e->pattern = text_of(*tail.children.at(0));
    } else if (is<g::in_tail>(tail)) {
      e->kind = ast::Expr::Kind::in;
      e->rhs = operand_of(*tail.children.at(0));
    } else if (is<g::contains_tail>(tail)) {
      e->kind = ast::Expr::Kind::contains;
      e->rhs = operand_of(*tail.children.at(0));
    } else if (is<g::is_tail>(tail)) {
      bool negated = find<g::is_not>(tail) != nullptr;
      std::string what = find<g::is_what>(tail)->string();
      if (what == "present")
        e->kind = negated ? ast::Expr::Kind::is_absent : ast::Expr::Kind::is_present;
      else if (what == "absent")
        e->kind = negated ? ast::Expr::Kind::is_present : ast::Expr::Kind::is_absent;
      else
        e->kind = negated ? ast::Expr::Kind::is_not_empty : ast::Expr::Kind::is_empty;
    }
    return e;
  }

  // in_force = "from" date [ "until" date ] | "until" date: the in_force_from and
  // in_force_until children of the rule, clause, row or item `n`.
  ast::InForce in_force_of(const Node& n) {
    ast::InForce w;
    for (const auto& c : n.children) {
      const bool from = is<g::in_force_from>(*c);
      if (!from && !is<g::in_force_until>(*c)) continue;
      (from ? w.from : w.until) = operand_of(*find<g::window_date>(*c));
      if (w.span.begin == w.span.end) w.span.begin = span(*c).begin;
      w.span.end = span(*c).end;
    }
    return w;
  }

  static ast::CaseStatus status_of(const Node& n) {
    std::string s = n.string();
    if (s == "pass") return ast::CaseStatus::pass;
    if (s == "warn") return ast::CaseStatus::warn;
    if (s == "unknown") return ast::CaseStatus::unknown;
    if (s == "manual") return ast::CaseStatus::manual;
    return ast::CaseStatus::fail;
  }

  void head_of(const Node& n, ast::Rule& rule) {
    for (const auto& c : n.children) {
      if (is<g::rule_id>(*c))
        rule.id = word_of(*c);
      else if (is<g::cite_clause>(*c))
        rule.cite = text_of(*c->children.at(0));
      else if (is<g::rule_title>(*c))
        rule.title = text_of(*c);
      else if (is<g::notes_clause>(*c))
        rule.notes = notes_of(c.get());
    }
    rule.in_force = in_force_of(n);
  }

  ast::Clause clause_of(const Node& n) {
    ast::Clause c;
    c.span = span(n);
    if (is<g::expect_clause>(n))
      c.kind = ast::Clause::Kind::expect;
    else if (is<g::when_clause>(n))
      c.kind = ast::Clause::Kind::when;
    else if (is<g::otherwise_clause>(n))
      c.kind = ast::Clause::Kind::otherwise;
    else
      c.kind = ast::Clause::Kind::applies;
    for (const auto& ch : n.children) {
      if (is<g::status_word>(*ch))
        c.status = status_of(*ch);
      else if (is<g::expr>(*ch))
        c.condition = expr_of(*ch);
      else if (is<g::message>(*ch))
        message_of(ch.get(), c.message, c.notes);
    }
    c.in_force = in_force_of(n);
    return c;
  }

  std::vector<ast::Operand> operands_in(const Node& n) {
    std::vector<ast::Operand> out;
    for (const auto& c : n.children) out.push_back(operand_of(*c));
    return out;
  }

  std::vector<ast::Text> words_in(const Node& n) {
    std::vector<ast::Text> out;
    for (const auto& c : n.children)
      out.push_back(is<g::string_lit>(*c) ? text_of(*c) : word_of(*c));
    return out;
  }

  // version_spec = cmp_op bare | bare [ ".." bare ], each a child of `n`.
  std::vector<ast::VersionSpec> version_specs(const Node& n) {
    std::vector<ast::VersionSpec> out;
    for (const auto& c : n.children) {
      if (!is<g::version_spec>(*c)) continue;
      ast::VersionSpec spec;
      spec.span = span(*c);
      std::vector<ast::Operand> values;
      for (const auto& part : c->children) {
        if (is<g::bare>(*part))
          values.push_back(operand_of(*part));
        else if (is<g::op_eq>(*part))
          spec.op = ast::CompareOp::eq;
        else if (is<g::op_ne>(*part))
          spec.op = ast::CompareOp::ne;
        else if (is<g::op_le>(*part))
          spec.op = ast::CompareOp::le;
        else if (is<g::op_ge>(*part))
          spec.op = ast::CompareOp::ge;
        else if (is<g::op_lt>(*part))
          spec.op = ast::CompareOp::lt;
        else if (is<g::op_gt>(*part))
          spec.op = ast::CompareOp::gt;
      }
      if (values.empty()) continue;  // not reached: the grammar requires a value
      spec.value = std::move(values[0]);
      if (values.size() > 1) spec.to = std::move(values[1]);
      out.push_back(std::move(spec));
    }
    return out;
  }

  ast::MatrixRow row_of(const Node& n) {
    ast::MatrixRow row;
    row.span = span(n);
    Once clauses;
    for (const auto& c : n.children) {
      once(clauses, *c);
      if (is<g::row_label>(*c)) {
        row.label = text_of(*c);
        clauses.owner = "row `" + row.label.value + "`";
      } else if (is<g::rule_title>(*c)) {
        row.title = text_of(*c);
      } else if (is<g::notes_clause>(*c)) {
        row.notes = notes_of(c.get());
      } else if (is<g::os_clause>(*c)) {
        ast::OsClause os;
        os.span = span(*c);
        for (const auto& o : c->children) {
          if (is<g::os_family>(*o))
            os.family = word_of(*o);
          else if (is<g::os_versions>(*o))
            os.versions = version_specs(*o);
          else if (is<g::os_release>(*o))
            os.releases = version_specs(*o);
          else if (is<g::os_service_pack>(*o))
            os.min_service_pack = operand_of(*find<g::bare>(*o));
          else if (is<g::os_except>(*o))
            os.except_editions = words_in(*o);
        }
        row.os = std::move(os);
      } else if (is<g::browsers_clause>(*c)) {
        row.has_browsers = true;
        for (const auto& b : c->children) {
          ast::BrowserItem item;
          item.span = span(*b);
          item.id = word_of(*b->children.at(0));
          if (b->children.size() > 1) item.from = item.to = operand_of(*b->children[1]);
          if (b->children.size() > 2) item.to = operand_of(*b->children[2]);
          row.browsers.push_back(std::move(item));
        }
      } else if (is<g::disk_clause>(*c)) {
        row.min_disk = operand_of(*find<g::number_lit>(*c));
      } else if (is<g::row_when>(*c)) {
        row.when = expr_of(*c->children.at(0));
      } else if (is<g::row_warn>(*c)) {
        std::optional<ast::Text> text;
        message_of(c->children.at(0).get(), text, row.warn_notes);
        row.warn = text ? *text : ast::Text{"", span(*c), {}};
      }
    }
    row.in_force = in_force_of(n);
    return row;
  }

  std::unique_ptr<ast::Rule> rule_of(const Node& n) {
    auto rule = std::make_unique<ast::Rule>();
    rule->span = span(n);
    head_of(n, *rule);
    if (const Node* r = find<g::rationale_text>(n)) rule->rationale = text_of(*r);
    if (is<g::check_rule>(n) || is<g::manual_rule>(n)) {
      rule->kind = is<g::check_rule>(n) ? ast::Rule::Kind::check : ast::Rule::Kind::manual;
      Once clauses{std::string(ast::kind_name(rule->kind)) + " `" + rule->id.value + "`", {}};
      for (const auto& c : n.children) {
        once(clauses, *c);  // lowering keeps the last `otherwise`
        if (is<g::expect_clause>(*c) || is<g::when_clause>(*c) || is<g::otherwise_clause>(*c) ||
            is<g::applies_clause>(*c))
          rule->clauses.push_back(clause_of(*c));
      }
    } else if (is<g::matrix_rule>(n)) {
      rule->kind = ast::Rule::Kind::matrix;
      for (const auto& c : n.children) {
        if (is<g::row>(*c)) rule->rows.push_back(row_of(*c));
        if (is<g::matrix_otherwise>(*c)) {
          ast::Clause otherwise = clause_of(*c);
          otherwise.kind = ast::Clause::Kind::otherwise;
          otherwise.status = ast::CaseStatus::warn;
          rule->clauses.push_back(std::move(otherwise));
        }
      }
    } else if (is<g::resolve_rule>(n)) {
      rule->kind = ast::Rule::Kind::resolve;
      Once clauses{"resolve `" + rule->id.value + "`", {}};
      for (const auto& c : n.children) {
        once(clauses, *c);
        if (is<g::resolve_name>(*c)) {
          const Node& h = *c->children.at(0);
          rule->name = is<g::string_lit>(h) ? text_of(h) : word_of(h);
        } else if (is<g::resolve_address>(*c)) {
          auto more = operands_in(*c);
          rule->addresses.insert(rule->addresses.end(), more.begin(), more.end());
        } else if (is<g::resolve_direct>(*c)) {
          rule->direct = true;
        }
      }
    } else if (is<g::flow_rule>(n)) {
      rule->kind = ast::Rule::Kind::flow;
      Once clauses{"flow `" + rule->id.value + "`", {}};
      for (const auto& c : n.children) {
        once(clauses, *c);
        if (is<g::flow_protocols>(*c))
          rule->protocols = words_in(*c);
        else if (is<g::flow_direction>(*c))
          rule->direction = word_of(*c->children.at(0));
        else if (is<g::flow_from>(*c)) {
          if (const Node* b = find<g::bare>(*c)) rule->from_port = operand_of(*b);
        } else if (is<g::flow_to>(*c)) {
          const Node& h = *c->children.at(0);
          rule->to = is<g::string_lit>(h) ? text_of(h) : word_of(h);
        } else if (is<g::flow_port>(*c)) {
          auto more = operands_in(*c);
          rule->ports.insert(rule->ports.end(), more.begin(), more.end());
        } else if (is<g::flow_address>(*c)) {
          auto more = operands_in(*c);
          rule->addresses.insert(rule->addresses.end(), more.begin(), more.end());
        } else if (is<g::flow_purpose>(*c)) {
          rule->purpose = text_of(*c->children.at(0));
        }
      }
    } else if (is<g::forbid_rule>(n)) {
      rule->kind = ast::Rule::Kind::forbid;
      for (const auto& c : n.children) {
        if (is<g::applies_clause>(*c)) rule->clauses.push_back(clause_of(*c));
        if (!is<g::list_item>(*c) && !is<g::when_item>(*c)) continue;
        ast::ForbidItem item;
        item.span = span(*c);
        item.kind = is<g::when_item>(*c) ? "when" : find<g::item_kind>(*c)->string();
        if (const Node* l = find<g::item_label>(*c)) item.label = text_of(*l);
        item.in_force = in_force_of(*c);
        item.predicate = expr_of(*find<g::expr>(*c));
        rule->items.push_back(std::move(item));
      }
    } else if (is<g::line_rule>(n)) {
      rule->kind = ast::Rule::Kind::line;
      for (const auto& c : n.children) {
        if (!is<g::line_class>(*c)) continue;
        ast::LineClass lc;
        lc.span = span(*c);
        for (const auto& x : c->children) {
          if (is<g::line_status>(*x))
            lc.status = x->string();
          else if (is<g::word>(*x) || is<g::string_lit>(*x))
            lc.lines.push_back(is<g::word>(*x) ? word_of(*x) : text_of(*x));
          else if (is<g::message>(*x))
            message_of(x.get(), lc.message, lc.notes);
          else if (is<g::line_unless>(*x)) {
            for (const auto& u : x->children) {
              if (is<g::expr>(*u))
                lc.unless = expr_of(*u);
              else if (is<g::status_word>(*u))
                lc.unless_status = status_of(*u);
              else if (is<g::message>(*u))
                message_of(u.get(), lc.unless_message, lc.unless_notes);
            }
          }
        }
        rule->classes.push_back(std::move(lc));
      }
    }
    return rule;
  }

  void items_of(const Node& n, std::vector<ast::Item>& items) {
    for (const auto& c : n.children) {
      ast::Item item;
      if (is<g::note_decl>(*c)) {
        auto note = std::make_unique<ast::NoteDecl>();
        note->span = span(*c);
        const Node* ref = find<g::note_ref>(*c);
        note->label = {ref->string(), span(*ref)};
        note->text = text_of(*find<g::local_string>(*c));
        item.note = std::move(note);
      } else if (is<g::section>(*c)) {
        auto section = std::make_unique<ast::Section>();
        section->span = span(*c);
        section->cite = text_of(*find<g::section_cite>(*c));
        if (const Node* t = find<g::rule_title>(*c)) section->title = text_of(*t);
        section->informational = find<g::informational>(*c) != nullptr;
        items_of(*c, section->items);
        item.section = std::move(section);
      } else if (is<g::removed_entry>(*c)) {
        auto removed = std::make_unique<ast::Removed>();
        removed->span = span(*c);
        for (const auto& x : c->children) {
          if (is<g::removed_id>(*x))
            removed->id = word_of(*find<g::rule_id>(*x));
          else if (is<g::cite_clause>(*x))
            removed->cite = text_of(*x->children.at(0));
          else if (is<g::rule_title>(*x))
            removed->title = text_of(*x);
          else if (is<g::removed_revision>(*x))
            removed->revision = text_of(*x->children.at(0));
        }
        item.removed = std::move(removed);
      } else if (is<g::clause_decl>(*c)) {
        auto clause = std::make_unique<ast::ClauseDecl>();
        clause->span = span(*c);
        clause->label = text_of(*find<g::clause_label>(*c));
        if (const Node* t = find<g::clause_title>(*c)) clause->title = text_of(*t);
        clause->informational = find<g::informational>(*c) != nullptr;
        item.clause = std::move(clause);
      } else if (is<g::unknown_item>(*c)) {
        const Node* w = find<g::word>(*c);
        diagnostics_.push_back(make_diagnostic(
            codes::E0002, fmt_unknown(w ? w->string() : c->string()), w ? span(*w) : span(*c),
            "a policy holds `section`, `note`, `clause`, `removed` and rules: `check`, `manual`, "
            "`matrix`, "
            "`resolve`, `flow`, `forbid`, `line`"));
        continue;
      } else if (is<g::check_rule>(*c) || is<g::manual_rule>(*c) || is<g::matrix_rule>(*c) ||
                 is<g::resolve_rule>(*c) || is<g::flow_rule>(*c) || is<g::forbid_rule>(*c) ||
                 is<g::line_rule>(*c)) {
        item.rule = rule_of(*c);
      } else {
        continue;  // skipped_item, skipped_removed: its error is already recorded
      }
      items.push_back(std::move(item));
    }
  }

  static std::string fmt_unknown(const std::string& word) {
    return "unknown construct `" + word + "`";
  }

  ast::PolicyFile file_of(const Node& root) {
    ast::PolicyFile file;
    const Node& top = *root.children.at(0);  // policy_header
    file.header.span = span(top);
    Once clauses{"the policy header", {}};
    for (const auto& c : top.children) {
      once(clauses, *c);
      if (is<g::rule_id>(*c))
        file.header.id = word_of(*c);
      else if (is<g::header_title>(*c))
        file.header.title = text_of(*c->children.at(0));
      else if (is<g::header_revision>(*c))
        file.header.revision = text_of(*c->children.at(0));
      else if (is<g::header_effective>(*c))
        file.header.effective = word_of(*c->children.at(0));
      else if (is<g::header_source>(*c))
        file.header.source = text_of(*c->children.at(0));
      else if (is<g::header_language>(*c))
        file.header.language = word_of(*c->children.at(0));
    }
    items_of(root, file.items);
    return file;
  }

 private:
  std::vector<Diagnostic>& diagnostics_;
};

}  // namespace

ast::PolicyFile to_ast(const ParseNode& root, std::vector<Diagnostic>& diagnostics) {
  return Converter(diagnostics).file_of(root);
}

}  // namespace tekigo::dsl
