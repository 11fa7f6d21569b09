// collectors/seams: endpoints written as text.
#include "collectors/seams/endpoint.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace tekigo::collectors {

std::optional<engine::IpAddress> parse_host_address(std::string_view text) {
  std::size_t zone = text.find('%');
  if (zone != std::string_view::npos) text = text.substr(0, zone);
  return engine::IpAddress::parse(text);
}

std::string Endpoint::text() const {
  if (address.family() == engine::IpAddress::Family::v6) {
    return fmt::format("[{}]:{}", address.text(), port);
  }
  return fmt::format("{}:{}", address.text(), port);
}

std::optional<Endpoint> parse_endpoint(std::string_view text, std::uint16_t default_port) {
  Endpoint ep;
  ep.port = default_port;
  std::string_view host = text;
  std::string_view port;
  if (text.starts_with('[')) {
    std::size_t close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = text.substr(1, close - 1);
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest[0] != ':') return std::nullopt;
      port = rest.substr(1);
      if (port.empty()) return std::nullopt;
    }
  } else if (std::count(text.begin(), text.end(), ':') == 1) {
    std::size_t colon = text.find(':');
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (port.empty()) return std::nullopt;
  }
  auto address = parse_host_address(host);
  if (!address) return std::nullopt;
  ep.address = *address;
  if (!port.empty()) {
    int p = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (ec != std::errc() || end != port.data() + port.size() || p < 1 || p > 65535)
      return std::nullopt;
    ep.port = static_cast<std::uint16_t>(p);
  }
  return ep;
}

}  // namespace tekigo::collectors
