// dsl/checks: sets of fact values, as the lints reason about them (conditions.hpp, the matrix
// lints). A comparison of a fact with a literal holds for a set of values of that fact; these
// types hold such sets exactly, so that "no value satisfies both" and "every value that
// satisfies this satisfies that" are decided, not guessed.
//   ValueSet over an ordered type: a union of half-open intervals [lo, hi) of keys. A key is
//     the value as a list of numbers compared one by one, a missing number counting as 0 —
//     as engine/values/version.hpp orders versions, so a version line is the interval from
//     the line to its successor (`== 6.2` is [6.2, 6.3)), as engine/eval/compare.cpp judges
//     it. Integers, ports, sizes, Windows releases, dates and booleans are keys of their own.
//   TextSet over text and words: finitely many texts, or all but finitely many, compared as
//     engine/eval/compare.cpp compares text (without ASCII case and surrounding white space).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/eval/graph.hpp"

namespace tekigo::dsl::checks {

using Key = std::vector<std::uint64_t>;

// -1, 0 or 1; missing numbers count as 0 (10.13 == 10.13.0).
int compare_keys(const Key& a, const Key& b);

// An end of an interval: below every key, at a key, or above every key.
struct Bound {
  enum class Kind { below_all, at, above_all };
  Kind kind = Kind::at;
  Key key;
  static Bound below_all() { return {Kind::below_all, {}}; }
  static Bound above_all() { return {Kind::above_all, {}}; }
  static Bound at(Key k) { return {Kind::at, std::move(k)}; }
};
int compare_bounds(const Bound& a, const Bound& b);

class ValueSet {
 public:
  struct Interval {
    Bound lo, hi;  // lo included, hi excluded; lo < hi
  };
  static ValueSet none() { return {}; }
  static ValueSet all() { return range(Bound::below_all(), Bound::above_all()); }
  static ValueSet range(Bound lo, Bound hi);  // [lo, hi); empty when lo >= hi

  bool empty() const { return intervals_.empty(); }
  ValueSet intersect(const ValueSet& other) const;
  ValueSet unite(const ValueSet& other) const;
  ValueSet complement() const;  // within all()
  bool subset_of(const ValueSet& other) const;
  bool intersects(const ValueSet& other) const { return !intersect(other).empty(); }
  const std::vector<Interval>& intervals() const { return intervals_; }

 private:
  std::vector<Interval> intervals_;  // sorted, disjoint, not touching
};

class TextSet {
 public:
  static TextSet none() { return {}; }
  static TextSet all() { return TextSet(true, {}); }
  static TextSet only(std::set<std::string> texts) { return TextSet(false, std::move(texts)); }
  static TextSet all_but(std::set<std::string> texts) { return TextSet(true, std::move(texts)); }
  // A text as the comparison sees it: without surrounding white space, in ASCII lower case.
  static std::string normal(std::string_view text);

  bool empty() const { return !all_but_ && texts_.empty(); }
  TextSet intersect(const TextSet& other) const;
  TextSet unite(const TextSet& other) const;
  TextSet complement() const;
  bool subset_of(const TextSet& other) const;
  bool contains(const std::string& normal_text) const;

 private:
  TextSet() = default;
  TextSet(bool all_but, std::set<std::string> texts)
      : all_but_(all_but), texts_(std::move(texts)) {}
  bool all_but_ = false;         // true: every text except texts_; false: exactly texts_
  std::set<std::string> texts_;  // normal forms
};

// The values of one fact as one type reads them. A fact is read as one type by every
// comparison on it, except an attested fact (type `scalar`), which each literal types.
enum class View { ordered, boolean, text };

// How a comparison of `type` with the literal `value` reads the fact, and the key of the
// literal; nullopt for what the lints do not reason about (addresses, host names, lists).
struct KeyedLiteral {
  View view;
  engine::FactType type;   // the type the comparison uses (a scalar's literal decides)
  std::optional<Key> key;  // ordered and boolean views
  std::string text;        // text view: normal form
};
std::optional<KeyedLiteral> keyed(engine::FactType type, const engine::Scalar& value);

// The set of values for which `fact op literal` holds; nullopt when it is not one the lints
// can state (an ordering of text, a key at the top of its range).
using Values = std::variant<ValueSet, TextSet>;
std::optional<Values> values_where(engine::CompareOp op, const KeyedLiteral& literal);
// `in [a, b, …]`: the union of the `==` sets.
std::optional<Values> values_in(const std::vector<KeyedLiteral>& literals);

// Every value the view can hold: booleans are 0 and 1, text anything.
Values all_values(View view);
Values intersect(const Values& a, const Values& b);
Values unite(const Values& a, const Values& b);
Values complement(const Values& a, View view);  // within all_values(view)
bool empty(const Values& a);
bool subset_of(const Values& a, const Values& b);

// The version line `line` as keys: [line, line with its last number + 1); nullopt when that
// number is already the largest.
std::optional<ValueSet> version_line(const Key& line);

}  // namespace tekigo::dsl::checks
