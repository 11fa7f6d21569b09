// collectors/probes: name resolution as the terminal resolves names — the hosts file, its own
// nameservers (a minimal DNS client), then a proxy's CONNECT — as the `dns` facts (see
// probe.hpp).
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "collectors/probes/dns_config.hpp"
#include "collectors/probes/dns_message.hpp"
#include "collectors/probes/probe.hpp"
#include "collectors/probes/probe_common.hpp"
#include "collectors/probes/probe_net.hpp"
#include "engine/common/text.hpp"
#include "engine/common/text_file.hpp"
#include "engine/values/ip_address.hpp"

namespace tekigo::collectors {

namespace {

using Clock = net::Clock;
using engine::FactValue;
using engine::join;
using std::chrono::milliseconds;

constexpr std::size_t kMaxConfigBytes = 4u << 20;
constexpr int kMaxCnameQueries = 8;

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

}  // namespace tekigo::collectors
