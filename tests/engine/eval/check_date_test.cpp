// Tests for the check date in engine/eval: check_date nodes (what `today` and windows in time
// lower to), comparisons of facts with it, rules limited in time, `between` ranges, and the
// warnings about the policy's effective date — on graphs built directly with GraphBuilder,
// every evaluation with an explicit as-of (never the clock).
#include <catch2/catch.hpp>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/graph.hpp"
#include "engine/facts/fact_dump.hpp"

using namespace tekigo::engine;

namespace {

FactValue facts(std::string_view json) {
  auto load =
      parse_facts(json, "test.json", FactFormat::json, FactLoadOptions{.require_header = false});
  REQUIRE(load.errors.empty());
  REQUIRE(load.documents.size() == 1);
  return load.documents.front().root;
}

Date date(std::string_view text) {
  auto d = Date::parse(text);
  REQUIRE(d);
  return *d;
}

Literal literal(FactType type, Scalar value, std::string text) {
  Literal l;
  l.type = type;
  l.values.push_back(std::move(value));
  l.text = std::move(text);
  return l;
}

Literal date_literal(std::string_view text) {
  return literal(FactType::date, date(text), std::string(text));
}

EvaluationOptions as_of(std::string_view text) {
  EvaluationOptions options;
  options.as_of = date(text);
  return options;
}

Rule rule_of(std::string id, NodeId fail_when) {
  Rule r;
  r.id = std::move(id);
  r.title = "test rule";
  Case c;
  c.when = fail_when;
  c.status = Status::fail;
  c.message = "failed";
  r.cases.push_back(c);
  r.otherwise.status = Status::pass;
  r.otherwise.message = "passed";
  return r;
}

}  // namespace

TEST_CASE("the check date is the evaluation's as-of, unknown when there is none",
          "[evaluator][check-date]") {
  GraphBuilder b;
  NodeId today = b.check_date("today");
  NodeId after = b.compare(today, CompareOp::ge, date_literal("2024-10-01"), "today >= 2024-10-01");
  NodeId on = b.compare(today, CompareOp::eq, date_literal("2024-10-01"), "today == 2024-10-01");
  NodeId set = b.present(today, "today is present");
  auto graph = std::move(b).build();

  Evaluation before(graph, as_of("2024-09-30"));
  before.reset(facts("{}"));
  CHECK(before.value_of(after) == Tri::no);
  CHECK(before.value_of(on) == Tri::no);
  CHECK(before.value_of(set) == Tri::yes);

  Evaluation that_day(graph, as_of("2024-10-01"));
  that_day.reset(facts("{}"));
  CHECK(that_day.value_of(after) == Tri::yes);
  CHECK(that_day.value_of(on) == Tri::yes);

  Evaluation undated(graph);  // no as-of: never a guess
  undated.reset(facts("{}"));
  CHECK(undated.value_of(after) == Tri::unknown);
  CHECK(undated.value_of(set) == Tri::no);

  // A dump cannot supply it: a top-level `today` key is just an unknown fact.
  undated.reset(facts(R"({"today": "2030-01-01"})"));
  CHECK(undated.value_of(after) == Tri::unknown);
  // …and feeding facts never changes it.
  before.feed(facts(R"({"today": "2030-01-01"})"));
  CHECK(before.value_of(after) == Tri::no);
}

TEST_CASE("a timestamp fact compares with the check date by the date it was written",
          "[evaluator][check-date]") {
  GraphBuilder b;
  NodeId at = b.fact(0, {"collected", "at"}, FactType::timestamp);
  NodeId today = b.check_date("today");
  NodeId earlier = b.compare_with_check_date(at, CompareOp::lt, FactType::timestamp, today,
                                             "collected.at < today");
  b.add_rule(rule_of("stale", b.negate(earlier)));
  auto graph = std::move(b).build();

  Evaluation e(graph, as_of("2024-10-01"));
  // 23:30 on 30 September in Tokyo is the 30th where it was written (the 30th in UTC too).
  e.reset(facts(R"({"collected": {"at": "2024-09-30T23:30:00+09:00"}})"));
  CHECK(e.value_of(earlier) == Tri::yes);
  e.reset(facts(R"({"collected": {"at": "2024-10-01T00:10:00+09:00"}})"));
  CHECK(e.value_of(earlier) == Tri::no);  // that day, as written, is the check date
  const auto& out = e.outcomes()[0];
  CHECK(out.status == Status::fail);
  REQUIRE(out.evidence.size() == 2);
  CHECK(out.evidence[0].path == "collected.at");
  CHECK(out.evidence[0].expected == "< today");
  CHECK(out.evidence[1].path == "today");
  CHECK(out.evidence[1].value == "2024-10-01");

  e.reset(facts(R"({})"));
  CHECK(e.value_of(earlier) == Tri::unknown);  // no timestamp: unknown, never a pass

  Evaluation undated(graph);
  undated.reset(facts(R"({"collected": {"at": "2020-01-01T00:00:00Z"}})"));
  CHECK(undated.value_of(earlier) == Tri::unknown);
  const auto& unknown = undated.outcomes()[0];
  CHECK(unknown.status == Status::unknown);
  CHECK(unknown.message == "cannot decide: no check date was given");
}

TEST_CASE("a rule outside its window is n/a and says when it is in force; undated it is unknown",
          "[evaluator][check-date]") {
  GraphBuilder b;
  NodeId today = b.check_date("today");
  NodeId from = b.compare(today, CompareOp::ge, date_literal("2024-10-01"), "today >= 2024-10-01");
  NodeId until = b.compare(today, CompareOp::le, date_literal("2025-03-31"), "today <= 2025-03-31");
  NodeId windows = b.compare(b.fact(0, {"os", "family"}, FactType::enumeration), CompareOp::eq,
                             Literal{FactType::enumeration, {std::string("windows")}, "windows"},
                             "os.family == windows");
  Rule r = rule_of("limited", b.negate(windows));
  r.in_force = b.all_of({from, until}, "from 2024-10-01 until 2025-03-31");
  r.in_force_text = "from 2024-10-01 until 2025-03-31";
  b.add_rule(r);
  auto graph = std::move(b).build();
  const FactValue mac = facts(R"({"os": {"family": "macos"}})");

  auto outcome = [&](EvaluationOptions options) {
    Evaluation e(graph, options);
    e.reset(mac);
    return e.outcomes()[0];
  };
  const RuleOutcome early = outcome(as_of("2024-09-30"));
  CHECK(early.status == Status::not_applicable);
  CHECK(early.message ==
        "not in force as of 2024-09-30: in force from 2024-10-01 until 2025-03-31");
  REQUIRE(early.evidence.size() == 1);
  CHECK(early.evidence[0].path == "today");
  CHECK(early.evidence[0].expected == ">= 2024-10-01");

  CHECK(outcome(as_of("2024-10-01")).status == Status::fail);  // both days included
  CHECK(outcome(as_of("2025-03-31")).status == Status::fail);
  CHECK(outcome(as_of("2025-04-01")).status == Status::not_applicable);

  const RuleOutcome undated = outcome({});
  CHECK(undated.status == Status::unknown);
  CHECK(undated.message ==
        "cannot decide: no check date was given (the rule is in force from 2024-10-01 until "
        "2025-03-31)");
  REQUIRE_FALSE(undated.evidence.empty());
  CHECK(undated.evidence[0].value == "not set");
}

TEST_CASE("between: an inclusive range, versions as lines", "[evaluator]") {
  GraphBuilder b;
  NodeId ver = b.fact(0, {"os", "version"}, FactType::version);
  Literal range;
  range.type = FactType::version;
  range.values = {*Version::parse_dotted_strict("12"), *Version::parse_dotted_strict("14")};
  range.text = "[12..14]";
  NodeId in = b.compare(ver, CompareOp::between, range, "os.version in [12..14]");
  b.add_rule(rule_of("macos", b.negate(in)));
  auto graph = std::move(b).build();
  Evaluation e(graph);
  auto value = [&](std::string_view v) {
    e.reset(
        FactValue::map({{"os", FactValue::map({{"version", FactValue::string(std::string(v))}})}}));
    return e.value_of(in);
  };
  CHECK(value("11.7.10") == Tri::no);
  CHECK(value("12.0") == Tri::yes);
  CHECK(value("13.6.1") == Tri::yes);
  CHECK(value("14.6") == Tri::yes);  // <= 14 holds for the whole 14 line
  CHECK(value("15.0") == Tri::no);
  CHECK(value("unreadable") == Tri::unknown);
  value("11.7");
  const auto& out = e.outcomes()[0];
  REQUIRE(out.evidence.size() == 1);
  CHECK(out.evidence[0].expected == "in [12..14]");
}

TEST_CASE("warnings: a check date or a dump collected before the policy's effective date",
          "[evaluator][check-date]") {
  GraphBuilder b;
  b.add_rule(rule_of("any", b.constant(Tri::no)));
  b.set_effective(date("2024-10-01"));
  auto graph = std::move(b).build();
  REQUIRE(graph->effective() == date("2024-10-01"));

  auto warnings = [&](EvaluationOptions options, std::string_view json) {
    Evaluation e(graph, options);
    e.reset(facts(json));
    return e.warnings();
  };
  const char* before = R"({"collected": {"at": "2024-09-30T23:00:00+09:00"}})";
  const char* on = R"({"collected": {"at": "2024-10-01T08:00:00+09:00"}})";
  CHECK(warnings(as_of("2024-10-01"), on).empty());
  CHECK(warnings(as_of("2024-10-01"), R"({})").empty());  // no timestamp: nothing to say
  CHECK(warnings(as_of("2024-10-01"), before) ==
        std::vector<std::string>{
            "collected on 2024-09-30 (collected.at), before the policy's effective date "
            "2024-10-01: its facts may predate this revision; collect them again"});
  CHECK(warnings(as_of("2024-09-30"), on) ==
        std::vector<std::string>{"checked as of 2024-09-30, before the policy's effective date "
                                 "2024-10-01: this revision is not in force yet"});
  CHECK(warnings(as_of("2024-09-30"), before).size() == 2);
  CHECK(warnings({}, on).empty());  // no check date: nothing to compare

  // evaluate() carries them into the result; they never change the verdict.
  EvaluationOptions early = as_of("2024-09-01");
  TerminalResult r = evaluate(graph, facts(before), "d.json", early);
  CHECK(r.warnings.size() == 2);
  CHECK(r.verdict == Verdict::pass);

  // A graph without an effective date warns about nothing.
  GraphBuilder plain;
  plain.add_rule(rule_of("any", plain.constant(Tri::no)));
  auto no_date = std::move(plain).build();
  CHECK(evaluate(no_date, facts(before), "d.json", early).warnings.empty());
}
