// dsl/diff: one revision's items, each where it sits — rules and `removed` entries by id with
// their composed citation and section, the notes each section declares, the sections by
// citation — all in the document's order. Internal to dsl/diff.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast/ast.hpp"

namespace tekigo::dsl::diff {

// The notes a section (or the file, at the top) declares; a label resolves in the innermost
// scope that declares it, as lowering resolves it.
struct NoteScope {
  const NoteScope* parent = nullptr;
  std::string key;     // the citations of the sections it is in, outermost first
  std::string clause;  // the innermost citation ("" at the top level)
  std::map<std::string, const ast::NoteDecl*, std::less<>> notes;
};

// Where an item sits.
struct Place {
  std::string clause;        // the citation of the innermost section ("" at the top level)
  std::string clause_title;  // its title (a nested section without one has its parent's)
  const NoteScope* scope = nullptr;
  std::size_t order = 0;  // among every item of the file, in the document's order
};

struct RuleEntry {
  const ast::Rule* rule = nullptr;
  std::string cite;  // composed with the section's
  Place at;
};

struct RecordEntry {
  const ast::Removed* removed = nullptr;
  std::string cite;
  Place at;
};

struct NoteEntry {
  const ast::NoteDecl* decl = nullptr;
  const NoteScope* scope = nullptr;
  std::size_t order = 0;
};

struct SectionEntry {
  std::string clause, title;
  std::size_t order = 0;
  bool informational = false;
};

// A clause of the outline, in the section that declares it.
struct ClauseEntry {
  const ast::ClauseDecl* decl = nullptr;
  std::string clause;  // the section's citation ("" at the top level)
  std::string cite;    // composed as a rule's
  std::size_t order = 0;
};

// A label resolved: the declaration it names and the scope that declares it (both null when
// no enclosing scope declares it).
struct ResolvedNote {
  const ast::NoteDecl* decl = nullptr;
  const NoteScope* scope = nullptr;
};

class Catalogue {
 public:
  explicit Catalogue(const ast::PolicyFile& file);
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

  std::vector<RuleEntry> rules;        // in order
  std::vector<RecordEntry> records;    // in order
  std::vector<NoteEntry> notes;        // in order
  std::vector<SectionEntry> sections;  // the first section of each citation, in order
  std::vector<ClauseEntry> clauses;    // the first of each label in each section, in order

  const RuleEntry* rule(std::string_view id) const;
  const RecordEntry* record(std::string_view id) const;
  const NoteEntry* note(std::string_view scope_key, std::string_view label) const;
  const SectionEntry* section(std::string_view clause) const;
  const ClauseEntry* clause(std::string_view section, std::string_view label) const;

 private:
  void walk(const std::vector<ast::Item>& items, const NoteScope* parent, const std::string& clause,
            const std::string& title);

  std::vector<std::unique_ptr<NoteScope>> scopes_;
  std::size_t order_ = 0;
  std::map<std::string, std::size_t, std::less<>> rule_index_, record_index_, section_index_;
  std::map<std::string, std::size_t, std::less<>> note_index_;    // scope key, '\n', label
  std::map<std::string, std::size_t, std::less<>> clause_index_;  // section, '\n', label
};

ResolvedNote resolve(const NoteScope* scope, std::string_view label);

}  // namespace tekigo::dsl::diff
