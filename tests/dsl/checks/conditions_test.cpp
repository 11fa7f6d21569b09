// tests/dsl/checks: the analysis of conditions — when a condition can hold, when it can
// fail, and which implies which. Every "never" here is a real impossibility, and what the
// analysis cannot prove it leaves possible.
#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "dsl/checks/conditions.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;
using dsl::checks::ConditionSets;

namespace {

// Each condition, parsed as the `pass when` of a rule of its own and typed at the dump.
struct Conditions {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::ParseResult parsed;
  std::vector<ConditionSets> sets;
};

Conditions analyse(const std::vector<std::string>& conditions) {
  std::string body;
  for (std::size_t i = 0; i < conditions.size(); ++i)
    body +=
        "check r" + std::to_string(i) + " cite \"§1\" \"R.\" { pass when " + conditions[i] + " }\n";
  Conditions c;
  c.source = std::make_unique<dsl::SourceFile>(
      "t.tkg",
      "policy t { title \"t\" revision \"1\" effective 2026-01-01 source \"s\" }\n" + body);
  c.parsed = dsl::parse(*c.source);
  INFO(dsl::render_all(c.parsed.diagnostics, *c.source));
  REQUIRE(c.parsed.diagnostics.empty());
  for (const auto& item : c.parsed.file.items) {
    auto typed =
        dsl::checks::typed_again(*item.rule->clauses.at(0).condition, dsl::checks::dump_scope());
    REQUIRE(typed);
    c.sets.push_back(dsl::checks::analyse(*typed));
  }
  return c;
}

bool never_holds(const std::string& condition) {
  INFO(condition);
  return analyse({condition}).sets[0].holds.is_never();
}

bool never_fails(const std::string& condition) {
  INFO(condition);
  return analyse({condition}).sets[0].fails.is_never();
}

// Whenever `a` holds, `b` holds.
bool implies(const std::string& a, const std::string& b) {
  INFO(a << " ⇒ " << b);
  auto c = analyse({a, b});
  return dsl::checks::implies(c.sets[0].holds, c.sets[1].holds);
}

}  // namespace

TEST_CASE("conditions: contradictory comparisons on one fact never hold", "[dsl][lints]") {
  CHECK(never_holds("os.version == 10 and os.version == 11"));
  CHECK(never_holds("os.release <= 1903 and os.release >= 1909"));
  CHECK(never_holds("os.service_pack < 1 and os.service_pack > 2"));
  CHECK(never_holds("os.service_pack > 10 and os.service_pack < 11"));  // integers are discrete
  CHECK(never_holds("os.family == windows and os.family in [macos, linux]"));
  CHECK(never_holds("os.edition != \"Professional\" and os.edition == \" PROFESSIONAL\""));
  CHECK(never_holds("os.version is absent and os.version == 10"));
  CHECK(never_holds(
      "features.internet_connection_sharing and not features.internet_connection_sharing"));
  CHECK(never_holds("attested.dsl_router == true and attested.dsl_router == false"));
  CHECK(never_holds("(os.version == 7 or os.version == 8.1) and os.version >= 10"));
  CHECK(never_holds("not (os.version >= 10) and os.version == 10.0.19045"));
  // A pattern taken whole: it cannot both match and not match.
  CHECK(never_holds("os.name ~ \"pro\" and not os.name ~ \"pro\""));
  // Inside a quantifier: no element can be both.
  CHECK(never_holds("any software (version == 1 and version == 2)"));
}

TEST_CASE("conditions: what can hold is left possible", "[dsl][lints]") {
  CHECK_FALSE(never_holds("os.version == 10 and os.version == 10.0"));  // one line
  CHECK_FALSE(never_holds("os.version >= 10 and os.version <= 10"));
  CHECK_FALSE(never_holds("os.family == windows and os.version == 10"));
  CHECK_FALSE(never_holds("os.version == 10 or os.version == 11"));
  CHECK_FALSE(never_holds("os.name ~ \"pro\" and not os.name ~ \"home\""));
  CHECK_FALSE(never_holds("any software (name ~ \"a\") and not any software (name ~ \"b\")"));
  // Two elements of a list: one can be 1, another 2.
  CHECK_FALSE(never_holds("any software (version == 1) and any software (version == 2)"));
  // An attested fact read as a boolean and as a number: separate readings, no contradiction.
  CHECK_FALSE(never_holds("attested.x == true and attested.x == 1"));
  // No release lies between 1912 and 2001 (there is no month 13), but the analysis knows
  // only the order of releases: it says "possible", which is sound.
  CHECK_FALSE(never_holds("os.release > 1912 and os.release < 2001"));
}

TEST_CASE("conditions: a condition that always holds never fails", "[dsl][lints]") {
  CHECK(never_fails("os.version < 10 or os.version >= 10"));
  CHECK(never_fails("os.family == windows or not (os.family == windows)"));
  CHECK_FALSE(never_fails("os.version < 10 or os.version > 10"));
  CHECK_FALSE(never_fails("os.version == 10"));
  CHECK(never_fails("all software (version == 1 or version != 1)"));
}

TEST_CASE("conditions: implication on the same facts", "[dsl][lints]") {
  CHECK(implies("os.release <= 1903", "os.release <= 1909"));
  CHECK_FALSE(implies("os.release <= 1909", "os.release <= 1903"));
  CHECK(implies("os.version == 10.0.19045", "os.version == 10"));
  CHECK(implies("os.family == windows and os.version == 10", "os.family == windows"));
  CHECK_FALSE(implies("os.family == windows", "os.family == windows and os.version == 10"));
  CHECK(implies("os.version == 7 or os.version == 8", "os.version < 10"));
  CHECK(implies("os.version == 7", "os.version == 7 or os.name ~ \"x\""));
  CHECK(implies("os.release in [1909, 2004]", "os.release >= 1909"));
  CHECK(implies("os.version == 10", "os.version is present"));
  CHECK_FALSE(implies("os.version is present", "os.version == 10"));
  // Sub-conditions taken whole imply only themselves, as written.
  CHECK(implies("any software (name ~ \"x\") and os.version == 10", "any software (name ~ \"x\")"));
  CHECK_FALSE(implies("any software (name ~ \"x\")", "any software (name ~ \"y\")"));
  CHECK_FALSE(implies("os.name ~ \"x\"", "os.name ~ \"X\""));
}

TEST_CASE("conditions: many alternatives give up soundly", "[dsl][lints]") {
  // (a1 or b1) and … and (a7 or b7) multiplies out to 128 terms: more than the analysis keeps.
  std::string big;
  for (int i = 0; i < 7; ++i)
    big += std::string(i ? " and " : "") + "(os.build ~ \"" + std::to_string(i) +
           "\" or os.name ~ \"" + std::to_string(i) + "\")";
  auto c = analyse({big, "os.build ~ \"0\""});
  CHECK_FALSE(c.sets[0].holds.is_never());
  CHECK_FALSE(c.sets[0].holds.exact);
  // An inexact condition is never the implied side.
  CHECK_FALSE(dsl::checks::implies(c.sets[1].holds, c.sets[0].holds));
}
