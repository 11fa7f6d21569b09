// tests/engine: reports — text and json rendering of hand-made TerminalResults, JSON validity
// (parsed back with simdjson), UTF-8 handling, escaping, and the batch summary.
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
#include "engine/report/report.hpp"
#include "support/sample_results.hpp"

using namespace tekigo::engine;

namespace {

PolicyInfo policy() {
  PolicyInfo p;
  p.id = "registry-sample";
  p.title = "がん登録オンラインシステム 端末要件";
  p.revision = "3";
  p.effective = "2021-01-01";
  p.source = "全国がん登録 \"オンライン\" 手順書";
  p.file = "policies/gan.tkg";
  return p;
}

using tekigo::test::sample_rule;

TerminalResult failing_terminal() {
  return tekigo::test::every_status_terminal();
}

using tekigo::test::passing_terminal;

std::string render(ReportFormat format, const std::vector<TerminalResult>& results,
                   ReportOptions options = {}) {
  return tekigo::test::render_report(format, policy(), results, options);
}

std::string_view get_string(simdjson::dom::element e, const char* key) {
  std::string_view s;
  REQUIRE(e[key].get(s) == simdjson::SUCCESS);
  return s;
}

std::uint64_t get_uint(simdjson::dom::element e, const char* key) {
  std::uint64_t n = 0;
  REQUIRE(e[key].get(n) == simdjson::SUCCESS);
  return n;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("report: json output parses and has the documented shape", "[report]") {
  const std::string json =
      render(ReportFormat::json,
             {failing_terminal(), passing_terminal(),
              error_result("dumps/bad.json", "os.service_pack: expected an integer, got \"one\"")});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);

  simdjson::dom::element p;
  REQUIRE(doc["policy"].get(p) == simdjson::SUCCESS);
  CHECK(get_string(p, "id") == "registry-sample");
  CHECK(get_string(p, "title") == "がん登録オンラインシステム 端末要件");
  CHECK(get_string(p, "revision") == "3");
  CHECK(get_string(p, "effective") == "2021-01-01");
  CHECK(get_string(p, "source") == "全国がん登録 \"オンライン\" 手順書");

  simdjson::dom::array results;
  REQUIRE(doc["results"].get(results) == simdjson::SUCCESS);
  REQUIRE(results.size() == 3);

  simdjson::dom::element first = results.at(0);
  CHECK(get_string(first, "source") == "examples/dumps/x.json");
  CHECK(get_string(first, "subject") == "hospital-a/reception-01");
  CHECK(get_string(first, "verdict") == "fail");
  simdjson::dom::array rules;
  REQUIRE(first["rules"].get(rules) == simdjson::SUCCESS);
  REQUIRE(rules.size() == 6);
  std::vector<std::string> statuses;
  for (simdjson::dom::element r : rules) statuses.emplace_back(get_string(r, "status"));
  CHECK(statuses == std::vector<std::string>{"pass", "fail", "unknown", "manual", "n/a", "warn"});

  simdjson::dom::element forbidden = rules.at(1);
  CHECK(get_string(forbidden, "id") == "forbidden-software");
  CHECK(get_string(forbidden, "cite") == "§3(3) 別表 #7");
  CHECK(get_string(forbidden, "title") == "title of forbidden-software");
  CHECK(get_string(forbidden, "message") == "禁止ソフトウェア iTunes がインストールされている");
  CHECK(get_string(forbidden, "decided_by") == "policies/gan.tkg:12:5");
  simdjson::dom::array notes;
  REQUIRE(forbidden["notes"].get(notes) == simdjson::SUCCESS);
  REQUIRE(notes.size() == 1);
  std::string_view note;
  REQUIRE(notes.at(0).get(note) == simdjson::SUCCESS);
  CHECK(note == "※1 Apple 製品は対象外");
  simdjson::dom::array evidence;
  REQUIRE(forbidden["evidence"].get(evidence) == simdjson::SUCCESS);
  REQUIRE(evidence.size() == 1);
  CHECK(get_string(evidence.at(0), "path") == "software[12].name");
  CHECK(get_string(evidence.at(0), "value") == "iTunes");
  CHECK(get_string(evidence.at(0), "expected") == "~ \"itunes\"");
  bool absent = true;
  REQUIRE(evidence.at(0)["absent"].get(absent) == simdjson::SUCCESS);
  CHECK_FALSE(absent);

  simdjson::dom::element line = rules.at(2);
  REQUIRE(line["evidence"].get(evidence) == simdjson::SUCCESS);
  REQUIRE(evidence.at(0)["absent"].get(absent) == simdjson::SUCCESS);
  CHECK(absent);
  CHECK(get_string(evidence.at(0), "value") == "absent");

  CHECK(get_string(results.at(1), "subject") == "hospital-b/受付-02");
  CHECK(get_string(results.at(1), "verdict") == "pass");

  simdjson::dom::element error = results.at(2);
  CHECK(get_string(error, "verdict") == "error");
  CHECK(get_string(error, "source") == "dumps/bad.json");
  CHECK(get_string(error, "error") == "os.service_pack: expected an integer, got \"one\"");
  REQUIRE(error["rules"].get(rules) == simdjson::SUCCESS);
  CHECK(rules.size() == 0);

  simdjson::dom::element summary;
  REQUIRE(doc["summary"].get(summary) == simdjson::SUCCESS);
  CHECK(get_uint(summary, "terminals") == 3);
  simdjson::dom::element verdicts;
  REQUIRE(summary["verdicts"].get(verdicts) == simdjson::SUCCESS);
  CHECK(get_uint(verdicts, "pass") == 1);
  CHECK(get_uint(verdicts, "warn") == 0);
  CHECK(get_uint(verdicts, "fail") == 1);
  CHECK(get_uint(verdicts, "unknown") == 0);
  CHECK(get_uint(verdicts, "error") == 1);
}

TEST_CASE("report: json of an empty batch is valid", "[report]") {
  const std::string json = render(ReportFormat::json, {});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);
  simdjson::dom::array results;
  REQUIRE(doc["results"].get(results) == simdjson::SUCCESS);
  CHECK(results.size() == 0);
  simdjson::dom::element summary;
  REQUIRE(doc["summary"].get(summary) == simdjson::SUCCESS);
  CHECK(get_uint(summary, "terminals") == 0);
}

TEST_CASE("report: json stays valid for hostile strings", "[report]") {
  std::string nasty = "quote\" backslash\\ nl\n cr\r tab\t nul";
  nasty += '\0';
  nasty += " bell\x07 esc\x1b del\x7f bad\xff\xfe cut\xe3\x81 ";  // invalid UTF-8 too
  nasty += "\xe2\x80\xa8 sep";
  TerminalResult t = failing_terminal();
  t.subject = nasty;
  t.rules[1].message = nasty;
  t.rules[1].evidence[0].value = nasty;
  t.rules[1].notes.push_back(nasty);
  const std::string json = render(ReportFormat::json, {t, error_result(nasty, nasty)});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);  // simdjson validates UTF-8 too
  simdjson::dom::array results;
  REQUIRE(doc["results"].get(results) == simdjson::SUCCESS);
  const std::string_view subject = get_string(results.at(0), "subject");
  CHECK(subject.starts_with("quote\" backslash\\ nl\n cr\r tab\t nul"));
  CHECK(subject.find('\0') != std::string_view::npos);
  CHECK(subject.find("\xef\xbf\xbd") != std::string_view::npos);  // U+FFFD for bad bytes
  CHECK(subject.find("\xe2\x80\xa8 sep") != std::string_view::npos);
}

// json_escape copies runs of plain ASCII at once and decodes only the other bytes: on random
// byte strings (mostly ASCII, with quotes, controls, valid and broken UTF-8) it must give what
// escaping one code point at a time gives, and appending (json_escape_into) the same again.
TEST_CASE("report: json_escape equals escaping one code point at a time", "[report]") {
  const auto reference = [](std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
      const std::size_t start = i;
      const auto cp = tekigo::engine::decode_utf8(text, i);
      if (!cp) {
        out += "\xef\xbf\xbd";
      } else if (*cp == '"' || *cp == '\\') {
        out += '\\';
        out += static_cast<char>(*cp);
      } else if (*cp == '\n') {
        out += "\\n";
      } else if (*cp == '\r') {
        out += "\\r";
      } else if (*cp == '\t') {
        out += "\\t";
      } else if (*cp == '\b') {
        out += "\\b";
      } else if (*cp == '\f') {
        out += "\\f";
      } else if (*cp < 0x20) {
        out += fmt::format("\\u{:04x}", static_cast<unsigned>(*cp));
      } else {
        out.append(text.substr(start, i - start));
      }
    }
    return out;
  };
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           " ",
                                           "~",
                                           "\x7f",
                                           "\"",
                                           "\\",
                                           "\n",
                                           "\x01",
                                           "\x1f",
                                           "é",
                                           "日本",
                                           "😀",
                                           "\xff",
                                           "\xe6\x97",
                                           "\xc0\xaf",
                                           "\xed\xa0\x80",
                                           "\xf4\x90\x80\x80",
                                           "\x80",
                                           "plain text run"};
  std::uint32_t seed = 12345;
  const auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const std::size_t count = next() % 12;
    for (std::size_t k = 0; k < count; ++k) text += pieces[(next() >> 8) % pieces.size()];
    INFO("text: " << text);
    REQUIRE(json_escape(text) == reference(text));
    std::string appended = "prefix";
    tekigo::engine::json_escape_into(appended, text);
    REQUIRE(appended == "prefix" + reference(text));
  }
}

TEST_CASE("report: json_escape", "[report]") {
  CHECK(json_escape("plain") == "plain");
  CHECK(json_escape("a\"b") == "a\\\"b");
  CHECK(json_escape("a\\b") == "a\\\\b");
  CHECK(json_escape("line\nnext") == "line\\nnext");
  CHECK(json_escape("\t\r\b\f") == "\\t\\r\\b\\f");
  CHECK(json_escape(std::string_view("\0", 1)) == "\\u0000");
  CHECK(json_escape("\x01\x1f") == "\\u0001\\u001f");
  CHECK(json_escape("\x7f") == "\x7f");
  CHECK(json_escape("日本語 ※1 §3") == "日本語 ※1 §3");
  CHECK(json_escape("😀") == "😀");
  CHECK(json_escape("\xff") == "\xef\xbf\xbd");
  CHECK(json_escape("\xe6\x97") == "\xef\xbf\xbd\xef\xbf\xbd");  // truncated sequence
  CHECK(json_escape("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");  // overlong '/'
  CHECK(json_escape("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate

  // Every control character round-trips through a JSON parser.
  std::string all;
  for (int c = 0; c < 0x20; ++c) all += static_cast<char>(c);
  all += "\"\\/";
  const std::string doc = "{\"s\":\"" + json_escape(all) + "\"}";
  simdjson::dom::parser parser;
  simdjson::dom::element e;
  REQUIRE(parser.parse(doc).get(e) == simdjson::SUCCESS);
  CHECK(get_string(e, "s") == all);
}

TEST_CASE("report: display width and printable text", "[report]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("日本語") == 6);
  CHECK(display_width("§3(3) 別表 #7") == 13);
  CHECK(display_width("ｱｲｳ") == 3);        // halfwidth katakana
  CHECK(display_width("ＡＢ") == 4);       // fullwidth latin
  CHECK(display_width("e\xcc\x81") == 1);  // e + combining acute
  CHECK(display_width("\xff") == 1);

  CHECK(printable("日本語 ok") == "日本語 ok");
  CHECK(printable("a\x1b[31mb") == "a\\x1b[31mb");
  CHECK(printable("two\nlines") == "two\\nlines");
  CHECK(printable("bad\xff") == "bad\xef\xbf\xbd");
}

TEST_CASE("report: text output", "[report]") {
  const std::string text = render(ReportFormat::text, {failing_terminal(), passing_terminal()});
  const auto lines = lines_of(text);

  CHECK(text.find("がん登録オンラインシステム 端末要件") != std::string::npos);
  CHECK(text.find("hospital-a/reception-01  (examples/dumps/x.json)  FAIL\n") != std::string::npos);
  CHECK(text.find("hospital-b/受付-02  (examples/dumps/y.yaml)  PASS\n") != std::string::npos);
  CHECK(text.find("\x1b[") == std::string::npos);  // no colour unless asked

  // Non-pass rules show notes and evidence; pass rules do not.
  CHECK(text.find("※1 Apple 製品は対象外") != std::string::npos);
  CHECK(text.find("software[12].name = iTunes   (expected ~ \"itunes\")") != std::string::npos);
  CHECK(text.find("network.line = absent   (expected in [fiber, isdn])") != std::string::npos);
  CHECK(text.find("os.family = windows") == std::string::npos);
  CHECK(text.find("decided by") == std::string::npos);

  // Every status appears with its label; the message column lines up despite Japanese cites.
  const std::vector<std::string> labels = {"PASS", "FAIL", "UNKNOWN", "MANUAL", "N/A", "WARN"};
  std::vector<std::string> rule_lines;
  for (const auto& l : lines)
    for (const auto& label : labels)
      if (l.starts_with("  " + label + " ")) rule_lines.push_back(l);
  REQUIRE(rule_lines.size() == 8);
  for (std::size_t i = 0; i < labels.size(); ++i)
    CHECK(rule_lines[i].substr(2).starts_with(labels[i]));
  std::vector<std::size_t> message_columns;
  for (std::size_t i = 0; i < 6; ++i) {
    const std::string& l = rule_lines[i];
    const auto at = l.find(failing_terminal().rules[i].message);
    REQUIRE(at != std::string::npos);
    message_columns.push_back(display_width(std::string_view(l).substr(0, at)));
  }
  for (auto c : message_columns) CHECK(c == message_columns.front());

  // The summary.
  CHECK(text.find("Summary: 2 terminals — 1 pass, 0 warn, 1 fail, 0 unknown, 0 manual, 0 error") !=
        std::string::npos);
  CHECK(text.find("Most failed rules:\n      1  §3(3) 別表 #7  title of forbidden-software  "
                  "(forbidden-software)\n") != std::string::npos);
  CHECK(text.find("Failing terminals:\n  hospital-a/reception-01\n") != std::string::npos);
}

TEST_CASE("report: text options", "[report]") {
  ReportOptions options;
  options.color = true;
  options.show_passing_evidence = true;
  options.verbose = true;
  const std::string text = render(ReportFormat::text, {failing_terminal()}, options);
  CHECK(text.find("\x1b[31mFAIL\x1b[0m") != std::string::npos);
  CHECK(text.find("\x1b[32mPASS\x1b[0m") != std::string::npos);
  CHECK(text.find("\x1b[33mWARN\x1b[0m") != std::string::npos);
  CHECK(text.find("\x1b[35mUNKNOWN\x1b[0m") != std::string::npos);
  CHECK(text.find("\x1b[36mMANUAL\x1b[0m") != std::string::npos);
  CHECK(text.find("os.family = windows   (expected == windows)") != std::string::npos);
  CHECK(text.find("decided by policies/gan.tkg:12:5") != std::string::npos);
  CHECK(text.find("title of forbidden-software") != std::string::npos);
}

TEST_CASE("report: text shows error results and hostile text safely", "[report]") {
  TerminalResult t = passing_terminal();
  t.subject = "evil\x1b]0;title\x07";
  t.rules[0].id = std::string(40, 'x') + "日本語";  // wider than the id column: no cut
  const std::string text =
      render(ReportFormat::text, {t, error_result("dumps/bad.json", "os.service_pack: bad")});
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("evil\\x1b]0;title\\x07") != std::string::npos);
  CHECK(text.find(std::string(40, 'x') + "日本語 ") != std::string::npos);
  CHECK(text.find("dumps/bad.json  ERROR\n") != std::string::npos);
  CHECK(text.find("error: os.service_pack: bad") != std::string::npos);
  CHECK(text.find("Unreadable dumps:\n  dumps/bad.json\n") != std::string::npos);
}

TEST_CASE("report: summary counts and the worst verdict", "[report]") {
  SummaryBuilder builder(2);
  CHECK(builder.summary().worst() == Verdict::pass);
  CHECK(builder.summary().terminals == 0);

  TerminalResult warn;
  warn.subject = "w";
  warn.rules.push_back(sample_rule("a", "§1", Status::warn, ""));
  warn.rules.push_back(sample_rule("c", "§3", Status::not_applicable, ""));
  warn.verdict = verdict_of(warn.rules);
  REQUIRE(warn.verdict == Verdict::warn);
  builder.add(warn);
  CHECK(builder.summary().worst() == Verdict::warn);

  // A manual rule nobody attested: pending attestation, worse than warn, not a pass.
  TerminalResult manual;
  manual.subject = "m";
  manual.rules.push_back(sample_rule("a", "§1", Status::warn, ""));
  manual.rules.push_back(sample_rule("b", "§2", Status::manual, ""));
  manual.verdict = verdict_of(manual.rules);
  REQUIRE(manual.verdict == Verdict::manual);
  builder.add(manual);
  CHECK(builder.summary().worst() == Verdict::manual);
  CHECK(builder.summary().manual_subjects == std::vector<std::string>{"m"});

  TerminalResult unknown;
  unknown.subject = "u";
  unknown.rules.push_back(sample_rule("a", "§1", Status::unknown, ""));
  unknown.rules.push_back(sample_rule("b", "§2", Status::pass, ""));
  unknown.verdict = verdict_of(unknown.rules);
  REQUIRE(unknown.verdict == Verdict::unknown);
  builder.add(unknown);
  CHECK(builder.summary().worst() == Verdict::unknown);

  for (const char* name : {"f1", "f2"}) {
    TerminalResult fail;
    fail.subject = name;
    fail.rules.push_back(sample_rule("a", "§1", Status::unknown, ""));
    fail.rules.push_back(sample_rule("b", "§2", Status::fail, ""));
    fail.rules.push_back(sample_rule("c", "§3", Status::fail, ""));
    fail.verdict = verdict_of(fail.rules);
    REQUIRE(fail.verdict == Verdict::fail);
    builder.add(fail);
  }
  TerminalResult more;
  more.source = "dumps/more.json";  // no subject: the source names it
  more.rules.push_back(sample_rule("c", "§3", Status::fail, ""));
  more.verdict = verdict_of(more.rules);
  builder.add(more);
  CHECK(builder.summary().worst() == Verdict::fail);

  builder.add(error_result("dumps/bad.json", "unreadable"));
  const BatchSummary s = builder.summary();
  CHECK(s.worst() == Verdict::error);
  CHECK(s.terminals == 7);
  CHECK(s.count(Verdict::pass) == 0);
  CHECK(s.count(Verdict::warn) == 1);
  CHECK(s.count(Verdict::manual) == 1);
  CHECK(s.count(Verdict::unknown) == 1);
  CHECK(s.count(Verdict::fail) == 3);
  CHECK(s.count(Verdict::error) == 1);
  REQUIRE(s.most_failed_rules.size() == 2);  // capped
  CHECK(s.rules_failed == 2);
  CHECK(s.most_failed_rules[0].id == "c");
  CHECK(s.most_failed_rules[0].cite == "§3");
  CHECK(s.most_failed_rules[0].title == "title of c");
  CHECK(s.most_failed_rules[0].count == 3);
  CHECK(s.most_failed_rules[1].id == "b");
  CHECK(s.most_failed_rules[1].count == 2);
  // `a` was unknown on three terminals, two of which fail for another reason.
  CHECK(s.rules_unknown == 1);
  REQUIRE(s.most_unknown_rules.size() == 1);
  CHECK(s.most_unknown_rules[0].id == "a");
  CHECK(s.most_unknown_rules[0].count == 3);
  CHECK(s.failing_subjects == std::vector<std::string>{"f1", "f2", "dumps/more.json"});
  CHECK(s.unknown_subjects == std::vector<std::string>{"u"});
  CHECK(s.error_sources == std::vector<std::string>{"dumps/bad.json"});
}

namespace {

// A terminal of `subject` whose rules (in policy order) are `ids`, failing those in `failing`.
TerminalResult terminal_failing(std::string subject, const std::vector<std::string>& ids,
                                const std::vector<std::string>& failing) {
  TerminalResult t;
  t.subject = std::move(subject);
  t.source = "dumps/" + t.subject + ".json";
  for (const auto& id : ids) {
    const bool fails = std::find(failing.begin(), failing.end(), id) != failing.end();
    t.rules.push_back(sample_rule(id, "§" + id, fails ? Status::fail : Status::pass, ""));
  }
  t.verdict = verdict_of(t.rules);
  return t;
}

}  // namespace

TEST_CASE("report: ties in the most failed rules come in the policy's order", "[report]") {
  // The policy lists z-rule, m-rule, a-rule. The first terminal fails only a-rule, so the
  // order of first failure (a, m, z) is neither the policy's nor the ids'.
  const std::vector<std::string> policy_order = {"z-rule", "m-rule", "a-rule"};
  SummaryBuilder builder;
  builder.add(terminal_failing("t1", policy_order, {"a-rule"}));
  builder.add(terminal_failing("t2", policy_order, {"m-rule", "z-rule"}));
  builder.add(terminal_failing("t3", policy_order, {"m-rule"}));
  const BatchSummary s = builder.summary();
  std::vector<std::string> ids;
  for (const auto& t : s.most_failed_rules) ids.push_back(t.id);
  // m-rule failed twice; z-rule and a-rule once each, z-rule first in the policy.
  CHECK(ids == std::vector<std::string>{"m-rule", "z-rule", "a-rule"});

  // Two rules at one position (hand-made results with different rule lists): by id.
  SummaryBuilder mixed;
  mixed.add(terminal_failing("t1", {"beta"}, {"beta"}));
  mixed.add(terminal_failing("t2", {"alpha"}, {"alpha"}));
  ids.clear();
  for (const auto& t : mixed.summary().most_failed_rules) ids.push_back(t.id);
  CHECK(ids == std::vector<std::string>{"alpha", "beta"});
}

TEST_CASE("report: the summary says how many failed rules it does not list", "[report]") {
  std::vector<std::string> twelve;
  for (int i = 0; i < 12; ++i) twelve.push_back(fmt::format("rule-{:02}", i));
  std::vector<TerminalResult> results = {terminal_failing("many", twelve, twelve),
                                         terminal_failing("few", twelve, {"rule-11"})};
  TerminalResult unknown = passing_terminal();
  unknown.subject = "needs-recollecting";
  unknown.rules[0].status = Status::unknown;
  unknown.verdict = verdict_of(unknown.rules);
  results.push_back(unknown);

  const BatchSummary s = [&] {
    SummaryBuilder b;
    for (const auto& r : results) b.add(r);
    return b.summary();
  }();
  CHECK(s.rules_failed == 12);
  REQUIRE(s.most_failed_rules.size() == 10);
  CHECK(s.most_failed_rules[0].id == "rule-11");  // two failures
  CHECK(s.most_failed_rules[1].id == "rule-00");  // then the policy's order

  const std::string text = render(ReportFormat::text, results);
  CHECK(text.find("      1  §rule-08  title of rule-08  (rule-08)\n  … and 2 more rules\nFailing "
                  "terminals:\n") != std::string::npos);
  CHECK(text.find("Unknown terminals (collect their facts again):\n  needs-recollecting\n") !=
        std::string::npos);

  ReportOptions ja;
  ja.lang = ReportLang::ja;
  const std::string text_ja = render(ReportFormat::text, results, ja);
  CHECK(text_ja.find("  … ほか 2 件の要件\n") != std::string::npos);
  CHECK(text_ja.find("判定が不明の端末（ファクトの再収集が必要）:\n  needs-recollecting\n") !=
        std::string::npos);

  // One more rule: singular. None more: no line. ("few" fails rule-11 all along.)
  results[0] = terminal_failing("many", twelve, {twelve.begin(), twelve.end() - 2});
  CHECK(render(ReportFormat::text, results).find("  … and 1 more rule\n") != std::string::npos);
  results[0] = terminal_failing("many", twelve, {twelve.begin(), twelve.end() - 3});
  CHECK(render(ReportFormat::text, results).find("more rule") == std::string::npos);
}

TEST_CASE("report: the json summary lists what the text summary shows", "[report]") {
  TerminalResult unknown = passing_terminal();
  unknown.subject = "needs-recollecting";
  unknown.rules[0].status = Status::unknown;
  unknown.verdict = verdict_of(unknown.rules);
  const std::string json = render(
      ReportFormat::json,
      {failing_terminal(), unknown, passing_terminal(), error_result("dumps/bad.json", "x")});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);
  simdjson::dom::element summary;
  REQUIRE(doc["summary"].get(summary) == simdjson::SUCCESS);
  CHECK(get_uint(summary, "terminals") == 4);
  CHECK(get_uint(summary, "rules_failed") == 1);
  simdjson::dom::array rules;
  REQUIRE(summary["most_failed_rules"].get(rules) == simdjson::SUCCESS);
  REQUIRE(rules.size() == 1);
  CHECK(get_string(rules.at(0), "id") == "forbidden-software");
  CHECK(get_string(rules.at(0), "title") == "title of forbidden-software");
  CHECK(get_string(rules.at(0), "cite") == "§3(3) 別表 #7");
  CHECK(get_uint(rules.at(0), "failures") == 1);
  const auto strings = [&](const char* key) {
    std::vector<std::string> out;
    simdjson::dom::array list;
    REQUIRE(summary[key].get(list) == simdjson::SUCCESS);
    for (simdjson::dom::element e : list) {
      std::string_view v;
      REQUIRE(e.get(v) == simdjson::SUCCESS);
      out.emplace_back(v);
    }
    return out;
  };
  CHECK(strings("failing_subjects") == std::vector<std::string>{"hospital-a/reception-01"});
  CHECK(strings("unknown_subjects") == std::vector<std::string>{"needs-recollecting"});
  CHECK(strings("error_sources") == std::vector<std::string>{"dumps/bad.json"});

  // An empty batch: empty lists, still valid.
  const std::string empty = render(ReportFormat::json, {});
  REQUIRE(parser.parse(empty).get(doc) == simdjson::SUCCESS);
  REQUIRE(doc["summary"].get(summary) == simdjson::SUCCESS);
  CHECK(get_uint(summary, "rules_failed") == 0);
  CHECK(strings("unknown_subjects").empty());
}

// A rule unknown on every terminal of a fleet where every terminal also fails: the verdicts say
// "0 unknown", so every summary names the unknown rules with their counts, most first.
TEST_CASE("report: every summary lists the unknown rules, whatever the verdicts", "[report]") {
  std::vector<TerminalResult> fleet;
  for (int i = 0; i < 3; ++i) {
    TerminalResult t = failing_terminal();  // line unknown, forbidden-software fails
    t.subject = fmt::format("t{}", i);
    if (i == 0) t.rules[0].status = Status::unknown;  // os-family, once
    t.verdict = verdict_of(t.rules);
    REQUIRE(t.verdict == Verdict::fail);
    fleet.push_back(t);
  }
  const std::string text = render(ReportFormat::text, fleet);
  CHECK(text.find("0 unknown") != std::string::npos);
  CHECK(text.find("\nUnknown rules: line 3, os-family 1\n") != std::string::npos);
  const std::string markdown = render(ReportFormat::markdown, fleet);
  CHECK(
      markdown.find(
          "### Unknown rules\n\n| Unknown | Citation | Rule |\n| ---: | --- | --- |\n"
          "| 3 | §2(1) | title of line `line` |\n| 1 | §1 | title of os-family `os-family` |\n") !=
      std::string::npos);
  const std::string html = render(ReportFormat::html, fleet);
  CHECK(html.find("<h3>Unknown rules</h3>") != std::string::npos);
  CHECK(html.find("<td class=\"num\">3</td><td>§2(1)</td><td><div class=\"rule-title\">title of "
                  "line</div><code class=\"rule-id\">line</code></td>") != std::string::npos);
  for (ReportFormat format : {ReportFormat::json, ReportFormat::sarif}) {
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    const std::string json = render(format, fleet);
    REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);
    simdjson::dom::element summary;
    if (format == ReportFormat::json)
      REQUIRE(doc["summary"].get(summary) == simdjson::SUCCESS);
    else
      REQUIRE(doc["runs"].at(0)["properties"]["summary"].get(summary) == simdjson::SUCCESS);
    CHECK(get_uint(summary, "rules_unknown") == 2);
    simdjson::dom::array rules;
    REQUIRE(summary["most_unknown_rules"].get(rules) == simdjson::SUCCESS);
    REQUIRE(rules.size() == 2);
    CHECK(get_string(rules.at(0), "id") == "line");
    CHECK(get_uint(rules.at(0), "unknown") == 3);
  }
  // None unknown: no line, no table.
  CHECK(render(ReportFormat::text, {passing_terminal()}).find("Unknown rules") ==
        std::string::npos);
}

// --hide-passing: on a fleet only the rules to act on are worth a line each.
TEST_CASE("report: text with hide_passing lists only the rules to act on", "[report]") {
  const TerminalResult bad = error_result("dumps/bad.json", "os.service_pack: bad");
  const std::vector<TerminalResult> batch = {failing_terminal(), passing_terminal(), bad};
  ReportOptions hide;
  hide.hide_passing = true;
  const std::string full = render(ReportFormat::text, batch);
  const std::string text = render(ReportFormat::text, batch, hide);
  const auto lines = lines_of(text);

  // Passing and n/a rules are gone from the failing terminal; the others stay, in order, with
  // their notes and evidence as without the option.
  for (const auto& l : lines) {
    CHECK_FALSE(l.starts_with("  PASS "));
    CHECK_FALSE(l.starts_with("  N/A "));
  }
  CHECK(text.find("os-family") == std::string::npos);
  CHECK(text.find("mac-only") == std::string::npos);
  const std::string listed = text.substr(0, text.find("hospital-b/"));
  std::vector<std::string> statuses;
  for (const auto& l : lines_of(listed))
    for (const std::string label : {"FAIL", "UNKNOWN", "MANUAL", "WARN"})
      if (l.starts_with("  " + label + " ")) statuses.push_back(label);
  CHECK(statuses == std::vector<std::string>{"FAIL", "UNKNOWN", "MANUAL", "WARN"});
  CHECK(text.find("※1 Apple 製品は対象外") != std::string::npos);
  CHECK(text.find("software[12].name = iTunes   (expected ~ \"itunes\")") != std::string::npos);
  CHECK(text.find("network.line = absent   (expected in [fiber, isdn])") != std::string::npos);
  // The count of what was left out closes the terminal's block.
  CHECK(text.find("little free disk\n  2 rules passed or did not apply (hidden)\n\n") !=
        std::string::npos);

  // A passing terminal is its header line alone.
  CHECK(text.find("hospital-b/受付-02  (examples/dumps/y.yaml)  PASS\n\ndumps/bad.json  ERROR\n") !=
        std::string::npos);
  CHECK(text.find("none installed") == std::string::npos);

  // The error terminal and the summary are as without the option.
  CHECK(text.find("dumps/bad.json  ERROR\n           error: os.service_pack: bad\n\n") !=
        std::string::npos);
  CHECK(full.find("dumps/bad.json  ERROR\n           error: os.service_pack: bad\n\n") !=
        std::string::npos);
  REQUIRE(text.find("Summary:") != std::string::npos);
  CHECK(text.substr(text.find("Summary:")) == full.substr(full.find("Summary:")));
  CHECK(full.find("passed or did not apply") == std::string::npos);

  // One hidden rule is singular; the option wins over show_passing_evidence.
  TerminalResult one = failing_terminal();
  one.rules.erase(one.rules.begin() + 4);  // mac-only (n/a): os-family alone is left out
  hide.show_passing_evidence = true;
  const std::string single = render(ReportFormat::text, {one}, hide);
  CHECK(single.find("  1 rule passed or did not apply (hidden)\n") != std::string::npos);
  CHECK(single.find("os.family = windows") == std::string::npos);

  // A manual rule nobody attested makes the terminal pending attestation (verdict manual), and
  // it is listed rather than collapse to the header.
  TerminalResult attest = passing_terminal();
  attest.rules.push_back(sample_rule("ipsec", "§2(2)", Status::manual, "確認が必要です"));
  attest.verdict = verdict_of(attest.rules);
  REQUIRE(attest.verdict == Verdict::manual);
  CHECK(render(ReportFormat::text, {attest}, hide)
            .find("MANUAL\n  MANUAL   §2(2)  ipsec  確認が必要です\n"
                  "  2 rules passed or did not apply (hidden)\n\n") != std::string::npos);

  ReportOptions ja = hide;
  ja.lang = ReportLang::ja;
  ja.show_passing_evidence = false;
  const std::string japanese = render(ReportFormat::text, batch, ja);
  CHECK(japanese.find("little free disk\n  合格または対象外の要件 2 件は省略しました\n\n") !=
        std::string::npos);
  CHECK(japanese.find("hospital-b/受付-02  (examples/dumps/y.yaml)  合格\n\n") !=
        std::string::npos);
}

TEST_CASE("report: hide_passing changes nothing in the formats for tools and in html", "[report]") {
  const std::vector<TerminalResult> batch = {failing_terminal(), passing_terminal()};
  ReportOptions hide;
  hide.hide_passing = true;
  for (ReportFormat format : {ReportFormat::json, ReportFormat::jsonl, ReportFormat::junit,
                              ReportFormat::sarif, ReportFormat::html}) {
    INFO(static_cast<int>(format));
    CHECK(render(format, batch, hide) == render(format, batch));
  }
}
