// dsl/lower: what every rule kind's lowering shares — see lowering.hpp.
#include "dsl/lower/lowering.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "dsl/checks/windows.hpp"
#include "dsl/lower/expressions.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::lower {

engine::LocalText NoteScope::resolve(const std::string& label) const {
  for (const NoteScope* s = this; s; s = s->parent)
    if (auto it = s->notes.find(label); it != s->notes.end()) {
      engine::LocalText out;
      if (!it->second.en.empty()) out.en = label + " " + it->second.en;
      if (!it->second.ja.empty()) out.ja = label + " " + it->second.ja;
      return out;
    }
  return engine::LocalText(label);
}

Lowering::Lowering(const SourceFile& source, std::vector<Diagnostic>& diagnostics)
    : typing(diagnostics), source_(source), diagnostics_(diagnostics) {}

void Lowering::error(const DiagnosticCode& code, std::string message, Span span, std::string help) {
  diagnostics_.push_back(make_diagnostic(code, std::move(message), span, std::move(help)));
}

void Lowering::note(Span span, std::string text) {
  diagnostics_.back().notes.emplace_back(span, std::move(text));
}

std::string Lowering::text(Span span) const {
  std::string s(source_.slice(span));
  std::replace(s.begin(), s.end(), '\n', ' ');
  return s;
}

std::optional<engine::NodeId> Lowering::condition(const ast::Expr& e,
                                                  const checks::FactScope& scope) {
  auto typed = typing.expression(e, scope);
  if (!typed) return std::nullopt;
  return lower_expression(*typed, *this);
}

const engine::SchemaNode& Lowering::field(std::initializer_list<const char*> path) const {
  const engine::SchemaNode* n = &engine::fact_schema();
  for (const char* p : path) n = n->field(p);
  return *n;
}

engine::NodeId Lowering::root_fact(std::initializer_list<const char*> path, Span span) {
  const engine::SchemaNode& f = field(path);
  engine::FactPath fp;
  for (const char* p : path) fp.emplace_back(p);
  return builder.fact(0, std::move(fp), f.type, ref(span));
}

engine::NodeId Lowering::element_fact(std::uint32_t depth, const engine::SchemaNode& element,
                                      const char* name, Span span) {
  return builder.fact(depth, {name}, element.field(name)->type, ref(span));
}

engine::NodeId Lowering::compare(engine::NodeId fact, engine::CompareOp op, engine::Literal literal,
                                 Span span) {
  std::string text =
      fmt::format("{} {} {}", builder.node(fact).text, engine::op_text(op), literal.text);
  return builder.compare(fact, op, std::move(literal), text, ref(span));
}

std::optional<Lowering::Window> Lowering::window(const ast::InForce& w) {
  if (w.empty()) return std::nullopt;
  auto dates = checks::window_dates(w);
  if (!dates) return std::nullopt;
  engine::NodeId today = builder.check_date(std::string(checks::kCheckDateName), ref(w.span));
  std::vector<engine::NodeId> bounds;
  if (dates->from)
    bounds.push_back(compare(today, engine::CompareOp::ge,
                             literal_of(engine::FactType::date, *dates->from, w.from->text),
                             w.from->span));
  if (dates->until)
    bounds.push_back(compare(today, engine::CompareOp::le,
                             literal_of(engine::FactType::date, *dates->until, w.until->text),
                             w.until->span));
  std::string text = checks::window_text(*dates);
  return Window{builder.all_of(std::move(bounds), text, ref(w.span)), text};
}

engine::NodeId Lowering::within(engine::NodeId condition, const ast::InForce& w) {
  auto in_force = window(w);
  if (!in_force) return condition;
  const std::string text = builder.node(condition).text + " (" + in_force->text + ")";
  return builder.all_of({condition, in_force->node}, text, ref(w.span));
}

std::vector<engine::LocalText> Lowering::notes(const std::vector<ast::NoteRef>& refs,
                                               const NoteScope& scope) const {
  std::vector<engine::LocalText> out;
  for (const auto& r : refs) out.push_back(scope.resolve(r.label));
  return out;
}

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

engine::Literal literal_of(engine::FactType type, engine::Scalar value, std::string text) {
  engine::Literal literal;
  literal.type = type;
  literal.values.push_back(std::move(value));
  literal.text = std::move(text);
  return literal;
}

}  // namespace tekigo::dsl::lower
