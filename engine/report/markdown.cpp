// engine: the markdown report (GitHub Flavored Markdown) — for pull requests, wikis and
// issue comments. The policy, then a table of every terminal (verdict and rule counts),
// the batch totals and the most failed rules, then per terminal a table of its rules (with
// hide_passing, only those to act on) and the notes and evidence of those that did not pass.
// The terminal table is written as terminals arrive; their details wait in a Spool (a
// temporary file) until end().
// Every text from a policy or a dump goes through markdown_escape: no links, images or HTML.
#include <fmt/format.h>

#include <algorithm>

#include "engine/report/escaping.hpp"
#include "engine/report/json_members.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"
#include "engine/report/writers.hpp"

namespace tekigo::engine::report_detail {

namespace {

// The requirement column: the rule's sentence, its id after it as code (findable, and the
// key of `tekigo test` cases); the id alone when the rule has no sentence.
std::string requirement(const std::string& title, const std::string& id) {
  if (title.empty()) return "`" + id + "`";
  return markdown_escape(title) + " `" + id + "`";
}

class MarkdownWriter final : public ReportWriter {
 public:
  MarkdownWriter(std::ostream& out, const ReportOptions& options)
      : out_(out), options_(options), w_(words(options.lang)) {}

  void begin(const PolicyInfo& policy) override {
    std::string s = "# ";
    s += markdown_escape(policy.title.empty() ? policy.id : policy.title.in(options_.lang));
    s += "\n\n";
    std::string line;
    if (!policy.id.empty()) line += fmt::format("{}: {}", w_.policy, markdown_escape(policy.id));
    if (!policy.revision.empty())
      line += fmt::format("{}{} {}", line.empty() ? "" : " · ", w_.revision,
                          markdown_escape(policy.revision));
    if (!policy.effective.empty())
      line += fmt::format("{}{} {}", line.empty() ? "" : " · ", w_.effective,
                          markdown_escape(policy.effective));
    if (options_.as_of)
      line +=
          fmt::format("{}{} {}", line.empty() ? "" : " · ", w_.as_of, options_.as_of->to_string());
    if (!line.empty()) s += "- " + line + "\n";
    if (!policy.source.empty())
      s += fmt::format("- {}: {}\n", w_.document, markdown_escape(policy.source));
    if (!policy.file.empty())
      s += fmt::format("- {}: {}\n", w_.policy_file, markdown_escape(policy.file));
    if (!policy.sha256.empty()) s += fmt::format("- {}: `{}`\n", w_.policy_hash, policy.sha256);
    for (const auto& f : options_.facts_files)
      s += fmt::format("- {}: {} (SHA-256 `{}`)\n", w_.facts_hash, markdown_escape(f.file),
                       f.sha256);
    s += fmt::format("\n## {}\n\n", w_.terminals_heading);
    write_to(out_, s);
    begun_ = true;
  }

  void terminal(const TerminalResult& r) override {
    if (!begun_) begin({});
    ++count_;
    const std::string name = markdown_escape(r.subject.empty() ? r.source : r.subject);
    const std::string verdict(verdict_label(w_, r.verdict));
    const auto counts = status_counts(r);

    std::string row;
    if (count_ == 1) {
      row += fmt::format("| # | {} | {} | {} |", w_.terminal, w_.dump, w_.verdict_heading);
      for (Status st : kStatuses) row += fmt::format(" {} |", status_label(w_, st));
      row += "\n| ---: | --- | --- | --- |";
      for (std::size_t i = 0; i < kStatuses.size(); ++i) row += " ---: |";
      row += '\n';
    }
    row +=
        fmt::format("| {} | {} | {} | **{}** |", count_, name, markdown_escape(r.source), verdict);
    for (Status st : kStatuses) row += fmt::format(" {} |", counts[static_cast<std::size_t>(st)]);
    row += '\n';
    write_to(out_, row);

    std::string s = fmt::format("### {}. {} — {}\n\n", count_, name, verdict);
    s += fmt::format("{}: {}\n\n", w_.dump, markdown_escape(r.source));
    if (!r.sha256.empty()) s += fmt::format("{}: `{}`\n\n", w_.dump_hash, r.sha256);
    for (const auto& a : r.attestations)
      s += fmt::format("- {}\n", markdown_escape(attestation_phrase(w_, a, true)));
    if (!r.attestations.empty()) s += '\n';
    if (r.verdict == Verdict::error) {
      s += fmt::format("**{}**: {}\n\n", w_.error, markdown_escape(r.error));
    }
    for (const auto& warning : r.warnings)
      s += fmt::format("**{}**: {}\n\n", w_.warning, markdown_escape(warning));
    const std::size_t listed = static_cast<std::size_t>(
        std::count_if(r.rules.begin(), r.rules.end(),
                      [&](const RuleOutcome& rule) { return shown(options_, rule); }));
    if (listed != 0) {
      s += fmt::format("| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n", w_.status_heading,
                       w_.citation, w_.rule, w_.message);
      for (const auto& rule : r.rules) {
        if (!shown(options_, rule)) continue;
        std::string message = rule.message.empty() ? rule.title : rule.message;
        if (const Attestation* a = rule_attestation(r, rule))
          message += " — " + attestation_phrase(w_, *a, r.attestations.size() > 1);
        s += fmt::format("| {} | {} | {} | {} |\n", status_label(w_, rule.status),
                         markdown_escape(rule.cite), requirement(rule.title, rule.id),
                         markdown_escape(message));
      }
      s += '\n';
      // After the blank line that ends the table: a line straight under it would be read as
      // one more row. A terminal with nothing listed is its heading and dump line alone.
      if (listed != r.rules.size())
        s += fmt::format("{}\n\n", hidden_rules_phrase(w_, r.rules.size() - listed));
    }
    std::string details;
    for (const auto& rule : r.rules) {
      if (!shown(options_, rule)) continue;
      const bool passing = report_detail::passing(rule.status);
      const bool notes = !passing && !rule.notes.empty();
      const bool rationale = !passing && !rule.rationale.empty();
      const bool evidence = (!passing || options_.show_passing_evidence) && !rule.evidence.empty();
      if (!notes && !evidence && !rationale) continue;
      details +=
          fmt::format("- **{}** {}", status_label(w_, rule.status), markdown_escape(rule.id));
      if (!rule.cite.empty()) details += fmt::format(" ({})", markdown_escape(rule.cite));
      details += '\n';
      if (rationale)
        details += fmt::format("  - {}: {}\n", w_.rationale, markdown_escape(rule.rationale));
      if (notes)
        for (const auto& note : rule.notes) details += "  - " + markdown_escape(note) + "\n";
      if (evidence)
        for (const auto& e : rule.evidence) {
          details += fmt::format("  - {} = {}", markdown_escape(e.path),
                                 e.absent ? std::string(w_.absent) : markdown_escape(e.value));
          if (!e.expected.empty())
            details += fmt::format(" ({} {})", w_.expected, markdown_escape(e.expected));
          details += '\n';
        }
    }
    if (!details.empty()) s += fmt::format("#### {}\n\n{}\n", w_.evidence, details);
    spool_.write(s);
  }

  void end(const BatchSummary& summary) override {
    if (!begun_) begin({});
    std::string s;
    if (count_ == 0) s += fmt::format("{}\n", w_.no_terminals);
    s += fmt::format("\n**{}**: {} — {}\n", w_.summary, terminals_phrase(w_, summary.terminals),
                     verdict_counts_phrase(w_, summary));
    if (!summary.most_failed_rules.empty()) {
      s += fmt::format("\n### {}\n\n| {} | {} | {} |\n| ---: | --- | --- |\n", w_.most_failed_rules,
                       w_.failures, w_.citation, w_.rule);
      for (const auto& t : summary.most_failed_rules)
        s += fmt::format("| {} | {} | {} |\n", t.count, markdown_escape(t.cite),
                         requirement(t.title, t.id));
      if (const std::string more = more_rules_phrase(w_, summary); !more.empty())
        s += fmt::format("\n{}\n", more);
    }
    if (!summary.most_unknown_rules.empty()) {
      s += fmt::format("\n### {}\n\n| {} | {} | {} |\n| ---: | --- | --- |\n", w_.unknown_rules,
                       w_.unknowns, w_.citation, w_.rule);
      for (const auto& t : summary.most_unknown_rules)
        s += fmt::format("| {} | {} | {} |\n", t.count, markdown_escape(t.cite),
                         requirement(t.title, t.id));
      if (const std::string more =
              more_rules_phrase(w_, summary.most_unknown_rules.size(), summary.rules_unknown);
          !more.empty())
        s += fmt::format("\n{}\n", more);
    }
    // Unknown terminals by name: they are the ones whose facts must be collected again.
    if (!summary.unknown_subjects.empty()) {
      const auto names = capped_names(w_, summary.unknown_subjects);
      s += fmt::format("\n### {}\n\n", w_.unknown_terminals);
      for (const auto& name : names.shown) s += fmt::format("- {}\n", markdown_escape(name));
      if (!names.more.empty()) s += fmt::format("- {}\n", names.more);
    }
    // Terminals pending attestation: someone must attest their manual checks.
    if (!summary.manual_subjects.empty()) {
      const auto names = capped_names(w_, summary.manual_subjects);
      s += fmt::format("\n### {}\n\n", w_.pending_terminals);
      for (const auto& name : names.shown) s += fmt::format("- {}\n", markdown_escape(name));
      if (!names.more.empty()) s += fmt::format("- {}\n", names.more);
    }
    if (count_ != 0) s += fmt::format("\n## {}\n\n", w_.details_heading);
    write_to(out_, s);
    if (!spool_.drain(out_)) out_.setstate(std::ios::badbit);
    out_.flush();
  }

 private:
  std::ostream& out_;
  ReportOptions options_;
  const Words& w_;
  Spool spool_;
  std::size_t count_ = 0;
  bool begun_ = false;
};

}  // namespace

std::unique_ptr<ReportWriter> make_markdown_writer(std::ostream& out,
                                                   const ReportOptions& options) {
  return std::make_unique<MarkdownWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail
