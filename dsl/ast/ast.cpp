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

engine::Lang untagged_lang(const Header& header) {
  if (!header.language) return engine::Lang::en;
  return engine::parse_lang(header.language->value).value_or(engine::Lang::en);
}

engine::LocalText local_text(const Text& text, engine::Lang untagged) {
  engine::LocalText out(text.value, untagged);
  for (const auto& t : text.translations)
    if (auto lang = engine::parse_lang(t.lang); lang && !out.has(*lang))
      (*lang == engine::Lang::ja ? out.ja : out.en) = t.value;
  return out;
}

engine::LocalText local_text(const std::optional<Text>& text, engine::Lang untagged) {
  return text ? local_text(*text, untagged) : engine::LocalText();
}

namespace {

void visit_rule(const Rule& r, const std::function<void(const Text&)>& visit) {
  auto opt = [&](const std::optional<Text>& t) {
    if (t) visit(*t);
  };
  opt(r.title);
  opt(r.rationale);
  for (const auto& c : r.clauses) opt(c.message);
  for (const auto& row : r.rows) {
    visit(row.label);
    opt(row.title);
    opt(row.warn);
  }
  opt(r.purpose);
  for (const auto& item : r.items) opt(item.label);
  for (const auto& c : r.classes) {
    opt(c.message);
    opt(c.unless_message);
  }
}

void visit_items(const std::vector<Item>& items, const std::function<void(const Text&)>& visit) {
  for (const auto& item : items) {
    if (item.rule) visit_rule(*item.rule, visit);
    if (item.note) visit(item.note->text);
    if (item.removed && item.removed->title) visit(*item.removed->title);
    if (item.clause && item.clause->title) visit(*item.clause->title);
    if (item.section) {
      if (item.section->title) visit(*item.section->title);
      visit_items(item.section->items, visit);
    }
  }
}

}  // namespace

void for_each_sentence(const PolicyFile& file, const std::function<void(const Text&)>& visit) {
  if (file.header.title) visit(*file.header.title);
  visit_items(file.items, visit);
}

}  // namespace tekigo::dsl::ast
