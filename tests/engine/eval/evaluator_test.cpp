// Tests for engine/evaluator: three-valued logic, typed comparisons, quantifiers,
// decision lists, hash-consing and incremental re-evaluation — on graphs built directly
// with GraphBuilder (no policy syntax involved).
#include <catch2/catch.hpp>

#include "engine/eval/evaluator.hpp"
#include "engine/eval/graph.hpp"
#include "engine/facts/fact_dump.hpp"

#include <fmt/format.h>

#include <random>
#include <thread>

using namespace tekigo::engine;

namespace {

FactValue facts(std::string_view json) {
  auto load =
      parse_facts(json, "test.json", FactFormat::json, FactLoadOptions{.require_header = false});
  REQUIRE(load.errors.empty());
  REQUIRE(load.documents.size() == 1);
  return load.documents.front().root;
}

Literal lit(FactType type, Scalar value, std::string text) {
  Literal l;
  l.type = type;
  l.values.push_back(std::move(value));
  l.text = std::move(text);
  return l;
}

Version version(std::string_view text) {
  auto v = Version::parse_dotted_strict(text);
  REQUIRE(v);
  return *v;
}

Rule rule_of(std::string id, std::vector<Case> cases, Status otherwise = Status::pass) {
  Rule r;
  r.id = std::move(id);
  r.cite = "§test";
  r.title = "test rule";
  r.cases = std::move(cases);
  r.otherwise.status = otherwise;
  r.otherwise.message = "otherwise";
  return r;
}

Case when(NodeId id, Status status, std::string message = "case") {
  Case c;
  c.when = id;
  c.status = status;
  c.message = std::move(message);
  return c;
}

}  // namespace

TEST_CASE("three-valued logic follows Kleene's tables", "[evaluator]") {
  GraphBuilder b;
  NodeId yes = b.truthy(b.fact(0, {"features", "a"}, FactType::boolean));
  NodeId no = b.truthy(b.fact(0, {"features", "b"}, FactType::boolean));
  NodeId unknown = b.truthy(b.fact(0, {"features", "missing"}, FactType::boolean));
  NodeId and_no_unknown = b.all_of({no, unknown});
  NodeId and_yes_unknown = b.all_of({yes, unknown});
  NodeId or_yes_unknown = b.any_of({yes, unknown});
  NodeId or_no_unknown = b.any_of({no, unknown});
  NodeId not_unknown = b.negate(unknown);
  NodeId present = b.present(b.fact(0, {"features", "missing"}, FactType::boolean));
  auto graph = std::move(b).build();
  Evaluation e(graph);
  e.reset(facts(R"({"features": {"a": true, "b": false}})"));
  CHECK(e.value_of(yes) == Tri::yes);
  CHECK(e.value_of(no) == Tri::no);
  CHECK(e.value_of(unknown) == Tri::unknown);
  CHECK(e.value_of(and_no_unknown) == Tri::no);
  CHECK(e.value_of(and_yes_unknown) == Tri::unknown);
  CHECK(e.value_of(or_yes_unknown) == Tri::yes);
  CHECK(e.value_of(or_no_unknown) == Tri::unknown);
  CHECK(e.value_of(not_unknown) == Tri::unknown);
  CHECK(e.value_of(present) == Tri::no);  // `is present` is never unknown
}

TEST_CASE(
    "comparisons are typed: versions by line, releases by time, sizes, addresses, text ignoring "
    "case",
    "[evaluator]") {
  GraphBuilder b;
  NodeId ver = b.fact(0, {"os", "version"}, FactType::version);
  NodeId rel = b.fact(0, {"os", "release"}, FactType::release);
  NodeId disk = b.fact(0, {"disk", "system_free_bytes"}, FactType::size);
  NodeId name = b.fact(0, {"os", "name"}, FactType::string);
  NodeId in_line =
      b.compare(ver, CompareOp::eq, lit(FactType::version, version("10.13"), "10.13"), "");
  NodeId not_line =
      b.compare(ver, CompareOp::eq, lit(FactType::version, version("10.1"), "10.1"), "");
  NodeId le_line =
      b.compare(ver, CompareOp::le, lit(FactType::version, version("10.13"), "10.13"), "");
  NodeId lt_line =
      b.compare(ver, CompareOp::lt, lit(FactType::version, version("10.14"), "10.14"), "");
  NodeId gt_line =
      b.compare(ver, CompareOp::gt, lit(FactType::version, version("10.13"), "10.13"), "");
  auto release = [](std::string_view t) {
    return *Version::parse(t, VersionScheme::windows_release);
  };
  NodeId after_2004 =
      b.compare(rel, CompareOp::gt, lit(FactType::release, release("2004"), "2004"), "");
  NodeId before_21h1 =
      b.compare(rel, CompareOp::lt, lit(FactType::release, release("21H1"), "21H1"), "");
  NodeId enough =
      b.compare(disk, CompareOp::ge, lit(FactType::size, *ByteSize::parse("100MiB"), "100MiB"), "");
  NodeId too_much =
      b.compare(disk, CompareOp::ge, lit(FactType::size, *ByteSize::parse("200MB"), "200MB"), "");
  NodeId text = b.compare(name, CompareOp::eq,
                          lit(FactType::string, std::string("MAC OS X"), "MAC OS X"), "");
  auto graph = std::move(b).build();
  Evaluation e(graph);
  e.reset(facts(R"({"os": {"name": "Mac OS X", "version": "10.13.6", "release": "20H2"},
                    "disk": {"system_free_bytes": 104857600}})"));
  CHECK(e.value_of(in_line) == Tri::yes);  // 10.13.6 is in line 10.13
  CHECK(e.value_of(not_line) == Tri::no);  // … but not in line 10.1
  CHECK(e.value_of(le_line) == Tri::yes);  // <= 10.13 takes the whole 10.13 line
  CHECK(e.value_of(lt_line) == Tri::yes);
  CHECK(e.value_of(gt_line) == Tri::no);      // > 10.13 excludes the 10.13 line
  CHECK(e.value_of(after_2004) == Tri::yes);  // 20H2 came after 2004
  CHECK(e.value_of(before_21h1) == Tri::yes);
  CHECK(e.value_of(enough) == Tri::yes);  // exactly 100 MiB
  CHECK(e.value_of(too_much) == Tri::no);
  CHECK(e.value_of(text) == Tri::yes);
  // A fact of the wrong shape (which dump validation would reject) is unknown, never a pass.
  e.reset(FactValue::map(
      {{"os", FactValue::map({{"version", FactValue::string("unreadable")}})},
       {"disk", FactValue::map({{"system_free_bytes", FactValue::string("lots")}})}}));
  CHECK(e.value_of(in_line) == Tri::unknown);
  CHECK(e.value_of(enough) == Tri::unknown);
}

TEST_CASE("quantifiers: any, all and none over lists, with unknown elements", "[evaluator]") {
  GraphBuilder b;
  NodeId list = b.fact(0, {"software"}, FactType::list);
  NodeId name = b.fact(1, {"name"}, FactType::string);
  NodeId ver = b.fact(1, {"version"}, FactType::version);
  NodeId kaspersky = b.match(name, "kaspersky", "name ~ kaspersky");
  NodeId six = b.compare(ver, CompareOp::eq, lit(FactType::version, version("6.x"), "6.x"),
                         "version == 6.x");
  NodeId any_k6 = b.exists(list, b.all_of({kaspersky, six}), "k6");
  NodeId all_named = b.forall(list, b.present(name), "all named");
  NodeId none_k = b.negate(b.exists(list, kaspersky));
  auto graph = std::move(b).build();
  Evaluation e(graph);

  e.reset(facts(R"({"software": [{"name": "7-Zip", "version": "19.00"},
                                 {"name": "Kaspersky Anti-Virus 6.0 for Windows Workstations", "version": "6.0.4.1611"}]})"));
  CHECK(e.value_of(any_k6) == Tri::yes);
  CHECK(e.value_of(all_named) == Tri::yes);
  CHECK(e.value_of(none_k) == Tri::no);

  // Kaspersky without a version: cannot tell whether it is 6.x.
  e.reset(facts(R"({"software": [{"name": "Kaspersky Endpoint Security"}]})"));
  CHECK(e.value_of(any_k6) == Tri::unknown);
  // Kaspersky 10 and an unversioned program: certainly not 6.x… unless the unversioned is
  // Kaspersky.
  e.reset(facts(R"({"software": [{"name": "Kaspersky 10", "version": "10.2"}, {"name": "Foo"}]})"));
  CHECK(e.value_of(any_k6) == Tri::no);
  // An empty list: nothing matches, everything holds.
  e.reset(facts(R"({"software": []})"));
  CHECK(e.value_of(any_k6) == Tri::no);
  CHECK(e.value_of(all_named) == Tri::yes);
  // No list at all: unknown, never a pass.
  e.reset(facts(R"({})"));
  CHECK(e.value_of(any_k6) == Tri::unknown);
  CHECK(e.value_of(none_k) == Tri::unknown);
}

TEST_CASE(
    "decision lists: first true case decides; unknown earlier cases only matter if they could "
    "change it",
    "[evaluator]") {
  GraphBuilder b;
  NodeId a = b.truthy(b.fact(0, {"features", "a"}, FactType::boolean));
  NodeId c = b.truthy(b.fact(0, {"features", "c"}, FactType::boolean));
  b.add_rule(rule_of("same-status", {when(a, Status::fail, "a"), when(c, Status::fail, "c")}));
  b.add_rule(rule_of("different-status", {when(a, Status::warn, "a"), when(c, Status::fail, "c")}));
  b.add_rule(rule_of("falls-through", {when(c, Status::fail, "c")}, Status::pass));
  auto graph = std::move(b).build();
  Evaluation e(graph);
  e.reset(facts(R"({"features": {"c": true}})"));  // a unknown, c true
  const auto& out = e.outcomes();
  REQUIRE(out.size() == 3);
  CHECK(out[0].status == Status::fail);  // whatever `a` is, the rule fails
  CHECK(out[0].message == "c");
  CHECK(out[1].status == Status::unknown);  // warn if a, fail if not: cannot say
  CHECK(out[1].message.find("features.a") != std::string::npos);
  CHECK(out[2].status == Status::fail);
  e.reset(facts(R"({"features": {"a": false, "c": false}})"));
  CHECK(e.outcomes()[2].status == Status::pass);
  CHECK(e.outcomes()[2].message == "otherwise");
}

TEST_CASE("manual rules are manual until a person attests, then decided", "[evaluator]") {
  GraphBuilder b;
  NodeId lb = b.fact(0, {"attested", "load_balancer"}, FactType::scalar);
  NodeId has_lb = b.compare(lb, CompareOp::eq, lit(FactType::scalar, true, "true"), "");
  Rule r = rule_of("lb", {when(has_lb, Status::fail, "a load balancer is on the path")});
  r.manual_when_absent = true;
  r.manual_message = "check by hand";
  b.add_rule(r);
  auto graph = std::move(b).build();
  Evaluation e(graph);
  e.reset(facts(R"({})"));
  CHECK(e.outcomes()[0].status == Status::manual);
  CHECK(e.outcomes()[0].message == "check by hand");
  // Attested facts come with who attested them (engine/facts/attestation.hpp).
  const std::string by = R"("attestation": {"by": "x", "at": "2021-01-18", "covers": ["*"]})";
  e.reset(facts(R"({"attested": {"load_balancer": true}, )" + by + "}"));
  CHECK(e.outcomes()[0].status == Status::fail);
  e.reset(facts(R"({"attested": {"load_balancer": false}, )" + by + "}"));
  CHECK(e.outcomes()[0].status == Status::pass);
}

TEST_CASE("identical sub-expressions are one node", "[evaluator][graph]") {
  GraphBuilder b;
  NodeId f1 = b.fact(0, {"os", "family"}, FactType::enumeration);
  NodeId f2 = b.fact(0, {"os", "family"}, FactType::enumeration);
  CHECK(f1 == f2);
  NodeId c1 = b.compare(f1, CompareOp::eq,
                        lit(FactType::enumeration, std::string("windows"), "windows"), "a");
  NodeId c2 = b.compare(f2, CompareOp::eq,
                        lit(FactType::enumeration, std::string("Windows"), "Windows"), "b");
  CHECK(c1 == c2);  // text is compared ignoring case, so the literals mean the same
  NodeId s1 = b.compare(b.fact(0, {"disk", "system_free_bytes"}, FactType::size), CompareOp::ge,
                        lit(FactType::size, *ByteSize::parse("100MB"), "100MB"), "");
  NodeId s2 = b.compare(b.fact(0, {"disk", "system_free_bytes"}, FactType::size), CompareOp::ge,
                        lit(FactType::size, *ByteSize::parse("100000000"), "100000000"), "");
  CHECK(s1 == s2);  // 100MB is 10^6 × 100 bytes
  NodeId v1 = b.compare(b.fact(1, {"version"}, FactType::version), CompareOp::eq,
                        lit(FactType::version, version("6.0"), "6.0"), "");
  NodeId v2 = b.compare(b.fact(1, {"version"}, FactType::version), CompareOp::eq,
                        lit(FactType::version, version("6"), "6"), "");
  CHECK(v1 != v2);  // different version lines
  NodeId m1 = b.match(b.fact(1, {"name"}, FactType::string), "kaspersky", "");
  NodeId m2 = b.match(b.fact(1, {"name"}, FactType::string), "kaspersky", "");
  CHECK(m1 == m2);
  NodeId root_name = b.fact(0, {"name"}, FactType::string);
  CHECK(root_name != b.fact(1, {"name"}, FactType::string));  // scopes differ
  auto graph = std::move(b).build();
  CHECK(graph->stats().shared >= 5);
  CHECK(graph->stats().patterns == 1);  // one compiled pattern for both matches
}

TEST_CASE("feeding a new fact re-evaluates only the nodes that read it",
          "[evaluator][incremental]") {
  GraphBuilder b;
  NodeId family = b.compare(b.fact(0, {"os", "family"}, FactType::enumeration), CompareOp::eq,
                            lit(FactType::enumeration, std::string("windows"), "windows"), "");
  NodeId disk = b.compare(b.fact(0, {"disk", "system_free_bytes"}, FactType::size), CompareOp::ge,
                          lit(FactType::size, ByteSize{100}, "100B"), "");
  NodeId software = b.exists(b.fact(0, {"software"}, FactType::list),
                             b.match(b.fact(1, {"name"}, FactType::string), "itunes", ""));
  NodeId os_and_disk = b.all_of({family, disk});
  b.add_rule(rule_of("os", {when(b.negate(family), Status::fail)}));
  b.add_rule(rule_of("os-disk", {when(b.negate(os_and_disk), Status::fail)}));
  b.add_rule(rule_of("itunes", {when(software, Status::fail)}));
  auto graph = std::move(b).build();

  Evaluation e(graph);
  e.feed(facts(R"({"os": {"family": "windows"}})"));
  e.outcomes();
  const auto first = e.stats();
  CHECK(first.rule_evaluations == 3);
  CHECK(e.outcomes()[0].status == Status::pass);
  CHECK(e.outcomes()[1].status == Status::unknown);  // disk not yet known
  CHECK(e.outcomes()[2].status == Status::unknown);

  // A second part arrives: software. Only the software quantifier (and its rule) is recomputed.
  e.feed(facts(R"({"software": [{"name": "7-Zip"}, {"name": "iTunes"}]})"));
  e.outcomes();
  const auto second = e.stats();
  CHECK(second.rule_evaluations - first.rule_evaluations == 1);
  CHECK(second.node_evaluations - first.node_evaluations == 1);  // the `exists` node alone
  // The list scan finds iTunes in one pass over the joined names: 7-Zip is never visited.
  CHECK(second.element_evaluations - first.element_evaluations == 1);
  CHECK(e.outcomes()[2].status == Status::fail);

  // Then disk: the disk comparison, the `and` over it, its negation, and one rule.
  e.feed(facts(R"({"disk": {"system_free_bytes": 5000}})"));
  e.outcomes();
  const auto third = e.stats();
  CHECK(third.rule_evaluations - second.rule_evaluations == 1);
  CHECK(third.node_evaluations - second.node_evaluations == 3);
  CHECK(third.element_evaluations == second.element_evaluations);  // software untouched
  CHECK(e.outcomes()[1].status == Status::pass);

  // Nothing new: nothing recomputed.
  e.outcomes();
  CHECK(e.stats().node_evaluations == third.node_evaluations);
  CHECK(e.stats().rule_evaluations == third.rule_evaluations);

  // The same result as evaluating the merged facts at once.
  Evaluation whole(graph);
  whole.reset(e.facts());
  for (std::size_t i = 0; i < 3; ++i) CHECK(whole.outcomes()[i].status == e.outcomes()[i].status);
}

TEST_CASE("evidence names the decisive facts by their path in the dump", "[evaluator][evidence]") {
  GraphBuilder b;
  NodeId itunes =
      b.exists(b.fact(0, {"software"}, FactType::list),
               b.match(b.fact(1, {"name"}, FactType::string), "^itunes", "name ~ \"^itunes\""),
               "any software (name ~ \"^itunes\")");
  b.add_rule(rule_of("itunes", {when(itunes, Status::fail, "installed: iTunes")}));
  auto graph = std::move(b).build();
  Evaluation e(graph);
  e.reset(facts(R"({"software": [{"name": "7-Zip"}, {"name": "Bonjour"}, {"name": "iTunes"}]})"));
  const auto& out = e.outcomes()[0];
  CHECK(out.status == Status::fail);
  REQUIRE(out.evidence.size() == 1);
  CHECK(out.evidence[0].path == "software[2].name");
  CHECK(out.evidence[0].value == "iTunes");
  CHECK(out.evidence[0].expected == "~ \"^itunes\"");

  e.reset(facts(R"({"software": [{"name": "7-Zip"}]})"));
  const auto& pass = e.outcomes()[0];
  CHECK(pass.status == Status::pass);
  REQUIRE(pass.evidence.size() == 1);
  CHECK(pass.evidence[0].path == "software");
  CHECK(pass.evidence[0].value.find("none matching") != std::string::npos);

  e.reset(facts(R"({})"));
  const auto& unknown = e.outcomes()[0];
  CHECK(unknown.status == Status::unknown);
  REQUIRE(unknown.evidence.size() == 1);
  CHECK(unknown.evidence[0].absent);
  CHECK(unknown.message.find("`software`") != std::string::npos);
}

TEST_CASE("one graph is shared by evaluations on several threads", "[evaluator][graph]") {
  GraphBuilder b;
  NodeId itunes = b.exists(b.fact(0, {"software"}, FactType::list),
                           b.match(b.fact(1, {"name"}, FactType::string), "itunes"));
  b.add_rule(rule_of("itunes", {when(itunes, Status::fail)}));
  auto graph = std::move(b).build();
  FactValue bad = facts(R"({"software": [{"name": "iTunes"}]})");
  FactValue good = facts(R"({"software": [{"name": "7-Zip"}]})");
  std::vector<int> fails(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      Evaluation e(graph);
      for (int i = 0; i < 500; ++i) {
        e.reset(i % 2 ? bad : good);
        if (e.outcomes()[0].status == Status::fail) ++fails[t];
      }
    });
  for (auto& th : threads) th.join();
  for (int f : fails) CHECK(f == 250);
}

TEST_CASE("the list scan gives the same answer as visiting every element", "[evaluator][scan]") {
  // Each quantifier is built twice: `any software (P)` (pre-filtered by the scan) and
  // `any software (P or false)`, which the scan does not recognise and which therefore visits
  // every element. Over random lists they must agree, unknowns included.
  const std::vector<std::string> patterns = {"^itunes( |$)",
                                             "openvpn",
                                             "check ?point",
                                             "^bonjour",
                                             "virtualbox|vmware (workstation|player)",
                                             "tools$",
                                             "\\Aseven",
                                             "(?i)zip",
                                             "^$",
                                             "a\\nb",
                                             "[^x]{3}z",
                                             "\\bnet\\b",
                                             "kaspersky"};
  const std::vector<std::string> names = {
      "iTunes", "iTunes 12", "iTunesHelper", "OpenVPN 2.4", "Check Point VPN", "checkpoint",
      "Bonjour", "My Bonjour", "VMware Player", "VirtualBox 6", "HP ProtectTools", "tools extra",
      "7-Zip", "seven zip", "Seven", "", "a", "b", "net", ".NET Framework", "dotnet", "x\nnet",
      "line\nbreak", "Kaspersky",
      "\xE2\x84\xAA"
      "aspersky AV",
      "Ka\xC5\xBFpersky",
      "\xE3\x82\xAB\xE3\x82\xB9\xE3\x83\x9A\xE3\x83\xAB\xE3\x82\xB9\xE3\x82\xAD\xE3\x83\xBC",
      // long names: the joined text spans several chunks
      std::string(700, 'q'), std::string(1030, 'x'), std::string(300, 'y') + " OpenVPN",
      std::string(500, 'z') + "\nitunes"};
  GraphBuilder b;
  NodeId list = b.fact(0, {"software"}, FactType::list);
  NodeId name = b.fact(1, {"name"}, FactType::string);
  NodeId version_fact = b.fact(1, {"version"}, FactType::version);
  NodeId is_two = b.compare(version_fact, CompareOp::eq, lit(FactType::version, version("2"), "2"));
  NodeId never = b.constant(Tri::no);
  std::vector<std::pair<NodeId, NodeId>> pairs;  // (scanned, visited)
  for (const auto& p : patterns) {
    NodeId m = b.match(name, p, p);
    NodeId with_version = b.all_of({m, is_two});
    pairs.emplace_back(b.exists(list, m), b.exists(list, b.any_of({m, never})));
    pairs.emplace_back(b.exists(list, with_version),
                       b.exists(list, b.any_of({with_version, never})));
  }
  // A rule per quantifier, so that the evidence of each can be compared too.
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    b.add_rule(rule_of(fmt::format("s{}", i), {when(pairs[i].first, Status::fail)}));
    b.add_rule(rule_of(fmt::format("v{}", i), {when(pairs[i].second, Status::fail)}));
  }
  auto graph = std::move(b).build();
  REQUIRE(graph->stats().list_scans >= 1);

  std::mt19937 random(20261125);
  Evaluation e(graph);
  std::size_t checked = 0, yes = 0, unknown = 0;
  for (int round = 0; round < 400; ++round) {
    FactValue::List software;
    std::size_t count = random() % (round % 4 == 0 ? 40 : 12);
    for (std::size_t i = 0; i < count; ++i) {
      FactValue::Map entry;
      switch (random() % 10) {
        case 0:
          break;  // no name: unknown
        case 1:
          entry.emplace_back("name", FactValue::integer(7));  // not text: unknown
          break;
        case 2:
          // A key twice (only a hand-built map can have it): the first one counts, for the
          // scan as for a lookup — also after an element that has the key where this one has
          // its second (case 3).
          entry.emplace_back("name", random() % 2
                                         ? FactValue::integer(3)
                                         : FactValue::string(names[random() % names.size()]));
          entry.emplace_back("name", FactValue::string(names[random() % names.size()]));
          break;
        case 3:
          entry.emplace_back("publisher", FactValue::string("Apple"));
          entry.emplace_back("name", FactValue::string(names[random() % names.size()]));
          break;
        default:
          entry.emplace_back("name", FactValue::string(names[random() % names.size()]));
      }
      if (random() % 3 != 0)
        entry.emplace_back("version", FactValue::string(random() % 2 ? "2.1" : "3"));
      software.push_back(FactValue::map(std::move(entry)));
    }
    FactValue root = FactValue::map();
    root.set("software", FactValue::list(std::move(software)));
    e.reset(root);
    const auto& outcomes = e.outcomes();
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      Tri a = e.value_of(pairs[i].first), v = e.value_of(pairs[i].second);
      INFO("round " << round << ", quantifier " << i << ", facts " << root.render(4000));
      REQUIRE(a == v);
      const RuleOutcome& so = outcomes[2 * i];
      const RuleOutcome& vo = outcomes[2 * i + 1];
      REQUIRE(so.status == vo.status);
      REQUIRE(so.evidence.size() == vo.evidence.size());
      for (std::size_t k = 0; k < so.evidence.size(); ++k) {
        CHECK(so.evidence[k].path == vo.evidence[k].path);
        CHECK(so.evidence[k].value == vo.evidence[k].value);
      }
      ++checked;
      yes += a == Tri::yes;
      unknown += a == Tri::unknown;
    }
  }
  CHECK(checked == 400 * pairs.size());
  CHECK(yes > 100);      // the lists do contain matches
  CHECK(unknown > 100);  // and elements without a readable name
}

TEST_CASE("after feed() the list scans see the new list, as a fresh evaluation does",
          "[evaluator][scan][incremental]") {
  GraphBuilder b;
  NodeId list = b.fact(0, {"software"}, FactType::list);
  NodeId name = b.fact(1, {"name"}, FactType::string);
  NodeId itunes = b.exists(list, b.match(name, "^itunes( |$)", "itunes"));
  NodeId openvpn = b.exists(list, b.match(name, "openvpn", "openvpn"));
  NodeId zip = b.exists(list, b.all_of({b.match(name, "zip", "zip"),
                                        b.exists(list, b.match(name, "openvpn", "openvpn"))}));
  b.add_rule(rule_of("itunes", {when(itunes, Status::fail)}));
  b.add_rule(rule_of("openvpn", {when(openvpn, Status::warn)}));
  b.add_rule(rule_of("zip-and-openvpn", {when(zip, Status::fail)}));
  auto graph = std::move(b).build();
  REQUIRE(graph->stats().list_scans == 1);

  const std::vector<std::string> parts = {
      R"({"software": [{"name": "7-Zip"}, {"name": "Office"}]})",
      R"({"software": [{"name": "iTunes"}, {"name": "7-Zip"}]})",
      R"({"software": [{"name": "OpenVPN 2.4"}, {"name": "7-Zip", "version": "1"}]})",
      R"({"software": []})",
      R"({"os": {"family": "windows"}})",
      R"({"software": [{"name": "itunes"}, {"name": "openvpn"}]})",
  };
  Evaluation incremental(graph);
  FactValue merged = FactValue::map();
  for (int round = 0; round < 3; ++round) {
    for (const auto& text : parts) {
      FactValue part = facts(text);
      incremental.feed(part);
      merge_facts(merged, part, nullptr);
      Evaluation fresh(graph);
      fresh.reset(merged);
      const auto& a = incremental.outcomes();
      const auto& f = fresh.outcomes();
      REQUIRE(a.size() == f.size());
      for (std::size_t r = 0; r < a.size(); ++r) {
        INFO("after " << text << ", rule " << a[r].id);
        CHECK(a[r].status == f[r].status);
        CHECK(a[r].message == f[r].message);
        REQUIRE(a[r].evidence.size() == f[r].evidence.size());
        for (std::size_t e = 0; e < a[r].evidence.size(); ++e)
          CHECK(a[r].evidence[e].path == f[r].evidence[e].path);
      }
    }
  }
  // The last part names both: the nested quantifier (its inner `any` reads the same scan while
  // the outer one walks its candidates) sees both programs.
  CHECK(incremental.outcomes()[0].status == Status::fail);
  CHECK(incremental.outcomes()[1].status == Status::warn);
}
