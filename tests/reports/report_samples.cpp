// tests/reports: writes every report format, in English and Japanese, for hand-made results
// that the bundled examples cannot give — every status in one terminal, a dump that could not
// be read, hostile text (markup, quotes, control characters, invalid UTF-8) and a policy whose
// rule list is filled in (SARIF's tool.driver.rules). check_formats.py validates them the same
// way as the real binary's output (xmllint with junit.xsd, the SARIF schema, ...).
// Usage: tekigo_report_samples OUTDIR   → OUTDIR/samples-{en,ja}.{jsonl,xml,sarif,md,html}
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "engine/report.hpp"

using namespace tekigo::engine;

namespace {

const std::string kHostile = std::string("<script>alert(1)</script><img src=x onerror=alert(2)> ") +
                             "& \"q\" 'a' | ]]> --> \n line2 esc\x1b[31m bell\x07 bad\xff nul" +
                             std::string(1, '\0') + " 日本語 end";

RuleOutcome rule(std::string id, std::string cite, Status status, std::string message) {
  RuleOutcome r;
  r.id = std::move(id);
  r.cite = std::move(cite);
  r.title = "title of " + r.id;
  r.status = status;
  r.message = std::move(message);
  r.decided_by = {"policies/gan-touroku-online.tkg", 12, 5, 100, 120};
  return r;
}

std::vector<TerminalResult> results() {
  TerminalResult t;
  t.source = "examples/dumps/every-status.json";
  t.subject = "hospital-a/受付-01";
  t.rules.push_back(rule("os-family", "§1", Status::pass, "The terminal runs Windows."));
  t.rules.back().evidence.push_back({"os.family", "windows", "== windows", false});
  auto forbidden = rule("forbidden-software", "§3(3) 別表 #7", Status::fail,
                        "禁止ソフトウェア iTunes がインストールされている");
  forbidden.notes.push_back("※1 Apple 製品は対象外");
  forbidden.evidence.push_back({"software[12].name", "iTunes", "~ \"itunes\"", false});
  t.rules.push_back(forbidden);
  auto line = rule("line-type", "§2(1)", Status::unknown, "cannot decide: no `network.line`");
  line.evidence.push_back({"network.line", "absent", "in [fiber, isdn]", true});
  line.decided_by = {};
  t.rules.push_back(line);
  t.rules.push_back(rule("ipsec-over-path", "§2(2)", Status::manual, "確認が必要です"));
  t.rules.push_back(rule("keymanager-os", "補足2", Status::not_applicable, "does not apply"));
  t.rules.push_back(rule("disk", "§3(1)", Status::warn, "little free disk"));
  t.verdict = verdict_of(t.rules);

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

  TerminalResult pass;
  pass.source = "examples/dumps/pass.yaml";
  pass.subject = "hospital-b/pass-01";
  pass.rules.push_back(rule("os-family", "§1", Status::pass, "ok"));
  pass.verdict = verdict_of(pass.rules);

  return {t, hostile, pass, error_result("dumps/bad.json", "os.service_pack: " + kHostile)};
}

PolicyInfo policy() {
  PolicyInfo p;
  p.id = "gan-touroku-online";
  p.title = "がん登録オンライン利用準備 — 接続要件 <b>&</b>";
  p.revision = "2020-12";
  p.effective = "2020-12-08";
  p.source = "がん登録オンライン利用準備";
  p.file = "policies/gan-touroku-online.tkg";
  const std::vector<std::string> ids = {"os-family",       "forbidden-software", "line-type",
                                        "ipsec-over-path", "keymanager-os",      "disk"};
  std::uint32_t line = 10;
  for (const auto& id : ids)
    p.rules.push_back({id,
                       "§" + std::to_string(line),
                       "title of " + id,
                       "section",
                       "check",
                       {"policies/gan-touroku-online.tkg", line += 10, 3, 0, 0}});
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
      auto writer = make_report_writer(format, out, options);
      SummaryBuilder summary;
      writer->begin(policy());
      for (const auto& r : results()) {
        writer->terminal(r);
        summary.add(r);
      }
      writer->end(summary.summary());
      out.close();
      if (!out) {
        std::cerr << path << ": cannot write\n";
        return 1;
      }
    }
  }
  return 0;
}
