// dsl/checks: dead-cases (W0407, W0408) — the conditions of a rule that can never hold, and
// the cases that an earlier case always decides first, found by the analysis of
// conditions.hpp. A `check` or `manual` rule's decision list is its `expect` (a failure when
// its condition fails) and `… when` clauses in order, read where its `applies when` holds.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "dsl/checks/conditions.hpp"
#include "dsl/checks/lints.hpp"
#include "dsl/checks/typing.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::checks {

namespace {

std::optional<ConditionSets> sets_of(const ast::Expr& e, const FactScope& scope) {
  auto typed = typed_again(e, scope);
  if (!typed) return std::nullopt;
  return analyse(*typed);
}

std::string quoted(const SourceFile& source, Span span) {
  return "`" + std::string(source.slice(span)) + "`";
}

// Why no dump satisfies `never`: "`a` and `b` cannot both be true", from its first term.
std::string why_never(const Disjunction& never, const SourceFile& source) {
  std::vector<std::string> parts;
  for (const Part& p : never.why_never()) {
    if (!p.first) continue;
    std::string t = quoted(source, p.first->span);
    if (!p.second) t = "not " + t;
    if (std::find(parts.begin(), parts.end(), t) == parts.end()) parts.push_back(t);
  }
  if (parts.size() < 2) return "it contradicts itself";
  std::string last = parts.back();
  parts.pop_back();
  return fmt::format("{} and {} cannot {} be true{}", engine::join(parts, ", "), last,
                     parts.size() == 1 ? "both" : "all",
                     never.terms.size() > 1 ? " (nor can its other alternatives)" : "");
}

// "this `warn when` case", "this `expect`".
std::string case_name(const ast::Clause& c) {
  return c.kind == ast::Clause::Kind::expect
             ? "this `expect`"
             : fmt::format("this `{} when` case", status_word(c.status));
}

void check_decision_list(const TypedRule& typed, const SourceFile& source,
                         std::vector<Diagnostic>& out) {
  const ast::Rule& r = *typed.rule;
  // Where the cases are read: every `applies when` holds (those in force always).
  Disjunction context = Disjunction::always();
  for (const auto& c : r.clauses) {
    if (c.kind != ast::Clause::Kind::applies || !c.in_force.empty()) continue;
    auto sets = sets_of(*c.condition, dump_scope());
    if (!sets) return;
    context = conjoin(context, sets->holds);
    if (context.is_never()) {
      out.push_back(
          make_diagnostic(codes::W0407, "this `applies when` can never hold", c.condition->span,
                          fmt::format("{}, so rule `{}` never applies: correct the condition",
                                      why_never(context, source), r.id.value)));
      return;
    }
  }
  struct Case {
    const ast::Clause* clause;
    Disjunction holds;         // when it decides: its condition holds (an `expect`: fails)
    Disjunction stands_aside;  // when it lets later cases decide: the opposite
    engine::Status status;
    bool dead = false;  // it never decides
  };
  std::vector<Case> cases;
  for (const auto& c : r.clauses) {
    if (c.kind != ast::Clause::Kind::expect && c.kind != ast::Clause::Kind::when) continue;
    auto sets = sets_of(*c.condition, dump_scope());
    if (!sets) return;
    const std::size_t k = cases.size();
    if (k >= typed.case_statuses.size()) return;  // not reached: one case per clause
    const bool expect = c.kind == ast::Clause::Kind::expect;
    cases.push_back({&c, expect ? sets->fails : sets->holds, expect ? sets->holds : sets->fails,
                     typed.case_statuses[k]});
  }
  bool otherwise_decides = true;
  // Found first, reported after: the help says what the rule can then still give.
  struct Finding {
    std::vector<std::size_t> silenced;  // the cases it keeps from deciding
    bool silences_otherwise = false;
    Diagnostic diagnostic;
  };
  std::vector<Finding> findings;
  for (std::size_t j = 0; j < cases.size(); ++j) {
    Case& b = cases[j];
    if (b.dead) continue;  // an earlier case always decides instead (reported there)
    const Disjunction here = conjoin(context, b.holds);
    const Span at = b.clause->condition->span;
    const bool expect = b.clause->kind == ast::Clause::Kind::expect;
    if (here.is_never()) {
      b.dead = true;
      findings.push_back({{j},
                          false,
                          make_diagnostic(codes::W0407,
                                          expect ? "this `expect` can never fail"
                                                 : case_name(*b.clause) + " can never apply",
                                          at, why_never(here, source))});
      continue;
    }
    // A case that never stands aside: it decides, or its facts are unknown and then no later
    // case of another status can settle the rule (engine/eval/graph.hpp, Rule).
    const Disjunction aside = conjoin(context, b.stands_aside);
    if (aside.is_never()) {
      Finding f{
          {},
          false,
          make_diagnostic(
              codes::W0407,
              expect ? "this `expect` can never be met" : case_name(*b.clause) + " always applies",
              at,
              fmt::format("{}, so {} decides whenever its facts are known and "
                          "no later case or `otherwise` of another status can",
                          why_never(aside, source), expect ? "its failure" : "it"))};
      for (std::size_t k = j + 1; k < cases.size(); ++k)
        if (!cases[k].dead && cases[k].status != b.status) {
          cases[k].dead = true;
          f.silenced.push_back(k);
        }
      if (typed.otherwise != b.status) {
        otherwise_decides = false;
        f.silences_otherwise = true;
      }
      findings.push_back(std::move(f));
    }
    // An earlier case (in force whenever this one is) that holds whenever this one does.
    std::vector<const Case*> before;
    for (std::size_t i = 0; i < j; ++i)
      if (!cases[i].dead && cases[i].clause->in_force.empty()) before.push_back(&cases[i]);
    const Case* by = nullptr;
    for (const Case* a : before)
      if (!by && implies(here, a->holds)) by = a;
    std::vector<const Case*> by_some;
    if (!by && before.size() > 1) {
      Disjunction any = Disjunction::never();
      for (const Case* a : before) {
        any.terms.insert(any.terms.end(), a->holds.terms.begin(), a->holds.terms.end());
        any.exact = any.exact && a->holds.exact;
      }
      if (implies(here, any))
        for (const Case* a : before)
          for (const auto& t : here.terms)
            if (std::any_of(a->holds.terms.begin(), a->holds.terms.end(),
                            [&](const Conjunction& y) { return implies(t, y); }) &&
                std::find(by_some.begin(), by_some.end(), a) == by_some.end())
              by_some.push_back(a);
    }
    if (!by && by_some.empty()) continue;
    b.dead = true;
    const std::string when = expect ? "whenever " + quoted(source, at) + " fails"
                                    : "whenever " + quoted(source, at) + " holds";
    auto decides = [&](const Case& a) {
      return a.clause->kind == ast::Clause::Kind::expect
                 ? fmt::format("the earlier `expect {}` fails",
                               source.slice(a.clause->condition->span))
                 : fmt::format("the earlier {} holds", quoted(source, a.clause->condition->span));
    };
    Diagnostic d = make_diagnostic(
        codes::W0408, case_name(*b.clause) + " is never reached", at,
        by ? fmt::format("{}, {} too and decides first", when, decides(*by))
           : fmt::format("{}, one of the earlier cases holds too and decides first", when));
    if (by)
      d.notes.push_back({by->clause->condition->span, "the earlier case"});
    else
      for (const Case* a : by_some)
        d.notes.push_back({a->clause->condition->span, "an earlier case"});
    findings.push_back({{j}, false, std::move(d)});
  }
  // What the rule can still give, as W0402 would say of it.
  std::vector<engine::Status> written, possible;
  auto add = [](std::vector<engine::Status>& to, engine::Status s) {
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
  };
  for (const auto& c : cases) {
    add(written, c.status);
    if (!c.dead) add(possible, c.status);
  }
  add(written, typed.otherwise);
  if (otherwise_decides) add(possible, typed.otherwise);
  for (auto& f : findings) {
    std::vector<std::string> lost;
    std::vector<engine::Status> silenced;
    for (std::size_t k : f.silenced) add(silenced, cases[k].status);
    if (f.silences_otherwise) add(silenced, typed.otherwise);
    for (engine::Status s : silenced)
      if (std::find(possible.begin(), possible.end(), s) == possible.end())
        lost.push_back(fmt::format("`{}`", engine::status_name(s)));
    std::string then;
    if (possible.size() == 1 && written.size() > 1)
      then = fmt::format("; rule `{}` can then only ever be `{}` (see W0402)", r.id.value,
                         engine::status_name(possible.front()));
    else if (!lost.empty())
      then =
          fmt::format("; rule `{}` can then never be {}", r.id.value, engine::join(lost, " or "));
    f.diagnostic.help += then + ": correct the condition, or remove the case";
    out.push_back(std::move(f.diagnostic));
  }
}

void check_forbid_items(const TypedRule& typed, const SourceFile& source,
                        std::vector<Diagnostic>& out) {
  const ast::Rule& r = *typed.rule;
  std::size_t dead = 0;
  std::vector<Diagnostic> found;
  for (const auto& item : r.items) {
    auto sets = sets_of(*item.predicate, forbid_item_scope(item.kind));
    if (!sets || !sets->holds.is_never()) continue;
    ++dead;
    found.push_back(
        make_diagnostic(codes::W0407,
                        item.label ? fmt::format("item `{}` can never be found", item.label->value)
                                   : std::string("this item can never be found"),
                        item.predicate->span, why_never(sets->holds, source)));
  }
  for (auto& d : found) {
    if (dead == r.items.size())
      d.help += fmt::format("; rule `{}` can then only ever be `pass`", r.id.value);
    d.help += ": correct the condition, or remove the item";
    out.push_back(std::move(d));
  }
}

void check_line_unless(const TypedRule& typed, const SourceFile& source,
                       std::vector<Diagnostic>& out) {
  for (const auto& lc : typed.rule->classes) {
    if (!lc.unless) continue;
    auto sets = sets_of(*lc.unless, dump_scope());
    if (!sets || !sets->holds.is_never()) continue;
    out.push_back(make_diagnostic(
        codes::W0407, "this `unless` can never hold", lc.unless->span,
        why_never(sets->holds, source) +
            ": the class always gives its own status; correct the condition, or remove `unless`"));
  }
}

}  // namespace

void check_dead_cases(const PassInput& input, std::vector<Diagnostic>& out) {
  for (const TypedRule& typed : *input.typed_rules) {
    if (!typed.in_graph) continue;
    switch (typed.rule->kind) {
      case ast::Rule::Kind::check:
      case ast::Rule::Kind::manual:
        check_decision_list(typed, input.source, out);
        break;
      case ast::Rule::Kind::forbid:
        check_forbid_items(typed, input.source, out);
        break;
      case ast::Rule::Kind::line:
        check_line_unless(typed, input.source, out);
        break;
      default:
        break;
    }
  }
}

}  // namespace tekigo::dsl::checks
