// dsl/format: the tokens of a policy's text, as the formatter needs them — where each word,
// string, comment and punctuation mark begins and ends. The AST's spans cover values, not
// every keyword; the formatter finds the keyword before a value, checks that it prints every
// token of the input, and matches parentheses with these. A lexer only: the text has parsed.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "dsl/ast/source.hpp"

namespace tekigo::dsl::format {

struct Token {
  enum class Kind { word, string, comment, punct };
  Kind kind = Kind::word;
  Span span;
};

class Tokens {
 public:
  explicit Tokens(std::string_view text);
  const std::vector<Token>& all() const { return tokens_; }
  std::string_view text(const Token& t) const {
    return text_.substr(t.span.begin, t.span.end - t.span.begin);
  }
  // The `back`-th token (comments skipped) that ends at or before `offset`; nullopt when there
  // is none.
  std::optional<Token> before(std::uint32_t offset, int back = 1) const;
  // The first token (comments skipped) that begins at or after `offset`.
  std::optional<Token> after(std::uint32_t offset) const;
  // The tokens (comments skipped) that lie within [begin, end).
  std::vector<Token> within(std::uint32_t begin, std::uint32_t end) const;
  // The offset of the `)` that closes the `(` at `open`, strings and comments skipped;
  // nullopt when it is not closed before `end`.
  std::optional<std::uint32_t> closing_paren(std::uint32_t open, std::uint32_t end) const;

 private:
  std::string_view text_;
  std::vector<Token> tokens_;
};

}  // namespace tekigo::dsl::format
