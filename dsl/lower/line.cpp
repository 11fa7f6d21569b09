// dsl/lower: `line` — the facility's line type, `network.line` (docs/language.md, "line").
// The decision list: every class's `unless` exception first, in order, then one case per
// class (`recommended` pass, `usable` warn, `unusable` fail), `otherwise fail`. E0204
// (unknown line type), E0308 (a line type in two classes); the unclassified ones are the
// lint line-coverage (W0401), after typing.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "dsl/lower/lowering.hpp"
#include "engine/common/text.hpp"
#include "engine/eval/explanations.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::lower {

using engine::FactType;
using engine::NodeId;
using engine::SchemaNode;

bool lower_line(const ast::Rule& r, const NoteScope& scope, engine::Rule& out, Lowering& l) {
  const SchemaNode& line_type = l.field({"network", "line"});
  bool ok = true;
  std::map<std::string, Span> covered;  // line type → where it was first classified
  std::vector<engine::Case> exceptions, plain;
  for (const auto& lc : r.classes) {
    engine::Literal set;
    set.type = FactType::enumeration;
    std::vector<std::string> names;
    for (const auto& w : lc.lines) {
      std::string v = engine::ascii_lower(w.value);
      if (std::find(line_type.values.begin(), line_type.values.end(), v) ==
          line_type.values.end()) {
        l.error(codes::E0204, fmt::format("unknown line type `{}`", w.value), w.span,
                fmt::format("expected one of: {}", engine::join(line_type.values, ", ")));
        ok = false;
        continue;
      }
      if (auto [first, fresh] = covered.emplace(v, w.span); !fresh) {
        l.error(codes::E0308, fmt::format("line type `{}` is classified twice", w.value), w.span,
                "each line type belongs to one class: `recommended`, `usable` or `unusable`");
        l.note(first->second, "first classified here");
      }
      set.values.push_back(v);
      names.push_back(v);
    }
    if (names.empty()) continue;
    set.text = names.size() == 1 ? names[0] : "[" + engine::join(names, ", ") + "]";
    NodeId is = l.compare(l.root_fact({"network", "line"}, lc.span),
                          names.size() == 1 ? engine::CompareOp::eq : engine::CompareOp::in,
                          std::move(set), lc.span);
    engine::Status status = lc.status == "recommended" ? engine::Status::pass
                            : lc.status == "usable"    ? engine::Status::warn
                                                       : engine::Status::fail;
    engine::LocalText default_message =
        engine::phrase(lc.status == "recommended" ? engine::Phrase::line_recommended
                       : lc.status == "usable"    ? engine::Phrase::line_usable
                                                  : engine::Phrase::line_unusable,
                       engine::join(names, ", "));
    if (lc.unless) {
      auto cond = l.condition(*lc.unless, checks::dump_scope());
      if (!cond) {
        ok = false;
        continue;
      }
      engine::Case k;
      k.when = l.builder.all_of({is, *cond});
      k.status = status_of(lc.unless_status);
      k.message = lc.unless_message
                      ? l.local(lc.unless_message)
                      : engine::phrase(engine::Phrase::line_exception, default_message);
      k.notes = l.notes(lc.unless_notes, scope);
      k.where = l.ref(lc.unless->span);
      k.label = fmt::format("{} {} unless {}", lc.status, engine::join(names, ", "),
                            l.text(lc.unless->span));
      exceptions.push_back(std::move(k));
    }
    engine::Case k;
    k.when = is;
    k.status = status;
    k.message = lc.message ? l.local(lc.message) : default_message;
    k.notes = l.notes(lc.notes, scope);
    k.where = l.ref(lc.span);
    k.label = fmt::format("{} {}", lc.status, engine::join(names, ", "));
    plain.push_back(std::move(k));
  }
  for (auto& k : exceptions) out.cases.push_back(std::move(k));
  for (auto& k : plain) out.cases.push_back(std::move(k));
  out.otherwise.status = engine::Status::fail;
  out.otherwise.message = engine::phrase(engine::Phrase::line_not_allowed);
  return ok;
}

}  // namespace tekigo::dsl::lower
