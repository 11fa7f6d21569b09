// dsl/diff: the decision list of a check or manual rule, compared case by case (ordered:
// a case that moves is a change), `applies when` and `otherwise` (rule_comparison.hpp).
#include <optional>
#include <set>

#include "dsl/diff/alignment.hpp"
#include "dsl/diff/rule_comparison.hpp"

namespace tekigo::dsl::diff {

// How alike two conditions are: the same shape, and each predicate they share.
int RuleComparison::alike(const Condition& x, const Condition& y) {
  int score = x.shape == y.shape ? 1 : 0;
  std::multiset<std::string> leaves;
  for (const auto& l : x.leaves) leaves.insert(l.second);
  for (const auto& l : y.leaves)
    if (auto it = leaves.find(l.second); it != leaves.end()) {
      ++score;
      leaves.erase(it);
    }
  return score;
}

std::vector<RuleComparison::CaseView> RuleComparison::cases(const ast::Rule& r, Reading& reading) {
  std::vector<CaseView> out;
  for (const auto& c : r.clauses) {
    if (c.kind != ast::Clause::Kind::expect && c.kind != ast::Clause::Kind::when) continue;
    if (!c.condition) continue;
    CaseView v{&c, "", reading.text(*c.condition), "",
               reading.condition(*c.condition, checks::dump_scope())};
    const bool expect = c.kind == ast::Clause::Kind::expect;
    v.ident = (expect ? "expect " : "when ") + v.read.key;
    v.head = expect ? "expect " + v.condition
                    : std::string(ast::status_word(c.status)) + " when " + v.condition;
    out.push_back(std::move(v));
  }
  return out;
}

std::string RuleComparison::case_text(const CaseView& v) {
  return v.clause->message ? v.head + " \"" + v.clause->message->value + "\"" : v.head;
}

// What `otherwise` gives: its own status, else fail when some case says `pass when`, else
// pass (as dsl/lower/check.cpp decides it).
ast::CaseStatus RuleComparison::otherwise_status(const ast::Rule& r, const ast::Clause* otherwise) {
  if (otherwise) return otherwise->status;
  for (const auto& c : r.clauses)
    if (c.kind == ast::Clause::Kind::when && c.status == ast::CaseStatus::pass)
      return ast::CaseStatus::fail;
  return ast::CaseStatus::pass;
}

// `applies when` (check, manual, forbid): all of them must hold, in any order.
void RuleComparison::applies() {
  std::vector<Member> applies_a, applies_b;
  for (const auto& c : ra_.clauses)
    if (c.kind == ast::Clause::Kind::applies && c.condition)
      applies_a.push_back({old_.reading.condition(*c.condition, checks::dump_scope()).key,
                           old_.reading.text(*c.condition)});
  for (const auto& c : rb_.clauses)
    if (c.kind == ast::Clause::Kind::applies && c.condition)
      applies_b.push_back({new_.reading.condition(*c.condition, checks::dump_scope()).key,
                           new_.reading.text(*c.condition)});
  set(ChangeKind::applies, Target{}, applies_a, applies_b);
}

const ast::Clause* RuleComparison::otherwise_of(const ast::Rule& r) {
  const ast::Clause* out = nullptr;
  for (const auto& c : r.clauses)
    if (c.kind == ast::Clause::Kind::otherwise) out = &c;
  return out;
}

// The `otherwise` case: its status, message and notes.
void RuleComparison::otherwise(ast::CaseStatus sa, ast::CaseStatus sb,
                               const ast::Clause* otherwise_a, const ast::Clause* otherwise_b) {
  Target t{Target::Type::otherwise, "", "otherwise", 0};
  if (sa != sb)
    add(ChangeKind::case_status, t, std::string(ast::status_word(sa)),
        std::string(ast::status_word(sb)));
  static const std::optional<ast::Text> none;
  message(ChangeKind::case_message, t, otherwise_a ? otherwise_a->message : none,
          otherwise_b ? otherwise_b->message : none);
  static const std::vector<ast::NoteRef> no_notes;
  notes(ChangeKind::case_notes, t, otherwise_a ? otherwise_a->notes : no_notes,
        otherwise_b ? otherwise_b->notes : no_notes);
}

void RuleComparison::decision_list() {
  const auto ca = cases(ra_, old_.reading), cb = cases(rb_, new_.reading);
  const ast::Clause *otherwise_a = otherwise_of(ra_), *otherwise_b = otherwise_of(rb_);
  applies();

  std::vector<std::string> ka, kb;
  for (const auto& v : ca) ka.push_back(v.ident);
  for (const auto& v : cb) kb.push_back(v.ident);
  // Two cases of one kind and status are alike; and as alike as their conditions are.
  const Alignment al = align(ka, kb, [&](int i, int j) {
    const ast::Clause& x = *ca[i].clause;
    const ast::Clause& y = *cb[j].clause;
    const bool same =
        x.kind == y.kind && (x.kind == ast::Clause::Kind::expect || x.status == y.status);
    return (same ? 2 : 0) + alike(ca[i].read, cb[j].read);
  });
  auto removed = [&](int i) {
    Target t{Target::Type::case_, "", ca[i].head, static_cast<std::size_t>(i + 1)};
    add(ChangeKind::case_removed, t, case_text(ca[i]), std::nullopt);
  };
  for (std::size_t j = 0; j < cb.size(); ++j) {
    for (int i : al.removed_before[j]) removed(i);
    Target t{Target::Type::case_, "", cb[j].head, j + 1};
    const int i = al.old_of_new[j];
    if (i < 0) {
      add(ChangeKind::case_added, t, std::nullopt, case_text(cb[j]));
      continue;
    }
    const ast::Clause& x = *ca[i].clause;
    const ast::Clause& y = *cb[j].clause;
    if (al.moved[j]) add(ChangeKind::case_moved, t, std::to_string(i + 1), std::to_string(j + 1));
    if (al.rewritten[j]) {
      if (x.kind == y.kind)
        add(ChangeKind::case_condition, t, ca[i].condition, cb[j].condition);
      else
        add(ChangeKind::case_condition, t, ca[i].head, cb[j].head);
    }
    if (x.kind == y.kind && x.kind == ast::Clause::Kind::when && x.status != y.status)
      add(ChangeKind::case_status, t, std::string(ast::status_word(x.status)),
          std::string(ast::status_word(y.status)));
    message(ChangeKind::case_message, t, x.message, y.message);
    notes(ChangeKind::case_notes, t, x.notes, y.notes);
    window(ChangeKind::case_window, t, x.in_force, y.in_force);
  }
  for (int i : al.removed_before[cb.size()]) removed(i);

  otherwise(otherwise_status(ra_, otherwise_a), otherwise_status(rb_, otherwise_b), otherwise_a,
            otherwise_b);
}

}  // namespace tekigo::dsl::diff
