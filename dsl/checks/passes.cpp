// dsl: AST checks before lowering — header, names, citations. Each is a named pass.
#include "dsl/checks/passes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "engine/date.hpp"

namespace tekigo::dsl {

namespace {

Diagnostic error(std::string code, std::string message, Span span, std::string help = {}) {
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.span = span;
  d.help = std::move(help);
  return d;
}

void check_header(const ast::PolicyFile& file, const SourceFile&, std::vector<Diagnostic>& out) {
  const auto& h = file.header;
  auto missing = [&](const char* field, const char* example) {
    out.push_back(
        error("E0103", fmt::format("the policy header has no `{}`", field), h.id.span,
              fmt::format("add `{} {}` inside `policy {} {{ … }}`", field, example, h.id.value)));
  };
  if (!h.title) missing("title", "\"…\"");
  if (!h.revision) missing("revision", "\"2021-01\"");
  if (!h.source) missing("source", "\"the document it encodes\"");
  if (!h.effective)
    missing("effective", "2021-01-26");
  else if (!engine::Date::parse(h.effective->value))
    out.push_back(error("E0202", fmt::format("malformed date `{}`", h.effective->value),
                        h.effective->span, "write dates as YYYY-MM-DD, such as 2021-01-26"));
}

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
      out.push_back(error(
          "E0102", fmt::format("note `{}` is not declared", r.label), r.span,
          fmt::format("declare it in this section or an enclosing one: `note {} \"…\"`", r.label)));
}

void names_in(const std::vector<ast::Item>& items, const Scope* parent,
              std::map<std::string, Span>& ids, std::vector<Diagnostic>& out) {
  Scope scope;
  scope.parent = parent;
  for (const auto& item : items) {
    if (!item.note) continue;
    auto [it, fresh] = scope.notes.emplace(item.note->label.label, item.note->label.span);
    if (!fresh) {
      Diagnostic d =
          error("E0104",
                fmt::format("note `{}` is declared twice in this section", item.note->label.label),
                item.note->label.span);
      d.notes.push_back({it->second, "first declared here"});
      out.push_back(std::move(d));
    }
  }
  for (const auto& item : items) {
    if (item.section) names_in(item.section->items, &scope, ids, out);
    if (!item.rule) continue;
    const auto& r = *item.rule;
    auto [it, fresh] = ids.emplace(r.id.value, r.id.span);
    if (!fresh) {
      Diagnostic d =
          error("E0101", fmt::format("duplicate rule id `{}`", r.id.value), r.id.span,
                "rule ids name rules in reports and diffs: each must be unique in the policy");
      d.notes.push_back({it->second, "first used here"});
      out.push_back(std::move(d));
    }
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

void check_names(const ast::PolicyFile& file, const SourceFile&, std::vector<Diagnostic>& out) {
  std::map<std::string, Span> ids;
  names_in(file.items, nullptr, ids, out);
}

void cites_in(const std::vector<ast::Item>& items, bool in_section, std::vector<Diagnostic>& out) {
  for (const auto& item : items) {
    if (item.section) cites_in(item.section->items, true, out);
    if (!item.rule) continue;
    const auto& r = *item.rule;
    if (!in_section && !r.cite)
      out.push_back(
          error("E0105", fmt::format("rule `{}` cites no clause of the document", r.id.value),
                r.id.span, "put it in a `section \"§…\" { … }` or give it `cite \"§…\"`"));
    if (!r.title || r.title->value.empty())
      out.push_back(error(
          "E0106", fmt::format("rule `{}` has no sentence saying what it requires", r.id.value),
          r.id.span,
          fmt::format("write it after the id: `{} \"The terminal must …\" {{`", r.id.value)));
  }
}

void check_cites(const ast::PolicyFile& file, const SourceFile&, std::vector<Diagnostic>& out) {
  cites_in(file.items, false, out);
}

}  // namespace

const std::vector<CheckPass>& check_passes() {
  static const std::vector<CheckPass> passes = {
      {"header", check_header},
      {"names", check_names},
      {"cites", check_cites},
  };
  return passes;
}

void run_checks(const ast::PolicyFile& file, const SourceFile& source,
                std::vector<Diagnostic>& diagnostics) {
  for (const auto& pass : check_passes()) pass.run(file, source, diagnostics);
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

}  // namespace tekigo::dsl
