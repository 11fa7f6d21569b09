// tests/support: a policy parsed and lowered the way the compiler does it, for the tests of
// dsl/lower (one per rule kind), and the decision list of a rule read back.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/grammar/parser.hpp"
#include "dsl/lower/lowering.hpp"

namespace tekigo::test {

using engine::Status;

// A policy parsed and lowered (dsl::lower::lower_items), as the compiler does after the
// AST passes: its graph, its collection plan, and what lowering reported.
struct Lowered {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::ParseResult parsed;
  std::vector<dsl::Diagnostic> diagnostics;
  std::shared_ptr<const engine::Graph> graph;
  engine::CollectionPlan plan;
  const engine::Rule& rule(std::string_view id) const {
    for (const auto& r : graph->rules())
      if (r.id == id) return r;
    FAIL("no rule " << id);
    return graph->rules().front();
  }
  std::string text(engine::NodeId id) const { return graph->node(id).text; }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) out.push_back(d.code);
    return out;
  }
};

inline Lowered lower(const std::string& body) {
  Lowered l;
  l.source = std::make_unique<dsl::SourceFile>(
      "t.tkg",
      "policy t { title \"t\" revision \"1\" effective 2026-01-01 source \"s\" }\n" + body);
  l.parsed = dsl::parse(*l.source);
  INFO(dsl::render_all(l.parsed.diagnostics, *l.source));
  REQUIRE(l.parsed.diagnostics.empty());
  dsl::lower::Lowering lowering(*l.source, l.diagnostics);
  dsl::lower::lower_items(l.parsed.file.items, lowering);
  l.plan = std::move(lowering.plan);
  l.graph = std::move(lowering.builder).build();
  return l;
}

inline std::vector<Status> statuses(const engine::Rule& r) {
  std::vector<Status> out;
  for (const auto& c : r.cases) out.push_back(c.status);
  return out;
}

// The cases' messages in English (the lowering writes both languages).
inline std::vector<std::string> messages(const engine::Rule& r) {
  std::vector<std::string> out;
  for (const auto& c : r.cases) out.push_back(c.message.en);
  return out;
}

}  // namespace tekigo::test
