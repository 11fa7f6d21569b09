// Tests for the meaning of each rule kind: small policies compiled with dsl::compile_text
// and evaluated on hand-written facts — matrix, resolve, flow, forbid, line, check, manual.
#include <catch2/catch.hpp>

#include "dsl/compiler.hpp"
#include "engine/eval/evaluator.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo;
using engine::Status;

namespace {

const char* kHeader = R"(policy t { title "t" revision "1" effective 2026-01-01 source "s" }
)";

std::shared_ptr<const engine::Graph> compile(const std::string& body) {
  auto result = dsl::compile_text("test.tkg", std::string(kHeader) + body);
  INFO(dsl::render_all(result.diagnostics, *result.source));
  REQUIRE(result.ok());
  return result.policy->graph;
}

engine::RuleOutcome outcome(const std::shared_ptr<const engine::Graph>& graph,
                            std::string_view json, std::string_view rule = {}) {
  auto load =
      engine::parse_facts(json, "facts.json", engine::FactFormat::json, {.require_header = false});
  INFO(json);
  REQUIRE(load.errors.empty());
  auto result = engine::evaluate(graph, load.documents.front().root, "facts.json");
  for (const auto& r : result.rules)
    if (rule.empty() || r.id == rule) return r;
  FAIL("no such rule");
  return {};
}

const char* kMatrix = R"tkg(
section "§3(1)" "OS" {
  matrix terminal "supported combination" {
    row "1" "Windows 7 SP1 or later" {
      os windows 7 service_pack >= 1
      browsers ie 9..11
      disk >= 100MiB
      warn "Windows 7 support ended"
    }
    row "2" "Windows 8.1 (not RT)" { os windows 8.1 except edition CoreARM; browsers ie 11; disk >= 100MiB }
    row "3" "Windows 10" { os windows 10 release 1909, 2004, 20H2; browsers ie 11, edge; disk >= 100MiB }
    row "4" "macOS 10.12" { os macos 10.12; browsers safari; disk >= 50MiB }
    row "5" "macOS 10.13, 10.14" { os macos 10.13, 10.14; browsers chrome; disk >= 50MiB }
  }
}
)tkg";

}  // namespace

TEST_CASE("matrix: a row admits the OS, one of its browsers and enough disk",
          "[semantics][matrix]") {
  auto g = compile(kMatrix);
  auto win10 = [&](std::string release, std::string browsers, std::int64_t disk) {
    return outcome(g, R"({"os": {"family": "windows", "version": "10", "release": ")" + release +
                          R"(", "edition": "Professional", "service_pack": 0}, "browsers": )" +
                          browsers + R"(, "disk": {"system_free_bytes": )" + std::to_string(disk) +
                          "}}");
  };
  CHECK(win10("20H2", R"([{"id": "edge", "version": "87.0.664.75"}])", 5'000'000'000).status ==
        Status::pass);
  CHECK(win10("1909", R"([{"id": "ie", "version": "11.592.18362.0"}])", 5'000'000'000).status ==
        Status::pass);
  // 1903 is in no row; the closest row is named, with what keeps the terminal out.
  auto old = win10("1903", R"([{"id": "edge", "version": "87"}])", 5'000'000'000);
  CHECK(old.status == Status::fail);
  CHECK(old.message ==
        "the OS matches row 3 (Windows 10) except its release (needs 1909, 2004, 20H2)");
  // Windows 11 is in no row either, and no row has its version: not in the matrix at all.
  auto eleven = outcome(g, R"({"os": {"family": "windows", "version": "11", "release": "23H2",
      "edition": "Professional"}, "browsers": [{"id": "edge", "version": "120"}],
      "disk": {"system_free_bytes": 5000000000}})");
  CHECK(eleven.status == Status::fail);
  CHECK(eleven.message.find("not in the support matrix") != std::string::npos);
  // Chrome only on Windows 10: the OS matches row 3 but not its browsers.
  auto chrome = win10("20H2", R"([{"id": "chrome", "version": "87"}])", 5'000'000'000);
  CHECK(chrome.status == Status::fail);
  CHECK(chrome.message.find("none of its browsers") != std::string::npos);
  // 100 MiB is 104857600 bytes: one byte less fails.
  CHECK(win10("20H2", R"([{"id": "edge", "version": "87"}])", 104'857'600).status == Status::pass);
  auto low = win10("20H2", R"([{"id": "edge", "version": "87"}])", 104'857'599);
  CHECK(low.status == Status::fail);
  CHECK(low.message.find("free disk space") != std::string::npos);
  // Browsers unknown: cannot decide.
  auto no_browsers = outcome(g, R"({"os": {"family": "windows", "version": "10", "release": "20H2"},
                                    "disk": {"system_free_bytes": 5000000000}})");
  CHECK(no_browsers.status == Status::unknown);
}

TEST_CASE("matrix: warned rows, service packs, excluded editions, macOS version lines",
          "[semantics][matrix]") {
  auto g = compile(kMatrix);
  auto w7 = outcome(g, R"({"os": {"family": "windows", "version": "7", "service_pack": 1},
                           "browsers": [{"id": "ie", "version": "11.0.9600.19596"}], "disk": {"system_free_bytes": 200000000}})");
  CHECK(w7.status == Status::warn);
  CHECK(w7.message.find("Windows 7 support ended") != std::string::npos);
  auto w7_rtm = outcome(g, R"({"os": {"family": "windows", "version": "7", "service_pack": 0},
                               "browsers": [{"id": "ie", "version": "9.0"}], "disk": {"system_free_bytes": 200000000}})");
  CHECK(w7_rtm.status == Status::fail);
  auto ie8 = outcome(g, R"({"os": {"family": "windows", "version": "7", "service_pack": 1},
                            "browsers": [{"id": "ie", "version": "8.0.7601.17514"}], "disk": {"system_free_bytes": 200000000}})");
  CHECK(ie8.status == Status::fail);  // ie 9..11 does not take IE 8
  auto rt = outcome(g, R"({"os": {"family": "windows", "version": "8.1", "edition": "CoreARM"},
                           "browsers": [{"id": "ie", "version": "11"}], "disk": {"system_free_bytes": 200000000}})");
  CHECK(rt.status == Status::fail);
  auto rt_unknown = outcome(g, R"({"os": {"family": "windows", "version": "8.1"},
                                   "browsers": [{"id": "ie", "version": "11"}], "disk": {"system_free_bytes": 200000000}})");
  CHECK(rt_unknown.status == Status::unknown);  // without the edition, RT cannot be ruled out
  auto mac = outcome(g, R"({"os": {"family": "macos", "version": "10.13.6"},
                            "browsers": [{"id": "chrome", "version": "88"}], "disk": {"system_free_bytes": 60000000}})");
  CHECK(mac.status == Status::pass);
  auto mac_safari = outcome(g, R"({"os": {"family": "macos", "version": "10.13.6"},
                                   "browsers": [{"id": "safari", "version": "13.1.2"}], "disk": {"system_free_bytes": 60000000}})");
  CHECK(mac_safari.status == Status::fail);
  auto mac_1015 = outcome(g, R"({"os": {"family": "macos", "version": "10.15.7"},
                                 "browsers": [{"id": "chrome", "version": "88"}], "disk": {"system_free_bytes": 60000000}})");
  CHECK(mac_1015.status == Status::fail);
}

TEST_CASE("resolve: documented address passes, another address warns, proxy-only or none fails",
          "[semantics][resolve]") {
  auto g = compile(R"tkg(
section "§3(2)" "names" {
  resolve sec "sec must resolve directly" { name sec.ccr.ncc.go.jp. address 219.97.232.64 direct }
}
)tkg");
  auto dns = [&](std::string entry) { return outcome(g, R"({"dns": [)" + entry + "]}"); };
  CHECK(dns(R"({"name": "sec.ccr.ncc.go.jp", "addresses": ["219.97.232.64"], "source": "dns"})")
            .status == Status::pass);
  CHECK(dns(R"({"name": "SEC.ccr.ncc.go.jp.", "addresses": ["219.97.232.64"], "source": "hosts"})")
            .status == Status::pass);
  auto moved =
      dns(R"({"name": "sec.ccr.ncc.go.jp", "addresses": ["219.97.232.99"], "source": "dns"})");
  CHECK(moved.status == Status::warn);
  CHECK(moved.message.find("documented address") != std::string::npos);
  auto proxy =
      dns(R"({"name": "sec.ccr.ncc.go.jp", "addresses": ["219.97.232.64"], "source": "proxy"})");
  CHECK(proxy.status == Status::fail);
  CHECK(proxy.message.find("proxy") != std::string::npos);
  CHECK(dns(R"({"name": "sec.ccr.ncc.go.jp", "addresses": [], "source": "none"})").status ==
        Status::fail);
  CHECK(dns(R"({"name": "other.example", "addresses": ["1.2.3.4"], "source": "dns"})").status ==
        Status::unknown);
  CHECK(outcome(g, "{}").status == Status::unknown);
}

TEST_CASE(
    "flow: every protocol and port must be open, closed or filtered fails, missing probes are "
    "unknown",
    "[semantics][flow]") {
  auto g = compile(R"tkg(
section "§4(2)" "traffic" {
  flow vpn "443 both ways" { protocol tcp, udp  direction out  from any  to sec.ccr.ncc.go.jp  port 443 }
}
)tkg");
  auto reach = [&](std::string tcp_state, std::string udp_state) {
    std::string entries;
    if (!tcp_state.empty())
      entries += R"({"host": "sec.ccr.ncc.go.jp", "protocol": "tcp", "port": 443, "state": ")" +
                 tcp_state + "\"}";
    if (!udp_state.empty())
      entries += std::string(entries.empty() ? "" : ",") +
                 R"({"host": "sec.ccr.ncc.go.jp", "protocol": "udp", "port": 443, "state": ")" +
                 udp_state + "\"}";
    return outcome(g, R"({"reach": [)" + entries + "]}");
  };
  CHECK(reach("open", "open").status == Status::pass);
  auto filtered = reach("open", "filtered");
  CHECK(filtered.status == Status::fail);
  CHECK(filtered.message == "udp/443 to sec.ccr.ncc.go.jp is blocked");
  CHECK(reach("closed", "").status == Status::fail);  // a failure decides even with a probe missing
  CHECK(reach("open", "").status == Status::unknown);
  CHECK(reach("open", "error").status == Status::unknown);
}

TEST_CASE(
    "forbid: any listed item present fails, with the item named, and is unknown when it cannot be "
    "told",
    "[semantics][forbid]") {
  auto g = compile(R"tkg(
section "§3(3) 別表" "conflicts" {
  forbid conflict-07 cite "#7" "Kaspersky AV Workstation 6.x" {
    software "Kaspersky AV Workstation 6.x" { name ~ "kaspersky.*workstation" and version == 6.x }
  }
  forbid conflict-19 cite "#19" "ICS" { when "ICS on" features.internet_connection_sharing }
}
)tkg");
  auto sw = [&](std::string list) {
    return outcome(g, R"({"software": )" + list + "}", "conflict-07");
  };
  auto hit = sw(R"([{"name": "7-Zip", "version": "19.00"},
                    {"name": "Kaspersky Anti-Virus 6.0 for Windows Workstations", "version": "6.0.4.1611"}])");
  CHECK(hit.status == Status::fail);
  CHECK(hit.cite == "§3(3) 別表 #7");
  CHECK(hit.message == "installed: Kaspersky AV Workstation 6.x");
  REQUIRE(hit.evidence.size() == 2);
  CHECK(hit.evidence[0].path == "software[1].name");
  CHECK(hit.evidence[1].path == "software[1].version");
  CHECK(
      sw(R"([{"name": "Kaspersky Endpoint Security for Windows Workstations", "version": "11.6"}])")
          .status == Status::pass);
  CHECK(sw(R"([{"name": "Kaspersky Anti-Virus for Windows Workstations"}])").status ==
        Status::unknown);
  CHECK(outcome(g, "{}", "conflict-07").status == Status::unknown);
  CHECK(
      outcome(g, R"({"features": {"internet_connection_sharing": true}})", "conflict-19").status ==
      Status::fail);
  CHECK(
      outcome(g, R"({"features": {"internet_connection_sharing": false}})", "conflict-19").status ==
      Status::pass);
}

TEST_CASE("line: recommended passes, usable warns, unusable fails unless its exception holds",
          "[semantics][line]") {
  auto g = compile(R"tkg(
section "§2(1)" "line" {
  note ※4 "closed networks"
  line line-type "allowed line" {
    recommended fiber
    usable isdn, adsl, mobile, catv "caveat"
    unusable public_wifi
    unusable leased_line, closed_ip_vpn "closed" notes ※4 unless network.internet_via_datacenter warn "via a data centre"
  }
}
)tkg");
  auto line = [&](std::string json) { return outcome(g, json); };
  CHECK(line(R"({"network": {"line": "fiber"}})").status == Status::pass);
  CHECK(line(R"({"network": {"line": "adsl"}})").status == Status::warn);
  CHECK(line(R"({"network": {"line": "public_wifi"}})").status == Status::fail);
  auto closed = line(R"({"network": {"line": "leased_line", "internet_via_datacenter": false}})");
  CHECK(closed.status == Status::fail);
  REQUIRE(closed.notes.size() == 1);
  CHECK(closed.notes[0] == "※4 closed networks");
  CHECK(line(R"({"network": {"line": "leased_line", "internet_via_datacenter": true}})").status ==
        Status::warn);
  CHECK(line(R"({"network": {"line": "leased_line"}})").status == Status::unknown);
  CHECK(line(R"({})").status == Status::unknown);
}

TEST_CASE("check and manual: clauses in order, applies-when, otherwise", "[semantics][check]") {
  auto g = compile(R"tkg(
section "§9" "misc" {
  check w10 "Windows 10 1909 or later" {
    applies when os.family == windows
    fail when os.release <= 1903 "too old"
    otherwise pass "recent"
  }
  manual lb "no load balancer" { expect attested.load_balancer == false }
}
)tkg");
  CHECK(outcome(g, R"({"os": {"family": "macos"}})", "w10").status == Status::not_applicable);
  CHECK(outcome(g, R"({"os": {"family": "windows", "release": "1809"}})", "w10").status ==
        Status::fail);
  CHECK(outcome(g, R"({"os": {"family": "windows", "release": "20H2"}})", "w10").message ==
        "recent");
  CHECK(outcome(g, R"({"os": {"family": "windows"}})", "w10").status == Status::unknown);
  CHECK(outcome(g, "{}", "lb").status == Status::manual);
  // Attested facts come with who attested them (engine/facts/attestation.hpp).
  const std::string by = R"("attestation": {"by": "x", "at": "2021-01-18", "covers": ["*"]})";
  CHECK(outcome(g, R"({"attested": {"load_balancer": true}, )" + by + "}", "lb").status ==
        Status::fail);
  CHECK(outcome(g, R"({"attested": {"load_balancer": false}, )" + by + "}", "lb").status ==
        Status::pass);
}

TEST_CASE("a real-world policy compiles into one shared graph", "[semantics][graph]") {
  // The frozen copy of the shipped policy (tests/fixtures/README.md), not the shipped one.
  auto result = dsl::compile_file(TEKIGO_SOURCE_DIR "/tests/fixtures/policies/registry-2020.tkg");
  INFO(result.io_error);
  REQUIRE(result.ok());
  const auto& graph = *result.policy->graph;
  CHECK(graph.rules().size() == 35);
  CHECK(graph.stats().shared > 100);  // the same fact reads and tests recur across rules
  // One node reads `software` however many rules read it.
  std::size_t software_reads = 0;
  for (const auto& n : graph.nodes())
    if (n.kind == engine::NodeKind::fact && n.depth == 0 && engine::to_string(n.path) == "software")
      ++software_reads;
  CHECK(software_reads == 1);
  // Every pattern on program names is one RE2::Set (and those on adapter descriptions another).
  CHECK(graph.stats().pattern_groups >= 2);
  std::size_t grouped = 0;
  for (const auto& n : graph.nodes())
    if (n.kind == engine::NodeKind::match && n.pattern_group != engine::Node::kNoGroup) ++grouped;
  CHECK(grouped >= 20);
}
