// dsl: policy source text and positions. Spans are half-open byte ranges into one
// SourceFile; line and column are computed only when a diagnostic is shown.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/source_ref.hpp"

namespace tekigo::dsl {

struct Span {
  std::uint32_t begin = 0, end = 0;  // byte offsets, half-open
  bool empty() const { return begin == end; }
  // Spans never take part in equality or hashing of AST nodes: two nodes that mean the
  // same thing are equal wherever they were written.
};

// One policy file's text, immutable once loaded; shared by the AST, diagnostics and the
// compiled graph's source references.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  std::string_view slice(Span span) const;

  struct Position {
    std::uint32_t line, column;  // 1-based; column counts characters (UTF-8 aware)
  };
  Position position(std::uint32_t offset) const;
  std::string_view line_text(std::uint32_t line) const;  // without the newline
  engine::SourceRef ref(Span span) const;

 private:
  // Characters (UTF-8 lead bytes) in text_[0, offset): a count every kStride bytes, the
  // rest counted — so that a column costs O(kStride), even on a very long line.
  std::uint32_t chars_before(std::uint32_t offset) const;
  static constexpr std::uint32_t kStride = 256;

  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
  std::vector<std::uint32_t> chars_at_stride_;  // chars_before(k * kStride)
};

}  // namespace tekigo::dsl
