// dsl/diff: the comparison of one rule of two revisions (compare.hpp's compare_rules), part by
// part. Internal to dsl/diff. Every part is compared by its meaning (meaning.hpp) and shown as
// written. A decision list is ordered (a case that moves is a change); matrix rows, forbid
// items and line classes are not (they are matched by label, else by kind and meaning, else by
// position). What every rule has (kind, cite, title, rationale, notes, window) and the parts
// the kinds share are in rules.cpp; each kind's own body in a file of its own:
// rules_decisions.cpp (check, manual), rules_matrix.cpp, rules_network.cpp (resolve, flow),
// rules_forbid.cpp, rules_line.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/diff/compare.hpp"

namespace tekigo::dsl::diff {

// One value of a part: what it means and how it is written.
struct Member {
  std::string key, text;
};

std::string joined(const std::vector<Member>& members);
std::vector<Member> note_members(const std::vector<ast::NoteRef>& refs);
std::optional<std::string> text_of(const std::optional<ast::Text>& t);

class RuleComparison {
 public:
  RuleComparison(const RuleEntry& a, Side& old_side, const RuleEntry& b, Side& new_side,
                 std::vector<Change>& out)
      : a_(a), b_(b), ra_(*a.rule), rb_(*b.rule), old_(old_side), new_(new_side), out_(out) {}
  void run();

 private:
  void add(ChangeKind kind, const Target& target, std::optional<std::string> before,
           std::optional<std::string> after, std::vector<std::string> added = {},
           std::vector<std::string> removed = {});
  // A part with one value (or none).
  void value(ChangeKind kind, const Target& target, const std::optional<Member>& a,
             const std::optional<Member>& b);
  // A part whose values are a set: their order does not count.
  void set(ChangeKind kind, const Target& target, const std::vector<Member>& a,
           const std::vector<Member>& b);
  void notes(ChangeKind kind, const Target& target, const std::vector<ast::NoteRef>& a,
             const std::vector<ast::NoteRef>& b);
  void window(ChangeKind kind, const Target& target, const ast::InForce& a, const ast::InForce& b);
  void message(ChangeKind kind, const Target& target, const std::optional<ast::Text>& a,
               const std::optional<ast::Text>& b);
  // A condition that is there on both sides, or on one only.
  void condition(ChangeKind kind, const Target& target, const ast::Expr* a, const ast::Expr* b,
                 const checks::FactScope& scope);
  // A note the rule carries on both sides (anywhere in it) that now reads differently: once
  // per note and rule (a note declaration's own change is a NoteChange of the policy).
  void note_texts();
  static std::vector<std::string> carried(const ast::Rule& r);

  // ---- check, manual -----------------------------------------------------------------------
  struct CaseView {
    const ast::Clause* clause;
    std::string ident;      // what the case is: its kind and the meaning of its condition
    std::string condition;  // its condition as written
    std::string head;       // "fail when …", "expect …"
    Condition read;
  };
  // How alike two conditions are: the same shape, and each predicate they share.
  static int alike(const Condition& x, const Condition& y);
  std::vector<CaseView> cases(const ast::Rule& r, Reading& reading);
  static std::string case_text(const CaseView& v);
  // What `otherwise` gives: its own status, else fail when some case says `pass when`, else
  // pass (as dsl/lower/check.cpp decides it).
  static ast::CaseStatus otherwise_status(const ast::Rule& r, const ast::Clause* otherwise);
  // `applies when` (check, manual, forbid): all of them must hold, in any order.
  void applies();
  static const ast::Clause* otherwise_of(const ast::Rule& r);
  // The `otherwise` case: its status, message and notes.
  void otherwise(ast::CaseStatus sa, ast::CaseStatus sb, const ast::Clause* otherwise_a,
                 const ast::Clause* otherwise_b);
  void decision_list();

  // ---- matrix ------------------------------------------------------------------------------
  static std::vector<Member> specs(const std::vector<ast::VersionSpec>& v, engine::FactType type);
  static std::vector<Member> browsers(const ast::MatrixRow& row);
  void row(const ast::MatrixRow& x, const ast::MatrixRow& y);
  void matrix();

  // ---- resolve, flow -----------------------------------------------------------------------
  static std::optional<Member> host(const std::optional<ast::Text>& h);
  static std::vector<Member> operands(const std::vector<ast::Operand>& v, engine::FactType type);
  void resolve();
  void flow();

  // ---- forbid ------------------------------------------------------------------------------
  struct ItemView {
    const ast::ForbidItem* item;
    Condition condition;
    std::size_t position;  // among the items of its kind
  };
  static std::vector<ItemView> items(const ast::Rule& r, Reading& reading);
  static Target item_target(const ItemView& v);
  // A changed condition: where both have one shape, each leaf that changed (a pattern, a
  // version, another predicate), else the whole condition.
  void item_condition(const Target& t, const ItemView& x, const ItemView& y);
  void forbid();

  // ---- line --------------------------------------------------------------------------------
  static std::vector<Member> lines(const ast::LineClass& lc);
  static Target class_target(const ast::LineClass& lc);
  void line_class(const ast::LineClass& x, const ast::LineClass& y);
  void line();

  // The two rules compared, the revisions they are read in, and where the changes go.
  const RuleEntry& a_;
  const RuleEntry& b_;
  const ast::Rule& ra_;
  const ast::Rule& rb_;
  Side& old_;
  Side& new_;
  std::vector<Change>& out_;
};

}  // namespace tekigo::dsl::diff
