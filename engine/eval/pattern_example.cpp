// engine/eval: texts for a graph's patterns (see pattern_example.hpp). The builder reads the
// pattern's own syntax — alternatives, groups, quantifiers, classes, the common escapes — and
// proposes a few texts, shortest choices first; RE2 has the last word on each.
#include "engine/eval/pattern_example.hpp"

#include <re2/re2.h>

#include <memory>
#include <vector>

#include "engine/common/text.hpp"

namespace tekigo::engine {

// As the evaluator reads a pattern: on the text without white space at either end.
bool pattern_matches(const Graph& graph, const Node& match, std::string_view text) {
  const std::string_view trimmed = trim(text);
  return RE2::PartialMatch(re2::StringPiece(trimmed.data(), trimmed.size()),
                           graph.pattern(match.pattern));
}

namespace {

constexpr std::size_t kMaxChoices = 12;  // texts proposed per part of the pattern

// Proposes texts for a pattern; nothing here needs to be exact, since RE2 checks each.
class Proposer {
 public:
  explicit Proposer(std::string_view pattern) : p_(pattern) {}

  // Texts for the whole pattern, or none when it uses syntax the proposer does not read.
  std::vector<std::string> all() {
    auto texts = alternation();
    if (failed_ || i_ != p_.size()) return {};
    return texts;
  }

 private:
  static void add(std::vector<std::string>& out, std::string text) {
    if (out.size() < kMaxChoices) out.push_back(std::move(text));
  }

  // a|b|c: the choices of each alternative, in order.
  std::vector<std::string> alternation() {
    std::vector<std::string> out;
    for (auto& text : sequence()) add(out, std::move(text));
    while (!failed_ && i_ < p_.size() && p_[i_] == '|') {
      ++i_;
      for (auto& text : sequence()) add(out, std::move(text));
    }
    return out;
  }

  // Items one after the other: the first choice of each, then each item's other choices with
  // the first of the rest.
  std::vector<std::string> sequence() {
    std::vector<std::vector<std::string>> items;
    while (!failed_ && i_ < p_.size() && p_[i_] != '|' && p_[i_] != ')') items.push_back(item());
    std::vector<std::string> out;
    if (failed_) return out;
    auto first = [&](std::size_t except, std::size_t choice) {
      std::string text;
      for (std::size_t k = 0; k < items.size(); ++k)
        text += items[k].empty() ? std::string() : items[k][k == except ? choice : 0];
      return text;
    };
    add(out, first(items.size(), 0));
    for (std::size_t k = 0; k < items.size(); ++k)
      for (std::size_t c = 1; c < items[k].size(); ++c) add(out, first(k, c));
    return out;
  }

  // One atom and its quantifier: the fewest repetitions first, then one more.
  std::vector<std::string> item() {
    std::vector<std::string> atom_texts = atom();
    if (failed_) return {};
    std::size_t min = 1, max = 1;
    bool dot = last_was_dot_;
    if (i_ < p_.size()) {
      const char q = p_[i_];
      if (q == '?' || q == '*' || q == '+') {
        ++i_;
        min = q == '+' ? 1 : 0;
        max = q == '?' ? 1 : min + 1;
      } else if (q == '{') {
        repetition(min, max);  // a brace that is not a repetition is read as a character
      }
      if (i_ < p_.size() && (p_[i_] == '?' || p_[i_] == '+')) ++i_;  // lazy, possessive
    }
    std::vector<std::string> out;
    auto repeated = [&](const std::string& text, std::size_t n) {
      std::string r;
      for (std::size_t k = 0; k < n; ++k) r += text;
      return r;
    };
    const std::string one = atom_texts.empty() ? std::string() : atom_texts[0];
    // `.*` between words reads best as one space.
    if (dot && min == 0 && max > 0) add(out, " ");
    add(out, repeated(one, min));
    if (max > min) add(out, repeated(one, min + 1));
    for (std::size_t c = 1; c < atom_texts.size(); ++c)
      add(out, repeated(atom_texts[c], std::max<std::size_t>(min, 1)));
    return out;
  }

  // {n}, {n,}, {n,m}; false (and nothing read) when the brace is a literal one.
  bool repetition(std::size_t& min, std::size_t& max) {
    std::size_t j = i_ + 1, n = 0, m = 0;
    bool digits = false;
    while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9')
      n = n * 10 + (p_[j++] - '0'), digits = true;
    if (!digits) return false;
    m = n;
    if (j < p_.size() && p_[j] == ',') {
      ++j;
      m = n + 1;
      std::size_t k = 0;
      bool more = false;
      while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9')
        k = k * 10 + (p_[j++] - '0'), more = true;
      if (more) m = k;
    }
    if (j >= p_.size() || p_[j] != '}' || n > 64) return false;
    i_ = j + 1;
    min = n;
    max = std::max(m, n);
    return true;
  }

  std::vector<std::string> atom() {
    last_was_dot_ = false;
    const char c = p_[i_];
    switch (c) {
      case '(': {
        ++i_;
        if (i_ < p_.size() && p_[i_] == '?') {
          // (?:…), (?i:…), (?P<name>…), or flags alone: (?i)
          ++i_;
          if (i_ < p_.size() && p_[i_] == 'P') {
            while (i_ < p_.size() && p_[i_] != '>') ++i_;
            ++i_;
          } else {
            while (i_ < p_.size() && p_[i_] != ':' && p_[i_] != ')') ++i_;
            if (i_ < p_.size() && p_[i_] == ')') {
              ++i_;
              return {std::string()};
            }
            ++i_;
          }
        }
        auto inner = alternation();
        if (i_ >= p_.size() || p_[i_] != ')') {
          failed_ = true;
          return {};
        }
        ++i_;
        return inner;
      }
      case '[':
        return char_class();
      case '.':
        ++i_;
        last_was_dot_ = true;
        return {"x", " "};
      case '^':
      case '$':
        ++i_;
        return {std::string()};
      case '\\':
        return escape();
      default:
        return {utf8_char()};
    }
  }

  // One UTF-8 character as written (a quantifier applies to all of it).
  std::string utf8_char() {
    const auto lead = static_cast<unsigned char>(p_[i_]);
    std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    n = std::min(n, p_.size() - i_);
    std::string out(p_.substr(i_, n));
    i_ += n;
    return out;
  }

  std::vector<std::string> escape() {
    ++i_;
    if (i_ >= p_.size()) {
      failed_ = true;
      return {};
    }
    const char e = p_[i_++];
    switch (e) {
      case 'd':
        return {"0"};
      case 'w':
      case 'D':
      case 'S':
        return {"a"};
      case 's':
      case 'W':
        return {" "};
      case 'b':
      case 'B':
      case 'A':
      case 'z':
        return {std::string()};
      case 't':
        return {"\t"};
      default:
        if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || (e >= '0' && e <= '9')) {
          failed_ = true;  // \pN, \x41, \Q…\E, back references: not read here
          return {};
        }
        return {std::string(1, e)};
    }
  }

  // A character for `\d`, `\s`, `\w` or an escaped one inside a class.
  static std::string class_escape(char e) {
    switch (e) {
      case 'd':
        return std::string(1, '0');
      case 's':
        return std::string(1, ' ');
      case 'w':
        return std::string(1, 'a');
      default:
        return std::string(1, e);
    }
  }

  // [abc], [a-z], [^…]: the first character of the class, or, negated, a few that are not in it.
  std::vector<std::string> char_class() {
    ++i_;
    bool negated = false;
    if (i_ < p_.size() && p_[i_] == '^') {
      negated = true;
      ++i_;
    }
    std::string first;
    bool at_start = true;
    while (i_ < p_.size() && (p_[i_] != ']' || at_start)) {
      at_start = false;
      if (p_[i_] == '\\' && i_ + 1 < p_.size()) {
        if (first.empty()) first = class_escape(p_[i_ + 1]);
        i_ += 2;
        continue;
      }
      if (p_[i_] == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') {  // [:alpha:]
        const auto end = p_.find(":]", i_ + 2);
        if (end == std::string_view::npos) break;
        if (first.empty()) first.push_back('a');
        i_ = end + 2;
        continue;
      }
      std::string ch = utf8_char();
      if (first.empty()) first = ch;
    }
    if (i_ >= p_.size()) {
      failed_ = true;
      return {};
    }
    ++i_;  // ]
    if (negated) return {"x", "q", " ", "0"};
    return {first};
  }

  std::string_view p_;
  std::size_t i_ = 0;
  bool failed_ = false;
  bool last_was_dot_ = false;
};

}  // namespace

std::optional<std::string> pattern_example(const Graph& graph, const Node& match) {
  for (const auto& text : Proposer(match.pattern_text).all())
    if (pattern_matches(graph, match, text)) return text;
  return std::nullopt;
}

}  // namespace tekigo::engine
