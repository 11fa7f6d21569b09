// dsl/lower: `check` — its clauses, in order, are the decision list (docs/language.md,
// "check"): `expect E` fails when not E, `STATUS when E` gives STATUS, `otherwise` replaces
// the default `otherwise pass`, and `applies when` makes the rule n/a. A rule without
// `expect` or `… when` is E0301.
#include <fmt/format.h>

#include <algorithm>

#include "dsl/lower/lowering.hpp"
#include "engine/eval/explanations.hpp"

namespace tekigo::dsl::lower {

bool lower_check(const ast::Rule& r, const NoteScope& scope, engine::Rule& out, Lowering& l) {
  bool ok = true;
  bool has_condition = false;
  out.manual_message = engine::phrase(engine::Phrase::manual_to_check, out.title);
  std::vector<engine::NodeId> applies;
  for (const auto& c : r.clauses) {
    std::optional<engine::NodeId> cond;
    if (c.condition) {
      cond = l.condition(*c.condition, checks::dump_scope());
      if (!cond) {
        ok = false;
        continue;
      }
    }
    engine::Case k;
    k.where = l.ref(c.span);
    k.notes = l.notes(c.notes, scope);
    if (c.message) k.message = l.local(c.message);
    switch (c.kind) {
      case ast::Clause::Kind::applies:
        applies.push_back(*cond);
        continue;
      case ast::Clause::Kind::expect:
        has_condition = true;
        k.when = l.builder.negate(*cond, "not (" + l.text(c.condition->span) + ")",
                                  l.ref(c.condition->span));
        k.explain = *cond;  // evidence shows what was expected, not its negation
        k.status = engine::Status::fail;
        k.expected = l.text(c.condition->span);
        k.label = "expect " + k.expected;
        if (!c.message)
          k.message = engine::phrase(engine::Phrase::not_met, l.text(c.condition->span));
        out.cases.push_back(std::move(k));
        break;
      case ast::Clause::Kind::when:
        has_condition = true;
        k.when = l.within(*cond, c.in_force);  // outside its window the case takes no part
        k.status = status_of(c.status);
        k.label =
            fmt::format("{} when {}", engine::status_name(k.status), l.text(c.condition->span));
        out.cases.push_back(std::move(k));
        break;
      case ast::Clause::Kind::otherwise:
        k.when = engine::kNoNode;
        k.status = status_of(c.status);
        if (!c.message) k.message = out.title;
        out.otherwise = std::move(k);
        break;
    }
  }
  if (!applies.empty()) out.applies = l.builder.all_of(applies, "applies");
  // `pass when X` clauses state what is required: without an explicit `otherwise`, a
  // terminal that meets none of them fails (it does not pass by default).
  bool has_otherwise = std::any_of(r.clauses.begin(), r.clauses.end(), [](const ast::Clause& c) {
    return c.kind == ast::Clause::Kind::otherwise;
  });
  bool has_pass_case = std::any_of(out.cases.begin(), out.cases.end(), [](const engine::Case& c) {
    return c.status == engine::Status::pass;
  });
  if (!has_otherwise && has_pass_case) {
    out.otherwise.status = engine::Status::fail;
    out.otherwise.message = engine::phrase(engine::Phrase::not_met, out.title);
  }
  // A rule that can give one status only is the lint constant-status (W0402), after typing.
  if (ok && !has_condition)
    l.error(codes::E0301, fmt::format("rule `{}` has no condition", r.id.value), r.id.span,
            "add `expect …` or `fail when …` / `warn when …` clauses");
  return ok && has_condition;
}

}  // namespace tekigo::dsl::lower
