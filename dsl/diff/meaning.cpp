// dsl/diff: reading a policy for its meaning — see meaning.hpp.
#include "dsl/diff/meaning.hpp"

#include <algorithm>
#include <variant>

#include "dsl/checks/literals.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::diff {

namespace {

using K = ast::Expr::Kind;

// A part of a key, length-prefixed so that no text inside it can pass for key syntax.
std::string part(std::string_view text) {
  return std::to_string(text.size()) + ":" + std::string(text);
}

// One typed value. Versions keep every component (line 6.0 is narrower than line 6) but read
// them as numbers (05042 is 5042) and drop a wildcard (6.x is line 6); text compares as the
// engine compares it, trimmed and case-insensitively.
struct ScalarKey {
  std::string operator()(bool b) const { return b ? "b:true" : "b:false"; }
  std::string operator()(std::int64_t i) const { return "i:" + std::to_string(i); }
  std::string operator()(const std::string& s) const {
    return "t:" + engine::ascii_lower(engine::trim(s));
  }
  std::string operator()(const engine::Version& v) const {
    std::string out = v.scheme() == engine::VersionScheme::dotted ? "v:" : "r:";
    for (std::size_t i = 0; i < v.parts().size(); ++i)
      out += (i ? "." : "") + std::to_string(v.parts()[i]);
    return out;
  }
  std::string operator()(const engine::ByteSize& s) const { return "s:" + std::to_string(s.bytes); }
  std::string operator()(const engine::Date& d) const { return "d:" + d.to_string(); }
  std::string operator()(const engine::IpAddress& a) const { return "a:" + a.text(); }
  std::string operator()(const engine::Fqdn& h) const { return "h:" + h.text(); }
};

std::string raw_key(const ast::Operand& o) {
  if (o.kind == ast::Operand::Kind::list) {
    std::vector<std::string> items;
    for (const auto& i : o.items) items.push_back(raw_key(i));
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
    return "[" + engine::join(items, ",") + "]";
  }
  return "raw:" + part(o.text);
}

// The right-hand side of a predicate: typed when typing succeeded, else as written. A list
// (`in [...]`) is a set.
std::string literal_key(const ast::Expr& e, const checks::TypedExpr* t) {
  if (!t) return raw_key(e.rhs);
  std::vector<std::string> keys;
  for (const auto& v : t->literal.values) keys.push_back(part(std::visit(ScalarKey{}, v)));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return "[" + engine::join(keys, ",") + "]";
}

bool is_leaf(K kind) {
  return kind != K::and_ && kind != K::or_ && kind != K::not_ && kind != K::any && kind != K::all &&
         kind != K::none;
}

const checks::TypedExpr* child(const checks::TypedExpr* t, std::size_t i) {
  return t && i < t->children.size() ? &t->children[i] : nullptr;
}

// A predicate's key: what it reads, how, and its value.
std::string leaf_key(const ast::Expr& e, const checks::TypedExpr* t, bool masked) {
  std::string out = std::string(ast::expr_word(e.kind)) + " " + part(e.path.dotted());
  switch (e.kind) {
    case K::compare:
      out += " " + std::string(ast::op_text(e.op));
      [[fallthrough]];
    case K::in:
    case K::contains:
      out += " " + (masked ? std::string("?") : literal_key(e, t));
      break;
    case K::match:
      // RE2 reads the pattern as written: "\d" and "\D" differ, so no case folding here.
      out += " " + (masked ? std::string("?") : part(e.pattern.value));
      break;
    default:
      break;
  }
  return out;
}

// The operands of a chain of one `and` (or `or`), nested ones included: `(a and b) and c` is
// `a and b and c`.
void operands(const ast::Expr& e, const checks::TypedExpr* t, K kind,
              std::vector<std::pair<const ast::Expr*, const checks::TypedExpr*>>& out) {
  for (std::size_t i = 0; i < e.children.size(); ++i) {
    const ast::Expr& c = *e.children[i];
    if (c.kind == kind)
      operands(c, child(t, i), kind, out);
    else
      out.emplace_back(&c, child(t, i));
  }
}

std::string meaning(const ast::Expr& e, const checks::TypedExpr* t) {
  if (is_leaf(e.kind)) return leaf_key(e, t, false);
  if (e.kind == K::and_ || e.kind == K::or_) {
    std::vector<std::pair<const ast::Expr*, const checks::TypedExpr*>> ops;
    operands(e, t, e.kind, ops);
    std::vector<std::string> keys;
    for (const auto& [c, tc] : ops) keys.push_back(meaning(*c, tc));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    if (keys.size() == 1) return keys.front();
    return std::string(ast::expr_word(e.kind)) + "(" + engine::join(keys, ",") + ")";
  }
  std::string head = std::string(ast::expr_word(e.kind));
  if (e.kind != K::not_) head += " " + part(e.path.dotted());
  return head + "(" + (e.children.empty() ? "" : meaning(*e.children[0], child(t, 0))) + ")";
}

std::string shape(const ast::Expr& e, const checks::TypedExpr* t,
                  std::vector<std::pair<const ast::Expr*, std::string>>& leaves) {
  if (is_leaf(e.kind)) {
    leaves.emplace_back(&e, leaf_key(e, t, false));
    return leaf_key(e, t, true);
  }
  std::string out = std::string(ast::expr_word(e.kind));
  if (e.kind != K::and_ && e.kind != K::or_ && e.kind != K::not_)
    out += " " + part(e.path.dotted());
  out += "(";
  for (std::size_t i = 0; i < e.children.size(); ++i)
    out += (i ? "," : "") + shape(*e.children[i], child(t, i), leaves);
  return out + ")";
}

}  // namespace

Condition Reading::condition(const ast::Expr& e, const checks::FactScope& scope) {
  scratch_.clear();
  auto typed = typing_.expression(e, scope);
  const checks::TypedExpr* t = typed ? &*typed : nullptr;
  Condition c;
  c.key = meaning(e, t);
  c.shape = shape(e, t, c.leaves);
  return c;
}

std::string Reading::text(const ast::Expr& e) const {
  const std::string_view s = source_.slice(e.span);
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '#') {  // a comment, to the end of its line
      while (i < s.size() && s[i] != '\n') ++i;
      space = true;
      continue;
    }
    if (engine::is_ascii_space(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
    if (c == '"') {  // a string, as written (it holds no newline)
      for (++i; i < s.size(); ++i) {
        out += s[i];
        if (s[i] == '\\' && i + 1 < s.size())
          out += s[++i];
        else if (s[i] == '"')
          break;
      }
    }
  }
  return out;
}

std::string value_key(const ast::Operand& o, engine::FactType type) {
  engine::SchemaNode t;
  t.type = type;
  std::vector<Diagnostic> ignored;
  if (auto v = checks::parse_scalar(o, t, ignored)) return std::visit(ScalarKey{}, *v);
  return raw_key(o);
}

std::string value_key(const ast::Text& t, engine::FactType type) {
  ast::Operand o;
  o.kind = ast::Operand::Kind::string;
  o.text = t.value;
  o.span = t.span;
  return value_key(o, type);
}

std::string window_key(const ast::InForce& window) {
  std::string out;
  if (window.from) out += "from " + part(value_key(*window.from, engine::FactType::timestamp));
  if (window.until) out += " until " + part(value_key(*window.until, engine::FactType::timestamp));
  return out;
}

std::optional<std::string> window_text(const ast::InForce& window) {
  if (window.empty()) return std::nullopt;
  std::string out;
  if (window.from) out += "from " + window.from->text;
  if (window.until) out += (out.empty() ? "" : " ") + std::string("until ") + window.until->text;
  return out;
}

std::string version_spec_text(const ast::VersionSpec& spec) {
  if (spec.to) return spec.value.text + ".." + spec.to->text;
  if (spec.op == ast::CompareOp::eq) return spec.value.text;
  return std::string(ast::op_text(spec.op)) + " " + spec.value.text;
}

std::string version_spec_key(const ast::VersionSpec& spec, engine::FactType type) {
  std::string out =
      std::string(spec.to ? ".." : ast::op_text(spec.op)) + " " + part(value_key(spec.value, type));
  if (spec.to) out += " " + part(value_key(*spec.to, type));
  return out;
}

std::string sentence_text(const ast::Text& text) {
  std::string out = text.value;
  for (const auto& t : text.translations) out += " " + t.lang + " \"" + t.value + "\"";
  return out;
}

}  // namespace tekigo::dsl::diff
