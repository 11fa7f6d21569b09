// dsl/checks: the structure passes, on the AST alone — header, names, cites (E01xx, and
// E0202 for the header's date). A `removed` entry takes part in names (its id is taken) and
// cites (it needs a citation, not a sentence).
#include "dsl/checks/structure.hpp"

#include <fmt/format.h>

#include <map>

#include "engine/values/date.hpp"

namespace tekigo::dsl::checks {

void check_header(const PassInput& input, std::vector<Diagnostic>& out) {
  const auto& h = input.file.header;
  auto missing = [&](const char* field, const char* example) {
    out.push_back(make_diagnostic(
        codes::E0103, fmt::format("the policy header has no `{}`", field), h.id.span,
        fmt::format("add `{} {}` inside `policy {} {{ … }}`", field, example, h.id.value)));
  };
  if (!h.title) missing("title", "\"…\"");
  if (!h.revision) missing("revision", "\"2021-01\"");
  if (!h.source) missing("source", "\"the document it encodes\"");
  if (!h.effective)
    missing("effective", "2021-01-26");
  else if (!engine::Date::parse(h.effective->value))
    out.push_back(
        make_diagnostic(codes::E0202, fmt::format("malformed date `{}`", h.effective->value),
                        h.effective->span, "write dates as YYYY-MM-DD, such as 2021-01-26"));
}

namespace {

struct Scope {
  const Scope* parent = nullptr;
  std::map<std::string, Span> notes;
  bool has(const std::string& label) const {
    for (const Scope* s = this; s; s = s->parent)
      if (s->notes.count(label)) return true;
    return false;
  }
};

void check_notes(const std::vector<ast::NoteRef>& refs, const Scope& scope,
                 std::vector<Diagnostic>& out) {
  for (const auto& r : refs)
    if (!scope.has(r.label))
      out.push_back(make_diagnostic(
          codes::E0102, fmt::format("note `{}` is not declared", r.label), r.span,
          fmt::format("declare it in this section or an enclosing one: `note {} \"…\"`", r.label)));
}

// Where an id was first used, and whether by a `removed` entry.
struct IdUse {
  Span span;
  bool removed = false;
};

void check_id(const ast::Text& id, bool removed, std::map<std::string, IdUse>& ids,
              std::vector<Diagnostic>& out) {
  auto [it, fresh] = ids.emplace(id.value, IdUse{id.span, removed});
  if (fresh) return;
  Diagnostic d;
  if (!removed && !it->second.removed)
    d = make_diagnostic(
        codes::E0101, fmt::format("duplicate rule id `{}`", id.value), id.span,
        "rule ids name rules in reports and diffs: each must be unique in the policy");
  else if (removed && it->second.removed)
    d = make_diagnostic(codes::E0101, fmt::format("`{}` is recorded as removed twice", id.value),
                        id.span, "one `removed` entry per id: delete this one");
  else
    d = make_diagnostic(
        codes::E0101, fmt::format("`{}` is both a rule and a `removed` entry", id.value), id.span,
        "a `removed` entry keeps the id of a rule the document removed: a rule that is still "
        "there has another id, or the `removed` entry goes");
  d.notes.push_back({it->second.span, "first used here"});
  out.push_back(std::move(d));
}

void names_in(const std::vector<ast::Item>& items, const Scope* parent,
              std::map<std::string, IdUse>& ids, std::vector<Diagnostic>& out) {
  Scope scope;
  scope.parent = parent;
  for (const auto& item : items) {
    if (!item.note) continue;
    auto [it, fresh] = scope.notes.emplace(item.note->label.label, item.note->label.span);
    if (!fresh) {
      Diagnostic d = make_diagnostic(
          codes::E0104,
          fmt::format("note `{}` is declared twice in this section", item.note->label.label),
          item.note->label.span);
      d.notes.push_back({it->second, "first declared here"});
      out.push_back(std::move(d));
    }
  }
  for (const auto& item : items) {
    if (item.section) names_in(item.section->items, &scope, ids, out);
    if (item.removed) check_id(item.removed->id, true, ids, out);
    if (!item.rule) continue;
    const auto& r = *item.rule;
    check_id(r.id, false, ids, out);
    check_notes(r.notes, scope, out);
    for (const auto& c : r.clauses) check_notes(c.notes, scope, out);
    for (const auto& row : r.rows) {
      check_notes(row.notes, scope, out);
      check_notes(row.warn_notes, scope, out);
    }
    for (const auto& lc : r.classes) {
      check_notes(lc.notes, scope, out);
      check_notes(lc.unless_notes, scope, out);
    }
  }
}

}  // namespace

void check_names(const PassInput& input, std::vector<Diagnostic>& out) {
  std::map<std::string, IdUse> ids;
  names_in(input.file.items, nullptr, ids, out);
}

namespace {

void cites_in(const std::vector<ast::Item>& items, bool in_section, std::vector<Diagnostic>& out) {
  for (const auto& item : items) {
    if (item.section) cites_in(item.section->items, true, out);
    // A `removed` entry needs a citation as a rule does, but no sentence (it may have one).
    if (item.removed && !in_section && !item.removed->cite)
      out.push_back(make_diagnostic(
          codes::E0105,
          fmt::format("removed entry `{}` cites no clause of the document", item.removed->id.value),
          item.removed->id.span, "put it in the `section` it was in, or give it `cite \"§…\"`"));
    if (!item.rule) continue;
    const auto& r = *item.rule;
    if (!in_section && !r.cite)
      out.push_back(make_diagnostic(
          codes::E0105, fmt::format("rule `{}` cites no clause of the document", r.id.value),
          r.id.span, "put it in a `section \"§…\" { … }` or give it `cite \"§…\"`"));
    if (!r.title || r.title->value.empty())
      out.push_back(make_diagnostic(
          codes::E0106,
          fmt::format("rule `{}` has no sentence saying what it requires", r.id.value), r.id.span,
          fmt::format("write it after the id: `{} \"The terminal must …\" {{`", r.id.value)));
  }
}

}  // namespace

void check_cites(const PassInput& input, std::vector<Diagnostic>& out) {
  cites_in(input.file.items, false, out);
}

}  // namespace tekigo::dsl::checks
