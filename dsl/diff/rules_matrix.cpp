// dsl/diff: a matrix rule, compared row by row (rows matched by label; rule_comparison.hpp).
#include <algorithm>
#include <optional>

#include "dsl/diff/rule_comparison.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::diff {

using engine::FactType;

std::vector<Member> RuleComparison::specs(const std::vector<ast::VersionSpec>& v, FactType type) {
  std::vector<Member> out;
  for (const auto& s : v) out.push_back({version_spec_key(s, type), version_spec_text(s)});
  return out;
}

std::vector<Member> RuleComparison::browsers(const ast::MatrixRow& row) {
  std::vector<Member> out;
  for (const auto& b : row.browsers) {
    std::string id = engine::ascii_lower(b.id.value);
    std::string key = id, text = b.id.value;
    if (b.from && b.to) {
      const std::string from = value_key(*b.from, FactType::version);
      const std::string to = value_key(*b.to, FactType::version);
      key += " " + from + (from == to ? "" : ".." + to);
      text += " " + b.from->text + (b.from->text == b.to->text ? "" : ".." + b.to->text);
    }
    out.push_back({key, text});
  }
  return out;
}

void RuleComparison::row(const ast::MatrixRow& x, const ast::MatrixRow& y) {
  Target t{Target::Type::row, y.label.value, "", 0};
  if (text_of(x.title) != text_of(y.title))
    add(ChangeKind::row_title, t, text_of(x.title), text_of(y.title));
  notes(ChangeKind::row_notes, t, x.notes, y.notes);
  static const ast::OsClause no_os;
  const ast::OsClause& ox = x.os ? *x.os : no_os;
  const ast::OsClause& oy = y.os ? *y.os : no_os;
  auto family = [](const ast::OsClause& os) -> std::optional<Member> {
    if (os.family.value.empty()) return std::nullopt;
    return Member{engine::ascii_lower(os.family.value), os.family.value};
  };
  value(ChangeKind::row_os, t, family(ox), family(oy));
  set(ChangeKind::row_versions, t, specs(ox.versions, FactType::version),
      specs(oy.versions, FactType::version));
  set(ChangeKind::row_releases, t, specs(ox.releases, FactType::release),
      specs(oy.releases, FactType::release));
  auto sp = [](const ast::OsClause& os) -> std::optional<Member> {
    if (!os.min_service_pack) return std::nullopt;
    return Member{value_key(*os.min_service_pack, FactType::integer), os.min_service_pack->text};
  };
  value(ChangeKind::row_service_pack, t, sp(ox), sp(oy));
  auto editions = [](const ast::OsClause& os) {
    std::vector<Member> out;
    for (const auto& e : os.except_editions)
      out.push_back({value_key(e, FactType::string), e.value});
    return out;
  };
  set(ChangeKind::row_editions, t, editions(ox), editions(oy));
  set(ChangeKind::row_browsers, t, browsers(x), browsers(y));
  auto disk = [](const ast::MatrixRow& r) -> std::optional<Member> {
    if (!r.min_disk) return std::nullopt;
    return Member{value_key(*r.min_disk, FactType::size), r.min_disk->text};
  };
  value(ChangeKind::row_disk, t, disk(x), disk(y));
  condition(ChangeKind::row_when, t, x.when.get(), y.when.get(), checks::dump_scope());
  message(ChangeKind::row_warn, t, x.warn, y.warn);
  notes(ChangeKind::row_warn_notes, t, x.warn_notes, y.warn_notes);
  window(ChangeKind::row_window, t, x.in_force, y.in_force);
}

void RuleComparison::matrix() {
  // A terminal no row admits: `fail`, or `warn` under `otherwise warn`.
  const ast::Clause *otherwise_a = otherwise_of(ra_), *otherwise_b = otherwise_of(rb_);
  otherwise(otherwise_a ? ast::CaseStatus::warn : ast::CaseStatus::fail,
            otherwise_b ? ast::CaseStatus::warn : ast::CaseStatus::fail, otherwise_a, otherwise_b);
  std::vector<bool> seen(ra_.rows.size(), false);
  for (const auto& y : rb_.rows) {
    auto it = std::find_if(ra_.rows.begin(), ra_.rows.end(),
                           [&](const ast::MatrixRow& x) { return x.label.value == y.label.value; });
    if (it == ra_.rows.end()) {
      add(ChangeKind::row_added, Target{Target::Type::row, y.label.value, "", 0}, std::nullopt,
          y.title ? y.title->value : y.label.value);
      continue;
    }
    seen[it - ra_.rows.begin()] = true;
    row(*it, y);
  }
  for (std::size_t i = 0; i < ra_.rows.size(); ++i)
    if (!seen[i]) {
      const auto& x = ra_.rows[i];
      add(ChangeKind::row_removed, Target{Target::Type::row, x.label.value, "", 0},
          x.title ? x.title->value : x.label.value, std::nullopt);
    }
}

}  // namespace tekigo::dsl::diff
