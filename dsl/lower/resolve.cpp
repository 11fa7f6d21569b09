// dsl/lower: `resolve` — a host name must resolve on the terminal (docs/language.md,
// "resolve"). It reads the `dns` list; the decision list: `unknown` when there is no entry
// for the name, `fail` when it resolves only through the proxy (with `direct`), `pass` when
// it does (without `direct`: only the proxy knows its address), `fail` when it does not
// resolve, `pass` when it resolves to a documented address; otherwise `warn`
// (other addresses) or `pass` (no address documented). The name goes into the collection
// plan. E0304 (no `name`), E0202 (a malformed host name).
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

bool lower_resolve(const ast::Rule& r, const NoteScope&, engine::Rule& out, Lowering& l) {
  if (!r.name) {
    l.error(codes::E0304, fmt::format("resolve `{}` names no host", r.id.value), r.id.span,
            "add `name sec.ccr.ncc.go.jp`");
    return false;
  }
  auto host = engine::Fqdn::parse(r.name->value);
  if (!host) {
    l.error(codes::E0202, fmt::format("malformed host name `{}`", r.name->value), r.name->span);
    return false;
  }
  const SchemaNode& dns = *engine::fact_schema().field("dns")->element;
  bool ok = true;
  engine::Literal documented;
  documented.type = FactType::address;
  std::vector<std::string> texts;
  for (const auto& a : r.addresses) {
    auto literal = l.typing.literal(a, *dns.field("addresses")->element);
    if (!literal) {
      ok = false;
      continue;
    }
    documented.values.push_back(literal->values.front());
    texts.push_back(a.text);
  }
  if (!ok) return false;
  documented.text = engine::join(texts, ", ");
  std::string documented_set = "[" + documented.text + "]";
  Span at = r.name->span;
  std::string name = host->text();
  want_name(l.plan, name);
  NodeId list = l.root_fact({"dns"}, at);
  NodeId is_name = l.compare(l.element_fact(1, dns, "name", at), engine::CompareOp::eq,
                             literal_of(FactType::fqdn, *host, name), at);
  auto about = [&](std::vector<NodeId> extra, std::string text) {
    extra.insert(extra.begin(), is_name);
    NodeId predicate = l.builder.all_of(extra, text);
    return l.builder.exists(list, predicate, text, l.ref(at));
  };
  NodeId source = l.element_fact(1, dns, "source", at);
  auto source_is = [&](const char* s) {
    return l.compare(source, engine::CompareOp::eq,
                     literal_of(FactType::enumeration, std::string(s), s), at);
  };
  engine::Case k;
  k.where = l.ref(r.span);
  k.when = l.builder.negate(about({}, "name == " + name), "no entry for " + name);
  k.status = engine::Status::unknown;
  k.label = "no dns entry for " + name;
  k.message = engine::phrase(engine::Phrase::dns_not_looked_up, name);
  out.cases.push_back(k);
  NodeId addresses_list = l.element_fact(1, dns, "addresses", at);
  if (r.direct) {
    k.when = about({source_is("proxy")}, fmt::format("name == {} and source == proxy", name));
    k.status = engine::Status::fail;
    k.label = name + " resolves only through the proxy";
    k.message = engine::phrase(engine::Phrase::dns_only_proxy, name);
    out.cases.push_back(k);
  }
  if (!r.direct) {
    // Through the proxy the name resolves for what goes through the proxy (web access);
    // the terminal does not learn the address, so there is none to compare.
    k.when = about({source_is("proxy"), l.builder.empty(addresses_list, "addresses is empty")},
                   fmt::format("name == {} and source == proxy and addresses is empty", name));
    k.status = engine::Status::pass;
    k.label = name + " resolves through the proxy";
    k.message = fmt::format(
        "`{}` resolves through the proxy (web access through the proxy works; the terminal does "
        "not see the address)",
        name);
    out.cases.push_back(k);
  }
  NodeId none =
      l.builder.any_of({source_is("none"), l.builder.empty(addresses_list, "addresses is empty")},
                       "source == none or addresses is empty");
  k.when = about({none}, fmt::format("name == {} and does not resolve", name));
  k.status = engine::Status::fail;
  k.label = name + " does not resolve";
  k.message = engine::phrase(engine::Phrase::dns_no_resolve, name);
  out.cases.push_back(k);
  if (!documented.values.empty()) {
    NodeId element = l.builder.fact(2, {}, FactType::address, l.ref(at));
    engine::Literal set = documented;
    set.text = documented_set;
    NodeId matches =
        l.builder.compare(element, engine::CompareOp::in, set, "address in " + documented_set);
    NodeId has_documented =
        l.builder.exists(addresses_list, matches, "address in [" + documented.text + "]");
    k.when = about({has_documented}, fmt::format("{} resolves to {}", name, documented.text));
    k.status = engine::Status::pass;
    k.label = fmt::format("{} resolves to {}", name, documented.text);
    k.message = engine::phrase(engine::Phrase::dns_documented, name, documented.text);
    out.cases.push_back(k);
    out.otherwise_explain.push_back(
        about({l.builder.negate(has_documented, "other addresses than " + documented_set)},
              fmt::format("{} resolves to other addresses", name)));
    out.otherwise.status = engine::Status::warn;
    out.otherwise.message =
        engine::phrase(engine::Phrase::dns_other_addresses, name, documented.text);
    out.otherwise.expected = documented.text;
  } else {
    out.otherwise.status = engine::Status::pass;
    out.otherwise.message = engine::phrase(engine::Phrase::dns_resolves, name);
  }
  return true;
}

}  // namespace tekigo::dsl::lower
