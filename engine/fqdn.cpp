// engine: typed values — fully qualified domain names: validation and lower-case normal form.
#include "engine/fqdn.hpp"

namespace tekigo::engine {
namespace {

constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxName = 253;

bool is_label_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

}  // namespace

std::optional<Fqdn> Fqdn::parse(std::string_view text) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty() || text.size() > kMaxName) return std::nullopt;
  std::string normal;
  normal.reserve(text.size());
  std::size_t label_start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      const std::size_t length = i - label_start;
      if (length == 0 || length > kMaxLabel) return std::nullopt;
      if (text[label_start] == '-' || text[i - 1] == '-') return std::nullopt;
      if (i < text.size()) normal.push_back('.');
      label_start = i + 1;
      continue;
    }
    if (!is_label_char(text[i])) return std::nullopt;
    normal.push_back(to_lower(text[i]));
  }
  return Fqdn(std::move(normal));
}

std::vector<std::string_view> Fqdn::labels() const {
  std::vector<std::string_view> out;
  const std::string_view s = text_;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    if (dot == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, dot - start));
    start = dot + 1;
  }
}

bool Fqdn::in_domain(const Fqdn& domain) const {
  const std::string& d = domain.text_;
  if (text_.size() == d.size()) return text_ == d;
  return text_.size() > d.size() && text_.ends_with(d) && text_[text_.size() - d.size() - 1] == '.';
}

}  // namespace tekigo::engine
