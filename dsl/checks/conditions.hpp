// dsl/checks: what a typed condition allows — for the lints that find a case that can never
// hold, or can never be reached (case_lints.cpp), and the matrix rows one another shadows.
//
// A condition is three-valued (engine/eval/tri.hpp): it holds, it fails, or it is unknown (a
// fact is absent or unreadable). The analysis gives, for each condition, when it holds and
// when it fails, each as a disjunction of conjunctions. A conjunction constrains facts: for a
// fact path (and the type a comparison reads it as), the set of its values (value_sets.hpp),
// whether it is present, and the sub-conditions the analysis does not look into (a pattern, a
// quantifier, `contains`), which it keeps whole and compares as written. It is sound: a
// conjunction found empty can never be satisfied, and `implies` is true only when every dump
// that satisfies one satisfies the other. It is not complete: it does not know, say, that no
// integer lies strictly between 10 and 11, or what a pattern matches.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/checks/typing.hpp"
#include "dsl/checks/value_sets.hpp"

namespace tekigo::dsl::checks {

// A part of a condition, and whether it must hold (true) or fail (false).
using Part = std::pair<const ast::Expr*, bool>;

struct Conjunction {
  // "0:os.version#version": the values of a fact as one type reads them.
  struct Constraint {
    std::string path;  // the fact, "depth:dotted"
    View view;
    Values values;
    std::vector<Part> from;  // the comparisons that say so
  };
  std::map<std::string, Constraint> values;
  // "depth:dotted" → what presence is allowed: kPresent, kAbsent or both, and who says so.
  static constexpr unsigned kPresent = 1, kAbsent = 2;
  std::map<std::string, unsigned> presence;
  std::map<std::string, std::vector<Part>> presence_from;
  // Sub-conditions taken whole.
  std::vector<Part> opaque;

  bool empty() const { return !conflict().empty(); }
  // Why no dump satisfies it: the parts that cannot all be as required; none when some can.
  std::vector<Part> conflict() const;
};

struct Disjunction {
  std::vector<Conjunction> terms;  // none: never
  // False when the analysis gave up on a part (too many terms): then `terms` allow more
  // than the condition does (still sound for `never`), but it cannot be an implied side.
  bool exact = true;
  // The conflict of the first term dropped because no dump satisfies it, for messages.
  std::vector<Part> dropped;

  static Disjunction never() { return {}; }
  static Disjunction always() { return of(Conjunction{}); }
  static Disjunction of(Conjunction term) {
    Disjunction d;
    d.terms.push_back(std::move(term));
    return d;
  }
  bool is_never() const;  // every term empty
  // Why it is never: the conflict of its first term, or of the first dropped one.
  std::vector<Part> why_never() const;
};

// When a condition holds and when it fails.
struct ConditionSets {
  Disjunction holds, fails;
};

// The condition `typed`, typed at depth `typed.depth`.
ConditionSets analyse(const TypedExpr& typed);

// Both: the dumps that satisfy `a` and `b` (possibly none: see Conjunction::empty).
Conjunction both(const Conjunction& a, const Conjunction& b);
Disjunction conjoin(const Disjunction& a, const Disjunction& b);

// Every dump that satisfies `a` satisfies `b` (false when `b` is not exact). `a`'s terms
// that no dump satisfies are skipped.
bool implies(const Disjunction& a, const Disjunction& b);
bool implies(const Conjunction& a, const Conjunction& b);

// The constraint `fact ∈ values` (the fact present), as a one-term disjunction.
Conjunction constrain(const std::string& path, View view, engine::FactType type, Values values);
// "depth:dotted" and the key of a fact read as `type`.
std::string fact_key(std::uint32_t depth, const std::string& dotted);
std::string value_key(const std::string& fact, engine::FactType type);

// Two expressions that say the same, ignoring where they are written.
bool same_expression(const ast::Expr& a, const ast::Expr& b);

}  // namespace tekigo::dsl::checks
