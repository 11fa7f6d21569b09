// Tests for engine/facts/attestation: who vouches for attested facts, the scope it covers
// (subjects and glob patterns), and the rules the contract adds (who and when are required,
// the old form is refused with the fix, a facts file says what it covers).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/facts/attestation.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo::engine;

namespace {

std::vector<std::string> errors_of(std::string_view text, bool part = false) {
  FactLoadOptions options;
  options.require_header = !part;
  std::vector<std::string> out;
  for (const auto& e : parse_facts(text, "d.yaml", FactFormat::yaml, options).errors)
    out.push_back(e.to_string());
  return out;
}

bool any_contains(const std::vector<std::string>& lines, std::string_view needle) {
  for (const auto& l : lines)
    if (l.find(needle) != std::string::npos) return true;
  return false;
}

constexpr const char* kHead = "schema: tekigo.facts/1\nsubject: hospital-a/reception-01\n";

}  // namespace

TEST_CASE("glob patterns match the whole subject", "[facts][attestation]") {
  CHECK(glob_match("hospital-a/*", "hospital-a/reception-01"));
  CHECK(glob_match("hospital-a/*", "hospital-a/"));
  CHECK_FALSE(glob_match("hospital-a/*", "hospital-ab/reception-01"));
  CHECK_FALSE(glob_match("hospital-a/*", "xhospital-a/r"));
  CHECK(glob_match("*/reception-0?", "hospital-a/reception-01"));
  CHECK_FALSE(glob_match("*/reception-0?", "hospital-a/reception-011"));
  CHECK(glob_match("*a*b*c", "xxaxxbxxc"));
  CHECK_FALSE(glob_match("*a*b*c", "xxaxxcxxb"));
  CHECK(glob_match("exact", "exact"));
  CHECK_FALSE(glob_match("Exact", "exact"));  // case-sensitive
  CHECK(glob_match("*", ""));
  CHECK_FALSE(glob_match("?", ""));
}

TEST_CASE("an attestation covers its subjects; a dump's own covers that dump",
          "[facts][attestation]") {
  Attestation a;
  a.covers = {"hospital-a/*", "hospital-b/desk-03"};
  CHECK(covers_subject(a, "hospital-a/reception-01"));
  CHECK(covers_subject(a, "hospital-b/desk-03"));
  CHECK_FALSE(covers_subject(a, "hospital-b/desk-04"));
  CHECK_FALSE(covers_subject(a, "hospital-h/ward-02"));
  Attestation own;  // no covers
  CHECK(covers_subject(own, "anything", true));
  CHECK_FALSE(covers_subject(own, "anything", false));
}

TEST_CASE("the refusal names the file, what it covers and the dump's subject",
          "[facts][attestation]") {
  Attestation a;
  a.by = "医事課 佐藤";
  a.facility = "hospital-a";
  a.covers = {"hospital-a/*"};
  a.source = "facility-a.yaml";
  const std::string message = out_of_scope(a, "hospital-h/ward-02");
  CHECK(message.find("facility-a.yaml") != std::string::npos);
  CHECK(message.find("[\"hospital-a/*\"]") != std::string::npos);
  CHECK(message.find("`hospital-h/ward-02`") != std::string::npos);
  CHECK(message.find("医事課 佐藤, hospital-a") != std::string::npos);
}

TEST_CASE("an attestation block is read with the attested keys it vouches for",
          "[facts][attestation]") {
  auto load = parse_facts(std::string(kHead) +
                              "attested: {load_balancer: false, dsl_router: false}\n"
                              "attestation: {by: 佐藤, at: 2021-01-18, facility: hospital-a, "
                              "covers: [hospital-a/*]}\n",
                          "d.yaml", FactFormat::yaml);
  REQUIRE(load.errors.empty());
  auto a = read_attestation(load.documents.at(0).root, "d.yaml", "abc");
  REQUIRE(a);
  CHECK(a->by == "佐藤");
  CHECK(a->at == "2021-01-18");
  CHECK(a->facility == "hospital-a");
  CHECK(a->covers == std::vector<std::string>{"hospital-a/*"});
  CHECK(a->keys == std::vector<std::string>{"load_balancer", "dsl_router"});
  CHECK(a->source == "d.yaml");
  CHECK(a->sha256 == "abc");
  auto none = parse_facts(kHead, "d.yaml", FactFormat::yaml);
  CHECK_FALSE(read_attestation(none.documents.at(0).root, "d.yaml"));
}

TEST_CASE("attested facts without who and when are refused, with the fix", "[facts][attestation]") {
  auto e = errors_of(std::string(kHead) + "attested: {dsl_router: false}\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("d.yaml: attested: attested facts need who attested them and when") == 0);
  CHECK(e[0].find("attestation: {by:") != std::string::npos);
  // An empty `attested` vouches for nothing: nothing to attest.
  CHECK(errors_of(std::string(kHead) + "attested: {}\n").empty());
}

TEST_CASE("the old form (attested_by, attested_at in attested) is refused, with the fix",
          "[facts][attestation]") {
  auto e = errors_of(std::string(kHead) +
                     "attested: {dsl_router: false, attested_by: 佐藤, attested_at: 2021-01-18}\n");
  CHECK(any_contains(e,
                     "attested.attested_by: who attested and when are no attested facts: "
                     "move `attested_by` into an `attestation:` block beside `attested:` as "
                     "`by`"));
  CHECK(any_contains(e, "attested.attested_at:"));
  CHECK(any_contains(e, "attested: attested facts need who attested them and when"));
}

TEST_CASE("who and when are required, and when is a date", "[facts][attestation]") {
  const std::string attested = std::string(kHead) + "attested: {dsl_router: false}\n";
  CHECK(any_contains(errors_of(attested + "attestation: {at: 2021-01-18}\n"), "`by`"));
  CHECK(any_contains(errors_of(attested + "attestation: {by: 佐藤}\n"), "`at`"));
  CHECK(any_contains(errors_of(attested + "attestation: {by: 佐藤, at: 18.1.2021}\n"),
                     "attestation.at: expected a date YYYY-MM-DD"));
  CHECK(any_contains(errors_of(attested + "attestation: {by: \" \", at: 2021-01-18}\n"),
                     "attestation.by: expected who attests"));
  CHECK(errors_of(attested + "attestation: {by: 佐藤, at: 2021-01-18}\n").empty());
}

TEST_CASE("a facts file must say which terminals it covers", "[facts][attestation]") {
  const std::string part = "attested: {dsl_router: false}\nattestation: {by: 佐藤, at: 2021-01-18";
  CHECK(any_contains(errors_of(part + "}\n", true), "attestation.covers: a facts file"));
  CHECK(any_contains(errors_of(part + ", covers: []}\n", true), "attestation.covers"));
  CHECK(errors_of(part + ", covers: [hospital-a/*]}\n", true).empty());
}
