// collectors: the terminal's resolver configuration as the C library reads it — the hosts
// file (/etc/hosts, %SystemRoot%\System32\drivers\etc\hosts) and resolv.conf. Pure parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "collectors/seams/endpoint.hpp"
#include "engine/values/ip_address.hpp"

namespace tekigo::collectors::dns {

// One line of a hosts file: an address and the names given for it.
struct HostsEntry {
  std::string address;             // canonical text (IpAddress::text())
  std::vector<std::string> names;  // as written (case kept)
  int line = 0;                    // 1-based
};

// Parses a hosts file: '#' starts a comment, fields are separated by blanks or tabs, the
// first field is an address (an IPv6 zone "%eth0" is dropped), the rest are names. Lines
// whose first field is not an address are skipped. CRLF line ends are accepted.
std::vector<HostsEntry> parse_hosts(std::string_view text);

// The addresses given for `name` (compared without regard to case or a trailing dot), in
// file order without duplicates, and the line of the first match (0 when none).
struct HostsMatch {
  std::vector<std::string> addresses;
  int line = 0;
};
HostsMatch hosts_lookup(const std::vector<HostsEntry>& entries, std::string_view name);

struct ResolvConf {
  std::vector<std::string> nameservers;  // as written (addresses; a zone is kept)
  std::vector<std::string> search;
  int timeout_seconds = 5;  // options timeout:N
  int attempts = 2;         // options attempts:N
  bool rotate = false;
};

// Parses resolv.conf: `nameserver ADDR`, `search`/`domain`, `options timeout:N attempts:N
// rotate`; '#' and ';' start comments. Nameservers that are not addresses are skipped.
ResolvConf parse_resolv_conf(std::string_view text);

// Nameserver endpoints are the seams' Endpoint (collectors/seams/endpoint.hpp).
using collectors::Endpoint;
using collectors::parse_endpoint;

}  // namespace tekigo::collectors::dns
