// dsl: the compiler — runs the pipeline (parse, checks, type-and-lower, lint) and lowers
// each rule kind into engine decision lists over hash-consed graph nodes.
#include "dsl/compiler.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "dsl/checks/passes.hpp"
#include "dsl/grammar/parser.hpp"
#include "engine/common/text.hpp"
#include "engine/fact_schema.hpp"
#include "engine/text_file.hpp"

namespace tekigo::dsl {

namespace {

using engine::FactType;
using engine::NodeId;
using engine::SchemaNode;

using engine::ascii_lower;
using engine::join;

// Where an expression is: at the dump root (depth 0) or inside quantifiers, reading the
// element of the innermost one.
struct Scope {
  std::uint32_t depth = 0;
  const SchemaNode* schema = nullptr;
  std::string element_of;  // name of the list the element comes from, for messages
};

class Lowering {
 public:
  Lowering(const SourceFile& source, std::vector<Diagnostic>& diagnostics)
      : source_(source), diagnostics_(diagnostics) {}

  engine::GraphBuilder builder;

  // ---- diagnostics ------------------------------------------------------------------

  void error(std::string code, std::string message, Span span, std::string help = {}) {
    Diagnostic d;
    d.code = std::move(code);
    d.message = std::move(message);
    d.span = span;
    d.help = std::move(help);
    diagnostics_.push_back(std::move(d));
  }
  void warning(std::string code, std::string message, Span span, std::string help = {}) {
    error(std::move(code), std::move(message), span, std::move(help));
    diagnostics_.back().severity = Severity::warning;
  }
  // A related place for the diagnostic just reported (`= note: … (file:line:col)`).
  void note(Span span, std::string text) {
    diagnostics_.back().notes.emplace_back(span, std::move(text));
  }
  std::string text(Span span) const {
    std::string s(source_.slice(span));
    std::replace(s.begin(), s.end(), '\n', ' ');
    return s;
  }
  engine::SourceRef ref(Span span) const { return source_.ref(span); }

  // ---- facts -------------------------------------------------------------------------

  // Resolves `path` in `scope`; reports unknown facts with the nearest known name.
  const SchemaNode* resolve(const ast::Path& path, const Scope& scope) {
    const SchemaNode* node = scope.schema;
    std::string walked;
    for (const auto& segment : path.segments) {
      const SchemaNode* next = node ? node->field(segment) : nullptr;
      if (!next) {
        std::string best;
        std::size_t best_distance = 3;
        if (node)
          for (const auto& [name, _] : node->fields) {
            std::size_t d = edit_distance(name, segment);
            if (d < best_distance) best_distance = d, best = name;
          }
        std::string where =
            walked.empty() ? (scope.depth ? "an element of `" + scope.element_of + "`" : "a dump")
                           : "`" + walked + "`";
        std::string known;
        if (node && !node->fields.empty()) {
          std::vector<std::string> names;
          for (const auto& [name, _] : node->fields) names.push_back("`" + name + "`");
          known = "known here: " + join(names, ", ");
        }
        error("E0201", fmt::format("unknown fact `{}` in {}", segment, where), path.span,
              best.empty() ? known : fmt::format("did you mean `{}`?", best));
        return nullptr;
      }
      walked += (walked.empty() ? "" : ".") + segment;
      node = next;
    }
    return node;
  }

  // ---- literals ----------------------------------------------------------------------

  std::optional<engine::Scalar> scalar(const ast::Operand& o, const SchemaNode& type) {
    using K = ast::Operand::Kind;
    auto bad = [&](std::string_view what, std::string help) -> std::optional<engine::Scalar> {
      error("E0202", fmt::format("malformed {} `{}`", what, o.text), o.span, std::move(help));
      return std::nullopt;
    };
    if (o.kind == K::list) {
      error("E0203", "a list is not allowed here", o.span,
            "use `in [ … ]` to compare with several values");
      return std::nullopt;
    }
    switch (type.type) {
      case FactType::string:
        if (o.kind == K::boolean) break;
        return engine::Scalar{o.text};
      case FactType::enumeration: {
        if (o.kind == K::boolean || o.kind == K::number) break;
        std::string value = ascii_lower(o.text);
        if (std::find(type.values.begin(), type.values.end(), value) == type.values.end()) {
          error("E0204", fmt::format("`{}` is not one of the values of this fact", o.text), o.span,
                fmt::format("expected one of: {}", join(type.values, ", ")));
          return std::nullopt;
        }
        return engine::Scalar{value};
      }
      case FactType::integer:
      case FactType::port: {
        if (o.kind != K::number) break;
        std::int64_t v = 0;
        auto [p, ec] = std::from_chars(o.text.data(), o.text.data() + o.text.size(), v);
        if (ec != std::errc() || p != o.text.data() + o.text.size() ||
            (type.type == FactType::port && (v < 1 || v > 65535)))
          return bad(type.type == FactType::port ? "port" : "integer",
                     type.type == FactType::port ? "ports are 1–65535" : "write a whole number");
        return engine::Scalar{v};
      }
      case FactType::boolean:
        if (o.kind != K::boolean) break;
        return engine::Scalar{o.text == "true"};
      case FactType::version: {
        if (o.kind == K::boolean || o.kind == K::path) break;
        if (auto v = engine::Version::parse_dotted_strict(o.text)) return engine::Scalar{*v};
        return bad("version",
                   "versions are numbers separated by dots, such as 4.9.05042, 10.13 or 6.x");
      }
      case FactType::release: {
        if (o.kind == K::boolean || o.kind == K::path) break;
        if (auto v = engine::Version::parse(o.text, engine::VersionScheme::windows_release))
          return engine::Scalar{*v};
        return bad("Windows release id", "release ids are YYMM (1909, 2004) or YYH1/YYH2 (20H2)");
      }
      case FactType::size: {
        if (o.kind != K::number && o.kind != K::string) break;
        if (auto s = engine::ByteSize::parse(o.text)) return engine::Scalar{*s};
        return bad("size",
                   "sizes are a number and a unit: 100MB (10^6 bytes), 50 MiB (2^20 bytes)");
      }
      case FactType::address: {
        if (o.kind == K::boolean || o.kind == K::path) break;
        if (auto a = engine::IpAddress::parse(o.text)) return engine::Scalar{*a};
        return bad("address", "write an IPv4 or IPv6 address, such as 219.97.232.64");
      }
      case FactType::fqdn: {
        if (o.kind == K::boolean) break;
        if (auto h = engine::Fqdn::parse(o.text)) return engine::Scalar{*h};
        return bad("host name",
                   "write a host name, such as sec.ccr.ncc.go.jp (a trailing dot is allowed)");
      }
      case FactType::timestamp: {
        if (o.kind != K::number && o.kind != K::string) break;
        if (auto d = engine::Date::parse(o.text)) return engine::Scalar{*d};
        return bad("date", "write dates as YYYY-MM-DD");
      }
      case FactType::scalar:
        if (o.kind == K::boolean) return engine::Scalar{o.text == "true"};
        if (o.kind == K::number) {
          std::int64_t v = 0;
          auto [p, ec] = std::from_chars(o.text.data(), o.text.data() + o.text.size(), v);
          if (ec == std::errc() && p == o.text.data() + o.text.size()) return engine::Scalar{v};
        }
        return engine::Scalar{o.text};
      case FactType::list:
      case FactType::map:
        break;
    }
    error("E0203",
          fmt::format("cannot compare {} with `{}`", engine::type_with_article(type.type), o.text),
          o.span,
          type.type == FactType::boolean ? "compare with `true` or `false`"
          : type.type == FactType::enumeration
              ? fmt::format("expected one of: {}", join(type.values, ", "))
              : "");
    return std::nullopt;
  }

  std::optional<engine::Literal> literal(const ast::Operand& o, const SchemaNode& type) {
    engine::Literal lit;
    lit.type = type.type;
    lit.text = o.text;
    if (o.kind == ast::Operand::Kind::list) {
      bool ok = true;
      for (const auto& item : o.items) {
        auto v = scalar(item, type);
        if (v)
          lit.values.push_back(std::move(*v));
        else
          ok = false;
      }
      if (!ok) return std::nullopt;
      return lit;
    }
    auto v = scalar(o, type);
    if (!v) return std::nullopt;
    lit.values.push_back(std::move(*v));
    return lit;
  }

  // ---- expressions -------------------------------------------------------------------

  NodeId fact(const ast::Path& path, const SchemaNode& type, const Scope& scope) {
    return builder.fact(scope.depth, path.segments, type.type, ref(path.span));
  }

  static bool is_scalar(FactType t) { return t != FactType::list && t != FactType::map; }

  std::optional<NodeId> lower(const ast::Expr& e, const Scope& scope) {
    using K = ast::Expr::Kind;
    std::string src = text(e.span);
    switch (e.kind) {
      case K::and_:
      case K::or_: {
        std::vector<NodeId> inputs;
        bool ok = true;
        for (const auto& c : e.children) {
          auto id = lower(*c, scope);
          if (id)
            inputs.push_back(*id);
          else
            ok = false;
        }
        if (!ok) return std::nullopt;
        return e.kind == K::and_ ? builder.all_of(std::move(inputs), src, ref(e.span))
                                 : builder.any_of(std::move(inputs), src, ref(e.span));
      }
      case K::not_: {
        auto id = lower(*e.children.at(0), scope);
        if (!id) return std::nullopt;
        return builder.negate(*id, src, ref(e.span));
      }
      case K::any:
      case K::all:
      case K::none: {
        const SchemaNode* list = resolve(e.path, scope);
        if (!list) return std::nullopt;
        if (list->type != FactType::list) {
          error("E0205",
                fmt::format("`{}` is not a list, so `{}` cannot go through it", e.path.dotted(),
                            e.kind == K::any   ? "any"
                            : e.kind == K::all ? "all"
                                               : "none"),
                e.path.span, fmt::format("it is {}", engine::type_with_article(list->type)));
          return std::nullopt;
        }
        Scope inner{scope.depth + 1, list->element.get(), e.path.dotted()};
        auto predicate = lower(*e.children.at(0), inner);
        if (!predicate) return std::nullopt;
        NodeId list_node = fact(e.path, *list, scope);
        if (e.kind == K::all) return builder.forall(list_node, *predicate, src, ref(e.span));
        NodeId any =
            builder.exists(list_node, *predicate,
                           e.kind == K::none ? text(e.children[0]->span) : src, ref(e.span));
        return e.kind == K::none ? builder.negate(any, src, ref(e.span)) : any;
      }
      default:
        break;
    }
    // Predicates on one fact.
    const SchemaNode* type = resolve(e.path, scope);
    if (!type) return std::nullopt;
    NodeId f = fact(e.path, *type, scope);
    switch (e.kind) {
      case K::is_present:
        return builder.present(f, src, ref(e.span));
      case K::is_absent:
        return builder.negate(builder.present(f, src), src, ref(e.span));
      case K::is_empty:
      case K::is_not_empty: {
        if (type->type != FactType::list) {
          error("E0205", fmt::format("`{}` is not a list, so it cannot be empty", e.path.dotted()),
                e.path.span);
          return std::nullopt;
        }
        NodeId empty = builder.empty(f, src, ref(e.span));
        return e.kind == K::is_empty ? empty : builder.negate(empty, src, ref(e.span));
      }
      case K::truth:
        if (type->type != FactType::boolean && type->type != FactType::scalar) {
          error("E0206",
                fmt::format("`{}` is {}, not a condition", e.path.dotted(),
                            engine::type_with_article(type->type)),
                e.path.span,
                "compare it with something, such as `== …`, `~ \"…\"` or `is present`");
          return std::nullopt;
        }
        return builder.truthy(f, src, ref(e.span));
      case K::match:
        if (type->type != FactType::string && type->type != FactType::enumeration &&
            type->type != FactType::scalar) {
          error("E0207",
                fmt::format("`~` matches text, but `{}` is {}", e.path.dotted(),
                            engine::type_with_article(type->type)),
                e.span);
          return std::nullopt;
        }
        if (auto why = engine::GraphBuilder::pattern_error(e.pattern.value)) {
          // RE2 says "missing ): (unclosed" — what is wrong, then the part of the pattern.
          std::string what = *why, part;
          if (auto colon = what.find(": "); colon != std::string::npos) {
            part = what.substr(colon + 2);
            what.resize(colon);
          }
          if (!part.empty() && part != e.pattern.value) what += fmt::format(" at `{}`", part);
          error("E0208", fmt::format("invalid pattern `{}`: {}", e.pattern.value, what),
                e.pattern.span,
                "patterns are RE2 regular expressions, matched case-insensitively anywhere in the "
                "text");
          return std::nullopt;
        }
        return builder.match(f, e.pattern.value, src, ref(e.span));
      case K::contains: {
        if (type->type != FactType::list || !is_scalar(type->element->type)) {
          error("E0205",
                type->type == FactType::list
                    ? fmt::format("`contains` needs a list of plain values, but each element of "
                                  "`{}` has fields",
                                  e.path.dotted())
                    : fmt::format("`contains` needs a list of plain values, but `{}` is {}",
                                  e.path.dotted(), engine::type_with_article(type->type)),
                e.path.span,
                type->type == FactType::list
                    ? fmt::format("test the elements with `any {} ( … )`", e.path.dotted())
                    : std::string());
          return std::nullopt;
        }
        auto lit = literal(e.rhs, *type->element);
        if (!lit) return std::nullopt;
        NodeId element = builder.fact(scope.depth + 1, {}, type->element->type, ref(e.path.span));
        NodeId eq =
            builder.compare(element, engine::CompareOp::eq, std::move(*lit), src, ref(e.span));
        return builder.exists(f, eq, src, ref(e.span));
      }
      case K::in:
      case K::compare: {
        if (!is_scalar(type->type)) {
          error("E0203",
                fmt::format("`{}` is {}; compare its elements with `any {} ( … )`", e.path.dotted(),
                            engine::type_with_article(type->type), e.path.dotted()),
                e.path.span);
          return std::nullopt;
        }
        if (e.kind == K::in && e.rhs.kind != ast::Operand::Kind::list) {
          error("E0203", "`in` needs a list such as `[1909, 2004, 20H2]`", e.rhs.span);
          return std::nullopt;
        }
        if (e.kind == K::compare && e.rhs.kind == ast::Operand::Kind::list) {
          error("E0203", "a list is not allowed here", e.rhs.span,
                "use `in [ … ]` to compare with several values");
          return std::nullopt;
        }
        engine::CompareOp op = engine::CompareOp::in;
        if (e.kind == K::compare) {
          switch (e.op) {
            case ast::CompareOp::eq:
              op = engine::CompareOp::eq;
              break;
            case ast::CompareOp::ne:
              op = engine::CompareOp::ne;
              break;
            case ast::CompareOp::lt:
              op = engine::CompareOp::lt;
              break;
            case ast::CompareOp::le:
              op = engine::CompareOp::le;
              break;
            case ast::CompareOp::gt:
              op = engine::CompareOp::gt;
              break;
            case ast::CompareOp::ge:
              op = engine::CompareOp::ge;
              break;
          }
          bool ordered =
              type->type != FactType::boolean && type->type != FactType::enumeration &&
              type->type != FactType::fqdn &&
              !(type->type == FactType::scalar && e.rhs.kind == ast::Operand::Kind::boolean);
          if (!ordered && op != engine::CompareOp::eq && op != engine::CompareOp::ne) {
            error("E0209",
                  fmt::format("`{}` is {}, which has no order: use `==` or `!=`", e.path.dotted(),
                              engine::type_with_article(type->type)),
                  e.span,
                  type->type == FactType::enumeration
                      ? fmt::format("compare with one value or a list: `{} in [{}]`",
                                    e.path.dotted(), join(type->values, ", "))
                      : "");
            return std::nullopt;
          }
        }
        auto lit = literal(e.rhs, *type);
        if (!lit) return std::nullopt;
        return builder.compare(f, op, std::move(*lit), src, ref(e.span));
      }
      default:
        break;
    }
    return std::nullopt;
  }

 private:
  const SourceFile& source_;
  std::vector<Diagnostic>& diagnostics_;
};

// ---- rules -------------------------------------------------------------------------

engine::Status status_of(ast::CaseStatus s) {
  switch (s) {
    case ast::CaseStatus::pass:
      return engine::Status::pass;
    case ast::CaseStatus::warn:
      return engine::Status::warn;
    case ast::CaseStatus::fail:
      return engine::Status::fail;
    case ast::CaseStatus::unknown:
      return engine::Status::unknown;
    case ast::CaseStatus::manual:
      return engine::Status::manual;
  }
  return engine::Status::fail;
}

struct NoteScope {
  const NoteScope* parent = nullptr;
  std::map<std::string, std::string> notes;
  std::string cite;
  std::string title;
  std::string resolve(const std::string& label) const {
    for (const NoteScope* s = this; s; s = s->parent)
      if (auto it = s->notes.find(label); it != s->notes.end()) return label + " " + it->second;
    return label;
  }
};

class RuleLowering {
 public:
  RuleLowering(Lowering& lowering, const SourceFile& source) : l_(lowering), source_(source) {}

  engine::CollectionPlan plan;

  void items(const std::vector<ast::Item>& items, const NoteScope* parent) {
    NoteScope scope;
    scope.parent = parent;
    if (parent) {
      scope.cite = parent->cite;
      scope.title = parent->title;
    }
    for (const auto& item : items)
      if (item.note) scope.notes[item.note->label.label] = item.note->text.value;
    for (const auto& item : items) {
      if (item.section) {
        NoteScope inner;
        inner.parent = &scope;
        inner.cite = item.section->cite.value;
        inner.title = item.section->title ? item.section->title->value : std::string();
        for (const auto& sub : item.section->items)
          if (sub.note) inner.notes[sub.note->label.label] = sub.note->text.value;
        items_in(item.section->items, inner);
      }
      if (item.rule) rule(*item.rule, scope);
    }
  }

 private:
  void items_in(const std::vector<ast::Item>& items, const NoteScope& scope) {
    for (const auto& item : items) {
      if (item.section) {
        NoteScope inner;
        inner.parent = &scope;
        inner.cite = item.section->cite.value;
        inner.title = item.section->title ? item.section->title->value : scope.title;
        for (const auto& sub : item.section->items)
          if (sub.note) inner.notes[sub.note->label.label] = sub.note->text.value;
        items_in(item.section->items, inner);
      }
      if (item.rule) rule(*item.rule, scope);
    }
  }

  std::vector<std::string> notes(const std::vector<ast::NoteRef>& refs, const NoteScope& scope) {
    std::vector<std::string> out;
    for (const auto& r : refs) out.push_back(scope.resolve(r.label));
    return out;
  }

  const SchemaNode& field(std::initializer_list<const char*> path) {
    const SchemaNode* n = &engine::fact_schema();
    for (const char* p : path) n = n->field(p);
    return *n;
  }

  NodeId root_fact(std::initializer_list<const char*> path, Span span) {
    const SchemaNode& f = field(path);
    engine::FactPath fp;
    for (const char* p : path) fp.emplace_back(p);
    return l_.builder.fact(0, std::move(fp), f.type, l_.ref(span));
  }

  NodeId element_fact(std::uint32_t depth, const SchemaNode& element, const char* name, Span span) {
    return l_.builder.fact(depth, {name}, element.field(name)->type, l_.ref(span));
  }

  engine::Literal lit(FactType type, engine::Scalar value, std::string text) {
    engine::Literal literal;
    literal.type = type;
    literal.values.push_back(std::move(value));
    literal.text = std::move(text);
    return literal;
  }

  NodeId compare(NodeId fact, engine::CompareOp op, engine::Literal literal, Span span) {
    std::string text =
        fmt::format("{} {} {}", l_.builder.node(fact).text, engine::op_text(op), literal.text);
    return l_.builder.compare(fact, op, std::move(literal), text, l_.ref(span));
  }

  void rule(const ast::Rule& r, const NoteScope& scope) {
    engine::Rule out;
    out.id = r.id.value;
    out.kind = std::string(ast::kind_name(r.kind));
    if (r.cite && !r.cite->value.empty() && r.cite->value.front() == '#' && !scope.cite.empty())
      out.cite = scope.cite + " " + r.cite->value;
    else
      out.cite = r.cite ? r.cite->value : scope.cite;
    out.title = r.title ? r.title->value : std::string();
    out.section = scope.title;
    out.notes = notes(r.notes, scope);
    out.where = l_.ref(r.id.span);
    out.otherwise.status = engine::Status::pass;
    out.otherwise.message = out.title;
    out.otherwise.where = l_.ref(r.span);
    bool ok = true;
    switch (r.kind) {
      case ast::Rule::Kind::check:
      case ast::Rule::Kind::manual:
        ok = check(r, scope, out);
        break;
      case ast::Rule::Kind::matrix:
        ok = matrix(r, scope, out);
        break;
      case ast::Rule::Kind::resolve:
        ok = resolve(r, out);
        break;
      case ast::Rule::Kind::flow:
        ok = flow(r, out);
        break;
      case ast::Rule::Kind::forbid:
        ok = forbid(r, out);
        break;
      case ast::Rule::Kind::line:
        ok = line(r, scope, out);
        break;
    }
    if (ok) l_.builder.add_rule(std::move(out));
  }

  bool check(const ast::Rule& r, const NoteScope& scope, engine::Rule& out) {
    Scope root{0, &engine::fact_schema(), ""};
    bool ok = true;
    bool has_condition = false;
    out.manual_when_absent = r.kind == ast::Rule::Kind::manual;
    out.manual_message =
        fmt::format("{} — to be checked by a person (no attested fact given)", out.title);
    std::vector<NodeId> applies;
    for (const auto& c : r.clauses) {
      std::optional<NodeId> cond;
      if (c.condition) {
        cond = l_.lower(*c.condition, root);
        if (!cond) {
          ok = false;
          continue;
        }
      }
      engine::Case k;
      k.where = l_.ref(c.span);
      k.notes = notes(c.notes, scope);
      if (c.message) k.message = c.message->value;
      switch (c.kind) {
        case ast::Clause::Kind::applies:
          applies.push_back(*cond);
          continue;
        case ast::Clause::Kind::expect:
          has_condition = true;
          k.when = l_.builder.negate(*cond, "not (" + l_.text(c.condition->span) + ")",
                                     l_.ref(c.condition->span));
          k.explain = *cond;  // evidence shows what was expected, not its negation
          k.status = engine::Status::fail;
          k.expected = l_.text(c.condition->span);
          if (!c.message) k.message = fmt::format("not met: {}", l_.text(c.condition->span));
          out.cases.push_back(std::move(k));
          break;
        case ast::Clause::Kind::when:
          has_condition = true;
          k.when = *cond;
          k.status = status_of(c.status);
          out.cases.push_back(std::move(k));
          break;
        case ast::Clause::Kind::otherwise:
          k.when = engine::kNoNode;
          k.status = status_of(c.status);
          if (!c.message) k.message = out.title;
          out.otherwise = std::move(k);
          break;
      }
    }
    if (!applies.empty()) out.applies = l_.builder.all_of(applies, "applies");
    // `pass when X` clauses state what is required: without an explicit `otherwise`, a
    // terminal that meets none of them fails (it does not pass by default).
    bool has_otherwise = std::any_of(r.clauses.begin(), r.clauses.end(), [](const ast::Clause& c) {
      return c.kind == ast::Clause::Kind::otherwise;
    });
    bool has_pass_case = std::any_of(out.cases.begin(), out.cases.end(), [](const engine::Case& c) {
      return c.status == engine::Status::pass;
    });
    if (!has_otherwise && has_pass_case) {
      out.otherwise.status = engine::Status::fail;
      out.otherwise.message = fmt::format("not met: {}", out.title);
    }
    if (ok && has_condition) {
      bool one_status = std::all_of(out.cases.begin(), out.cases.end(), [&](const engine::Case& c) {
        return c.status == out.otherwise.status;
      });
      if (one_status)
        l_.warning("W0402",
                   fmt::format("rule `{}` can only ever be `{}`", r.id.value,
                               engine::status_name(out.otherwise.status)),
                   r.id.span, "its cases and its `otherwise` all give the same status");
    }
    if (ok && !has_condition)
      l_.error("E0301", fmt::format("rule `{}` has no condition", r.id.value), r.id.span,
               "add `expect …` or `fail when …` / `warn when …` clauses");
    return ok && has_condition;
  }

  // A version line operand (7, 8.1, 10.13) → a compare on a version fact.
  std::optional<engine::Literal> version_literal(const ast::Operand& o, FactType type) {
    SchemaNode t;
    t.type = type;
    return l_.literal(o, t);
  }

  bool matrix(const ast::Rule& r, const NoteScope& scope, engine::Rule& out) {
    static const std::vector<std::string> browser_ids = {"ie",     "edge",    "chrome",
                                                         "safari", "firefox", "chromium"};
    bool ok = true;
    struct RowNodes {
      const ast::MatrixRow* row;
      NodeId os, browsers, disk, admits;
      std::optional<NodeId> when;
      std::string need_browsers;
      std::string need_disk;
    };
    std::vector<RowNodes> rows;
    const SchemaNode& browser_schema = *engine::fact_schema().field("browsers")->element;
    if (r.rows.empty()) {
      l_.error("E0302", fmt::format("matrix `{}` has no rows", r.id.value), r.id.span,
               "add `row \"label\" { os …; browsers …; disk >= … }`");
      return false;
    }
    for (const auto& row : r.rows) {
      if (!row.os) {
        l_.error("E0303", fmt::format("row `{}` says no `os`", row.label.value), row.label.span,
                 "each row starts with `os FAMILY [VERSIONS] …`, such as `os windows 10 release "
                 "1909, 2004, 20H2`");
        ok = false;
        continue;
      }
      const ast::OsClause& os = *row.os;
      std::vector<NodeId> os_parts;
      std::string family = ascii_lower(os.family.value);
      const SchemaNode& family_type = field({"os", "family"});
      if (std::find(family_type.values.begin(), family_type.values.end(), family) ==
          family_type.values.end()) {
        l_.error("E0204", fmt::format("unknown OS family `{}`", os.family.value), os.family.span,
                 "expected one of: windows, macos, linux");
        ok = false;
        continue;
      }
      os_parts.push_back(compare(root_fact({"os", "family"}, os.span), engine::CompareOp::eq,
                                 lit(FactType::enumeration, family, family), os.family.span));
      if (!os.versions.empty()) {
        std::vector<NodeId> any;
        for (const auto& v : os.versions) {
          auto literal = version_literal(v, FactType::version);
          if (!literal) {
            ok = false;
            continue;
          }
          any.push_back(compare(root_fact({"os", "version"}, v.span), engine::CompareOp::eq,
                                std::move(*literal), v.span));
        }
        if (!any.empty())
          os_parts.push_back(l_.builder.any_of(any, "os.version in " + versions_text(os.versions)));
      }
      if (!os.releases.empty()) {
        engine::Literal set;
        set.type = FactType::release;
        set.text = "[" + versions_text_plain(os.releases) + "]";
        for (const auto& v : os.releases) {
          auto literal = version_literal(v, FactType::release);
          if (!literal) {
            ok = false;
            continue;
          }
          set.values.push_back(literal->values.front());
        }
        os_parts.push_back(compare(root_fact({"os", "release"}, os.span), engine::CompareOp::in,
                                   std::move(set), os.span));
      }
      if (os.min_service_pack) {
        SchemaNode t;
        t.type = FactType::integer;
        auto literal = l_.literal(*os.min_service_pack, t);
        if (!literal)
          ok = false;
        else
          os_parts.push_back(compare(root_fact({"os", "service_pack"}, os.min_service_pack->span),
                                     engine::CompareOp::ge, std::move(*literal),
                                     os.min_service_pack->span));
      }
      if (!os.except_editions.empty()) {
        engine::Literal set;
        set.type = FactType::string;
        std::vector<std::string> names;
        for (const auto& e : os.except_editions) {
          set.values.push_back(e.value);
          names.push_back(e.value);
        }
        set.text = "[" + join(names, ", ") + "]";
        // An absent edition must not admit the row: `not (edition in …)` is unknown then.
        NodeId excluded = compare(root_fact({"os", "edition"}, os.span), engine::CompareOp::in,
                                  std::move(set), os.span);
        os_parts.push_back(
            l_.builder.negate(excluded, "os.edition not in " + engine_text(excluded)));
      }
      NodeId os_node = l_.builder.all_of(os_parts, l_.text(os.span), l_.ref(os.span));

      // browsers: some installed browser is one of the row's
      std::vector<NodeId> browser_any;
      std::vector<std::string> need;
      for (const auto& b : row.browsers) {
        std::string id = ascii_lower(b.id.value);
        if (std::find(browser_ids.begin(), browser_ids.end(), id) == browser_ids.end()) {
          l_.error("E0204", fmt::format("unknown browser `{}`", b.id.value), b.id.span,
                   "expected one of: ie, edge, chrome, safari, firefox, chromium");
          ok = false;
          continue;
        }
        std::vector<NodeId> parts;
        parts.push_back(compare(element_fact(1, browser_schema, "id", b.span),
                                engine::CompareOp::eq, lit(FactType::enumeration, id, id),
                                b.id.span));
        if (b.from) {
          auto from = version_literal(*b.from, FactType::version);
          auto to = version_literal(*b.to, FactType::version);
          if (!from || !to) {
            ok = false;
            continue;
          }
          NodeId version = element_fact(1, browser_schema, "version", b.span);
          if (b.from->text == b.to->text) {
            parts.push_back(compare(version, engine::CompareOp::eq, std::move(*from), b.span));
          } else {
            parts.push_back(compare(version, engine::CompareOp::ge, std::move(*from), b.span));
            parts.push_back(compare(version, engine::CompareOp::le, std::move(*to), b.span));
          }
        }
        browser_any.push_back(l_.builder.all_of(parts, l_.text(b.span), l_.ref(b.span)));
        need.push_back(l_.text(b.span));
      }
      NodeId browsers_node;
      if (!row.has_browsers) {
        browsers_node = l_.builder.constant(engine::Tri::yes);
      } else {
        NodeId predicate = l_.builder.any_of(browser_any, join(need, ", "));
        browsers_node = l_.builder.exists(root_fact({"browsers"}, row.span), predicate,
                                          join(need, ", "), l_.ref(row.span));
      }
      NodeId disk_node = l_.builder.constant(engine::Tri::yes);
      std::string need_disk;
      if (row.min_disk) {
        auto literal = l_.literal(*row.min_disk, field({"disk", "system_free_bytes"}));
        if (!literal) {
          ok = false;
          continue;
        }
        need_disk = row.min_disk->text;
        disk_node = compare(root_fact({"disk", "system_free_bytes"}, row.min_disk->span),
                            engine::CompareOp::ge, std::move(*literal), row.min_disk->span);
      }
      std::optional<NodeId> when;
      if (row.when) {
        when = l_.lower(*row.when, Scope{0, &engine::fact_schema(), ""});
        if (!when) {
          ok = false;
          continue;
        }
      }
      std::vector<NodeId> all = {os_node, browsers_node, disk_node};
      if (when) all.push_back(*when);
      NodeId admits = l_.builder.all_of(all, "row " + row.label.value, l_.ref(row.span));
      rows.push_back(
          {&row, os_node, browsers_node, disk_node, admits, when, join(need, ", "), need_disk});
    }
    if (!ok) return false;
    auto row_name = [](const ast::MatrixRow& row) {
      return row.title ? fmt::format("row {} ({})", row.label.value, row.title->value)
                       : "row " + row.label.value;
    };
    // Rows that pass first, so a terminal admitted by both a plain and a warned row passes.
    for (const auto& rn : rows) {
      if (rn.row->warn) continue;
      engine::Case k;
      k.when = rn.admits;
      k.status = engine::Status::pass;
      k.message = fmt::format("supported: {}", row_name(*rn.row));
      k.notes = notes(rn.row->notes, scope);
      k.where = l_.ref(rn.row->span);
      out.cases.push_back(std::move(k));
    }
    for (const auto& rn : rows) {
      if (!rn.row->warn) continue;
      engine::Case k;
      k.when = rn.admits;
      k.status = engine::Status::warn;
      k.message = rn.row->warn->value.empty()
                      ? fmt::format("supported with a warning: {}", row_name(*rn.row))
                      : fmt::format("{}: {}", row_name(*rn.row), rn.row->warn->value);
      k.notes = notes(rn.row->warn_notes, scope);
      for (auto& n : notes(rn.row->notes, scope)) k.notes.push_back(n);
      k.where = l_.ref(rn.row->span);
      out.cases.push_back(std::move(k));
    }
    // Why not: the first row whose OS matches explains the failure.
    for (const auto& rn : rows) {
      engine::NodeId no_browser = l_.builder.negate(rn.browsers);
      engine::Case k;
      k.where = l_.ref(rn.row->span);
      k.status = engine::Status::fail;
      k.when = l_.builder.all_of({rn.os, no_browser});
      k.message = fmt::format("the OS matches {}, but none of its browsers is installed (needs {})",
                              row_name(*rn.row), rn.need_browsers);
      out.cases.push_back(k);
      k.when = l_.builder.all_of({rn.os, rn.browsers, l_.builder.negate(rn.disk)});
      k.message = fmt::format("the OS and browser match {}, but free disk space is below {}",
                              row_name(*rn.row), rn.need_disk);
      out.cases.push_back(k);
      if (rn.when) {
        k.when = l_.builder.all_of({rn.os, rn.browsers, rn.disk, l_.builder.negate(*rn.when)});
        k.message = fmt::format("{} does not admit this terminal: {}", row_name(*rn.row),
                                l_.text(rn.row->when->span));
        out.cases.push_back(k);
      }
    }
    // When no row admits the terminal, show what it is rather than every row's test.
    out.otherwise_explain.push_back(root_fact({"os", "family"}, r.span));
    out.otherwise_explain.push_back(root_fact({"os", "version"}, r.span));
    if (std::any_of(rows.begin(), rows.end(),
                    [](const RowNodes& rn) { return !rn.row->os->releases.empty(); }))
      out.otherwise_explain.push_back(root_fact({"os", "release"}, r.span));
    if (std::any_of(rows.begin(), rows.end(),
                    [](const RowNodes& rn) { return !rn.row->os->except_editions.empty(); }))
      out.otherwise_explain.push_back(root_fact({"os", "edition"}, r.span));
    if (std::any_of(rows.begin(), rows.end(),
                    [](const RowNodes& rn) { return rn.row->has_browsers; }))
      out.otherwise_explain.push_back(root_fact({"browsers"}, r.span));
    out.otherwise.status = engine::Status::fail;
    std::vector<std::string> names;
    for (const auto& rn : rows)
      names.push_back(rn.row->title ? rn.row->title->value : rn.row->label.value);
    out.otherwise.message =
        fmt::format("the OS is not in the support matrix ({})", join(names, "; "));
    out.otherwise.expected = join(names, "; ");
    return true;
  }

  std::string engine_text(NodeId id) { return l_.builder.node(id).literal.text; }
  static std::string versions_text_plain(const std::vector<ast::Operand>& v) {
    std::vector<std::string> parts;
    for (const auto& o : v) parts.push_back(o.text);
    return join(parts, ", ");
  }
  static std::string versions_text(const std::vector<ast::Operand>& v) {
    return "[" + versions_text_plain(v) + "]";
  }

  bool resolve(const ast::Rule& r, engine::Rule& out) {
    if (!r.name) {
      l_.error("E0304", fmt::format("resolve `{}` names no host", r.id.value), r.id.span,
               "add `name sec.ccr.ncc.go.jp`");
      return false;
    }
    auto host = engine::Fqdn::parse(r.name->value);
    if (!host) {
      l_.error("E0202", fmt::format("malformed host name `{}`", r.name->value), r.name->span);
      return false;
    }
    const SchemaNode& dns = *engine::fact_schema().field("dns")->element;
    std::vector<engine::IpAddress> addresses;
    bool ok = true;
    engine::Literal documented;
    documented.type = FactType::address;
    std::vector<std::string> texts;
    for (const auto& a : r.addresses) {
      auto literal = l_.literal(a, *dns.field("addresses")->element);
      if (!literal) {
        ok = false;
        continue;
      }
      documented.values.push_back(literal->values.front());
      texts.push_back(a.text);
    }
    if (!ok) return false;
    documented.text = join(texts, ", ");
    std::string documented_set = "[" + documented.text + "]";
    Span at = r.name->span;
    std::string name = host->text();
    want_name(name);
    NodeId list = root_fact({"dns"}, at);
    NodeId is_name = compare(element_fact(1, dns, "name", at), engine::CompareOp::eq,
                             lit(FactType::fqdn, *host, name), at);
    auto about = [&](std::vector<NodeId> extra, std::string text) {
      extra.insert(extra.begin(), is_name);
      NodeId predicate = l_.builder.all_of(extra, text);
      return l_.builder.exists(list, predicate, text, l_.ref(at));
    };
    NodeId source = element_fact(1, dns, "source", at);
    auto source_is = [&](const char* s) {
      return compare(source, engine::CompareOp::eq, lit(FactType::enumeration, std::string(s), s),
                     at);
    };
    engine::Case k;
    k.where = l_.ref(r.span);
    k.when = l_.builder.negate(about({}, "name == " + name), "no entry for " + name);
    k.status = engine::Status::unknown;
    k.message = fmt::format("`{}` was not looked up (the dump has no dns entry for it)", name);
    out.cases.push_back(k);
    NodeId addresses_list = element_fact(1, dns, "addresses", at);
    if (r.direct) {
      k.when = about({source_is("proxy")}, fmt::format("name == {} and source == proxy", name));
      k.status = engine::Status::fail;
      k.message = fmt::format(
          "`{}` resolves only through the proxy; it must resolve directly (DNS or hosts file)",
          name);
      out.cases.push_back(k);
    }
    NodeId none = l_.builder.any_of(
        {source_is("none"), l_.builder.empty(addresses_list, "addresses is empty")},
        "source == none or addresses is empty");
    k.when = about({none}, fmt::format("name == {} and does not resolve", name));
    k.status = engine::Status::fail;
    k.message = fmt::format("`{}` does not resolve on this terminal", name);
    out.cases.push_back(k);
    if (!documented.values.empty()) {
      NodeId element = l_.builder.fact(2, {}, FactType::address, l_.ref(at));
      engine::Literal set = documented;
      set.text = documented_set;
      NodeId matches =
          l_.builder.compare(element, engine::CompareOp::in, set, "address in " + documented_set);
      NodeId has_documented =
          l_.builder.exists(addresses_list, matches, "address in [" + documented.text + "]");
      k.when = about({has_documented}, fmt::format("{} resolves to {}", name, documented.text));
      k.status = engine::Status::pass;
      k.message = fmt::format("`{}` resolves to the documented address {}", name, documented.text);
      out.cases.push_back(k);
      out.otherwise_explain.push_back(
          about({l_.builder.negate(has_documented, "other addresses than " + documented_set)},
                fmt::format("{} resolves to other addresses", name)));
      out.otherwise.status = engine::Status::warn;
      out.otherwise.message = fmt::format(
          "`{}` resolves, but not to the documented address {} (addresses may change: confirm the "
          "new one)",
          name, documented.text);
      out.otherwise.expected = documented.text;
    } else {
      out.otherwise.status = engine::Status::pass;
      out.otherwise.message = fmt::format("`{}` resolves", name);
    }
    return true;
  }

  bool flow(const ast::Rule& r, engine::Rule& out) {
    bool ok = true;
    if (!r.to) {
      l_.error("E0305", fmt::format("flow `{}` has no destination", r.id.value), r.id.span,
               "add `to HOST`");
      return false;
    }
    auto host = engine::Fqdn::parse(r.to->value);
    if (!host) {
      l_.error("E0202", fmt::format("malformed host name `{}`", r.to->value), r.to->span);
      return false;
    }
    if (r.ports.empty()) {
      l_.error("E0305", fmt::format("flow `{}` has no destination port", r.id.value), r.id.span,
               "add `port 443`");
      return false;
    }
    if (r.protocols.empty()) {
      l_.error("E0305", fmt::format("flow `{}` names no protocol", r.id.value), r.id.span,
               "add `protocol tcp` or `protocol tcp, udp`");
      return false;
    }
    if (r.direction && ascii_lower(r.direction->value) != "out") {
      l_.error("E0306",
               fmt::format("direction `{}` cannot be probed from the terminal", r.direction->value),
               r.direction->span, "only `direction out` (from the terminal) is supported");
      ok = false;
    }
    const SchemaNode& reach = *engine::fact_schema().field("reach")->element;
    std::vector<std::pair<std::string, std::int64_t>> probes;
    for (const auto& p : r.protocols) {
      std::string proto = ascii_lower(p.value);
      if (proto != "tcp" && proto != "udp") {
        l_.error("E0204", fmt::format("unknown protocol `{}`", p.value), p.span,
                 "expected tcp or udp");
        ok = false;
        continue;
      }
      for (const auto& port : r.ports) {
        auto literal = l_.literal(port, *reach.field("port"));
        if (!literal) {
          ok = false;
          continue;
        }
        probes.emplace_back(proto, std::get<std::int64_t>(literal->values.front()));
      }
    }
    for (const auto& a : r.addresses)
      if (!engine::IpAddress::parse(a.text)) {
        l_.error("E0202", fmt::format("malformed address `{}`", a.text), a.span);
        ok = false;
      }
    if (!ok) return false;
    Span at = r.to->span;
    std::string name = host->text();
    want_name(name);
    for (const auto& [proto, port] : probes) {
      engine::ProbeTarget target{name, proto, static_cast<std::uint16_t>(port), {}, r.id.value};
      for (const auto& a : r.addresses)
        target.documented_addresses.push_back(engine::IpAddress::parse(a.text)->text());
      if (std::find(plan.probes.begin(), plan.probes.end(), target) == plan.probes.end())
        plan.probes.push_back(target);
    }
    NodeId list = root_fact({"reach"}, at);
    std::vector<engine::Case> blocked, unprobed;
    std::vector<std::string> all;
    for (const auto& [proto, port] : probes) {
      std::string what = fmt::format("{}/{}", proto, port);
      all.push_back(what);
      std::vector<NodeId> match = {
          compare(element_fact(1, reach, "host", at), engine::CompareOp::eq,
                  lit(FactType::fqdn, *host, name), at),
          compare(element_fact(1, reach, "protocol", at), engine::CompareOp::eq,
                  lit(FactType::enumeration, proto, proto), at),
          compare(element_fact(1, reach, "port", at), engine::CompareOp::eq,
                  lit(FactType::port, port, std::to_string(port)), at),
      };
      NodeId state = element_fact(1, reach, "state", at);
      engine::Literal bad;
      bad.type = FactType::enumeration;
      bad.values = {std::string("closed"), std::string("filtered")};
      bad.text = "[closed, filtered]";
      auto with = [&](NodeId extra, std::string text) {
        std::vector<NodeId> parts = match;
        parts.push_back(extra);
        return l_.builder.exists(list, l_.builder.all_of(parts, text), text, l_.ref(at));
      };
      engine::Case k;
      k.where = l_.ref(r.span);
      k.when =
          with(l_.builder.compare(state, engine::CompareOp::in, bad, "state in [closed, filtered]"),
               fmt::format("{} to {} closed or filtered", what, name));
      k.status = engine::Status::fail;
      k.message = fmt::format("{} to {} is blocked", what, name);
      blocked.push_back(k);
      NodeId open = with(compare(state, engine::CompareOp::eq,
                                 lit(FactType::enumeration, std::string("open"), "open"), at),
                         fmt::format("{} to {} open", what, name));
      k.when = l_.builder.negate(open);
      k.explain = open;
      k.status = engine::Status::unknown;
      k.message = fmt::format("{} to {} was not probed, or the probe failed", what, name);
      unprobed.push_back(k);
    }
    for (auto& k : blocked) out.cases.push_back(std::move(k));
    for (auto& k : unprobed) out.cases.push_back(std::move(k));
    out.otherwise.status = engine::Status::pass;
    out.otherwise.message =
        fmt::format("{} to {} pass{}", join(all, ", "), name,
                    r.purpose ? fmt::format(" ({})", r.purpose->value) : std::string());
    return true;
  }

  bool forbid(const ast::Rule& r, engine::Rule& out) {
    static const std::map<std::string, std::vector<const char*>> lists = {
        {"software", {"software"}},
        {"adapter", {"network", "adapters"}},
        {"service", {"services"}},
        {"browser", {"browsers"}},
        {"lsp", {"network", "layered_service_providers"}},
    };
    bool ok = true;
    if (r.items.empty()) {
      l_.error("E0307", fmt::format("forbid `{}` lists nothing", r.id.value), r.id.span,
               "add items such as `software \"iTunes\" { name ~ \"^itunes\" }`");
      return false;
    }
    for (const auto& item : r.items) {
      std::optional<NodeId> cond;
      std::string label = item.label ? item.label->value : l_.text(item.predicate->span);
      if (item.kind == "when") {
        cond = l_.lower(*item.predicate, Scope{0, &engine::fact_schema(), ""});
      } else {
        const auto& path = lists.at(item.kind);
        const SchemaNode* list = &engine::fact_schema();
        engine::FactPath fp;
        for (const char* p : path) {
          list = list->field(p);
          fp.emplace_back(p);
        }
        auto predicate =
            l_.lower(*item.predicate, Scope{1, list->element.get(), engine::to_string(fp)});
        if (predicate) {
          NodeId list_node = l_.builder.fact(0, fp, FactType::list, l_.ref(item.span));
          cond = l_.builder.exists(list_node, *predicate, l_.text(item.predicate->span),
                                   l_.ref(item.span));
        }
      }
      if (!cond) {
        ok = false;
        continue;
      }
      engine::Case k;
      k.when = *cond;
      k.status = engine::Status::fail;
      k.where = l_.ref(item.span);
      k.message = item.kind == "when" ? fmt::format("present: {}", label)
                                      : fmt::format("installed: {}", label);
      k.expected = "not present";
      out.cases.push_back(std::move(k));
    }
    out.report_all_matches = true;
    out.otherwise.status = engine::Status::pass;
    out.otherwise.message = fmt::format("none present: {}", out.title);
    return ok;
  }

  bool line(const ast::Rule& r, const NoteScope& scope, engine::Rule& out) {
    const SchemaNode& line_type = field({"network", "line"});
    bool ok = true;
    std::map<std::string, Span> covered;  // line type → where it was first classified
    std::vector<engine::Case> exceptions, plain;
    for (const auto& lc : r.classes) {
      engine::Literal set;
      set.type = FactType::enumeration;
      std::vector<std::string> names;
      for (const auto& w : lc.lines) {
        std::string v = ascii_lower(w.value);
        if (std::find(line_type.values.begin(), line_type.values.end(), v) ==
            line_type.values.end()) {
          l_.error("E0204", fmt::format("unknown line type `{}`", w.value), w.span,
                   fmt::format("expected one of: {}", join(line_type.values, ", ")));
          ok = false;
          continue;
        }
        if (auto [first, fresh] = covered.emplace(v, w.span); !fresh) {
          l_.error("E0308", fmt::format("line type `{}` is classified twice", w.value), w.span,
                   "each line type belongs to one class: `recommended`, `usable` or `unusable`");
          l_.note(first->second, "first classified here");
        }
        set.values.push_back(v);
        names.push_back(v);
      }
      if (names.empty()) continue;
      set.text = names.size() == 1 ? names[0] : "[" + join(names, ", ") + "]";
      NodeId is = compare(root_fact({"network", "line"}, lc.span),
                          names.size() == 1 ? engine::CompareOp::eq : engine::CompareOp::in,
                          std::move(set), lc.span);
      engine::Status status = lc.status == "recommended" ? engine::Status::pass
                              : lc.status == "usable"    ? engine::Status::warn
                                                         : engine::Status::fail;
      std::string default_message =
          lc.status == "recommended" ? "recommended line: " + join(names, ", ")
          : lc.status == "usable"    ? "usable with a caveat: " + join(names, ", ")
                                     : "not usable: " + join(names, ", ");
      if (lc.unless) {
        auto cond = l_.lower(*lc.unless, Scope{0, &engine::fact_schema(), ""});
        if (!cond) {
          ok = false;
          continue;
        }
        engine::Case k;
        k.when = l_.builder.all_of({is, *cond});
        k.status = status_of(lc.unless_status);
        k.message =
            lc.unless_message ? lc.unless_message->value : default_message + " (exception applies)";
        k.notes = notes(lc.unless_notes, scope);
        k.where = l_.ref(lc.unless->span);
        exceptions.push_back(std::move(k));
      }
      engine::Case k;
      k.when = is;
      k.status = status;
      k.message = lc.message ? lc.message->value : default_message;
      k.notes = notes(lc.notes, scope);
      k.where = l_.ref(lc.span);
      plain.push_back(std::move(k));
    }
    for (auto& k : exceptions) out.cases.push_back(std::move(k));
    for (auto& k : plain) out.cases.push_back(std::move(k));
    std::vector<std::string> missing;
    for (const auto& v : line_type.values)
      if (!covered.count(v)) missing.push_back(v);
    if (ok && !missing.empty())
      l_.warning("W0401", fmt::format("line types not classified: {}", join(missing, ", ")),
                 r.id.span,
                 "a terminal on such a line fails; classify it to say what the document says");
    out.otherwise.status = engine::Status::fail;
    out.otherwise.message = "the line type is not one the document allows";
    return ok;
  }

  void want_name(const std::string& name) {
    if (std::find(plan.names.begin(), plan.names.end(), name) == plan.names.end())
      plan.names.push_back(name);
  }

  Lowering& l_;
  const SourceFile& source_;
};

}  // namespace

CompileResult compile_text(std::string name, std::string text, const CompileOptions& options) {
  CompileResult result;
  if (text.size() > options.max_file_bytes) {
    result.io_error =
        fmt::format("{}: larger than {} bytes; refusing to read it", name, options.max_file_bytes);
    return result;
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0)
    text.erase(0, 3);  // a UTF-8 byte-order mark is not part of the policy
  auto source = std::make_shared<SourceFile>(std::move(name), std::move(text));
  result.source = source;
  ParseOptions parse_options;
  parse_options.max_errors = options.max_errors;
  parse_options.max_depth = options.max_depth;
  ParseResult parsed = parse(*source, parse_options);
  result.diagnostics = std::move(parsed.diagnostics);
  // Checks and lowering run on whatever parsed (broken rules were skipped), so that one
  // run reports every mistake of the file.
  if (!parsed.file.header.id.value.empty()) run_checks(parsed.file, *source, result.diagnostics);
  Lowering lowering(*source, result.diagnostics);
  RuleLowering rules(lowering, *source);
  rules.items(parsed.file.items, nullptr);
  sort_diagnostics(result.diagnostics);
  if (result.diagnostics.size() > options.max_errors) result.diagnostics.resize(options.max_errors);
  if (has_errors(result.diagnostics)) return result;
  CompiledPolicy policy;
  const auto& h = parsed.file.header;
  policy.info.id = h.id.value;
  policy.info.title = h.title ? h.title->value : "";
  policy.info.revision = h.revision ? h.revision->value : "";
  policy.info.effective = h.effective ? h.effective->value : "";
  policy.info.source = h.source ? h.source->value : "";
  policy.info.file = source->name();
  policy.graph = std::move(lowering.builder).build();
  for (const auto& r : policy.graph->rules())
    policy.info.rules.push_back({r.id, r.cite, r.title, r.section, r.kind, r.where});
  policy.plan = std::move(rules.plan);
  for (const auto& node : policy.graph->nodes()) {
    if (node.kind != engine::NodeKind::fact || node.depth != 0) continue;
    std::string path = engine::to_string(node.path);
    if (std::find(policy.plan.fact_paths.begin(), policy.plan.fact_paths.end(), path) ==
        policy.plan.fact_paths.end())
      policy.plan.fact_paths.push_back(path);
  }
  std::sort(policy.plan.fact_paths.begin(), policy.plan.fact_paths.end());
  result.policy = std::move(policy);
  return result;
}

CompileResult compile_file(const std::filesystem::path& file, const CompileOptions& options) {
  std::string error;
  auto text = engine::read_text_file(file, options.max_file_bytes, error);
  if (!text) {
    CompileResult result;
    result.io_error = fmt::format("{}: {}", file.string(), error);
    return result;
  }
  return compile_text(file.string(), std::move(*text), options);
}

}  // namespace tekigo::dsl
