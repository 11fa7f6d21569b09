// Tests for engine/suite/coverage: both sides of a rule and of each case are seen by the
// evaluations recorded, unknown shows neither, and conditions the compiler made constant are
// left out instead of counted as missing.
#include <catch2/catch.hpp>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/graph.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/suite/coverage.hpp"

using namespace tekigo::engine;

namespace {

FactValue facts(std::string_view json) {
  auto load = parse_facts(json, "t.json", FactFormat::json, {.require_header = false});
  REQUIRE(load.errors.empty());
  return load.documents.front().root;
}

Literal word(std::string w) {
  Literal l;
  l.type = FactType::string;
  l.values.push_back(w);
  l.text = w;
  return l;
}

// A rule `r`: fail when x == "bad" (labelled), warn when a constant-false condition.
std::shared_ptr<const Graph> graph() {
  GraphBuilder b;
  NodeId x = b.fact(0, {"x"}, FactType::string);
  NodeId bad = b.compare(x, CompareOp::eq, word("bad"), "x == bad");
  NodeId never = b.all_of({b.compare(x, CompareOp::eq, word("odd")), b.constant(Tri::no)});
  Rule r;
  r.id = "r";
  Case c;
  c.when = bad;
  c.status = Status::fail;
  c.label = "fail when x == bad";
  r.cases.push_back(c);
  c.when = never;
  c.status = Status::warn;
  c.label = "never";
  r.cases.push_back(c);
  r.otherwise.status = Status::pass;
  b.add_rule(r);
  return std::move(b).build();
}

void record(Coverage& coverage, const std::shared_ptr<const Graph>& g, std::string_view json,
            const std::string& name) {
  Evaluation e(g);
  e.reset(facts(json));
  auto outcomes = e.outcomes();
  coverage.record(e, outcomes, name);
}

}  // namespace

TEST_CASE("coverage: sides seen, sides missing, constant conditions left out",
          "[suite][coverage]") {
  auto g = graph();
  Coverage coverage(*g);
  REQUIRE(coverage.rules().size() == 1);
  const auto& items = coverage.rules()[0].items;
  REQUIRE(items.size() == 3);
  CHECK(items[1].label == "fail when x == bad");
  // The constant case: its `holds` side cannot be shown; `does not hold` always is.
  CHECK_FALSE(items[2].yes.possible);
  CHECK(items[2].no.possible);
  CHECK(coverage.sides() == 5);
  CHECK(coverage.left_out() == 1);
  CHECK(coverage.covered() == 0);

  record(coverage, g, R"({})", "absent.yaml");  // unknown: the case shows no side
  CHECK(items[1].yes.first == std::nullopt);
  CHECK(items[1].no.first == std::nullopt);
  CHECK(items[0].no.first == "absent.yaml");  // the rule did not pass (unknown)

  record(coverage, g, R"({"x": "good"})", "good.yaml");
  record(coverage, g, R"({"x": "bad"})", "bad.yaml");
  record(coverage, g, R"({"x": "good"})", "again.yaml");
  CHECK(items[0].yes.first == "good.yaml");
  CHECK(items[1].yes.first == "bad.yaml");
  CHECK(items[1].no.first == "good.yaml");  // the first case that showed it
  CHECK(coverage.covered() == 5);
  CHECK(coverage.percent() == 100.0);
  const std::string table = coverage.text();
  CHECK(table.find("5 of 5 sides (100.0%)") != std::string::npos);
  CHECK(table.find("1 side no dump can show left out") != std::string::npos);
  CHECK(
      coverage.json().find(
          R"("label":"fail when x == bad","holds":{"possible":true,"covered":true,"case":"bad.yaml"})") !=
      std::string::npos);
}

TEST_CASE("coverage: the table names each missing side and never rounds up to 100%",
          "[suite][coverage]") {
  auto g = graph();
  Coverage coverage(*g);
  record(coverage, g, R"({"x": "good"})", "good.yaml");
  const std::string table = coverage.text();
  CHECK(table.find("missing: fail when x == bad holds") != std::string::npos);
  CHECK(table.find("missing: the rule does not pass") != std::string::npos);
  CHECK(table.find("missing: never") == std::string::npos);  // left out, not missing
  CHECK(table.find("3 of 5 sides (60.0%)") != std::string::npos);
}

TEST_CASE("coverage: constant_value sees through and, or and not", "[suite][coverage]") {
  GraphBuilder b;
  NodeId x = b.truthy(b.fact(0, {"x"}, FactType::boolean));
  NodeId no = b.constant(Tri::no), yes = b.constant(Tri::yes);
  NodeId a = b.all_of({x, no});
  NodeId o = b.any_of({x, yes});
  NodeId n = b.negate(a);
  NodeId open = b.all_of({x, yes});
  auto g = std::move(b).build();
  CHECK(constant_value(*g, a) == Tri::no);
  CHECK(constant_value(*g, o) == Tri::yes);
  CHECK(constant_value(*g, n) == Tri::yes);
  CHECK(constant_value(*g, open) == std::nullopt);
  CHECK(constant_value(*g, x) == std::nullopt);
}
