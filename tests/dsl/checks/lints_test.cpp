// tests/dsl/checks: the lints, given what typing made of each rule — line-coverage (W0401)
// and constant-status (W0402). A rule that did not type gets no lint.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dsl/checks/lints.hpp"
#include "dsl/grammar/parser.hpp"
#include "support/linted.hpp"

using namespace tekigo;
using engine::Status;

namespace {

struct Policy {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::ParseResult parsed;
  const dsl::ast::Rule& rule(std::size_t i) const { return *parsed.file.items.at(i).rule; }
};

Policy parse(const std::string& body) {
  Policy p;
  p.source = std::make_unique<dsl::SourceFile>(
      "t.tkg",
      "policy t { title \"t\" revision \"1\" effective 2026-01-01 source \"s\" }\n" + body);
  p.parsed = dsl::parse(*p.source);
  REQUIRE(p.parsed.diagnostics.empty());
  return p;
}

std::vector<dsl::Diagnostic> lint(const Policy& p,
                                  void (*pass)(const dsl::checks::PassInput&,
                                               std::vector<dsl::Diagnostic>&),
                                  const std::vector<dsl::checks::TypedRule>& typed) {
  dsl::checks::PassInput input{p.parsed.file, *p.source, &typed};
  std::vector<dsl::Diagnostic> out;
  pass(input, out);
  return out;
}

}  // namespace

TEST_CASE("lints: line-coverage names the line types no class classifies", "[dsl][lints]") {
  auto p = parse(R"(line l cite "§1" "L." { recommended fiber; usable ISDN, adsl; unusable mobile }
line all cite "§1" "All." { recommended fiber, isdn, adsl, mobile, catv; unusable public_wifi, leased_line, closed_ip_vpn }
)");
  std::vector<dsl::checks::TypedRule> typed = {{&p.rule(0), true, {}, Status::fail},
                                               {&p.rule(1), true, {}, Status::fail}};
  auto out = lint(p, dsl::checks::check_line_coverage, typed);
  REQUIRE(out.size() == 1);  // `all` classifies every type
  CHECK(out[0].code == "W0401");
  CHECK(out[0].severity == dsl::Severity::warning);
  CHECK(out[0].message ==
        "line types not classified: catv, public_wifi, leased_line, closed_ip_vpn");
  CHECK(p.source->slice(out[0].span) == "l");
  // A rule that did not type (an unknown line type, say) gets no lint.
  typed[0].in_graph = false;
  CHECK(lint(p, dsl::checks::check_line_coverage, typed).empty());
}

TEST_CASE("lints: constant-status warns when every case and otherwise agree", "[dsl][lints]") {
  auto p = parse(R"(check w cite "§1" "W." { warn when os.family == windows; otherwise warn }
check g cite "§1" "G." { fail when os.family == windows; warn when os.version == 10 }
manual m cite "§1" "M." { expect attested.ipsec_vpn_over_path == true; otherwise fail }
line l cite "§1" "L." { recommended fiber }
)");
  std::vector<dsl::checks::TypedRule> typed = {
      {&p.rule(0), true, {Status::warn}, Status::warn},
      {&p.rule(1), true, {Status::fail, Status::warn}, Status::pass},
      {&p.rule(2), true, {Status::fail}, Status::fail},
      {&p.rule(3), true, {Status::pass}, Status::pass},  // not a check: no lint
  };
  auto out = lint(p, dsl::checks::check_constant_status, typed);
  REQUIRE(out.size() == 2);
  CHECK(out[0].code == "W0402");
  CHECK(out[0].message == "rule `w` can only ever be `warn`");
  CHECK(out[1].message == "rule `m` can only ever be `fail`");
  CHECK(out[1].help == "its cases and its `otherwise` all give the same status");
  typed[0].in_graph = typed[2].in_graph = false;
  CHECK(lint(p, dsl::checks::check_constant_status, typed).empty());
}

TEST_CASE("lints: duplicate-cites names both rules that cite one clause", "[dsl][lints]") {
  auto l = test::lint(R"tkg(section "§3(3)" {
  forbid a cite "#22" "A." { software "a" { name ~ "a" } }
  forbid b cite "#22" "B." { software "b" { name ~ "b" } }
  forbid c "C." { software "c" { name ~ "c" } }
  forbid d "D." { software "d" { name ~ "d" } }
  removed old-22 cite "#22" revision "第8版"
  removed c cite "#3"
}
section "§4" {
  forbid e cite "#22" "E." { software "e" { name ~ "e" } }
}
forbid f cite "§3(3) #22" "F." { software "f" { name ~ "f" } }
)tkg");
  // c and d share their section's citation without writing one; e's #22 is §4's. f writes
  // the same citation out in full.
  // The removed `c` has the id of a rule (E0101, not this lint).
  const auto w = l.of("W0404");
  REQUIRE(w.size() == 3);
  CHECK(w[0].message == "rules `a` and `b` both cite `§3(3) #22`");
  CHECK(l.text(w[0]) == "\"#22\"");
  REQUIRE(w[0].notes.size() == 1);
  CHECK(w[0].notes[0].second == "rule `a` cites it here");
  CHECK(w[1].message == "rule `a` and removed entry `old-22` both cite `§3(3) #22`");
  CHECK(w[1].help ==
        "the document removed that clause: a rule that is still there cites another one");
  CHECK(w[2].message == "rules `a` and `f` both cite `§3(3) #22`");
}

TEST_CASE("lints: unused-notes finds the notes no reference resolves to", "[dsl][lints]") {
  auto l = test::lint(R"tkg(note ※1 "Top, shadowed by §1's ※1 and never used itself."
note ※2 "Top, used in §1."
section "§1" {
  note ※1 "Used by a row's warning."
  note ※3 "Used by a line class."
  note ※4 "Not used."
  matrix m "M." { row "1" { os windows 10; warn "w" notes ※1 } }
  line l "L." { recommended fiber, isdn, adsl, mobile, catv, public_wifi, leased_line notes ※3; unusable closed_ip_vpn notes ※2 }
}
)tkg");
  const auto w = l.of("W0409");
  REQUIRE(w.size() == 2);
  CHECK(w[0].message == "note `※1` is never used");
  CHECK(l.result.source->position(w[0].span.begin).line == 2);  // the top-level one
  CHECK(w[0].help.find("of the policy") != std::string::npos);
  CHECK(w[1].message == "note `※4` is never used");
}
