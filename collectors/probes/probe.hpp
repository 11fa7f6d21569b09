// collectors/probes: the network probes behind the `dns` and `reach` facts (§3(2), §4(2)). Names
// are resolved as the terminal itself resolves them — the hosts file, then its own
// nameservers (a minimal DNS client, never the proxy); a proxy is asked only to tell "only
// the proxy can reach it" from "nobody can". Each probe targets the address the name
// resolved to here and is judged by what comes back: a TCP handshake, an IKEv2 answer on
// UDP 500/4500, a DTLS answer on UDP 443. All probes run concurrently under one deadline.
// Resolution is in name_resolution.cpp, the probes and probe_facts in probe.cpp.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/facts/collection_plan.hpp"
#include "engine/facts/fact_value.hpp"

namespace tekigo::collectors {

struct ProbeOptions {
  std::chrono::milliseconds deadline{4000};  // one overall deadline for all probes (and,
                                             // separately, for all name resolutions)
  std::string hosts_file = "/etc/hosts";
  std::string resolv_conf = "/etc/resolv.conf";
  std::vector<std::string> nameservers;  // "127.0.0.1:5353" overrides resolv.conf when set
  // Where `nameservers` came from, for the details ("the DNS servers of the network
  // adapters"); with no nameservers and an empty resolv_conf, why there are none.
  std::string nameservers_source;
  std::optional<std::string> proxy;  // "http://host:port" the browser uses, if any
  int udp_tries = 3;
  std::chrono::milliseconds udp_first_wait{500};
  double udp_backoff = 1.5;
};

enum class NameSource { dns, hosts, proxy, none };
std::string_view to_string(NameSource source);

struct ResolvedName {
  std::string name;                    // as asked
  std::vector<std::string> addresses;  // IPv4 then IPv6; empty for proxy and none
  NameSource source = NameSource::none;
  std::string detail;  // where the answer came from, or why there is none
};

enum class ReachState { open, closed, filtered, error };
std::string_view to_string(ReachState state);

struct ProbedTarget {
  engine::ProbeTarget target;
  std::string address;  // the address probed; empty when the probe could not be aimed
  ReachState state = ReachState::error;
  std::string detail;  // what was seen ("IKEv2 IKE_SA_INIT answer: notify NO_PROPOSAL_CHOSEN …")
  std::chrono::milliseconds elapsed{0};
};

// Resolves each name: the hosts file first (source hosts), then DNS — A and AAAA over UDP,
// following CNAMEs, to options.nameservers or else the nameservers of options.resolv_conf
// (source dns); when neither resolves it and a proxy is configured, HTTP CONNECT name:443
// through the proxy (a 2xx answer: source proxy, no addresses); else source none. Names are
// resolved concurrently and within options.deadline. Never throws for network trouble.
std::vector<ResolvedName> resolve_names(const std::vector<std::string>& names,
                                        const ProbeOptions& options);

// Probes each target at the address its host resolved to directly (the first IPv4, else
// the first IPv6). TCP: a completed connect is open, a reset closed, no answer filtered.
// UDP 500: an IKEv2 IKE_SA_INIT; UDP 4500: the same behind the non-ESP marker; UDP 443: a
// DTLS 1.2 ClientHello; any other UDP port: an empty datagram. An answer to the request is
// open, an ICMP port unreachable closed, silence after the retries filtered. A host that did
// not resolve directly is not probed: state error. All probes run concurrently, each from
// an ephemeral port, and all finish within options.deadline.
std::vector<ProbedTarget> run_probes(const std::vector<engine::ProbeTarget>& targets,
                                     const std::vector<ResolvedName>& resolved,
                                     const ProbeOptions& options);

// resolve_names for the plan's names (and any probe host not among them), then run_probes,
// as the facts {dns: [...], reach: [...]} of the v1 contract. Takes at most twice
// options.deadline (resolution, then probes).
engine::FactValue probe_facts(const engine::CollectionPlan& plan, const ProbeOptions& options);

// The two fact lists on their own.
engine::FactValue dns_facts(const std::vector<ResolvedName>& resolved);
engine::FactValue reach_facts(const std::vector<ProbedTarget>& probed);

}  // namespace tekigo::collectors
