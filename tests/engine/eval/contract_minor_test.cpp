// Tests for the unknown message of a fact that came in a newer minor of the contract than
// the dump was written to (engine/eval/decide.cpp, engine/facts/contract_version.hpp): the
// message says which minor added it, which the dump was written to and by what, and who
// collects it; a dump of that minor or later gets the plain "the dump has no …".
#include <catch2/catch.hpp>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/graph.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo::engine;

namespace {

FactValue dump(std::string_view json) {
  auto load = parse_facts(json, "d.json", FactFormat::json);
  REQUIRE(load.errors.empty());
  return load.documents.front().root;
}

// One rule reading attestation.facility (tekigo.facts/1.1) and, with `and_os`, os.family
// (1.0) as well.
std::shared_ptr<const Graph> graph(bool and_os) {
  GraphBuilder b;
  NodeId facility = b.truthy(b.fact(0, {"attestation", "facility"}, FactType::boolean));
  NodeId os = b.truthy(b.fact(0, {"os", "family"}, FactType::boolean));
  Rule r;
  r.id = "facility";
  r.cite = "§test";
  r.title = "test rule";
  Case c;
  c.when = and_os ? b.all_of({facility, os}) : facility;
  c.status = Status::pass;
  c.message = "ok";
  r.cases.push_back(c);
  r.otherwise.status = Status::fail;
  r.otherwise.message = "otherwise";
  b.add_rule(std::move(r));
  return std::move(b).build();
}

std::string message_of(std::string_view json, bool and_os = false, Lang lang = Lang::en) {
  EvaluationOptions options;
  options.lang = lang;
  Evaluation e(graph(and_os), options);
  e.reset(dump(json));
  REQUIRE(e.outcomes()[0].status == Status::unknown);
  return e.outcomes()[0].message;
}

}  // namespace

TEST_CASE("unknown: an absent fact of a newer minor than the dump's says so",
          "[evaluator][contract]") {
  CHECK(message_of(R"({"schema": "tekigo.facts/1.0", "subject": "t",
                       "collected": {"by": "tekigo collect 0.1.0"}})") ==
        "cannot decide: the dump has no `attestation.facility`: that field was added in "
        "tekigo.facts/1.1, and this dump was written by \"tekigo collect 0.1.0\" to "
        "tekigo.facts/1.0; no collector writes it: the facility declares it");
  // tekigo.facts/1 names no minor: it may be 1.0.
  CHECK(message_of(R"({"schema": "tekigo.facts/1", "subject": "t"})") ==
        "cannot decide: the dump has no `attestation.facility`: that field was added in "
        "tekigo.facts/1.1, and this dump was written to tekigo.facts/1, which names no minor "
        "(1.0, or a writer that does not say); no collector writes it: the facility declares it");
  // Several absent facts: the newer one is named.
  CHECK(message_of(R"({"schema": "tekigo.facts/1", "subject": "t"})", true) ==
        "cannot decide: the dump has no `attestation.facility`, `os.family`; "
        "`attestation.facility` was added in tekigo.facts/1.1, and this dump was written to "
        "tekigo.facts/1, which names no minor (1.0, or a writer that does not say); no "
        "collector writes it: the facility declares it");
  CHECK(message_of(R"({"schema": "tekigo.facts/1.0", "subject": "t",
                       "collected": {"by": "collect.ps1"}})",
                   false, Lang::ja) ==
        "判定できません: 収集データに `attestation.facility` がありません。この項目は "
        "tekigo.facts/1.1 で追加されたもので、この収集データは「collect.ps1」が tekigo.facts/1.0 "
        "で書いたものです。収集ツールでは収集せず、施設が記入する項目です");
}

TEST_CASE("unknown: a dump of the fact's minor or later is plainly missing it",
          "[evaluator][contract]") {
  for (const char* schema : {"tekigo.facts/1.1", "tekigo.facts/1.9"}) {
    INFO(schema);
    CHECK(message_of(std::string(R"({"schema": ")") + schema + R"(", "subject": "t"})") ==
          "cannot decide: the dump has no `attestation.facility`");
  }
  // A fact of 1.0 absent from a 1.0 dump: not collected, nothing more to say.
  CHECK(message_of(R"({"schema": "tekigo.facts/1.0", "subject": "t", "attestation":
                       {"by": "x", "at": "2021-01-18", "facility": "hospital-a"}})",
                   true)
            .find("cannot decide: the dump has no `os.family`") == 0);
}
