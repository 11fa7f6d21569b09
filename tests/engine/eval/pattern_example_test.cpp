// Tests for engine/eval/pattern_example: the text proposed for a pattern is one the pattern
// matches (RE2 has the last word), it reads like the pattern, and a pattern the proposer
// cannot read gives none rather than a wrong text.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/eval/graph.hpp"
#include "engine/eval/pattern_example.hpp"

using namespace tekigo::engine;

namespace {

struct Patterns {
  std::shared_ptr<const Graph> graph;
  std::vector<NodeId> ids;
  const Node& node(std::size_t i) const { return graph->node(ids[i]); }
};

Patterns build(const std::vector<std::string>& patterns) {
  GraphBuilder b;
  Patterns p;
  NodeId name = b.fact(0, {"x"}, FactType::string);
  for (const auto& text : patterns) p.ids.push_back(b.match(name, text, text));
  p.graph = std::move(b).build();
  return p;
}

}  // namespace

TEST_CASE("pattern example: a text the pattern matches, shortest choices first",
          "[eval][pattern]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"openvpn", "openvpn"},
      {"^bonjour", "bonjour"},
      {"adobe creative suite 3|adobe cs3", "adobe creative suite 3"},
      {"at&t.*communication(s)? manager", "at&t communication manager"},
      {"odyssey (access )?client", "odyssey client"},
      {"check ?point", "checkpoint"},
      {"ev-?do|1xev", "evdo"},
      {"citrix (advanced|access) gateway", "citrix advanced gateway"},
      {"[0-9]{3}x", "000x"},
      {"(?i)ウイルスバスター\\s*2\\d", "ウイルスバスター20"},
      {"^v[^a-z]+$", "vx"},
  };
  std::vector<std::string> patterns;
  for (const auto& [pattern, _] : cases) patterns.push_back(pattern);
  Patterns p = build(patterns);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO(cases[i].first);
    auto text = pattern_example(*p.graph, p.node(i));
    REQUIRE(text);
    CHECK(pattern_matches(*p.graph, p.node(i), *text));
    if (cases[i].first != "^v[^a-z]+$") CHECK(*text == cases[i].second);
  }
}

TEST_CASE("pattern example: other choices when the first does not match", "[eval][pattern]") {
  // A negated class first proposes "x", which the class itself then refuses here.
  Patterns p = build({"^[^x]x$", "^(a|b)c$"});
  auto qx = pattern_example(*p.graph, p.node(0));
  REQUIRE(qx);
  CHECK(*qx == "qx");
  auto ac = pattern_example(*p.graph, p.node(1));
  REQUIRE(ac);
  CHECK(pattern_matches(*p.graph, p.node(1), *ac));
}

TEST_CASE("pattern example: none for syntax the proposer does not read, and matching is RE2's",
          "[eval][pattern]") {
  Patterns p = build({"\\p{Han}+", "a\\x41b"});
  CHECK_FALSE(pattern_example(*p.graph, p.node(0)));
  CHECK_FALSE(pattern_example(*p.graph, p.node(1)));
  // Case-insensitive and unanchored, as evaluation matches.
  Patterns q = build({"kaspersky.*workstation"});
  CHECK(pattern_matches(*q.graph, q.node(0), "Kaspersky Anti-Virus 6.0 for Windows Workstations"));
  CHECK_FALSE(pattern_matches(*q.graph, q.node(0), "Kaspersky Internet Security"));
}
