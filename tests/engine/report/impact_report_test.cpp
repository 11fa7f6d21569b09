// tests/engine: the impact writers on a hand-made fleet — json parsed back (every terminal with
// source, subject, verdict, baseline_verdict and changed; the tables), text listing only the
// terminals whose verdict changes, hostile text kept inert in markdown and html, Japanese words.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <sstream>
#include <string>
#include <vector>

#include "engine/report/impact_report.hpp"
#include "engine/report/words.hpp"

using namespace tekigo::engine;

namespace {

struct Fleet {
  ImpactHeader header;
  std::vector<TerminalImpact> terminals;
  FleetImpact impact;
};

Fleet sample_fleet(const std::string& subject = "clinic/reception-01") {
  Fleet f;
  f.header.baseline.id = f.header.revised.id = "sample";
  f.header.baseline.revision = "1";
  f.header.revised.revision = "2";
  f.header.revised.title = "Sample policy";
  f.header.as_of = Date{2025, 6, 1};
  TerminalImpact moved;
  moved.source = "dumps/a.json";
  moved.subject = subject;
  moved.baseline_verdict = Verdict::pass;
  moved.verdict = Verdict::fail;
  moved.changed = {{"vpn", Status::pass, Status::fail}, {"portal", std::nullopt, Status::unknown}};
  TerminalImpact kept;
  kept.source = "dumps/b.json";
  kept.subject = "clinic/kept-02";
  kept.baseline_verdict = kept.verdict = Verdict::fail;
  kept.changed = {{"portal", std::nullopt, Status::unknown}};
  f.terminals = {moved, kept};
  FleetImpact& i = f.impact;
  i.terminals = i.evaluated = 2;
  i.verdicts[static_cast<std::size_t>(Verdict::pass)][static_cast<std::size_t>(Verdict::fail)] = 1;
  i.verdicts[static_cast<std::size_t>(Verdict::fail)][static_cast<std::size_t>(Verdict::fail)] = 1;
  i.verdict_changes = 1;
  i.status_changes = 1;
  RuleImpact vpn;
  vpn.id = "vpn";
  vpn.cite = "§2";
  vpn.nature = RuleNature::changed;
  vpn.changed = 1;
  vpn.transitions[static_cast<std::size_t>(Status::pass)][static_cast<std::size_t>(Status::fail)] =
      1;
  RuleImpact portal;
  portal.id = "portal";
  portal.nature = RuleNature::added;
  portal.changed = 2;
  portal.transitions[kAbsentSide][static_cast<std::size_t>(Status::unknown)] = 2;
  i.rules = {vpn, portal};
  UnknownRule u;
  u.id = "portal";
  u.nature = RuleNature::added;
  u.unknown = 2;
  u.missing = {{MissingFact::Kind::name, "dns", "", "x.example.jp", "", 2, true},
               {MissingFact::Kind::fact, "os.release", "", "", "", 1, false}};
  i.unknown_rules = {u};
  return f;
}

std::string render(ImpactFormat format, const Fleet& f, ReportOptions options = {}) {
  std::ostringstream out;
  auto writer = make_impact_writer(format, out, options);
  writer->begin(f.header);
  for (const auto& t : f.terminals) writer->terminal(t);
  writer->end(f.impact);
  return out.str();
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("impact report: formats by name", "[impact-report]") {
  CHECK(parse_impact_format("text") == ImpactFormat::text);
  CHECK(parse_impact_format("markdown") == ImpactFormat::markdown);
  CHECK(parse_impact_format("json") == ImpactFormat::json);
  CHECK(parse_impact_format("html") == ImpactFormat::html);
  CHECK_FALSE(parse_impact_format("jsonl"));
  CHECK(impact_format_names().size() == 4);
}

TEST_CASE("impact report: json has every terminal and the tables", "[impact-report]") {
  const std::string json = render(ImpactFormat::json, sample_fleet());
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);
  std::string_view s;
  REQUIRE(doc["as_of"].get(s) == simdjson::SUCCESS);
  CHECK(s == "2025-06-01");
  REQUIRE(doc["baseline"]["revision"].get(s) == simdjson::SUCCESS);
  CHECK(s == "1");
  simdjson::dom::array terminals;
  REQUIRE(doc["terminals"].get(terminals) == simdjson::SUCCESS);
  REQUIRE(terminals.size() == 2);  // the one whose verdict stays too
  simdjson::dom::element first = terminals.at(0);
  REQUIRE(first["verdict"].get(s) == simdjson::SUCCESS);
  CHECK(s == "fail");
  REQUIRE(first["baseline_verdict"].get(s) == simdjson::SUCCESS);
  CHECK(s == "pass");
  REQUIRE(first["subject"].get(s) == simdjson::SUCCESS);
  CHECK(s == "clinic/reception-01");
  simdjson::dom::array changed;
  REQUIRE(first["changed"].get(changed) == simdjson::SUCCESS);
  REQUIRE(changed.size() == 2);
  REQUIRE(changed.at(0).get(s) == simdjson::SUCCESS);
  CHECK(s == "vpn");
  REQUIRE(first["changes"].at(1)["from"].is_null());
  simdjson::dom::element summary;
  REQUIRE(doc["summary"].get(summary) == simdjson::SUCCESS);
  std::uint64_t n = 0;
  REQUIRE(summary["verdict_changes"].get(n) == simdjson::SUCCESS);
  CHECK(n == 1);
  simdjson::dom::array transitions;
  REQUIRE(summary["transitions"].get(transitions) == simdjson::SUCCESS);
  CHECK(transitions.size() == 2);
  REQUIRE(summary["rules"].at(1)["nature"].get(s) == simdjson::SUCCESS);
  CHECK(s == "added");
  REQUIRE(summary["rules"].at(1)["transitions"].at(0)["from"].is_null());
  simdjson::dom::element unknown = summary["unknown_rules"].at(0);
  bool again = false;
  REQUIRE(unknown["collect_again"].get(again) == simdjson::SUCCESS);
  CHECK(again);
  REQUIRE(unknown["missing"].at(0)["target"].get(s) == simdjson::SUCCESS);
  CHECK(s == "x.example.jp");

  // An empty fleet is valid too.
  Fleet empty;
  REQUIRE(parser.parse(render(ImpactFormat::json, empty)).get(doc) == simdjson::SUCCESS);
}

TEST_CASE("impact report: text lists the terminals whose verdict changes, then the tables",
          "[impact-report]") {
  const std::string text = render(ImpactFormat::text, sample_fleet());
  CHECK(contains(text, "Impact of a revision: Sample policy  (sample)"));
  CHECK(contains(text, "as of 2025-06-01"));
  CHECK(contains(text, "clinic/reception-01  (dumps/a.json)  PASS → FAIL\n"));
  CHECK(contains(text, "  vpn     PASS → FAIL\n"));
  CHECK(contains(text, "  portal  — → UNKNOWN\n"));
  CHECK_FALSE(contains(text, "clinic/kept-02"));  // its verdict stays
  CHECK(contains(text, "  PASS → FAIL      1\n"));
  CHECK(contains(text, "2 terminals: 1 change verdict, 1 keep it with a rule's status changed"));
  CHECK(contains(text, "PASS → FAIL 1"));
  CHECK(contains(text, "portal  unknown on 2/2 terminals (added)\n"));
  CHECK(contains(text, "dns[] never names `x.example.jp` — new in NEW's collection plan\n"));
  CHECK(contains(text, "`os.release` is absent on 1/2 terminals\n"));
  CHECK(contains(text, "→ collect again with the new policy\n"));

  Fleet calm = sample_fleet();
  calm.terminals.erase(calm.terminals.begin());
  CHECK(contains(render(ImpactFormat::text, calm), "No terminal changes verdict."));
}

TEST_CASE("impact report: markdown and html keep hostile text inert", "[impact-report]") {
  const Fleet f = sample_fleet("<script>alert(1)</script> | **x** [l](http://e)");
  const std::string md = render(ImpactFormat::markdown, f);
  CHECK_FALSE(contains(md, "<script>"));
  CHECK_FALSE(contains(md, "[l](http://e)"));
  CHECK(contains(md, "## Verdicts, OLD → NEW"));
  CHECK(contains(md, "| **PASS** | 0 | 0 | **1** | 0 | 0 | 0 | 1 |"));
  CHECK(contains(md, "- dns[] never names `x.example.jp` — new in NEW's collection plan"));
  // Every row of the terminal table has the header's number of cells.
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);)
    if (line.rfind("| 1 |", 0) == 0) {
      std::size_t bars = 0;
      for (std::size_t i = 0; i < line.size(); ++i)
        bars += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
      CHECK(bars == 7);
    }
  const std::string html = render(ImpactFormat::html, f);
  CHECK_FALSE(contains(html, "<script>"));
  CHECK(contains(html, "&lt;script&gt;"));
  CHECK(contains(html, "<code>x.example.jp</code>"));
  CHECK(contains(html, "default-src 'none'"));
  CHECK(contains(html, "</html>\n"));
}

TEST_CASE("impact report: Japanese words, and every impact word has one", "[impact-report]") {
  ReportOptions ja;
  ja.lang = ReportLang::ja;
  const std::string text = render(ImpactFormat::text, sample_fleet(), ja);
  CHECK(contains(text, "改訂の影響"));
  CHECK(contains(text, "どの端末の dns[] にも `x.example.jp` がない"));
  CHECK(contains(render(ImpactFormat::html, sample_fleet(), ja), "<html lang=\"ja\">"));

  using tekigo::engine::report_detail::words;
  const auto& en = words(ReportLang::en);
  const auto& jw = words(ReportLang::ja);
  const std::vector<std::pair<std::string_view, std::string_view>> pairs = {
      {en.unknown_rules, jw.unknown_rules},
      {en.unknowns, jw.unknowns},
      {en.impact_title, jw.impact_title},
      {en.baseline_side, jw.baseline_side},
      {en.revised_side, jw.revised_side},
      {en.as_of_date, jw.as_of_date},
      {en.verdict_changes, jw.verdict_changes},
      {en.impact_totals, jw.impact_totals},
      {en.rules_changing, jw.rules_changing},
      {en.change, jw.change},
      {en.changes, jw.changes},
      {en.terminals_changing, jw.terminals_changing},
      {en.no_verdict_changes, jw.no_verdict_changes},
      {en.changed_rules, jw.changed_rules},
      {en.unknown_everywhere, jw.unknown_everywhere},
      {en.unknown_on, jw.unknown_on},
      {en.unknown_before, jw.unknown_before},
      {en.never_names, jw.never_names},
      {en.names_missing, jw.names_missing},
      {en.never_probes, jw.never_probes},
      {en.probes_missing, jw.probes_missing},
      {en.fact_never, jw.fact_never},
      {en.fact_missing, jw.fact_missing},
      {en.entry_never, jw.entry_never},
      {en.entry_missing, jw.entry_missing},
      {en.new_in_plan, jw.new_in_plan},
      {en.collect_again, jw.collect_again},
      {en.total, jw.total},
      {en.nature[0], jw.nature[0]},
      {en.nature[1], jw.nature[1]},
      {en.nature[2], jw.nature[2]},
      {en.nature[3], jw.nature[3]},
  };
  for (const auto& [english, japanese] : pairs) {
    INFO(english << " / " << japanese);
    CHECK_FALSE(english.empty());
    CHECK_FALSE(japanese.empty());
    CHECK(japanese != english);
  }
}
