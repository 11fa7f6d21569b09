#pragma once
// tests: hand-made results shared by the report tests (tests/engine) and the report samples
// (tests/reports): a rule outcome with a source span, and a terminal with one rule of every
// status — evidence, a note, an absent fact, a rule without a span, and Japanese text.
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/eval/outcome.hpp"
#include "engine/report/report.hpp"

namespace tekigo::test {

inline engine::RuleOutcome sample_rule(std::string id, std::string cite, engine::Status status,
                                       std::string message,
                                       const std::string& file = "policies/gan.tkg") {
  engine::RuleOutcome r;
  r.id = std::move(id);
  r.cite = std::move(cite);
  r.title = "title of " + r.id;
  r.status = status;
  r.message = std::move(message);
  r.decided_by = {file, 12, 5, 100, 120};
  return r;
}

// Rules os-family (pass), forbidden-software (fail), line (unknown), ipsec (manual),
// mac-only (n/a), disk (warn), in that order.
inline engine::TerminalResult every_status_terminal(const std::string& file = "policies/gan.tkg") {
  using engine::Status;
  engine::TerminalResult t;
  t.source = "examples/dumps/x.json";
  t.subject = "hospital-a/reception-01";
  t.rules.push_back(
      sample_rule("os-family", "§1", Status::pass, "The terminal runs Windows.", file));
  t.rules.back().evidence.push_back({"os.family", "windows", "== windows", false});
  auto forbidden = sample_rule("forbidden-software", "§3(3) 別表 #7", Status::fail,
                               "禁止ソフトウェア iTunes がインストールされている", file);
  forbidden.notes.push_back("※1 Apple 製品は対象外");
  forbidden.evidence.push_back({"software[12].name", "iTunes", "~ \"itunes\"", false});
  t.rules.push_back(forbidden);
  auto line = sample_rule("line", "§2(1)", Status::unknown,
                          "cannot decide: the dump has no `network.line`", file);
  line.evidence.push_back({"network.line", "absent", "in [fiber, isdn]", true});
  line.decided_by = {};  // no span: SARIF falls back to where the rule is written
  t.rules.push_back(line);
  t.rules.push_back(sample_rule("ipsec", "§2(2)", Status::manual, "確認が必要です", file));
  t.rules.push_back(sample_rule("mac-only", "§5", Status::not_applicable,
                                "does not apply to this terminal", file));
  t.rules.push_back(sample_rule("disk", "§6", Status::warn, "little free disk", file));
  t.verdict = engine::verdict_of(t.rules);
  return t;
}

// Two passing rules (os-family, forbidden-software), a YAML source and a Japanese subject.
inline engine::TerminalResult passing_terminal() {
  using engine::Status;
  engine::TerminalResult t;
  t.source = "examples/dumps/y.yaml";
  t.subject = "hospital-b/受付-02";
  t.rules.push_back(sample_rule("os-family", "§1", Status::pass, "The terminal runs Windows."));
  t.rules.push_back(
      sample_rule("forbidden-software", "§3(3) 別表 #7", Status::pass, "none installed"));
  t.verdict = engine::verdict_of(t.rules);
  return t;
}

// A whole report of `results` as `format` writes it, with the summary at its end.
inline std::string render_report(engine::ReportFormat format, const engine::PolicyInfo& info,
                                 const std::vector<engine::TerminalResult>& results,
                                 const engine::ReportOptions& options = {}) {
  std::ostringstream out;
  engine::SummaryBuilder summary;
  auto writer = engine::make_report_writer(format, out, options);
  writer->begin(info);
  for (const auto& r : results) {
    writer->terminal(r);
    summary.add(r);
  }
  writer->end(summary.summary());
  return out.str();
}

}  // namespace tekigo::test
