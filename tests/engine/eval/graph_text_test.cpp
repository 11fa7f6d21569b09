// tests/engine: a graph as text without source positions (engine/eval/graph_text.hpp).
#include <catch2/catch.hpp>

#include <string>

#include "engine/eval/graph_text.hpp"

using namespace tekigo::engine;

namespace {

// A rule `r`: os.version >= 10 (written `text`), at `where`.
std::shared_ptr<const Graph> graph(const std::string& text, std::uint32_t line, const char* v) {
  GraphBuilder b;
  SourceRef where{"p.tkg", line, 3, line * 10, line * 10 + 5};
  NodeId os = b.fact(0, {"os", "version"}, FactType::version, where);
  Literal lit;
  lit.type = FactType::version;
  lit.values.push_back(*Version::parse(v, VersionScheme::dotted));
  lit.text = v;
  NodeId ge = b.compare(os, CompareOp::ge, lit, text, where);
  Rule r;
  r.id = "r";
  r.cite = "§1";
  r.title = "t";
  r.kind = "check";
  r.where = where;
  Case c;
  c.when = ge;
  c.status = Status::pass;
  c.expected = text;
  c.where = where;
  r.cases.push_back(c);
  r.otherwise.status = Status::fail;
  b.add_rule(r);
  return std::move(b).build();
}

}  // namespace

TEST_CASE("graph text: positions never count, everything else does", "[graph]") {
  const auto a = graph("os.version >= 10", 3, "10");
  const auto moved = graph("os.version >= 10", 40, "10");
  CHECK(graph_text(*a) == graph_text(*moved));
  CHECK(graph_text(*a).find("p.tkg") == std::string::npos);
  CHECK(graph_text(*a) != graph_text(*graph("os.version >= 10", 3, "11")));
  CHECK(graph_text(*a).find("version:dotted:10") != std::string::npos);
}

TEST_CASE("graph text: layout-insensitive evidence text", "[graph]") {
  const auto a = graph("os.version >= 10", 3, "10");
  const auto spaced = graph("os.version   >=\n 10", 3, "10");
  CHECK(graph_text(*a) != graph_text(*spaced));
  const GraphTextOptions loose{.layout_insensitive = true};
  CHECK(graph_text(*a, loose) == graph_text(*spaced, loose));
  CHECK(graph_text(*a, loose) != graph_text(*graph("os.versions >= 10", 3, "10"), loose));
}

TEST_CASE("graph text: without_layout keeps words apart and quotes as they are", "[graph]") {
  CHECK(without_layout("a  and\n  ( b or c )") == "a and(b or c)");
  CHECK(without_layout("x in [1909 , 2004,20H2]") == "x in[1909,2004,20H2]");
  CHECK(without_layout("name ~ \"a  b\"") == "name~\"a  b\"");
  CHECK(without_layout("name ~ \"a \\\"  b\"  and c") == "name~\"a \\\"  b\" and c");
  CHECK(without_layout("not(a)") == without_layout("not (a)"));
}
