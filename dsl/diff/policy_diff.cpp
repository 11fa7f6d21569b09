// dsl/diff: the diff of two revisions — the header, the sections by citation, the notes by
// label, the rules and `removed` entries by id (see policy_diff.hpp); rules.cpp compares one
// rule.
#include "dsl/diff/policy_diff.hpp"

#include <algorithm>

#include "dsl/diff/compare.hpp"

namespace tekigo::dsl::diff {

std::string_view change_kind_name(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kind:
      return "kind";
    case ChangeKind::cite:
      return "cite";
    case ChangeKind::sentence:
      return "sentence";
    case ChangeKind::rationale:
      return "rationale";
    case ChangeKind::notes:
      return "notes";
    case ChangeKind::note_text:
      return "note-text";
    case ChangeKind::window:
      return "window";
    case ChangeKind::applies:
      return "applies";
    case ChangeKind::case_added:
      return "case-added";
    case ChangeKind::case_removed:
      return "case-removed";
    case ChangeKind::case_moved:
      return "case-moved";
    case ChangeKind::case_condition:
      return "case-condition";
    case ChangeKind::case_status:
      return "case-status";
    case ChangeKind::case_message:
      return "case-message";
    case ChangeKind::case_notes:
      return "case-notes";
    case ChangeKind::case_window:
      return "case-window";
    case ChangeKind::row_added:
      return "row-added";
    case ChangeKind::row_removed:
      return "row-removed";
    case ChangeKind::row_title:
      return "row-title";
    case ChangeKind::row_notes:
      return "row-notes";
    case ChangeKind::row_os:
      return "row-os";
    case ChangeKind::row_versions:
      return "row-versions";
    case ChangeKind::row_releases:
      return "row-releases";
    case ChangeKind::row_service_pack:
      return "row-service-pack";
    case ChangeKind::row_editions:
      return "row-editions";
    case ChangeKind::row_browsers:
      return "row-browsers";
    case ChangeKind::row_disk:
      return "row-disk";
    case ChangeKind::row_when:
      return "row-when";
    case ChangeKind::row_warn:
      return "row-warn";
    case ChangeKind::row_warn_notes:
      return "row-warn-notes";
    case ChangeKind::row_window:
      return "row-window";
    case ChangeKind::name:
      return "name";
    case ChangeKind::address:
      return "address";
    case ChangeKind::direct:
      return "direct";
    case ChangeKind::protocol:
      return "protocol";
    case ChangeKind::direction:
      return "direction";
    case ChangeKind::from_port:
      return "from";
    case ChangeKind::to:
      return "to";
    case ChangeKind::port:
      return "port";
    case ChangeKind::purpose:
      return "purpose";
    case ChangeKind::item_added:
      return "item-added";
    case ChangeKind::item_removed:
      return "item-removed";
    case ChangeKind::item_kind:
      return "item-kind";
    case ChangeKind::item_label:
      return "item-label";
    case ChangeKind::item_pattern:
      return "item-pattern";
    case ChangeKind::item_version:
      return "item-version";
    case ChangeKind::item_condition:
      return "item-condition";
    case ChangeKind::item_window:
      return "item-window";
    case ChangeKind::class_added:
      return "class-added";
    case ChangeKind::class_removed:
      return "class-removed";
    case ChangeKind::class_lines:
      return "class-lines";
    case ChangeKind::class_message:
      return "class-message";
    case ChangeKind::class_notes:
      return "class-notes";
    case ChangeKind::class_unless:
      return "class-unless";
    case ChangeKind::class_unless_status:
      return "class-unless-status";
    case ChangeKind::class_unless_message:
      return "class-unless-message";
    case ChangeKind::class_unless_notes:
      return "class-unless-notes";
    case ChangeKind::record_cite:
      return "record-cite";
    case ChangeKind::record_title:
      return "record-title";
    case ChangeKind::record_revision:
      return "record-revision";
  }
  return "?";
}

std::string_view target_type_name(Target::Type type) {
  switch (type) {
    case Target::Type::rule:
      return "rule";
    case Target::Type::case_:
      return "case";
    case Target::Type::otherwise:
      return "otherwise";
    case Target::Type::row:
      return "row";
    case Target::Type::item:
      return "item";
    case Target::Type::class_:
      return "class";
  }
  return "?";
}

std::size_t PolicyDiff::count(EntryDiff::What what) const {
  return static_cast<std::size_t>(std::count_if(
      entries.begin(), entries.end(), [&](const EntryDiff& e) { return e.what == what; }));
}

namespace {

PolicySide side_of(const PolicyInput& p) {
  const ast::Header& h = p.file.header;
  auto text = [](const std::optional<ast::Text>& t) { return t ? t->value : std::string(); };
  return {p.source.name(),  h.id.value,        text(h.title),
          text(h.revision), text(h.effective), text(h.source)};
}

void header(const ast::Header& a, const ast::Header& b, std::vector<HeaderChange>& out) {
  auto text = [](const std::optional<ast::Text>& t) -> std::optional<std::string> {
    if (!t) return std::nullopt;
    return sentence_text(*t);
  };
  auto field = [&](const char* name, const std::optional<ast::Text>& x,
                   const std::optional<ast::Text>& y) {
    if (text(x) != text(y)) out.push_back({name, text(x), text(y)});
  };
  if (a.id.value != b.id.value) out.push_back({"id", a.id.value, b.id.value});
  field("title", a.title, b.title);
  field("revision", a.revision, b.revision);
  // A date, as typed (the header pass has checked it).
  const bool same_date = a.effective && b.effective &&
                         value_key(*a.effective, engine::FactType::timestamp) ==
                             value_key(*b.effective, engine::FactType::timestamp);
  if (!same_date) field("effective", a.effective, b.effective);
  field("source", a.source, b.source);
}

}  // namespace

std::string_view outline_change_name(OutlineChange::What what) {
  switch (what) {
    case OutlineChange::What::added:
      return "added";
    case OutlineChange::What::removed:
      return "removed";
    case OutlineChange::What::changed:
      return "changed";
  }
  return "changed";
}

namespace {

// Document order: NEW's item k sorts at 2k + 2; what OLD has and NEW has not sorts just after
// the last item before it that NEW still has (2k + 3), in OLD's order.
std::size_t new_order(std::size_t order) {
  return 2 * order + 2;
}

}  // namespace

PolicyDiff diff_policies(const PolicyInput& old_policy, const PolicyInput& new_policy) {
  PolicyDiff d;
  d.old_policy = side_of(old_policy);
  d.new_policy = side_of(new_policy);
  header(old_policy.file.header, new_policy.file.header, d.header);

  const Catalogue ca(old_policy.file), cb(new_policy.file);
  Reading reading_a(old_policy.source), reading_b(new_policy.source);
  Side sa{ca, reading_a}, sb{cb, reading_b};

  for (const auto& s : cb.sections)
    if (const SectionEntry* o = ca.section(s.clause); o && o->title != s.title)
      d.sections.push_back({s.clause, o->title, s.title, new_order(s.order)});

  // The outline: clauses by label in their section; a section's `informational`.
  auto title_text = [](const ast::ClauseDecl& c) -> std::optional<std::string> {
    return c.title ? std::optional<std::string>(c.title->value) : std::nullopt;
  };
  for (const auto& s : cb.sections)
    if (const SectionEntry* o = ca.section(s.clause); o && o->informational != s.informational)
      d.outline.push_back({OutlineChange::What::changed, s.clause, "", s.clause, std::nullopt,
                           std::nullopt, o->informational, s.informational, new_order(s.order)});
  for (const auto& c : cb.clauses) {
    const ClauseEntry* o = ca.clause(c.clause, c.decl->label.value);
    if (!o) {
      d.outline.push_back({OutlineChange::What::added, c.clause, c.decl->label.value, c.cite,
                           std::nullopt, title_text(*c.decl), false, c.decl->informational,
                           new_order(c.order)});
    } else if (title_text(*o->decl) != title_text(*c.decl) ||
               o->decl->informational != c.decl->informational) {
      d.outline.push_back({OutlineChange::What::changed, c.clause, c.decl->label.value, c.cite,
                           title_text(*o->decl), title_text(*c.decl), o->decl->informational,
                           c.decl->informational, new_order(c.order)});
    }
  }
  for (const auto& c : ca.clauses)
    if (!cb.clause(c.clause, c.decl->label.value)) {
      // Where it was: after the item of NEW that follows it in OLD's section, or at its end.
      const SectionEntry* s = cb.section(c.clause);
      d.outline.push_back({OutlineChange::What::removed, c.clause, c.decl->label.value, c.cite,
                           title_text(*c.decl), std::nullopt, c.decl->informational, false,
                           s ? new_order(s->order) + 1 : 1});
    }
  std::stable_sort(
      d.outline.begin(), d.outline.end(),
      [](const OutlineChange& x, const OutlineChange& y) { return x.order < y.order; });

  // A declared note whose text changed: the rules of NEW that carry it (anywhere in them).
  for (const auto& n : cb.notes) {
    const NoteEntry* o = ca.note(n.scope->key, n.decl->label.label);
    if (!o || sentence_text(o->decl->text) == sentence_text(n.decl->text)) continue;
    NoteChange change{n.scope->clause,
                      n.decl->label.label,
                      sentence_text(o->decl->text),
                      sentence_text(n.decl->text),
                      {},
                      new_order(n.order)};
    for (const auto& r : cb.rules) {
      std::vector<const std::vector<ast::NoteRef>*> refs = {&r.rule->notes};
      for (const auto& c : r.rule->clauses) refs.push_back(&c.notes);
      for (const auto& row : r.rule->rows) {
        refs.push_back(&row.notes);
        refs.push_back(&row.warn_notes);
      }
      for (const auto& lc : r.rule->classes) {
        refs.push_back(&lc.notes);
        refs.push_back(&lc.unless_notes);
      }
      const bool carries = std::any_of(refs.begin(), refs.end(), [&](const auto* list) {
        return std::any_of(list->begin(), list->end(), [&](const ast::NoteRef& ref) {
          return ref.label == n.decl->label.label && resolve(r.at.scope, ref.label).decl == n.decl;
        });
      });
      if (carries) change.rules.push_back(r.rule->id.value);
    }
    d.notes.push_back(std::move(change));
  }

  auto record_of = [](const RecordEntry* r) -> std::optional<Record> {
    if (!r) return std::nullopt;
    auto text = [](const std::optional<ast::Text>& t) {
      return t ? sentence_text(*t) : std::string();
    };
    return Record{r->cite, text(r->removed->title), text(r->removed->revision)};
  };
  auto entry = [](EntryDiff::What what, const std::string& id, std::string kind,
                  const std::string& cite, const Place& at, std::string title, std::size_t order) {
    EntryDiff e;
    e.what = what;
    e.id = id;
    e.kind = std::move(kind);
    e.cite = cite;
    e.clause = at.clause;
    e.clause_title = at.clause_title;
    e.title = std::move(title);
    e.order = order;
    return e;
  };
  auto title_of = [](const std::optional<ast::Text>& t) { return t ? t->value : std::string(); };

  // What NEW has: rules (added or changed) and `removed` entries.
  for (const auto& r : cb.rules) {
    const std::string& id = r.rule->id.value;
    const std::string kind(ast::kind_name(r.rule->kind));
    if (const RuleEntry* o = ca.rule(id)) {
      auto changes = compare_rules(*o, sa, r, sb);
      if (changes.empty()) continue;
      EntryDiff e = entry(EntryDiff::What::rule_changed, id, kind, r.cite, r.at,
                          title_of(r.rule->title), new_order(r.at.order));
      e.changes = std::move(changes);
      d.entries.push_back(std::move(e));
    } else {
      EntryDiff e = entry(EntryDiff::What::rule_added, id, kind, r.cite, r.at,
                          title_of(r.rule->title), new_order(r.at.order));
      e.recorded = record_of(ca.record(id));  // it comes back
      d.entries.push_back(std::move(e));
    }
  }
  for (const auto& r : cb.records) {
    const std::string& id = r.removed->id.value;
    if (ca.rule(id)) continue;  // a removed rule, below
    if (const RecordEntry* o = ca.record(id)) {
      auto changes = compare_records(*o, r);
      if (changes.empty()) continue;
      EntryDiff e = entry(EntryDiff::What::record_changed, id, "removed", r.cite, r.at,
                          title_of(r.removed->title), new_order(r.at.order));
      e.changes = std::move(changes);
      e.recorded = record_of(&r);
      d.entries.push_back(std::move(e));
    } else {
      EntryDiff e = entry(EntryDiff::What::record_added, id, "removed", r.cite, r.at,
                          title_of(r.removed->title), new_order(r.at.order));
      e.recorded = record_of(&r);
      d.entries.push_back(std::move(e));
    }
  }

  // What OLD has and NEW has not, in OLD's order: after the last item before it that NEW
  // still has (as a rule or a `removed` entry), or where NEW records it.
  std::size_t anchor = 1;                                      // before NEW's first item
  std::vector<std::pair<std::size_t, std::size_t>> old_items;  // OLD order, index (rules | records)
  for (std::size_t i = 0; i < ca.rules.size(); ++i) old_items.emplace_back(ca.rules[i].at.order, i);
  for (std::size_t i = 0; i < ca.records.size(); ++i)
    old_items.emplace_back(ca.records[i].at.order, ca.rules.size() + i);
  std::sort(old_items.begin(), old_items.end());
  for (const auto& [order, index] : old_items) {
    const bool is_rule = index < ca.rules.size();
    const std::string& id = is_rule ? ca.rules[index].rule->id.value
                                    : ca.records[index - ca.rules.size()].removed->id.value;
    const RuleEntry* in_new = cb.rule(id);
    const RecordEntry* recorded = cb.record(id);
    if (in_new) {
      anchor = new_order(in_new->at.order) + 1;
      continue;
    }
    if (!is_rule && recorded) {
      anchor = new_order(recorded->at.order) + 1;
      continue;
    }
    if (is_rule) {
      const RuleEntry& r = ca.rules[index];
      // Where NEW records it, it belongs there; else where it was.
      EntryDiff e =
          entry(EntryDiff::What::rule_removed, id, std::string(ast::kind_name(r.rule->kind)),
                r.cite, recorded ? recorded->at : r.at, title_of(r.rule->title),
                recorded ? new_order(recorded->at.order) : anchor);
      e.recorded = record_of(recorded);
      if (recorded) anchor = new_order(recorded->at.order) + 1;
      d.entries.push_back(std::move(e));
    } else {
      const RecordEntry& r = ca.records[index - ca.rules.size()];
      EntryDiff e = entry(EntryDiff::What::record_dropped, id, "removed", r.cite, r.at,
                          title_of(r.removed->title), anchor);
      e.recorded = record_of(&r);
      d.entries.push_back(std::move(e));
    }
  }
  std::stable_sort(d.entries.begin(), d.entries.end(),
                   [](const EntryDiff& x, const EntryDiff& y) { return x.order < y.order; });
  return d;
}

}  // namespace tekigo::dsl::diff
