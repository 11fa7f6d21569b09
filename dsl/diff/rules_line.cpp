// dsl/diff: a line rule, compared class by class (rule_comparison.hpp).
#include <optional>
#include <set>

#include "dsl/diff/rule_comparison.hpp"

namespace tekigo::dsl::diff {

using engine::FactType;

std::vector<Member> RuleComparison::lines(const ast::LineClass& lc) {
  std::vector<Member> out;
  for (const auto& l : lc.lines) out.push_back({value_key(l, FactType::string), l.value});
  return out;
}

Target RuleComparison::class_target(const ast::LineClass& lc) {
  return {Target::Type::class_, lc.status, joined(lines(lc)), 0};
}

void RuleComparison::line_class(const ast::LineClass& x, const ast::LineClass& y) {
  const Target t = class_target(y);
  set(ChangeKind::class_lines, t, lines(x), lines(y));
  message(ChangeKind::class_message, t, x.message, y.message);
  notes(ChangeKind::class_notes, t, x.notes, y.notes);
  condition(ChangeKind::class_unless, t, x.unless.get(), y.unless.get(), checks::dump_scope());
  if (x.unless && y.unless && x.unless_status != y.unless_status)
    add(ChangeKind::class_unless_status, t, std::string(ast::status_word(x.unless_status)),
        std::string(ast::status_word(y.unless_status)));
  message(ChangeKind::class_unless_message, t, x.unless_message, y.unless_message);
  notes(ChangeKind::class_unless_notes, t, x.unless_notes, y.unless_notes);
}

void RuleComparison::line() {
  auto key = [](const ast::LineClass& lc) {
    std::set<std::string> keys;
    for (const auto& m : lines(lc)) keys.insert(m.key);
    return keys;
  };
  std::vector<int> pair(rb_.classes.size(), -1);
  std::vector<bool> used(ra_.classes.size(), false);
  // The same status and lines; then the same status and the most lines in common.
  for (std::size_t j = 0; j < rb_.classes.size(); ++j)
    for (std::size_t i = 0; i < ra_.classes.size(); ++i)
      if (!used[i] && ra_.classes[i].status == rb_.classes[j].status &&
          key(ra_.classes[i]) == key(rb_.classes[j])) {
        pair[j] = static_cast<int>(i);
        used[i] = true;
        break;
      }
  for (std::size_t j = 0; j < rb_.classes.size(); ++j) {
    if (pair[j] >= 0) continue;
    const auto kb = key(rb_.classes[j]);
    std::size_t best_common = 0;
    for (std::size_t i = 0; i < ra_.classes.size(); ++i) {
      if (used[i] || ra_.classes[i].status != rb_.classes[j].status) continue;
      std::size_t common = 0;
      for (const auto& k : key(ra_.classes[i])) common += kb.count(k);
      if (common > best_common) {
        best_common = common;
        pair[j] = static_cast<int>(i);
      }
    }
    if (pair[j] >= 0) used[pair[j]] = true;
  }
  for (std::size_t j = 0; j < rb_.classes.size(); ++j) {
    const auto& y = rb_.classes[j];
    if (pair[j] < 0) {
      add(ChangeKind::class_added, class_target(y), std::nullopt, text_of(y.message));
      continue;
    }
    line_class(ra_.classes[pair[j]], y);
  }
  for (std::size_t i = 0; i < ra_.classes.size(); ++i)
    if (!used[i])
      add(ChangeKind::class_removed, class_target(ra_.classes[i]), text_of(ra_.classes[i].message),
          std::nullopt);
}

}  // namespace tekigo::dsl::diff
