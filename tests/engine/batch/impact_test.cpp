// Tests for the impact of a revision: the batch under two graphs (one read of each dump feeds
// both evaluations), ImpactBuilder's tallies (verdict transitions, rules by status change and
// nature, unknown rules with what they lack), and rule_fingerprint.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "engine/batch/impact.hpp"
#include "engine/eval/graph_text.hpp"
#include "support/stdin_pipe.hpp"

using namespace tekigo::engine;
using tekigo::test::StdinPipe;

namespace {

Literal enumeration(const std::string& value) {
  Literal l;
  l.type = FactType::enumeration;
  l.values = {value};
  l.text = value;
  return l;
}

Literal fqdn(const std::string& name) {
  Literal l;
  l.type = FactType::fqdn;
  l.values = {*Fqdn::parse(name)};
  l.text = name;
  return l;
}

// `id`: fail unless os.family is `family`.
void add_family_rule(GraphBuilder& b, const std::string& id, const std::string& family,
                     std::string message = "not the family", SourceRef where = {}) {
  NodeId is = b.compare(b.fact(0, {"os", "family"}, FactType::enumeration), CompareOp::eq,
                        enumeration(family), "os.family == " + family);
  Rule r;
  r.id = id;
  r.cite = "§1";
  r.title = "runs " + family;
  r.kind = "check";
  r.where = where;
  Case c;
  c.when = b.negate(is);
  c.status = Status::fail;
  c.message = std::move(message);
  c.where = where;
  r.cases = {c};
  r.otherwise.status = Status::pass;
  b.add_rule(r);
}

// `id`: a resolve rule as the compiler writes it — unknown when dns has no entry for `name`.
void add_resolve_rule(GraphBuilder& b, const std::string& id, const std::string& name) {
  NodeId list = b.fact(0, {"dns"}, FactType::list);
  NodeId is_name =
      b.compare(b.fact(1, {"name"}, FactType::fqdn), CompareOp::eq, fqdn(name), "name == " + name);
  NodeId predicate = b.all_of({is_name}, "name == " + name);
  NodeId entry = b.exists(list, predicate, "name == " + name);
  Rule r;
  r.id = id;
  r.cite = "§2";
  r.title = name + " resolves";
  r.kind = "resolve";
  Case c;
  c.when = b.negate(entry, "no entry for " + name);
  c.status = Status::unknown;
  c.message = "not looked up";
  r.cases = {c};
  r.otherwise.status = Status::pass;
  b.add_rule(r);
}

std::shared_ptr<const Graph> old_graph() {
  GraphBuilder b;
  add_family_rule(b, "windows", "windows");
  add_family_rule(b, "gone", "windows", "removed in NEW");
  return std::move(b).build();
}

// NEW: `windows` kept (built after another rule, so its nodes are numbered differently),
// `macos` added, `gone` removed, `portal` added (reads a name no dump has).
std::shared_ptr<const Graph> new_graph() {
  GraphBuilder b;
  add_family_rule(b, "macos", "macos");
  add_family_rule(b, "windows", "windows");
  add_resolve_rule(b, "portal", "portal.example.jp");
  return std::move(b).build();
}

std::string dump(int i) {
  return fmt::format(
      R"({{"schema": "tekigo.facts/1", "subject": "t{}", "os": {{"family": "{}"}}, )"
      R"("dns": [{{"name": "vpn.example.jp", "addresses": ["192.0.2.1"], "source": "dns"}}]}})",
      i, i % 2 ? "windows" : "macos");
}

std::filesystem::path temp_dir() {
  auto dir =
      std::filesystem::temp_directory_path() / ("tekigo-impact-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

const RuleImpact* rule(const FleetImpact& impact, const std::string& id) {
  for (const auto& r : impact.rules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("impact: each dump of a stream is read once and evaluated under both graphs",
          "[impact]") {
  // Standard input can be read only once: both results of every line prove that one read fed
  // both evaluations.
  StdinPipe in;
  std::string lines;
  for (int i = 0; i < 100; ++i) lines += dump(i) + "\n";
  REQUIRE(in.write(lines));
  in.close();
  BatchOptions options;
  options.jobs = 2;
  options.baseline = old_graph();
  std::vector<std::string> subjects, baseline_subjects;
  std::size_t old_fail = 0, new_fail = 0;
  run_batch(new_graph(), {"-"}, options, [&](BatchItem&& item) {
    REQUIRE(item.baseline.size() == item.results.size());
    for (std::size_t i = 0; i < item.results.size(); ++i) {
      subjects.push_back(item.results[i].subject);
      baseline_subjects.push_back(item.baseline[i].subject);
      CHECK(item.baseline[i].rules.size() == 2);  // OLD's rules
      CHECK(item.results[i].rules.size() == 3);   // NEW's
      old_fail += item.baseline[i].verdict == Verdict::fail;
      new_fail += item.results[i].verdict == Verdict::fail;
    }
  });
  REQUIRE(subjects.size() == 100);
  CHECK(subjects == baseline_subjects);
  CHECK(subjects.back() == "t99");
  CHECK(old_fail == 50);   // the macos terminals fail `windows` (and `gone`)
  CHECK(new_fail == 100);  // every terminal fails `windows` or `macos`
}

TEST_CASE("impact: without a baseline a batch is as before", "[impact]") {
  auto dir = temp_dir();
  std::ofstream(dir / "a.json") << dump(1);
  std::size_t items = 0;
  run_batch(new_graph(), {dir / "a.json"}, {}, [&](BatchItem&& item) {
    ++items;
    CHECK(item.results.size() == 1);
    CHECK(item.baseline.empty());
  });
  CHECK(items == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("impact: verdict transitions, rules by nature and change, the terminals that change",
          "[impact]") {
  auto dir = temp_dir();
  for (int i = 0; i < 4; ++i) std::ofstream(dir / fmt::format("d{}.json", i)) << dump(i);
  std::ofstream(dir / "bad.json") << "{not json";
  auto old_policy = old_graph();
  auto new_policy = new_graph();
  CollectionPlan old_plan, new_plan;
  new_plan.names = {"portal.example.jp"};
  ImpactOptions options;
  options.baseline_plan = &old_plan;
  options.plan = &new_plan;
  ImpactBuilder builder(*old_policy, *new_policy, options);
  std::vector<TerminalImpact> terminals;
  std::vector<std::string> problems;
  std::vector<std::filesystem::path> inputs;
  for (int i = 0; i < 4; ++i) inputs.push_back(dir / fmt::format("d{}.json", i));
  inputs.push_back(dir / "bad.json");
  BatchOptions batch;
  batch.jobs = 2;
  run_impact(
      {old_policy, new_policy}, inputs, batch, builder,
      [&](const TerminalImpact& t) { terminals.push_back(t); },
      [&](const FactError& e) { problems.push_back(e.to_string()); });
  const FleetImpact impact = builder.impact();

  REQUIRE(terminals.size() == 5);
  // t0 (macos): OLD fails windows and gone; NEW fails windows, passes macos, portal unknown.
  CHECK(terminals[0].subject == "t0");
  CHECK(terminals[0].baseline_verdict == Verdict::fail);
  CHECK(terminals[0].verdict == Verdict::fail);
  CHECK_FALSE(terminals[0].verdict_changed());
  // t1 (windows): OLD passes; NEW fails macos.
  CHECK(terminals[1].baseline_verdict == Verdict::pass);
  CHECK(terminals[1].verdict == Verdict::fail);
  CHECK(terminals[1].verdict_changed());
  std::vector<std::string> ids;
  for (const auto& c : terminals[1].changed) ids.push_back(c.id);
  CHECK(ids == std::vector<std::string>{"macos", "portal", "gone"});  // NEW's order, then removed
  CHECK_FALSE(terminals[1].changed[0].from.has_value());
  CHECK(terminals[1].changed[0].to == Status::fail);
  CHECK(terminals[1].changed[2].from == Status::pass);
  CHECK_FALSE(terminals[1].changed[2].to.has_value());
  // The unreadable dump: an error on both sides, said once.
  CHECK(terminals[4].verdict == Verdict::error);
  CHECK(terminals[4].baseline_verdict == Verdict::error);
  CHECK(terminals[4].changed.empty());
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("bad.json") != std::string::npos);

  CHECK(impact.terminals == 5);
  CHECK(impact.evaluated == 4);
  CHECK(impact.count(Verdict::pass, Verdict::fail) == 2);
  CHECK(impact.count(Verdict::fail, Verdict::fail) == 2);
  CHECK(impact.count(Verdict::error, Verdict::error) == 1);
  CHECK(impact.count_under_old(Verdict::fail) == 2);
  CHECK(impact.count_under_new(Verdict::fail) == 4);
  CHECK(impact.verdict_changes == 2);
  CHECK(impact.status_changes == 2);
  CHECK(impact.error_sources == std::vector<std::string>{(dir / "bad.json").string()});

  // `windows` is kept and changes nowhere: not listed.
  CHECK(rule(impact, "windows") == nullptr);
  const RuleImpact* macos = rule(impact, "macos");
  REQUIRE(macos != nullptr);
  CHECK(macos->nature == RuleNature::added);
  CHECK(macos->changed == 4);
  CHECK(macos->transitions[kAbsentSide][static_cast<std::size_t>(Status::fail)] == 2);
  CHECK(macos->transitions[kAbsentSide][static_cast<std::size_t>(Status::pass)] == 2);
  const RuleImpact* gone = rule(impact, "gone");
  REQUIRE(gone != nullptr);
  CHECK(gone->nature == RuleNature::removed);
  CHECK(gone->transitions[static_cast<std::size_t>(Status::fail)][kAbsentSide] == 2);
  CHECK(impact.rules.back().id == "gone");  // removed rules come last

  // `portal` is unknown everywhere: no dump has a dns entry for its name, new in NEW's plan.
  REQUIRE(impact.unknown_rules.size() == 1);
  const UnknownRule& portal = impact.unknown_rules[0];
  CHECK(portal.id == "portal");
  CHECK(portal.nature == RuleNature::added);
  CHECK(portal.unknown == 4);
  CHECK(portal.unknown_before == 0);
  REQUIRE(portal.missing.size() == 1);
  CHECK(portal.missing[0].kind == MissingFact::Kind::name);
  CHECK(portal.missing[0].path == "dns");
  CHECK(portal.missing[0].target == "portal.example.jp");
  CHECK(portal.missing[0].dumps == 4);
  CHECK(portal.missing[0].new_in_plan);
  CHECK(portal.collect_again());
  std::filesystem::remove_all(dir);
}

TEST_CASE("impact: a policy compared with itself changes nothing", "[impact]") {
  auto graph = new_graph();
  ImpactBuilder builder(*graph, *graph);
  FactLoad load = parse_facts(dump(3), "d3.json", FactFormat::json);
  REQUIRE(load.documents.size() == 1);
  const TerminalResult r = evaluate(graph, load.documents[0].root, "d3.json");
  const TerminalImpact t = builder.add(r, r);
  CHECK(t.changed.empty());
  CHECK_FALSE(t.verdict_changed());
  const FleetImpact impact = builder.impact();
  CHECK(impact.rules.empty());
  CHECK(impact.verdict_changes == 0);
  CHECK(impact.status_changes == 0);
  REQUIRE(impact.unknown_rules.size() == 1);  // still unknown, but not because of the revision
  CHECK(impact.unknown_rules[0].unknown_before == 1);
  REQUIRE(impact.unknown_rules[0].missing.size() == 1);
  CHECK(impact.unknown_rules[0].missing[0].kind == MissingFact::Kind::fact);  // no plan given
  CHECK(impact.unknown_rules[0].missing[0].wanted == "any (name == portal.example.jp)");
  CHECK_FALSE(impact.unknown_rules[0].collect_again());
}

namespace {

TerminalResult with_rule(const std::string& id, Status status,
                         std::vector<Evidence> evidence = {}) {
  TerminalResult t;
  t.source = "d.json";
  RuleOutcome o;
  o.id = id;
  o.status = status;
  o.evidence = std::move(evidence);
  t.rules.push_back(o);
  t.verdict = verdict_of(t.rules);
  return t;
}

std::shared_ptr<const Graph> one_rule_graph(const std::string& id) {
  GraphBuilder b;
  add_family_rule(b, id, "windows");
  return std::move(b).build();
}

}  // namespace

TEST_CASE("impact: unknown rules — the probes and facts NEW reads and the fleet lacks",
          "[impact]") {
  auto old_policy = one_rule_graph("flow");
  auto new_policy = one_rule_graph("flow");
  CollectionPlan old_plan, new_plan;
  old_plan.probes = {{"vpn.example.jp", "udp", 500, {}, "flow"}};
  new_plan.probes = {{"vpn.example.jp", "udp", 500, {}, "flow"},
                     {"vpn.example.jp", "udp", 4500, {}, "flow"}};
  new_plan.fact_paths = {"os.release", "reach"};
  old_plan.fact_paths = {"reach"};
  ImpactOptions options;
  options.baseline_plan = &old_plan;
  options.plan = &new_plan;
  ImpactBuilder builder(*old_policy, *new_policy, options);
  // 10 terminals: reach absent on 3, without the udp/4500 probe on 6, decided on 1; os.release
  // absent on the 9 unknown ones.
  for (int i = 0; i < 10; ++i) {
    std::vector<Evidence> evidence;
    if (i < 3)
      evidence.push_back({"reach", "absent", "", true, false});
    else if (i < 9)
      evidence.push_back(
          {"reach", "[…] (none matching)", "any (udp/4500 to vpn.example.jp open)", false, true});
    if (i < 9) evidence.push_back({"os.release", "absent", "", true, false});
    const Status now = i < 9 ? Status::unknown : Status::pass;
    builder.add(with_rule("flow", i < 3 ? Status::unknown : Status::pass),
                with_rule("flow", now, evidence));
  }
  FleetImpact impact = builder.impact();
  REQUIRE(impact.unknown_rules.size() == 1);  // 9/10: nearly all at the default 0.9
  const UnknownRule& flow = impact.unknown_rules[0];
  CHECK(flow.unknown == 9);
  CHECK(flow.unknown_before == 3);
  CHECK(flow.nature == RuleNature::kept);
  REQUIRE(flow.missing.size() == 3);
  // udp/4500: absent with reach (3) and missing from it (6); udp/500 only where reach is absent.
  CHECK(flow.missing[0].kind == MissingFact::Kind::probe);
  CHECK(flow.missing[0].target == "vpn.example.jp");
  CHECK(flow.missing[0].probe == "udp/4500");
  CHECK(flow.missing[0].dumps == 9);
  CHECK(flow.missing[0].new_in_plan);
  CHECK(flow.missing[1].kind == MissingFact::Kind::fact);
  CHECK(flow.missing[1].path == "os.release");
  CHECK(flow.missing[1].dumps == 9);
  CHECK(flow.missing[1].new_in_plan);  // NEW's plan reads it, OLD's did not
  CHECK(flow.missing[2].probe == "udp/500");
  CHECK(flow.missing[2].dumps == 3);
  CHECK_FALSE(flow.missing[2].new_in_plan);

  // A stricter threshold leaves it out.
  ImpactOptions strict = options;
  strict.nearly_all = 0.95;
  ImpactBuilder strict_builder(*old_policy, *new_policy, strict);
  for (int i = 0; i < 10; ++i)
    strict_builder.add(with_rule("flow", Status::pass),
                       with_rule("flow", i < 9 ? Status::unknown : Status::pass));
  CHECK(strict_builder.impact().unknown_rules.empty());
}

TEST_CASE("impact: rule_fingerprint ignores node numbers and positions, not meaning", "[impact]") {
  auto fingerprint = [](const Graph& g, const std::string& id) {
    for (const auto& r : g.rules())
      if (r.id == id) return rule_fingerprint(g, r);
    FAIL("no rule " << id);
    return std::string();
  };
  GraphBuilder a;
  add_family_rule(a, "windows", "windows", "not windows", {"a.tkg", 3, 5, 10, 20});
  GraphBuilder b;
  add_resolve_rule(b, "portal", "portal.example.jp");  // shifts every node id of what follows
  add_family_rule(b, "windows", "windows", "not windows", {"b.tkg", 40, 1, 900, 910});
  auto ga = std::move(a).build();
  auto gb = std::move(b).build();
  CHECK(fingerprint(*ga, "windows") == fingerprint(*gb, "windows"));

  GraphBuilder c;
  add_family_rule(c, "windows", "macos", "not windows");  // another literal
  GraphBuilder d;
  add_family_rule(d, "windows", "windows", "not Windows");  // another message
  CHECK(fingerprint(*ga, "windows") != fingerprint(*std::move(c).build(), "windows"));
  CHECK(fingerprint(*ga, "windows") != fingerprint(*std::move(d).build(), "windows"));

  // ImpactBuilder: kept by the fingerprint, unless a semantic diff said it changed.
  ImpactBuilder kept(*ga, *gb);
  kept.add(with_rule("windows", Status::pass), with_rule("windows", Status::pass));
  CHECK(kept.impact().rules.size() == 1);  // portal, added
  ImpactOptions told;
  told.changed_rules = std::vector<std::string>{"windows"};
  ImpactBuilder changed(*ga, *gb, told);
  const FleetImpact impact = changed.impact();
  REQUIRE(impact.rules.size() == 2);
  CHECK(impact.rules[1].id == "windows");
  CHECK(impact.rules[1].nature == RuleNature::changed);
  CHECK(impact.rules[1].changed == 0);
}
