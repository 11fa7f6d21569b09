// Tests for time in the language, lowered and evaluated: `today`, windows in time on rules,
// decision-list cases, matrix rows and forbid items, the policy's effective date, `os` ranges
// and comparisons, and the `7.*` wildcard — small policies compiled with dsl::compile_text,
// every evaluation at an explicit check date (never the clock).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dsl/compiler.hpp"
#include "engine/eval/evaluator.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo;
using engine::Status;

namespace {

const char* kHeader = R"(policy t { title "t" revision "2" effective 2024-07-01 source "s" }
)";

std::shared_ptr<const engine::Graph> compile(const std::string& body) {
  auto result = dsl::compile_text("test.tkg", std::string(kHeader) + body);
  INFO(dsl::render_all(result.diagnostics, *result.source));
  REQUIRE(result.ok());
  return result.policy->graph;
}

std::vector<dsl::Diagnostic> diagnostics(const std::string& body) {
  return dsl::compile_text("test.tkg", std::string(kHeader) + body).diagnostics;
}

// The outcome of `rule` on `json`, checked as of `as_of` ("" for no check date).
engine::RuleOutcome outcome(const std::shared_ptr<const engine::Graph>& graph,
                            std::string_view json, std::string_view as_of,
                            std::string_view rule = {}) {
  auto load =
      engine::parse_facts(json, "facts.json", engine::FactFormat::json, {.require_header = false});
  INFO(json);
  REQUIRE(load.errors.empty());
  engine::EvaluationOptions options;
  if (!as_of.empty()) {
    options.as_of = engine::Date::parse(as_of);
    REQUIRE(options.as_of);
  }
  auto result = engine::evaluate(graph, load.documents.front().root, "facts.json", options);
  for (const auto& r : result.rules)
    if (rule.empty() || r.id == rule) return r;
  FAIL("no such rule");
  return {};
}

// "An old AnyConnect accepted with a warning until 2024-09-30, a failure after": two lines.
const char* kAnyConnect = R"tkg(
section "§1" {
  check vpn "AnyConnect 5 is required; 4 is accepted until 2024-09-30." {
    warn when any software (name ~ "AnyConnect" and version < 5) until 2024-09-30 "AnyConnect 4: update by 2024-09-30"
    fail when any software (name ~ "AnyConnect" and version < 5) "AnyConnect 4 is no longer accepted"
    expect any software (name ~ "AnyConnect")
  }
}
)tkg";

const char* kOld = R"({"software": [{"name": "Cisco AnyConnect", "version": "4.9.05042"}]})";
const char* kNew = R"({"software": [{"name": "Cisco AnyConnect", "version": "5.1"}]})";

}  // namespace

TEST_CASE("a case limited in time takes part only within its window", "[dsl][time]") {
  auto graph = compile(kAnyConnect);
  auto accepted = outcome(graph, kOld, "2024-09-30");  // the last day is included
  CHECK(accepted.status == Status::warn);
  CHECK(accepted.message == "AnyConnect 4: update by 2024-09-30");
  bool shows_today = false;
  for (const auto& e : accepted.evidence)
    if (e.path == "today") {
      shows_today = true;
      CHECK(e.value == "2024-09-30");
      CHECK(e.expected == "<= 2024-09-30");
    }
  CHECK(shows_today);

  auto refused = outcome(graph, kOld, "2024-10-01");
  CHECK(refused.status == Status::fail);
  CHECK(refused.message == "AnyConnect 4 is no longer accepted");
  CHECK(outcome(graph, kNew, "2024-10-01").status == Status::pass);
  CHECK(outcome(graph, kNew, "2024-09-01").status == Status::pass);
  // No check date: the limited case is unknown, and the rule with it; never a pass.
  auto undated = outcome(graph, kOld, "");
  CHECK(undated.status == Status::unknown);
  CHECK(undated.message == "cannot decide: no check date was given");
  // …unless its condition is false anyway: then the window does not matter.
  CHECK(outcome(graph, kNew, "").status == Status::pass);
}

TEST_CASE("a rule outside its window is n/a, saying when it is in force", "[dsl][time]") {
  auto graph = compile(R"tkg(
section "§2" {
  check from-october "Windows from October." from 2024-10-01 { expect os.family == windows }
  check until-march "Windows until March." until 2025-03-31 { expect os.family == windows }
  check both "Windows in the winter." from 2024-10-01 until 2025-03-31 { expect os.family == windows }
}
)tkg");
  const char* mac = R"({"os": {"family": "macos"}})";
  auto early = outcome(graph, mac, "2024-09-30", "from-october");
  CHECK(early.status == Status::not_applicable);
  CHECK(early.message == "not in force as of 2024-09-30: in force from 2024-10-01");
  CHECK(outcome(graph, mac, "2024-10-01", "from-october").status == Status::fail);
  CHECK(outcome(graph, mac, "2025-03-31", "until-march").status == Status::fail);
  auto late = outcome(graph, mac, "2025-04-01", "until-march");
  CHECK(late.status == Status::not_applicable);
  CHECK(late.message == "not in force as of 2025-04-01: in force until 2025-03-31");
  CHECK(outcome(graph, mac, "2025-04-01", "both").message ==
        "not in force as of 2025-04-01: in force from 2024-10-01 until 2025-03-31");
  CHECK(outcome(graph, mac, "2024-12-24", "both").status == Status::fail);
  auto undated = outcome(graph, mac, "", "both");
  CHECK(undated.status == Status::unknown);
  CHECK(undated.message ==
        "cannot decide: no check date was given (the rule is in force from 2024-10-01 until "
        "2025-03-31)");
}

TEST_CASE("a matrix row outside its window neither admits nor explains", "[dsl][time]") {
  auto graph = compile(R"tkg(
section "§3" {
  matrix os "Supported OS." {
    row "7" "Windows 7" until 2024-09-30 { os windows 7; disk >= 100MiB }
    row "10" "Windows 10" { os windows 10 release 22H2 }
  }
}
)tkg");
  const char* win7 =
      R"({"os": {"family": "windows", "version": "7"}, "disk": {"system_free_bytes": 1000}})";
  const char* win7_roomy =
      R"({"os": {"family": "windows", "version": "7"}, "disk": {"system_free_bytes": 1000000000}})";
  CHECK(outcome(graph, win7_roomy, "2024-09-30").status == Status::pass);
  // In force, the row explains the failure; after it, the row is as if not written.
  CHECK(outcome(graph, win7, "2024-09-30").message ==
        "the OS and browser match row 7 (Windows 7), but free disk space is below 100MiB");
  auto after = outcome(graph, win7_roomy, "2024-10-01");
  CHECK(after.status == Status::fail);
  CHECK(after.message ==
        "the OS is not in the support matrix (Windows 7 (until 2024-09-30); Windows 10)");
  CHECK(outcome(graph, win7_roomy, "").status == Status::unknown);
}

TEST_CASE("a forbid item limited in time is forbidden only within its window", "[dsl][time]") {
  auto graph = compile(R"tkg(
section "§4" {
  forbid av "No old antivirus." {
    software "Old AV" from 2024-10-01 { name ~ "Old AV" }
    software "Bad AV" { name ~ "Bad AV" }
    when "ICS" until 2024-09-30 features.ics_enabled
  }
}
)tkg");
  const char* old_av = R"({"software": [{"name": "Old AV"}], "features": {"ics_enabled": false}})";
  CHECK(outcome(graph, old_av, "2024-09-30").status == Status::pass);
  auto found = outcome(graph, old_av, "2024-10-01");
  CHECK(found.status == Status::fail);
  CHECK(found.message == "installed: Old AV");
  const char* ics = R"({"software": [], "features": {"ics_enabled": true}})";
  CHECK(outcome(graph, ics, "2024-09-30").message == "present: ICS");
  CHECK(outcome(graph, ics, "2024-10-01").status == Status::pass);
  CHECK(outcome(graph, old_av, "").status == Status::unknown);
}

TEST_CASE("`today` in expressions: against dates and against timestamp facts", "[dsl][time]") {
  auto graph = compile(R"tkg(
section "§5" {
  check fresh "Collected within the check date." {
    fail when collected.at > today "collected after the check date"
    warn when today >= 2025-01-01 "this revision is being replaced"
  }
}
)tkg");
  const char* dump = R"({"collected": {"at": "2024-10-05T09:00:00+09:00"}})";
  CHECK(outcome(graph, dump, "2024-10-05").status == Status::pass);
  CHECK(outcome(graph, dump, "2024-10-04").status == Status::fail);
  auto late = outcome(graph, dump, "2025-01-01");
  CHECK(late.status == Status::warn);
  REQUIRE_FALSE(late.evidence.empty());
  CHECK(late.evidence.back().path == "today");
  CHECK(late.evidence.back().value == "2025-01-01");
  CHECK(late.evidence.back().expected == ">= 2025-01-01");
  CHECK(outcome(graph, dump, "").status == Status::unknown);
  // A dump cannot supply `today`.
  CHECK(outcome(graph, R"({"today": "2030-01-01", "collected": {"at": "2024-10-05T09:00:00Z"}})",
                "", "fresh")
            .status == Status::unknown);
}

TEST_CASE("the policy's effective date warns about early dumps and early checks", "[dsl][time]") {
  auto result = dsl::compile_text("test.tkg", std::string(kHeader) + kAnyConnect);
  REQUIRE(result.ok());
  REQUIRE(result.policy->graph->effective() == engine::Date::parse("2024-07-01"));
  auto load = engine::parse_facts(
      R"({"collected": {"at": "2024-06-30T10:00:00+09:00"}, "software": [{"name": "Cisco AnyConnect", "version": "5.1"}]})",
      "d.json", engine::FactFormat::json, {.require_header = false});
  REQUIRE(load.errors.empty());
  engine::EvaluationOptions options;
  options.as_of = engine::Date::parse("2024-06-30");
  auto r = engine::evaluate(result.policy->graph, load.documents.front().root, "d.json", options);
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0].find(
            "checked as of 2024-06-30, before the policy's effective date 2024-07-01") == 0);
  CHECK(r.warnings[1].find("collected on 2024-06-30 (collected.at)") == 0);
  CHECK(r.verdict == engine::Verdict::pass);  // warnings never change the verdict
}

TEST_CASE("windows: malformed dates, an empty window, a window that ends before the policy",
          "[dsl][time]") {
  auto codes = [](const std::vector<dsl::Diagnostic>& ds) {
    std::vector<std::string> out;
    for (const auto& d : ds) out.push_back(d.code);
    return out;
  };
  CHECK(codes(diagnostics(
            R"(check a cite "§1" "A." from 2024-02-30 { expect os.family == windows })")) ==
        std::vector<std::string>{"E0202"});
  auto empty = diagnostics(
      R"(check a cite "§1" "A." { warn when os.family == windows from 2024-10-01 until 2024-09-30 })");
  REQUIRE(codes(empty) == std::vector<std::string>{"E0210"});
  CHECK(empty[0].message ==
        "the window of a case of rule `a` is empty: `from 2024-10-01` is after `until 2024-09-30`");
  auto ended =
      diagnostics(R"(forbid f cite "§1" "F." { software "X" until 2024-06-30 { name ~ "x" } })");
  REQUIRE(codes(ended) == std::vector<std::string>{"W0411"});
  CHECK(ended[0].message ==
        "item `X` of `f` is never in force: its window ends on 2024-06-30, before the policy's "
        "effective date 2024-07-01");
  // A window ending on the effective date itself is in force that day.
  CHECK(
      diagnostics(R"(matrix m cite "§1" "M." { row "1" until 2024-07-01 { os linux } })").empty());
}

TEST_CASE("os clauses take ranges and comparisons", "[dsl][time][matrix]") {
  auto graph = compile(R"tkg(
section "§6" {
  matrix os "Supported OS." {
    row "mac" "macOS 12-14" { os macos 12..14 }
    row "11" "Windows 11 22H2 or later" { os windows 11 release >= 22H2 }
    row "10" "Windows 10 1909-21H2" { os windows 10 release 1909..21H2 }
    row "new" "Windows 12 or later" { os windows >= 12 }
  }
}
)tkg");
  auto status = [&](std::string_view os) {
    return outcome(graph, std::string(R"({"os": )") + std::string(os) + "}", "2024-10-01").status;
  };
  CHECK(status(R"({"family": "macos", "version": "11.7"})") == Status::fail);
  CHECK(status(R"({"family": "macos", "version": "12.0.1"})") == Status::pass);
  CHECK(status(R"({"family": "macos", "version": "14.6"})") == Status::pass);
  CHECK(status(R"({"family": "macos", "version": "15.0"})") == Status::fail);
  CHECK(status(R"({"family": "windows", "version": "11", "release": "21H2"})") == Status::fail);
  CHECK(status(R"({"family": "windows", "version": "11", "release": "23H2"})") == Status::pass);
  CHECK(status(R"({"family": "windows", "version": "10", "release": "1903"})") == Status::fail);
  CHECK(status(R"({"family": "windows", "version": "10", "release": "2004"})") == Status::pass);
  CHECK(status(R"({"family": "windows", "version": "10", "release": "22H2"})") == Status::fail);
  CHECK(status(R"({"family": "windows", "version": "12"})") == Status::pass);
  // Evidence stays readable.
  auto r = outcome(graph, R"({"os": {"family": "macos", "version": "13.1"}})", "2024-10-01");
  bool range_shown = false;
  for (const auto& e : r.evidence)
    if (e.path == "os.version" && e.expected.find("in [12..14]") != std::string::npos)
      range_shown = true;
  CHECK(range_shown);
}

TEST_CASE("`7.*` is the same wildcard as `7.x`", "[dsl][time]") {
  auto graph = compile(R"tkg(
section "§7" {
  check star "Version 7." { expect any software (name ~ "x" and version == 7.*) }
  check x "Version 7." { expect any software (name ~ "x" and version == 7.x) }
}
)tkg");
  for (const char* version : {"7", "7.0.1", "7.99", "8.0", "17.1"}) {
    INFO(version);
    const std::string dump =
        std::string(R"({"software": [{"name": "x", "version": ")") + version + "\"}]}";
    CHECK(outcome(graph, dump, "2024-10-01", "star").status ==
          outcome(graph, dump, "2024-10-01", "x").status);
  }
  CHECK(outcome(graph, R"({"software": [{"name": "x", "version": "7.2"}]})", "2024-10-01", "star")
            .status == Status::pass);
  CHECK(outcome(graph, R"({"software": [{"name": "x", "version": "8.0"}]})", "2024-10-01", "star")
            .status == Status::fail);
  // A wildcard only ends a version.
  CHECK(diagnostics(R"(check y cite "§1" "Y." { expect os.version == 7.*.1 })").at(0).code ==
        "E0202");
}
