// dsl/checks: the lints, W0401 and W0402.
#include "dsl/checks/lints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <string>

#include "engine/common/text.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::checks {

void check_line_coverage(const PassInput& input, std::vector<Diagnostic>& out) {
  const engine::SchemaNode& line_type = *engine::fact_schema().field("network")->field("line");
  for (const TypedRule& typed : *input.typed_rules) {
    const ast::Rule& r = *typed.rule;
    if (r.kind != ast::Rule::Kind::line || !typed.in_graph) continue;
    // In the graph, every line the rule names is a line type (E0204 otherwise).
    std::set<std::string> covered;
    for (const auto& lc : r.classes)
      for (const auto& w : lc.lines) covered.insert(engine::ascii_lower(w.value));
    std::vector<std::string> missing;
    for (const auto& v : line_type.values)
      if (!covered.count(v)) missing.push_back(v);
    if (!missing.empty())
      out.push_back(make_diagnostic(
          codes::W0401, fmt::format("line types not classified: {}", engine::join(missing, ", ")),
          r.id.span, "a terminal on such a line fails; classify it to say what the document says"));
  }
}

void check_constant_status(const PassInput& input, std::vector<Diagnostic>& out) {
  for (const TypedRule& typed : *input.typed_rules) {
    const ast::Rule& r = *typed.rule;
    if ((r.kind != ast::Rule::Kind::check && r.kind != ast::Rule::Kind::manual) || !typed.in_graph)
      continue;
    // In the graph, the rule has a condition (E0301 otherwise), so at least one case.
    const bool one_status = std::all_of(typed.case_statuses.begin(), typed.case_statuses.end(),
                                        [&](engine::Status s) { return s == typed.otherwise; });
    if (one_status)
      out.push_back(make_diagnostic(codes::W0402,
                                    fmt::format("rule `{}` can only ever be `{}`", r.id.value,
                                                engine::status_name(typed.otherwise)),
                                    r.id.span,
                                    "its cases and its `otherwise` all give the same status"));
  }
}

}  // namespace tekigo::dsl::checks
