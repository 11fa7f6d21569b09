// tests/dsl/checks: the outline of a policy — `section … informational`, `clause` and
// `rationale` as parsed and compiled, and the pass `outline` (W0412, W0413, W0414, W0415).
#include <catch2/catch.hpp>

#include <string>

#include "dsl/checks/outline.hpp"
#include "support/linted.hpp"

using namespace tekigo;
using test::lint;

TEST_CASE("clauses, informational sections and rationales reach the AST and the policy info") {
  auto l = lint(R"tkg(
section "§1" "Overview" informational {
}
section "§4(2)" "Traffic" {
  clause "VPN #1" "TCP and UDP 443"
  clause "(参考)" "NAT traversal" informational
  flow vpn cite "VPN #1" "443 must pass." {
    rationale "TCP and UDP are one requirement: the table writes TCP/UDP."
    protocol tcp, udp
    to sec.example.jp
    port 443
  }
}
)tkg");
  REQUIRE(l.result.ok());
  INFO(l.rendered());
  CHECK(l.result.diagnostics.empty());
  const auto& file = *l.result.file;
  const auto& overview = *file.items.at(0).section;
  CHECK(overview.informational);
  const auto& traffic = *file.items.at(1).section;
  CHECK_FALSE(traffic.informational);
  const auto& clause = *traffic.items.at(0).clause;
  CHECK(clause.label.value == "VPN #1");
  CHECK(clause.title->value == "TCP and UDP 443");
  CHECK_FALSE(clause.informational);
  CHECK(traffic.items.at(1).clause->informational);
  const auto& rule = *traffic.items.at(2).rule;
  CHECK(rule.rationale->value == "TCP and UDP are one requirement: the table writes TCP/UDP.");

  const auto& info = l.result.policy->info;
  REQUIRE(info.rules.size() == 1);
  // A cite that does not start with `#` still follows its section's citation.
  CHECK(info.rules[0].cite == "§4(2) VPN #1");
  CHECK(info.rules[0].rationale == "TCP and UDP are one requirement: the table writes TCP/UDP.");
  CHECK(info.rules[0].clauses == std::vector<std::string>{"§4(2) VPN #1"});
  REQUIRE(info.outline.size() == 2);
  CHECK(info.outline[0].cite == "§1");
  CHECK(info.outline[0].informational);
  CHECK(info.outline[0].clauses.empty());
  REQUIRE(info.outline[1].clauses.size() == 2);
  CHECK(info.outline[1].clauses[0].cite == "§4(2) VPN #1");
  CHECK(info.outline[1].clauses[0].title == "TCP and UDP 443");
  CHECK(info.outline[1].clauses[1].informational);
  CHECK(info.outline[1].clauses[1].where.line == 7);
}

TEST_CASE("a rationale is not a clause anywhere else in a body") {
  auto l = lint(R"tkg(
section "§1" {
  check c "c." {
    expect os.family == windows
    rationale "too late"
  }
}
)tkg");
  CHECK_FALSE(l.of("E0001").empty());
}

TEST_CASE("outline: a cite that names no clause of its section, with the closest label") {
  auto l = lint(R"tkg(
section "§3(3) 別表" "Conflicts" {
  clause "#1" "Bonjour"
  clause "#2" "AT&T"
  forbid a cite "#1" "No Bonjour." { software "b" { name ~ "bonjour" } }
  forbid b cite "# 2" "No AT&T." { software "a" { name ~ "at&t" } }
  forbid c cite "VPN" "No VPN." { software "v" { name ~ "vpn" } }
}
)tkg");
  auto w = l.of("W0413");
  REQUIRE(w.size() == 2);
  CHECK(w[0].message == "rule `b` cites `# 2`, which is no clause of section `§3(3) 別表`");
  CHECK(l.text(w[0]) == "\"# 2\"");
  CHECK(w[0].help == "did you mean `#2`?");
  CHECK(w[1].message == "rule `c` cites `VPN`, which is no clause of section `§3(3) 別表`");
  CHECK(w[1].help.find("its clauses are `#1`, `#2`") == 0);
  // #2 is cited by no rule (b's cite is no clause).
  auto uncited = l.of("W0412");
  REQUIRE(uncited.size() == 1);
  CHECK(uncited[0].message == "no rule cites clause `#2` of section `§3(3) 別表`");
  CHECK(l.text(uncited[0]) == "\"#2\"");
}

TEST_CASE("outline: matrix rows cite the clauses of their labels; informational needs no rule") {
  auto l = lint(R"tkg(
section "§3(1)" "Terminals" {
  clause "#1" "Windows 10"
  clause "#2" "macOS 10.14"
  clause "#3" "Linux"
  clause "※1" "a note of the table" informational
  matrix terminal "A supported OS." {
    row "1" { os windows 10 }
    row "2" { os macos 10.14 }
  }
}
)tkg");
  auto w = l.of("W0412");
  REQUIRE(w.size() == 1);
  CHECK(w[0].message == "no rule cites clause `#3` of section `§3(1)`");
  CHECK(l.of("W0413").empty());
  REQUIRE(l.result.ok());
  CHECK(l.result.policy->info.rules[0].clauses == std::vector<std::string>{"§3(1) #1", "§3(1) #2"});
}

TEST_CASE("outline: a clause declared twice, a section without rules") {
  auto l = lint(R"tkg(
section "§1" "Overview" {
}
section "§2" "Lines" {
  clause "#1" "fibre"
  clause "#1" "fibre again"
  check c cite "#1" "Fibre." { expect network.line == fiber }
}
section "§3" "Parent" {
  section "(1)" "Child" {
    check d "D." { expect os.family == windows }
  }
}
)tkg");
  auto twice = l.of("W0414");
  REQUIRE(twice.size() == 1);
  CHECK(twice[0].message == "section `§2` declares clause `#1` twice");
  REQUIRE(twice[0].notes.size() == 1);
  CHECK(l.text(twice[0].notes[0].first) == "\"#1\"");
  auto empty = l.of("W0415");
  REQUIRE(empty.size() == 1);  // §3 has rules through (1)
  CHECK(empty[0].message == "section `§1` has no rules");
  CHECK(l.text(empty[0]) == "\"§1\"");
}

TEST_CASE("outline: after a syntax error, no section is said to be empty") {
  auto l = lint(R"tkg(
section "§1" "Overview" {
  check broken "B." { expect os.family == }
}
)tkg");
  CHECK_FALSE(l.of("E0001").empty());
  CHECK(l.of("W0415").empty());
}

TEST_CASE("outline: a section without clauses takes any citation; the file's own clauses") {
  auto l = lint(R"tkg(
section "§2" "Lines" {
  check c cite "whatever" "Fibre." { expect network.line == fiber }
}
clause "§9" "a clause of the whole document"
check top cite "§8" "Top." { expect os.family == windows }
)tkg");
  CHECK(l.of("W0413").size() == 1);  // `§8` at the top level, which declares `§9`
  CHECK(l.of("W0412").size() == 1);  // and `§9` is cited by none
  CHECK(l.of("W0413")[0].message ==
        "rule `top` cites `§8`, which is no clause of the policy's top level");
}
