// engine/report: the impact report as one self-contained html page (inline CSS, no script; a
// Content-Security-Policy forbids every fetch). The two policies, the verdict table (OLD rows,
// NEW columns), the rules whose status changes and why, the rules NEW cannot decide on (nearly)
// every terminal, then the terminals whose verdict changes — their rows wait in a Spool until
// end(), so memory stays flat. All text is escaped by html_escape.
#include <fmt/format.h>

#include "engine/report/escaping.hpp"
#include "engine/report/impact_writers.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"

namespace tekigo::engine::report_detail {

namespace {

constexpr std::string_view kStyle = R"css(
:root{--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;--unknown:#8250df;--manual:#0969da;--error:#82071e;
--line:#d0d7de;--muted:#57606a;--faint:#8c959f;--head:#f6f8fa;--fg:#1f2328;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px 40px;color:var(--fg);background:var(--bg);
font:14px/1.55 system-ui,-apple-system,"Segoe UI","Noto Sans CJK JP","Noto Sans JP",
"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,sans-serif}
code,.src{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK JP",
monospace;font-size:12px}
h1{font-size:22px;margin:0 0 10px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
table{border-collapse:collapse}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600;white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.zero{color:var(--faint)}td.moved{font-weight:600;background:#fff8c5}
.src{color:var(--muted);word-break:break-all}
.badge{display:inline-block;min-width:5em;padding:0 8px;border-radius:10px;color:#fff;
font-size:12px;font-weight:600;text-align:center;white-space:nowrap}
.b-pass{background:var(--pass)}.b-warn{background:var(--warn)}.b-fail{background:var(--fail)}
.b-unknown{background:var(--unknown)}.b-manual{background:var(--manual)}.b-error{background:var(--error)}
.totals{font-size:15px}
ul.missing{margin:4px 0 12px;padding-left:20px}
.again{font-weight:600}
.none{color:var(--muted)}
footer{margin-top:32px;color:var(--muted);font-size:12px}
)css";

std::string code(std::string_view text) {
  return fmt::format("<code>{}</code>", html_escape(text));
}

class ImpactHtmlWriter final : public ImpactWriter {
 public:
  ImpactHtmlWriter(std::ostream& out, const ReportOptions& options)
      : out_(out), options_(options), w_(words(options.lang)) {}

  void begin(const ImpactHeader& h) override {
    const PolicyInfo& p = h.revised;
    const std::string title = html_escape(p.title.empty() ? p.id : p.title.in(options_.lang));
    std::string s = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"generator\" content=\"tekigo{}\">\n<title>{}: {}</title>\n"
        "<style>{}</style>\n</head>\n<body>\n<header>\n<h1>{}: {}</h1>\n<table class=\"sides\">\n"
        "<thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        lang_tag(options_.lang),
        options_.tool_version.empty() ? "" : " " + html_escape(options_.tool_version),
        w_.impact_title, title, kStyle, w_.impact_title, title, w_.policy, w_.revision,
        w_.effective, w_.policy_file);
    for (const auto& [label, policy] :
         {std::pair{w_.baseline_side, &h.baseline}, std::pair{w_.revised_side, &h.revised}})
      s += fmt::format(
          "<tr><th>{}</th><td><code>{}</code></td><td>{}</td><td>{}</td>"
          "<td><code>{}</code></td></tr>\n",
          label, html_escape(policy->id), html_escape(policy->revision),
          html_escape(policy->effective), html_escape(policy->file));
    s += "</tbody></table>\n";
    if (h.as_of) s += fmt::format("<p>{}: {}</p>\n", w_.as_of_date, h.as_of->to_string());
    s += "</header>\n<main>\n";
    write_to(out_, s);
    begun_ = true;
  }

  void terminal(const TerminalImpact& t) override {
    if (!begun_) begin({});
    if (!t.verdict_changed()) return;
    ++listed_;
    const std::string changes = terminal_changes_phrase(w_, t, code, html_escape);
    spool_.write(fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"src\">{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>\n",
        listed_, html_escape(t.subject.empty() ? t.source : t.subject), html_escape(t.source),
        badge(t.baseline_verdict), badge(t.verdict), changes));
  }

  void end(const FleetImpact& impact) override {
    if (!begun_) begin({});
    std::string s = fmt::format(
        "<h2 id=\"verdicts\">{}</h2>\n<table class=\"verdicts\">\n<thead><tr><th>{} ＼ {}</th>",
        w_.verdict_changes, w_.baseline_side, w_.revised_side);
    for (Verdict v : kVerdicts) s += fmt::format("<th class=\"num\">{}</th>", badge(v));
    s += fmt::format("<th class=\"num\">{}</th></tr></thead>\n<tbody>\n", w_.total);
    for (Verdict from : kVerdicts) {
      s += fmt::format("<tr><th>{}</th>", badge(from));
      for (Verdict to : kVerdicts) {
        const std::size_t n = impact.count(from, to);
        s += fmt::format("<td class=\"num{}\">{}</td>",
                         n == 0 ? " zero" : (from != to ? " moved" : ""), n);
      }
      s += fmt::format("<td class=\"num\">{}</td></tr>\n", impact.count_under_old(from));
    }
    s += fmt::format("<tr><th>{}</th>", w_.total);
    for (Verdict to : kVerdicts)
      s += fmt::format("<td class=\"num\">{}</td>", impact.count_under_new(to));
    s += fmt::format(
        "<td class=\"num\">{}</td></tr>\n</tbody></table>\n<p "
        "class=\"totals\"><strong>{}</strong>: "
        "{}</p>\n",
        impact.terminals, w_.summary, html_escape(impact_totals_phrase(w_, impact)));

    if (!impact.rules.empty()) {
      s += fmt::format(
          "<h2 id=\"rules\">{}</h2>\n<table class=\"rules\">\n<thead><tr><th>{}</th><th>{}</th>"
          "<th>{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>\n",
          w_.rules_changing, w_.rule, w_.citation, w_.change, w_.terminals_heading, w_.changes);
      for (const auto& r : impact.rules)
        s += fmt::format(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
            code(r.id), html_escape(r.cite), w_.nature[static_cast<std::size_t>(r.nature)],
            r.changed, html_escape(rule_transitions_phrase(w_, r)));
      s += "</tbody></table>\n";
    }

    if (!impact.unknown_rules.empty()) {
      s += fmt::format("<h2 id=\"unknown\">{}</h2>\n", w_.unknown_everywhere);
      for (const auto& u : impact.unknown_rules) {
        s += fmt::format("<p><strong><code>{}</code></strong>", html_escape(u.id));
        if (!u.cite.empty()) s += fmt::format(" ({})", html_escape(u.cite));
        s += fmt::format(": {}", html_escape(unknown_on_phrase(w_, u, impact.evaluated)));
        if (u.nature != RuleNature::kept)
          s += fmt::format(" · {}", w_.nature[static_cast<std::size_t>(u.nature)]);
        s += "</p>\n<ul class=\"missing\">\n";
        for (const auto& m : u.missing)
          s += fmt::format("<li>{}</li>\n", missing_phrase(w_, m, impact.evaluated, code));
        if (u.collect_again()) s += fmt::format("<li class=\"again\">{}</li>\n", w_.collect_again);
        s += "</ul>\n";
      }
    }

    s += fmt::format("<h2 id=\"terminals\">{}</h2>\n", w_.terminals_changing);
    if (listed_ == 0)
      s += fmt::format("<p class=\"none\">{}</p>\n", w_.no_verdict_changes);
    else
      s += fmt::format(
          "<table class=\"terminals\">\n<thead><tr><th class=\"num\">#</th><th>{}</th><th>{}</th>"
          "<th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
          w_.terminal, w_.dump, w_.baseline_side, w_.revised_side, w_.changed_rules);
    write_to(out_, s);
    if (!spool_.drain(out_)) out_.setstate(std::ios::badbit);
    s = listed_ == 0 ? "" : "</tbody></table>\n";
    if (!impact.error_sources.empty()) {
      s += fmt::format("<h2 id=\"unreadable\">{}</h2>\n<ul>\n", w_.unreadable_dumps);
      const auto names = capped_names(w_, impact.error_sources);
      for (const auto& name : names.shown) s += fmt::format("<li>{}</li>\n", html_escape(name));
      if (!names.more.empty()) s += fmt::format("<li>{}</li>\n", names.more);
      s += "</ul>\n";
    }
    s += fmt::format("</main>\n<footer>{}{}</footer>\n</body>\n</html>\n", w_.generated_by,
                     options_.tool_version.empty() ? "" : " " + html_escape(options_.tool_version));
    write_to(out_, s);
    out_.flush();
  }

 private:
  std::string badge(Verdict v) const {
    return fmt::format("<span class=\"badge b-{}\">{}</span>", verdict_name(v),
                       verdict_label(w_, v));
  }

  std::ostream& out_;
  ReportOptions options_;
  const Words& w_;
  Spool spool_;
  std::size_t listed_ = 0;
  bool begun_ = false;
};

}  // namespace

std::unique_ptr<ImpactWriter> make_impact_html_writer(std::ostream& out,
                                                      const ReportOptions& options) {
  return std::make_unique<ImpactHtmlWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail
