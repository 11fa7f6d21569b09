// collectors: name resolution (hosts file, own DNS client, proxy) and reachability probes
// (TCP connect, IKEv2 on UDP 500/4500, DTLS on UDP 443), as the `dns` and `reach` facts.
#include "collectors/probes/probe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <future>
#include <system_error>

#include "collectors/probes/dns_config.hpp"
#include "collectors/probes/dns_message.hpp"
#include "collectors/probes/dtls_message.hpp"
#include "collectors/probes/ike_message.hpp"
#include "collectors/probes/probe_net.hpp"
#include "engine/values/ip_address.hpp"
#include "engine/common/text_file.hpp"

namespace tekigo::collectors {

namespace {

using Clock = net::Clock;
using engine::FactValue;
using std::chrono::milliseconds;

constexpr std::size_t kMaxConfigBytes = 4u << 20;
constexpr int kMaxCnameQueries = 8;

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += sep;
    out += item;
  }
  return out;
}

std::string plural(int n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

// Runs f(i) for i in [0, n) concurrently, one thread each; results in order.
template <typename T, typename F>
std::vector<T> concurrently(std::size_t n, F&& f) {
  std::vector<std::future<T>> futures;
  std::vector<T> results(n);
  std::vector<bool> inline_done(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    try {
      futures.push_back(std::async(std::launch::async, f, i));
    } catch (const std::system_error&) {  // no thread to be had: run it here
      futures.emplace_back();
      results[i] = f(i);
      inline_done[i] = true;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!inline_done[i]) results[i] = futures[i].get();
  }
  return results;
}

// ---- resolution -----------------------------------------------------------------------------

struct Resolver {
  std::string hosts_path;
  std::vector<dns::HostsEntry> hosts;
  std::string hosts_error;
  std::vector<dns::Endpoint> servers;
  std::string servers_note;  // why there are no servers, or which were skipped
  std::vector<milliseconds> waits;
};

// The outcome of asking for one record type.
struct TypeOutcome {
  std::vector<std::string> addresses;
  std::vector<std::string> chain;  // the name, then each CNAME target
  std::string server;              // who gave the final answer
  std::string status;              // what happened, when there are no addresses
};

TypeOutcome query_type(const Resolver& r, const std::string& name, std::uint16_t type,
                       Clock::time_point deadline) {
  TypeOutcome out;
  std::string current = dns::normal_name(name);
  out.chain.push_back(current);
  std::vector<std::string> problems;
  if (r.servers.empty()) {
    out.status = "no nameserver to ask";
    return out;
  }
  for (int hop = 0; hop < kMaxCnameQueries; ++hop) {
    std::vector<bool> dead(r.servers.size(), false);
    std::vector<bool> silent(r.servers.size(), false);
    bool follow = false;
    for (auto wait : r.waits) {
      for (std::size_t s = 0; s < r.servers.size() && !follow; ++s) {
        if (dead[s] || Clock::now() >= deadline) continue;
        const auto& server = r.servers[s];
        std::array<std::uint8_t, 2> id_bytes{};
        net::random_bytes(id_bytes);
        std::uint16_t id = static_cast<std::uint16_t>((id_bytes[0] << 8) | id_bytes[1]);
        auto query = dns::encode_query(id, current, type);
        if (!query) {
          out.status = fmt::format("`{}` is not a valid DNS name", current);
          return out;
        }
        auto accept = [&](std::span<const std::uint8_t> d, std::string& summary) {
          auto decoded = dns::decode_message(d);
          if (!decoded.message) {
            summary = "malformed DNS answer: " + decoded.error;
            return false;
          }
          if (!dns::answers_query(*decoded.message, id, current, type)) {
            summary = "a DNS message that does not answer the query";
            return false;
          }
          return true;
        };
        auto res = net::udp_exchange(server, *query, {wait}, deadline, accept);
        switch (res.kind) {
          case net::UdpResult::Kind::answered: {
            silent[s] = false;
            dns::Message msg = *dns::decode_message(res.reply).message;
            if (msg.rcode == dns::kRcodeNxDomain) {
              out.server = server.text();
              out.status = fmt::format("NXDOMAIN from {}", server.text());
              return out;
            }
            if (msg.rcode != dns::kRcodeNoError) {
              problems.push_back(
                  fmt::format("{} from {}", dns::rcode_name(msg.rcode), server.text()));
              dead[s] = true;
              break;
            }
            auto chain = dns::follow_cnames(msg, current, type);
            out.chain.insert(out.chain.end(), chain.chain.begin() + 1, chain.chain.end());
            if (chain.loop) {
              out.status = fmt::format("CNAME loop in the answer from {}", server.text());
              return out;
            }
            if (!chain.addresses.empty()) {
              out.server = server.text();
              out.addresses = chain.addresses;
              return out;
            }
            if (chain.end != current) {  // only CNAMEs: ask for the end of the chain
              current = chain.end;
              follow = true;
              break;
            }
            out.server = server.text();
            out.status =
                fmt::format("no {} record (NOERROR, empty answer) from {}{}", dns::type_name(type),
                            server.text(), msg.truncated ? ", truncated" : "");
            return out;
          }
          case net::UdpResult::Kind::refused:
            problems.push_back(fmt::format("{}: port unreachable", server.text()));
            dead[s] = true;
            break;
          case net::UdpResult::Kind::unreachable:
          case net::UdpResult::Kind::error:
            problems.push_back(fmt::format("{}: {}", server.text(), res.error));
            dead[s] = true;
            break;
          case net::UdpResult::Kind::silent:
            silent[s] = true;
            if (res.ignored > 0) {
              problems.push_back(fmt::format("{}: {}", server.text(), res.last_ignored));
            }
            break;
        }
      }
      if (follow) break;
    }
    if (!follow) {
      for (std::size_t s = 0; s < r.servers.size(); ++s) {
        if (silent[s]) {
          problems.push_back(fmt::format("no answer from {} after {}", r.servers[s].text(),
                                         plural(static_cast<int>(r.waits.size()), "try", "tries")));
        }
      }
      if (Clock::now() >= deadline) problems.push_back("deadline reached");
      break;
    }
  }
  if (out.status.empty()) {
    std::vector<std::string> unique;  // a server that keeps sending junk is named once
    for (auto& p : problems) {
      if (std::find(unique.begin(), unique.end(), p) == unique.end()) unique.push_back(p);
    }
    out.status = unique.empty() ? fmt::format("more than {} CNAME links", kMaxCnameQueries)
                                : join(unique, ", ");
  }
  return out;
}

std::string describe_type(std::uint16_t type, const TypeOutcome& t) {
  if (!t.addresses.empty())
    return fmt::format("{} {}", dns::type_name(type), join(t.addresses, " "));
  return fmt::format("{}: {}", dns::type_name(type), t.status);
}

ResolvedName resolve_direct(const Resolver& r, const std::string& name,
                            Clock::time_point deadline) {
  ResolvedName out;
  out.name = name;
  std::string hosts_note;
  if (!r.hosts_error.empty()) {
    hosts_note = fmt::format("hosts file unreadable ({})", r.hosts_error);
  } else {
    auto match = dns::hosts_lookup(r.hosts, name);
    if (!match.addresses.empty()) {
      std::stable_partition(match.addresses.begin(), match.addresses.end(),
                            [](const std::string& a) { return a.find(':') == std::string::npos; });
      out.source = NameSource::hosts;
      out.addresses = match.addresses;
      out.detail = fmt::format("hosts file {} line {}", r.hosts_path, match.line);
      return out;
    }
    hosts_note = fmt::format("not in the hosts file {}", r.hosts_path);
  }
  auto both = concurrently<TypeOutcome>(2, [&](std::size_t i) {
    return query_type(r, name, i == 0 ? dns::kTypeA : dns::kTypeAaaa, deadline);
  });
  const TypeOutcome& a = both[0];
  const TypeOutcome& aaaa = both[1];
  const TypeOutcome& longer = a.chain.size() >= aaaa.chain.size() ? a : aaaa;
  std::string chain =
      longer.chain.size() > 1 ? fmt::format("CNAME {}; ", join(longer.chain, " → ")) : "";
  if (!a.addresses.empty() || !aaaa.addresses.empty()) {
    out.source = NameSource::dns;
    out.addresses = a.addresses;
    out.addresses.insert(out.addresses.end(), aaaa.addresses.begin(), aaaa.addresses.end());
    std::string server = !a.server.empty() ? a.server : aaaa.server;
    out.detail = fmt::format("DNS {}: {}{}; {}", server, chain, describe_type(dns::kTypeA, a),
                             describe_type(dns::kTypeAaaa, aaaa));
    return out;
  }
  std::string dns_note = a.status == aaaa.status
                             ? fmt::format("DNS A and AAAA: {}", a.status)
                             : fmt::format("DNS {}; {}", describe_type(dns::kTypeA, a),
                                           describe_type(dns::kTypeAaaa, aaaa));
  if (!r.servers_note.empty()) dns_note += fmt::format(" ({})", r.servers_note);
  out.source = NameSource::none;
  out.detail = fmt::format("{}; {}{}", hosts_note, chain, dns_note);
  return out;
}

Resolver make_resolver(const ProbeOptions& options) {
  Resolver r;
  r.hosts_path = options.hosts_file;
  std::string error;
  if (auto text = engine::read_text_file(options.hosts_file, kMaxConfigBytes, error)) {
    r.hosts = dns::parse_hosts(*text);
  } else {
    r.hosts_error = error;
  }
  std::vector<std::string> listed;
  std::string from;
  if (!options.nameservers.empty()) {
    listed = options.nameservers;
    from =
        options.nameservers_source.empty() ? "the nameservers given" : options.nameservers_source;
  } else if (options.resolv_conf.empty()) {  // Windows: no resolv.conf, and no DNS server
    r.servers_note = options.nameservers_source.empty() ? "no nameserver configured"
                                                        : options.nameservers_source;
  } else if (auto conf = engine::read_text_file(options.resolv_conf, kMaxConfigBytes, error)) {
    listed = dns::parse_resolv_conf(*conf).nameservers;
    from = options.resolv_conf;
    if (listed.empty()) {
      listed.push_back("127.0.0.1");  // what the C library does without a nameserver line
      r.servers_note = fmt::format("{} names no nameserver; tried 127.0.0.1", from);
    }
  } else {
    r.servers_note = fmt::format("cannot read {}: {}", options.resolv_conf, error);
  }
  std::vector<std::string> bad;
  for (const auto& text : listed) {
    if (auto ep = dns::parse_endpoint(text, 53)) {
      r.servers.push_back(*ep);
    } else {
      bad.push_back(text);
    }
  }
  if (!bad.empty()) {
    r.servers_note += fmt::format("{}not nameserver addresses in {}: {}",
                                  r.servers_note.empty() ? "" : "; ", from, join(bad, ", "));
  }
  r.waits = net::retry_waits(options.udp_tries, options.udp_first_wait, options.udp_backoff);
  return r;
}

// The proxy's address: an address literal, or a name resolved directly.
std::optional<dns::Endpoint> proxy_endpoint(const Resolver& r, const net::ProxyUrl& url,
                                            Clock::time_point deadline, std::string& error) {
  if (auto ip = engine::IpAddress::parse(url.host)) return dns::Endpoint{*ip, url.port};
  auto resolved = resolve_direct(r, url.host, deadline);
  for (const auto& a : resolved.addresses) {
    if (auto ip = engine::IpAddress::parse(a)) return dns::Endpoint{*ip, url.port};
  }
  error = fmt::format("the proxy's name {} does not resolve ({})", url.host, resolved.detail);
  return std::nullopt;
}

// ---- probes -----------------------------------------------------------------------------

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

std::string_view to_string(NameSource source) {
  switch (source) {
    case NameSource::dns:
      return "dns";
    case NameSource::hosts:
      return "hosts";
    case NameSource::proxy:
      return "proxy";
    case NameSource::none:
      return "none";
  }
  return "none";
}

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

std::vector<ResolvedName> resolve_names(const std::vector<std::string>& names,
                                        const ProbeOptions& options) {
  auto start = Clock::now();
  auto deadline = start + options.deadline;
  // With a proxy, keep a quarter of the time for asking it about the names DNS missed.
  auto direct_deadline = options.proxy ? start + options.deadline * 3 / 4 : deadline;
  Resolver resolver = make_resolver(options);
  auto results = concurrently<ResolvedName>(names.size(), [&](std::size_t i) {
    return resolve_direct(resolver, names[i], direct_deadline);
  });
  if (!options.proxy) return results;

  std::vector<std::size_t> missing;
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (results[i].source == NameSource::none) missing.push_back(i);
  }
  if (missing.empty()) return results;
  std::string error;
  std::optional<dns::Endpoint> proxy;
  auto url = net::parse_proxy_url(*options.proxy);
  if (!url) {
    error = fmt::format("the proxy `{}` is not an http://host:port URL", *options.proxy);
  } else {
    proxy = proxy_endpoint(resolver, *url, deadline, error);
  }
  auto asked = concurrently<std::string>(missing.size(), [&](std::size_t k) -> std::string {
    ResolvedName& r = results[missing[k]];
    if (!proxy) return fmt::format("; proxy not asked: {}", error);
    std::string target = dns::normal_name(r.name);
    auto answer = net::http_connect(*proxy, target, 443, deadline);
    if (!answer.answered) return fmt::format("; proxy {}: {}", *options.proxy, answer.error);
    std::string said = fmt::format("; the proxy {} answered CONNECT {}:443 with \"{}\"",
                                   *options.proxy, target, answer.status.line);
    if (answer.status.code >= 200 && answer.status.code < 300) {
      r.source = NameSource::proxy;
      r.addresses.clear();
      return said + ": only the proxy reaches it";
    }
    return said;
  });
  for (std::size_t k = 0; k < missing.size(); ++k) results[missing[k]].detail += asked[k];
  return results;
}

std::vector<ProbedTarget> run_probes(const std::vector<engine::ProbeTarget>& targets,
                                     const std::vector<ResolvedName>& resolved,
                                     const ProbeOptions& options) {
  auto deadline = Clock::now() + options.deadline;
  return concurrently<ProbedTarget>(targets.size(), [&](std::size_t i) {
    return probe_one(targets[i], resolved, options, deadline);
  });
}

FactValue dns_facts(const std::vector<ResolvedName>& resolved) {
  FactValue::List list;
  for (const auto& r : resolved) {
    FactValue::List addresses;
    for (const auto& a : r.addresses) addresses.push_back(FactValue::string(a));
    FactValue::Map item = {{"name", FactValue::string(r.name)},
                           {"addresses", FactValue::list(std::move(addresses))},
                           {"source", FactValue::string(std::string(to_string(r.source)))}};
    if (!r.detail.empty()) item.emplace_back("detail", FactValue::string(r.detail));
    list.push_back(FactValue::map(std::move(item)));
  }
  return FactValue::list(std::move(list));
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
