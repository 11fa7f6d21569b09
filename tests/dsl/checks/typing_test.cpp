// tests/dsl/checks: typing — expressions of a parsed policy typed against the fact contract
// (what each path names, the depth it is read at, the parsed literal, the operator), the
// mistakes it reports (E0201–E0209), and literals parsed as values of each fact type.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dsl/checks/literals.hpp"
#include "dsl/checks/typing.hpp"
#include "dsl/grammar/parser.hpp"
#include "engine/facts/fact_schema.hpp"

using namespace tekigo;
using engine::FactType;

namespace {

// The condition of `check c "C." { expect CONDITION }`, parsed; the AST outlives the test.
struct Condition {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::ParseResult parsed;
  const dsl::ast::Expr& expr() const {
    return *parsed.file.items.at(0).rule->clauses.at(0).condition;
  }
};

Condition condition(const std::string& text) {
  Condition c;
  c.source = std::make_unique<dsl::SourceFile>(
      "t.tkg",
      "policy t { title \"t\" revision \"1\" effective 2026-01-01 source \"s\" }\n"
      "check c cite \"§1\" \"C.\" { expect " +
          text + " }\n");
  c.parsed = dsl::parse(*c.source);
  INFO(dsl::render_all(c.parsed.diagnostics, *c.source));
  REQUIRE(c.parsed.diagnostics.empty());
  return c;
}

struct Typed {
  std::optional<dsl::checks::TypedExpr> typed;
  std::vector<dsl::Diagnostic> diagnostics;
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : diagnostics) out.push_back(d.code);
    return out;
  }
};

Typed type(const Condition& c) {
  Typed t;
  dsl::checks::Typing typing(t.diagnostics);
  t.typed = typing.expression(c.expr(), dsl::checks::dump_scope());
  CHECK(t.typed.has_value() == t.diagnostics.empty());
  return t;
}

dsl::ast::Operand number(std::string text) {
  dsl::ast::Operand o;
  o.kind = dsl::ast::Operand::Kind::number;
  o.text = std::move(text);
  return o;
}

}  // namespace

TEST_CASE("typing: a comparison gets its fact, operator and parsed literal", "[dsl][typing]") {
  auto c = condition("os.version >= 10.0.19041");
  auto t = type(c);
  REQUIRE(t.typed);
  CHECK(t.typed->fact->type == FactType::version);
  CHECK(t.typed->depth == 0);
  CHECK(t.typed->op == engine::CompareOp::ge);
  CHECK(t.typed->literal.type == FactType::version);
  CHECK(t.typed->literal.text == "10.0.19041");
  REQUIRE(t.typed->literal.values.size() == 1);
  CHECK(std::holds_alternative<engine::Version>(t.typed->literal.values[0]));
}

TEST_CASE("typing: `in` parses every item; enum words are compared in lower case",
          "[dsl][typing]") {
  auto c = condition("os.release in [1909, 2004, 20H2] and os.family == Windows");
  auto t = type(c);
  REQUIRE(t.typed);
  REQUIRE(t.typed->children.size() == 2);
  CHECK(t.typed->children[0].op == engine::CompareOp::in);
  CHECK(t.typed->children[0].literal.values.size() == 3);
  CHECK(std::get<std::string>(t.typed->children[1].literal.values.at(0)) == "windows");
}

TEST_CASE("typing: a quantifier reads its list at depth 0 and its condition at depth 1",
          "[dsl][typing]") {
  auto c = condition("any software (name ~ \"anyconnect\" and version >= 4.9)");
  auto t = type(c);
  REQUIRE(t.typed);
  CHECK(t.typed->fact->type == FactType::list);
  CHECK(t.typed->depth == 0);
  const auto& inner = t.typed->children.at(0);
  for (const auto& predicate : inner.children) CHECK(predicate.depth == 1);
  CHECK(inner.children.at(0).fact->type == FactType::string);
  CHECK(inner.children.at(1).fact->type == FactType::version);
}

TEST_CASE("typing: every operand of `and`/`or` is typed, so each mistake is reported",
          "[dsl][typing]") {
  auto c = condition("os.familly == windows or os.version ~ \"10\" or os.name is empty");
  auto t = type(c);
  CHECK(t.codes() == std::vector<std::string>{"E0201", "E0207", "E0205"});
  CHECK(t.diagnostics[0].message == "unknown fact `familly` in `os`");
  CHECK(t.diagnostics[0].help == "did you mean `family`?");
}

TEST_CASE("typing: nothing inside a quantifier whose list is wrong", "[dsl][typing]") {
  auto c = condition("any os (nosuch == 1)");
  auto t = type(c);
  CHECK(t.codes() == std::vector<std::string>{"E0205"});
  CHECK(t.diagnostics[0].message == "`os` is not a list, so `any` cannot go through it");
  auto inner = condition("any software (nosuch == 1)");
  auto u = type(inner);
  CHECK(u.codes() == std::vector<std::string>{"E0201"});
  CHECK(u.diagnostics[0].message == "unknown fact `nosuch` in an element of `software`");
}

TEST_CASE("typing: each kind of mistake has its code", "[dsl][typing]") {
  struct Case {
    const char* condition;
    const char* code;
  };
  for (const Case& k :
       {Case{"os.release", "E0206"}, Case{"os.family >= windows", "E0209"},
        Case{"software == \"x\"", "E0203"}, Case{"os.release == [1909, 2004]", "E0203"},
        Case{"any software (name ~ \"x(\")", "E0208"}, Case{"software contains \"x\"", "E0205"},
        Case{"os.family == window", "E0204"}, Case{"disk.system_free_bytes >= 100mb", "E0202"}}) {
    INFO(k.condition);
    auto c = condition(k.condition);
    CHECK(type(c).codes() == std::vector<std::string>{k.code});
  }
}

TEST_CASE("typing: `in` without a list is E0203 (the grammar lets none through; an AST may)",
          "[dsl][typing]") {
  auto c = condition("os.version in [10]");
  auto& in = *c.parsed.file.items.at(0).rule->clauses.at(0).condition;
  in.rhs = number("10");
  auto t = type(c);
  CHECK(t.codes() == std::vector<std::string>{"E0203"});
  CHECK(t.diagnostics.at(0).message == "`in` needs a list such as `[1909, 2004, 20H2]`");
}

TEST_CASE("typing: `contains` types its value as an element of the list", "[dsl][typing]") {
  auto c = condition("any dns (addresses contains 219.97.232.64)");
  auto t = type(c);
  REQUIRE(t.typed);
  const auto& contains = t.typed->children.at(0);
  CHECK(contains.fact->type == FactType::list);
  CHECK(contains.literal.type == FactType::address);
}

TEST_CASE("literals: each fact type parses its own literals", "[dsl][typing][literals]") {
  std::vector<dsl::Diagnostic> diagnostics;
  auto parse = [&](std::string text, FactType type) {
    engine::SchemaNode node;
    node.type = type;
    return dsl::checks::parse_literal(number(std::move(text)), node, diagnostics).has_value();
  };
  CHECK(parse("100MiB", FactType::size));
  CHECK(parse("20H2", FactType::release));
  CHECK(parse("1909", FactType::release));
  CHECK(parse("4.9.05042", FactType::version));
  CHECK(parse("2021-01-26", FactType::timestamp));
  CHECK(parse("2001:db8::1", FactType::address));
  CHECK(parse("443", FactType::port));
  CHECK(diagnostics.empty());
  CHECK_FALSE(parse("100mb", FactType::size));
  CHECK_FALSE(parse("2013", FactType::release));
  CHECK_FALSE(parse("70000", FactType::port));
  CHECK_FALSE(parse("1.5", FactType::integer));
  REQUIRE(diagnostics.size() == 4);
  CHECK(diagnostics[0].message == "malformed size `100mb`");
  CHECK(diagnostics[1].message == "malformed Windows release id `2013`");
  CHECK(diagnostics[2].help == "ports are 1–65535");
  CHECK(diagnostics[3].message == "malformed integer `1.5`");
  for (const auto& d : diagnostics) CHECK(d.code == "E0202");
}

TEST_CASE("literals: a list reports each malformed item", "[dsl][typing][literals]") {
  dsl::ast::Operand list;
  list.kind = dsl::ast::Operand::Kind::list;
  list.text = "[1909, 19O9, 20H3]";
  list.items = {number("1909"), number("19O9"), number("20H3")};
  std::vector<dsl::Diagnostic> diagnostics;
  engine::SchemaNode release;
  release.type = FactType::release;
  CHECK_FALSE(dsl::checks::parse_literal(list, release, diagnostics));
  CHECK(diagnostics.size() == 2);
  // One value where one belongs: a list is E0203.
  diagnostics.clear();
  CHECK_FALSE(dsl::checks::parse_scalar(list, release, diagnostics));
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0].code == "E0203");
}

TEST_CASE("typing: edit distance for `did you mean`", "[dsl][typing]") {
  CHECK(dsl::checks::edit_distance("family", "familly") == 1);
  CHECK(dsl::checks::edit_distance("version", "versoin") == 2);
  CHECK(dsl::checks::edit_distance("", "abc") == 3);
  CHECK(dsl::checks::edit_distance("same", "same") == 0);
}

TEST_CASE("typing: `today` is the check date, a date that compares with dates and timestamps",
          "[dsl][typing][check-date]") {
  auto c = condition("today >= 2024-10-01");
  auto t = type(c);
  REQUIRE(t.typed);
  CHECK(t.typed->check_date);
  CHECK(t.typed->fact == &dsl::checks::check_date_type());
  CHECK(t.typed->literal.type == FactType::date);
  CHECK_FALSE(t.typed->against_check_date);

  auto fact_first = condition("collected.at < today");
  auto f = type(fact_first);
  REQUIRE(f.typed);
  CHECK_FALSE(f.typed->check_date);
  CHECK(f.typed->against_check_date);
  CHECK(f.typed->op == engine::CompareOp::lt);
  CHECK(f.typed->literal.type == FactType::timestamp);
  CHECK(f.typed->literal.values.empty());  // known only when checking

  // Inside a quantifier `today` is still the check date, not a field of the element.
  auto inner = condition("any software (name ~ \"x\" and today < 2025-01-01)");
  auto i = type(inner);
  REQUIRE(i.typed);
  CHECK(i.typed->children.at(0).children.at(1).check_date);

  CHECK(type(condition("today in [2024-10-01, 2024-10-02]")).typed);
}

TEST_CASE("typing: `today` misused gives the usual diagnostics", "[dsl][typing][check-date]") {
  struct Case {
    const char* condition;
    const char* code;
  };
  for (const Case& k : {Case{"today", "E0206"}, Case{"today ~ \"2024\"", "E0207"},
                        Case{"today == true", "E0203"}, Case{"today >= 10.1", "E0202"},
                        Case{"today < 2024-02-30", "E0202"}, Case{"any today (x == 1)", "E0205"},
                        Case{"os.version < today", "E0203"}, Case{"today is empty", "E0205"}}) {
    INFO(k.condition);
    auto c = condition(k.condition);
    CHECK(type(c).codes() == std::vector<std::string>{k.code});
  }
  auto wrong_way = type(condition("today > collected.at"));
  REQUIRE(wrong_way.diagnostics.size() == 1);
  CHECK(wrong_way.diagnostics[0].message ==
        "`today` compares with a date, not with `collected.at`");
  CHECK(wrong_way.diagnostics[0].help ==
        "to compare a fact with the check date, write the fact first: `collected.at < today`");
  auto not_a_date = type(condition("os.version < today"));
  CHECK(not_a_date.diagnostics.at(0).message ==
        "cannot compare a version with `today`, the check date");
}
