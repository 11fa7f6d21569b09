// engine: the html report — one self-contained page (inline CSS and JS, no fonts or anything
// else fetched; a Content-Security-Policy forbids every fetch and every script but ours).
//   begin()     the head, the policy, the filter bar and the head of the terminal table
//   terminal()  one row of the terminal table, straight to the output; the terminal's
//               section (a <details> listing every rule) into a Spool (a temporary file)
//   end()       the totals and the most failed rules, then the spooled sections, then the
//               script (verdict filter, expand/collapse; `#show=fail,error` pre-applies one)
// So the summary is at the top without holding terminals in memory, and the page reads
// fine without JS (only the filter needs it). All text is escaped by html_escape.
#include <fmt/format.h>

#include <array>
#include <cstdint>

#include "engine/common/sha256.hpp"
#include "engine/report/escaping.hpp"
#include "engine/report/json_members.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"
#include "engine/report/writers.hpp"

namespace tekigo::engine::report_detail {

namespace {

// The requirement column: the rule's sentence, its id under it in a small code span.
std::string requirement(const std::string& title, const std::string& id) {
  if (title.empty()) return "<code>" + html_escape(id) + "</code>";
  return "<div class=\"rule-title\">" + html_escape(title) + "</div><code class=\"rule-id\">" +
         html_escape(id) + "</code>";
}

std::string base64(const std::uint8_t* data, std::size_t size) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < size; i += 3) {
    const std::uint32_t n = static_cast<std::uint32_t>(data[i]) << 16 |
                            (i + 1 < size ? static_cast<std::uint32_t>(data[i + 1]) << 8 : 0) |
                            (i + 2 < size ? data[i + 2] : 0);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < size ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < size ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// ---- the page's own CSS and JS ---------------------------------------------------------

constexpr std::string_view kStyle = R"css(
:root{--pass:#1a7f37;--warn:#9a6700;--fail:#cf222e;--unknown:#8250df;--manual:#0969da;
--na:#6e7781;--error:#82071e;--line:#d0d7de;--muted:#57606a;--faint:#8c959f;--head:#f6f8fa;
--fg:#1f2328;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px 40px;color:var(--fg);background:var(--bg);
font:14px/1.55 system-ui,-apple-system,"Segoe UI","Noto Sans CJK JP","Noto Sans JP",
"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,sans-serif}
code,.src,.where{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK JP",
monospace;font-size:12px}
h1{font-size:22px;margin:0 0 2px}
h2{font-size:18px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:16px 0 8px}
.kind{margin:0 0 10px;color:var(--muted)}
dl.policy{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}
dl.policy dt{color:var(--muted)}dl.policy dd{margin:0}
table{border-collapse:collapse;width:100%}
table.tally{width:auto;min-width:50%}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600;white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.zero{color:var(--faint)}
.src{color:var(--muted);word-break:break-all}
.badge{display:inline-block;min-width:5em;padding:0 8px;border-radius:10px;color:#fff;
font-size:12px;font-weight:600;text-align:center;white-space:nowrap}
.b-pass{background:var(--pass)}.b-warn{background:var(--warn)}.b-fail{background:var(--fail)}
.b-unknown{background:var(--unknown)}.b-manual{background:var(--manual)}.b-na{background:var(--na)}
.b-error{background:var(--error)}
#overview{display:flex;flex-direction:column;gap:10px}
#overview .totals{order:-2;margin:0;font-size:15px}
#filter{order:-1;display:flex;flex-wrap:wrap;gap:6px 8px;align-items:center}
#filter label{border:1px solid var(--line);border-radius:14px;padding:1px 10px;cursor:pointer;
user-select:none;white-space:nowrap}
#filter label .n{color:var(--muted);margin-left:4px}
#filter button{font:inherit;font-size:13px;border:1px solid var(--line);border-radius:6px;
background:var(--head);padding:1px 10px;cursor:pointer}
#shown{color:var(--muted);margin-left:6px}
table.summary td:nth-child(2){font-weight:600}
table.summary a{color:inherit}
.none{color:var(--muted)}
.more{color:var(--muted)}
ul.subjects{margin:0;padding-left:20px;columns:18em auto;overflow-wrap:anywhere}
section.terminal{margin:12px 0;border:1px solid var(--line);border-radius:6px;overflow:hidden}
section.terminal>details>summary{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline;
padding:8px 12px;background:var(--head);cursor:pointer}
section.terminal>details[open]>summary{border-bottom:1px solid var(--line)}
.subject{font-size:15px;font-weight:600;word-break:break-all}
.counts{margin-left:auto;color:var(--muted);font-size:12px;white-space:nowrap}
.counts span+span::before{content:" · "}
p.error{margin:0;padding:8px 12px;color:var(--error);white-space:pre-wrap}
p.warning{margin:0;padding:8px 12px;color:var(--warn);white-space:pre-wrap}
table.rules{table-layout:fixed}
table.rules th,table.rules td{border-width:0 0 1px}
table.rules col.c-status{width:7.5em}table.rules col.c-cite{width:11em}
table.rules col.c-rule{width:34%}
table.rules tr>td:first-child{border-left:4px solid transparent}
tr.s-pass>td:first-child{border-left-color:var(--pass)}
tr.s-warn>td:first-child{border-left-color:var(--warn)}
tr.s-fail>td:first-child{border-left-color:var(--fail)}
tr.s-unknown>td:first-child{border-left-color:var(--unknown)}
tr.s-manual>td:first-child{border-left-color:var(--manual)}
tr.s-na>td:first-child{border-left-color:var(--na)}
tr.s-fail{background:#fff5f5}tr.s-unknown{background:#fbf8ff}tr.s-warn{background:#fffbea}
.rule-title{margin-bottom:2px}
.rule-id{color:var(--muted);font-size:11px}
.msg{white-space:pre-wrap;overflow-wrap:anywhere}
ul.notes,ul.evidence{margin:4px 0 0;padding-left:18px}
ul.notes{color:var(--muted);font-size:12px}
.rationale{color:var(--muted);font-size:12px;font-style:italic;margin-top:4px}
ul.evidence li{overflow-wrap:anywhere}
.exp{color:var(--muted)}
.where{color:var(--faint);font-size:11px;margin-top:2px}
footer{margin-top:32px;color:var(--muted);font-size:12px}
[hidden]{display:none!important}
@media print{#filter{display:none!important}body{padding:0}}
)css";

constexpr std::string_view kScript = R"js(
(function () {
  'use strict';
  var root = document.documentElement;
  var filter = document.getElementById('filter');
  if (!filter) return;
  var boxes = Array.prototype.slice.call(filter.querySelectorAll('input[type=checkbox]'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('#summary tbody tr'));
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.terminal'));
  var shown = document.getElementById('shown');
  var counts = {};
  rows.forEach(function (r) {
    var v = r.getAttribute('data-verdict');
    counts[v] = (counts[v] || 0) + 1;
  });
  boxes.forEach(function (b) {
    var n = b.parentNode.querySelector('.n');
    if (n) n.textContent = String(counts[b.value] || 0);
  });
  function apply(remember) {
    var on = {}, visible = 0, list = [];
    boxes.forEach(function (b) { on[b.value] = b.checked; if (b.checked) list.push(b.value); });
    rows.forEach(function (r) {
      var keep = on[r.getAttribute('data-verdict')] === true;
      r.hidden = !keep;
      if (keep) visible++;
    });
    sections.forEach(function (s) { s.hidden = on[s.getAttribute('data-verdict')] !== true; });
    shown.textContent = filter.getAttribute('data-shown')
        .replace('{0}', String(visible)).replace('{1}', String(rows.length));
    root.setAttribute('data-show', list.join(','));
    if (remember) {
      try { history.replaceState(null, '', '#show=' + list.join(',')); } catch (e) { }
    }
  }
  function fromLocation() {
    var m = /(?:^|[#?&])show=([a-z,]*)/.exec(location.hash + '&' + location.search.slice(1));
    if (!m) return;
    var want = m[1].split(',');
    boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
  }
  boxes.forEach(function (b) { b.addEventListener('change', function () { apply(true); }); });
  Array.prototype.forEach.call(filter.querySelectorAll('button[data-set]'), function (btn) {
    btn.addEventListener('click', function () {
      var want = btn.getAttribute('data-set').split(',');
      boxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
      apply(true);
    });
  });
  Array.prototype.forEach.call(filter.querySelectorAll('button[data-open]'), function (btn) {
    btn.addEventListener('click', function () {
      var open = btn.getAttribute('data-open') === '1';
      sections.forEach(function (s) { var d = s.querySelector('details'); if (d) d.open = open; });
    });
  });
  window.addEventListener('hashchange', function () { fromLocation(); apply(false); });
  window.addEventListener('beforeprint', function () {
    sections.forEach(function (s) { var d = s.querySelector('details'); if (d) d.open = true; });
  });
  fromLocation();
  apply(false);
  filter.hidden = false;
  root.setAttribute('data-ready', '1');
})();
)js";

// CSS class of a status: its name, except n/a (not a valid class name).
std::string_view status_class(Status status) {
  return status == Status::not_applicable ? "na" : status_name(status);
}

class HtmlWriter final : public ReportWriter {
 public:
  HtmlWriter(std::ostream& out, const ReportOptions& options)
      : out_(out), options_(options), w_(words(options.lang)) {}

  void begin(const PolicyInfo& policy) override {
    // The script's hash, for the Content-Security-Policy.
    const auto digest = Sha256().update(kScript).finish();
    const std::string title = policy.title.empty() ? policy.id : policy.title.in(options_.lang);
    std::string s = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'sha256-{}'; img-src data:; base-uri 'none'; "
        "form-action 'none'\">\n"
        "<meta name=\"generator\" content=\"tekigo{}\">\n<title>{}{}{}</title>\n"
        "<style>{}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<p class=\"kind\">{}</p>\n"
        "<dl class=\"policy\">\n",
        lang_tag(options_.lang), base64(digest.data(), digest.size()),
        options_.tool_version.empty() ? "" : " " + html_escape(options_.tool_version),
        w_.report_title, title.empty() ? "" : " — ", html_escape(title), kStyle,
        html_escape(title.empty() ? std::string(w_.report_title) : title), w_.report_title);
    const auto item = [&](std::string_view term, const std::string& value, bool code = false) {
      if (value.empty()) return;
      s += fmt::format("<dt>{}</dt><dd>{}{}{}</dd>\n", term, code ? "<code>" : "",
                       html_escape(value), code ? "</code>" : "");
    };
    item(w_.policy, policy.id, true);
    item(w_.revision, policy.revision);
    item(w_.effective, policy.effective);
    item(w_.as_of, options_.as_of ? options_.as_of->to_string() : std::string());
    item(w_.document, policy.source);
    item(w_.policy_file, policy.file, true);
    item(w_.policy_hash, policy.sha256, true);
    for (const auto& f : options_.facts_files)
      item(w_.facts_hash, fmt::format("{}  SHA-256 {}", f.file, f.sha256), true);
    s += fmt::format(
        "</dl>\n</header>\n<main>\n<h2 id=\"terminals\">{}</h2>\n<div id=\"overview\">\n"
        "<div id=\"filter\" hidden data-shown=\"{}\">\n<span>{}:</span>\n",
        w_.terminals_heading, html_escape(w_.shown), w_.show);
    for (Verdict v : kVerdicts)
      s += fmt::format(
          "<label><input type=\"checkbox\" value=\"{}\" checked> <span class=\"badge b-{}\">{}"
          "</span><span class=\"n\"></span></label>\n",
          verdict_name(v), verdict_name(v), verdict_label(w_, v));
    s += fmt::format(
        "<button type=\"button\" data-set=\"pass,warn,fail,unknown,manual,error\">{}</button>\n"
        "<button type=\"button\" data-set=\"fail,unknown,manual,error\">{}</button>\n"
        "<button type=\"button\" data-open=\"1\">{}</button>\n"
        "<button type=\"button\" data-open=\"0\">{}</button>\n<span id=\"shown\"></span>\n"
        "</div>\n<table id=\"summary\" class=\"summary\">\n<thead><tr><th class=\"num\">#</th>"
        "<th>{}</th><th>{}</th><th>{}</th>",
        w_.all, w_.problems_only, w_.expand_all, w_.collapse_all, w_.terminal, w_.dump,
        w_.verdict_heading);
    for (Status st : kStatuses) s += fmt::format("<th class=\"num\">{}</th>", status_label(w_, st));
    s += "</tr></thead>\n<tbody>\n";
    write_to(out_, s);
    begun_ = true;
  }

  void terminal(const TerminalResult& r) override {
    if (!begun_) begin({});
    ++count_;
    const std::string name = html_escape(r.subject.empty() ? r.source : r.subject);
    const std::string source = html_escape(r.source);
    const std::string_view verdict = verdict_name(r.verdict);
    const std::string badge =
        fmt::format("<span class=\"badge b-{}\">{}</span>", verdict, verdict_label(w_, r.verdict));
    const auto counts = status_counts(r);

    std::string row = fmt::format(
        "<tr data-verdict=\"{}\"><td class=\"num\">{}</td><td><a href=\"#t-{}\">{}</a></td>"
        "<td class=\"src\">{}</td><td>{}</td>",
        verdict, count_, count_, name, source, badge);
    for (Status st : kStatuses) {
      const std::size_t n = counts[static_cast<std::size_t>(st)];
      row += fmt::format("<td class=\"num{}\">{}</td>", n ? "" : " zero", n);
    }
    row += "</tr>\n";
    write_to(out_, row);

    std::string s = fmt::format(
        "<section class=\"terminal\" id=\"t-{}\" data-verdict=\"{}\">\n<details{}>\n<summary>"
        "{} <span class=\"subject\">{}</span> <span class=\"src\">{}</span> "
        "<span class=\"counts\">",
        count_, verdict, r.verdict == Verdict::pass ? "" : " open", badge, name, source);
    for (Status st : kStatuses)
      if (const std::size_t n = counts[static_cast<std::size_t>(st)])
        s += fmt::format("<span>{} {}</span>", status_label(w_, st), n);
    s += "</span></summary>\n";
    if (r.verdict == Verdict::error)
      s += fmt::format("<p class=\"error\">{}: {}</p>\n", w_.error, html_escape(r.error));
    if (!r.sha256.empty())
      s += fmt::format("<p class=\"hash\">{} <code>{}</code></p>\n", w_.dump_hash, r.sha256);
    for (const auto& a : r.attestations)
      s += fmt::format("<p class=\"attestation\">{}</p>\n",
                       html_escape(attestation_phrase(w_, a, true)));
    for (const auto& warning : r.warnings)
      s += fmt::format("<p class=\"warning\">{}: {}</p>\n", w_.warning, html_escape(warning));
    if (!r.rules.empty()) {
      s += fmt::format(
          "<table class=\"rules\"><colgroup><col class=\"c-status\"><col class=\"c-cite\">"
          "<col class=\"c-rule\"><col></colgroup>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th>"
          "<th>{}</th></tr></thead>\n<tbody>\n",
          w_.status_heading, w_.citation, w_.rule, w_.message);
      for (const auto& rule : r.rules) rule_row(s, r, rule);
      s += "</tbody></table>\n";
    }
    s += "</details>\n</section>\n";
    spool_.write(s);
  }

  void end(const BatchSummary& summary) override {
    if (!begun_) begin({});
    std::string s = "</tbody></table>\n";
    if (count_ == 0) s += fmt::format("<p class=\"none\">{}</p>\n", w_.no_terminals);
    s += fmt::format("<p class=\"totals\"><strong>{}</strong>: {} — {}</p>\n", w_.summary,
                     html_escape(terminals_phrase(w_, summary.terminals)),
                     html_escape(verdict_counts_phrase(w_, summary)));
    s += "</div>\n";
    if (!summary.most_failed_rules.empty()) {
      s += fmt::format(
          "<h3>{}</h3>\n<table class=\"tally\"><thead><tr><th class=\"num\">{}</th><th>{}</th>"
          "<th>{}</th></tr></thead>\n<tbody>\n",
          w_.most_failed_rules, w_.failures, w_.citation, w_.rule);
      for (const auto& t : summary.most_failed_rules)
        s += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n", t.count,
                         html_escape(t.cite), requirement(t.title, t.id));
      s += "</tbody></table>\n";
      if (const std::string more = more_rules_phrase(w_, summary); !more.empty())
        s += fmt::format("<p class=\"more\">{}</p>\n", html_escape(more));
    }
    if (!summary.most_unknown_rules.empty()) {
      s += fmt::format(
          "<h3>{}</h3>\n<table class=\"tally\"><thead><tr><th class=\"num\">{}</th><th>{}</th>"
          "<th>{}</th></tr></thead>\n<tbody>\n",
          w_.unknown_rules, w_.unknowns, w_.citation, w_.rule);
      for (const auto& t : summary.most_unknown_rules)
        s += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n", t.count,
                         html_escape(t.cite), requirement(t.title, t.id));
      s += "</tbody></table>\n";
      if (const std::string more =
              more_rules_phrase(w_, summary.most_unknown_rules.size(), summary.rules_unknown);
          !more.empty())
        s += fmt::format("<p class=\"more\">{}</p>\n", html_escape(more));
    }
    // Unknown terminals by name: they are the ones whose facts must be collected again.
    if (!summary.unknown_subjects.empty()) {
      const auto names = capped_names(w_, summary.unknown_subjects);
      s += fmt::format("<h3>{}</h3>\n<ul class=\"subjects\">\n", w_.unknown_terminals);
      for (const auto& name : names.shown) s += fmt::format("<li>{}</li>\n", html_escape(name));
      if (!names.more.empty()) s += fmt::format("<li class=\"more\">{}</li>\n", names.more);
      s += "</ul>\n";
    }
    // Terminals pending attestation: someone must attest their manual checks.
    if (!summary.manual_subjects.empty()) {
      const auto names = capped_names(w_, summary.manual_subjects);
      s += fmt::format("<h3>{}</h3>\n<ul class=\"subjects\">\n", w_.pending_terminals);
      for (const auto& name : names.shown) s += fmt::format("<li>{}</li>\n", html_escape(name));
      if (!names.more.empty()) s += fmt::format("<li class=\"more\">{}</li>\n", names.more);
      s += "</ul>\n";
    }
    if (count_ != 0) s += fmt::format("<h2 id=\"details\">{}</h2>\n", w_.details_heading);
    write_to(out_, s);
    if (!spool_.drain(out_)) out_.setstate(std::ios::badbit);
    s = fmt::format(
        "</main>\n<footer>{}{}</footer>\n<script>{}</script>\n</body>\n</html>\n", w_.generated_by,
        options_.tool_version.empty() ? "" : " " + html_escape(options_.tool_version), kScript);
    write_to(out_, s);
    out_.flush();
  }

 private:
  void rule_row(std::string& s, const TerminalResult& r, const RuleOutcome& rule) const {
    const std::string_view cls = status_class(rule.status);
    s += fmt::format(
        "<tr class=\"s-{}\"><td><span class=\"badge b-{}\">{}</span></td><td>{}</td>"
        "<td>{}",
        cls, cls, status_label(w_, rule.status), html_escape(rule.cite),
        requirement(rule.title, rule.id));
    s += fmt::format("</td><td><div class=\"msg\">{}</div>",
                     html_escape(rule.message.empty() ? rule.title : rule.message));
    if (!rule.rationale.empty())
      s += fmt::format("<div class=\"rationale\">{}: {}</div>", w_.rationale,
                       html_escape(rule.rationale));
    if (!rule.notes.empty()) {
      s += "<ul class=\"notes\">";
      for (const auto& note : rule.notes) s += fmt::format("<li>{}</li>", html_escape(note));
      s += "</ul>";
    }
    if (!rule.evidence.empty()) {
      s += "<ul class=\"evidence\">";
      for (const auto& e : rule.evidence) {
        s += fmt::format("<li><code>{}</code> = <code>{}</code>", html_escape(e.path),
                         e.absent ? std::string(w_.absent) : html_escape(e.value));
        if (!e.expected.empty())
          s += fmt::format(" <span class=\"exp\">({} <code>{}</code>)</span>", w_.expected,
                           html_escape(e.expected));
        s += "</li>";
      }
      s += "</ul>";
    }
    if (const Attestation* a = rule_attestation(r, rule))
      s += fmt::format("<div class=\"attested\">{}</div>",
                       html_escape(attestation_phrase(w_, *a, r.attestations.size() > 1)));
    if (rule.decided_by.line != 0)
      s += fmt::format("<div class=\"where\">{} {}</div>", w_.decided_by,
                       html_escape(rule.decided_by.to_string()));
    s += "</td></tr>\n";
  }

  std::ostream& out_;
  ReportOptions options_;
  const Words& w_;
  Spool spool_;
  std::size_t count_ = 0;
  bool begun_ = false;
};

}  // namespace

std::unique_ptr<ReportWriter> make_html_writer(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<HtmlWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail
