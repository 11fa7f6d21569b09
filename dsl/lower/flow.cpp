// dsl/lower: `flow` — outbound traffic from the terminal must pass (docs/language.md,
// "flow"). Every protocol × port is one probe of the collection plan, matched against the
// `reach` list; the decision list: `fail` for each probe whose entry is closed or filtered,
// then `unknown` for each probe with no open entry, `otherwise pass`. E0305 (no `to`, `port`
// or `protocol`), E0306 (a direction other than `out`), E0204 (unknown protocol), E0202.
#include <fmt/format.h>

#include <algorithm>

#include "dsl/lower/collection_plan.hpp"
#include "dsl/lower/lowering.hpp"
#include "engine/common/text.hpp"
#include "engine/eval/explanations.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::lower {

using engine::FactType;
using engine::NodeId;
using engine::SchemaNode;

bool lower_flow(const ast::Rule& r, const NoteScope&, engine::Rule& out, Lowering& l) {
  bool ok = true;
  if (!r.to) {
    l.error(codes::E0305, fmt::format("flow `{}` has no destination", r.id.value), r.id.span,
            "add `to HOST`");
    return false;
  }
  auto host = engine::Fqdn::parse(r.to->value);
  if (!host) {
    l.error(codes::E0202, fmt::format("malformed host name `{}`", r.to->value), r.to->span);
    return false;
  }
  if (r.ports.empty()) {
    l.error(codes::E0305, fmt::format("flow `{}` has no destination port", r.id.value), r.id.span,
            "add `port 443`");
    return false;
  }
  if (r.protocols.empty()) {
    l.error(codes::E0305, fmt::format("flow `{}` names no protocol", r.id.value), r.id.span,
            "add `protocol tcp` or `protocol tcp, udp`");
    return false;
  }
  if (r.direction && engine::ascii_lower(r.direction->value) != "out") {
    l.error(codes::E0306,
            fmt::format("direction `{}` cannot be probed from the terminal", r.direction->value),
            r.direction->span, "only `direction out` (from the terminal) is supported");
    ok = false;
  }
  const SchemaNode& reach = *engine::fact_schema().field("reach")->element;
  std::vector<std::pair<std::string, std::int64_t>> probes;
  for (const auto& p : r.protocols) {
    std::string proto = engine::ascii_lower(p.value);
    if (proto != "tcp" && proto != "udp") {
      l.error(codes::E0204, fmt::format("unknown protocol `{}`", p.value), p.span,
              "expected tcp or udp");
      ok = false;
      continue;
    }
    for (const auto& port : r.ports) {
      auto literal = l.typing.literal(port, *reach.field("port"));
      if (!literal) {
        ok = false;
        continue;
      }
      probes.emplace_back(proto, std::get<std::int64_t>(literal->values.front()));
    }
  }
  for (const auto& a : r.addresses)
    if (!engine::IpAddress::parse(a.text)) {
      l.error(codes::E0202, fmt::format("malformed address `{}`", a.text), a.span);
      ok = false;
    }
  if (!ok) return false;
  Span at = r.to->span;
  std::string name = host->text();
  want_name(l.plan, name);
  for (const auto& [proto, port] : probes) {
    engine::ProbeTarget target{name, proto, static_cast<std::uint16_t>(port), {}, r.id.value};
    for (const auto& a : r.addresses)
      target.documented_addresses.push_back(engine::IpAddress::parse(a.text)->text());
    want_probe(l.plan, std::move(target));
  }
  NodeId list = l.root_fact({"reach"}, at);
  std::vector<engine::Case> blocked, unprobed;
  std::vector<std::string> all;
  for (const auto& [proto, port] : probes) {
    std::string what = fmt::format("{}/{}", proto, port);
    all.push_back(what);
    std::vector<NodeId> match = {
        l.compare(l.element_fact(1, reach, "host", at), engine::CompareOp::eq,
                  literal_of(FactType::fqdn, *host, name), at),
        l.compare(l.element_fact(1, reach, "protocol", at), engine::CompareOp::eq,
                  literal_of(FactType::enumeration, proto, proto), at),
        l.compare(l.element_fact(1, reach, "port", at), engine::CompareOp::eq,
                  literal_of(FactType::port, port, std::to_string(port)), at),
    };
    NodeId state = l.element_fact(1, reach, "state", at);
    engine::Literal bad;
    bad.type = FactType::enumeration;
    bad.values = {std::string("closed"), std::string("filtered")};
    bad.text = "[closed, filtered]";
    auto with = [&](NodeId extra, std::string text) {
      std::vector<NodeId> parts = match;
      parts.push_back(extra);
      return l.builder.exists(list, l.builder.all_of(parts, text), text, l.ref(at));
    };
    engine::Case k;
    k.where = l.ref(r.span);
    k.when =
        with(l.builder.compare(state, engine::CompareOp::in, bad, "state in [closed, filtered]"),
             fmt::format("{} to {} closed or filtered", what, name));
    k.status = engine::Status::fail;
    k.label = fmt::format("{} to {} blocked", what, name);
    k.message = engine::phrase(engine::Phrase::flow_blocked, what, name);
    blocked.push_back(k);
    NodeId open =
        with(l.compare(state, engine::CompareOp::eq,
                       literal_of(FactType::enumeration, std::string("open"), "open"), at),
             fmt::format("{} to {} open", what, name));
    k.when = l.builder.negate(open);
    k.explain = open;
    k.status = engine::Status::unknown;
    k.label = fmt::format("{} to {} not probed", what, name);
    k.message = engine::phrase(engine::Phrase::flow_not_probed, what, name);
    unprobed.push_back(k);
  }
  for (auto& k : blocked) out.cases.push_back(std::move(k));
  for (auto& k : unprobed) out.cases.push_back(std::move(k));
  out.otherwise.status = engine::Status::pass;
  out.otherwise.message =
      r.purpose ? engine::phrase(engine::Phrase::flow_passes_purpose, engine::join(all, ", "), name,
                                 l.local(r.purpose))
                : engine::phrase(engine::Phrase::flow_passes, engine::join(all, ", "), name);
  return true;
}

}  // namespace tekigo::dsl::lower
