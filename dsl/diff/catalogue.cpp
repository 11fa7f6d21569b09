// dsl/diff: one revision's items where they sit — see catalogue.hpp.
#include "dsl/diff/catalogue.hpp"

#include "dsl/diff/meaning.hpp"

namespace tekigo::dsl::diff {

Catalogue::Catalogue(const ast::PolicyFile& file) {
  walk(file.items, nullptr, "", "");
}

void Catalogue::walk(const std::vector<ast::Item>& items, const NoteScope* parent,
                     const std::string& clause, const std::string& title) {
  auto scope = std::make_unique<NoteScope>();
  scope->parent = parent;
  scope->clause = clause;
  scope->key = parent ? (parent->key.empty() ? clause : parent->key + " \u203a " + clause) : "";
  NoteScope* here = scope.get();
  scopes_.push_back(std::move(scope));
  // A declaration holds in its whole section, wherever in it it stands (docs/language.md).
  for (const auto& item : items)
    if (item.note) here->notes.emplace(item.note->label.label, item.note.get());
  for (const auto& item : items) {
    const std::size_t order = order_++;
    if (item.note) {
      std::string key = here->key + "\n" + item.note->label.label;
      if (note_index_.emplace(key, notes.size()).second)
        notes.push_back({item.note.get(), here, order});
    }
    if (item.section) {
      const ast::Section& s = *item.section;
      std::string inner_title = s.title ? sentence_text(*s.title) : parent ? title : std::string();
      if (section_index_.emplace(s.cite.value, sections.size()).second)
        sections.push_back({s.cite.value, inner_title, order, s.informational});
      walk(s.items, here, s.cite.value, inner_title);
    }
    if (item.clause) {
      const ast::ClauseDecl& c = *item.clause;
      if (clause_index_.emplace(clause + "\n" + c.label.value, clauses.size()).second)
        clauses.push_back({&c, clause, ast::composed_cite(clause, c.label), order});
    }
    if (item.rule) {
      const ast::Rule& r = *item.rule;
      if (rule_index_.emplace(r.id.value, rules.size()).second)
        rules.push_back({&r, ast::composed_cite(clause, r.cite), {clause, title, here, order}});
    }
    if (item.removed) {
      const ast::Removed& r = *item.removed;
      if (record_index_.emplace(r.id.value, records.size()).second)
        records.push_back({&r, ast::composed_cite(clause, r.cite), {clause, title, here, order}});
    }
  }
}

const RuleEntry* Catalogue::rule(std::string_view id) const {
  auto it = rule_index_.find(id);
  return it == rule_index_.end() ? nullptr : &rules[it->second];
}

const RecordEntry* Catalogue::record(std::string_view id) const {
  auto it = record_index_.find(id);
  return it == record_index_.end() ? nullptr : &records[it->second];
}

const NoteEntry* Catalogue::note(std::string_view scope_key, std::string_view label) const {
  auto it = note_index_.find(std::string(scope_key) + "\n" + std::string(label));
  return it == note_index_.end() ? nullptr : &notes[it->second];
}

const SectionEntry* Catalogue::section(std::string_view clause) const {
  auto it = section_index_.find(clause);
  return it == section_index_.end() ? nullptr : &sections[it->second];
}

const ClauseEntry* Catalogue::clause(std::string_view section, std::string_view label) const {
  auto it = clause_index_.find(std::string(section) + "\n" + std::string(label));
  return it == clause_index_.end() ? nullptr : &clauses[it->second];
}

ResolvedNote resolve(const NoteScope* scope, std::string_view label) {
  for (const NoteScope* s = scope; s; s = s->parent)
    if (auto it = s->notes.find(label); it != s->notes.end()) return {it->second, s};
  return {};
}

}  // namespace tekigo::dsl::diff
