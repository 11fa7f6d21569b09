// tests/dsl/checks: the structure passes, run on a parsed AST alone — header (E0103, E0202),
// names (E0101, E0102, E0104), cites (E0105, E0106).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dsl/checks/structure.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;

namespace {

struct Checked {
  std::vector<dsl::Diagnostic> diagnostics;
  std::vector<std::string> codes;
  std::vector<std::string> messages;
};

using Pass = void (*)(const dsl::checks::PassInput&, std::vector<dsl::Diagnostic>&);

Checked run(Pass pass, const std::string& text) {
  dsl::SourceFile source("t.tkg", text);
  auto parsed = dsl::parse(source);
  INFO(dsl::render_all(parsed.diagnostics, source));
  REQUIRE(parsed.diagnostics.empty());
  Checked out;
  pass(dsl::checks::PassInput{parsed.file, source}, out.diagnostics);
  for (const auto& d : out.diagnostics) {
    out.codes.push_back(d.code);
    out.messages.push_back(d.message);
    CHECK(std::string(source.slice(d.span)).size() > 0);  // always a span
  }
  return out;
}

const std::string kHeader =
    "policy t { title \"t\" revision \"1\" effective 2026-01-01 source \"s\" }\n";

}  // namespace

TEST_CASE("structure: header names each missing field at the policy id", "[dsl][checks]") {
  auto c = run(dsl::checks::check_header, "policy demo { title \"t\" }\n");
  CHECK(c.codes == std::vector<std::string>{"E0103", "E0103", "E0103"});
  CHECK(c.messages == std::vector<std::string>{"the policy header has no `revision`",
                                               "the policy header has no `source`",
                                               "the policy header has no `effective`"});
  CHECK(c.diagnostics[0].help == "add `revision \"2021-01\"` inside `policy demo { … }`");
  CHECK(run(dsl::checks::check_header, kHeader).codes.empty());
}

TEST_CASE("structure: header wants the effective date as YYYY-MM-DD", "[dsl][checks]") {
  auto c = run(dsl::checks::check_header,
               "policy t { title \"t\" revision \"1\" effective 2026-1-01 source \"s\" }\n");
  CHECK(c.codes == std::vector<std::string>{"E0202"});
  CHECK(c.messages[0] == "malformed date `2026-1-01`");
}

TEST_CASE("structure: names — unique ids across sections, with the first use as a note",
          "[dsl][checks]") {
  auto c = run(dsl::checks::check_names, kHeader + R"(section "§1" {
  check a "A." { expect os.family == windows }
  section "§1.1" { check a "A." { expect os.family == macos } }
}
check b cite "§2" "B." { expect os.family == linux }
)");
  REQUIRE(c.codes == std::vector<std::string>{"E0101"});
  CHECK(c.messages[0] == "duplicate rule id `a`");
  REQUIRE(c.diagnostics[0].notes.size() == 1);
  CHECK(c.diagnostics[0].notes[0].second == "first used here");
}

TEST_CASE("structure: names — a note is declared once per section and used in its scope",
          "[dsl][checks]") {
  auto c = run(dsl::checks::check_names, kHeader + R"(note ※1 "top"
section "§1" {
  note ※2 "one"
  note ※2 "two"
  check a "A." notes ※1, ※2 { expect os.family == windows "x" notes ※2 }
  section "§1.1" {
    note ※1 "inner wins"
    check b "B." notes ※1, ※2 { expect os.version == 10 } }
}
section "§2" { check c "C." notes ※2 { expect os.version == 11 } }
)");
  // ※2 twice in §1; ※2 of §1 is not in scope in §2. `*1` and `※1` differ (not tested here).
  CHECK(c.codes == std::vector<std::string>{"E0104", "E0102"});
  CHECK(c.messages == std::vector<std::string>{"note `※2` is declared twice in this section",
                                               "note `※2` is not declared"});
}

TEST_CASE("structure: cites — a rule outside every section cites, every rule has a sentence",
          "[dsl][checks]") {
  auto c = run(dsl::checks::check_cites, kHeader + R"(check a "A." { expect os.family == windows }
check b cite "§2" "B." { expect os.family == windows }
section "§3" { check d "" { expect os.family == windows } }
)");
  CHECK(c.codes == std::vector<std::string>{"E0105", "E0106"});
  CHECK(c.messages == std::vector<std::string>{"rule `a` cites no clause of the document",
                                               "rule `d` has no sentence saying what it requires"});
}
