// Tests for collectors/probe against real servers: dnsmasq, openssl s_server (TLS and DTLS),
// strongSwan's charon, nftables and an HTTP CONNECT proxy, all inside a network namespace
// that tests/probes/run_probe_tests.sh sets up (see the table at the top of that script for
// the names and addresses used here). Without its TEKIGO_PROBE_* variables these tests skip.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>

#include "collectors/probes/probe.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo::collectors;
using tekigo::engine::ProbeTarget;
using Clock = std::chrono::steady_clock;

namespace {

struct Netns {
  std::string nameserver;   // dnsmasq, 127.0.0.1:5353
  std::string resolv_conf;  // lists 127.0.0.54 (dead) then 127.0.0.53 (dnsmasq on port 53)
  std::string hosts;        // mio.ccr.ncc.go.jp → 127.0.0.11, v6.tekigo.test → ::1
  std::string proxy;        // http://127.0.0.1:3128, CONNECT only for proxy-only.tekigo.test:443
};

std::optional<Netns> netns() {
  auto get = [](const char* name) -> std::optional<std::string> {
    const char* v = std::getenv(name);
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
  auto ns = get("TEKIGO_PROBE_NAMESERVER");
  auto rc = get("TEKIGO_PROBE_RESOLV_CONF");
  auto hosts = get("TEKIGO_PROBE_HOSTS");
  auto proxy = get("TEKIGO_PROBE_PROXY");
  if (!ns || !rc || !hosts || !proxy) return std::nullopt;
  return Netns{*ns, *rc, *hosts, *proxy};
}

#define NETNS_OR_SKIP(var)                                                                  \
  auto var##_maybe = netns();                                                               \
  if (!var##_maybe) {                                                                       \
    WARN("skipped: run inside the namespace of tests/probes/run_probe_tests.sh (as root)"); \
    SUCCEED();                                                                              \
    return;                                                                                 \
  }                                                                                         \
  const Netns& var = *var##_maybe

ProbeOptions options_for(const Netns& env) {
  ProbeOptions o;
  o.hosts_file = env.hosts;
  o.resolv_conf = "/nonexistent/resolv.conf";  // the nameserver option overrides it
  o.nameservers = {env.nameserver};
  return o;
}

const ResolvedName& by_name(const std::vector<ResolvedName>& all, const std::string& name) {
  for (const auto& r : all) {
    if (r.name == name) return r;
  }
  FAIL("no entry for " << name);
  return all.front();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

}  // namespace

TEST_CASE("names resolve as the terminal resolves them: hosts, DNS, proxy, none",
          "[netns][probe]") {
  NETNS_OR_SKIP(env);
  auto o = options_for(env);
  o.proxy = env.proxy;
  auto start = Clock::now();
  auto all = resolve_names(
      {"sec.ccr.ncc.go.jp", "MIO.ccr.ncc.go.jp.", "alias2.tekigo.test", "v6.tekigo.test",
       "nowhere.tekigo.test", "proxy-only.tekigo.test", "elsewhere.example"},
      o);
  auto took = ms_since(start);
  std::printf("resolve_names, 7 names: %lld ms\n", took);
  REQUIRE(all.size() == 7);

  const auto& sec = by_name(all, "sec.ccr.ncc.go.jp");
  INFO(sec.detail);
  CHECK(sec.source == NameSource::dns);
  CHECK(sec.addresses == std::vector<std::string>{"127.0.0.10"});
  CHECK(contains(sec.detail, "DNS 127.0.0.1:5353"));
  CHECK(contains(sec.detail, "A 127.0.0.10"));

  const auto& mio = by_name(all, "MIO.ccr.ncc.go.jp.");  // case and trailing dot do not matter
  INFO(mio.detail);
  CHECK(mio.source == NameSource::hosts);
  CHECK(mio.addresses == std::vector<std::string>{"127.0.0.11"});
  CHECK(contains(mio.detail, env.hosts + " line 3"));

  const auto& alias = by_name(all, "alias2.tekigo.test");
  INFO(alias.detail);
  CHECK(alias.source == NameSource::dns);
  CHECK(alias.addresses == std::vector<std::string>{"127.0.0.12", "::1"});
  CHECK(contains(alias.detail, "alias2.tekigo.test → alias.tekigo.test → target.tekigo.test"));

  const auto& v6 = by_name(all, "v6.tekigo.test");
  CHECK(v6.source == NameSource::hosts);
  CHECK(v6.addresses == std::vector<std::string>{"::1"});

  const auto& nowhere = by_name(all, "nowhere.tekigo.test");
  INFO(nowhere.detail);
  CHECK(nowhere.source == NameSource::none);
  CHECK(nowhere.addresses.empty());
  CHECK(contains(nowhere.detail, "NXDOMAIN from 127.0.0.1:5353"));
  CHECK(contains(nowhere.detail, "403"));  // the proxy was asked and said no

  const auto& proxied = by_name(all, "proxy-only.tekigo.test");
  INFO(proxied.detail);
  CHECK(proxied.source == NameSource::proxy);
  CHECK(proxied.addresses.empty());
  CHECK(contains(proxied.detail, "HTTP/1.1 200"));

  const auto& elsewhere = by_name(all, "elsewhere.example");  // dnsmasq has no upstream
  INFO(elsewhere.detail);
  CHECK(elsewhere.source == NameSource::none);
  CHECK(contains(elsewhere.detail, "REFUSED from 127.0.0.1:5353"));

  CHECK(took < o.deadline.count());
}

TEST_CASE("without a proxy an unresolvable name is none", "[netns][probe]") {
  NETNS_OR_SKIP(env);
  auto all = resolve_names({"proxy-only.tekigo.test"}, options_for(env));
  REQUIRE(all.size() == 1);
  INFO(all[0].detail);
  CHECK(all[0].source == NameSource::none);
  CHECK(contains(all[0].detail, "not in the hosts file"));
  CHECK(contains(all[0].detail, "NXDOMAIN"));
}

TEST_CASE("resolv.conf's nameservers are asked in order, past a dead one", "[netns][probe]") {
  NETNS_OR_SKIP(env);
  ProbeOptions o;
  o.hosts_file = env.hosts;
  o.resolv_conf = env.resolv_conf;
  auto start = Clock::now();
  auto all = resolve_names({"sec.ccr.ncc.go.jp"}, o);
  REQUIRE(all.size() == 1);
  INFO(all[0].detail);
  CHECK(all[0].source == NameSource::dns);
  CHECK(all[0].addresses == std::vector<std::string>{"127.0.0.10"});
  CHECK(contains(all[0].detail, "DNS 127.0.0.53:53"));
  CHECK(ms_since(start) < 1000);  // the dead server answers with port unreachable at once
}

TEST_CASE("probes judge each port by what answers it", "[netns][probe]") {
  NETNS_OR_SKIP(env);
  auto o = options_for(env);
  auto resolved = resolve_names({"sec.ccr.ncc.go.jp", "mio.ccr.ncc.go.jp", "dropped.tekigo.test",
                                 "v6.tekigo.test", "nowhere.tekigo.test"},
                                o);
  std::vector<ProbeTarget> targets = {
      {"sec.ccr.ncc.go.jp", "tcp", 443, {"219.97.232.64"}, "r1"},   // 0 TLS server
      {"sec.ccr.ncc.go.jp", "udp", 443, {"219.97.232.64"}, "r2"},   // 1 DTLS server
      {"sec.ccr.ncc.go.jp", "udp", 500, {"219.97.232.64"}, "r3"},   // 2 charon, matching conn
      {"sec.ccr.ncc.go.jp", "udp", 4500, {"219.97.232.64"}, "r4"},  // 3 charon, NAT-T port
      {"mio.ccr.ncc.go.jp", "tcp", 443, {"133.162.82.105"}, "r5"},  // 4 nothing listens
      {"dropped.tekigo.test", "udp", 4500, {}, "x1"},               // 5 nft drop
      {"dropped.tekigo.test", "udp", 500, {}, "x2"},                // 6 charon, no conn
      {"dropped.tekigo.test", "tcp", 443, {}, "x3"},                // 7 nft drop
      {"mio.ccr.ncc.go.jp", "udp", 443, {}, "x4"},                  // 8 nothing listens
      {"sec.ccr.ncc.go.jp", "udp", 9999, {}, "x5"},                 // 9 unknown service, closed
      {"dropped.tekigo.test", "udp", 7000, {}, "x6"},               // 10 unknown service, dropped
      {"v6.tekigo.test", "tcp", 443, {}, "x7"},                     // 11 IPv6, nothing listens
      {"nowhere.tekigo.test", "tcp", 443, {"192.0.2.1"}, "x8"},     // 12 did not resolve
  };
  auto start = Clock::now();
  auto probed = run_probes(targets, resolved, o);
  auto took = ms_since(start);
  std::printf("run_probes, %zu targets, deadline %lld ms: %lld ms\n", targets.size(),
              static_cast<long long>(o.deadline.count()), took);
  REQUIRE(probed.size() == targets.size());
  for (const auto& p : probed) {
    std::printf("  %s %s/%u at %s: %s (%lld ms) %s\n", p.target.host.c_str(),
                p.target.protocol.c_str(), p.target.port, p.address.c_str(),
                std::string(to_string(p.state)).c_str(), static_cast<long long>(p.elapsed.count()),
                p.detail.c_str());
  }
  auto check = [&](std::size_t i, ReachState state, const std::string& address,
                   const std::string& detail_part) {
    INFO(i << ": " << probed[i].target.host << " " << probed[i].target.protocol << "/"
           << probed[i].target.port << ": " << probed[i].detail);
    CHECK(probed[i].state == state);
    CHECK(probed[i].address == address);
    CHECK(contains(probed[i].detail, detail_part));
  };
  check(0, ReachState::open, "127.0.0.10", "TCP handshake with 127.0.0.10:443 completed");
  check(1, ReachState::open, "127.0.0.10", "DTLS HelloVerifyRequest");
  check(2, ReachState::open, "127.0.0.10",
        "IKEv2 IKE_SA_INIT response (ENCR_AES_GCM_16-256, PRF_HMAC_SHA2_256, DH 31 (Curve25519))");
  check(3, ReachState::open, "127.0.0.10", "IKEv2 IKE_SA_INIT response (ENCR_AES_GCM_16-256");
  check(4, ReachState::closed, "127.0.0.11", "refused");
  check(5, ReachState::filtered, "127.0.0.20",
        "no IKE (behind the non-ESP marker) answer from 127.0.0.20:4500 (3 tries");
  check(6, ReachState::open, "127.0.0.20", "notify NO_PROPOSAL_CHOSEN");
  check(7, ReachState::filtered, "127.0.0.20", "no answer to the TCP handshake");
  check(8, ReachState::closed, "127.0.0.11", "ICMP port unreachable");
  check(9, ReachState::closed, "127.0.0.10", "ICMP port unreachable");
  check(10, ReachState::filtered, "127.0.0.20", "no answer is expected from an unknown service");
  check(11, ReachState::closed, "::1", "refused");
  check(12, ReachState::error, "", "did not resolve directly");
  CHECK(contains(probed[12].detail, "192.0.2.1 was not probed"));
  // All run at once: the whole set takes about the longest probe (the dropped TCP SYN waits
  // for the deadline), not the sum.
  CHECK(took < o.deadline.count() + 250);
}

TEST_CASE("a short deadline bounds the whole probe run", "[netns][probe]") {
  NETNS_OR_SKIP(env);
  auto o = options_for(env);
  o.deadline = std::chrono::milliseconds(900);
  auto resolved = resolve_names({"dropped.tekigo.test", "sec.ccr.ncc.go.jp"}, o);
  std::vector<ProbeTarget> targets = {{"dropped.tekigo.test", "udp", 4500, {}, "a"},
                                      {"dropped.tekigo.test", "tcp", 443, {}, "b"},
                                      {"sec.ccr.ncc.go.jp", "udp", 500, {}, "c"}};
  auto start = Clock::now();
  auto probed = run_probes(targets, resolved, o);
  auto took = ms_since(start);
  std::printf("run_probes with a 900 ms deadline: %lld ms\n", took);
  CHECK(took < 900 + 150);
  REQUIRE(probed.size() == 3);
  INFO(probed[0].detail);
  CHECK(probed[0].state == ReachState::filtered);
  CHECK(contains(probed[0].detail, "2 tries"));  // 500 ms, then the deadline cut the 750 ms wait
  CHECK(contains(probed[0].detail, "before the deadline"));
  CHECK(probed[1].state == ReachState::filtered);
  CHECK(probed[2].state == ReachState::open);
}

TEST_CASE("probe_facts gives dns and reach facts that satisfy the contract", "[netns][probe]") {
  NETNS_OR_SKIP(env);
  auto o = options_for(env);
  o.proxy = env.proxy;
  tekigo::engine::CollectionPlan plan;
  plan.names = {"mio.ccr.ncc.go.jp", "sec.ccr.ncc.go.jp"};
  plan.probes = {{"sec.ccr.ncc.go.jp", "tcp", 443, {"219.97.232.64"}, "flow-1"},
                 {"sec.ccr.ncc.go.jp", "udp", 443, {"219.97.232.64"}, "flow-1"},
                 {"sec.ccr.ncc.go.jp", "udp", 500, {"219.97.232.64"}, "flow-2"},
                 {"sec.ccr.ncc.go.jp", "udp", 4500, {"219.97.232.64"}, "flow-3"},
                 {"mio.ccr.ncc.go.jp", "tcp", 443, {"133.162.82.105"}, "flow-4"},
                 {"proxy-only.tekigo.test", "tcp", 443, {}, "flow-5"}};
  auto start = Clock::now();
  auto facts = probe_facts(plan, o);
  std::printf("probe_facts, 3 names and 6 probes: %lld ms\n", ms_since(start));

  auto errors = tekigo::engine::validate_facts(facts, "probe_facts", /*require_header=*/false);
  for (const auto& e : errors) UNSCOPED_INFO(e.to_string());
  CHECK(errors.empty());
  // A whole dump with the probe facts in it validates too.
  auto dump = facts;
  dump.set("schema", tekigo::engine::FactValue::string("tekigo.facts/1"));
  dump.set("subject", tekigo::engine::FactValue::string("probe-test"));
  CHECK(tekigo::engine::validate_facts(dump, "probe_facts", true).empty());

  const auto* dns = facts.find("dns");
  const auto* reach = facts.find("reach");
  REQUIRE(dns != nullptr);
  REQUIRE(reach != nullptr);
  REQUIRE(dns->as_list().size() == 3);  // the plan's names, then the probe host not among them
  CHECK(dns->as_list()[0].find("source")->as_string() == "hosts");
  CHECK(dns->as_list()[1].find("source")->as_string() == "dns");
  CHECK(dns->as_list()[1].find("addresses")->as_list().at(0).as_string() == "127.0.0.10");
  CHECK(dns->as_list()[2].find("name")->as_string() == "proxy-only.tekigo.test");
  CHECK(dns->as_list()[2].find("source")->as_string() == "proxy");
  REQUIRE(reach->as_list().size() == 6);
  std::vector<std::string> states;
  for (const auto& r : reach->as_list()) states.push_back(r.find("state")->as_string());
  CHECK(states == std::vector<std::string>{"open", "open", "open", "open", "closed", "error"});
  CHECK(reach->as_list()[2].find("port")->as_int() == 500);
  CHECK(reach->as_list()[2].find("address")->as_string() == "127.0.0.10");
  CHECK(reach->as_list()[5].find("address") == nullptr);  // nothing was probed
}
