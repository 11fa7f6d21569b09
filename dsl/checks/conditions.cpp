// dsl/checks: what a typed condition allows — see conditions.hpp.
#include "dsl/checks/conditions.hpp"

#include <algorithm>

namespace tekigo::dsl::checks {

namespace {

// More terms than this and the analysis gives up on the part (a disjunction of many `or`s
// multiplied out): it then allows everything, which is sound for "never holds".
constexpr std::size_t kMaxTerms = 64;

Disjunction gave_up() {
  Disjunction d = Disjunction::always();
  d.exact = false;
  return d;
}

bool same_operand(const ast::Operand& a, const ast::Operand& b) {
  if (a.kind != b.kind || a.text != b.text || a.items.size() != b.items.size()) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same_operand(a.items[i], b.items[i])) return false;
  return true;
}

Disjunction either(Disjunction a, const Disjunction& b) {
  a.exact = a.exact && b.exact;
  if (a.dropped.empty()) a.dropped = b.dropped;
  for (const auto& t : b.terms)
    if (!t.empty())
      a.terms.push_back(t);
    else if (a.dropped.empty())
      a.dropped = t.conflict();
  if (a.terms.size() > kMaxTerms) return gave_up();
  return a;
}

Disjunction opaque(const ast::Expr& e, bool holds) {
  Conjunction c;
  c.opaque.push_back({&e, holds});
  return Disjunction::of(std::move(c));
}

Disjunction presence(const ast::Expr& e, const std::string& path, unsigned allowed, bool holds) {
  Conjunction c;
  c.presence[path] = allowed;
  c.presence_from[path] = {{&e, holds}};
  return Disjunction::of(std::move(c));
}

Disjunction values(const ast::Expr& e, bool holds, const std::string& path, const KeyedLiteral& lit,
                   Values set) {
  Conjunction c = constrain(path, lit.view, lit.type, std::move(set));
  c.values.begin()->second.from = {{&e, holds}};
  return Disjunction::of(std::move(c));
}

// A comparison of one fact: holds for `set`, fails for the rest of what the fact can be
// (both need it present and readable as the type).
ConditionSets comparison(const ast::Expr& e, const std::string& path, const KeyedLiteral& lit,
                         const std::optional<Values>& set) {
  if (!set) return {opaque(e, true), opaque(e, false)};
  return {values(e, true, path, lit, *set),
          values(e, false, path, lit, complement(*set, lit.view))};
}

}  // namespace

Conjunction both(const Conjunction& a, const Conjunction& b) {
  Conjunction out = a;
  for (const auto& [key, c] : b.values) {
    auto [it, fresh] = out.values.emplace(key, c);
    if (fresh) continue;
    it->second.values = intersect(it->second.values, c.values);
    it->second.from.insert(it->second.from.end(), c.from.begin(), c.from.end());
  }
  for (const auto& [path, allowed] : b.presence) {
    auto [it, fresh] = out.presence.emplace(path, allowed);
    if (!fresh) it->second &= allowed;
  }
  for (const auto& [path, from] : b.presence_from) {
    auto& mine = out.presence_from[path];
    mine.insert(mine.end(), from.begin(), from.end());
  }
  out.opaque.insert(out.opaque.end(), b.opaque.begin(), b.opaque.end());
  return out;
}

std::string fact_key(std::uint32_t depth, const std::string& dotted) {
  return std::to_string(depth) + ":" + dotted;
}

std::string value_key(const std::string& fact, engine::FactType type) {
  return fact + "#" + std::string(engine::type_name(type));
}

Conjunction constrain(const std::string& path, View view, engine::FactType type, Values values) {
  Conjunction c;
  c.values.emplace(value_key(path, type),
                   Conjunction::Constraint{path, view, std::move(values), {}});
  return c;
}

std::vector<Part> Conjunction::conflict() const {
  // The parts, or a part without an expression for constraints no expression wrote (a
  // matrix row's `os` clause).
  auto parts = [](std::vector<Part> out) {
    return out.empty() ? std::vector<Part>{{nullptr, true}} : out;
  };
  auto said = [&](const std::string& path) {
    auto it = presence_from.find(path);
    return it == presence_from.end() ? std::vector<Part>{} : it->second;
  };
  for (const auto& [path, allowed] : presence)
    if (allowed == 0) return parts(said(path));
  for (const auto& [key, c] : values) {
    if (checks::empty(c.values)) return parts(c.from);
    // A value needs the fact present.
    auto p = presence.find(c.path);
    if (p != presence.end() && !(p->second & kPresent)) {
      std::vector<Part> out = said(c.path);
      out.insert(out.end(), c.from.begin(), c.from.end());
      return parts(out);
    }
  }
  // A sub-condition that must both hold and fail.
  for (std::size_t i = 0; i < opaque.size(); ++i)
    for (std::size_t j = i + 1; j < opaque.size(); ++j)
      if (opaque[i].second != opaque[j].second &&
          same_expression(*opaque[i].first, *opaque[j].first))
        return {opaque[i], opaque[j]};
  return {};
}

bool Disjunction::is_never() const {
  return std::all_of(terms.begin(), terms.end(), [](const Conjunction& c) { return c.empty(); });
}

std::vector<Part> Disjunction::why_never() const {
  for (const auto& t : terms)
    if (auto c = t.conflict(); !c.empty()) return c;
  return dropped;
}

Disjunction conjoin(const Disjunction& a, const Disjunction& b) {
  Disjunction out;
  out.exact = a.exact && b.exact;
  out.dropped = a.dropped.empty() ? b.dropped : a.dropped;
  for (const auto& x : a.terms)
    for (const auto& y : b.terms) {
      Conjunction m = both(x, y);
      if (!m.empty())
        out.terms.push_back(std::move(m));
      else if (out.dropped.empty())
        out.dropped = m.conflict();
      if (out.terms.size() > kMaxTerms) return gave_up();
    }
  return out;
}

bool implies(const Conjunction& a, const Conjunction& b) {
  if (a.empty()) return true;
  for (const auto& [key, c] : b.values) {
    auto it = a.values.find(key);
    if (it == a.values.end() || !subset_of(it->second.values, c.values)) return false;
  }
  for (const auto& [path, allowed] : b.presence) {
    unsigned mine = Conjunction::kPresent | Conjunction::kAbsent;
    if (auto it = a.presence.find(path); it != a.presence.end()) mine &= it->second;
    for (const auto& [key, c] : a.values)
      if (c.path == path) mine &= Conjunction::kPresent;
    if ((mine & ~allowed) != 0) return false;
  }
  for (const auto& [expr, holds] : b.opaque) {
    bool found = std::any_of(a.opaque.begin(), a.opaque.end(),
                             [&expr = expr, holds = holds](const auto& mine) {
                               return mine.second == holds && same_expression(*mine.first, *expr);
                             });
    if (!found) return false;
  }
  return true;
}

bool implies(const Disjunction& a, const Disjunction& b) {
  if (!b.exact) return false;
  return std::all_of(a.terms.begin(), a.terms.end(), [&](const Conjunction& x) {
    return x.empty() || std::any_of(b.terms.begin(), b.terms.end(),
                                    [&](const Conjunction& y) { return implies(x, y); });
  });
}

bool same_expression(const ast::Expr& a, const ast::Expr& b) {
  if (a.kind != b.kind || a.path.segments != b.path.segments || a.op != b.op ||
      a.pattern.value != b.pattern.value || !same_operand(a.rhs, b.rhs) ||
      a.children.size() != b.children.size())
    return false;
  for (std::size_t i = 0; i < a.children.size(); ++i)
    if (!same_expression(*a.children[i], *b.children[i])) return false;
  return true;
}

ConditionSets analyse(const TypedExpr& typed) {
  using K = ast::Expr::Kind;
  const ast::Expr& e = *typed.expr;
  switch (e.kind) {
    case K::and_:
    case K::or_: {
      ConditionSets out{Disjunction::always(), Disjunction::never()};
      if (e.kind == K::or_) std::swap(out.holds, out.fails);
      for (const auto& child : typed.children) {
        ConditionSets c = analyse(child);
        if (e.kind == K::and_) {
          out.holds = conjoin(out.holds, c.holds);
          out.fails = either(std::move(out.fails), c.fails);
        } else {
          out.holds = either(std::move(out.holds), c.holds);
          out.fails = conjoin(out.fails, c.fails);
        }
      }
      return out;
    }
    case K::not_: {
      ConditionSets c = analyse(typed.children.at(0));
      return {std::move(c.fails), std::move(c.holds)};
    }
    case K::any:
    case K::all:
    case K::none: {
      // Looked into only for what it makes impossible: `any L (P)` cannot hold when P
      // cannot hold for any element; `all L (P)` cannot fail when P cannot fail.
      ConditionSets body = analyse(typed.children.at(0));
      ConditionSets out{opaque(e, true), opaque(e, false)};
      auto never_because = [](const Disjunction& body_side) {
        Disjunction d = Disjunction::never();
        d.dropped = body_side.why_never();
        return d;
      };
      if (e.kind == K::any && body.holds.is_never()) out.holds = never_because(body.holds);
      if (e.kind == K::none && body.holds.is_never()) out.fails = never_because(body.holds);
      if (e.kind == K::all && body.fails.is_never()) out.fails = never_because(body.fails);
      return out;
    }
    default:
      break;
  }
  const std::string path = fact_key(typed.depth, e.path.dotted());
  switch (e.kind) {
    case K::is_present:
      return {presence(e, path, Conjunction::kPresent, true),
              presence(e, path, Conjunction::kAbsent, false)};
    case K::is_absent:
      return {presence(e, path, Conjunction::kAbsent, true),
              presence(e, path, Conjunction::kPresent, false)};
    case K::truth: {
      // A boolean fact on its own holds when it is true (an attested fact too).
      auto lit = keyed(engine::FactType::boolean, engine::Scalar{true});
      return comparison(e, path, *lit, values_where(engine::CompareOp::eq, *lit));
    }
    case K::compare:
    case K::in: {
      std::vector<KeyedLiteral> lits;
      for (const auto& v : typed.literal.values) {
        auto k = keyed(typed.fact ? typed.fact->type : typed.literal.type, v);
        if (!k) return {opaque(e, true), opaque(e, false)};
        lits.push_back(std::move(*k));
      }
      if (lits.empty() || std::any_of(lits.begin(), lits.end(), [&](const KeyedLiteral& k) {
            return k.type != lits.front().type;
          }))
        return {opaque(e, true), opaque(e, false)};
      auto set = typed.op == engine::CompareOp::in ? values_in(lits)
                                                   : values_where(typed.op, lits.front());
      return comparison(e, path, lits.front(), set);
    }
    default:
      return {opaque(e, true), opaque(e, false)};
  }
}

}  // namespace tekigo::dsl::checks
