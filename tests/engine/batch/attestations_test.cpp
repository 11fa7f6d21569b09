// Tests for engine/batch/attestations: a facts file's attestation refused for a dump it does
// not cover (an error naming both, no verdict), and who attested each manual rule.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/batch/attestations.hpp"
#include "engine/batch/batch.hpp"
#include "engine/common/sha256.hpp"

using namespace tekigo::engine;

namespace {

// One manual rule on attested.ipsec (pass when true) and one measured rule on os.family.
std::shared_ptr<const Graph> manual_graph() {
  GraphBuilder b;
  Literal yes;
  yes.type = FactType::boolean;
  yes.values = {true};
  yes.text = "true";
  Rule m;
  m.id = "ipsec";
  m.cite = "§2(2)";
  m.title = "IPsec passes the line";
  m.kind = "manual";
  m.manual_when_absent = true;
  Case c;
  c.when = b.compare(b.fact(0, {"attested", "ipsec"}, FactType::scalar), CompareOp::eq, yes, "");
  c.status = Status::pass;
  m.cases = {c};
  m.otherwise.status = Status::fail;
  b.add_rule(m);
  Literal windows;
  windows.type = FactType::enumeration;
  windows.values = {std::string("windows")};
  windows.text = "windows";
  Rule os;
  os.id = "os";
  os.cite = "§1";
  Case w;
  w.when =
      b.compare(b.fact(0, {"os", "family"}, FactType::enumeration), CompareOp::eq, windows, "");
  w.status = Status::pass;
  os.cases = {w};
  os.otherwise.status = Status::fail;
  b.add_rule(os);
  return std::move(b).build();
}

std::filesystem::path write_dump(const std::string& name, const std::string& text) {
  auto dir = std::filesystem::temp_directory_path() /
             ("tekigo-attestations-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto file = dir / name;
  std::ofstream(file) << text;
  return file;
}

FactPart hospital_a_part() {
  Attestation a;
  a.by = "医事課 佐藤";
  a.at = "2021-01-18";
  a.facility = "hospital-a";
  a.covers = {"hospital-a/*"};
  a.keys = {"ipsec"};
  a.source = "facility-a.yaml";
  a.sha256 = std::string(64, 'f');
  FactValue facts =
      FactValue::map({{"attested", FactValue::map({{"ipsec", FactValue::boolean(true)}})}});
  return {std::move(facts), "facility-a.yaml", a.sha256, a};
}

BatchItem run_one(const std::filesystem::path& file, std::vector<FactPart> parts) {
  BatchOptions options;
  options.jobs = 1;
  options.extra_facts = std::move(parts);
  BatchItem out;
  run_batch(manual_graph(), {file}, options, [&](BatchItem&& item) { out = std::move(item); });
  return out;
}

}  // namespace

TEST_CASE("a manual rule nobody attested makes the verdict manual, not pass", "[attestation]") {
  const std::string text =
      R"({"schema": "tekigo.facts/1", "subject": "hospital-a/r-01", "os": {"family": "windows"}})";
  auto item = run_one(write_dump("a.json", text), {});
  REQUIRE(item.results.size() == 1);
  const TerminalResult& r = item.results[0];
  CHECK(r.verdict == Verdict::manual);
  CHECK(r.rules.at(0).status == Status::manual);
  CHECK(r.rules.at(0).attestation == -1);
  CHECK(r.sha256 == sha256_hex(text));  // the bytes as read
  CHECK(r.attestations.empty());
}

TEST_CASE("a covering facts file decides the manual rule and is named as who attested",
          "[attestation]") {
  auto item = run_one(
      write_dump(
          "b.json",
          R"({"schema": "tekigo.facts/1", "subject": "hospital-a/r-02", "os": {"family": "windows"}})"),
      {hospital_a_part()});
  REQUIRE(item.results.size() == 1);
  const TerminalResult& r = item.results[0];
  CHECK(r.verdict == Verdict::pass);
  REQUIRE(r.attestations.size() == 1);
  CHECK(r.attestations[0].by == "医事課 佐藤");
  CHECK(r.rules.at(0).attestation == 0);   // the manual rule
  CHECK(r.rules.at(1).attestation == -1);  // a measured rule is nobody's attestation
}

TEST_CASE("a facts file is refused for a dump outside its scope, naming both", "[attestation]") {
  auto item = run_one(
      write_dump(
          "h.json",
          R"({"schema": "tekigo.facts/1", "subject": "hospital-h/ward-02", "os": {"family": "windows"}})"),
      {hospital_a_part()});
  CHECK(item.results.empty());
  REQUIRE(item.errors.size() == 1);
  const FactError& e = item.errors[0];
  CHECK(e.subject == "hospital-h/ward-02");
  CHECK(e.message.find("facility-a.yaml") != std::string::npos);
  CHECK(e.message.find("[\"hospital-a/*\"]") != std::string::npos);
  CHECK(e.message.find("`hospital-h/ward-02`") != std::string::npos);
}

TEST_CASE("the later attestation of a key is the one named", "[attestation]") {
  Attestation own;
  own.by = "dump's own";
  own.keys = {"ipsec"};
  FactPart part = hospital_a_part();
  std::vector<Attestation> applied;
  REQUIRE_FALSE(
      applied_attestations(own, std::span<const FactPart>(&part, 1), "hospital-a/r-03", applied));
  REQUIRE(applied.size() == 2);
  TerminalResult r;
  r.attestations = applied;
  RuleOutcome ipsec;
  ipsec.id = "ipsec";
  ipsec.status = Status::pass;
  RuleOutcome os;
  os.id = "os";
  os.status = Status::pass;
  r.rules = {ipsec, os};
  attribute_attestations(*manual_graph(), r);
  CHECK(r.rules[0].attestation == 1);  // the facts file, merged after the dump
  // A dump's own attestation whose covers leave out its subject is refused too.
  own.covers = {"hospital-b/*"};
  CHECK(applied_attestations(own, {}, "hospital-a/r-03", applied));
}

TEST_CASE("verdicts rank fail > unknown > manual > warn > pass", "[attestation]") {
  auto rules = [](std::initializer_list<Status> statuses) {
    std::vector<RuleOutcome> out;
    for (Status s : statuses) {
      RuleOutcome o;
      o.status = s;
      out.push_back(o);
    }
    return out;
  };
  CHECK(verdict_of(rules({Status::pass, Status::not_applicable})) == Verdict::pass);
  CHECK(verdict_of(rules({Status::warn, Status::pass})) == Verdict::warn);
  CHECK(verdict_of(rules({Status::warn, Status::manual})) == Verdict::manual);
  CHECK(verdict_of(rules({Status::manual, Status::unknown})) == Verdict::unknown);
  CHECK(verdict_of(rules({Status::manual, Status::fail, Status::unknown})) == Verdict::fail);
  CHECK(parse_verdict("manual") == Verdict::manual);
  CHECK(verdict_name(Verdict::manual) == "manual");
  CHECK_FALSE(parse_verdict("skipped"));
}
