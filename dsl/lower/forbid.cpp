// dsl/lower: `forbid` — things that must not be present (docs/language.md, "forbid"). Each
// item is one `fail` case, in order: a list item holds when some element of its list
// (software, network.adapters, services, browsers, the LSPs) satisfies its condition, a
// `when` item when its condition holds; every item found is reported. `otherwise pass`.
// `applies when E` (any number, all must hold) makes the rule n/a where E is false: the
// Windows-only entries of a list of Windows incompatibilities on a Mac. E0307 (no items).
#include <fmt/format.h>

#include <algorithm>

#include "dsl/lower/lowering.hpp"
#include "engine/common/text.hpp"
#include "engine/eval/explanations.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::lower {

using engine::FactType;
using engine::NodeId;

bool lower_forbid(const ast::Rule& r, const NoteScope&, engine::Rule& out, Lowering& l) {
  bool ok = true;
  if (r.items.empty()) {
    l.error(codes::E0307, fmt::format("forbid `{}` lists nothing", r.id.value), r.id.span,
            "add items such as `software \"iTunes\" { name ~ \"^itunes\" }`");
    return false;
  }
  std::vector<NodeId> applies;
  for (const auto& c : r.clauses) {
    if (c.kind != ast::Clause::Kind::applies || !c.condition) continue;
    if (auto cond = l.condition(*c.condition, checks::dump_scope()))
      applies.push_back(*cond);
    else
      ok = false;
  }
  if (!applies.empty()) out.applies = l.builder.all_of(applies, "applies");
  for (const auto& item : r.items) {
    std::optional<NodeId> cond;
    std::string label = item.label ? item.label->value : l.text(item.predicate->span);
    engine::LocalText local_label = item.label ? l.local(item.label) : engine::LocalText(label);
    if (item.kind == "when") {
      cond = l.condition(*item.predicate, checks::dump_scope());
    } else {
      engine::FactPath fp;
      for (const char* p : checks::forbid_list(item.kind)) fp.emplace_back(p);
      auto predicate = l.condition(*item.predicate, checks::forbid_item_scope(item.kind));
      if (predicate) {
        NodeId list_node = l.builder.fact(0, fp, FactType::list, l.ref(item.span));
        cond =
            l.builder.exists(list_node, *predicate, l.text(item.predicate->span), l.ref(item.span));
      }
    }
    if (!cond) {
      ok = false;
      continue;
    }
    engine::Case k;
    k.when = l.within(*cond, item.in_force);  // outside its window the item takes no part
    k.status = engine::Status::fail;
    k.where = l.ref(item.span);
    k.message = engine::phrase(
        item.kind == "when" ? engine::Phrase::forbid_present : engine::Phrase::forbid_installed,
        local_label);
    k.expected = "not present";
    k.label = fmt::format("{} \"{}\"", item.kind, label);
    out.cases.push_back(std::move(k));
  }
  out.report_all_matches = true;
  out.otherwise.status = engine::Status::pass;
  out.otherwise.message = engine::phrase(engine::Phrase::forbid_none, out.title);
  return ok;
}

}  // namespace tekigo::dsl::lower
