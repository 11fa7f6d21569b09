// dsl/checks: the outline pass — W0412, W0413, W0414, W0415.
#include "dsl/checks/outline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "dsl/checks/typing.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::checks {

namespace {

const ast::ClauseDecl* clause_named(const std::vector<ast::Item>& scope, std::string_view label) {
  for (const auto& item : scope)
    if (item.clause && item.clause->label.value == label) return item.clause.get();
  return nullptr;
}

bool has_rules(const std::vector<ast::Item>& items) {
  return std::any_of(items.begin(), items.end(), [](const ast::Item& item) {
    return item.rule || item.removed || (item.section && has_rules(item.section->items));
  });
}

// The clause label closest to `cite`, for "did you mean"; empty when none is close.
std::string closest_label(const std::vector<const ast::ClauseDecl*>& clauses,
                          std::string_view cite) {
  std::string best;
  std::size_t best_distance = std::max<std::size_t>(2, cite.size() / 3) + 1;
  for (const auto* c : clauses) {
    std::size_t d = edit_distance(cite, c->label.value);
    if (d < best_distance) {
      best_distance = d;
      best = c->label.value;
    }
  }
  return best;
}

// After a syntax error the items that did not parse are missing from the AST: a clause they
// cited, a section they were in, would look uncited or empty. Only W0413 and W0414 are said.
bool items_skipped(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
    return d.code == codes::E0001.code || d.code == codes::E0002.code;
  });
}

void check_scope(const std::vector<ast::Item>& items, std::string_view where, bool complete,
                 std::vector<Diagnostic>& out) {
  std::vector<const ast::ClauseDecl*> clauses;
  std::map<std::string, const ast::ClauseDecl*> first;
  for (const auto& item : items) {
    if (!item.clause) continue;
    auto [it, fresh] = first.emplace(item.clause->label.value, item.clause.get());
    if (fresh) {
      clauses.push_back(item.clause.get());
      continue;
    }
    Diagnostic d = make_diagnostic(
        codes::W0414, fmt::format("{} declares clause `{}` twice", where, item.clause->label.value),
        item.clause->label.span, "one `clause` per clause of the document: delete one");
    d.notes.push_back({it->second->label.span, "declared first here"});
    out.push_back(std::move(d));
  }
  if (clauses.empty()) return;
  std::map<const ast::ClauseDecl*, bool> cited;
  for (const auto& item : items) {
    if (item.removed && item.removed->cite)
      if (const auto* c = clause_named(items, item.removed->cite->value)) cited[c] = true;
    if (!item.rule) continue;
    const ast::Rule& r = *item.rule;
    for (const auto& label : clauses_cited(r, items)) cited[clause_named(items, label)] = true;
    if (!r.cite || clause_named(items, r.cite->value)) continue;
    const std::string near = closest_label(clauses, r.cite->value);
    std::vector<std::string> labels;
    for (const auto* c : clauses) labels.push_back("`" + c->label.value + "`");
    out.push_back(make_diagnostic(
        codes::W0413,
        fmt::format("rule `{}` cites `{}`, which is no clause of {}", r.id.value, r.cite->value,
                    where),
        r.cite->span,
        near.empty()
            ? fmt::format("its clauses are {}; declare this one with `clause \"{}\" \"…\"`, or "
                          "correct the citation",
                          engine::join(labels, ", "), r.cite->value)
            : fmt::format("did you mean `{}`?", near)));
  }
  for (const auto* c : clauses) {
    if (!complete || c->informational || cited.count(c)) continue;
    out.push_back(make_diagnostic(
        codes::W0412, fmt::format("no rule cites clause `{}` of {}", c->label.value, where),
        c->label.span,
        "encode what the clause requires in a rule that cites it, or mark it `informational` "
        "when the document states no requirement there"));
  }
}

void check_items(const std::vector<ast::Item>& items, bool complete, std::vector<Diagnostic>& out) {
  for (const auto& item : items) {
    if (!item.section) continue;
    const ast::Section& s = *item.section;
    const std::string where = fmt::format("section `{}`", s.cite.value);
    if (complete && !s.informational && !has_rules(s.items))
      out.push_back(make_diagnostic(
          codes::W0415, fmt::format("{} has no rules", where), s.cite.span,
          "encode what it requires, or mark it `informational` when the document states no "
          "requirement there: `section \"…\" \"…\" informational { … }`"));
    check_scope(s.items, where, complete, out);
    check_items(s.items, complete, out);
  }
}

}  // namespace

std::vector<std::string> clauses_cited(const ast::Rule& rule, const std::vector<ast::Item>& scope) {
  std::vector<std::string> out;
  auto add = [&](const std::string& label) {
    if (clause_named(scope, label) && std::find(out.begin(), out.end(), label) == out.end())
      out.push_back(label);
  };
  if (rule.cite) add(rule.cite->value);
  for (const auto& row : rule.rows) {
    add("#" + row.label.value);
    add(row.label.value);
  }
  return out;
}

void check_outline(const PassInput& input, std::vector<Diagnostic>& out) {
  const bool complete = !items_skipped(out);
  check_scope(input.file.items, "the policy's top level", complete, out);
  check_items(input.file.items, complete, out);
}

}  // namespace tekigo::dsl::checks
