// tests/dsl/checks: sets of fact values — intervals of keys as the engine orders versions,
// releases and integers, and sets of texts as it compares them.
#include <catch2/catch.hpp>

#include "dsl/checks/value_sets.hpp"
#include "engine/values/version.hpp"

using namespace tekigo;
using dsl::checks::Bound;
using dsl::checks::Key;
using dsl::checks::KeyedLiteral;
using dsl::checks::TextSet;
using dsl::checks::ValueSet;
using dsl::checks::View;
using engine::CompareOp;
using engine::FactType;

namespace {

KeyedLiteral version(std::string_view text) {
  auto v = engine::Version::parse_dotted_strict(text);
  REQUIRE(v);
  auto k = dsl::checks::keyed(FactType::version, engine::Scalar{*v});
  REQUIRE(k);
  return *k;
}

KeyedLiteral release(std::string_view text) {
  auto v = engine::Version::parse(text, engine::VersionScheme::windows_release);
  REQUIRE(v);
  return *dsl::checks::keyed(FactType::release, engine::Scalar{*v});
}

ValueSet where(CompareOp op, const KeyedLiteral& lit) {
  auto set = dsl::checks::values_where(op, lit);
  REQUIRE(set);
  return std::get<ValueSet>(*set);
}

bool holds_for(const ValueSet& set, std::string_view v) {
  return !set.intersect(where(CompareOp::eq, version(v))).empty();
}

}  // namespace

TEST_CASE("value sets: keys compare with missing numbers as 0", "[dsl][lints]") {
  CHECK(dsl::checks::compare_keys({10, 13}, {10, 13, 0}) == 0);
  CHECK(dsl::checks::compare_keys({10, 13}, {10, 13, 6}) < 0);
  CHECK(dsl::checks::compare_keys({4, 10}, {4, 9}) > 0);
  CHECK(dsl::checks::compare_bounds(Bound::below_all(), Bound::at({0})) < 0);
  CHECK(dsl::checks::compare_bounds(Bound::above_all(), Bound::at({~0ull})) > 0);
}

TEST_CASE("value sets: a version literal is its version line, as compare.cpp judges it",
          "[dsl][lints]") {
  // `== 6.2` holds for 6.2.0.1234, not for 6.20; `< 6.2` and `> 6.2` exclude the whole line.
  const ValueSet eq = where(CompareOp::eq, version("6.2"));
  CHECK(eq.subset_of(where(CompareOp::eq, version("6"))));
  CHECK_FALSE(where(CompareOp::eq, version("6")).subset_of(eq));
  CHECK(eq.intersects(where(CompareOp::eq, version("6.2.0"))));  // 6.2.0.x is in both
  CHECK_FALSE(eq.intersects(where(CompareOp::eq, version("6.20"))));
  CHECK_FALSE(eq.intersects(where(CompareOp::lt, version("6.2"))));
  CHECK_FALSE(eq.intersects(where(CompareOp::gt, version("6.2"))));
  CHECK(eq.subset_of(where(CompareOp::le, version("6.2"))));
  CHECK(eq.subset_of(where(CompareOp::ge, version("6.2"))));
  CHECK(where(CompareOp::eq, version("6.x")).subset_of(where(CompareOp::eq, version("6"))));
  // 10 and 10.0 are one line (10.0.19045 is in both): never a contradiction.
  CHECK(where(CompareOp::eq, version("10")).intersects(where(CompareOp::eq, version("10.0"))));
  CHECK_FALSE(where(CompareOp::eq, version("10")).intersects(where(CompareOp::eq, version("11"))));
  // `!= 10` leaves 9.x and 11.x.
  const ValueSet ne = where(CompareOp::ne, version("10"));
  CHECK(holds_for(ne, "9.1"));
  CHECK(holds_for(ne, "11"));
  CHECK_FALSE(holds_for(ne, "10.0.1"));
  CHECK(ne.complement().subset_of(where(CompareOp::eq, version("10"))));
}

TEST_CASE("value sets: releases are points in time order", "[dsl][lints]") {
  const ValueSet upto_1909 = where(CompareOp::le, release("1909"));
  const ValueSet upto_1903 = where(CompareOp::le, release("1903"));
  CHECK(upto_1903.subset_of(upto_1909));
  CHECK_FALSE(upto_1909.subset_of(upto_1903));
  CHECK(where(CompareOp::eq, release("20H2")).subset_of(where(CompareOp::gt, release("2004"))));
  CHECK_FALSE(
      where(CompareOp::eq, release("2004")).intersects(where(CompareOp::gt, release("2004"))));
  // A range: 1909..22H2 holds 21H2 and not 23H2.
  const ValueSet range =
      where(CompareOp::ge, release("1909")).intersect(where(CompareOp::le, release("22H2")));
  CHECK(where(CompareOp::eq, release("21H2")).subset_of(range));
  CHECK_FALSE(where(CompareOp::eq, release("23H2")).intersects(range));
}

TEST_CASE("value sets: unions merge, complements and subsets hold", "[dsl][lints]") {
  const ValueSet a = where(CompareOp::eq, version("7"));
  const ValueSet b = where(CompareOp::eq, version("8"));
  const ValueSet ab = a.unite(b);
  REQUIRE(ab.intervals().size() == 1);  // [7, 8) and [8, 9) touch
  CHECK(a.subset_of(ab));
  CHECK(ab.intersect(a.complement()).subset_of(b));
  CHECK(ValueSet::all().complement().empty());
  CHECK(ValueSet::none().subset_of(a));
  CHECK(ValueSet::range(Bound::at({3}), Bound::at({3})).empty());
}

TEST_CASE("value sets: integers order with their sign, booleans are two values", "[dsl][lints]") {
  auto integer = [](std::int64_t i) {
    return *dsl::checks::keyed(FactType::integer, engine::Scalar{i});
  };
  CHECK(where(CompareOp::lt, integer(0)).intersects(where(CompareOp::eq, integer(-5))));
  CHECK_FALSE(where(CompareOp::lt, integer(10)).intersects(where(CompareOp::gt, integer(20))));
  // Each integer is [i, i + 1): nothing lies strictly between 10 and 11.
  CHECK(where(CompareOp::gt, integer(10)).intersect(where(CompareOp::lt, integer(11))).empty());
  CHECK_FALSE(
      where(CompareOp::ge, integer(10)).intersect(where(CompareOp::lt, integer(11))).empty());
  auto yes = *dsl::checks::keyed(FactType::boolean, engine::Scalar{true});
  auto no = *dsl::checks::keyed(FactType::boolean, engine::Scalar{false});
  const auto ne_true = *dsl::checks::values_where(CompareOp::ne, yes);
  CHECK(dsl::checks::subset_of(ne_true, *dsl::checks::values_where(CompareOp::eq, no)));
  CHECK(dsl::checks::empty(dsl::checks::complement(
      dsl::checks::unite(ne_true, *dsl::checks::values_where(CompareOp::eq, yes)), View::boolean)));
  // An attested fact compared with a boolean reads as a boolean.
  CHECK(dsl::checks::keyed(FactType::scalar, engine::Scalar{true})->type == FactType::boolean);
  CHECK_FALSE(dsl::checks::keyed(FactType::address, engine::Scalar{std::string("x")}));
}

TEST_CASE("value sets: texts compare without case and surrounding space", "[dsl][lints]") {
  auto text = [](std::string s) {
    return *dsl::checks::keyed(FactType::string, engine::Scalar{std::move(s)});
  };
  const auto running = *dsl::checks::values_where(CompareOp::eq, text("Running"));
  CHECK(dsl::checks::subset_of(running,
                               *dsl::checks::values_where(CompareOp::eq, text(" running "))));
  CHECK(dsl::checks::empty(
      dsl::checks::intersect(running, *dsl::checks::values_where(CompareOp::ne, text("RUNNING")))));
  CHECK_FALSE(dsl::checks::values_where(CompareOp::lt, text("a")));  // no order of text
  const TextSet not_ab = TextSet::all_but({"a", "b"});
  CHECK(TextSet::only({"c"}).subset_of(not_ab));
  CHECK_FALSE(TextSet::only({"a", "c"}).subset_of(not_ab));
  CHECK(not_ab.intersect(TextSet::only({"a", "b"})).empty());
  CHECK_FALSE(not_ab.intersect(TextSet::all_but({"c"})).empty());
  CHECK(not_ab.unite(TextSet::only({"a", "b"})).complement().empty());
  auto in = dsl::checks::values_in({text("a"), text("b")});
  REQUIRE(in);
  CHECK(dsl::checks::subset_of(*in, TextSet::only({"a", "b"})));
}
