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

std::string composed_cite(std::string_view section_cite, const std::optional<Text>& own) {
  if (!own) return std::string(section_cite);
  if (!own->value.empty() && own->value.front() == '#' && !section_cite.empty())
    return std::string(section_cite) + " " + own->value;
  return own->value;
}

}  // namespace tekigo::dsl::ast
