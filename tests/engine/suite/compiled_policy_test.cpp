// Tests of what the compiler hands the tools of `tekigo test`: the label of every case of each
// rule kind, the canonical text of a graph (equal for the same meaning, different for another),
// and the skeleton dump of the frozen real-world fixture.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dsl/compiler.hpp"
#include "engine/eval/evaluator.hpp"
#include "engine/eval/graph_text.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/suite/skeleton.hpp"

using namespace tekigo;

namespace {

const char* kHeader = "policy t { title \"t\" revision \"1\" effective 2026-01-01 source \"s\" }\n";

dsl::CompiledPolicy compiled(const std::string& body) {
  auto result = dsl::compile_text("t.tkg", kHeader + body);
  INFO(result.diagnostics.size());
  REQUIRE(result.ok());
  return *result.policy;
}

std::vector<std::string> labels(const engine::Graph& g, const std::string& id) {
  for (const auto& r : g.rules())
    if (r.id == id) {
      std::vector<std::string> out;
      for (const auto& c : r.cases) out.push_back(c.label);
      return out;
    }
  FAIL("no rule " << id);
  return {};
}

}  // namespace

TEST_CASE("labels: every case of every rule kind says what it is", "[dsl][labels]") {
  auto p = compiled(R"(
section "§1" "s" {
  check c "c." {
    fail when os.release <= 1903 "old"
    expect disk.system_free_bytes >= 1GB
  }
  matrix m "m." {
    row "A" { os windows 10  browsers edge  disk >= 1GB }
    row "B" { os macos 13  warn "old" }
  }
  forbid f "f." {
    software "iTunes" { name ~ "^itunes" }
    when "sharing on" features.internet_connection_sharing
  }
  line l "l." {
    recommended fiber
    unusable leased_line "no" unless network.internet_via_datacenter warn "ok"
  }
  resolve r "r." { name a.example.jp  address 192.0.2.1  direct }
  flow w "w." { protocol tcp  direction out  to a.example.jp  port 443 }
}
)");
  const auto& g = *p.graph;
  CHECK(labels(g, "c") == std::vector<std::string>{"fail when os.release <= 1903",
                                                   "expect disk.system_free_bytes >= 1GB"});
  CHECK(labels(g, "m") ==
        std::vector<std::string>{"row \"A\"", "row \"B\"", "row \"A\": its OS without its browsers",
                                 "row \"A\": its OS and browser, too little disk",
                                 "row \"B\": its OS without its browsers",
                                 "row \"B\": its OS and browser, too little disk"});
  CHECK(labels(g, "f") == std::vector<std::string>{"software \"iTunes\"", "when \"sharing on\""});
  CHECK(labels(g, "l") ==
        std::vector<std::string>{"unusable leased_line unless network.internet_via_datacenter",
                                 "recommended fiber", "unusable leased_line"});
  CHECK(labels(g, "r") == std::vector<std::string>{"no dns entry for a.example.jp",
                                                   "a.example.jp resolves only through the proxy",
                                                   "a.example.jp does not resolve",
                                                   "a.example.jp resolves to 192.0.2.1"});
  CHECK(labels(g, "w") == std::vector<std::string>{"tcp/443 to a.example.jp blocked",
                                                   "tcp/443 to a.example.jp not probed"});
}

TEST_CASE("canonical text: the same meaning gives the same text, another meaning another",
          "[dsl][canonical]") {
  const std::string rule = R"(
section "§1" "s" {
  check c "c." { fail when os.release <= 1903 "old" }
})";
  const std::string same = R"(
# a comment, other spacing, another section title, an equal literal
section "§1" "another title" {
  check   c "c." {
    fail when os.release <=   1903 "old"
  }
})";
  const std::string other = R"(
section "§1" "s" {
  check c "c." { fail when os.release <= 1909 "old" }
})";
  const std::string worded = R"(
section "§1" "s" {
  check c "c." { fail when os.release <= 1903 "too old" }
})";
  const std::string text = engine::graph_text(*compiled(rule).graph, {.decisions_only = true});
  CHECK(text == engine::graph_text(*compiled(same).graph, {.decisions_only = true}));
  CHECK(text != engine::graph_text(*compiled(other).graph, {.decisions_only = true}));
  CHECK(text != engine::graph_text(*compiled(worded).graph, {.decisions_only = true}));
  CHECK(text.find("\"old\"") != std::string::npos);
  CHECK(text.find("t.tkg") == std::string::npos);  // no source positions
}

TEST_CASE("skeleton: the frozen fixture's skeleton is a valid dump on which every rule passes",
          "[dsl][skeleton]") {
  auto result = dsl::compile_file(TEKIGO_SOURCE_DIR "/tests/fixtures/policies/registry-2020.tkg");
  REQUIRE(result.ok());
  const auto& policy = *result.policy;
  engine::Skeleton skeleton = engine::make_skeleton(policy.graph, policy.plan, "skeleton-test");
  // Valid as `check` reads a dump: written out and read back.
  engine::FactLoad load = engine::parse_facts(engine::write_facts_json(skeleton.dump),
                                              "skeleton.json", engine::FactFormat::json);
  REQUIRE(load.errors.empty());
  engine::TerminalResult r = engine::evaluate(policy.graph, load.documents.front().root, "s");
  CHECK(r.subject == "skeleton-test");
  for (const auto& o : r.rules) {
    INFO(o.id << ": " << o.message);
    CHECK(o.status == engine::Status::pass);
  }
  CHECK(r.verdict == engine::Verdict::pass);
  // Every fact the policy reads is there.
  for (const auto& path : policy.plan.fact_paths) {
    const engine::FactValue* v = &load.documents.front().root;
    std::size_t start = 0;
    while (v && start <= path.size()) {
      const std::size_t dot = std::min(path.find('.', start), path.size());
      v = v->find(path.substr(start, dot - start));
      start = dot + 1;
    }
    INFO(path);
    CHECK(v != nullptr);
  }
}

TEST_CASE("skeleton: a rule that cannot pass is left as it is, and the rest still pass",
          "[dsl][skeleton]") {
  auto p = compiled(R"(
section "§1" "s" {
  check never "cannot pass." { fail when os.family == windows "w"  fail when os.family != windows "x" }
  check disk "disk." { expect disk.system_free_bytes >= 1GB }
  forbid f "f." { software "x" { name ~ "forbidden" } }
  check vpn "vpn." { pass when any software (name ~ "^vpn client (pro)?$" and version == 3.x) "ok" }
}
)");
  engine::Skeleton s = engine::make_skeleton(p.graph, p.plan);
  REQUIRE(s.outcomes.size() == 4);
  CHECK(s.outcomes[0].status == engine::Status::unknown);  // its fact left out: unknown, not fail
  CHECK(s.outcomes[1].status == engine::Status::pass);
  CHECK(s.outcomes[2].status == engine::Status::pass);
  CHECK(s.outcomes[3].status == engine::Status::pass);
  const engine::FactValue* software = s.dump.find("software");
  REQUIRE(software);
  REQUIRE(software->as_list().size() == 1);
  // Patterns read trimmed text, so "vpn client " would not do: the example is the longer one.
  CHECK(software->as_list()[0].find("name")->as_string() == "vpn client pro");
}
