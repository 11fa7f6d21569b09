// tests/engine: the report formats beyond text and json — jsonl, junit, sarif, markdown and
// html — and --lang, on hand-made TerminalResults: every status, error results, an empty
// batch, Japanese, hostile text (markup, control characters, invalid UTF-8) and a batch big
// enough to go through the spool. JSON is parsed back with simdjson; XML, the SARIF schema and
// the browser are checked by tests/reports/ on the real binary's output.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/json_text.hpp"
#include "engine/common/utf8.hpp"
#include "engine/report/escaping.hpp"
#include "engine/report/json_members.hpp"
#include "engine/report/report.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"
#include "engine/report/writers.hpp"
#include "support/sample_results.hpp"

using namespace tekigo::engine;

namespace {

const std::string kHostile = std::string("<script>alert(1)</script> & \"q\" 'a' | pipe\nline2 ") +
                             "esc\x1b[31m bell\x07 bad\xff nul" + std::string(1, '\0') + " end";

// kHostile as a JSON parser reads it back: the invalid byte became U+FFFD.
std::string hostile_as_json() {
  std::string s = kHostile;
  s.replace(s.find('\xff'), 1, "\xEF\xBF\xBD");
  return s;
}

PolicyInfo policy() {
  PolicyInfo p;
  p.id = "registry-sample";
  p.title = "がん登録オンラインシステム 端末要件";
  p.revision = "3";
  p.effective = "2021-01-01";
  p.source = "全国がん登録 \"オンライン\" 手順書";
  p.file = "policies/gan.tkg";
  p.rules = {
      {"os-family",
       "§1",
       "The terminal runs a supported OS.",
       "概要",
       "matrix",
       {"policies/gan.tkg", 10, 3, 0, 0},
       ""},
      {"forbidden-software",
       "§3(3) 別表 #7",
       "禁止ソフトウェアがないこと",
       "端末",
       "forbid",
       {"policies/gan.tkg", 20, 3, 0, 0},
       ""},
      {"line",
       "§2(1)",
       "The line must be allowed.",
       "回線",
       "line",
       {"policies/gan.tkg", 30, 3, 0, 0},
       ""},
      {"ipsec",
       "§2(2)",
       "IPsec must pass.",
       "回線",
       "manual",
       {"policies/gan.tkg", 40, 3, 0, 0},
       ""},
      {"mac-only", "§5", "Mac only.", "", "check", {"policies/gan.tkg", 50, 3, 0, 0}, ""},
      {"disk", "§6", "Free disk.", "", "check", {"policies/gan.tkg", 60, 3, 0, 0}, ""},
  };
  return p;
}

using tekigo::test::sample_rule;

// One rule of every status: pass, fail, unknown, manual, n/a, warn.
TerminalResult failing_terminal() {
  return tekigo::test::every_status_terminal();
}

using tekigo::test::passing_terminal;

TerminalResult hostile_terminal() {
  TerminalResult t = failing_terminal();
  t.subject = kHostile;
  t.source = "dumps/evil \"name\".json";
  t.rules[1].message = kHostile;
  t.rules[1].notes.push_back(kHostile);
  t.rules[1].evidence[0].value = kHostile;
  t.rules[1].cite = "§3 | " + kHostile;
  return t;
}

TerminalResult bad_dump() {
  return error_result("dumps/bad.json", "os.service_pack: expected an integer, got \"one\"");
}

std::string render(ReportFormat format, const std::vector<TerminalResult>& results,
                   ReportOptions options = {}, const PolicyInfo& info = policy()) {
  return tekigo::test::render_report(format, info, results, options);
}

std::size_t count(std::string_view text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

bool contains(std::string_view text, std::string_view what) {
  return text.find(what) != std::string_view::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// No byte a document must not hold: C0 controls but tab/newline/CR, DEL, and invalid UTF-8
// (checked by simdjson's validator, which is a plain UTF-8 check).
void check_clean(std::string_view text) {
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    CHECK_FALSE(((b < 0x20 && b != '\n' && b != '\t' && b != '\r') || b == 0x7f));
  }
  CHECK(simdjson::validate_utf8(text.data(), text.size()));
}

std::string_view get_string(simdjson::dom::element e, const char* key) {
  std::string_view s;
  REQUIRE(e[key].get(s) == simdjson::SUCCESS);
  return s;
}

std::int64_t get_int(simdjson::dom::element e, const char* key) {
  std::int64_t n = 0;
  REQUIRE(e[key].get(n) == simdjson::SUCCESS);
  return n;
}

}  // namespace

TEST_CASE("report formats: names and languages", "[report]") {
  CHECK(parse_report_format("text") == ReportFormat::text);
  CHECK(parse_report_format("json") == ReportFormat::json);
  CHECK(parse_report_format("jsonl") == ReportFormat::jsonl);
  CHECK(parse_report_format("junit") == ReportFormat::junit);
  CHECK(parse_report_format("sarif") == ReportFormat::sarif);
  CHECK(parse_report_format("markdown") == ReportFormat::markdown);
  CHECK(parse_report_format("html") == ReportFormat::html);
  CHECK_FALSE(parse_report_format("xml"));
  CHECK_FALSE(parse_report_format("HTML"));
  const auto names = report_format_names();
  REQUIRE(names.size() == 7);
  for (std::size_t i = 0; i < names.size(); ++i)
    CHECK(parse_report_format(names[i]) == static_cast<ReportFormat>(i));
  CHECK(parse_report_lang("en") == ReportLang::en);
  CHECK(parse_report_lang("ja") == ReportLang::ja);
  CHECK_FALSE(parse_report_lang("jp"));
}

// ---- jsonl -----------------------------------------------------------------------------

TEST_CASE("report jsonl: one line per terminal, each the json result plus the policy", "[report]") {
  const std::vector<TerminalResult> results = {failing_terminal(), passing_terminal(), bad_dump(),
                                               hostile_terminal()};
  const std::string jsonl = render(ReportFormat::jsonl, results);
  const std::string json = render(ReportFormat::json, results);
  const auto lines = lines_of(jsonl);
  REQUIRE(lines.size() == 4);
  CHECK(jsonl.back() == '\n');

  simdjson::dom::parser json_parser;
  simdjson::dom::element doc;
  REQUIRE(json_parser.parse(json).get(doc) == simdjson::SUCCESS);
  simdjson::dom::array expected;
  REQUIRE(doc["results"].get(expected) == simdjson::SUCCESS);

  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO("line " << i);
    simdjson::dom::parser parser;
    simdjson::dom::element line;
    REQUIRE(parser.parse(lines[i]).get(line) == simdjson::SUCCESS);
    simdjson::dom::element p;
    REQUIRE(line["policy"].get(p) == simdjson::SUCCESS);
    CHECK(get_string(p, "id") == "registry-sample");
    CHECK(get_string(p, "revision") == "3");
    // The rest of the line is the json format's result, member for member.
    simdjson::dom::object object;
    REQUIRE(line.get(object) == simdjson::SUCCESS);
    std::string rest = "{";
    for (auto field : object) {
      if (field.key == "policy" || field.key == "lang") continue;
      if (rest.size() > 1) rest += ',';
      rest += "\"" + std::string(field.key) + "\":" + simdjson::minify(field.value);
    }
    rest += '}';
    CHECK(rest == simdjson::minify(expected.at(i)));
  }
  simdjson::dom::parser parser;
  simdjson::dom::element error;
  REQUIRE(parser.parse(lines[2]).get(error) == simdjson::SUCCESS);
  CHECK(get_string(error, "verdict") == "error");
  CHECK(get_string(error, "error") == "os.service_pack: expected an integer, got \"one\"");
}

TEST_CASE("report jsonl: an empty batch writes nothing, and --lang changes only \"lang\"",
          "[report]") {
  CHECK(render(ReportFormat::jsonl, {}).empty());
  ReportOptions ja;
  ja.lang = ReportLang::ja;
  // The outcomes were written in one language by the evaluation; the writer names it.
  auto as_en = [](std::string s) {
    const std::string tag = "\"lang\":\"ja\"";
    for (std::size_t at; (at = s.find(tag)) != std::string::npos;)
      s.replace(at, tag.size(), "\"lang\":\"en\"");
    return s;
  };
  CHECK(as_en(render(ReportFormat::jsonl, {failing_terminal()}, ja)) ==
        render(ReportFormat::jsonl, {failing_terminal()}));
  CHECK(as_en(render(ReportFormat::json, {failing_terminal()}, ja)) ==
        render(ReportFormat::json, {failing_terminal()}));
}

// ---- junit -----------------------------------------------------------------------------

TEST_CASE("report junit: a testsuite per terminal, a testcase per rule", "[report]") {
  const std::string xml =
      render(ReportFormat::junit, {failing_terminal(), passing_terminal(), bad_dump()});
  check_clean(xml);
  CHECK(
      xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\""
                      "がん登録オンラインシステム 端末要件 (rev. 3)\">\n"));
  CHECK(xml.ends_with("</testsuites>\n"));
  CHECK(count(xml, "<testsuite ") == 3);
  CHECK(count(xml, "</testsuite>") == 3);
  CHECK(count(xml, "<testcase ") == 6 + 2 + 1);

  CHECK(contains(xml,
                 "<testsuite name=\"hospital-a/reception-01\" tests=\"6\" failures=\"1\" "
                 "errors=\"2\" skipped=\"1\">"));
  CHECK(contains(xml,
                 "<testsuite name=\"hospital-b/受付-02\" tests=\"2\" failures=\"0\" "
                 "errors=\"0\" skipped=\"0\">"));
  CHECK(contains(xml, "<property name=\"source\" value=\"examples/dumps/x.json\"/>"));
  CHECK(contains(xml, "<property name=\"verdict\" value=\"fail\"/>"));

  // pass: an empty testcase; classname is "terminal.cite" (a package per terminal, a class
  // per clause), name is "id: title".
  CHECK(contains(xml,
                 "<testcase classname=\"hospital-a/reception-01.§1\" name=\"os-family: title "
                 "of os-family\"/>"));
  CHECK(contains(xml,
                 "<testcase classname=\"hospital-b/受付-02.§1\" name=\"os-family: title of "
                 "os-family\"/>"));
  // fail: <failure> with the message, the body holds notes, evidence, where.
  CHECK(contains(xml,
                 "<testcase classname=\"hospital-a/reception-01.§3(3) 別表 #7\" "
                 "name=\"forbidden-software: title "
                 "of forbidden-software\">\n      <failure type=\"fail\" message=\"禁止ソ"
                 "フトウェア iTunes がインストールされている\">禁止ソフトウェア iTunes がイン"
                 "ストールされている\n※1 Apple 製品は対象外\nsoftware[12].name = iTunes   "
                 "(expected ~ &quot;itunes&quot;)\ndecided by policies/gan.tkg:12:5</failure>"));
  // unknown: <error type="unknown">.
  CHECK(contains(xml,
                 "<error type=\"unknown\" message=\"cannot decide: the dump has no "
                 "`network.line`\">"));
  CHECK(contains(xml, "network.line = absent   (expected in [fiber, isdn])"));
  // manual and n/a: skipped, with the status said.
  CHECK(contains(xml, "<error type=\"manual\" message=\"MANUAL: 確認が必要です\">"));
  CHECK(contains(xml, "<skipped message=\"N/A: does not apply to this terminal\"/>"));
  // warn: passes, the warning in system-out.
  CHECK(contains(xml,
                 "<system-out>WARN: little free disk\ndecided by policies/gan.tkg:12:5"
                 "</system-out>"));
  CHECK(count(xml, "<failure ") == 1);

  // A dump that could not be read: one testsuite with one <error>.
  CHECK(contains(xml,
                 "<testsuite name=\"dumps/bad.json\" tests=\"1\" failures=\"0\" "
                 "errors=\"1\" skipped=\"0\">"));
  CHECK(contains(xml,
                 "<testcase classname=\"dumps/bad.json.tekigo\" name=\"dumps/bad.json could "
                 "not be "
                 "read\">\n      <error type=\"error\" message=\"os.service_pack: expected "
                 "an integer, got &quot;one&quot;\">"));
}

TEST_CASE("report junit: hostile text is escaped, control characters shown, UTF-8 kept",
          "[report]") {
  const std::string xml = render(ReportFormat::junit, {hostile_terminal()});
  check_clean(xml);
  CHECK_FALSE(contains(xml, "<script>"));
  CHECK(contains(xml, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos;"));
  // In attributes newlines are character references; in text they stay newlines.
  CHECK(contains(xml,
                 "<testsuite name=\"&lt;script&gt;alert(1)&lt;/script&gt; &amp; "
                 "&quot;q&quot; &apos;a&apos; | pipe&#10;line2 esc\\x1b[31m bell\\x07 "
                 "bad\xEF\xBF\xBD nul\\x00 end\""));
  CHECK(contains(xml, "| pipe\nline2 esc\\x1b[31m"));
  CHECK(contains(xml, "dumps/evil &quot;name&quot;.json"));
}

TEST_CASE("report junit: an empty batch is an empty testsuites", "[report]") {
  const std::string xml = render(ReportFormat::junit, {});
  CHECK(xml ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"がん登録オン"
        "ラインシステム 端末要件 (rev. 3)\">\n</testsuites>\n");
}

TEST_CASE("report junit: Japanese words with --lang ja", "[report]") {
  ReportOptions ja;
  ja.lang = ReportLang::ja;
  const std::string xml = render(ReportFormat::junit, {failing_terminal(), bad_dump()}, ja);
  CHECK(contains(xml, "(版 3)"));
  CHECK(contains(xml, "<error type=\"manual\" message=\"要確認: 確認が必要です\">"));
  CHECK(contains(xml, "<skipped message=\"対象外: does not apply to this terminal\"/>"));
  CHECK(contains(xml, "<system-out>警告: little free disk\n判定箇所 policies/gan.tkg:12:5"));
  CHECK(contains(xml, "software[12].name = iTunes   (期待値 ~ &quot;itunes&quot;)"));
  CHECK(contains(xml, "network.line = なし   (期待値 in [fiber, isdn])"));
  CHECK(contains(xml, "name=\"dumps/bad.json を読み込めませんでした\""));
}

// ---- sarif -----------------------------------------------------------------------------

TEST_CASE("report sarif: rules, results, levels and locations", "[report]") {
  ReportOptions options;
  options.tool_version = "0.1.0";
  const std::string sarif =
      render(ReportFormat::sarif, {failing_terminal(), passing_terminal(), bad_dump()}, options);
  check_clean(sarif);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(sarif).get(doc) == simdjson::SUCCESS);
  CHECK(get_string(doc, "version") == "2.1.0");
  CHECK(get_string(doc, "$schema").ends_with("sarif-schema-2.1.0.json"));
  simdjson::dom::array runs;
  REQUIRE(doc["runs"].get(runs) == simdjson::SUCCESS);
  REQUIRE(runs.size() == 1);
  simdjson::dom::element run = runs.at(0);
  CHECK(get_string(run, "columnKind") == "unicodeCodePoints");
  CHECK(get_string(run["automationDetails"], "id") == "tekigo/registry-sample/");

  simdjson::dom::element driver = run["tool"]["driver"];
  CHECK(get_string(driver, "name") == "tekigo");
  CHECK(get_string(driver, "version") == "0.1.0");
  simdjson::dom::array rules;
  REQUIRE(driver["rules"].get(rules) == simdjson::SUCCESS);
  REQUIRE(rules.size() == 7);  // the policy's six and tekigo's own
  std::vector<std::string> ids;
  for (simdjson::dom::element r : rules) ids.emplace_back(get_string(r, "id"));
  CHECK(ids == std::vector<std::string>{"os-family", "forbidden-software", "line", "ipsec",
                                        "mac-only", "disk", "tekigo/unreadable-dump"});
  simdjson::dom::element forbidden = rules.at(1);
  CHECK(get_string(forbidden, "name") == "forbidden-software");
  CHECK(get_string(forbidden["shortDescription"], "text") == "禁止ソフトウェアがないこと");
  CHECK(get_string(forbidden["fullDescription"], "text") ==
        "§3(3) 別表 #7 端末: 禁止ソフトウェアがないこと");
  CHECK(get_string(forbidden["properties"], "cite") == "§3(3) 別表 #7");
  CHECK(get_string(forbidden["properties"], "kind") == "forbid");

  // One result per rule that did not pass (pass and n/a give none), plus the bad dump.
  simdjson::dom::array results;
  REQUIRE(run["results"].get(results) == simdjson::SUCCESS);
  REQUIRE(results.size() == 5);
  struct Expect {
    const char* rule;
    std::int64_t index;
    const char* kind;
    const char* level;
  };
  const std::vector<Expect> expect = {{"forbidden-software", 1, "fail", "error"},
                                      {"line", 2, "open", "none"},
                                      {"ipsec", 3, "review", "none"},
                                      {"disk", 5, "fail", "warning"},
                                      {"tekigo/unreadable-dump", 6, "fail", "error"}};
  for (std::size_t i = 0; i < expect.size(); ++i) {
    INFO("result " << i);
    simdjson::dom::element r = results.at(i);
    CHECK(get_string(r, "ruleId") == expect[i].rule);
    CHECK(get_int(r, "ruleIndex") == expect[i].index);
    CHECK(get_string(r, "kind") == expect[i].kind);
    CHECK(get_string(r, "level") == expect[i].level);
    CHECK(get_string(rules.at(expect[i].index), "id") == expect[i].rule);
  }

  simdjson::dom::element fail = results.at(0);
  CHECK(get_string(fail["message"], "text") ==
        "hospital-a/reception-01: [FAIL] 禁止ソフトウェア iTunes がインストールされている\n"
        "※1 Apple 製品は対象外\nsoftware[12].name = iTunes   (expected ~ \"itunes\")");
  simdjson::dom::element where = fail["locations"].at(0)["physicalLocation"];
  CHECK(get_string(where["artifactLocation"], "uri") == "policies/gan.tkg");
  CHECK(get_int(where["region"], "startLine") == 12);
  CHECK(get_int(where["region"], "startColumn") == 5);
  CHECK(get_string(fail["relatedLocations"].at(0)["physicalLocation"]["artifactLocation"], "uri") ==
        "examples/dumps/x.json");
  CHECK(get_string(fail["properties"], "subject") == "hospital-a/reception-01");
  CHECK(get_string(fail["properties"], "source") == "examples/dumps/x.json");
  CHECK(get_string(fail["properties"], "status") == "fail");
  CHECK(get_string(fail["properties"]["evidence"].at(0), "value") == "iTunes");
  std::string_view print;
  REQUIRE(fail["partialFingerprints"]["tekigoTerminalRule/v1"].get(print) == simdjson::SUCCESS);
  CHECK(print.size() == 16);

  // No decided_by span: the place where the rule is written.
  simdjson::dom::element line = results.at(1)["locations"].at(0)["physicalLocation"];
  CHECK(get_int(line["region"], "startLine") == 30);
  CHECK(get_string(results.at(1)["message"], "text") ==
        "hospital-a/reception-01: [UNKNOWN] cannot decide: the dump has no `network.line`\n"
        "network.line = absent   (expected in [fiber, isdn])");

  simdjson::dom::element bad = results.at(4);
  CHECK(get_string(bad["message"], "text") ==
        "dumps/bad.json could not be read: os.service_pack: expected an integer, got \"one\"");
  CHECK(get_string(bad["locations"].at(0)["physicalLocation"]["artifactLocation"], "uri") ==
        "dumps/bad.json");

  simdjson::dom::element invocation = run["invocations"].at(0);
  bool ok = true;
  REQUIRE(invocation["executionSuccessful"].get(ok) == simdjson::SUCCESS);
  CHECK_FALSE(ok);
  CHECK(get_string(invocation["toolExecutionNotifications"].at(0)["message"], "text") ==
        "dumps/bad.json could not be read");
  CHECK(get_int(run["properties"]["summary"], "terminals") == 3);
  CHECK(get_int(run["properties"]["summary"]["verdicts"], "fail") == 1);
  CHECK(get_string(run["properties"]["policy"], "title") == "がん登録オンラインシステム 端末要件");
}

TEST_CASE("report sarif: different terminals, different fingerprints", "[report]") {
  TerminalResult other = failing_terminal();
  other.subject = "hospital-z/other";
  const std::string sarif = render(ReportFormat::sarif, {failing_terminal(), other});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(sarif).get(doc) == simdjson::SUCCESS);
  simdjson::dom::array results;
  REQUIRE(doc["runs"].at(0)["results"].get(results) == simdjson::SUCCESS);
  REQUIRE(results.size() == 8);
  std::vector<std::string> prints;
  for (simdjson::dom::element r : results) {
    std::string_view p;
    REQUIRE(r["partialFingerprints"]["tekigoTerminalRule/v1"].get(p) == simdjson::SUCCESS);
    prints.emplace_back(p);
  }
  std::sort(prints.begin(), prints.end());
  CHECK(std::unique(prints.begin(), prints.end()) == prints.end());
  // And the same on a second run.
  CHECK(render(ReportFormat::sarif, {failing_terminal(), other}) == sarif);
}

TEST_CASE("report sarif: hostile text, URIs, no rules, an empty batch", "[report]") {
  PolicyInfo info = policy();
  info.rules.clear();  // a CLI that does not list them: results carry ruleId only
  TerminalResult t = hostile_terminal();
  t.rules[1].decided_by.file = "/srv/ポリシー/my policy.tkg";
  t.rules[5].decided_by.file = "C:\\policies\\gan.tkg";
  t.source = "dumps/all.jsonl:12";
  const std::string sarif = render(ReportFormat::sarif, {t}, {}, info);
  check_clean(sarif);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(sarif).get(doc) == simdjson::SUCCESS);
  simdjson::dom::element run = doc["runs"].at(0);
  CHECK(run["tool"]["driver"]["version"].error() == simdjson::NO_SUCH_FIELD);
  simdjson::dom::array rules;
  REQUIRE(run["tool"]["driver"]["rules"].get(rules) == simdjson::SUCCESS);
  REQUIRE(rules.size() == 1);
  simdjson::dom::array results;
  REQUIRE(run["results"].get(results) == simdjson::SUCCESS);
  REQUIRE(results.size() == 4);
  CHECK(results.at(0)["ruleIndex"].error() == simdjson::NO_SUCH_FIELD);
  CHECK(get_string(results.at(0)["properties"], "subject") == hostile_as_json());
  const auto uri = [&](std::size_t i) {
    return get_string(results.at(i)["locations"].at(0)["physicalLocation"]["artifactLocation"],
                      "uri");
  };
  CHECK(uri(0) == "file:///srv/%E3%83%9D%E3%83%AA%E3%82%B7%E3%83%BC/my%20policy.tkg");
  CHECK(uri(1) == "policies/gan.tkg");  // no span, no rule list: the policy file
  CHECK(uri(3) == "file:///C:/policies/gan.tkg");
  simdjson::dom::element dump = results.at(0)["relatedLocations"].at(0)["physicalLocation"];
  CHECK(get_string(dump["artifactLocation"], "uri") == "dumps/all.jsonl");
  CHECK(get_int(dump["region"], "startLine") == 12);

  const std::string empty = render(ReportFormat::sarif, {});
  REQUIRE(parser.parse(empty).get(doc) == simdjson::SUCCESS);
  REQUIRE(doc["runs"].at(0)["results"].get(results) == simdjson::SUCCESS);
  CHECK(results.size() == 0);
  bool ok = false;
  REQUIRE(doc["runs"].at(0)["invocations"].at(0)["executionSuccessful"].get(ok) ==
          simdjson::SUCCESS);
  CHECK(ok);
}

TEST_CASE("report sarif: Japanese words with --lang ja", "[report]") {
  ReportOptions ja;
  ja.lang = ReportLang::ja;
  const std::string sarif = render(ReportFormat::sarif, {failing_terminal(), bad_dump()}, ja);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(sarif).get(doc) == simdjson::SUCCESS);
  simdjson::dom::element results = doc["runs"].at(0)["results"];
  CHECK(get_string(results.at(0)["message"], "text") ==
        "hospital-a/reception-01: [不合格] 禁止ソフトウェア iTunes がインストールされている\n"
        "※1 Apple 製品は対象外\nsoftware[12].name = iTunes   (期待値 ~ \"itunes\")");
  CHECK(get_string(results.at(4)["message"], "text")
            .starts_with("dumps/bad.json を読み込めませんでした: "));
}

// ---- markdown --------------------------------------------------------------------------

// The cells of a Markdown table row: split on | that is not escaped.
std::vector<std::string> cells(std::string_view row) {
  std::vector<std::string> out;
  std::string cell;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size()) {
      cell += row.substr(i, 2);
      ++i;
    } else if (row[i] == '|') {
      out.push_back(cell);
      cell.clear();
    } else {
      cell += row[i];
    }
  }
  out.push_back(cell);
  return out;  // the first and last are what is outside the outer pipes
}

TEST_CASE("report markdown: terminal table, totals, per-terminal tables and evidence", "[report]") {
  const std::string md =
      render(ReportFormat::markdown, {failing_terminal(), passing_terminal(), bad_dump()});
  check_clean(md);
  const auto lines = lines_of(md);
  CHECK(lines.at(0) == "# がん登録オンラインシステム 端末要件");
  CHECK(contains(md, "- Policy: registry-sample · rev. 3 · effective 2021-01-01\n"));
  CHECK(contains(md, "- Source document: 全国がん登録 \"オンライン\" 手順書\n"));
  CHECK(contains(md,
                 "\n## Terminals\n\n| # | Terminal | Dump | Verdict | PASS | WARN | FAIL | "
                 "UNKNOWN | MANUAL | N/A |\n| ---: | --- | --- | --- | ---: | ---: | ---: | "
                 "---: | ---: | ---: |\n"));
  CHECK(contains(md,
                 "| 1 | hospital-a/reception-01 | examples/dumps/x.json | **FAIL** | 1 | 1 | "
                 "1 | 1 | 1 | 1 |\n"));
  CHECK(contains(md,
                 "| 2 | hospital-b/受付-02 | examples/dumps/y.yaml | **PASS** | 2 | 0 | 0 | "
                 "0 | 0 | 0 |\n"));
  CHECK(contains(md,
                 "| 3 | dumps/bad.json | dumps/bad.json | **ERROR** | 0 | 0 | 0 | 0 | 0 | "
                 "0 |\n"));
  CHECK(contains(
      md, "\n**Summary**: 3 terminals — 1 pass, 0 warn, 1 fail, 0 unknown, 0 manual, 1 error\n"));
  CHECK(contains(md,
                 "### Most failed rules\n\n| Failures | Citation | Rule |\n| ---: | --- | --- "
                 "|\n| 1 | §3(3) 別表 #7 | title of forbidden-software `forbidden-software` |\n"));
  // The summary comes before the details.
  CHECK(md.find("**Summary**") < md.find("## Results by terminal"));
  CHECK(md.find("| 3 | dumps/bad.json") < md.find("### 1. hospital-a/reception-01 — FAIL"));
  CHECK(contains(md,
                 "### 1. hospital-a/reception-01 — FAIL\n\nDump: examples/dumps/x.json\n\n"
                 "| Status | Citation | Rule | Message |\n| --- | --- | --- | --- |\n"));
  CHECK(contains(md,
                 "| FAIL | §3(3) 別表 #7 | title of forbidden-software `forbidden-software` | "
                 "禁止ソフトウェア iTunes が"
                 "インストールされている |\n"));
  CHECK(contains(md,
                 "| UNKNOWN | §2(1) | title of line `line` | cannot decide: the dump has no "
                 "\\`network.line\\` |"));
  CHECK(contains(md,
                 "| N/A | §5 | title of mac-only `mac-only` | does not apply to this terminal |"));
  CHECK(contains(md,
                 "#### Evidence\n\n- **FAIL** forbidden-software (§3(3) 別表 #7)\n"
                 "  - ※1 Apple 製品は対象外\n"
                 "  - software\\[12\\].name = iTunes (expected \\~ \"itunes\")\n"));
  CHECK(contains(md,
                 "- **UNKNOWN** line (§2(1))\n  - network.line = absent (expected in "
                 "\\[fiber, isdn\\])\n"));
  CHECK_FALSE(contains(md, "os.family = windows"));  // passing evidence only when asked
  CHECK(contains(md,
                 "### 3. dumps/bad.json — ERROR\n\nDump: dumps/bad.json\n\n**error**: "
                 "os.service\\_pack: expected an integer, got \"one\"\n"));
  // Every table row has as many cells as its header.
  std::size_t width = 0;
  for (const auto& l : lines) {
    if (!l.starts_with("|")) {
      width = 0;
      continue;
    }
    const auto n = cells(l).size();
    if (width == 0) width = n;
    CHECK(n == width);
  }

  ReportOptions evidence;
  evidence.show_passing_evidence = true;
  CHECK(contains(render(ReportFormat::markdown, {failing_terminal()}, evidence),
                 "- **PASS** os-family (§1)\n  - os.family = windows (expected == windows)\n"));
}

TEST_CASE("report markdown: hostile text stays inside its cell and is never markup", "[report]") {
  const std::string md = render(ReportFormat::markdown, {hostile_terminal()});
  check_clean(md);
  CHECK_FALSE(contains(md, "<script>"));
  CHECK(contains(md,
                 "\\<script\\>alert(1)\\</script\\> & \"q\" 'a' \\| pipe<br>line2 "
                 "esc\\\\x1b\\[31m bell\\\\x07 bad\xEF\xBF\xBD nul\\\\x00 end"));
  for (const auto& l : lines_of(md))
    if (l.starts_with("| 1 | \\<script")) CHECK(cells(l).size() == 12);
  for (const auto& l : lines_of(md))
    if (l.starts_with("| FAIL |")) CHECK(cells(l).size() == 6);
  TerminalResult t = passing_terminal();
  t.subject = "a &amp; b ![x](http://example.com/x.png) [l](http://e) # end #";
  const std::string md2 = render(ReportFormat::markdown, {t});
  CHECK(contains(md2,
                 "a \\&amp; b !\\[x\\](http://example.com/x.png) \\[l\\](http://e) \\# end \\#"));
}

TEST_CASE("report markdown: empty batch and Japanese words", "[report]") {
  const std::string empty = render(ReportFormat::markdown, {});
  CHECK(contains(empty, "## Terminals\n\nNo terminals were checked.\n\n**Summary**: 0 terminals"));
  CHECK_FALSE(contains(empty, "| # |"));
  CHECK_FALSE(contains(empty, "Results by terminal"));

  ReportOptions ja;
  ja.lang = ReportLang::ja;
  const std::string md = render(ReportFormat::markdown, {failing_terminal(), bad_dump()}, ja);
  CHECK(contains(md, "- ポリシー: registry-sample · 版 3 · 施行日 2021-01-01\n"));
  CHECK(contains(md, "- 出典: 全国がん登録"));
  CHECK(contains(md,
                 "## 端末一覧\n\n| # | 端末 | ダンプ | 判定 | 合格 | 警告 | 不合格 | 不明 | "
                 "要確認 | 対象外 |\n"));
  CHECK(contains(md, "**集計**: 端末 2 台 — 合格 0、警告 0、不合格 1、不明 0、要確認 0、エラー 1"));
  CHECK(contains(md, "## 端末ごとの結果"));
  CHECK(contains(md, "### 1. hospital-a/reception-01 — 不合格"));
  CHECK(contains(md, "| 要確認 | §2(2) | title of ipsec `ipsec` | 確認が必要です |"));
  CHECK(contains(md, "  - network.line = なし (期待値 in \\[fiber, isdn\\])"));
  CHECK(contains(md, "**エラー**: os.service\\_pack"));
}

TEST_CASE("report markdown: hide_passing lists only the rules to act on", "[report]") {
  const std::vector<TerminalResult> batch = {failing_terminal(), passing_terminal(), bad_dump()};
  ReportOptions hide;
  hide.hide_passing = true;
  const std::string full = render(ReportFormat::markdown, batch);
  const std::string md = render(ReportFormat::markdown, batch, hide);
  check_clean(md);

  // The terminal table and the totals count every rule, as without the option.
  const auto split = md.find("## Results by terminal");
  REQUIRE(split != std::string::npos);
  CHECK(md.substr(0, split) == full.substr(0, full.find("## Results by terminal")));

  // The failing terminal's table: the rules to act on, then the count of the others under it.
  CHECK(contains(md,
                 "| Status | Citation | Rule | Message |\n| --- | --- | --- | --- |\n"
                 "| FAIL | §3(3) 別表 #7 | title of forbidden-software `forbidden-software` | "
                 "禁止ソフトウェア iTunes が"
                 "インストールされている |\n"
                 "| UNKNOWN | §2(1) | title of line `line` | cannot decide: the dump has no "
                 "\\`network.line\\` |\n"
                 "| MANUAL | §2(2) | title of ipsec `ipsec` | 確認が必要です |\n"
                 "| WARN | §6 | title of disk `disk` | little free disk |\n\n"
                 "2 rules passed or did not apply (hidden)\n\n#### Evidence\n\n"));
  CHECK_FALSE(contains(md, "| PASS | §1 | title of os-family `os-family` |"));
  CHECK_FALSE(contains(md, "| N/A | §5 | title of mac-only `mac-only` |"));
  CHECK_FALSE(contains(md, "none installed"));
  CHECK(contains(md,
                 "#### Evidence\n\n- **FAIL** forbidden-software (§3(3) 別表 #7)\n"
                 "  - ※1 Apple 製品は対象外\n"
                 "  - software\\[12\\].name = iTunes (expected \\~ \"itunes\")\n"));
  CHECK(contains(md, "  - network.line = absent (expected in \\[fiber, isdn\\])\n"));

  // A passing terminal's section is its heading and dump line; the error terminal is as it was.
  CHECK(contains(md,
                 "### 2. hospital-b/受付-02 — PASS\n\nDump: examples/dumps/y.yaml\n\n"
                 "### 3. dumps/bad.json — ERROR\n\nDump: dumps/bad.json\n\n**error**: "
                 "os.service\\_pack: expected an integer, got \"one\"\n"));
  CHECK_FALSE(contains(full, "passed or did not apply"));

  ReportOptions ja = hide;
  ja.lang = ReportLang::ja;
  const std::string japanese = render(ReportFormat::markdown, batch, ja);
  CHECK(contains(japanese,
                 "| 警告 | §6 | title of disk `disk` | little free disk |\n\n"
                 "合格または対象外の要件 2 件は省略しました\n\n"));
  CHECK(contains(japanese,
                 "### 2. hospital-b/受付-02 — 合格\n\nダンプ: examples/dumps/y.yaml\n\n###"));
}

// ---- html ------------------------------------------------------------------------------

TEST_CASE("report html: one page, summary table at the top, a section per terminal", "[report]") {
  const std::string html =
      render(ReportFormat::html, {failing_terminal(), passing_terminal(), bad_dump()});
  check_clean(html);
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
  CHECK(html.ends_with("</body>\n</html>\n"));
  CHECK(contains(html,
                 "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                 "'none'; style-src 'unsafe-inline'; script-src 'sha256-"));
  CHECK(count(html, "<script") == 1);
  CHECK(count(html, "<style>") == 1);
  CHECK_FALSE(contains(html, "http://"));
  CHECK_FALSE(contains(html, "https://"));
  CHECK_FALSE(contains(html, " src="));
  CHECK(contains(html, "<title>Conformity report — がん登録オンラインシステム 端末要件</title>"));

  // The summary: one row per terminal, in order, before any section.
  CHECK(count(html, "<tr data-verdict=") == 3);
  CHECK(contains(html,
                 "<tr data-verdict=\"fail\"><td class=\"num\">1</td><td><a href=\"#t-1\">"
                 "hospital-a/reception-01</a></td><td class=\"src\">examples/dumps/x.json"
                 "</td><td><span class=\"badge b-fail\">FAIL</span></td>"));
  CHECK(contains(html, "<tr data-verdict=\"error\"><td class=\"num\">3</td>"));
  CHECK(html.find("<tr data-verdict=\"error\">") < html.find("<section"));
  CHECK(contains(html, "<p class=\"totals\"><strong>Summary</strong>: 3 terminals — "));
  CHECK(html.find("class=\"totals\"") < html.find("<section"));
  CHECK(contains(html, "<h3>Most failed rules</h3>"));

  // Sections: non-passing ones open, each rule with status, cite, message, notes, evidence.
  CHECK(count(html, "<section class=\"terminal\"") == 3);
  CHECK(contains(html,
                 "<section class=\"terminal\" id=\"t-1\" data-verdict=\"fail\">\n"
                 "<details open>\n"));
  CHECK(contains(html,
                 "<section class=\"terminal\" id=\"t-2\" data-verdict=\"pass\">\n"
                 "<details>\n"));
  CHECK(contains(html,
                 "<tr class=\"s-fail\"><td><span class=\"badge b-fail\">FAIL</span></td>"
                 "<td>§3(3) 別表 #7</td><td><div class=\"rule-title\">title of "
                 "forbidden-software</div><code class=\"rule-id\">forbidden-software</code>"));
  for (const char* label : {"PASS", "WARN", "FAIL", "UNKNOWN", "MANUAL", "N/A", "ERROR"})
    CHECK(contains(html, std::string("\">") + label + "</span>"));
  for (const char* cls : {"s-pass", "s-warn", "s-fail", "s-unknown", "s-manual", "s-na"})
    CHECK(contains(html, std::string("<tr class=\"") + cls + "\">"));
  CHECK(contains(html, "<ul class=\"notes\"><li>※1 Apple 製品は対象外</li></ul>"));
  CHECK(contains(html,
                 "<li><code>software[12].name</code> = <code>iTunes</code> <span "
                 "class=\"exp\">(expected <code>~ &quot;itunes&quot;</code>)</span></li>"));
  CHECK(contains(html, "<li><code>os.family</code> = <code>windows</code>"));  // all evidence
  CHECK(contains(html, "<div class=\"where\">decided by policies/gan.tkg:12:5</div>"));
  CHECK(contains(html,
                 "<p class=\"error\">error: os.service_pack: expected an integer, got "
                 "&quot;one&quot;</p>"));
  // The filter bar: hidden until the script shows it; a checkbox per verdict.
  CHECK(contains(html, "<div id=\"filter\" hidden data-shown=\"{0} of {1} terminals shown\">"));
  for (const char* v : {"pass", "warn", "fail", "unknown", "error"})
    CHECK(contains(html, std::string("<input type=\"checkbox\" value=\"") + v + "\" checked>"));
}

TEST_CASE("report html: hostile text cannot inject markup or script", "[report]") {
  TerminalResult t = hostile_terminal();
  t.rules[1].evidence[0].path = "x\"><img src=x onerror=alert(2)>";
  const std::string html = render(ReportFormat::html, {t, bad_dump()});
  check_clean(html);
  CHECK(count(html, "<script") == 1);
  CHECK_FALSE(contains(html, "<img"));
  CHECK_FALSE(contains(html, "</script> &"));
  CHECK(contains(html,
                 "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39; | "
                 "pipe\nline2 esc\\x1b[31m bell\\x07 bad\xEF\xBF\xBD nul\\x00 end"));
  CHECK(contains(html, "x&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
  CHECK(contains(html, "dumps/evil &quot;name&quot;.json"));
}

TEST_CASE("report html: empty batch and --lang ja", "[report]") {
  const std::string empty = render(ReportFormat::html, {});
  CHECK(contains(empty, "</tbody></table>\n<p class=\"none\">No terminals were checked.</p>"));
  CHECK_FALSE(contains(empty, "<section"));
  CHECK(empty.ends_with("</html>\n"));

  ReportOptions ja;
  ja.lang = ReportLang::ja;
  const std::string html = render(ReportFormat::html, {failing_terminal(), bad_dump()}, ja);
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
  CHECK(contains(html, "<title>適合性チェック結果 — がん登録オンラインシステム 端末要件</title>"));
  CHECK(contains(html, "data-shown=\"{1} 台中 {0} 台を表示\""));
  CHECK(contains(html, "<h2 id=\"terminals\">端末一覧</h2>"));
  CHECK(contains(html, "<h2 id=\"details\">端末ごとの結果</h2>"));
  CHECK(contains(html,
                 "<th class=\"num\">合格</th><th class=\"num\">警告</th><th class=\"num\">"
                 "不合格</th><th class=\"num\">不明</th><th class=\"num\">要確認</th><th "
                 "class=\"num\">対象外</th>"));
  for (const char* label : {"不合格", "不明", "要確認", "対象外", "警告", "合格", "エラー"})
    CHECK(contains(html, std::string(">") + label + "</span>"));
  CHECK(contains(html, "(期待値 <code>"));
  CHECK(contains(html, "<strong>集計</strong>: 端末 2 台 — "));
  CHECK(contains(html, "<div class=\"where\">判定箇所 policies/gan.tkg:12:5</div>"));
}

TEST_CASE("report html and markdown: a big batch streams through the spool in order", "[report]") {
  std::vector<TerminalResult> many;
  for (int i = 0; i < 3000; ++i) {
    TerminalResult t = i % 3 ? passing_terminal() : failing_terminal();
    t.subject = "terminal-" + std::to_string(i);
    many.push_back(std::move(t));
  }
  for (ReportFormat format : {ReportFormat::html, ReportFormat::markdown}) {
    const std::string out = render(format, many);
    const bool html = format == ReportFormat::html;
    // Every row in input order, then every section in input order, after the last row.
    std::size_t at = 0;
    for (int i = 0; i < 3000; ++i) {
      const std::string name = "terminal-" + std::to_string(i);
      at = out.find(name + (html ? "</a>" : " |"), at);
      REQUIRE(at != std::string::npos);
    }
    for (int i = 0; i < 3000; ++i) {
      const std::string name = "terminal-" + std::to_string(i);
      at = out.find(html ? "<span class=\"subject\">" + name + "</span>" : ". " + name + " — ", at);
      REQUIRE(at != std::string::npos);
    }
    CHECK(out.ends_with(html ? "</html>\n" : "\n"));
  }
}

// ---- the summary's lists in markdown and html ----------------------------------------------

namespace {

// A batch where 12 rules fail (the summary lists 10 of them) and 60 terminals are unknown
// (the summary names 50 of them).
std::vector<TerminalResult> batch_with_long_lists() {
  std::vector<TerminalResult> results;
  TerminalResult many;
  many.source = "dumps/many.json";
  many.subject = "many-failures";
  for (int i = 0; i < 12; ++i)
    many.rules.push_back(sample_rule(fmt::format("rule-{:02}", i), "§9", Status::fail, ""));
  many.verdict = verdict_of(many.rules);
  results.push_back(many);
  for (int i = 0; i < 60; ++i) {
    TerminalResult t = passing_terminal();
    t.subject = fmt::format("unknown-{:02} <b>", i);
    t.rules[1].status = Status::unknown;
    t.verdict = verdict_of(t.rules);
    results.push_back(t);
  }
  return results;
}

}  // namespace

TEST_CASE("report markdown and html: more failed rules than listed, unknown terminals named",
          "[report]") {
  const auto results = batch_with_long_lists();
  const std::string md = render(ReportFormat::markdown, results);
  CHECK(contains(md, "| 1 | §9 | title of rule-09 `rule-09` |\n\n… and 2 more rules\n"));
  CHECK_FALSE(contains(md, "| 1 | §9 | title of rule-10 `rule-10` |\n"));
  CHECK(contains(md,
                 "\n### Unknown terminals (collect their facts again)\n\n- unknown-00 \\<b\\>\n"));
  CHECK(contains(md, "- unknown-49 \\<b\\>\n- … and 10 more\n"));
  CHECK_FALSE(contains(md, "- unknown-50"));
  CHECK(md.find("### Unknown terminals") < md.find("## Results by terminal"));

  const std::string html = render(ReportFormat::html, results);
  CHECK(contains(html, "<p class=\"more\">… and 2 more rules</p>\n"));
  CHECK(contains(html,
                 "<h3>Unknown terminals (collect their facts again)</h3>\n<ul class=\"subjects\">\n"
                 "<li>unknown-00 &lt;b&gt;</li>\n"));
  CHECK(contains(html, "<li>unknown-49 &lt;b&gt;</li>\n<li class=\"more\">… and 10 more</li>\n"));
  CHECK_FALSE(contains(html, "unknown-50 &lt;b&gt;</li>"));
  CHECK(html.find("<h3>Unknown terminals") < html.find("<h2 id=\"details\">"));

  ReportOptions ja;
  ja.lang = ReportLang::ja;
  const std::string md_ja = render(ReportFormat::markdown, results, ja);
  CHECK(contains(md_ja, "\n… ほか 2 件の要件\n"));
  CHECK(contains(md_ja, "### 判定が不明の端末（ファクトの再収集が必要）\n"));
  CHECK(contains(md_ja, "- … ほか 10 件\n"));
  const std::string html_ja = render(ReportFormat::html, results, ja);
  CHECK(contains(html_ja, "<p class=\"more\">… ほか 2 件の要件</p>"));
  CHECK(contains(html_ja, "<h3>判定が不明の端末（ファクトの再収集が必要）</h3>"));

  // Nothing to add when every failed rule is listed and nothing is unknown.
  const std::string plain = render(ReportFormat::html, {failing_terminal(), passing_terminal()});
  CHECK_FALSE(contains(plain, "class=\"more\""));
  CHECK_FALSE(contains(plain, "Unknown terminals"));
}

// ---- text with --lang ja ----------------------------------------------------------------

TEST_CASE("report text: Japanese words, aligned columns", "[report]") {
  ReportOptions ja;
  ja.lang = ReportLang::ja;
  const std::string text = render(ReportFormat::text, {failing_terminal(), bad_dump()}, ja);
  CHECK(contains(text, "(registry-sample)  版 3  施行日 2021-01-01\n"));
  CHECK(contains(text, "hospital-a/reception-01  (examples/dumps/x.json)  不合格\n"));
  CHECK(contains(text, "software[12].name = iTunes   (期待値 ~ \"itunes\")"));
  CHECK(contains(text, "network.line = なし   (期待値 in [fiber, isdn])"));
  CHECK(contains(text, "dumps/bad.json  エラー\n"));
  CHECK(contains(text, "エラー: os.service_pack"));
  CHECK(contains(text, "集計: 端末 2 台 — 合格 0、警告 0、不合格 1、不明 0、要確認 0、エラー 1\n"));
  CHECK(contains(text, "不合格の多い要件:\n"));
  CHECK(contains(text, "不合格の端末:\n  hospital-a/reception-01\n"));
  CHECK(contains(text, "読み込めなかったダンプ:\n  dumps/bad.json\n"));

  // The message column lines up whatever the width of the status word.
  const auto t = failing_terminal();
  std::vector<std::size_t> columns;
  for (const auto& l : lines_of(text))
    for (const auto& r : t.rules)
      if (l.starts_with("  ") && contains(l, "  " + r.id + "  ")) {
        const auto at = l.find(r.message);
        REQUIRE(at != std::string::npos);
        columns.push_back(display_width(std::string_view(l).substr(0, at)));
      }
  REQUIRE(columns.size() == 6);
  for (auto c : columns) CHECK(c == columns.front());
}

// ---- every word of the report in both languages ---------------------------------------------

TEST_CASE("report words: everything the report says itself has a Japanese form", "[report]") {
  // A word added to one table and forgotten in the other would show English in a --lang ja
  // report (designated initialisers leave a missing field empty). count_pattern is only
  // placeholders; every other entry must be non-empty and differ from the English one.
  using tekigo::engine::report_detail::Words;
  const Words& en = tekigo::engine::report_detail::words(ReportLang::en);
  const Words& ja = tekigo::engine::report_detail::words(ReportLang::ja);
  struct Entry {
    std::string_view name, english, japanese;
  };
  std::vector<Entry> entries = {
      {"list_separator", en.list_separator, ja.list_separator},
      {"terminal_one", en.terminal_one, ja.terminal_one},
      {"terminal_many", en.terminal_many, ja.terminal_many},
      {"summary", en.summary, ja.summary},
      {"most_failed_rules", en.most_failed_rules, ja.most_failed_rules},
      {"failing_terminals", en.failing_terminals, ja.failing_terminals},
      {"unknown_terminals", en.unknown_terminals, ja.unknown_terminals},
      {"unreadable_dumps", en.unreadable_dumps, ja.unreadable_dumps},
      {"and_more", en.and_more, ja.and_more},
      {"and_more_rule", en.and_more_rule, ja.and_more_rule},
      {"and_more_rules", en.and_more_rules, ja.and_more_rules},
      {"expected", en.expected, ja.expected},
      {"absent", en.absent, ja.absent},
      {"error", en.error, ja.error},
      {"decided_by", en.decided_by, ja.decided_by},
      {"revision", en.revision, ja.revision},
      {"effective", en.effective, ja.effective},
      {"as_of", en.as_of, ja.as_of},
      {"warning", en.warning, ja.warning},
      {"document", en.document, ja.document},
      {"policy", en.policy, ja.policy},
      {"policy_file", en.policy_file, ja.policy_file},
      {"terminal", en.terminal, ja.terminal},
      {"dump", en.dump, ja.dump},
      {"verdict_heading", en.verdict_heading, ja.verdict_heading},
      {"status_heading", en.status_heading, ja.status_heading},
      {"citation", en.citation, ja.citation},
      {"rule", en.rule, ja.rule},
      {"message", en.message, ja.message},
      {"notes", en.notes, ja.notes},
      {"evidence", en.evidence, ja.evidence},
      {"failures", en.failures, ja.failures},
      {"terminals_heading", en.terminals_heading, ja.terminals_heading},
      {"details_heading", en.details_heading, ja.details_heading},
      {"no_terminals", en.no_terminals, ja.no_terminals},
      {"report_title", en.report_title, ja.report_title},
      {"show", en.show, ja.show},
      {"all", en.all, ja.all},
      {"problems_only", en.problems_only, ja.problems_only},
      {"expand_all", en.expand_all, ja.expand_all},
      {"collapse_all", en.collapse_all, ja.collapse_all},
      {"shown", en.shown, ja.shown},
      {"generated_by", en.generated_by, ja.generated_by},
      {"unreadable_rule_title", en.unreadable_rule_title, ja.unreadable_rule_title},
      {"cannot_read", en.cannot_read, ja.cannot_read},
      {"hidden_rule", en.hidden_rule, ja.hidden_rule},
      {"hidden_rules", en.hidden_rules, ja.hidden_rules},
  };
  for (std::size_t i = 0; i < en.status.size(); ++i)
    entries.push_back({"status", en.status[i], ja.status[i]});
  for (std::size_t i = 0; i < en.verdict.size(); ++i) {
    entries.push_back({"verdict", en.verdict[i], ja.verdict[i]});
    entries.push_back({"tally", en.tally[i], ja.tally[i]});
  }
  for (const Entry& e : entries) {
    INFO(e.name << ": " << e.english << " / " << e.japanese);
    CHECK_FALSE(e.english.empty());
    CHECK_FALSE(e.japanese.empty());
    CHECK(e.japanese != e.english);
    // Japanese text: at least one character outside ASCII.
    CHECK(std::any_of(e.japanese.begin(), e.japanese.end(),
                      [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  }
  CHECK(en.count_pattern.find("{count}") != std::string_view::npos);
  CHECK(ja.count_pattern.find("{count}") != std::string_view::npos);
}

// Jenkins splits a classname at its last dot: a dotted citation must not move that split.
TEST_CASE("junit: a citation's dots do not split the classname", "[report]") {
  TerminalResult t = tekigo::test::passing_terminal();
  t.subject = "pc0.example.jp";
  t.rules[0].cite = "§4.2";
  t.rules[1].cite = "";  // no citation: the rule id is the class
  const std::string xml = render(ReportFormat::junit, {t});
  CHECK(contains(xml, "<testcase classname=\"pc0.example.jp.§4_2\" name=\"os-family: "));
  CHECK(contains(xml, "<testcase classname=\"pc0.example.jp.forbidden-software\" "));
}

// The check date in every format's header, and a terminal's warnings under it; neither shown
// when there is none, so that a report without them is what it was.
TEST_CASE("report: the check date in every header, a terminal's warnings in every format",
          "[report][check-date]") {
  TerminalResult warned = passing_terminal();
  warned.warnings = {
      "collected on 2020-12-01 (collected.at), before the policy's effective "
      "date 2021-01-01: its facts may predate this revision; collect them again"};
  ReportOptions dated;
  dated.as_of = Date::parse("2024-10-01");
  const std::string_view warning = "collected on 2020-12-01 (collected.at)";
  for (ReportFormat format :
       {ReportFormat::text, ReportFormat::json, ReportFormat::jsonl, ReportFormat::junit,
        ReportFormat::sarif, ReportFormat::markdown, ReportFormat::html}) {
    INFO(report_format_names()[static_cast<std::size_t>(format)]);
    const std::string with = render(format, {warned, failing_terminal()}, dated);
    CHECK(contains(with, "2024-10-01"));
    CHECK(count(with, warning) == 1);  // once: only `warned` has it
    const std::string without = render(format, {passing_terminal(), failing_terminal()});
    CHECK_FALSE(contains(without, "2024-10-01"));
    CHECK_FALSE(contains(without, "as_of"));
    CHECK_FALSE(contains(without, "warnings"));
    check_clean(with);
  }
  // Where each format says it.
  CHECK(lines_of(render(ReportFormat::text, {warned}, dated))[0].ends_with("  as of 2024-10-01"));
  CHECK(contains(render(ReportFormat::text, {warned}, dated),
                 "\n  warning: collected on 2020-12-01"));
  CHECK(contains(render(ReportFormat::markdown, {warned}, dated),
                 "· effective 2021-01-01 · as of 2024-10-01\n"));
  CHECK(contains(render(ReportFormat::markdown, {warned}, dated), "**warning**: collected on"));
  CHECK(contains(render(ReportFormat::html, {warned}, dated), "<dt>as of</dt><dd>2024-10-01</dd>"));
  CHECK(contains(render(ReportFormat::html, {warned}, dated),
                 "<p class=\"warning\">warning: collected on"));
  CHECK(contains(render(ReportFormat::junit, {warned}, dated),
                 "<property name=\"as_of\" value=\"2024-10-01\"/>"));
  CHECK(contains(render(ReportFormat::junit, {warned}, dated), "<system-out>warning: collected"));
  ReportOptions japanese = dated;
  japanese.lang = ReportLang::ja;
  CHECK(contains(render(ReportFormat::text, {warned}, japanese), "基準日 2024-10-01"));

  simdjson::dom::parser parser;
  const std::string json = render(ReportFormat::json, {warned, failing_terminal()}, dated);
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);
  CHECK(get_string(doc, "as_of") == "2024-10-01");
  simdjson::dom::array results;
  REQUIRE(doc["results"].get(results) == simdjson::SUCCESS);
  simdjson::dom::array warnings;
  REQUIRE(results.at(0)["warnings"].get(warnings) == simdjson::SUCCESS);
  REQUIRE(warnings.size() == 1);
  CHECK(results.at(1)["warnings"].error() == simdjson::NO_SUCH_FIELD);

  const std::string jsonl = render(ReportFormat::jsonl, {warned}, dated);
  REQUIRE(parser.parse(jsonl).get(doc) == simdjson::SUCCESS);
  CHECK(get_string(doc, "as_of") == "2024-10-01");

  const std::string sarif = render(ReportFormat::sarif, {warned}, dated);
  REQUIRE(parser.parse(sarif).get(doc) == simdjson::SUCCESS);
  simdjson::dom::element run = doc["runs"].at(0);
  CHECK(get_string(run["properties"], "as_of") == "2024-10-01");
  simdjson::dom::element note = run["invocations"].at(0)["toolExecutionNotifications"].at(0);
  CHECK(get_string(note, "level") == "warning");
  CHECK(get_string(note["message"], "text")
            .starts_with(passing_terminal().subject + ": warning: collected on"));
}

TEST_CASE("every format shows a rule's rationale in its detail", "[report]") {
  TerminalResult t = failing_terminal();
  const std::string reading = "iTunes は Windows 版と読む <read as Windows>";
  t.rules[1].rationale = reading;  // forbidden-software, failing
  PolicyInfo info = policy();
  info.rules[1].rationale = reading;
  for (ReportFormat format :
       {ReportFormat::text, ReportFormat::json, ReportFormat::jsonl, ReportFormat::junit,
        ReportFormat::sarif, ReportFormat::markdown, ReportFormat::html}) {
    const std::string out = render(format, {t}, {}, info);
    INFO(static_cast<int>(format));
    CHECK(contains(out, "iTunes は Windows 版と読む"));  // escaped as each format escapes
    // Without one, no trace of it.
    const std::string without = render(format, {failing_terminal()}, {});
    CHECK_FALSE(contains(without, "rationale\""));
    CHECK_FALSE(contains(without, "reading:"));
  }
  CHECK(contains(render(ReportFormat::text, {t}), "reading: " + reading));
  CHECK(contains(render(ReportFormat::json, {t}), "\"rationale\":\"" + reading));
  CHECK(contains(render(ReportFormat::html, {t}),
                 "iTunes は Windows 版と読む &lt;read as Windows&gt;"));
  CHECK(contains(render(ReportFormat::markdown, {t}),
                 "  - reading: iTunes は Windows 版と読む \\<read"));
  ReportOptions ja;
  ja.lang = ReportLang::ja;
  CHECK(contains(render(ReportFormat::text, {t}, ja), "解釈: " + reading));
  // A passing rule's rationale stays out of the text report, like its notes.
  TerminalResult p = failing_terminal();
  p.rules[0].rationale = "a reading of a rule that passes";
  CHECK_FALSE(contains(render(ReportFormat::text, {p}), "a reading of a rule that passes"));
}
