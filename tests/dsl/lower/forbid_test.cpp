// tests/dsl/lower: `forbid` lowered into its decision list as docs/language.md ("forbid")
// describes it: one `fail` case per item, every match reported, `otherwise pass`.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "dsl/grammar/parser.hpp"
#include "dsl/lower/lowering.hpp"
#include "support/lowered.hpp"

using namespace tekigo;
using engine::Status;
using test::lower;
using test::Lowered;
using test::messages;
using test::statuses;

TEST_CASE("forbid: one fail case per item, in order, labelled or written as the condition",
          "[dsl][lower][forbid]") {
  auto l = lower(R"(section "#2" {
  forbid conflict "No conflicting software." {
    software "iTunes" { name ~ "^itunes" }
    adapter { description ~ "sierra wireless" }
    when "RRAS running" os.family == windows and any services (name == "RemoteAccess" and state == running)
  }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("conflict");
  CHECK(statuses(r) == std::vector<Status>{Status::fail, Status::fail, Status::fail});
  CHECK(messages(r) == std::vector<std::string>{"installed: iTunes",
                                                "installed: description ~ \"sierra wireless\"",
                                                "present: RRAS running"});
  for (const auto& c : r.cases) CHECK(c.expected == "not present");
  // A list item holds when some element of its list satisfies the condition.
  const auto& software = l.graph->node(r.cases[0].when);
  CHECK(software.kind == engine::NodeKind::exists);
  CHECK(l.text(software.inputs[0]) == "software");
  CHECK(l.text(l.graph->node(r.cases[1].when).inputs[0]) == "network.adapters");
  CHECK(r.report_all_matches);
  CHECK(r.otherwise.status == Status::pass);
  CHECK(r.otherwise.message.en == "none present: No conflicting software.");
}

TEST_CASE("forbid: each list item reads its own list's element fields", "[dsl][lower][forbid]") {
  auto l = lower(R"(section "#2" {
  forbid f "F." {
    service { display_name ~ "x" }
    browser { id == ie }
    lsp { path is present }
    software { publisher ~ "x" }
  }
  forbid g "G." { adapter { publisher ~ "x" } }
})");
  // An adapter has no publisher: E0201 in an element of network.adapters.
  REQUIRE(l.codes() == std::vector<std::string>{"E0201"});
  CHECK(l.diagnostics[0].message == "unknown fact `publisher` in an element of `network.adapters`");
  CHECK(l.rule("f").cases.size() == 4);
}

TEST_CASE("forbid: E0307 without items", "[dsl][lower][forbid]") {
  auto l = lower(R"(section "#2" { forbid nothing "Nothing." { } })");
  CHECK(l.codes() == std::vector<std::string>{"E0307"});
  CHECK(l.diagnostics[0].message == "forbid `nothing` lists nothing");
}

TEST_CASE("forbid: `applies when` makes the rule n/a, and is no case", "[dsl][lower][forbid]") {
  auto l = lower(R"(section "#1" {
  forbid windows-only "No iTunes on Windows." {
    applies when os.family == windows
    software "iTunes" { name ~ "^itunes" }
    applies when os.version >= 7
  }
  forbid everywhere "No iTunes." { software "iTunes" { name ~ "^itunes" } }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("windows-only");
  CHECK(statuses(r) == std::vector<Status>{Status::fail});
  REQUIRE(r.applies != engine::kNoNode);
  // Several must all hold, wherever they are written among the items.
  CHECK(l.graph->node(r.applies).kind == engine::NodeKind::all_of);
  CHECK(l.graph->node(r.applies).inputs.size() == 2);
  CHECK(l.rule("everywhere").applies == engine::kNoNode);
}

TEST_CASE("forbid: an `applies when` that reads an unknown fact is E0201", "[dsl][lower][forbid]") {
  auto l = lower(R"(section "#1" {
  forbid f "F." {
    applies when os.familly == windows
    software { name ~ "x" }
  }
})");
  CHECK(l.codes() == std::vector<std::string>{"E0201"});
}
