// Tests for the two languages of a policy, end to end: the frozen fixture
// tests/fixtures/policies/clinic-bilingual.tkg (every sentence in English and Japanese)
// compiled, evaluated with --lang ja on a terminal that warns, fails, is unknown and needs a
// manual check, and reported in every format: no English sentence is left in what the
// evaluator wrote, nor in the text report; with --lang en the same words are English (so the
// check can fail). The parse of translations and E0110/E0111 are tested here too.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "dsl/compiler.hpp"
#include "engine/eval/evaluator.hpp"
#include "engine/facts/fact_dump.hpp"
#include "engine/report/report.hpp"

using namespace tekigo;

namespace {

const char* kFixture = TEKIGO_SOURCE_DIR "/tests/fixtures/policies/clinic-bilingual.tkg";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Windows 8.1 with IE 11 (row 2: warn), Defender stopped and iTunes installed (fail), the
// portal not probed (unknown), the router not attested (manual), collected before the
// policy's effective date (a warning).
const char* kDump = R"({
  "schema": "tekigo.facts/1", "subject": "clinic/desk-01",
  "collected": {"at": "2025-12-20T09:00:00+09:00", "by": "test"},
  "os": {"family": "windows", "name": "Windows 8.1 Pro", "version": "8.1",
         "edition": "Professional", "service_pack": 0, "arch": "x64"},
  "browsers": [{"id": "ie", "version": "11.0.9600.19596"}],
  "disk": {"system_free_bytes": 5368709120},
  "software": [{"name": "iTunes", "version": "12.10.9.3", "publisher": "Apple Inc."}],
  "services": [{"name": "WinDefend", "display_name": "Microsoft Defender Antivirus Service",
                "state": "stopped", "start": "auto"}],
  "features": {"internet_connection_sharing": false, "mobile_hotspot": false},
  "network": {"line": "adsl", "internet_via_datacenter": false, "proxy": null,
              "adapters": [], "layered_service_providers": []},
  "dns": [{"name": "portal.example.jp", "addresses": ["198.51.100.7"], "source": "dns"}],
  "reach": []
})";

struct Checked {
  engine::PolicyInfo info;
  engine::TerminalResult result;
};

Checked check(engine::Lang lang) {
  auto compiled = dsl::compile_text("clinic-bilingual.tkg", read_file(kFixture));
  INFO(dsl::render_all(compiled.diagnostics, *compiled.source));
  REQUIRE(compiled.ok());
  auto load = engine::parse_facts(kDump, "dump.json", engine::FactFormat::json);
  REQUIRE(load.errors.empty());
  engine::EvaluationOptions options;
  options.as_of = engine::Date::parse("2026-06-01");
  options.lang = lang;
  return {
      compiled.policy->info,
      engine::evaluate(compiled.policy->graph, load.documents.front().root, "dump.json", options)};
}

// English words that a sentence of the policy or of the engine would hold, as words (not
// inside names such as `portal.example.jp`, rule ids or fact paths, which are left out first).
const std::regex kEnglish(
    R"((^|[^A-Za-z._/-])(the|is|are|not|no|must|be|to|of|and|or|with|was|does|cannot|decide|)"
    R"(dump|matches|supported|installed|present|none|entry|entries|matching|row|resolves|)"
    R"(pass|blocked|probed|checked|collected|before|effective|usable|recommended|person|)"
    R"(attested|running|share|terminal|combination|antivirus|router|portal|free|space)"
    R"()([^A-Za-z._/-]|$))",
    std::regex::icase);

// `text` without what is no sentence: rule ids, fact paths, host names, the file names.
std::string sentences_only(std::string text, const engine::PolicyInfo& info) {
  for (const auto& r : info.rules)
    for (std::size_t at; (at = text.find(r.id)) != std::string::npos;) text.erase(at, r.id.size());
  for (const char* word : {"collected.at", "clinic-bilingual", "tests/fixtures/policies",
                           "clinic/desk-01", "dump.json"})
    for (std::size_t at; (at = text.find(word)) != std::string::npos;)
      text.erase(at, std::string_view(word).size());
  return text;
}

std::vector<std::string> english_in(const std::string& text) {
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), kEnglish), end; it != end; ++it)
    out.push_back((*it)[2].str());
  return out;
}

// Every sentence the evaluation wrote: titles, messages, notes, the terminal's warnings.
std::vector<std::string> outcome_texts(const Checked& c) {
  std::vector<std::string> out = c.result.warnings;
  for (const auto& r : c.result.rules) {
    out.push_back(r.title);
    out.push_back(r.message);
    for (const auto& n : r.notes) out.push_back(n);
  }
  return out;
}

std::string text_report(const Checked& c, engine::Lang lang) {
  std::ostringstream out;
  engine::ReportOptions options;
  options.lang = lang;
  options.verbose = true;
  auto writer = engine::make_report_writer(engine::ReportFormat::text, out, options);
  writer->begin(c.info);
  writer->terminal(c.result);
  writer->end({});
  // Evidence lines quote the dump and the policy's conditions (`expected == windows`).
  std::string kept;
  std::istringstream lines(out.str());
  for (std::string line; std::getline(lines, line);)
    if (line.find(" = ") == std::string::npos) kept += line + "\n";
  return kept;
}

}  // namespace

TEST_CASE("bilingual: a --lang ja evaluation of the fixture writes no English sentence",
          "[lower][lang]") {
  const Checked ja = check(engine::Lang::ja);
  std::set<engine::Status> statuses;
  for (const auto& r : ja.result.rules) statuses.insert(r.status);
  // The terminal exercises the engine's explanations of every kind of outcome.
  CHECK(statuses == std::set<engine::Status>{engine::Status::warn, engine::Status::fail,
                                             engine::Status::unknown, engine::Status::manual});
  REQUIRE(ja.result.warnings.size() == 1);
  for (const auto& text : outcome_texts(ja)) {
    INFO(text);
    CHECK(english_in(sentences_only(text, ja.info)).empty());
  }
  const std::string report = sentences_only(text_report(ja, engine::Lang::ja), ja.info);
  INFO(report);
  CHECK(english_in(report).empty());
  CHECK(report.find("診療所端末の接続要件") != std::string::npos);
  CHECK(report.find("第 2 項（Windows 8.1（RT を除く））") != std::string::npos);
}

TEST_CASE("bilingual: --lang en gives the English of the same sentences", "[lower][lang]") {
  const Checked en = check(engine::Lang::en);
  std::size_t english = 0;
  for (const auto& text : outcome_texts(en))
    english += english_in(sentences_only(text, en.info)).size();
  CHECK(english > 10);  // the check above can fail
  for (const auto& r : en.result.rules) {
    INFO(r.id << ": " << r.message);
    for (unsigned char c : r.title + r.message)  // no kana or kanji (U+3000–U+9FFF)
      CHECK_FALSE((c >= 0xE3 && c <= 0xE9));
  }
}

TEST_CASE("bilingual: a translation's text, the header's language, E0110 and E0111",
          "[lower][lang]") {
  auto ok = dsl::compile_text("t.tkg", R"(policy t {
  title "日本語の題" en "An English title"
  revision "1" effective 2026-01-01 source "s"
  language ja
}
section "§1" "端末" {
  check os-ok "OS が Windows であること" en "The OS must be Windows." { expect os.family == windows }
})");
  INFO(dsl::render_all(ok.diagnostics, *ok.source));
  REQUIRE(ok.ok());
  const auto& info = ok.policy->info;
  CHECK(info.language == engine::Lang::ja);
  CHECK(info.title == engine::LocalText::both("An English title", "日本語の題"));
  REQUIRE(info.rules.size() == 1);
  CHECK(info.rules[0].title.in(engine::Lang::en) == "The OS must be Windows.");
  CHECK(info.rules[0].section.in(engine::Lang::en) == "端末");  // falls back

  auto codes_of = [](const std::string& text) {
    std::vector<std::string> out;
    for (const auto& d : dsl::compile_text("t.tkg", text).diagnostics) out.push_back(d.code);
    return out;
  };
  const std::string head = R"(policy t { title "t" revision "1" effective 2026-01-01 source "s" }
section "§1" {
  check os-ok )";
  CHECK(codes_of(head + R"("A" fr "B" { expect os.family == windows } })") ==
        std::vector<std::string>{"E0110"});
  CHECK(codes_of(head + R"("A" en "B" { expect os.family == windows } })") ==
        std::vector<std::string>{"E0111"});
  CHECK(codes_of(head + R"("A" ja "B" ja "C" { expect os.family == windows } })") ==
        std::vector<std::string>{"E0111"});
  CHECK(codes_of(head + R"("A" ja "B" { expect os.family == windows } })").empty());
}
