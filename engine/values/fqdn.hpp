// engine: typed values — fully qualified domain names (host names), normalised for comparison.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tekigo::engine {

// A DNS host name such as "sec.ccr.ncc.go.jp". Immutable: safe to copy and share between
// threads.
//
// Accepted text (parse never throws; it returns nullopt for anything else):
//   labels of 1..63 characters from [A-Za-z0-9-], not starting or ending with '-',
//   separated by single dots, with one optional trailing dot ("sec.ccr.ncc.go.jp.");
//   at most 253 characters without the trailing dot. A single label ("localhost") is
//   allowed. No underscores (host-name rules, not general DNS), no empty labels ("a..b",
//   ".a"), no whitespace, no non-ASCII (write IDNs as "xn--" A-labels).
//   An all-numeric last label is allowed, so "192.0.2.1" also parses as an Fqdn: callers that
//   accept either an address or a name should try IpAddress::parse first.
// Normal form: lower-case, without the trailing dot. Equality and order are on it.
class Fqdn {
 public:
  static std::optional<Fqdn> parse(std::string_view text);
  // The order of parse(text) against `other` (-1, 0, 1), found without building it; nullopt
  // when `text` is not a host name.
  static std::optional<int> order_text(std::string_view text, const Fqdn& other);

  // The normal form.
  const std::string& text() const { return text_; }
  // The labels in order, viewing into text() (valid while this Fqdn lives).
  std::vector<std::string_view> labels() const;
  // True when this name equals `domain` or lies below it on a label boundary:
  // "www.example.com" is in "example.com" and in "com"; "badexample.com" is not in
  // "example.com".
  bool in_domain(const Fqdn& domain) const;

  friend auto operator<=>(const Fqdn&, const Fqdn&) = default;

 private:
  explicit Fqdn(std::string text) : text_(std::move(text)) {}

  std::string text_;
};

}  // namespace tekigo::engine
