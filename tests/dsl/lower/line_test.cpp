// tests/dsl/lower: `line` lowered into its decision list as docs/language.md ("line")
// describes it: every exception first, then one case per class, `otherwise fail`.
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

TEST_CASE("line: exceptions first, then the classes with their statuses and messages",
          "[dsl][lower][line]") {
  auto l = lower(R"(section "§2" {
  line t "The line." {
    recommended fiber
    usable isdn, ADSL "Depends on the carrier." notes ※1
    unusable public_wifi
    unusable leased_line, closed_ip_vpn unless network.internet_via_datacenter warn notes ※1
    usable mobile, catv unless os.family == macos fail "No."
  }
  note ※1 "ask the carrier"
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("t");
  CHECK(statuses(r) == std::vector<Status>{Status::warn, Status::fail, Status::pass, Status::warn,
                                           Status::fail, Status::fail, Status::warn});
  CHECK(messages(r) == std::vector<std::string>{
                           "not usable: leased_line, closed_ip_vpn (exception applies)",
                           "No.",
                           "recommended line: fiber",
                           "Depends on the carrier.",
                           "not usable: public_wifi",
                           "not usable: leased_line, closed_ip_vpn",
                           "usable with a caveat: mobile, catv",
                       });
  CHECK(r.cases[0].notes == std::vector<engine::LocalText>{"※1 ask the carrier"});
  CHECK(r.cases[3].notes == std::vector<engine::LocalText>{"※1 ask the carrier"});
  // One line type: `==`; several: `in`, written in lower case.
  CHECK(l.text(r.cases[2].when) == "network.line == fiber");
  CHECK(l.text(r.cases[3].when) == "network.line in [isdn, adsl]");
  CHECK(r.otherwise.status == Status::fail);
  CHECK(r.otherwise.message.en == "the line type is not one the document allows");
}

TEST_CASE("line: E0204 for an unknown line type, E0308 for one in two classes",
          "[dsl][lower][line]") {
  auto l = lower(R"(section "§2" {
  line a "A." { recommended fibre }
  line b "B." { recommended fiber; usable fiber, adsl }
})");
  CHECK(l.codes() == std::vector<std::string>{"E0204", "E0308"});
  CHECK(l.diagnostics[0].message == "unknown line type `fibre`");
  REQUIRE(l.diagnostics[1].notes.size() == 1);
  CHECK(l.diagnostics[1].notes[0].second == "first classified here");
  // The unclassified line types are the lint line-coverage's (W0401), not lowering's.
}
