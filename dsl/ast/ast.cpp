// dsl: small helpers on AST nodes.
#include "dsl/ast/ast.hpp"

namespace tekigo::dsl::ast {

std::string Path::dotted() const {
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : ".") + s;
  return out;
}

std::string_view kind_name(Rule::Kind kind) {
  switch (kind) {
    case Rule::Kind::check:
      return "check";
    case Rule::Kind::manual:
      return "manual";
    case Rule::Kind::matrix:
      return "matrix";
    case Rule::Kind::resolve:
      return "resolve";
    case Rule::Kind::flow:
      return "flow";
    case Rule::Kind::forbid:
      return "forbid";
    case Rule::Kind::line:
      return "line";
  }
  return "?";
}

std::string_view op_text(CompareOp op) {
  switch (op) {
    case CompareOp::eq:
      return "==";
    case CompareOp::ne:
      return "!=";
    case CompareOp::lt:
      return "<";
    case CompareOp::le:
      return "<=";
    case CompareOp::gt:
      return ">";
    case CompareOp::ge:
      return ">=";
  }
  return "==";
}

std::string_view status_word(CaseStatus status) {
  switch (status) {
    case CaseStatus::pass:
      return "pass";
    case CaseStatus::warn:
      return "warn";
    case CaseStatus::fail:
      return "fail";
    case CaseStatus::unknown:
      return "unknown";
    case CaseStatus::manual:
      return "manual";
  }
  return "fail";
}

std::string_view expr_word(Expr::Kind kind) {
  using K = Expr::Kind;
  switch (kind) {
    case K::and_:
      return "and";
    case K::or_:
      return "or";
    case K::not_:
      return "not";
    case K::compare:
      return "compare";
    case K::match:
      return "match";
    case K::in:
      return "in";
    case K::contains:
      return "contains";
    case K::is_present:
      return "is-present";
    case K::is_absent:
      return "is-absent";
    case K::is_empty:
      return "is-empty";
    case K::is_not_empty:
      return "is-not-empty";
    case K::truth:
      return "truth";
    case K::any:
      return "any";
    case K::all:
      return "all";
    case K::none:
      return "none";
  }
  return "?";
}

std::string composed_cite(std::string_view section_cite, const std::optional<Text>& own) {
  if (!own) return std::string(section_cite);
  if (!own->value.empty() && !section_cite.empty())
    return std::string(section_cite) + " " + own->value;
  return own->value;
}

}  // namespace tekigo::dsl::ast
