// engine: typed values — transport protocols and port numbers.
#include "engine/values/port.hpp"

namespace tekigo::engine {

std::optional<Protocol> parse_protocol(std::string_view text) {
  if (text.size() != 3) return std::nullopt;
  char lower[3];
  for (std::size_t i = 0; i < 3; ++i) {
    const char c = text[i];
    lower[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view s(lower, 3);
  if (s == "tcp") return Protocol::tcp;
  if (s == "udp") return Protocol::udp;
  return std::nullopt;
}

std::string_view to_string(Protocol protocol) {
  switch (protocol) {
    case Protocol::tcp:
      return "tcp";
    case Protocol::udp:
      return "udp";
  }
  return "unknown";
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5 || text[0] == '0') return std::nullopt;
  std::uint32_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  if (value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

}  // namespace tekigo::engine
