// engine/eval: comparisons of a fact with a policy's literal, per fact type.
#include "engine/eval/compare.hpp"

#include <algorithm>

#include "engine/common/text.hpp"

namespace tekigo::engine {

namespace {

// Text facts compare ignoring ASCII case (whatever the C locale) and surrounding white space:
// platforms report names with trailing spaces ("Cisco AnyConnect Secure Mobility Client ")
// and in any case.
int compare_text(std::string_view a, std::string_view b) {
  a = trim(a);
  b = trim(b);
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const auto ca = static_cast<unsigned char>(ascii_lower(a[i]));
    const auto cb = static_cast<unsigned char>(ascii_lower(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

Tri from_order(int c, CompareOp op) {
  switch (op) {
    case CompareOp::eq:
    case CompareOp::in:
    case CompareOp::between:  // one bound at a time (compare_fact)
      return tri_of(c == 0);
    case CompareOp::ne:
      return tri_of(c != 0);
    case CompareOp::lt:
      return tri_of(c < 0);
    case CompareOp::le:
      return tri_of(c <= 0);
    case CompareOp::gt:
      return tri_of(c > 0);
    case CompareOp::ge:
      return tri_of(c >= 0);
  }
  return Tri::unknown;
}

template <typename T>
int order(const T& a, const T& b) {
  auto c = a <=> b;
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Versions compare against version lines: `== 6.2` holds for 6.2.0.1234, `<= 11` for
// 11.0.9600, `< 6.2` and `> 6.2` exclude the whole 6.2 line.
Tri compare_version(const Version& v, const Version& line, CompareOp op) {
  bool in = v.in_line(line);
  int c = order(v, line);
  switch (op) {
    case CompareOp::eq:
    case CompareOp::in:
    case CompareOp::between:  // one bound at a time (compare_fact)
      return tri_of(in);
    case CompareOp::ne:
      return tri_of(!in);
    case CompareOp::lt:
      return tri_of(c < 0 && !in);
    case CompareOp::le:
      return tri_of(c < 0 || in);
    case CompareOp::gt:
      return tri_of(c > 0 && !in);
    case CompareOp::ge:
      return tri_of(c >= 0 || in);
  }
  return Tri::unknown;
}

Tri compare_one(const FactValue& fact, FactType type, CompareOp op, const Scalar& lit) {
  switch (type) {
    case FactType::string:
    case FactType::enumeration:
      if (!fact.is_string() || !std::holds_alternative<std::string>(lit)) return Tri::unknown;
      return from_order(compare_text(fact.as_string(), std::get<std::string>(lit)), op);
    case FactType::integer:
    case FactType::port:
      if (fact.kind() != FactValue::Kind::integer || !std::holds_alternative<std::int64_t>(lit))
        return Tri::unknown;
      return from_order(order(fact.as_int(), std::get<std::int64_t>(lit)), op);
    case FactType::boolean:
      if (fact.kind() != FactValue::Kind::boolean || !std::holds_alternative<bool>(lit))
        return Tri::unknown;
      return from_order(fact.as_bool() == std::get<bool>(lit) ? 0 : 1,
                        op == CompareOp::ne ? op : CompareOp::eq);
    case FactType::version: {
      if (!fact.is_string() || !std::holds_alternative<Version>(lit)) return Tri::unknown;
      auto v = Version::parse(fact.as_string(), VersionScheme::dotted);
      if (!v) return Tri::unknown;
      return compare_version(*v, std::get<Version>(lit), op);
    }
    case FactType::release: {
      if (!fact.is_string() || !std::holds_alternative<Version>(lit)) return Tri::unknown;
      auto v = Version::parse(fact.as_string(), VersionScheme::windows_release);
      if (!v) return Tri::unknown;
      return from_order(order(*v, std::get<Version>(lit)), op);
    }
    case FactType::size:
      if (fact.kind() != FactValue::Kind::integer || fact.as_int() < 0 ||
          !std::holds_alternative<ByteSize>(lit))
        return Tri::unknown;
      return from_order(
          order(static_cast<std::uint64_t>(fact.as_int()), std::get<ByteSize>(lit).bytes), op);
    case FactType::address: {
      if (!fact.is_string() || !std::holds_alternative<IpAddress>(lit)) return Tri::unknown;
      auto a = IpAddress::parse(fact.as_string());
      if (!a) return Tri::unknown;
      return from_order(order(*a, std::get<IpAddress>(lit)), op);
    }
    case FactType::fqdn: {
      if (!fact.is_string() || !std::holds_alternative<Fqdn>(lit)) return Tri::unknown;
      auto o = Fqdn::order_text(fact.as_string(), std::get<Fqdn>(lit));
      if (!o) return Tri::unknown;
      return from_order(*o, op);
    }
    case FactType::timestamp: {
      if (!fact.is_string() || !std::holds_alternative<Date>(lit)) return Tri::unknown;
      auto t = Timestamp::parse(fact.as_string());
      if (!t) return Tri::unknown;
      return from_order(order(t->local_date(), std::get<Date>(lit)),
                        op);  // the date where it was written
    }
    case FactType::date: {
      if (!fact.is_string() || !std::holds_alternative<Date>(lit)) return Tri::unknown;
      auto d = Date::parse(fact.as_string());
      if (!d) return Tri::unknown;
      return from_order(order(*d, std::get<Date>(lit)), op);
    }
    case FactType::scalar:
      if (std::holds_alternative<bool>(lit)) return compare_one(fact, FactType::boolean, op, lit);
      if (std::holds_alternative<std::int64_t>(lit))
        return compare_one(fact, FactType::integer, op, lit);
      if (std::holds_alternative<std::string>(lit))
        return compare_one(fact, FactType::string, op, lit);
      return Tri::unknown;
    case FactType::list:
    case FactType::map:
      return Tri::unknown;
  }
  return Tri::unknown;
}

}  // namespace

Tri compare_fact(const FactValue& fact, const Node& n) {
  if (n.op == CompareOp::between) {
    if (n.literal.values.size() != 2) return Tri::unknown;
    Tri low = compare_one(fact, n.type, CompareOp::ge, n.literal.values[0]);
    Tri high = compare_one(fact, n.type, CompareOp::le, n.literal.values[1]);
    if (low == Tri::no || high == Tri::no) return Tri::no;
    return low == Tri::yes && high == Tri::yes ? Tri::yes : Tri::unknown;
  }
  if (n.op != CompareOp::in) {
    if (n.literal.values.empty()) return Tri::unknown;
    return compare_one(fact, n.type, n.op, n.literal.values.front());
  }
  Tri result = Tri::no;
  for (const auto& v : n.literal.values) {
    Tri t = compare_one(fact, n.type, CompareOp::eq, v);
    if (t == Tri::yes) return Tri::yes;
    if (t == Tri::unknown) result = Tri::unknown;
  }
  return result;
}

Tri compare_fact_with(const FactValue& fact, const Node& n, const Scalar& value) {
  return compare_one(fact, n.type, n.op, value);
}

}  // namespace tekigo::engine
