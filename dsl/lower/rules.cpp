// dsl/lower: the walk over the policy's items — sections open note scopes (and give their
// rules a citation and a section title), every rule gets its head (id, cite, title, notes,
// the default `otherwise pass`) and is lowered by its kind; a `removed` entry is only listed
// (its citation composed as a rule's).
#include "dsl/lower/lowering.hpp"

#include "dsl/checks/outline.hpp"

namespace tekigo::dsl::lower {

namespace {

void lower_rule(const ast::Rule& r, const NoteScope& scope, Lowering& l) {
  engine::Rule out;
  out.id = r.id.value;
  out.kind = std::string(ast::kind_name(r.kind));
  out.cite =
      ast::composed_cite(scope.cite, r.cite);  // `cite "#3 備考"` in "§3(1)": "§3(1) #3 備考"
  out.title = l.local(r.title);
  out.section = scope.title;
  out.rationale = l.local(r.rationale);
  if (scope.items)
    for (const auto& label : checks::clauses_cited(r, *scope.items))
      out.clauses.push_back(ast::composed_cite(scope.cite, ast::Text{label, {}, {}}));
  if (out.clauses.empty()) out.clauses.push_back(out.cite);
  out.notes = l.notes(r.notes, scope);
  out.where = l.ref(r.id.span);
  out.otherwise.status = engine::Status::pass;
  out.otherwise.message = out.title;
  out.otherwise.where = l.ref(r.span);
  if (auto in_force = l.window(r.in_force)) {
    out.in_force = in_force->node;
    out.in_force_text = in_force->text;
  }
  checks::TypedRule typed;
  typed.rule = &r;
  typed.in_graph = rule_kind_lowering(r.kind)(r, scope, out, l);
  if (typed.in_graph) {
    for (const auto& c : out.cases) typed.case_statuses.push_back(c.status);
    typed.otherwise = out.otherwise.status;
    l.builder.add_rule(std::move(out));
  }
  l.typed_rules.push_back(std::move(typed));
}

void record_removed(const ast::Removed& r, const NoteScope& scope, Lowering& l) {
  l.removed.push_back({r.id.value, ast::composed_cite(scope.cite, r.cite), l.local(r.title),
                       r.revision ? r.revision->value : std::string()});
}

void declare_notes(const std::vector<ast::Item>& items, NoteScope& scope, const Lowering& l) {
  scope.items = &items;
  for (const auto& item : items)
    if (item.note) scope.notes[item.note->label.label] = l.local(item.note->text);
}

// The outline: a section (or the file's top level) and the clauses it declares.
void record_section(const ast::Section* s, const std::vector<ast::Item>& items,
                    const NoteScope& scope, std::size_t depth, Lowering& l) {
  engine::SectionInfo info;
  if (s) {
    info.cite = s->cite.value;
    info.title = s->title ? l.local(s->title) : scope.title;
    info.informational = s->informational;
    info.where = l.ref(s->cite.span);
  }
  info.depth = depth;
  for (const auto& item : items)
    if (item.clause)
      info.clauses.push_back({item.clause->label.value,
                              ast::composed_cite(scope.cite, item.clause->label),
                              l.local(item.clause->title), item.clause->informational,
                              l.ref(item.clause->label.span)});
  if (s || !info.clauses.empty()) l.outline.push_back(std::move(info));
}

// The items of a section: a nested section without a title of its own keeps its parent's.
void lower_section_items(const std::vector<ast::Item>& items, const NoteScope& scope,
                         std::size_t depth, Lowering& l) {
  for (const auto& item : items) {
    if (item.section) {
      NoteScope inner;
      inner.parent = &scope;
      inner.cite = item.section->cite.value;
      inner.title = item.section->title ? l.local(item.section->title) : scope.title;
      declare_notes(item.section->items, inner, l);
      record_section(item.section.get(), item.section->items, inner, depth, l);
      lower_section_items(item.section->items, inner, depth + 1, l);
    }
    if (item.rule) lower_rule(*item.rule, scope, l);
    if (item.removed) record_removed(*item.removed, scope, l);
  }
}

}  // namespace

RuleKindLowering rule_kind_lowering(ast::Rule::Kind kind) {
  switch (kind) {
    case ast::Rule::Kind::check:
      return lower_check;
    case ast::Rule::Kind::manual:
      return lower_manual;
    case ast::Rule::Kind::matrix:
      return lower_matrix;
    case ast::Rule::Kind::resolve:
      return lower_resolve;
    case ast::Rule::Kind::flow:
      return lower_flow;
    case ast::Rule::Kind::forbid:
      return lower_forbid;
    case ast::Rule::Kind::line:
      return lower_line;
  }
  return lower_check;
}

// The top level: notes declared here are in scope everywhere; a top-level section without a
// title has none.
void lower_items(const std::vector<ast::Item>& items, Lowering& l) {
  NoteScope scope;
  declare_notes(items, scope, l);
  record_section(nullptr, items, scope, 0, l);
  for (const auto& item : items) {
    if (item.section) {
      NoteScope inner;
      inner.parent = &scope;
      inner.cite = item.section->cite.value;
      inner.title = l.local(item.section->title);
      declare_notes(item.section->items, inner, l);
      record_section(item.section.get(), item.section->items, inner, 0, l);
      lower_section_items(item.section->items, inner, 1, l);
    }
    if (item.rule) lower_rule(*item.rule, scope, l);
    if (item.removed) record_removed(*item.removed, scope, l);
  }
}

}  // namespace tekigo::dsl::lower
