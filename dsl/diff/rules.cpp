// dsl/diff: one rule of two revisions — what every rule has, and the parts the kinds share
// (rule_comparison.hpp).
#include <algorithm>
#include <optional>
#include <set>

#include "dsl/diff/rule_comparison.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::diff {

std::string joined(const std::vector<Member>& members) {
  std::vector<std::string> texts;
  for (const auto& m : members) texts.push_back(m.text);
  return engine::join(texts, ", ");
}

std::vector<Member> note_members(const std::vector<ast::NoteRef>& refs) {
  std::vector<Member> out;
  for (const auto& r : refs) out.push_back({r.label, r.label});
  return out;
}

std::optional<std::string> text_of(const std::optional<ast::Text>& t) {
  if (!t) return std::nullopt;
  return sentence_text(*t);
}

void RuleComparison::run() {
  const Target rule;
  if (ra_.kind != rb_.kind)
    add(ChangeKind::kind, rule, std::string(ast::kind_name(ra_.kind)),
        std::string(ast::kind_name(rb_.kind)));
  if (a_.cite != b_.cite) add(ChangeKind::cite, rule, a_.cite, b_.cite);
  if (text_of(ra_.title) != text_of(rb_.title))
    add(ChangeKind::sentence, rule, text_of(ra_.title), text_of(rb_.title));
  if (text_of(ra_.rationale) != text_of(rb_.rationale))
    add(ChangeKind::rationale, rule, text_of(ra_.rationale), text_of(rb_.rationale));
  notes(ChangeKind::notes, rule, ra_.notes, rb_.notes);
  note_texts();
  window(ChangeKind::window, rule, ra_.in_force, rb_.in_force);
  if (ra_.kind != rb_.kind) return;  // two different bodies: the kind says it all
  switch (rb_.kind) {
    case ast::Rule::Kind::check:
    case ast::Rule::Kind::manual:
      decision_list();
      break;
    case ast::Rule::Kind::matrix:
      matrix();
      break;
    case ast::Rule::Kind::resolve:
      resolve();
      break;
    case ast::Rule::Kind::flow:
      flow();
      break;
    case ast::Rule::Kind::forbid:
      forbid();
      break;
    case ast::Rule::Kind::line:
      line();
      break;
  }
}

void RuleComparison::add(ChangeKind kind, const Target& target, std::optional<std::string> before,
                         std::optional<std::string> after, std::vector<std::string> added,
                         std::vector<std::string> removed) {
  out_.push_back(
      {kind, target, std::move(before), std::move(after), std::move(added), std::move(removed)});
}

// A part with one value (or none).
void RuleComparison::value(ChangeKind kind, const Target& target, const std::optional<Member>& a,
                           const std::optional<Member>& b) {
  if (a.has_value() == b.has_value() && (!a || a->key == b->key)) return;
  add(kind, target, a ? std::optional(a->text) : std::nullopt,
      b ? std::optional(b->text) : std::nullopt);
}

// A part whose values are a set: their order does not count.
void RuleComparison::set(ChangeKind kind, const Target& target, const std::vector<Member>& a,
                         const std::vector<Member>& b) {
  std::set<std::string> ka, kb;
  for (const auto& m : a) ka.insert(m.key);
  for (const auto& m : b) kb.insert(m.key);
  if (ka == kb) return;
  std::vector<std::string> added, removed;
  std::set<std::string> seen;
  for (const auto& m : b)
    if (!ka.count(m.key) && seen.insert(m.key).second) added.push_back(m.text);
  seen.clear();
  for (const auto& m : a)
    if (!kb.count(m.key) && seen.insert(m.key).second) removed.push_back(m.text);
  add(kind, target, a.empty() ? std::nullopt : std::optional(joined(a)),
      b.empty() ? std::nullopt : std::optional(joined(b)), std::move(added), std::move(removed));
}

void RuleComparison::notes(ChangeKind kind, const Target& target,
                           const std::vector<ast::NoteRef>& a, const std::vector<ast::NoteRef>& b) {
  set(kind, target, note_members(a), note_members(b));
}

void RuleComparison::window(ChangeKind kind, const Target& target, const ast::InForce& a,
                            const ast::InForce& b) {
  if (window_key(a) != window_key(b)) add(kind, target, window_text(a), window_text(b));
}

void RuleComparison::message(ChangeKind kind, const Target& target,
                             const std::optional<ast::Text>& a, const std::optional<ast::Text>& b) {
  if (text_of(a) != text_of(b)) add(kind, target, text_of(a), text_of(b));
}

// A condition that is there on both sides, or on one only.
void RuleComparison::condition(ChangeKind kind, const Target& target, const ast::Expr* a,
                               const ast::Expr* b, const checks::FactScope& scope) {
  if (!a && !b) return;
  if (a && b && old_.reading.condition(*a, scope).key == new_.reading.condition(*b, scope).key)
    return;
  add(kind, target, a ? std::optional(old_.reading.text(*a)) : std::nullopt,
      b ? std::optional(new_.reading.text(*b)) : std::nullopt);
}

// A note the rule carries on both sides (anywhere in it) that now reads differently: once
// per note and rule (a note declaration's own change is a NoteChange of the policy).
void RuleComparison::note_texts() {
  std::vector<std::string> labels_a = carried(ra_), labels_b = carried(rb_);
  for (const auto& label : labels_b) {
    if (std::find(labels_a.begin(), labels_a.end(), label) == labels_a.end()) continue;
    ResolvedNote na = diff::resolve(a_.at.scope, label), nb = diff::resolve(b_.at.scope, label);
    if (!na.decl || !nb.decl || sentence_text(na.decl->text) == sentence_text(nb.decl->text))
      continue;
    Target t;
    t.label = label;
    add(ChangeKind::note_text, t, sentence_text(na.decl->text), sentence_text(nb.decl->text));
  }
}

std::vector<std::string> RuleComparison::carried(const ast::Rule& r) {
  std::vector<std::string> out;
  auto take = [&](const std::vector<ast::NoteRef>& refs) {
    for (const auto& n : refs)
      if (std::find(out.begin(), out.end(), n.label) == out.end()) out.push_back(n.label);
  };
  take(r.notes);
  for (const auto& c : r.clauses) take(c.notes);
  for (const auto& row : r.rows) {
    take(row.notes);
    take(row.warn_notes);
  }
  for (const auto& lc : r.classes) {
    take(lc.notes);
    take(lc.unless_notes);
  }
  return out;
}

std::vector<Change> compare_rules(const RuleEntry& before, Side& old_side, const RuleEntry& after,
                                  Side& new_side) {
  std::vector<Change> out;
  RuleComparison(before, old_side, after, new_side, out).run();
  return out;
}

std::vector<Change> compare_records(const RecordEntry& before, const RecordEntry& after) {
  std::vector<Change> out;
  auto field = [&](ChangeKind kind, const std::optional<ast::Text>& a,
                   const std::optional<ast::Text>& b) {
    if (text_of(a) != text_of(b)) out.push_back({kind, Target{}, text_of(a), text_of(b), {}, {}});
  };
  if (before.cite != after.cite)
    out.push_back({ChangeKind::record_cite, Target{}, before.cite, after.cite, {}, {}});
  field(ChangeKind::record_title, before.removed->title, after.removed->title);
  field(ChangeKind::record_revision, before.removed->revision, after.removed->revision);
  return out;
}

}  // namespace tekigo::dsl::diff
