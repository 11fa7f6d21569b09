// dsl: policy source text — slices, and byte offsets turned into lines and columns.
#include "dsl/ast/source.hpp"

#include <algorithm>

namespace tekigo::dsl {

namespace {
bool lead_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}
}  // namespace

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  chars_at_stride_.reserve(text_.size() / kStride + 1);
  std::uint32_t chars = 0;
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (i % kStride == 0) chars_at_stride_.push_back(chars);
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
    if (lead_byte(text_[i])) ++chars;
  }
  if (chars_at_stride_.empty()) chars_at_stride_.push_back(0);
}

std::uint32_t SourceFile::chars_before(std::uint32_t offset) const {
  std::uint32_t block = std::min<std::uint32_t>(
      offset / kStride, static_cast<std::uint32_t>(chars_at_stride_.size() - 1));
  std::uint32_t chars = chars_at_stride_[block];
  for (std::uint32_t i = block * kStride; i < offset; ++i)
    if (lead_byte(text_[i])) ++chars;
  return chars;
}

std::string_view SourceFile::slice(Span span) const {
  std::uint32_t b = std::min<std::uint32_t>(span.begin, static_cast<std::uint32_t>(text_.size()));
  std::uint32_t e =
      std::min<std::uint32_t>(std::max(span.end, b), static_cast<std::uint32_t>(text_.size()));
  return std::string_view(text_).substr(b, e - b);
}

SourceFile::Position SourceFile::position(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  std::uint32_t line = static_cast<std::uint32_t>(it - line_starts_.begin());
  std::uint32_t start = line_starts_[line - 1];
  return {line, 1 + chars_before(offset) - chars_before(start)};
}

std::string_view SourceFile::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::uint32_t start = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                 : static_cast<std::uint32_t>(text_.size());
  std::string_view s = std::string_view(text_).substr(start, end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

engine::SourceRef SourceFile::ref(Span span) const {
  auto pos = position(span.begin);
  return engine::SourceRef{name_, pos.line, pos.column, span.begin, span.end};
}

}  // namespace tekigo::dsl
