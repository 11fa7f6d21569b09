// dsl/diff: resolve and flow rules — names, addresses, hosts and ports (rule_comparison.hpp).
#include <optional>

#include "dsl/diff/rule_comparison.hpp"

namespace tekigo::dsl::diff {

using engine::FactType;

std::optional<Member> RuleComparison::host(const std::optional<ast::Text>& h) {
  if (!h) return std::nullopt;
  return Member{value_key(*h, FactType::fqdn), h->value};
}

std::vector<Member> RuleComparison::operands(const std::vector<ast::Operand>& v, FactType type) {
  std::vector<Member> out;
  for (const auto& o : v) out.push_back({value_key(o, type), o.text});
  return out;
}

void RuleComparison::resolve() {
  const Target t;
  value(ChangeKind::name, t, host(ra_.name), host(rb_.name));
  set(ChangeKind::address, t, operands(ra_.addresses, FactType::address),
      operands(rb_.addresses, FactType::address));
  if (ra_.direct != rb_.direct)
    add(ChangeKind::direct, t, ra_.direct ? "yes" : "no", rb_.direct ? "yes" : "no");
}

void RuleComparison::flow() {
  const Target t;
  auto words = [](const std::vector<ast::Text>& v) {
    std::vector<Member> out;
    for (const auto& w : v) out.push_back({value_key(w, FactType::string), w.value});
    return out;
  };
  set(ChangeKind::protocol, t, words(ra_.protocols), words(rb_.protocols));
  auto direction = [](const ast::Rule& r) {  // `out` when not written (the only one there is)
    return r.direction ? Member{value_key(*r.direction, FactType::string), r.direction->value}
                       : Member{"t:out", "out"};
  };
  value(ChangeKind::direction, t, direction(ra_), direction(rb_));
  auto from = [](const ast::Rule& r) {
    return r.from_port
               ? Member{value_key(*r.from_port, FactType::port), "port " + r.from_port->text}
               : Member{"any", "any"};
  };
  value(ChangeKind::from_port, t, from(ra_), from(rb_));
  value(ChangeKind::to, t, host(ra_.to), host(rb_.to));
  set(ChangeKind::port, t, operands(ra_.ports, FactType::port),
      operands(rb_.ports, FactType::port));
  set(ChangeKind::address, t, operands(ra_.addresses, FactType::address),
      operands(rb_.addresses, FactType::address));
  message(ChangeKind::purpose, t, ra_.purpose, rb_.purpose);
}

}  // namespace tekigo::dsl::diff
