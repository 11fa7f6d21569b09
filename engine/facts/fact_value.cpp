// engine: the fact tree — construction, look-up and compact rendering for evidence.
#include "engine/facts/fact_value.hpp"

#include <fmt/format.h>

namespace tekigo::engine {

FactValue FactValue::boolean(bool b) {
  FactValue v;
  v.data_ = b;
  return v;
}
FactValue FactValue::integer(std::int64_t i) {
  FactValue v;
  v.data_ = i;
  return v;
}
FactValue FactValue::number(double d) {
  FactValue v;
  v.data_ = d;
  return v;
}
FactValue FactValue::string(std::string s) {
  FactValue v;
  v.data_ = std::move(s);
  return v;
}
FactValue FactValue::list(List items) {
  FactValue v;
  v.data_ = std::move(items);
  return v;
}
FactValue FactValue::map(Map entries) {
  FactValue v;
  v.data_ = std::move(entries);
  return v;
}

const FactValue* FactValue::find(std::string_view key) const {
  if (!is_map()) return nullptr;
  // Keys are short: compared here byte by byte rather than by a call of memcmp each.
  for (const auto& [k, v] : as_map()) {
    if (k.size() != key.size()) continue;
    std::size_t i = 0;
    while (i < key.size() && k[i] == key[i]) ++i;
    if (i == key.size()) return &v;
  }
  return nullptr;
}

FactValue* FactValue::find(std::string_view key) {
  return const_cast<FactValue*>(static_cast<const FactValue*>(this)->find(key));
}

void FactValue::set(std::string key, FactValue value) {
  if (FactValue* existing = find(key)) {
    *existing = std::move(value);
    return;
  }
  as_map().emplace_back(std::move(key), std::move(value));
}

namespace {

bool needs_quotes(const std::string& s) {
  if (s.empty()) return true;
  for (char c : s)
    if (c == ',' || c == ':' || c == '{' || c == '}' || c == '[' || c == ']' || c == '"')
      return true;
  return s.front() == ' ' || s.back() == ' ';
}

void render_into(const FactValue& v, std::string& out, bool top, std::size_t budget) {
  if (out.size() > budget) return;  // past what will be shown: stop early
  switch (v.kind()) {
    case FactValue::Kind::null:
      out += "null";
      break;
    case FactValue::Kind::boolean:
      out += v.as_bool() ? "true" : "false";
      break;
    case FactValue::Kind::integer:
      out += fmt::format("{}", v.as_int());
      break;
    case FactValue::Kind::number:
      out += fmt::format("{}", v.as_number());
      break;
    case FactValue::Kind::string:
      if (!top && needs_quotes(v.as_string()))
        out += fmt::format("\"{}\"", v.as_string());
      else
        out += v.as_string();
      break;
    case FactValue::Kind::list: {
      out += '[';
      bool first = true;
      for (const auto& item : v.as_list()) {
        if (out.size() > budget) break;  // the rest will not be shown
        if (!first) out += ", ";
        first = false;
        render_into(item, out, false, budget);
      }
      out += ']';
      break;
    }
    case FactValue::Kind::map: {
      out += '{';
      bool first = true;
      for (const auto& [k, item] : v.as_map()) {
        if (out.size() > budget) break;
        if (!first) out += ", ";
        first = false;
        out += k;
        out += ": ";
        render_into(item, out, false, budget);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string FactValue::render(std::size_t max_chars) const {
  std::string out;
  render_into(*this, out, true, max_chars);
  if (out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80)
      --cut;  // UTF-8 boundary
    out.resize(cut);
    out += "…";
  }
  return out;
}

std::string_view kind_name(FactValue::Kind kind) {
  switch (kind) {
    case FactValue::Kind::null:
      return "null";
    case FactValue::Kind::boolean:
      return "a boolean";
    case FactValue::Kind::integer:
      return "an integer";
    case FactValue::Kind::number:
      return "a number";
    case FactValue::Kind::string:
      return "a string";
    case FactValue::Kind::list:
      return "a list";
    case FactValue::Kind::map:
      return "a map";
  }
  return "?";
}

}  // namespace tekigo::engine
