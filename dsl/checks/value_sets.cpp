// dsl/checks: sets of fact values — see value_sets.hpp.
#include "dsl/checks/value_sets.hpp"

#include <algorithm>
#include <limits>

#include "engine/common/text.hpp"

namespace tekigo::dsl::checks {

int compare_keys(const Key& a, const Key& b) {
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t x = i < a.size() ? a[i] : 0;
    const std::uint64_t y = i < b.size() ? b[i] : 0;
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

int compare_bounds(const Bound& a, const Bound& b) {
  if (a.kind != b.kind || a.kind != Bound::Kind::at)
    return a.kind == b.kind ? 0 : (static_cast<int>(a.kind) < static_cast<int>(b.kind) ? -1 : 1);
  return compare_keys(a.key, b.key);
}

// ---- ValueSet ---------------------------------------------------------------------------

ValueSet ValueSet::range(Bound lo, Bound hi) {
  ValueSet s;
  if (compare_bounds(lo, hi) < 0) s.intervals_.push_back({std::move(lo), std::move(hi)});
  return s;
}

ValueSet ValueSet::intersect(const ValueSet& other) const {
  ValueSet out;
  std::size_t i = 0, j = 0;
  while (i < intervals_.size() && j < other.intervals_.size()) {
    const Interval& a = intervals_[i];
    const Interval& b = other.intervals_[j];
    const Bound& lo = compare_bounds(a.lo, b.lo) >= 0 ? a.lo : b.lo;
    const Bound& hi = compare_bounds(a.hi, b.hi) <= 0 ? a.hi : b.hi;
    if (compare_bounds(lo, hi) < 0) out.intervals_.push_back({lo, hi});
    if (compare_bounds(a.hi, b.hi) < 0)
      ++i;
    else
      ++j;
  }
  return out;
}

ValueSet ValueSet::unite(const ValueSet& other) const {
  std::vector<Interval> all = intervals_;
  all.insert(all.end(), other.intervals_.begin(), other.intervals_.end());
  std::sort(all.begin(), all.end(),
            [](const Interval& a, const Interval& b) { return compare_bounds(a.lo, b.lo) < 0; });
  ValueSet out;
  for (auto& iv : all) {
    if (!out.intervals_.empty() && compare_bounds(iv.lo, out.intervals_.back().hi) <= 0) {
      if (compare_bounds(iv.hi, out.intervals_.back().hi) > 0) out.intervals_.back().hi = iv.hi;
    } else {
      out.intervals_.push_back(iv);
    }
  }
  return out;
}

ValueSet ValueSet::complement() const {
  ValueSet out;
  Bound from = Bound::below_all();
  for (const auto& iv : intervals_) {
    if (compare_bounds(from, iv.lo) < 0) out.intervals_.push_back({from, iv.lo});
    from = iv.hi;
  }
  if (compare_bounds(from, Bound::above_all()) < 0)
    out.intervals_.push_back({from, Bound::above_all()});
  return out;
}

bool ValueSet::subset_of(const ValueSet& other) const {
  return intersect(other.complement()).empty();
}

// ---- TextSet ----------------------------------------------------------------------------

std::string TextSet::normal(std::string_view text) {
  return engine::ascii_lower(engine::trim(text));
}

namespace {

std::set<std::string> set_and(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}
std::set<std::string> set_or(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out = a;
  out.insert(b.begin(), b.end());
  return out;
}
std::set<std::string> set_minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::set<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
  return out;
}

}  // namespace

TextSet TextSet::intersect(const TextSet& o) const {
  if (all_but_ && o.all_but_) return TextSet(true, set_or(texts_, o.texts_));
  if (all_but_) return TextSet(false, set_minus(o.texts_, texts_));
  if (o.all_but_) return TextSet(false, set_minus(texts_, o.texts_));
  return TextSet(false, set_and(texts_, o.texts_));
}

TextSet TextSet::unite(const TextSet& o) const {
  if (all_but_ && o.all_but_) return TextSet(true, set_and(texts_, o.texts_));
  if (all_but_) return TextSet(true, set_minus(texts_, o.texts_));
  if (o.all_but_) return TextSet(true, set_minus(o.texts_, texts_));
  return TextSet(false, set_or(texts_, o.texts_));
}

TextSet TextSet::complement() const {
  return TextSet(!all_but_, texts_);
}

bool TextSet::subset_of(const TextSet& o) const {
  return intersect(o.complement()).empty();
}

bool TextSet::contains(const std::string& normal_text) const {
  return texts_.count(normal_text) ? !all_but_ : all_but_;
}

// ---- literals ---------------------------------------------------------------------------

std::optional<KeyedLiteral> keyed(engine::FactType type, const engine::Scalar& value) {
  using T = engine::FactType;
  switch (type) {
    case T::string:
    case T::enumeration:
      if (const auto* s = std::get_if<std::string>(&value))
        return KeyedLiteral{View::text, type, std::nullopt, TextSet::normal(*s)};
      return std::nullopt;
    case T::integer:
    case T::port:
      if (const auto* i = std::get_if<std::int64_t>(&value))
        // The sign bit flipped: signed order as unsigned keys.
        return KeyedLiteral{View::ordered,
                            type,
                            Key{static_cast<std::uint64_t>(*i) ^ (std::uint64_t{1} << 63)},
                            {}};
      return std::nullopt;
    case T::boolean:
      if (const auto* b = std::get_if<bool>(&value))
        return KeyedLiteral{View::boolean, type, Key{*b ? 1u : 0u}, {}};
      return std::nullopt;
    case T::version:
    case T::release:
      if (const auto* v = std::get_if<engine::Version>(&value))
        return KeyedLiteral{View::ordered, type, Key(v->parts().begin(), v->parts().end()), {}};
      return std::nullopt;
    case T::size:
      if (const auto* s = std::get_if<engine::ByteSize>(&value))
        return KeyedLiteral{View::ordered, type, Key{s->bytes}, {}};
      return std::nullopt;
    case T::timestamp:
    case T::date:  // the check date `today`: one day, as a timestamp is judged
      if (const auto* d = std::get_if<engine::Date>(&value)) {
        if (d->year < 0) return std::nullopt;
        return KeyedLiteral{
            View::ordered,
            type,
            Key{static_cast<std::uint64_t>(d->year), static_cast<std::uint64_t>(d->month),
                static_cast<std::uint64_t>(d->day)},
            {}};
      }
      return std::nullopt;
    case T::scalar:  // an attested fact: the literal's kind types the comparison
      if (std::holds_alternative<bool>(value)) return keyed(T::boolean, value);
      if (std::holds_alternative<std::int64_t>(value)) return keyed(T::integer, value);
      if (std::holds_alternative<std::string>(value)) return keyed(T::string, value);
      return std::nullopt;
    case T::address:
    case T::fqdn:
    case T::list:
    case T::map:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<ValueSet> version_line(const Key& line) {
  if (line.empty() || line.back() == std::numeric_limits<std::uint64_t>::max()) return std::nullopt;
  Key next = line;
  ++next.back();
  return ValueSet::range(Bound::at(line), Bound::at(std::move(next)));
}

Values all_values(View view) {
  switch (view) {
    case View::ordered:
      return ValueSet::all();
    case View::boolean:
      return ValueSet::range(Bound::at({0}), Bound::at({2}));
    case View::text:
      return TextSet::all();
  }
  return ValueSet::all();
}

std::optional<Values> values_where(engine::CompareOp op, const KeyedLiteral& literal) {
  using Op = engine::CompareOp;
  if (literal.view == View::text) {
    if (op == Op::eq || op == Op::in) return TextSet::only({literal.text});
    if (op == Op::ne) return TextSet::all_but({literal.text});
    return std::nullopt;  // an ordering of text: not reasoned about
  }
  if (literal.view == View::boolean && op != Op::ne) op = Op::eq;  // as compare.cpp judges it
  // Each value of an ordered type is the interval from its key to the key's successor: a
  // version line (every 6.2.x for 6.2), one release, one integer, one day.
  const auto point = version_line(*literal.key);
  if (!point) return std::nullopt;
  const Bound& at = point->intervals().front().lo;
  const Bound& next = point->intervals().front().hi;
  ValueSet set;
  switch (op) {
    case Op::eq:
    case Op::in:
      set = *point;
      break;
    case Op::ne:
      set = point->complement();
      break;
    case Op::lt:
      set = ValueSet::range(Bound::below_all(), at);
      break;
    case Op::le:
      set = ValueSet::range(Bound::below_all(), next);
      break;
    case Op::gt:
      set = ValueSet::range(next, Bound::above_all());
      break;
    case Op::ge:
      set = ValueSet::range(at, Bound::above_all());
      break;
    case Op::between:  // an os range: its two ends are not one literal; not reasoned about
      return std::nullopt;
  }
  if (literal.view == View::boolean)
    set = set.intersect(std::get<ValueSet>(all_values(View::boolean)));
  return set;
}

std::optional<Values> values_in(const std::vector<KeyedLiteral>& literals) {
  if (literals.empty()) return std::nullopt;
  std::optional<Values> out;
  for (const auto& l : literals) {
    auto v = values_where(engine::CompareOp::eq, l);
    if (!v || (out && out->index() != v->index())) return std::nullopt;
    out = out ? unite(*out, *v) : *v;
  }
  return out;
}

Values intersect(const Values& a, const Values& b) {
  if (a.index() != b.index()) return ValueSet::none();  // not reached: one view per key
  if (const auto* x = std::get_if<ValueSet>(&a)) return x->intersect(std::get<ValueSet>(b));
  return std::get<TextSet>(a).intersect(std::get<TextSet>(b));
}

Values unite(const Values& a, const Values& b) {
  if (const auto* x = std::get_if<ValueSet>(&a)) return x->unite(std::get<ValueSet>(b));
  return std::get<TextSet>(a).unite(std::get<TextSet>(b));
}

Values complement(const Values& a, View view) {
  if (const auto* x = std::get_if<ValueSet>(&a))
    return x->complement().intersect(std::get<ValueSet>(all_values(view)));
  return std::get<TextSet>(a).complement();
}

bool empty(const Values& a) {
  if (const auto* x = std::get_if<ValueSet>(&a)) return x->empty();
  return std::get<TextSet>(a).empty();
}

bool subset_of(const Values& a, const Values& b) {
  if (a.index() != b.index()) return false;
  if (const auto* x = std::get_if<ValueSet>(&a)) return x->subset_of(std::get<ValueSet>(b));
  return std::get<TextSet>(a).subset_of(std::get<TextSet>(b));
}

}  // namespace tekigo::dsl::checks
