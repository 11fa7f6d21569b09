// engine/report: the text report, for people at a terminal (columns, optional colour).
#include <fmt/format.h>

#include <algorithm>

#include "engine/common/utf8.hpp"
#include "engine/report/escaping.hpp"
#include "engine/report/json_members.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"
#include "engine/report/writers.hpp"

namespace tekigo::engine::report_detail {

namespace {

// `text` followed by spaces up to `width` columns (at least one space when it is wider).
void pad_into(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  const std::size_t w = display_width(text);
  out.append(w < width ? width - w : 1, ' ');
}

constexpr std::string_view kReset = "\x1b[0m";

std::string_view status_color(Status status) {
  switch (status) {
    case Status::pass:
      return "\x1b[32m";
    case Status::warn:
      return "\x1b[33m";
    case Status::fail:
      return "\x1b[31m";
    case Status::unknown:
      return "\x1b[35m";
    case Status::manual:
      return "\x1b[36m";
    case Status::not_applicable:
      return "\x1b[2m";
  }
  return "";
}

std::string_view verdict_color(Verdict verdict) {
  switch (verdict) {
    case Verdict::pass:
      return "\x1b[1;32m";
    case Verdict::warn:
      return "\x1b[1;33m";
    case Verdict::manual:
      return "\x1b[1;36m";
    case Verdict::unknown:
      return "\x1b[1;35m";
    case Verdict::fail:
      return "\x1b[1;31m";
    case Verdict::error:
      return "\x1b[1;31m";
  }
  return "";
}

constexpr std::size_t kIndent = 2;
constexpr std::size_t kMaxCiteWidth = 24;
constexpr std::size_t kMaxIdWidth = 32;

// The widest status label of a language (UNKNOWN in English).
std::size_t status_width(const Words& w) {
  std::size_t width = 0;
  for (auto label : w.status) width = std::max(width, display_width(label));
  return width;
}

class TextWriter final : public ReportWriter {
 public:
  TextWriter(std::ostream& out, const ReportOptions& options)
      : out_(out),
        options_(options),
        w_(report_detail::words(options.lang)),
        status_width_(status_width(w_)),
        detail_indent_(kIndent + status_width_ + 2) {}

  void begin(const PolicyInfo& policy) override {
    std::string s;
    s += bold(printable(policy.title.empty() ? policy.id : policy.title.in(options_.lang)));
    if (!policy.title.empty() && !policy.id.empty())
      s += fmt::format("  ({})", printable(policy.id));
    if (!policy.revision.empty())
      s += fmt::format("  {} {}", w_.revision, printable(policy.revision));
    if (!policy.effective.empty())
      s += fmt::format("  {} {}", w_.effective, printable(policy.effective));
    if (options_.as_of) s += fmt::format("  {} {}", w_.as_of, options_.as_of->to_string());
    s += '\n';
    if (!policy.source.empty()) s += fmt::format("  {}\n", printable(policy.source));
    if (!policy.sha256.empty()) s += fmt::format("  {} {}\n", w_.policy_hash, policy.sha256);
    for (const auto& f : options_.facts_files)
      s += fmt::format("  {} {}  SHA-256 {}\n", w_.facts_hash, printable(f.file), f.sha256);
    s += '\n';
    write(s);
  }

  void terminal(const TerminalResult& r) override {
    std::string s;
    if (!r.subject.empty()) {
      s += printable(r.subject);
      s += "  (";
      s += printable(r.source);
      s += ")";
    } else {
      s += printable(r.source);
    }
    s += "  ";
    s += colored(report_detail::verdict_label(w_, r.verdict), verdict_color(r.verdict));
    s += '\n';
    if (r.verdict == Verdict::error) {
      detail(s);
      s += w_.error;
      s += ": ";
      s += printable(r.error);
      s += '\n';
    }
    // What was judged and who vouched for it; with hide_passing, a terminal with nothing to
    // act on stays its header line alone (its passing rules are left out too).
    const bool nothing_listed = options_.hide_passing &&
                                std::none_of(r.rules.begin(), r.rules.end(), [&](const auto& rule) {
                                  return report_detail::shown(options_, rule);
                                });
    if (!nothing_listed) {
      if (!r.sha256.empty()) s += fmt::format("  {} {}\n", w_.dump_hash, r.sha256);
      for (const auto& a : r.attestations)
        s += fmt::format("  {}\n", printable(report_detail::attestation_phrase(w_, a, true)));
    }
    // The terminal's warnings come first, even when hide_passing leaves nothing else.
    for (const auto& warning : r.warnings) {
      s.append(kIndent, ' ');
      s += colored(w_.warning, status_color(Status::warn));
      s += ": ";
      s += printable(warning);
      s += '\n';
    }

    // Columns as wide as the rules that are listed, not the hidden ones.
    std::size_t cite_width = 0, id_width = 0, hidden = 0;
    for (const auto& rule : r.rules) {
      if (!report_detail::shown(options_, rule)) {
        ++hidden;
        continue;
      }
      cite_width = std::max(cite_width, std::min(display_width(rule.cite), kMaxCiteWidth));
      id_width = std::max(id_width, std::min(display_width(rule.id), kMaxIdWidth));
    }

    for (const auto& rule : r.rules) {
      if (!report_detail::shown(options_, rule)) continue;
      s.append(kIndent, ' ');
      const std::string_view label = report_detail::status_label(w_, rule.status);
      s += colored(label, status_color(rule.status));
      s.append(status_width_ - display_width(label) + 2, ' ');
      if (cite_width) pad_into(s, printable(rule.cite), cite_width + 2);
      pad_into(s, printable(rule.id), id_width + 2);
      s += printable(rule.message.empty() ? rule.title : rule.message);
      s += '\n';

      const bool passing = report_detail::passing(rule.status);
      if (const Attestation* a = report_detail::rule_attestation(r, rule)) {
        detail(s);
        s += printable(report_detail::attestation_phrase(w_, *a, r.attestations.size() > 1));
        s += '\n';
      }
      if (options_.verbose && !rule.title.empty() && rule.title != rule.message) {
        detail(s);
        s += printable(rule.title);
        s += '\n';
      }
      if (!passing && !rule.rationale.empty()) {
        detail(s);
        s += fmt::format("{}: {}\n", w_.rationale, printable(rule.rationale));
      }
      if (!passing) {
        for (const auto& note : rule.notes) {
          detail(s);
          if (!note.starts_with("\xE2\x80\xBB")) s += "\xE2\x80\xBB ";  // ※
          s += printable(note);
          s += '\n';
        }
      }
      if (!passing || options_.show_passing_evidence) {
        for (const auto& e : rule.evidence) {
          detail(s);
          s += evidence_line(e, options_.lang);
          s += '\n';
        }
      }
      if (options_.verbose && rule.decided_by.line != 0) {
        detail(s);
        s += w_.decided_by;
        s += ' ';
        s += printable(rule.decided_by.to_string());
        s += '\n';
      }
    }
    // Said only under listed rules: a terminal with nothing to act on is its header alone.
    if (hidden != 0 && hidden != r.rules.size()) {
      s.append(kIndent, ' ');
      s += colored(report_detail::hidden_rules_phrase(w_, hidden),
                   status_color(Status::not_applicable));
      s += '\n';
    }
    s += '\n';
    write(s);
  }

  void end(const BatchSummary& summary) override {
    std::string s;
    s += bold(w_.summary);
    s += ": ";
    s += report_detail::terminals_phrase(w_, summary.terminals);
    std::string_view sep = " — ";
    for (Verdict v : report_detail::kVerdicts) {
      std::string part =
          fmt::format(fmt::runtime(w_.count_pattern), fmt::arg("count", summary.count(v)),
                      fmt::arg("label", w_.tally[static_cast<std::size_t>(v)]));
      s += sep;
      s += summary.count(v) && v != Verdict::pass ? colored(part, verdict_color(v)) : part;
      sep = w_.list_separator;
    }
    s += '\n';
    // The rules that could not be decided, whatever the verdicts (a rule unknown everywhere
    // hides behind terminals that fail for another reason).
    if (const std::string unknown = report_detail::unknown_rules_phrase(w_, summary, printable);
        !unknown.empty())
      s += fmt::format("{}: {}\n", w_.unknown_rules, unknown);
    if (!summary.most_failed_rules.empty()) {
      s += w_.most_failed_rules;
      s += ":\n";
      std::size_t cite_width = 0;
      for (const auto& t : summary.most_failed_rules)
        cite_width = std::max(cite_width, std::min(display_width(t.cite), kMaxCiteWidth));
      for (const auto& t : summary.most_failed_rules) {
        s += fmt::format("  {:>5}  ", t.count);
        if (cite_width) pad_into(s, printable(t.cite), cite_width + 2);
        s += t.title.empty() ? printable(t.id)
                             : fmt::format("{}  ({})", printable(t.title), printable(t.id));
        s += '\n';
      }
      if (const std::string more = report_detail::more_rules_phrase(w_, summary); !more.empty())
        s += fmt::format("  {}\n", more);
    }
    list(s, w_.failing_terminals, summary.failing_subjects);
    list(s, w_.unknown_terminals, summary.unknown_subjects);
    list(s, w_.pending_terminals, summary.manual_subjects);
    list(s, w_.unreadable_dumps, summary.error_sources);
    write(s);
  }

 private:
  void write(const std::string& s) { out_.write(s.data(), static_cast<std::streamsize>(s.size())); }
  void detail(std::string& s) const { s.append(detail_indent_, ' '); }

  std::string colored(std::string_view text, std::string_view color) const {
    if (!options_.color || color.empty()) return std::string(text);
    return fmt::format("{}{}{}", color, text, kReset);
  }
  std::string bold(std::string_view text) const { return colored(text, "\x1b[1m"); }

  void list(std::string& s, std::string_view title, const std::vector<std::string>& items) const {
    if (items.empty()) return;
    s += title;
    s += ":\n";
    const auto names = report_detail::capped_names(w_, items);
    for (const auto& name : names.shown) {
      s += "  ";
      s += printable(name);
      s += '\n';
    }
    if (!names.more.empty()) {
      s += "  ";
      s += names.more;
      s += '\n';
    }
  }

  std::ostream& out_;
  ReportOptions options_;
  const Words& w_;
  std::size_t status_width_;
  std::size_t detail_indent_;
};

}  // namespace

std::unique_ptr<ReportWriter> make_text_writer(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<TextWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail

namespace tekigo::engine {

std::string evidence_line(const Evidence& e, ReportLang lang) {
  const report_detail::Words& w = report_detail::words(lang);
  std::string s = printable(e.path);
  s += " = ";
  s += e.absent ? std::string(w.absent) : printable(e.value);
  if (!e.expected.empty()) {
    s += "   (";
    s += w.expected;
    s += ' ';
    s += printable(e.expected);
    s += ')';
  }
  return s;
}

}  // namespace tekigo::engine
