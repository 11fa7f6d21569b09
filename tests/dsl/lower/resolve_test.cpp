// tests/dsl/lower: `resolve` lowered into its decision list as docs/language.md ("resolve")
// describes it, and the names it adds to the collection plan.
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

TEST_CASE("resolve: with `direct` and an address, the four cases and `otherwise warn`",
          "[dsl][lower][resolve]") {
  auto l = lower(R"(section "#2" {
  resolve sec "It resolves." { name sec.ccr.ncc.go.jp.; address 219.97.232.64; direct }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("sec");
  CHECK(statuses(r) ==
        std::vector<Status>{Status::unknown, Status::fail, Status::fail, Status::pass});
  CHECK(messages(r) ==
        std::vector<std::string>{
            "`sec.ccr.ncc.go.jp` was not looked up (the dump has no dns entry for it)",
            "`sec.ccr.ncc.go.jp` resolves only through the proxy; it must resolve directly (DNS "
            "or hosts file)",
            "`sec.ccr.ncc.go.jp` does not resolve on this terminal",
            "`sec.ccr.ncc.go.jp` resolves to the documented address 219.97.232.64",
        });
  CHECK(l.text(r.cases[0].when) == "no entry for sec.ccr.ncc.go.jp");
  CHECK(r.otherwise.status == Status::warn);
  CHECK(r.otherwise.message.en ==
        "`sec.ccr.ncc.go.jp` resolves, but not to the documented address 219.97.232.64 "
        "(addresses may change: confirm the new one)");
  CHECK(r.otherwise.expected == "219.97.232.64");
  REQUIRE(r.otherwise_explain.size() == 1);
  // The name is looked up by the collector, without its trailing dot.
  CHECK(l.plan.names == std::vector<std::string>{"sec.ccr.ncc.go.jp"});
}

TEST_CASE("resolve: without `address` or `direct`, three cases and `otherwise pass`",
          "[dsl][lower][resolve]") {
  auto l = lower(R"(section "#2" {
  resolve a "A." { name mio.example.jp }
  resolve b "B." { name MIO.example.jp }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("a");
  // Without `direct`, a name only the proxy resolves passes before "does not resolve".
  CHECK(statuses(r) == std::vector<Status>{Status::unknown, Status::pass, Status::fail});
  CHECK(r.otherwise.status == Status::pass);
  CHECK(r.otherwise.message.en == "`mio.example.jp` resolves");
  CHECK(l.plan.names.size() == 1);  // host names compare without regard to case
}

TEST_CASE("resolve: E0304 without a name, E0202 for a malformed one or a bad address",
          "[dsl][lower][resolve]") {
  auto l = lower(R"(section "#2" {
  resolve a "A." { address 219.97.232.64 }
  resolve b "B." { name "a..b" }
  resolve c "C." { name c.example.jp; address 219.97.232.640 }
})");
  CHECK(l.codes() == std::vector<std::string>{"E0304", "E0202", "E0202"});
  CHECK(l.diagnostics[1].message == "malformed host name `a..b`");
  CHECK(l.graph->rules().empty());
  CHECK(l.plan.names.empty());
}

TEST_CASE(
    "resolve: without `direct`, a name only the proxy resolves passes before `does not "
    "resolve`",
    "[dsl][lower][resolve]") {
  auto l = lower(R"(section "#1" {
  resolve mio "It resolves." { name mio.ccr.ncc.go.jp.; address 133.162.82.105 }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("mio");
  CHECK(statuses(r) ==
        std::vector<Status>{Status::unknown, Status::pass, Status::fail, Status::pass});
  CHECK(messages(r)[1] ==
        "`mio.ccr.ncc.go.jp` resolves through the proxy (web access through the proxy works; "
        "the terminal does not see the address)");
  CHECK(l.text(r.cases[1].when) ==
        "name == mio.ccr.ncc.go.jp and source == proxy and addresses is empty");
}
