// tests/reports: writes every report format, in English and Japanese, for hand-made results
// that the bundled examples cannot give — every status in one terminal, a dump that could not
// be read, hostile text (markup, quotes, control characters, invalid UTF-8), terminals' warnings
// (hostile too) under a dated check, and a policy whose rule list is filled in (SARIF's
// tool.driver.rules). check_formats.py validates them the same
// way as the real binary's output (xmllint with junit.xsd, the SARIF schema, ...).
// Usage: tekigo_report_samples OUTDIR   → OUTDIR/samples-{en,ja}.{jsonl,xml,sarif,md,html}
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "engine/report/report.hpp"
#include "support/sample_results.hpp"

using namespace tekigo::engine;

namespace {

const std::string kHostile = std::string("<script>alert(1)</script><img src=x onerror=alert(2)> ") +
                             "& \"q\" 'a' | ]]> --> \n line2 esc\x1b[31m bell\x07 bad\xff nul" +
                             std::string(1, '\0') + " 日本語 end";

constexpr const char* kPolicyFile = "tests/fixtures/policies/registry-2020.tkg";

std::vector<TerminalResult> results() {
  TerminalResult t = tekigo::test::every_status_terminal(kPolicyFile);
  t.source = "examples/dumps/every-status.json";
  t.subject = "hospital-a/受付-01";

  TerminalResult hostile = t;
  hostile.subject = kHostile;
  hostile.source = "dumps/\"><img src=x onerror=alert(3)>.json";
  for (auto& r : hostile.rules) {
    r.message = kHostile;
    r.notes.push_back(kHostile);
    for (auto& e : r.evidence) e.value = kHostile;
  }
  hostile.rules[1].cite = kHostile;
  hostile.rules[1].decided_by.file = "/srv/ポリシー/my policy.tkg";
  hostile.warnings = {kHostile};
  t.warnings = {
      "collected on 2020-12-01 (collected.at), before the policy's effective date "
      "2020-12-08: its facts may predate this revision; collect them again",
      "checked as of 2020-12-05, before the policy's effective date 2020-12-08: this "
      "revision is not in force yet"};

  TerminalResult pass;
  pass.source = "examples/dumps/pass.yaml";
  pass.subject = "hospital-b/pass-01";
  pass.rules.push_back(
      tekigo::test::sample_rule("os-family", "§1", Status::pass, "ok", kPolicyFile));
  pass.verdict = verdict_of(pass.rules);

  return {t, hostile, pass, error_result("dumps/bad.json", "os.service_pack: " + kHostile)};
}

PolicyInfo policy() {
  PolicyInfo p;
  p.id = "registry-sample";
  p.title = "がん登録オンライン利用準備 — 接続要件 <b>&</b>";
  p.revision = "2020-12";
  p.effective = "2020-12-08";
  p.source = "がん登録オンライン利用準備";
  p.file = kPolicyFile;
  const std::vector<std::string> ids = {"os-family", "forbidden-software", "line",
                                        "ipsec",     "mac-only",           "disk"};
  std::uint32_t line = 10;
  for (const auto& id : ids)
    p.rules.push_back({id,
                       "§" + std::to_string(line),
                       "title of " + id,
                       "section",
                       "check",
                       {kPolicyFile, line += 10, 3, 0, 0},
                       ""});
  return p;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: tekigo_report_samples OUTDIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const std::vector<std::pair<ReportFormat, std::string>> formats = {
      {ReportFormat::jsonl, "jsonl"}, {ReportFormat::junit, "xml"}, {ReportFormat::sarif, "sarif"},
      {ReportFormat::markdown, "md"}, {ReportFormat::html, "html"}, {ReportFormat::json, "json"},
      {ReportFormat::text, "txt"}};
  for (ReportLang lang : {ReportLang::en, ReportLang::ja}) {
    for (const auto& [format, ext] : formats) {
      const std::string path =
          dir + "/samples-" + (lang == ReportLang::ja ? "ja" : "en") + "." + ext;
      std::ofstream out(path, std::ios::binary);
      ReportOptions options;
      options.lang = lang;
      options.tool_version = "0.1.0";
      options.as_of = Date::parse("2020-12-05");
      out << tekigo::test::render_report(format, policy(), results(), options);
      out.close();
      if (!out) {
        std::cerr << path << ": cannot write\n";
        return 1;
      }
    }
  }
  return 0;
}
