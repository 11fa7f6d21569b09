// engine: reports — the text writer for people, the json and jsonl writers for tools, the
// batch summary, the format and language names, and the UTF-8 helpers the writers share
// (escaping, display width, terminal-safe text). The other writers are in report_*.cpp.
#include "engine/report/report.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "engine/common/json_text.hpp"
#include "engine/common/utf8.hpp"
#include "engine/report/report_detail.hpp"

namespace tekigo::engine {

namespace {

using report_detail::decode_utf8;
using report_detail::kReplacement;
using report_detail::Words;

// `text` followed by spaces up to `width` columns (at least one space when it is wider).
void pad_into(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  const std::size_t w = display_width(text);
  out.append(w < width ? width - w : 1, ' ');
}

// ---- text report -----------------------------------------------------------------------

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
    s += bold(printable(policy.title.empty() ? policy.id : policy.title));
    if (!policy.title.empty() && !policy.id.empty())
      s += fmt::format("  ({})", printable(policy.id));
    if (!policy.revision.empty())
      s += fmt::format("  {} {}", w_.revision, printable(policy.revision));
    if (!policy.effective.empty())
      s += fmt::format("  {} {}", w_.effective, printable(policy.effective));
    s += '\n';
    if (!policy.source.empty()) s += fmt::format("  {}\n", printable(policy.source));
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
      if (options_.verbose && !rule.title.empty() && rule.title != rule.message) {
        detail(s);
        s += printable(rule.title);
        s += '\n';
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
          s += printable(e.path);
          s += " = ";
          s += e.absent ? std::string(w_.absent) : printable(e.value);
          if (!e.expected.empty()) {
            s += "   (";
            s += w_.expected;
            s += ' ';
            s += printable(e.expected);
            s += ')';
          }
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
    if (!summary.most_failed_rules.empty()) {
      s += w_.most_failed_rules;
      s += ":\n";
      std::size_t cite_width = 0;
      for (const auto& t : summary.most_failed_rules)
        cite_width = std::max(cite_width, std::min(display_width(t.cite), kMaxCiteWidth));
      for (const auto& t : summary.most_failed_rules) {
        s += fmt::format("  {:>5}  ", t.count);
        if (cite_width) pad_into(s, printable(t.cite), cite_width + 2);
        s += printable(t.id);
        s += '\n';
      }
      if (const std::string more = report_detail::more_rules_phrase(w_, summary); !more.empty())
        s += fmt::format("  {}\n", more);
    }
    list(s, w_.failing_terminals, summary.failing_subjects);
    list(s, w_.unknown_terminals, summary.unknown_subjects);
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

// ---- json and jsonl reports ------------------------------------------------------------

using report_detail::json_field;
using report_detail::json_string;

class JsonWriter final : public ReportWriter {
 public:
  explicit JsonWriter(std::ostream& out) : out_(out) {}

  void begin(const PolicyInfo& policy) override {
    std::string s = "{\"policy\":{";
    json_field(s, "id", policy.id, false);
    json_field(s, "title", policy.title);
    json_field(s, "revision", policy.revision);
    json_field(s, "effective", policy.effective);
    json_field(s, "source", policy.source);
    s += "},\"results\":[";
    write(s);
    begun_ = true;
  }

  void terminal(const TerminalResult& r) override {
    if (!begun_) begin({});
    std::string s = first_ ? "\n{" : ",\n{";
    first_ = false;
    report_detail::json_terminal_members(s, r);
    s += '}';
    write(s);
  }

  void end(const BatchSummary& summary) override {
    if (!begun_) begin({});
    std::string s = first_ ? "]," : "\n],";
    s += fmt::format("\"summary\":{{\"terminals\":{},\"verdicts\":{{", summary.terminals);
    const char* sep = "";
    for (Verdict v : report_detail::kVerdicts) {
      s += fmt::format("{}\"{}\":{}", sep, verdict_name(v), summary.count(v));
      sep = ",";
    }
    // The lists the text summary shows, whole (tools cut them as they like); most_failed_rules
    // is the builder's top list, and rules_failed says how many rules it was cut from.
    s += fmt::format("}},\"rules_failed\":{},\"most_failed_rules\":[", summary.rules_failed);
    for (std::size_t i = 0; i < summary.most_failed_rules.size(); ++i) {
      const RuleTally& t = summary.most_failed_rules[i];
      s += i ? ",{" : "{";
      json_field(s, "id", t.id, false);
      json_field(s, "title", t.title);
      json_field(s, "cite", t.cite);
      s += fmt::format(",\"failures\":{}}}", t.count);
    }
    s += ']';
    string_list(s, "failing_subjects", summary.failing_subjects);
    string_list(s, "unknown_subjects", summary.unknown_subjects);
    string_list(s, "error_sources", summary.error_sources);
    s += "}}\n";
    write(s);
    out_.flush();
  }

 private:
  void write(const std::string& s) { out_.write(s.data(), static_cast<std::streamsize>(s.size())); }

  // `,"key":["a","b"]`
  static void string_list(std::string& s, std::string_view key,
                          const std::vector<std::string>& items) {
    s += ',';
    json_string(s, key);
    s += ":[";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) s += ',';
      json_string(s, items[i]);
    }
    s += ']';
  }

  std::ostream& out_;
  bool begun_ = false;
  bool first_ = true;
};

// JSON Lines: one object per terminal per line — an element of the json format's "results"
// with the policy's id and revision in front, so that each line stands alone. No summary line:
// every line is one terminal (the totals are the exit code, or `--format json`).
class JsonlWriter final : public ReportWriter {
 public:
  explicit JsonlWriter(std::ostream& out) : out_(out) {}

  void begin(const PolicyInfo& policy) override {
    prefix_ = "{\"policy\":{";
    json_field(prefix_, "id", policy.id, false);
    json_field(prefix_, "revision", policy.revision);
    prefix_ += "},";
  }

  void terminal(const TerminalResult& r) override {
    if (prefix_.empty()) begin({});
    std::string s = prefix_;
    report_detail::json_terminal_members(s, r);
    s += "}\n";
    out_.write(s.data(), static_cast<std::streamsize>(s.size()));
  }

  void end(const BatchSummary&) override { out_.flush(); }

 private:
  std::ostream& out_;
  std::string prefix_;
};

constexpr std::array<std::string_view, 7> kFormatNames = {"text",  "json",     "jsonl", "junit",
                                                          "sarif", "markdown", "html"};

}  // namespace

namespace report_detail {

void json_string(std::string& out, std::string_view text) {
  out += '"';
  json_escape_into(out, text);
  out += '"';
}

void json_field(std::string& out, std::string_view key, std::string_view value, bool comma) {
  if (comma) out += ',';
  json_string(out, key);
  out += ':';
  json_string(out, value);
}

void json_notes_and_evidence(std::string& out, const RuleOutcome& rule) {
  out += ",\"notes\":[";
  for (std::size_t i = 0; i < rule.notes.size(); ++i) {
    if (i) out += ',';
    json_string(out, rule.notes[i]);
  }
  out += "],\"evidence\":[";
  for (std::size_t i = 0; i < rule.evidence.size(); ++i) {
    const Evidence& e = rule.evidence[i];
    if (i) out += ',';
    out += '{';
    json_field(out, "path", e.path, false);
    json_field(out, "value", e.value);
    json_field(out, "expected", e.expected);
    out += e.absent ? ",\"absent\":true}" : ",\"absent\":false}";
  }
  out += ']';
}

void json_terminal_members(std::string& s, const TerminalResult& r) {
  json_field(s, "source", r.source, false);
  json_field(s, "subject", r.subject);
  json_field(s, "verdict", verdict_name(r.verdict));
  if (r.verdict == Verdict::error) json_field(s, "error", r.error);
  s += ",\"rules\":[";
  bool first_rule = true;
  for (const auto& rule : r.rules) {
    if (!first_rule) s += ',';
    first_rule = false;
    s += '{';
    json_field(s, "id", rule.id, false);
    json_field(s, "cite", rule.cite);
    json_field(s, "title", rule.title);
    json_field(s, "status", status_name(rule.status));
    json_field(s, "message", rule.message);
    json_notes_and_evidence(s, rule);
    json_field(s, "decided_by",
               rule.decided_by.line != 0 ? rule.decided_by.to_string() : std::string());
    s += '}';
  }
  s += ']';
}

}  // namespace report_detail

namespace {}  // namespace

// ---- summary ---------------------------------------------------------------------------

Verdict BatchSummary::worst() const {
  for (Verdict v : {Verdict::error, Verdict::fail, Verdict::unknown, Verdict::warn})
    if (count(v)) return v;
  return Verdict::pass;
}

void SummaryBuilder::add(const TerminalResult& result) {
  ++terminals_;
  ++verdicts_[static_cast<std::size_t>(result.verdict)];
  const std::string& name = result.subject.empty() ? result.source : result.subject;
  if (result.verdict == Verdict::fail) failing_.push_back(name);
  if (result.verdict == Verdict::unknown) unknown_.push_back(name);
  if (result.verdict == Verdict::error) errors_.push_back(result.source);
  for (std::size_t i = 0; i < result.rules.size(); ++i) {
    const RuleOutcome& rule = result.rules[i];
    if (rule.status != Status::fail) continue;
    auto [it, inserted] = index_.try_emplace(rule.id, tallies_.size());
    if (inserted) tallies_.push_back({{rule.id, rule.cite, rule.title, 0}, i});
    ++tallies_[it->second].tally.count;
  }
}

BatchSummary SummaryBuilder::summary() const {
  BatchSummary s;
  s.terminals = terminals_;
  s.verdicts = verdicts_;
  // Most failures first. Ties must not depend on which terminal happened to come first, so
  // they follow the policy (position), and the rule id settles the rest: hand-made results
  // with different rule lists can give two rules one position.
  std::vector<const Tally*> order;
  order.reserve(tallies_.size());
  for (const auto& t : tallies_) order.push_back(&t);
  std::sort(order.begin(), order.end(), [](const Tally* a, const Tally* b) {
    if (a->tally.count != b->tally.count) return a->tally.count > b->tally.count;
    if (a->position != b->position) return a->position < b->position;
    return a->tally.id < b->tally.id;
  });
  s.rules_failed = tallies_.size();
  for (std::size_t i = 0; i < order.size() && i < max_rules_; ++i)
    s.most_failed_rules.push_back(order[i]->tally);
  s.failing_subjects = failing_;
  s.unknown_subjects = unknown_;
  s.error_sources = errors_;
  return s;
}

// ---- writers ---------------------------------------------------------------------------

ReportWriter::~ReportWriter() = default;

std::unique_ptr<ReportWriter> make_report_writer(ReportFormat format, std::ostream& out,
                                                 const ReportOptions& options) {
  switch (format) {
    case ReportFormat::text:
      break;
    case ReportFormat::json:
      return std::make_unique<JsonWriter>(out);
    case ReportFormat::jsonl:
      return std::make_unique<JsonlWriter>(out);
    case ReportFormat::junit:
      return report_detail::make_junit_writer(out, options);
    case ReportFormat::sarif:
      return report_detail::make_sarif_writer(out, options);
    case ReportFormat::markdown:
      return report_detail::make_markdown_writer(out, options);
    case ReportFormat::html:
      return report_detail::make_html_writer(out, options);
  }
  return std::make_unique<TextWriter>(out, options);
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  for (std::size_t i = 0; i < kFormatNames.size(); ++i)
    if (kFormatNames[i] == name) return static_cast<ReportFormat>(i);
  return std::nullopt;
}

std::span<const std::string_view> report_format_names() {
  return kFormatNames;
}

std::optional<ReportLang> parse_report_lang(std::string_view name) {
  if (name == "en") return ReportLang::en;
  if (name == "ja") return ReportLang::ja;
  return std::nullopt;
}

}  // namespace tekigo::engine
