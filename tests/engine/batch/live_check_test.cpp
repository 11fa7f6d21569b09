// Tests for engine/batch/live_check: the order in which attested and collected facts reach
// the evaluation — attested first, each part as it arrives, the dump's header, attested again
// (so attested facts win) — on a graph built with GraphBuilder and a collection made by hand.
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "engine/batch/live_check.hpp"
#include "engine/eval/graph.hpp"

using namespace tekigo::engine;

namespace {

// {"a": {"b": value}} for at({"a", "b"}, value).
FactValue at(const std::vector<std::string>& path, FactValue value) {
  for (auto key = path.rbegin(); key != path.rend(); ++key) {
    FactValue parent = FactValue::map();
    parent.set(*key, std::move(value));
    value = std::move(parent);
  }
  return value;
}

FactValue text(std::string_view value) {
  return FactValue::string(std::string(value));
}

Literal literal(std::string value) {
  Literal l;
  l.type = FactType::enumeration;
  l.values.push_back(value);
  l.text = std::move(value);
  return l;
}

// Passes when `fact` is `value`, fails when it is something else, unknown while it is absent.
Rule equals(GraphBuilder& b, std::string id, FactPath fact, std::string value) {
  Rule r;
  r.id = std::move(id);
  r.cite = "§test";
  r.title = "test rule";
  Case c;
  c.when = b.compare(b.fact(0, std::move(fact), FactType::enumeration), CompareOp::eq,
                     literal(std::move(value)));
  c.status = Status::pass;
  c.message = "as required";
  r.cases.push_back(std::move(c));
  r.otherwise.status = Status::fail;
  r.otherwise.message = "not as required";
  return r;
}

// Rules on an attested fact, on the `os` step's, on the `network` step's and on the header's.
std::shared_ptr<const Graph> four_rules() {
  GraphBuilder b;
  b.add_rule(equals(b, "room", {"attested", "room"}, "locked"));
  b.add_rule(equals(b, "os", {"os", "family"}, "linux"));
  b.add_rule(equals(b, "line", {"network", "line"}, "fiber"));
  b.add_rule(equals(b, "tool", {"collected", "tool"}, "tekigo"));
  return std::move(b).build();
}

struct Part {
  std::string step;
  FactValue facts;
};

// The whole dump of a collection: its header and every part's facts.
FactValue whole_dump(const std::vector<Part>& parts) {
  FactValue dump = FactValue::map();
  dump.set("schema", text("tekigo.facts/v1"));
  dump.set("subject", text("hospital-a/reception-01"));
  dump.set("collected", at({"tool"}, text("tekigo")));
  for (const auto& part : parts)
    for (const auto& [key, value] : part.facts.as_map()) dump.set(key, value);
  return dump;
}

// A collection that hands over `parts` in order, then returns the whole dump.
FactCollection collection(std::vector<Part> parts) {
  return [parts = std::move(parts)](const CollectedPartSink& on_part) {
    for (const auto& part : parts) on_part(part.step, part.facts);
    return whole_dump(parts);
  };
}

const RuleOutcome& outcome(const TerminalResult& result, std::string_view id) {
  for (const auto& r : result.rules)
    if (r.id == id) return r;
  FAIL("no outcome for " << id);
  return result.rules.front();
}

// Facts files without an attestation block (what the tests of ordering need).
std::vector<FactPart> parts(std::vector<FactValue> facts) {
  std::vector<FactPart> out;
  for (auto& f : facts) out.push_back({std::move(f), "facts.yaml", "", std::nullopt});
  return out;
}

}  // namespace

TEST_CASE("attested facts win over collected ones", "[live-check]") {
  const std::vector<FactPart> attested = parts({at({"network", "line"}, text("fiber"))});
  // The collector finds a line it cannot tell from another kind: the facility says fiber.
  const auto collect = collection({{"network", at({"network", "line"}, text("adsl"))}});

  const TerminalResult checked = check_live(four_rules(), attested, collect);
  CHECK(outcome(checked, "line").status == Status::pass);
  CHECK(outcome(checked, "line").message == "as required");

  const TerminalResult collected_only = check_live(four_rules(), {}, collect);
  CHECK(outcome(collected_only, "line").status == Status::fail);
}

TEST_CASE("later attested facts win over earlier ones", "[live-check]") {
  const std::vector<FactPart> attested =
      parts({at({"attested", "room"}, text("open")), at({"attested", "room"}, text("locked"))});
  const TerminalResult result = check_live(four_rules(), attested, collection({}));
  CHECK(outcome(result, "room").status == Status::pass);
}

TEST_CASE("attested facts first, then each part as it arrives, then the header", "[live-check]") {
  const std::vector<FactPart> attested = parts({at({"attested", "room"}, text("locked"))});
  std::vector<std::string> steps;
  std::vector<std::size_t> decided;
  std::vector<std::size_t> rules;
  const TerminalResult result =
      check_live(four_rules(), attested,
                 collection({{"os", at({"os", "family"}, text("linux"))},
                             {"network", at({"network", "line"}, text("isdn"))}}),
                 [&](const LiveProgress& progress) {
                   steps.emplace_back(progress.step);
                   decided.push_back(progress.decided);
                   rules.push_back(progress.rules);
                 });
  CHECK(steps == std::vector<std::string>{"os", "network"});
  // After `os`: the attested rule and the os rule; after `network`: the line rule too. The
  // header's rule waits for the whole dump.
  CHECK(decided == std::vector<std::size_t>{2, 3});
  CHECK(rules == std::vector<std::size_t>{4, 4});

  CHECK(result.source == "live");
  CHECK(result.subject == "hospital-a/reception-01");
  REQUIRE(result.rules.size() == 4);
  CHECK(result.rules[0].id == "room");  // policy order
  CHECK(result.rules[0].status == Status::pass);
  CHECK(result.rules[1].status == Status::pass);
  CHECK(result.rules[2].status == Status::fail);  // isdn is not fiber
  CHECK(result.rules[3].status == Status::pass);  // collected.tool, from the header
  CHECK(result.verdict == Verdict::fail);
}

TEST_CASE("a part's facts replace an earlier part's", "[live-check]") {
  std::vector<std::size_t> decided;
  const TerminalResult result =
      check_live(four_rules(), {},
                 collection({{"os", at({"os", "family"}, text("windows"))},
                             {"os-again", at({"os", "family"}, text("linux"))}}),
                 [&](const LiveProgress& progress) { decided.push_back(progress.decided); });
  CHECK(decided == std::vector<std::size_t>{1, 1});
  CHECK(outcome(result, "os").status == Status::pass);
  CHECK(outcome(result, "line").status == Status::unknown);  // never collected
  CHECK(result.verdict == Verdict::unknown);
}

TEST_CASE("a live check is judged at the check date it is given", "[live-check][check-date]") {
  GraphBuilder b;
  Literal until;
  until.type = FactType::date;
  until.values = {*Date::parse("2024-09-30")};
  until.text = "2024-09-30";
  Rule r;
  r.id = "dated";
  r.title = "in force until September";
  r.in_force = b.compare(b.check_date("today"), CompareOp::le, until, "today <= 2024-09-30");
  r.in_force_text = "until 2024-09-30";
  r.otherwise.status = Status::pass;
  b.add_rule(r);
  auto graph = std::move(b).build();
  auto status = [&](std::string_view as_of) {
    EvaluationOptions options;
    options.as_of = Date::parse(as_of);
    return check_live(graph, {}, collection({}), {}, options).rules.at(0).status;
  };
  CHECK(status("2024-09-30") == Status::pass);
  CHECK(status("2024-10-01") == Status::not_applicable);
  CHECK(check_live(graph, {}, collection({})).rules.at(0).status == Status::unknown);  // undated
}
