// dsl/lower: lowering a checked policy into engine's graph. Each rule kind has its file
// (check.cpp, manual.cpp, matrix.cpp, resolve.cpp, flow.cpp, forbid.cpp, line.cpp) and turns
// one rule into a decision list (docs/language.md, "Rule kinds"), typing the expressions
// and literals it lowers (dsl/checks/typing.hpp) and reporting what is wrong with the shape
// of the rule (E03xx). rules.cpp walks the items and sets every rule's head; this header is
// what they share.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/source.hpp"
#include "dsl/checks/passes.hpp"
#include "dsl/checks/typing.hpp"
#include "engine/eval/graph.hpp"
#include "engine/eval/policy_info.hpp"
#include "engine/facts/collection_plan.hpp"

namespace tekigo::dsl::lower {

// The notes, citation and section title where a rule is written.
struct NoteScope {
  const NoteScope* parent = nullptr;
  std::map<std::string, engine::LocalText> notes;  // label → text
  std::string cite;
  engine::LocalText title;
  const std::vector<ast::Item>* items = nullptr;  // the scope's items (its clauses)
  // "※1 text" for a label declared here or in an enclosing scope; else the label alone.
  engine::LocalText resolve(const std::string& label) const;
};

// The lowering of one policy: the graph being built and what every rule kind needs.
class Lowering {
 public:
  Lowering(const SourceFile& source, std::vector<Diagnostic>& diagnostics);

  engine::GraphBuilder builder;
  checks::Typing typing;
  engine::CollectionPlan plan;  // names and probes; the fact paths once the graph is built
  std::vector<checks::TypedRule> typed_rules;  // one per rule, in order, for the lints
  std::vector<engine::RemovedInfo> removed;    // the `removed` entries, in order (not lowered)
  std::vector<engine::SectionInfo> outline;    // the sections and their clauses, in order
  engine::Lang untagged = engine::Lang::en;    // the language of untagged strings (`language`)

  // ---- diagnostics and source --------------------------------------------------------
  void error(const DiagnosticCode& code, std::string message, Span span, std::string help = {});
  // A related place for the diagnostic just reported (`= note: … (file:line:col)`).
  void note(Span span, std::string text);
  std::string text(Span span) const;  // the source under `span`, on one line
  engine::SourceRef ref(Span span) const { return source_.ref(span); }
  // A sentence of the policy in both languages (ast::local_text, in `untagged`).
  engine::LocalText local(const ast::Text& text) const { return ast::local_text(text, untagged); }
  engine::LocalText local(const std::optional<ast::Text>& text) const {
    return ast::local_text(text, untagged);
  }

  // ---- building blocks ---------------------------------------------------------------
  // A condition typed in `scope` and lowered; nullopt after its diagnostics.
  std::optional<engine::NodeId> condition(const ast::Expr& e, const checks::FactScope& scope);
  // The schema of a fact the rule kind reads by name: {"os", "family"}.
  const engine::SchemaNode& field(std::initializer_list<const char*> path) const;
  engine::NodeId root_fact(std::initializer_list<const char*> path, Span span);
  engine::NodeId element_fact(std::uint32_t depth, const engine::SchemaNode& element,
                              const char* name, Span span);
  // `fact op literal`, with that text for evidence.
  engine::NodeId compare(engine::NodeId fact, engine::CompareOp op, engine::Literal literal,
                         Span span);
  // The window in time `w` as a condition on the check date (`today >= FROM and today <=
  // UNTIL`) and as it reads in messages ("from … until …"), or nullopt when `w` is empty or
  // a date is malformed (the pass `windows` reports that).
  struct Window {
    engine::NodeId node;
    std::string text;
  };
  std::optional<Window> window(const ast::InForce& w);
  // `condition` limited to the window `w` of a case, row or item: it holds only while the check
  // date is in `w`; without a check date it is unknown unless false anyway, so that what is
  // limited in time never passes undated. `condition` itself when `w` is empty.
  engine::NodeId within(engine::NodeId condition, const ast::InForce& w);
  // The notes of a case or rule, resolved in `scope`.
  std::vector<engine::LocalText> notes(const std::vector<ast::NoteRef>& refs,
                                       const NoteScope& scope) const;

 private:
  const SourceFile& source_;
  std::vector<Diagnostic>& diagnostics_;
};

// One value of `type` as a literal (a value the rule kind writes itself, not the policy).
engine::Literal literal_of(engine::FactType type, engine::Scalar value, std::string text);

// The status a clause names.
engine::Status status_of(ast::CaseStatus status);

// A rule kind: fills the decision list of `out` (whose head rules.cpp has set) and returns
// whether the rule lowered without error; a rule that did not is left out of the graph.
using RuleKindLowering = bool (*)(const ast::Rule& rule, const NoteScope& scope, engine::Rule& out,
                                  Lowering& lowering);
bool lower_check(const ast::Rule&, const NoteScope&, engine::Rule&, Lowering&);
bool lower_manual(const ast::Rule&, const NoteScope&, engine::Rule&, Lowering&);
bool lower_matrix(const ast::Rule&, const NoteScope&, engine::Rule&, Lowering&);
bool lower_resolve(const ast::Rule&, const NoteScope&, engine::Rule&, Lowering&);
bool lower_flow(const ast::Rule&, const NoteScope&, engine::Rule&, Lowering&);
bool lower_forbid(const ast::Rule&, const NoteScope&, engine::Rule&, Lowering&);
bool lower_line(const ast::Rule&, const NoteScope&, engine::Rule&, Lowering&);

// The lowering of each rule kind.
RuleKindLowering rule_kind_lowering(ast::Rule::Kind kind);

// Lowers the policy's items in order (sections open note scopes): every rule that lowers
// is added to `lowering.builder`, and every rule gets its TypedRule; a `removed` entry is
// not lowered (nothing evaluates it), only listed in `lowering.removed`.
void lower_items(const std::vector<ast::Item>& items, Lowering& lowering);

}  // namespace tekigo::dsl::lower
