// dsl/checks: typing of expressions — see typing.hpp. It reports in the order lowering used
// to (depth first, every operand of `and`/`or`, nothing inside a quantifier whose list is
// wrong), so that one mistake gives one diagnostic.
#include "dsl/checks/typing.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "dsl/checks/literals.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::checks {

using engine::FactType;
using engine::join;
using engine::SchemaNode;

namespace {

bool is_scalar(FactType t) {
  return t != FactType::list && t != FactType::map;
}

}  // namespace

engine::CompareOp compare_op(ast::CompareOp op) {
  switch (op) {
    case ast::CompareOp::eq:
      return engine::CompareOp::eq;
    case ast::CompareOp::ne:
      return engine::CompareOp::ne;
    case ast::CompareOp::lt:
      return engine::CompareOp::lt;
    case ast::CompareOp::le:
      return engine::CompareOp::le;
    case ast::CompareOp::gt:
      return engine::CompareOp::gt;
    case ast::CompareOp::ge:
      return engine::CompareOp::ge;
  }
  return engine::CompareOp::eq;
}

namespace {

// `a op b` as `b flipped(op) a`.
engine::CompareOp flipped(engine::CompareOp op) {
  switch (op) {
    case engine::CompareOp::lt:
      return engine::CompareOp::gt;
    case engine::CompareOp::le:
      return engine::CompareOp::ge;
    case engine::CompareOp::gt:
      return engine::CompareOp::lt;
    case engine::CompareOp::ge:
      return engine::CompareOp::le;
    default:
      return op;
  }
}

}  // namespace

FactScope dump_scope() {
  return FactScope{0, &engine::fact_schema(), ""};
}

const std::vector<const char*>& forbid_list(std::string_view kind) {
  static const std::vector<std::pair<std::string_view, std::vector<const char*>>> lists = {
      {"software", {"software"}},
      {"adapter", {"network", "adapters"}},
      {"service", {"services"}},
      {"browser", {"browsers"}},
      {"lsp", {"network", "layered_service_providers"}},
  };
  static const std::vector<const char*> none;
  for (const auto& [name, path] : lists)
    if (name == kind) return path;
  return none;
}

FactScope forbid_item_scope(std::string_view kind) {
  const auto& path = forbid_list(kind);
  if (path.empty()) return dump_scope();
  const SchemaNode* list = &engine::fact_schema();
  engine::FactPath fp;
  for (const char* p : path) {
    list = list->field(p);
    fp.emplace_back(p);
  }
  return FactScope{1, list->element.get(), engine::to_string(fp)};
}

bool names_check_date(const std::vector<std::string>& segments) {
  return segments.size() == 1 && segments[0] == kCheckDateName;
}

const SchemaNode& check_date_type() {
  static const SchemaNode type = [] {
    SchemaNode t;
    t.type = FactType::date;
    t.description = "the check date (check --as-of)";
    return t;
  }();
  return type;
}

void Typing::error(const DiagnosticCode& code, std::string message, Span span, std::string help) {
  diagnostics_.push_back(make_diagnostic(code, std::move(message), span, std::move(help)));
}

std::optional<engine::Literal> Typing::literal(const ast::Operand& o, const SchemaNode& type) {
  return parse_literal(o, type, diagnostics_);
}

const SchemaNode* Typing::fact(const ast::Path& path, const FactScope& scope) {
  if (names_check_date(path.segments)) return &check_date_type();
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
      error(codes::E0201, fmt::format("unknown fact `{}` in {}", segment, where), path.span,
            best.empty() ? known : fmt::format("did you mean `{}`?", best));
      return nullptr;
    }
    walked += (walked.empty() ? "" : ".") + segment;
    node = next;
  }
  return node;
}

std::optional<TypedExpr> Typing::expression(const ast::Expr& e, const FactScope& scope) {
  using K = ast::Expr::Kind;
  TypedExpr typed;
  typed.expr = &e;
  typed.depth = scope.depth;
  switch (e.kind) {
    case K::and_:
    case K::or_: {
      bool ok = true;
      for (const auto& c : e.children) {
        auto child = expression(*c, scope);
        if (child)
          typed.children.push_back(std::move(*child));
        else
          ok = false;
      }
      if (!ok) return std::nullopt;
      return typed;
    }
    case K::not_: {
      auto child = expression(*e.children.at(0), scope);
      if (!child) return std::nullopt;
      typed.children.push_back(std::move(*child));
      return typed;
    }
    case K::any:
    case K::all:
    case K::none: {
      const SchemaNode* list = fact(e.path, scope);
      if (!list) return std::nullopt;
      if (list->type != FactType::list) {
        error(codes::E0205,
              fmt::format("`{}` is not a list, so `{}` cannot go through it", e.path.dotted(),
                          e.kind == K::any   ? "any"
                          : e.kind == K::all ? "all"
                                             : "none"),
              e.path.span, fmt::format("it is {}", engine::type_with_article(list->type)));
        return std::nullopt;
      }
      FactScope inner{scope.depth + 1, list->element.get(), e.path.dotted()};
      auto predicate = expression(*e.children.at(0), inner);
      if (!predicate) return std::nullopt;
      typed.fact = list;
      typed.children.push_back(std::move(*predicate));
      return typed;
    }
    default:
      break;
  }
  // Predicates on one fact.
  const SchemaNode* type = fact(e.path, scope);
  if (!type) return std::nullopt;
  typed.fact = type;
  typed.check_date = type == &check_date_type();
  switch (e.kind) {
    case K::is_present:
    case K::is_absent:
      return typed;
    case K::is_empty:
    case K::is_not_empty:
      if (type->type != FactType::list) {
        error(codes::E0205,
              fmt::format("`{}` is not a list, so it cannot be empty", e.path.dotted()),
              e.path.span);
        return std::nullopt;
      }
      return typed;
    case K::truth:
      if (type->type != FactType::boolean && type->type != FactType::scalar) {
        error(codes::E0206,
              fmt::format("`{}` is {}, not a condition", e.path.dotted(),
                          engine::type_with_article(type->type)),
              e.path.span, "compare it with something, such as `== …`, `~ \"…\"` or `is present`");
        return std::nullopt;
      }
      return typed;
    case K::match:
      if (type->type != FactType::string && type->type != FactType::enumeration &&
          type->type != FactType::scalar) {
        error(codes::E0207,
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
        error(codes::E0208, fmt::format("invalid pattern `{}`: {}", e.pattern.value, what),
              e.pattern.span,
              "patterns are RE2 regular expressions, matched case-insensitively anywhere in the "
              "text");
        return std::nullopt;
      }
      return typed;
    case K::contains: {
      if (type->type != FactType::list || !is_scalar(type->element->type)) {
        error(codes::E0205,
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
      typed.literal = std::move(*lit);
      return typed;
    }
    case K::in:
    case K::compare: {
      if (!is_scalar(type->type)) {
        error(codes::E0203,
              fmt::format("`{}` is {}; compare its elements with `any {} ( … )`", e.path.dotted(),
                          engine::type_with_article(type->type), e.path.dotted()),
              e.path.span);
        return std::nullopt;
      }
      if (e.kind == K::in && e.rhs.kind != ast::Operand::Kind::list) {
        error(codes::E0203, "`in` needs a list such as `[1909, 2004, 20H2]`", e.rhs.span);
        return std::nullopt;
      }
      if (e.kind == K::compare && e.rhs.kind == ast::Operand::Kind::list) {
        error(codes::E0203, "a list is not allowed here", e.rhs.span,
              "use `in [ … ]` to compare with several values");
        return std::nullopt;
      }
      engine::CompareOp op = engine::CompareOp::in;
      if (e.kind == K::compare) {
        op = compare_op(e.op);
        bool ordered =
            type->type != FactType::boolean && type->type != FactType::enumeration &&
            type->type != FactType::fqdn &&
            !(type->type == FactType::scalar && e.rhs.kind == ast::Operand::Kind::boolean);
        if (!ordered && op != engine::CompareOp::eq && op != engine::CompareOp::ne) {
          error(codes::E0209,
                fmt::format("`{}` is {}, which has no order: use `==` or `!=`", e.path.dotted(),
                            engine::type_with_article(type->type)),
                e.span,
                type->type == FactType::enumeration
                    ? fmt::format("compare with one value or a list: `{} in [{}]`", e.path.dotted(),
                                  join(type->values, ", "))
                    : "");
          return std::nullopt;
        }
      }
      if (e.kind == K::compare && e.rhs.kind == ast::Operand::Kind::path) {
        if (names_check_date(e.rhs.segments)) {
          // `collected.at < today`: the right-hand side is known only when checking.
          if (type->type != FactType::timestamp && type->type != FactType::date) {
            error(codes::E0203,
                  fmt::format("cannot compare {} with `{}`, the check date",
                              engine::type_with_article(type->type), kCheckDateName),
                  e.rhs.span, "`today` compares with dates and timestamps, such as `collected.at`");
            return std::nullopt;
          }
          typed.op = op;
          typed.against_check_date = true;
          typed.literal.type = type->type;
          typed.literal.text = e.rhs.text;
          return typed;
        }
        if (typed.check_date) {
          error(codes::E0203,
                fmt::format("`{}` compares with a date, not with `{}`", kCheckDateName, e.rhs.text),
                e.rhs.span,
                fmt::format("to compare a fact with the check date, write the fact first: "
                            "`{} {} {}`",
                            e.rhs.text, engine::op_text(flipped(op)), kCheckDateName));
          return std::nullopt;
        }
      }
      auto lit = literal(e.rhs, *type);
      if (!lit) return std::nullopt;
      typed.op = op;
      typed.literal = std::move(*lit);
      return typed;
    }
    default:
      break;
  }
  return std::nullopt;
}

std::optional<TypedExpr> typed_again(const ast::Expr& e, const FactScope& scope) {
  std::vector<Diagnostic> ignored;  // the pass `typing` has reported them
  return Typing(ignored).expression(e, scope);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

}  // namespace tekigo::dsl::checks
