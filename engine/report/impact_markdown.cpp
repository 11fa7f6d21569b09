// engine/report: the impact report as GitHub Flavored Markdown — for the pull request that
// carries a revision. The two policies, the verdict table (OLD rows, NEW columns), the rules
// whose status changes and why, the rules NEW cannot decide on (nearly) every terminal, then
// the terminals whose verdict changes (held in a Spool until end()). Every text from a policy
// or a dump goes through markdown_escape (or a code span that holds no backtick or bar).
#include <fmt/format.h>

#include "engine/report/escaping.hpp"
#include "engine/report/impact_writers.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"

namespace tekigo::engine::report_detail {

namespace {

std::string code(std::string_view text) {
  std::string clean = clean_text(text);
  if (clean.empty() || clean.find_first_of("`|\n") != std::string::npos)
    return markdown_escape(text);
  return fmt::format("`{}`", clean);
}

class ImpactMarkdownWriter final : public ImpactWriter {
 public:
  ImpactMarkdownWriter(std::ostream& out, const ReportOptions& options)
      : out_(out), w_(words(options.lang)), lang_(options.lang) {}

  void begin(const ImpactHeader& h) override {
    const PolicyInfo& p = h.revised;
    std::string s = fmt::format("# {}: {}\n\n", w_.impact_title,
                                markdown_escape(p.title.empty() ? p.id : p.title.in(lang_)));
    s += fmt::format("| | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n", w_.policy,
                     w_.revision, w_.effective, w_.policy_file);
    for (const auto& [label, policy] :
         {std::pair{w_.baseline_side, &h.baseline}, std::pair{w_.revised_side, &h.revised}})
      s += fmt::format("| {} | {} | {} | {} | {} |\n", label, markdown_escape(policy->id),
                       markdown_escape(policy->revision), markdown_escape(policy->effective),
                       markdown_escape(policy->file));
    if (h.as_of) s += fmt::format("\n{}: {}\n", w_.as_of_date, h.as_of->to_string());
    write_to(out_, s);
    begun_ = true;
  }

  void terminal(const TerminalImpact& t) override {
    if (!begun_) begin({});
    if (!t.verdict_changed()) return;
    ++listed_;
    const std::string changes = terminal_changes_phrase(w_, t, code, markdown_escape);
    spool_.write(fmt::format("| {} | {} | {} | {} | {} | {} |\n", listed_,
                             markdown_escape(t.subject.empty() ? t.source : t.subject),
                             markdown_escape(t.source), verdict_label(w_, t.baseline_verdict),
                             verdict_label(w_, t.verdict), changes));
  }

  void end(const FleetImpact& impact) override {
    if (!begun_) begin({});
    std::string s = fmt::format("\n## {}\n\n| {} ＼ {} |", w_.verdict_changes, w_.baseline_side,
                                w_.revised_side);
    for (Verdict v : kVerdicts) s += fmt::format(" {} |", verdict_label(w_, v));
    s += fmt::format(" {} |\n| --- |", w_.total);
    for (std::size_t i = 0; i <= kVerdicts.size(); ++i) s += " ---: |";
    s += '\n';
    for (Verdict from : kVerdicts) {
      s += fmt::format("| **{}** |", verdict_label(w_, from));
      for (Verdict to : kVerdicts)
        s += from == to ? fmt::format(" {} |", impact.count(from, to))
                        : fmt::format(" {} |", bold_unless_zero(impact.count(from, to)));
      s += fmt::format(" {} |\n", impact.count_under_old(from));
    }
    s += fmt::format("| **{}** |", w_.total);
    for (Verdict to : kVerdicts) s += fmt::format(" {} |", impact.count_under_new(to));
    s += fmt::format(" {} |\n\n**{}**: {}\n", impact.terminals, w_.summary,
                     impact_totals_phrase(w_, impact));

    if (!impact.rules.empty()) {
      s += fmt::format("\n## {}\n\n| {} | {} | {} | {} | {} |\n| --- | --- | --- | ---: | --- |\n",
                       w_.rules_changing, w_.rule, w_.citation, w_.change, w_.terminals_heading,
                       w_.changes);
      for (const auto& r : impact.rules)
        s += fmt::format("| {} | {} | {} | {} | {} |\n", code(r.id), markdown_escape(r.cite),
                         w_.nature[static_cast<std::size_t>(r.nature)], r.changed,
                         rule_transitions_phrase(w_, r));
    }

    if (!impact.unknown_rules.empty()) {
      s += fmt::format("\n## {}\n\n", w_.unknown_everywhere);
      for (const auto& u : impact.unknown_rules) {
        s += fmt::format("- **{}**", markdown_escape(u.id));
        if (!u.cite.empty()) s += fmt::format(" ({})", markdown_escape(u.cite));
        s += fmt::format(": {}", unknown_on_phrase(w_, u, impact.evaluated));
        if (u.nature != RuleNature::kept)
          s += fmt::format(" · {}", w_.nature[static_cast<std::size_t>(u.nature)]);
        s += '\n';
        for (const auto& m : u.missing)
          s += fmt::format("  - {}\n", missing_phrase(w_, m, impact.evaluated, code));
        if (u.collect_again()) s += fmt::format("  - **{}**\n", w_.collect_again);
      }
    }

    s += fmt::format("\n## {}\n\n", w_.terminals_changing);
    if (listed_ == 0)
      s += fmt::format("{}\n", w_.no_verdict_changes);
    else
      s += fmt::format("| # | {} | {} | {} | {} | {} |\n| ---: | --- | --- | --- | --- | --- |\n",
                       w_.terminal, w_.dump, w_.baseline_side, w_.revised_side, w_.changed_rules);
    write_to(out_, s);
    if (!spool_.drain(out_)) out_.setstate(std::ios::badbit);

    if (!impact.error_sources.empty()) {
      s = fmt::format("\n### {}\n\n", w_.unreadable_dumps);
      const auto names = capped_names(w_, impact.error_sources);
      for (const auto& name : names.shown) s += fmt::format("- {}\n", markdown_escape(name));
      if (!names.more.empty()) s += fmt::format("- {}\n", names.more);
      write_to(out_, s);
    }
    out_.flush();
  }

 private:
  static std::string bold_unless_zero(std::size_t n) { return n ? fmt::format("**{}**", n) : "0"; }

  std::ostream& out_;
  const Words& w_;
  Lang lang_;
  Spool spool_;
  std::size_t listed_ = 0;
  bool begun_ = false;
};

}  // namespace

std::unique_ptr<ImpactWriter> make_impact_markdown_writer(std::ostream& out,
                                                          const ReportOptions& options) {
  return std::make_unique<ImpactMarkdownWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail
