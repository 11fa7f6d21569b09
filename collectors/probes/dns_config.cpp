// collectors: hosts file, resolv.conf and nameserver endpoint parsing.
#include "collectors/probes/dns_config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "collectors/probes/dns_message.hpp"

namespace tekigo::collectors::dns {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_blank(line[i])) ++i;
    std::size_t start = i;
    while (i < line.size() && !is_blank(line[i])) ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

template <typename F>
void for_each_line(std::string_view text, F&& f) {
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    f(text.substr(start, end - start), ++number);
    start = end + 1;
  }
}

std::string_view strip_comment(std::string_view line, std::string_view markers) {
  std::size_t pos = line.find_first_of(markers);
  return pos == std::string_view::npos ? line : line.substr(0, pos);
}

std::optional<int> small_int(std::string_view text) {
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::vector<HostsEntry> parse_hosts(std::string_view text) {
  std::vector<HostsEntry> out;
  for_each_line(text, [&](std::string_view line, int number) {
    auto f = fields(strip_comment(line, "#"));
    if (f.size() < 2) return;
    auto address = parse_host_address(f[0]);
    if (!address) return;
    HostsEntry entry;
    entry.address = address->text();
    entry.line = number;
    for (std::size_t i = 1; i < f.size(); ++i) entry.names.emplace_back(f[i]);
    out.push_back(std::move(entry));
  });
  return out;
}

HostsMatch hosts_lookup(const std::vector<HostsEntry>& entries, std::string_view name) {
  HostsMatch match;
  std::string wanted = normal_name(name);
  if (wanted.empty()) return match;
  for (const auto& entry : entries) {
    bool hit = std::any_of(entry.names.begin(), entry.names.end(),
                           [&](const std::string& n) { return normal_name(n) == wanted; });
    if (!hit) continue;
    if (match.line == 0) match.line = entry.line;
    if (std::find(match.addresses.begin(), match.addresses.end(), entry.address) ==
        match.addresses.end()) {
      match.addresses.push_back(entry.address);
    }
  }
  return match;
}

ResolvConf parse_resolv_conf(std::string_view text) {
  ResolvConf conf;
  for_each_line(text, [&](std::string_view line, int) {
    auto f = fields(strip_comment(line, "#;"));
    if (f.empty()) return;
    if (f[0] == "nameserver" && f.size() >= 2) {
      if (parse_host_address(f[1])) conf.nameservers.emplace_back(f[1]);
    } else if (f[0] == "search" || f[0] == "domain") {
      conf.search.clear();  // the last search/domain line wins
      for (std::size_t i = 1; i < f.size(); ++i) conf.search.emplace_back(f[i]);
    } else if (f[0] == "options") {
      for (std::size_t i = 1; i < f.size(); ++i) {
        std::string_view opt = f[i];
        if (opt == "rotate") {
          conf.rotate = true;
        } else if (opt.starts_with("timeout:")) {
          if (auto v = small_int(opt.substr(8))) conf.timeout_seconds = std::clamp(*v, 1, 30);
        } else if (opt.starts_with("attempts:")) {
          if (auto v = small_int(opt.substr(9))) conf.attempts = std::clamp(*v, 1, 5);
        }
      }
    }
  });
  return conf;
}

}  // namespace tekigo::collectors::dns
