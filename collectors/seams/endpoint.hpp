// collectors/seams: where a probe sends its packets — an address and a port, as the OS's
// socket calls take them ("127.0.0.1:5353", "[::1]:53").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/values/ip_address.hpp"

namespace tekigo::collectors {

struct Endpoint {
  engine::IpAddress address = engine::IpAddress::from_v4({127, 0, 0, 1});
  std::uint16_t port = 53;
  std::string text() const;  // "127.0.0.1:5353", "[::1]:53"
};

// "127.0.0.1", "127.0.0.1:5353", "::1", "[::1]:5353", "fe80::1%eth0" (zone dropped).
std::optional<Endpoint> parse_endpoint(std::string_view text, std::uint16_t default_port);

// An address as written in hosts files and resolver settings: "fe80::1%eth0" drops its zone.
std::optional<engine::IpAddress> parse_host_address(std::string_view text);

}  // namespace tekigo::collectors
