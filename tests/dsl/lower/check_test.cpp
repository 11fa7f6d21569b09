// tests/dsl/lower: `check` and `manual` lowered into their decision lists as docs/language.md
// ("check", "manual", "How a rule decides") describes them.
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

TEST_CASE("check: clauses in order are the cases; the default otherwise is pass with the sentence",
          "[dsl][lower][check]") {
  auto l = lower(R"(section "§1" "One" {
  check c "The OS is supported." {
    expect os.family == windows
    warn when os.version == 7 "Windows 7 is old." notes ※1
    fail when os.version == 6.1
  }
  note ※1 "ended 2020-01-14"
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("c");
  CHECK(r.kind == "check");
  CHECK(statuses(r) == std::vector<Status>{Status::fail, Status::warn, Status::fail});
  // expect E: fail when not E, "not met: E"; evidence shows E itself.
  CHECK(r.cases[0].message.en == "not met: os.family == windows");
  CHECK(l.text(r.cases[0].when) == "not (os.family == windows)");
  CHECK(l.text(r.cases[0].explain) == "os.family == windows");
  CHECK(r.cases[0].expected == "os.family == windows");
  // STATUS when E: its message, or the sentence; its notes resolved in scope.
  CHECK(r.cases[1].message.en == "Windows 7 is old.");
  CHECK(r.cases[1].notes == std::vector<engine::LocalText>{"※1 ended 2020-01-14"});
  CHECK(r.cases[2].message.empty());  // the evaluator shows the sentence
  CHECK(r.otherwise.status == Status::pass);
  CHECK(r.otherwise.message.en == "The OS is supported.");
  CHECK(r.applies == engine::kNoNode);
  CHECK_FALSE(r.manual_when_absent);
}

TEST_CASE("check: `otherwise` replaces the default; `pass when` without it fails otherwise",
          "[dsl][lower][check]") {
  auto l = lower(R"(section "§1" {
  check o "O." { fail when os.version == 7; otherwise warn "Hm." }
  check p "Windows 10 or 11." { pass when os.version == 10; pass when os.version == 11 }
  check q "Q." { pass when os.version == 10; otherwise unknown }
})");
  REQUIRE(l.diagnostics.empty());
  CHECK(l.rule("o").otherwise.status == Status::warn);
  CHECK(l.rule("o").otherwise.message.en == "Hm.");
  CHECK(l.rule("p").otherwise.status == Status::fail);
  CHECK(l.rule("p").otherwise.message.en == "not met: Windows 10 or 11.");
  CHECK(l.rule("q").otherwise.status == Status::unknown);
  CHECK(l.rule("q").otherwise.message.en == "Q.");
}

TEST_CASE("check: `applies when` is no case; several must all hold", "[dsl][lower][check]") {
  auto l = lower(R"(section "§1" {
  check a "A." {
    applies when os.family == windows
    applies when os.version == 10
    fail when os.release <= 1903
  }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("a");
  CHECK(r.cases.size() == 1);
  REQUIRE(r.applies != engine::kNoNode);
  CHECK(l.graph->node(r.applies).kind == engine::NodeKind::all_of);
  CHECK(l.graph->node(r.applies).inputs.size() == 2);
}

TEST_CASE("check: without `expect` or `… when` the rule is E0301 and left out",
          "[dsl][lower][check]") {
  auto l = lower(R"(section "§1" { check a "A." { otherwise warn "hm" } })");
  CHECK(l.codes() == std::vector<std::string>{"E0301"});
  CHECK(l.diagnostics[0].message == "rule `a` has no condition");
  CHECK(l.graph->rules().empty());
}

TEST_CASE("check: a rule whose condition does not type is left out", "[dsl][lower][check]") {
  auto l = lower(R"(section "§1" {
  check a "A." { expect os.familly == windows }
  check b "B." { expect os.family == windows }
})");
  CHECK(l.codes() == std::vector<std::string>{"E0201"});
  REQUIRE(l.graph->rules().size() == 1);
  CHECK(l.graph->rules()[0].id == "b");
}

TEST_CASE("manual: a check that is `manual` when none of its facts is present",
          "[dsl][lower][manual]") {
  auto l = lower(R"tkg(section "§2(2)" {
  manual m "IPsec must pass." { expect attested.ipsec_vpn_over_path == true "It does not." }
})tkg");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("m");
  CHECK(r.kind == "manual");
  CHECK(r.manual_when_absent);
  CHECK(r.manual_message.en ==
        "IPsec must pass. — to be checked by a person (no attested fact given)");
  CHECK(statuses(r) == std::vector<Status>{Status::fail});
  CHECK(r.cases[0].message.en == "It does not.");
}
