// tests/dsl/lower: `flow` lowered into its decision list as docs/language.md ("flow")
// describes it — blocked probes first, then unprobed ones — and its probes in the plan.
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

TEST_CASE("flow: one probe per protocol and port; fail when blocked, unknown when not open",
          "[dsl][lower][flow]") {
  auto l = lower(R"(section "VPN" {
  flow vpn "It passes." {
    protocol tcp, udp; direction out; from any; to sec.ccr.ncc.go.jp; port 443
    address 219.97.232.64; purpose "Client Service"
  }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("vpn");
  CHECK(statuses(r) ==
        std::vector<Status>{Status::fail, Status::fail, Status::unknown, Status::unknown});
  CHECK(messages(r) == std::vector<std::string>{
                           "tcp/443 to sec.ccr.ncc.go.jp is blocked",
                           "udp/443 to sec.ccr.ncc.go.jp is blocked",
                           "tcp/443 to sec.ccr.ncc.go.jp was not probed, or the probe failed",
                           "udp/443 to sec.ccr.ncc.go.jp was not probed, or the probe failed",
                       });
  CHECK(l.text(r.cases[0].when) == "tcp/443 to sec.ccr.ncc.go.jp closed or filtered");
  CHECK(l.text(r.cases[2].explain) == "tcp/443 to sec.ccr.ncc.go.jp open");
  CHECK(r.otherwise.status == Status::pass);
  CHECK(r.otherwise.message.en == "tcp/443, udp/443 to sec.ccr.ncc.go.jp pass (Client Service)");
  REQUIRE(l.plan.probes.size() == 2);
  CHECK(l.plan.probes[0].host == "sec.ccr.ncc.go.jp");
  CHECK(l.plan.probes[0].protocol == "tcp");
  CHECK(l.plan.probes[0].port == 443);
  CHECK(l.plan.probes[0].rule_id == "vpn");
  CHECK(l.plan.probes[0].documented_addresses == std::vector<std::string>{"219.97.232.64"});
  CHECK(l.plan.names == std::vector<std::string>{"sec.ccr.ncc.go.jp"});
}

TEST_CASE("flow: a probe two rules ask for is planned once, for the first", "[dsl][lower][flow]") {
  auto l = lower(R"(section "VPN" {
  flow a "A." { protocol udp; to h.example.jp; port 500, 4500 }
  flow b "B." { protocol UDP; to H.example.jp.; port 4500 }
})");
  REQUIRE(l.diagnostics.empty());
  REQUIRE(l.plan.probes.size() == 2);
  CHECK(l.plan.probes[1].port == 4500);
  CHECK(l.plan.probes[1].rule_id == "a");
}

TEST_CASE("flow: E0305 for the first missing part, E0306, E0204", "[dsl][lower][flow]") {
  auto l = lower(R"(section "VPN" {
  flow a "A." { protocol udp; port 500 }
  flow b "B." { protocol udp; to h.example.jp }
  flow c "C." { to h.example.jp; port 500 }
  flow d "D." { protocol udp, sctp; direction in; to h.example.jp; port 500 }
})");
  CHECK(l.codes() == std::vector<std::string>{"E0305", "E0305", "E0305", "E0306", "E0204"});
  CHECK(l.diagnostics[0].message == "flow `a` has no destination");
  CHECK(l.diagnostics[1].message == "flow `b` has no destination port");
  CHECK(l.diagnostics[2].message == "flow `c` names no protocol");
  CHECK(l.graph->rules().empty());
  CHECK(l.plan.probes.empty());
}
