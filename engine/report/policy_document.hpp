// engine/report: a compiled policy read as the document it encodes (`tekigo doc`,
// docs/auditors.md) — its sections in the document's order, each rule as its sentence and
// what is checked in words, the document's tables (the support matrix, the names, the flows,
// 別表), notes where the document puts them, entries it removed, and the traceability of every
// clause to rules, test cases and example outcomes. Plain values: dsl/doc fills them from the
// policy the compiler accepted, so the rendering cannot drift from what is evaluated; the
// writers below know no syntax.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/local_text.hpp"
#include "engine/report/report.hpp"

namespace tekigo::engine {

// A note of the document (※1) as a rule or row refers to it, with its text.
struct DocNote {
  std::string label;  // ※1
  LocalText text;
};

// One decision of a rule in words: `fail when …` with its message.
struct DocCase {
  enum class Kind { applies, when, expect, otherwise };
  Kind kind = Kind::when;
  std::string status;              // pass warn fail unknown manual (the language's words)
  LocalText condition;             // empty for otherwise
  LocalText message;               // the case's message (may be empty)
  std::vector<std::string> notes;  // note labels
  LocalText window;                // "from … until …" (may be empty)
};

// One row of a support matrix (§3(1)): the document's words beside what is checked.
struct DocRow {
  std::string label;    // 項: "1"
  LocalText title;      // the row's title: "Windows 7 SP1 or later"
  LocalText document;   // the title of the outline's clause for the row (#1): the document's words
  LocalText os;         // what is checked: "Windows 7, SP1 or later"
  LocalText browsers;   // "Internet Explorer 9–11"
  LocalText disk;       // "100 MiB (104,857,600 bytes) or more"
  LocalText condition;  // a row's extra `when` (may be empty)
  LocalText warn;       // a row that passes with a warning says why (備考)
  std::vector<std::string> notes;
  LocalText window;
};

// One thing a `forbid` rule looks for (別表): its kind, its label and its condition in words.
struct DocItem {
  LocalText kind;       // "Installed software", "Network adapter", "Condition"
  LocalText label;      // "iTunes"
  LocalText condition;  // `name` matches «^itunes( |$)»
  LocalText window;
};

// A class of lines of a `line` rule (§2(1)).
struct DocLineClass {
  std::string status;  // recommended usable unusable
  std::vector<std::string> lines;
  LocalText message;
  std::vector<std::string> notes;
  // `unless COND STATUS "message"`: a terminal on such a line for which COND holds gets STATUS.
  LocalText unless;  // the condition (empty: none)
  std::string unless_status;
  LocalText unless_message;
};

// A clause of the document in its section's outline (`clause "#1" "…"`): the document's words.
struct DocClause {
  std::string label;  // "#1"
  std::string cite;   // composed as a rule's: "§3(3) 別表 #1"
  LocalText title;
  bool informational = false;
};

struct DocRule {
  std::string id;
  std::string kind;      // matrix forbid resolve flow check manual line
  std::string cite;      // composed: "§3(3) 別表 #7"
  std::string own_cite;  // as the rule writes it ("#7"; empty: the section's)
  LocalText title;       // the rule's sentence
  LocalText rationale;   // the reading of the document the rule encodes (may be empty)
  // The outline's clauses it encodes (its cite; a matrix's rows), composed; empty when its
  // section declares none it names.
  std::vector<std::string> clauses;
  LocalText document;              // the title of the clause its cite names: the document's words
  std::vector<std::string> notes;  // the rule's own note labels
  LocalText window;                // in force from/until (may be empty)
  std::string where;               // file:line
  LocalText applies;               // when the rule applies at all (may be empty)
  std::vector<DocCase> cases;      // check, manual: the decision list in order
  LocalText otherwise;             // matrix: what a terminal matching no row gets
  std::vector<DocRow> rows;        // matrix
  std::vector<DocItem> items;      // forbid
  std::vector<DocLineClass> classes;  // line
  // resolve
  std::string name;
  std::vector<std::string> addresses;
  bool direct = false;
  // flow
  std::vector<std::string> protocols;
  std::vector<std::string> ports;
  std::string to;
  LocalText purpose;
};

struct DocRemoved {
  std::string id, cite;
  LocalText title;
  std::string revision;
};

// A section of the document, with what sits in it, in the policy's order.
struct DocSection {
  std::string cite;  // §3(1)
  LocalText title;
  bool informational = false;      // states no requirement (no rule is expected)
  std::vector<DocNote> notes;      // the notes the section declares, in order
  std::vector<DocClause> clauses;  // the outline of the section (may be empty)
  std::vector<DocRule> rules;
  std::vector<DocRemoved> removed;
  std::vector<DocSection> sections;  // nested sections
};

// A clause of the document traced to what encodes and tests it.
struct TraceCase {
  std::string file;    // the case file's name
  std::string expect;  // the status the case expects of the rule ("" when it pins none)
  bool ok = true;      // the case ran and met its expectations
};
struct TraceExample {
  std::string dump;    // the example's file name
  std::string status;  // the rule's outcome on it
};
struct TraceRule {
  std::string id;
  std::vector<TraceCase> cases;
  std::size_t sides = 0, covered = 0;  // the rule's coverage by the cases
  std::vector<TraceExample> examples;
};
struct TraceClause {
  std::string cite;
  LocalText title;
  bool informational = false;
  std::vector<TraceRule> rules;  // empty: no rule encodes it
  // The document removed the clause (`removed` entries citing it): the revisions that did, or
  // "" for an entry that names none.
  std::vector<std::string> removed_in;
};
struct Traceability {
  bool has_cases = false;     // the policy's test cases were run
  bool has_examples = false;  // example dumps were evaluated
  std::string cases_folder;   // where the cases were found
  std::size_t case_count = 0, case_failures = 0;
  std::vector<TraceClause> clauses;
};

struct PolicyDocument {
  std::string id;
  LocalText title;
  std::string revision, effective;
  LocalText source;
  std::string file;    // the policy file
  std::string sha256;  // of the policy text (may be empty)
  std::string as_of;   // the date the document was rendered for (may be empty)
  std::string tool_version;
  std::vector<DocSection> sections;
  std::vector<DocRule> loose_rules;  // rules outside every section
  std::vector<DocNote> notes;        // notes declared outside every section
  std::vector<DocRemoved> removed;   // removed entries outside every section
  std::optional<Traceability> trace;
};

enum class DocFormat { html, markdown };
std::optional<DocFormat> parse_doc_format(std::string_view name);  // "html", "markdown"

void write_policy_document(const PolicyDocument& doc, DocFormat format, Lang lang,
                           std::ostream& out);

}  // namespace tekigo::engine
