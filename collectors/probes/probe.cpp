// collectors/probes: reachability probes (TCP connect, IKEv2 on UDP 500/4500, DTLS on UDP
// 443, an empty datagram elsewhere) as the `reach` facts, and probe_facts (see probe.hpp).
#include "collectors/probes/probe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "collectors/probes/dns_config.hpp"
#include "collectors/probes/dns_message.hpp"
#include "collectors/probes/dtls_message.hpp"
#include "collectors/probes/ike_message.hpp"
#include "collectors/probes/probe_common.hpp"
#include "collectors/probes/probe_net.hpp"
#include "engine/common/text.hpp"
#include "engine/values/ip_address.hpp"

namespace tekigo::collectors {

namespace {

using Clock = net::Clock;
using engine::FactValue;
using engine::join;
using std::chrono::milliseconds;

std::string tries_text(const net::UdpResult& r) {
  return fmt::format("{} in {} ms", plural(r.tries, "try", "tries"), r.elapsed.count());
}

std::string waits_text(const std::vector<milliseconds>& waits) {
  std::vector<std::string> w;
  for (auto m : waits) w.push_back(std::to_string(m.count()));
  return join(w, "/") + " ms";
}

void probe_tcp(ProbedTarget& p, const dns::Endpoint& ep, Clock::time_point deadline) {
  auto r = net::tcp_connect(ep, deadline);
  p.elapsed = r.elapsed;
  switch (r.kind) {
    case net::TcpResult::Kind::connected:
      p.state = ReachState::open;
      p.detail =
          fmt::format("TCP handshake with {} completed in {} ms", ep.text(), r.elapsed.count());
      break;
    case net::TcpResult::Kind::refused:
      p.state = ReachState::closed;
      p.detail = fmt::format("TCP connection to {} refused (reset) after {} ms", ep.text(),
                             r.elapsed.count());
      break;
    case net::TcpResult::Kind::unreachable:
      p.state = ReachState::filtered;
      p.detail = fmt::format("ICMP unreachable while connecting to {}: {}", ep.text(), r.error);
      break;
    case net::TcpResult::Kind::timeout:
      p.state = ReachState::filtered;
      p.detail = fmt::format("no answer to the TCP handshake from {} within {} ms", ep.text(),
                             r.elapsed.count());
      break;
    case net::TcpResult::Kind::error:
      p.state = ReachState::error;
      p.detail = fmt::format("cannot connect to {}: {}", ep.text(), r.error);
      break;
  }
}

void probe_udp(ProbedTarget& p, const dns::Endpoint& ep, const ProbeOptions& options,
               Clock::time_point deadline) {
  const std::uint16_t port = p.target.port;
  std::vector<std::uint8_t> message;
  net::Acceptor accept;
  std::string what;  // "IKE", "DTLS", or empty for an unknown service
  if (port == 500 || port == 4500) {
    bool marker = port == 4500;
    ike::SaInitRequest request;
    do {
      net::random_bytes(request.initiator_spi);
    } while (std::all_of(request.initiator_spi.begin(), request.initiator_spi.end(),
                         [](std::uint8_t b) { return b == 0; }));
    net::random_bytes(request.private_key);
    net::random_bytes(request.nonce);
    message = ike::build_sa_init(request, marker);
    accept = [spi = request.initiator_spi, marker](std::span<const std::uint8_t> d,
                                                   std::string& s) {
      auto reply = ike::classify_reply(d, spi, marker);
      s = reply.summary;
      return reply.answers();
    };
    what = marker ? "IKE (behind the non-ESP marker)" : "IKE";
  } else if (port == 443) {
    std::array<std::uint8_t, 32> random{};
    net::random_bytes(random);
    message = dtls::build_client_hello(p.target.host, random);
    accept = [](std::span<const std::uint8_t> d, std::string& s) {
      auto reply = dtls::classify_reply(d);
      s = reply.summary;
      return reply.answers();
    };
    what = "DTLS";
  } else {
    accept = [](std::span<const std::uint8_t> d, std::string& s) {
      s = fmt::format("answered with {}", plural(static_cast<int>(d.size()), "byte", "bytes"));
      return true;
    };
  }
  auto waits = net::retry_waits(options.udp_tries, options.udp_first_wait, options.udp_backoff);
  auto r = net::udp_exchange(ep, message, waits, deadline, accept);
  p.elapsed = r.elapsed;
  switch (r.kind) {
    case net::UdpResult::Kind::answered:
      p.state = ReachState::open;
      p.detail = fmt::format("{} from {} ({})", r.summary, ep.text(), tries_text(r));
      break;
    case net::UdpResult::Kind::refused:
      p.state = ReachState::closed;
      p.detail = fmt::format("ICMP port unreachable from {} ({})", ep.text(), tries_text(r));
      break;
    case net::UdpResult::Kind::unreachable:
      p.state = ReachState::filtered;
      p.detail = fmt::format("ICMP unreachable for {}: {} ({})", ep.text(), r.error, tries_text(r));
      break;
    case net::UdpResult::Kind::error:
      p.state = ReachState::error;
      p.detail = fmt::format("cannot send to {}: {}", ep.text(), r.error);
      break;
    case net::UdpResult::Kind::silent: {
      p.state = ReachState::filtered;
      bool cut = r.tries < static_cast<int>(waits.size());
      std::string when = cut ? fmt::format("{} before the deadline", tries_text(r))
                             : fmt::format("{}, waits {}", tries_text(r), waits_text(waits));
      if (what.empty()) {
        p.detail = fmt::format(
            "no answer and no ICMP port unreachable from {} ({}); no answer is expected from an "
            "unknown service, so the port is open or filtered",
            ep.text(), when);
      } else {
        p.detail = fmt::format("no {} answer from {} ({})", what, ep.text(), when);
      }
      if (r.ignored > 0) {
        p.detail += fmt::format("; ignored {} that did not answer the probe (last: {})",
                                plural(r.ignored, "datagram", "datagrams"), r.last_ignored);
      }
      break;
    }
  }
}

ProbedTarget probe_one(const engine::ProbeTarget& target, const std::vector<ResolvedName>& resolved,
                       const ProbeOptions& options, Clock::time_point deadline) {
  ProbedTarget p;
  p.target = target;
  std::string host = dns::normal_name(target.host);
  const ResolvedName* name = nullptr;
  for (const auto& r : resolved) {
    if (dns::normal_name(r.name) == host) name = &r;  // the last entry counts
  }
  std::string documented = target.documented_addresses.empty()
                               ? ""
                               : fmt::format("; the document's address {} was not probed",
                                             join(target.documented_addresses, ", "));
  if (name == nullptr) {
    p.detail = fmt::format("{} was not resolved, so it was not probed{}", target.host, documented);
    return p;
  }
  if (name->source != NameSource::dns && name->source != NameSource::hosts) {
    p.detail = fmt::format("{} did not resolve directly (source {}: {}), so it was not probed{}",
                           target.host, to_string(name->source), name->detail, documented);
    return p;
  }
  std::optional<engine::IpAddress> chosen;
  for (int pass = 0; pass < 2 && !chosen; ++pass) {
    for (const auto& a : name->addresses) {
      auto ip = engine::IpAddress::parse(a);
      if (!ip) continue;
      bool v4 = ip->family() == engine::IpAddress::Family::v4;
      if ((pass == 0) == v4) {
        chosen = ip;
        break;
      }
    }
  }
  if (!chosen) {
    p.detail = fmt::format("{} resolved to no usable address", target.host);
    return p;
  }
  const auto& b = chosen->bytes();
  if (std::all_of(b.begin(), b.end(), [](std::uint8_t x) { return x == 0; })) {
    // "0.0.0.0 name" is how blocklists in hosts files block a name; a connect to it would
    // reach this machine itself.
    p.detail = fmt::format("{} resolves to the unspecified address {} ({}), so it was not probed",
                           target.host, chosen->text(), name->detail);
    return p;
  }
  p.address = chosen->text();
  if (target.port == 0) {
    p.detail = "port 0 cannot be probed";
    return p;
  }
  dns::Endpoint ep{*chosen, target.port};
  try {
    if (target.protocol == "tcp") {
      probe_tcp(p, ep, deadline);
    } else if (target.protocol == "udp") {
      probe_udp(p, ep, options, deadline);
    } else {
      p.detail = fmt::format("unknown protocol `{}`", target.protocol);
    }
  } catch (const std::exception& e) {
    p.state = ReachState::error;
    p.detail = fmt::format("probe failed: {}", e.what());
  }
  return p;
}

}  // namespace

std::string_view to_string(ReachState state) {
  switch (state) {
    case ReachState::open:
      return "open";
    case ReachState::closed:
      return "closed";
    case ReachState::filtered:
      return "filtered";
    case ReachState::error:
      return "error";
  }
  return "error";
}

std::vector<ProbedTarget> run_probes(const std::vector<engine::ProbeTarget>& targets,
                                     const std::vector<ResolvedName>& resolved,
                                     const ProbeOptions& options) {
  auto deadline = Clock::now() + options.deadline;
  return concurrently<ProbedTarget>(targets.size(), [&](std::size_t i) {
    return probe_one(targets[i], resolved, options, deadline);
  });
}

FactValue reach_facts(const std::vector<ProbedTarget>& probed) {
  FactValue::List list;
  for (const auto& p : probed) {
    FactValue::Map item = {{"host", FactValue::string(p.target.host)}};
    if (!p.address.empty()) item.emplace_back("address", FactValue::string(p.address));
    item.emplace_back("protocol", FactValue::string(p.target.protocol));
    item.emplace_back("port", FactValue::integer(p.target.port));
    item.emplace_back("state", FactValue::string(std::string(to_string(p.state))));
    if (!p.detail.empty()) item.emplace_back("detail", FactValue::string(p.detail));
    list.push_back(FactValue::map(std::move(item)));
  }
  return FactValue::list(std::move(list));
}

FactValue probe_facts(const engine::CollectionPlan& plan, const ProbeOptions& options) {
  std::vector<std::string> names;
  std::vector<std::string> seen;
  auto add = [&](const std::string& name) {
    std::string n = dns::normal_name(name);
    if (n.empty() || std::find(seen.begin(), seen.end(), n) != seen.end()) return;
    seen.push_back(n);
    names.push_back(name);
  };
  for (const auto& n : plan.names) add(n);
  for (const auto& p : plan.probes) add(p.host);
  auto resolved = resolve_names(names, options);
  auto probed = run_probes(plan.probes, resolved, options);
  return FactValue::map({{"dns", dns_facts(resolved)}, {"reach", reach_facts(probed)}});
}

}  // namespace tekigo::collectors
