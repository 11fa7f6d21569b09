// engine: typed values — fully qualified domain names: validation and lower-case normal form.
#include "engine/values/fqdn.hpp"

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

namespace {

// Reads `text` as a host name, handing each character of its normal form to `put`; false when
// it is not one.
template <typename Put>
bool read_name(std::string_view text, Put&& put) {
  if (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty() || text.size() > kMaxName) return false;
  std::size_t label_start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '.') {
      const std::size_t length = i - label_start;
      if (length == 0 || length > kMaxLabel) return false;
      if (text[label_start] == '-' || text[i - 1] == '-') return false;
      if (i < text.size()) put('.');
      label_start = i + 1;
      continue;
    }
    if (!is_label_char(text[i])) return false;
    put(to_lower(text[i]));
  }
  return true;
}

}  // namespace

std::optional<Fqdn> Fqdn::parse(std::string_view text) {
  std::string normal;
  normal.reserve(text.size());
  if (!read_name(text, [&](char c) { normal.push_back(c); })) return std::nullopt;
  return Fqdn(std::move(normal));
}

std::optional<int> Fqdn::order_text(std::string_view text, const Fqdn& other) {
  // Checked first (as parse() would), then compared: two tight loops instead of one that
  // does both (this runs for every host of every flow a policy checks).
  if (!read_name(text, [](char) {})) return std::nullopt;
  if (text.back() == '.') text.remove_suffix(1);
  const std::string& b = other.text_;
  const std::size_t n = std::min(text.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char c = to_lower(text[i]);
    if (c != b[i]) return static_cast<unsigned char>(c) < static_cast<unsigned char>(b[i]) ? -1 : 1;
  }
  return text.size() == b.size() ? 0 : (text.size() < b.size() ? -1 : 1);
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
