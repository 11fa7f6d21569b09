// dsl/format: the words of a policy as printed (printed_words.hpp).
#include "dsl/format/printed_words.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "engine/common/text.hpp"

namespace tekigo::dsl::format {

namespace {

bool letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + '"';
}

// word = letter { letter | digit | "_" }   (the grammar's `word`; `_` may start one)
bool is_word(std::string_view s) {
  if (s.empty() || !(letter(s[0]) || s[0] == '_')) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return letter(c) || digit(c) || c == '_'; });
}

// host = label { "." label } [ "." ],  label = alnum { alnum | "-" }
bool is_host(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.empty()) return false;
  bool label_start = true;
  for (char c : s) {
    if (c == '.') {
      if (label_start) return false;
      label_start = true;
    } else if (letter(c) || digit(c)) {
      label_start = false;
    } else if (c != '-' || label_start) {
      return false;
    }
  }
  return !label_start;
}

std::string word_or_string(const ast::Text& t) {
  return is_word(t.value) ? t.value : quote(t.value);
}

std::string host_or_string(const ast::Text& t) {
  return is_host(t.value) ? t.value : quote(t.value);
}

// A literal as written; a run of blanks inside (`50   MiB`) becomes one space.
std::string bare(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool blank = c == ' ' || c == '\t';
    if (blank && (out.empty() || out.back() == ' ')) continue;
    out += blank ? ' ' : c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string operand(const ast::Operand& o) {
  using K = ast::Operand::Kind;
  switch (o.kind) {
    case K::string:
      return quote(o.text);
    case K::number:
    case K::boolean:
      return bare(o.text);
    case K::path:
      return o.segments.empty() ? o.text : engine::join(o.segments, ".");
    case K::list: {
      std::vector<std::string> items;
      for (const auto& i : o.items) items.push_back(operand(i));
      return "[" + engine::join(items, ", ") + "]";
    }
  }
  return o.text;
}

std::string operands(const std::vector<const ast::Operand*>& v) {
  std::vector<std::string> parts;
  for (const auto* o : v) parts.push_back(operand(*o));
  return engine::join(parts, ", ");
}

std::string notes_text(const std::vector<ast::NoteRef>& notes) {
  if (notes.empty()) return {};
  std::vector<std::string> labels;
  for (const auto& n : notes) labels.push_back(n.label);
  return " notes " + engine::join(labels, ", ");
}

// A sentence with its translations: `"Windows 10" ja "Windows 10 の場合"`.
std::string local(const ast::Text& text) {
  std::string out = quote(text.value);
  for (const auto& t : text.translations) out += " " + t.lang + " " + quote(t.value);
  return out;
}

std::string message_text(const std::optional<ast::Text>& text,
                         const std::vector<ast::NoteRef>& notes) {
  return (text ? " " + local(*text) : std::string()) + notes_text(notes);
}

std::string in_force_text(const ast::InForce& f) {
  std::string out;
  if (f.from) out += " from " + operand(*f.from);
  if (f.until) out += " until " + operand(*f.until);
  return out;
}

std::string version_specs(const std::vector<ast::VersionSpec>& specs) {
  std::vector<std::string> parts;
  for (const auto& s : specs) {
    if (s.to)
      parts.push_back(operand(s.value) + ".." + operand(*s.to));
    else if (s.op == ast::CompareOp::eq)
      parts.push_back(operand(s.value));
    else
      parts.push_back(fmt::format("{} {}", ast::op_text(s.op), operand(s.value)));
  }
  return engine::join(parts, ", ");
}

std::uint32_t end_of(std::initializer_list<std::uint32_t> ends) {
  return std::max(ends);
}

std::uint32_t end_of(const std::vector<ast::NoteRef>& notes) {
  return notes.empty() ? 0 : notes.back().span.end;
}

std::uint32_t end_of(const std::optional<ast::Text>& t) {
  return t ? t->span.end : 0;
}

std::uint32_t end_of(const ast::InForce& f) {
  return std::max({f.span.end, f.from ? f.from->span.end : 0u, f.until ? f.until->span.end : 0u});
}

}  // namespace tekigo::dsl::format
