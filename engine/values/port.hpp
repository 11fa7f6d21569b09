// engine: typed values — transport protocols and port numbers (used with IpAddress).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tekigo::engine {

enum class Protocol { tcp, udp };

// "tcp" / "udp" in any letter case; nullopt otherwise (no whitespace). Never throws.
std::optional<Protocol> parse_protocol(std::string_view text);
// "tcp" / "udp".
std::string_view to_string(Protocol protocol);

// A port number 1..65535 written in decimal digits only: no sign, no whitespace, and no
// leading zeros ("080" is rejected rather than guessed at). Never throws; nullopt otherwise.
std::optional<std::uint16_t> parse_port(std::string_view text);

}  // namespace tekigo::engine
