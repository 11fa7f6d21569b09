// dsl/diff: a forbid rule, compared item by item (matched by label, else by kind and
// meaning, else by position; rule_comparison.hpp).
#include <optional>

#include "dsl/diff/rule_comparison.hpp"

namespace tekigo::dsl::diff {

std::vector<RuleComparison::ItemView> RuleComparison::items(const ast::Rule& r, Reading& reading) {
  std::vector<ItemView> out;
  for (const auto& item : r.items) {
    std::size_t position = 1;
    for (const auto& v : out) position += v.item->kind == item.kind;
    Condition c;
    if (item.predicate)
      c = reading.condition(*item.predicate, checks::forbid_item_scope(item.kind));
    out.push_back({&item, std::move(c), position});
  }
  return out;
}

Target RuleComparison::item_target(const ItemView& v) {
  return {Target::Type::item, v.item->label ? v.item->label->value : "", v.item->kind,
          v.item->label ? 0 : v.position};
}

// A changed condition: where both have one shape, each leaf that changed (a pattern, a
// version, another predicate), else the whole condition.
void RuleComparison::item_condition(const Target& t, const ItemView& x, const ItemView& y) {
  if (x.condition.key == y.condition.key) return;
  if (x.condition.shape == y.condition.shape &&
      x.condition.leaves.size() == y.condition.leaves.size()) {
    for (std::size_t k = 0; k < x.condition.leaves.size(); ++k) {
      const auto& [ex, kx] = x.condition.leaves[k];
      const auto& [ey, ky] = y.condition.leaves[k];
      if (kx == ky) continue;
      if (ey->kind == ast::Expr::Kind::match)
        add(ChangeKind::item_pattern, t, ex->pattern.value, ey->pattern.value);
      else if (!ey->path.segments.empty() && ey->path.segments.back() == "version")
        add(ChangeKind::item_version, t, old_.reading.text(*ex), new_.reading.text(*ey));
      else
        add(ChangeKind::item_condition, t, old_.reading.text(*ex), new_.reading.text(*ey));
    }
    return;
  }
  add(ChangeKind::item_condition, t,
      x.item->predicate ? std::optional(old_.reading.text(*x.item->predicate)) : std::nullopt,
      y.item->predicate ? std::optional(new_.reading.text(*y.item->predicate)) : std::nullopt);
}

void RuleComparison::forbid() {
  applies();
  const auto xa = items(ra_, old_.reading), xb = items(rb_, new_.reading);
  std::vector<int> pair(xb.size(), -1);
  std::vector<bool> used(xa.size(), false);
  auto match = [&](auto&& fits) {
    for (std::size_t j = 0; j < xb.size(); ++j) {
      if (pair[j] >= 0) continue;
      for (std::size_t i = 0; i < xa.size(); ++i)
        if (!used[i] && fits(xa[i], xb[j])) {
          pair[j] = static_cast<int>(i);
          used[i] = true;
          break;
        }
    }
  };
  auto label = [](const ItemView& v) { return v.item->label ? v.item->label->value : ""; };
  // By label (and kind, then label alone); then by kind and meaning; then by kind and shape
  // with a predicate in common; then, without labels, in order.
  match([&](const ItemView& x, const ItemView& y) {
    return !label(y).empty() && label(x) == label(y) && x.item->kind == y.item->kind;
  });
  match([&](const ItemView& x, const ItemView& y) {
    return !label(y).empty() && label(x) == label(y);
  });
  match([&](const ItemView& x, const ItemView& y) {
    return x.item->kind == y.item->kind && x.condition.key == y.condition.key;
  });
  // A labelled item whose label and condition both changed, but not every predicate of it.
  match([&](const ItemView& x, const ItemView& y) {
    return x.item->kind == y.item->kind && x.condition.shape == y.condition.shape &&
           alike(x.condition, y.condition) > 1;
  });
  match([&](const ItemView& x, const ItemView& y) {
    return label(x).empty() && label(y).empty() && x.item->kind == y.item->kind;
  });
  for (std::size_t j = 0; j < xb.size(); ++j) {
    const ItemView& y = xb[j];
    const Target t = item_target(y);
    if (pair[j] < 0) {
      add(ChangeKind::item_added, t, std::nullopt,
          y.item->predicate ? std::optional(new_.reading.text(*y.item->predicate)) : std::nullopt);
      continue;
    }
    const ItemView& x = xa[pair[j]];
    if (x.item->kind != y.item->kind) add(ChangeKind::item_kind, t, x.item->kind, y.item->kind);
    if (label(x) != label(y))
      add(ChangeKind::item_label, t, text_of(x.item->label), text_of(y.item->label));
    if (x.item->kind == y.item->kind)
      item_condition(t, x, y);
    else
      condition(ChangeKind::item_condition, t, x.item->predicate.get(), y.item->predicate.get(),
                checks::dump_scope());
    window(ChangeKind::item_window, t, x.item->in_force, y.item->in_force);
  }
  for (std::size_t i = 0; i < xa.size(); ++i)
    if (!used[i])
      add(ChangeKind::item_removed, item_target(xa[i]),
          xa[i].item->predicate ? std::optional(old_.reading.text(*xa[i].item->predicate))
                                : std::nullopt,
          std::nullopt);
}

}  // namespace tekigo::dsl::diff
