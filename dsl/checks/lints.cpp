// dsl/checks: the lints of one rule or of the file — W0401, W0402, W0404, W0409.
#include "dsl/checks/lints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "dsl/checks/typing.hpp"
#include "engine/common/text.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::checks {

void check_line_coverage(const PassInput& input, std::vector<Diagnostic>& out) {
  const engine::SchemaNode& line_type = *engine::fact_schema().field("network")->field("line");
  for (const TypedRule& typed : *input.typed_rules) {
    const ast::Rule& r = *typed.rule;
    if (r.kind != ast::Rule::Kind::line || !typed.in_graph) continue;
    // In the graph, every line the rule names is a line type (E0204 otherwise).
    std::set<std::string> covered;
    for (const auto& lc : r.classes)
      for (const auto& w : lc.lines) covered.insert(engine::ascii_lower(w.value));
    std::vector<std::string> missing;
    for (const auto& v : line_type.values)
      if (!covered.count(v)) missing.push_back(v);
    if (!missing.empty())
      out.push_back(make_diagnostic(
          codes::W0401, fmt::format("line types not classified: {}", engine::join(missing, ", ")),
          r.id.span, "a terminal on such a line fails; classify it to say what the document says"));
  }
}

void check_constant_status(const PassInput& input, std::vector<Diagnostic>& out) {
  for (const TypedRule& typed : *input.typed_rules) {
    const ast::Rule& r = *typed.rule;
    if ((r.kind != ast::Rule::Kind::check && r.kind != ast::Rule::Kind::manual) || !typed.in_graph)
      continue;
    // In the graph, the rule has a condition (E0301 otherwise), so at least one case.
    const bool one_status = std::all_of(typed.case_statuses.begin(), typed.case_statuses.end(),
                                        [&](engine::Status s) { return s == typed.otherwise; });
    if (one_status)
      out.push_back(make_diagnostic(codes::W0402,
                                    fmt::format("rule `{}` can only ever be `{}`", r.id.value,
                                                engine::status_name(typed.otherwise)),
                                    r.id.span,
                                    "its cases and its `otherwise` all give the same status"));
  }
}

namespace {

// Who cites a clause: a rule, or a `removed` entry (which keeps the document's numbering).
struct Citer {
  const ast::Text* id;
  const ast::Text* cite;
  bool removed;
  std::string name() const {
    return fmt::format("{} `{}`", removed ? "removed entry" : "rule", id->value);
  }
};

void cites_in(const std::vector<ast::Item>& items, const std::string& section_cite,
              std::map<std::string, Citer>& first, std::vector<Diagnostic>& out) {
  for (const auto& item : items) {
    if (item.section) cites_in(item.section->items, item.section->cite.value, first, out);
    std::optional<Citer> citer;
    if (item.rule && item.rule->cite) citer = Citer{&item.rule->id, &*item.rule->cite, false};
    if (item.removed && item.removed->cite)
      citer = Citer{&item.removed->id, &*item.removed->cite, true};
    if (!citer) continue;
    const std::string cite =
        ast::composed_cite(section_cite, std::optional<ast::Text>(*citer->cite));
    auto [it, fresh] = first.emplace(cite, *citer);
    if (fresh) continue;
    const Citer& earlier = it->second;
    if (earlier.id->value == citer->id->value) continue;  // one id twice: E0101
    Diagnostic d = make_diagnostic(
        codes::W0404,
        earlier.removed || citer->removed
            ? fmt::format("{} and {} both cite `{}`", earlier.name(), citer->name(), cite)
            : fmt::format("rules `{}` and `{}` both cite `{}`", earlier.id->value, citer->id->value,
                          cite),
        citer->cite->span,
        earlier.removed && citer->removed
            ? "one `removed` entry per clause of the document: delete one, or correct its citation"
        : earlier.removed || citer->removed
            ? "the document removed that clause: a rule that is still there cites another one"
            : "each rule encodes its own clause of the document: correct the citation of one of "
              "them, or make them one rule");
    d.notes.push_back({earlier.cite->span, fmt::format("{} cites it here", earlier.name())});
    out.push_back(std::move(d));
  }
}

}  // namespace

void check_duplicate_cites(const PassInput& input, std::vector<Diagnostic>& out) {
  std::map<std::string, Citer> first;
  cites_in(input.file.items, "", first, out);
}

namespace {

// The notes a section (or the file) declares, and whether a reference resolved to each.
struct NoteScope {
  const NoteScope* parent = nullptr;
  std::map<std::string, std::pair<const ast::NoteDecl*, bool>> notes;
  void use(const std::vector<ast::NoteRef>& refs) const {
    for (const auto& ref : refs)
      for (const NoteScope* s = this; s; s = s->parent)
        if (auto it = s->notes.find(ref.label); it != s->notes.end()) {
          const_cast<NoteScope*>(s)->notes.at(ref.label).second = true;
          break;
        }
  }
};

void notes_in(const std::vector<ast::Item>& items, const NoteScope* parent, bool top,
              std::vector<Diagnostic>& out) {
  NoteScope scope;
  scope.parent = parent;
  for (const auto& item : items)
    if (item.note)
      scope.notes.emplace(item.note->label.label, std::make_pair(item.note.get(), false));
  for (const auto& item : items) {
    if (item.section) notes_in(item.section->items, &scope, false, out);
    if (!item.rule) continue;
    const ast::Rule& r = *item.rule;
    scope.use(r.notes);
    for (const auto& c : r.clauses) scope.use(c.notes);
    for (const auto& row : r.rows) {
      scope.use(row.notes);
      scope.use(row.warn_notes);
    }
    for (const auto& lc : r.classes) {
      scope.use(lc.notes);
      scope.use(lc.unless_notes);
    }
  }
  for (const auto& item : items) {
    if (!item.note) continue;
    auto it = scope.notes.find(item.note->label.label);
    if (it->second.first != item.note.get() || it->second.second)
      continue;  // declared twice: E0104
    out.push_back(make_diagnostic(
        codes::W0409, fmt::format("note `{}` is never used", item.note->label.label),
        item.note->label.span,
        fmt::format("no rule, case, row or class {} refers to it: add `notes {}` where the "
                    "document attaches it, or remove the note",
                    top ? "of the policy" : "in this section", item.note->label.label)));
  }
}

}  // namespace

void check_unused_notes(const PassInput& input, std::vector<Diagnostic>& out) {
  notes_in(input.file.items, nullptr, true, out);
}

}  // namespace tekigo::dsl::checks
