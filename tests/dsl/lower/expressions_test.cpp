// tests/dsl/lower: expressions as graph nodes — what each operator becomes, the depth a
// quantifier's condition reads at, the text kept for evidence, and shared sub-expressions
// built once.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "dsl/grammar/parser.hpp"
#include "dsl/lower/collection_plan.hpp"
#include "dsl/lower/lowering.hpp"
#include "support/lowered.hpp"

using namespace tekigo;
using engine::NodeKind;
using engine::Status;
using test::lower;
using test::Lowered;
using test::messages;
using test::statuses;

// The node of the one `fail when` case of rule `c`.
const engine::Node& when_of(const Lowered& l) {
  return l.graph->node(l.rule("c").cases.at(0).when);
}

Lowered condition(const std::string& e) {
  return lower("section \"§1\" { check c \"C.\" { fail when " + e + " } }");
}

TEST_CASE("expressions: each operator's node", "[dsl][lower][expressions]") {
  struct Case {
    const char* condition;
    NodeKind kind;
  };
  for (const Case& k :
       {Case{"os.version >= 10", NodeKind::compare},
        Case{"os.release in [1909, 2004]", NodeKind::compare},
        Case{"os.name ~ \"pro\"", NodeKind::match},
        Case{"network.proxy is present", NodeKind::present},
        Case{"network.proxy is absent", NodeKind::negate},
        Case{"software is empty", NodeKind::empty}, Case{"software is not empty", NodeKind::negate},
        Case{"network.internet_via_datacenter", NodeKind::truthy},
        Case{"any software (name ~ \"x\")", NodeKind::exists},
        Case{"all browsers (version >= 11)", NodeKind::forall},
        Case{"none software (name ~ \"x\")", NodeKind::negate},
        Case{"any dns (addresses contains 1.2.3.4)", NodeKind::exists},
        Case{"os.version == 10 and os.release == 2004", NodeKind::all_of},
        Case{"os.version == 10 or os.version == 11", NodeKind::any_of},
        Case{"not os.version == 10", NodeKind::negate}}) {
    INFO(k.condition);
    auto l = condition(k.condition);
    REQUIRE(l.diagnostics.empty());
    const auto& node = when_of(l);
    CHECK(node.kind == k.kind);
    CHECK(node.text == k.condition);  // the policy text, for evidence
  }
}

TEST_CASE("expressions: a quantifier's condition reads the element, one level down",
          "[dsl][lower][expressions]") {
  auto l = condition("any software (name ~ \"x\" and version >= 4.9)");
  REQUIRE(l.diagnostics.empty());
  const auto& exists = when_of(l);
  const auto& list = l.graph->node(exists.inputs[0]);
  CHECK(list.kind == NodeKind::fact);
  CHECK(list.depth == 0);
  CHECK(list.path == engine::FactPath{"software"});
  const auto& predicate = l.graph->node(exists.inputs[1]);
  CHECK(predicate.kind == NodeKind::all_of);
  for (auto input : predicate.inputs) {
    const auto& read = l.graph->node(l.graph->node(input).inputs[0]);
    CHECK(read.kind == NodeKind::fact);
    CHECK(read.depth == 1);
  }
  // `contains` compares each element of the list itself (an empty path) at depth + 1.
  auto c = condition("any dns (addresses contains 1.2.3.4)");
  const auto& inner = c.graph->node(when_of(c).inputs[1]);  // addresses contains …
  CHECK(inner.kind == NodeKind::exists);
  const auto& element = c.graph->node(c.graph->node(inner.inputs[1]).inputs[0]);
  CHECK(element.path.empty());
  CHECK(element.depth == 2);
}

TEST_CASE("expressions: the same sub-expression is one node", "[dsl][lower][expressions]") {
  auto l = lower(R"(section "§1" {
  check a "A." { fail when os.family == windows and os.version == 7 }
  check b "B." { fail when os.family == windows and os.version == 8.1 }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& a = l.graph->node(l.rule("a").cases[0].when);
  const auto& b = l.graph->node(l.rule("b").cases[0].when);
  CHECK(a.inputs[0] == b.inputs[0]);  // os.family == windows
  CHECK(a.inputs[1] != b.inputs[1]);
}
