// dsl/format: the tokens of a policy's text (see tokens.hpp).
#include "dsl/format/tokens.hpp"

#include <algorithm>

namespace tekigo::dsl::format {

namespace {

bool word_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '_' ||
         c == '.' || c == ':' || c == '-' || c == '*' || u >= 0x80;
}

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

Tokens::Tokens(std::string_view text) : text_(text) {
  const auto n = static_cast<std::uint32_t>(text.size());
  std::uint32_t i = 0;
  while (i < n) {
    const char c = text[i];
    if (blank(c)) {
      ++i;
      continue;
    }
    const std::uint32_t begin = i;
    Token::Kind kind = Token::Kind::punct;
    if (c == '#') {
      kind = Token::Kind::comment;
      while (i < n && text[i] != '\n' && text[i] != '\r') ++i;
    } else if (c == '"') {
      kind = Token::Kind::string;
      for (++i; i < n && text[i] != '"' && text[i] != '\n'; ++i)
        if (text[i] == '\\' && i + 1 < n && text[i + 1] != '\n') ++i;
      if (i < n && text[i] == '"') ++i;
    } else if (word_char(c)) {
      kind = Token::Kind::word;
      while (i < n && word_char(text[i])) ++i;
    } else if (i + 1 < n && text[i + 1] == '=' && (c == '=' || c == '!' || c == '<' || c == '>')) {
      i += 2;
    } else {
      ++i;
    }
    tokens_.push_back({kind, {begin, i}});
  }
}

std::optional<Token> Tokens::before(std::uint32_t offset, int back) const {
  auto it = std::partition_point(tokens_.begin(), tokens_.end(),
                                 [&](const Token& t) { return t.span.end <= offset; });
  while (it != tokens_.begin()) {
    --it;
    if (it->kind == Token::Kind::comment) continue;
    if (--back == 0) return *it;
  }
  return std::nullopt;
}

std::optional<Token> Tokens::after(std::uint32_t offset) const {
  auto it = std::partition_point(tokens_.begin(), tokens_.end(),
                                 [&](const Token& t) { return t.span.begin < offset; });
  for (; it != tokens_.end(); ++it)
    if (it->kind != Token::Kind::comment) return *it;
  return std::nullopt;
}

std::vector<Token> Tokens::within(std::uint32_t begin, std::uint32_t end) const {
  std::vector<Token> out;
  auto it = std::partition_point(tokens_.begin(), tokens_.end(),
                                 [&](const Token& t) { return t.span.begin < begin; });
  for (; it != tokens_.end() && it->span.end <= end; ++it)
    if (it->kind != Token::Kind::comment) out.push_back(*it);
  return out;
}

std::optional<std::uint32_t> Tokens::closing_paren(std::uint32_t open, std::uint32_t end) const {
  auto it = std::partition_point(tokens_.begin(), tokens_.end(),
                                 [&](const Token& t) { return t.span.begin < open; });
  int depth = 0;
  for (; it != tokens_.end() && it->span.begin < end; ++it) {
    if (it->kind != Token::Kind::punct) continue;
    const char c = text_[it->span.begin];
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return it->span.begin;
  }
  return std::nullopt;
}

}  // namespace tekigo::dsl::format
