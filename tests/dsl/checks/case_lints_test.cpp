// tests/dsl/checks: dead-cases (W0407 a condition that can never hold, W0408 a case an
// earlier one always decides first), and what the help then says of the rule (as W0402).
#include <catch2/catch.hpp>

#include "support/linted.hpp"

using namespace tekigo;
using test::lint;
using Strings = std::vector<std::string>;

namespace {

Strings found(const test::Linted& l, std::string_view code) {
  Strings out;
  for (const auto& d : l.of(code)) out.push_back(l.text(d) + ": " + d.message);
  return out;
}

}  // namespace

TEST_CASE("dead cases: contradictory comparisons on one fact", "[dsl][lints]") {
  auto l = lint(R"(section "§1" {
  check os "OS." {
    pass when os.version == 10 and os.version == 11 "Never."
    pass when os.version == 10
    otherwise fail
  }
  check port "Port." {
    fail when any reach (port < 10 and port > 20)
    warn when os.version == 7
    otherwise pass
  }
  check only "Only." {
    fail when os.service_pack < 1 and os.service_pack > 2
    otherwise pass
  }
}
)");
  CHECK(l.result.ok());
  CHECK(found(l, "W0407") ==
        Strings{
            "os.version == 10 and os.version == 11: this `pass when` case can never apply",
            "any reach (port < 10 and port > 20): this `fail when` case can never apply",
            "os.service_pack < 1 and os.service_pack > 2: this `fail when` case can never apply"});
  const auto d = l.of("W0407");
  CHECK(d[0].help ==
        "`os.version == 10` and `os.version == 11` cannot both be true: correct the condition, "
        "or remove the case");
  CHECK(d[1].help ==
        "`port < 10` and `port > 20` cannot both be true; rule `port` can then never be `fail`: "
        "correct the condition, or remove the case");
  CHECK(d[2].help.find("rule `only` can then only ever be `pass` (see W0402)") !=
        std::string::npos);
  CHECK(l.of("W0402").empty());  // as written, `only` has two statuses
}

TEST_CASE("dead cases: an earlier case that always decides first", "[dsl][lints]") {
  auto l = lint(R"(section "§1" {
  check old "Old releases." {
    applies when os.family == windows and os.version == 10
    warn when os.release <= 1909 "Old."
    fail when os.release <= 1903 "Ended."
    otherwise pass
  }
  check either "Either." {
    fail when os.version == 7
    fail when os.version == 8
    warn when os.version == 7 or os.version == 8
    warn when os.version >= 7 and os.version < 9
    otherwise pass
  }
  check right "Right order." {
    fail when os.release <= 1903
    warn when os.release <= 1909
    otherwise pass
  }
  check expected "Expect." {
    expect os.version >= 10
    warn when os.version == 8.1
    otherwise pass
  }
}
)");
  CHECK(found(l, "W0408") ==
        Strings{"os.release <= 1903: this `fail when` case is never reached",
                "os.version == 7 or os.version == 8: this `warn when` case is never reached",
                "os.version == 8.1: this `warn when` case is never reached"});
  const auto d = l.of("W0408");
  CHECK(d[0].help ==
        "whenever `os.release <= 1903` holds, the earlier `os.release <= 1909` holds too and "
        "decides first; rule `old` can then never be `fail`: correct the condition, or "
        "remove the case");
  REQUIRE(d[0].notes.size() == 1);
  CHECK(l.text(d[0].notes[0].first) == "os.release <= 1909");
  // Each alternative of `7 or 8` is decided by an earlier case, each by another one. Not
  // `>= 7 and < 9`: each case holds for part of it only, and the analysis does not split it.
  CHECK(d[1].help.find("one of the earlier cases holds too") != std::string::npos);
  CHECK(d[1].notes.size() == 2);
  CHECK(d[2].help.find("the earlier `expect os.version >= 10` fails too") != std::string::npos);
}

TEST_CASE("dead cases: applies, forbid items and `unless`", "[dsl][lints]") {
  auto l = lint(R"(section "§1" {
  check na "N/A." {
    applies when os.family == macos
    applies when os.family == windows
    fail when os.version == 10
  }
  check win "Windows." {
    applies when os.family == windows
    fail when os.family == macos "Never on Windows."
    otherwise pass
  }
  forbid f "F." {
    software "none" { version == 1 and version == 2 }
    software "some" { name ~ "x" }
  }
  line l "L." {
    recommended fiber, isdn, adsl, mobile, catv, public_wifi, leased_line
    unusable closed_ip_vpn "No." unless network.internet_via_datacenter and not network.internet_via_datacenter warn "Hm."
  }
}
)");
  CHECK(found(l, "W0407") ==
        Strings{"os.family == windows: this `applies when` can never hold",
                "os.family == macos: this `fail when` case can never apply",
                "version == 1 and version == 2: item `none` can never be found",
                "network.internet_via_datacenter and not network.internet_via_datacenter: this "
                "`unless` can never hold"});
  CHECK(l.of("W0407")[0].help ==
        "`os.family == macos` and `os.family == windows` cannot both be true, so rule `na` never "
        "applies: correct the condition");
}

TEST_CASE("dead cases: sound on what the analysis cannot see", "[dsl][lints]") {
  auto l = lint(R"(section "§1" {
  check vpn "VPN." {
    pass when any software (name ~ "anyconnect secure mobility client" and version == 4.9.05042)
    warn when any software (name ~ "anyconnect|cisco secure client")
    otherwise warn
  }
  check two "Two lists." {
    fail when any software (version == 1) and any software (version == 2)
    pass when os.version == 10 and os.version == 10.0
    otherwise pass
  }
}
)");
  INFO(l.rendered());
  CHECK(l.of("W0407").empty());
  CHECK(l.of("W0408").empty());
}

TEST_CASE("dead cases: a case that can never stand aside leaves the rule one status",
          "[dsl][lints]") {
  auto l = lint(R"(section "§1" {
  check never-met "Never met." { expect os.version == 10 and os.version == 11 }
  check always "Always." {
    fail when os.version < 10 or os.version >= 10
    fail when os.family == windows
    warn when os.family == macos
    otherwise pass
  }
}
)");
  CHECK(found(l, "W0407") ==
        Strings{"os.version == 10 and os.version == 11: this `expect` can never be met",
                "os.version < 10 or os.version >= 10: this `fail when` case always applies"});
  const auto d = l.of("W0407");
  CHECK(d[0].help ==
        "`os.version == 10` and `os.version == 11` cannot both be true, so its failure decides "
        "whenever its facts are known and no later case or `otherwise` of another status can; "
        "rule `never-met` can then only ever be `fail` (see W0402): correct the condition, or "
        "remove the case");
  CHECK(d[1].help.find("not `os.version < 10` and not `os.version >= 10` cannot both be true") !=
        std::string::npos);
  CHECK(d[1].help.find("rule `always` can then only ever be `fail`") != std::string::npos);
  // The second `fail when` has the status of the first: it can still decide, so no W0408.
  CHECK(l.of("W0408").empty());
}
