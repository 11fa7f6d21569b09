// Tests for engine/suite/trace: the traceability matrix of a frozen fixture with an outline
// (tests/fixtures/policies/outline-2020.tkg) and its two cases — clause → rules → cases.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "dsl/compiler.hpp"
#include "engine/suite/test_case.hpp"
#include "engine/suite/trace.hpp"

using namespace tekigo;

namespace {

const std::filesystem::path kFixture =
    TEKIGO_SOURCE_DIR "/tests/fixtures/policies/outline-2020.tkg";

const engine::ClauseTrace& clause(const engine::PolicyTrace& t, std::string_view cite) {
  auto it = std::find_if(t.clauses.begin(), t.clauses.end(),
                         [&](const engine::ClauseTrace& c) { return c.cite == cite; });
  REQUIRE(it != t.clauses.end());
  return *it;
}

std::string stem(const std::string& file) {
  return std::filesystem::path(file).stem().string();
}

}  // namespace

TEST_CASE("trace_policy: every clause of the outline, its rules and the cases that name them") {
  auto compiled = dsl::compile_file(kFixture);
  INFO(dsl::render_all(compiled.diagnostics, *compiled.source));
  REQUIRE(compiled.ok());
  CHECK(compiled.diagnostics.empty());  // the outline is complete: no W0412-W0415
  const auto& info = compiled.policy->info;

  std::vector<engine::TestCase> tests;
  for (const auto& file : engine::find_test_cases(kFixture)) {
    auto load = engine::read_test_case(file, *compiled.policy->graph);
    REQUIRE(load.errors.empty());
    tests.push_back(*load.test);
  }
  REQUIRE(tests.size() == 2);

  const auto trace = engine::trace_policy(info, tests);
  CHECK(trace.unplaced.empty());

  // §1 needs no rules; it is a section of the outline without clauses.
  const auto& overview = clause(trace, "§1");
  CHECK(overview.section);
  CHECK(overview.informational);
  CHECK(overview.rules.empty());

  // A section without clauses is cited as a whole.
  const auto& path = clause(trace, "§2(2)");
  CHECK(path.section);
  REQUIRE(path.rules.size() == 1);
  CHECK(path.rules[0].id == "ipsec-over-path");
  CHECK(path.rules[0].cases.empty());

  // §2(1) declares only ご参考① (informational), and its line rule cites the section whole.
  CHECK(clause(trace, "§2(1)").rules.size() == 1);
  CHECK(clause(trace, "§2(1) ご参考①").informational);
  CHECK(clause(trace, "§2(1) ご参考①").rules.empty());

  // The rows of §3(1) are clauses; the matrix covers each by its row's label.
  for (const char* row : {"§3(1) #1", "§3(1) #2", "§3(1) #3", "§3(1) #4", "§3(1) #5"}) {
    const auto& c = clause(trace, row);
    REQUIRE(c.rules.size() == 1);
    CHECK(c.rules[0].id == "terminal");
  }
  CHECK(clause(trace, "§3(1) #3 備考").rules.at(0).id == "windows10-release-ended");

  // 別表 #5: two cases name conflict-05, #8 only one.
  const auto& firewall = clause(trace, "§3(3) 別表 #5");
  CHECK(firewall.title.en.find("Firewall Conflicts") == 0);
  REQUIRE(firewall.rules.size() == 1);
  std::vector<std::string> cases;
  for (const auto& f : firewall.rules[0].cases) cases.push_back(stem(f));
  CHECK(cases == std::vector<std::string>{"firewall", "vpn-blocked"});
  REQUIRE(clause(trace, "§3(3) 別表 #8").rules.at(0).cases.size() == 1);

  // §4(2): a citation that does not start with `#` follows the section's.
  const auto& isakmp = clause(trace, "§4(2) VPN #2");
  REQUIRE(isakmp.rules.size() == 1);
  CHECK(isakmp.rules[0].id == "vpn-isakmp");
  CHECK(stem(isakmp.rules[0].cases.at(0)) == "vpn-blocked");
  CHECK(clause(trace, "§4(2) (参考)").informational);

  // 補足2: its rows by label, its notes informational.
  CHECK(clause(trace, "補足2 macOS 10.12").rules.at(0).id == "keymanager-os");
  CHECK(clause(trace, "補足2 ※1").informational);

  // Every clause that is not informational is encoded by some rule.
  for (const auto& c : trace.clauses)
    if (!c.informational) CHECK_FALSE(c.rules.empty());
  const auto rules_with_rationale = std::count_if(
      info.rules.begin(), info.rules.end(), [](const auto& r) { return !r.rationale.empty(); });
  CHECK(rules_with_rationale == 7);
}

TEST_CASE("trace_policy: a rule whose citation is no clause and no section is unplaced") {
  auto compiled = dsl::compile_text(
      "t.tkg", R"(policy t { title "t" revision "1" effective 2026-01-01 source "s" }
section "§1" "One" {
  clause "#1" "the one clause"
  check a cite "#1" "A." { expect os.family == windows }
  check b cite "#9" "B." { expect os.family == macos }
}
)");
  REQUIRE(compiled.ok());
  const auto trace = engine::trace_policy(compiled.policy->info, {});
  REQUIRE(trace.clauses.size() == 1);  // §1 declares clauses and no rule cites it whole
  CHECK(trace.clauses[0].cite == "§1 #1");
  REQUIRE(trace.unplaced.size() == 1);
  CHECK(trace.unplaced[0].id == "b");
}
