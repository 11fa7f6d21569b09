// dsl/diff: the semantic diff of two revisions of a policy — the model. Rules are matched by
// id, sections by citation, notes by their label in the section that declares them; inside a
// rule each part is compared by what it means (dsl/checks typing: `100MiB` and `100 MiB`,
// `"tcp"` and `tcp` are equal), never by how it is laid out, and comments never count.
// diff_policies() computes a PolicyDiff; its three writers (writers.hpp) print it as text,
// Markdown (a change log) or JSON (docs/diff.md has the schema).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/source.hpp"

namespace tekigo::dsl::diff {

// What changed, one kind per part of a policy that has a meaning. The names (change_kind_name)
// are the stable `kind` of the JSON.
enum class ChangeKind : std::uint8_t {
  // every rule
  kind,       // the rule kind (check → forbid): the body is not compared further
  cite,       // its citation, as composed with its section's
  sentence,   // the human sentence
  rationale,  // `rationale "…"`: how the rule reads the document
  notes,      // the notes attached to its head (labels)
  note_text,  // a note the rule carries (anywhere in it) now reads differently
  window,     // `from`/`until`
  // check, manual: the decision list (order matters)
  applies,  // the `applies when` conditions
  case_added,
  case_removed,
  case_moved,  // the same case at another place in the list
  case_condition,
  case_status,
  case_message,
  case_notes,
  case_window,
  // matrix (rows are alternatives: their order does not count)
  row_added,
  row_removed,
  row_title,
  row_notes,
  row_os,  // the OS family
  row_versions,
  row_releases,
  row_service_pack,
  row_editions,  // `except edition`
  row_browsers,
  row_disk,
  row_when,
  row_warn,
  row_warn_notes,
  row_window,
  // resolve, flow
  name,
  address,
  direct,
  protocol,
  direction,
  from_port,
  to,
  port,
  purpose,
  // forbid (items are alternatives: their order does not count)
  item_added,
  item_removed,
  item_kind,
  item_label,
  item_pattern,
  item_version,
  item_condition,
  item_window,
  // line
  class_added,
  class_removed,
  class_lines,
  class_message,
  class_notes,
  class_unless,
  class_unless_status,
  class_unless_message,
  class_unless_notes,
  // a `removed` entry present in both revisions
  record_cite,
  record_title,
  record_revision,
};

// "row-releases", "case-condition", … (the JSON's `kind`).
std::string_view change_kind_name(ChangeKind kind);

// The part of a rule a change is about.
struct Target {
  enum class Type : std::uint8_t { rule, case_, otherwise, row, item, class_ };
  Type type = Type::rule;
  std::string label;         // row: its label; item: its label (may be empty); class: its status
  std::string text;          // case: its head as written ("fail when os.release <= 1903");
                             // item: its kind (software, when, …); class: its lines as written
  std::size_t position = 0;  // case: 1-based in the decision list; item: among its kind (no label)
};

std::string_view target_type_name(Target::Type type);  // "rule", "case", "row", …

// One change inside a rule (or a `removed` entry). Values are as written in OLD and NEW
// (nullopt: there was none); for a set of values (versions, ports, addresses, lines …) also
// the members that came and went, in NEW's (resp. OLD's) order.
struct Change {
  ChangeKind kind = ChangeKind::sentence;
  Target target;
  std::optional<std::string> before, after;
  std::vector<std::string> added, removed;
};

// A `removed` entry as written, its citation composed as a rule's.
struct Record {
  std::string cite, title, revision;
};

// A rule or a `removed` entry that differs between the revisions.
struct EntryDiff {
  enum class What : std::uint8_t {
    rule_added,      // in NEW only (`recorded`: OLD had it as a `removed` entry)
    rule_removed,    // in OLD only (`recorded`: NEW records it as a `removed` entry)
    rule_changed,    // in both: `changes`
    record_added,    // a `removed` entry NEW adds for a rule OLD did not have either
    record_dropped,  // a `removed` entry of OLD that NEW has neither as entry nor as rule
    record_changed,  // a `removed` entry in both: `changes` (record_*)
  };
  What what = What::rule_changed;
  std::string id;
  std::string kind;          // the rule kind (NEW's, else OLD's); "removed" for a record
  std::string cite;          // composed (NEW's, else OLD's)
  std::string clause;        // the citation of the section it sits in (NEW's, else OLD's)
  std::string clause_title;  // that section's title
  std::string title;         // its sentence (NEW's, else OLD's)
  std::optional<Record> recorded;
  std::vector<Change> changes;
  std::size_t order = 0;  // the document's order, shared with NoteChange and SectionChange
};

// A note whose declared text changed: once per note, with the rules of NEW that carry it.
struct NoteChange {
  std::string clause;  // the citation of the section that declares it ("" at the top level)
  std::string label;   // ※1
  std::string before, after;
  std::vector<std::string> rules;  // ids, in NEW's order
  std::size_t order = 0;
};

// A section (by citation) whose title changed.
struct SectionChange {
  std::string clause;
  std::string before, after;
  std::size_t order = 0;
};

// A clause of the outline (`clause "#1" "…"`, by its label in the section that declares it)
// that came, went or changed its title or `informational`; or, with an empty label, a
// section whose `informational` changed.
struct OutlineChange {
  enum class What : std::uint8_t { added, removed, changed };
  What what = What::changed;
  std::string clause;  // the citation of the section that declares it ("" at the top level)
  std::string label;   // "#1" ("" for the section itself)
  std::string cite;    // composed as a rule's citation: "§3(3) 別表 #1"
  std::optional<std::string> before, after;  // its title in OLD and NEW (nullopt: none)
  bool informational_before = false, informational_after = false;
  std::size_t order = 0;
};

std::string_view outline_change_name(OutlineChange::What what);  // "added", "removed", …

// A field of the policy header.
struct HeaderChange {
  std::string field;  // id, title, revision, effective, source
  std::optional<std::string> before, after;
};

struct PolicySide {
  std::string file, id, title, revision, effective, source;
};

struct PolicyDiff {
  PolicySide old_policy, new_policy;
  std::vector<HeaderChange> header;
  std::vector<SectionChange> sections;  // in NEW's order
  std::vector<NoteChange> notes;        // in NEW's order
  std::vector<OutlineChange> outline;   // in the document's order (NEW's; what left, where it was)
  std::vector<EntryDiff> entries;       // in the document's order (NEW's; what left, where it was)

  // No change in meaning: the exit code 0 of `tekigo diff`.
  bool empty() const {
    return header.empty() && sections.empty() && notes.empty() && outline.empty() &&
           entries.empty();
  }
  std::size_t count(EntryDiff::What what) const;
};

// One revision: the AST the passes checked and its source (for the text of expressions).
struct PolicyInput {
  const ast::PolicyFile& file;
  const SourceFile& source;
};

// The semantic diff from `old_policy` to `new_policy`. Both should have compiled without
// error (they are compared as typed); on a policy with errors it still compares what parsed.
PolicyDiff diff_policies(const PolicyInput& old_policy, const PolicyInput& new_policy);

}  // namespace tekigo::dsl::diff
