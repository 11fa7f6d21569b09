// engine/report: the impact report as text, for people at a terminal. The two policies, then
// each terminal whose verdict changes as it arrives (with the rules whose status changed),
// then the tables: verdicts OLD → NEW, the rules whose status changes and why, and the rules
// NEW cannot decide on (nearly) every terminal with what the fleet never collected for them.
#include <fmt/format.h>

#include <algorithm>

#include "engine/common/utf8.hpp"
#include "engine/report/impact_writers.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"

namespace tekigo::engine::report_detail {

namespace {

std::string code(std::string_view text) {
  return fmt::format("`{}`", printable(text));
}

// `text` followed by spaces up to `width` columns (at least two spaces when it is wider).
void pad_into(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  const std::size_t w = display_width(text);
  out.append(w + 2 <= width ? width - w : 2, ' ');
}

constexpr std::size_t kMaxIdWidth = 32;

class ImpactTextWriter final : public ImpactWriter {
 public:
  ImpactTextWriter(std::ostream& out, const ReportOptions& options)
      : out_(out), w_(words(options.lang)), lang_(options.lang) {}

  void begin(const ImpactHeader& h) override {
    const PolicyInfo& p = h.revised;
    std::string s = fmt::format("{}: {}", w_.impact_title,
                                printable(p.title.empty() ? p.id : p.title.in(lang_)));
    if (!p.title.empty() && !p.id.empty()) s += fmt::format("  ({})", printable(p.id));
    s += '\n';
    side(s, w_.baseline_side, h.baseline);
    side(s, w_.revised_side, h.revised);
    if (h.as_of) s += fmt::format("  {} {}\n", w_.as_of_date, h.as_of->to_string());
    s += '\n';
    write_to(out_, s);
  }

  void terminal(const TerminalImpact& t) override {
    if (!t.verdict_changed()) return;
    std::string s = t.subject.empty()
                        ? printable(t.source)
                        : fmt::format("{}  ({})", printable(t.subject), printable(t.source));
    s += fmt::format("  {} → {}\n", verdict_label(w_, t.baseline_verdict),
                     verdict_label(w_, t.verdict));
    if (!t.error.empty()) s += fmt::format("  {}: {}\n", w_.error, printable(t.error));
    std::size_t width = 0;
    for (const auto& c : t.changed)
      width = std::max(width, std::min(display_width(printable(c.id)), kMaxIdWidth) + 2);
    for (const auto& c : t.changed) {
      s += "  ";
      pad_into(s, printable(c.id), width);
      s += fmt::format("{} → {}\n", side_label(w_, c.from), side_label(w_, c.to));
    }
    s += '\n';
    write_to(out_, s);
    ++listed_;
  }

  void end(const FleetImpact& impact) override {
    std::string s;
    if (listed_ == 0) s += fmt::format("{}\n\n", w_.no_verdict_changes);
    s += fmt::format("{}:\n", w_.verdict_changes);
    std::size_t width = 0;
    for (Verdict from : kVerdicts)
      for (Verdict to : kVerdicts)
        if (impact.count(from, to))
          width = std::max(width, display_width(verdict_label(w_, from)) +
                                      display_width(verdict_label(w_, to)) + 3 + 2);
    for (Verdict from : kVerdicts)
      for (Verdict to : kVerdicts)
        if (const std::size_t n = impact.count(from, to)) {
          s += "  ";
          pad_into(s, fmt::format("{} → {}", verdict_label(w_, from), verdict_label(w_, to)),
                   width);
          s += fmt::format("{:>5}\n", n);
        }
    s += fmt::format("{}: {}\n", w_.summary, impact_totals_phrase(w_, impact));

    if (!impact.rules.empty()) {
      s += fmt::format("\n{}:\n", w_.rules_changing);
      std::size_t id_width = 0, cite_width = 0, nature_width = 0;
      for (const auto& r : impact.rules) {
        id_width = std::max(id_width, std::min(display_width(printable(r.id)), kMaxIdWidth) + 2);
        cite_width = std::max(cite_width, display_width(printable(r.cite)) + 2);
        nature_width = std::max(nature_width,
                                display_width(w_.nature[static_cast<std::size_t>(r.nature)]) + 2);
      }
      for (const auto& r : impact.rules) {
        s += "  ";
        pad_into(s, printable(r.id), id_width);
        if (cite_width > 2) pad_into(s, printable(r.cite), cite_width);
        pad_into(s, w_.nature[static_cast<std::size_t>(r.nature)], nature_width);
        s += fmt::format("{:>5}", r.changed);
        if (const std::string moves = rule_transitions_phrase(w_, r); !moves.empty())
          s += "  " + moves;
        s += '\n';
      }
    }

    if (!impact.unknown_rules.empty()) {
      s += fmt::format("\n{}:\n", w_.unknown_everywhere);
      for (const auto& u : impact.unknown_rules) {
        s += fmt::format("  {}  {}", printable(u.id), unknown_on_phrase(w_, u, impact.evaluated));
        if (u.nature != RuleNature::kept)
          s += fmt::format(" ({})", w_.nature[static_cast<std::size_t>(u.nature)]);
        s += '\n';
        for (const auto& m : u.missing)
          s += fmt::format("    {}\n", missing_phrase(w_, m, impact.evaluated, code));
        if (u.collect_again()) s += fmt::format("    → {}\n", w_.collect_again);
      }
    }

    if (!impact.error_sources.empty()) {
      s += fmt::format("\n{}:\n", w_.unreadable_dumps);
      const auto names = capped_names(w_, impact.error_sources);
      for (const auto& name : names.shown) s += fmt::format("  {}\n", printable(name));
      if (!names.more.empty()) s += fmt::format("  {}\n", names.more);
    }
    write_to(out_, s);
    out_.flush();
  }

 private:
  void side(std::string& s, std::string_view label, const PolicyInfo& p) const {
    s += fmt::format("  {}", label);
    if (!p.revision.empty()) s += fmt::format("  {} {}", w_.revision, printable(p.revision));
    if (!p.effective.empty()) s += fmt::format("  {} {}", w_.effective, printable(p.effective));
    if (!p.file.empty()) s += fmt::format("  {}", printable(p.file));
    s += '\n';
  }

  std::ostream& out_;
  const Words& w_;
  Lang lang_;
  std::size_t listed_ = 0;
};

}  // namespace

std::unique_ptr<ImpactWriter> make_impact_text_writer(std::ostream& out,
                                                      const ReportOptions& options) {
  return std::make_unique<ImpactTextWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail
