// engine/report: the json report (one document) and the jsonl report (one line per
// terminal), for tools; never translated.
#include <fmt/format.h>

#include "engine/common/json_text.hpp"
#include "engine/report/escaping.hpp"
#include "engine/report/json_members.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"
#include "engine/report/writers.hpp"

namespace tekigo::engine::report_detail {

namespace {

// `,"as_of":"2024-10-01"` when the check has a date.
void as_of_field(std::string& s, const std::optional<Date>& as_of) {
  if (as_of) json_field(s, "as_of", as_of->to_string());
}

// `,"facts_files":[{"file":…,"sha256":…}]`: the --facts files the check read, when any.
void facts_files_field(std::string& s, const std::vector<HashedFile>& files) {
  if (files.empty()) return;
  s += ",\"facts_files\":[";
  for (std::size_t i = 0; i < files.size(); ++i) {
    s += i ? ",{" : "{";
    json_field(s, "file", files[i].file, false);
    json_field(s, "sha256", files[i].sha256);
    s += '}';
  }
  s += ']';
}

class JsonWriter final : public ReportWriter {
 public:
  JsonWriter(std::ostream& out, const ReportOptions& options)
      : out_(out), as_of_(options.as_of), facts_files_(options.facts_files), lang_(options.lang) {}

  void begin(const PolicyInfo& policy) override {
    std::string s = "{\"policy\":{";
    json_field(s, "id", policy.id, false);
    json_field(s, "title", policy.title.in(lang_));
    json_field(s, "revision", policy.revision);
    json_field(s, "effective", policy.effective);
    json_field(s, "source", policy.source);
    json_field(s, "sha256", policy.sha256);
    s += '}';
    as_of_field(s, as_of_);
    facts_files_field(s, facts_files_);
    json_field(s, "lang", lang_name(lang_));
    s += ",\"results\":[";
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
    s += fmt::format(",\"rules_unknown\":{},\"most_unknown_rules\":[", summary.rules_unknown);
    for (std::size_t i = 0; i < summary.most_unknown_rules.size(); ++i) {
      const RuleTally& t = summary.most_unknown_rules[i];
      s += i ? ",{" : "{";
      json_field(s, "id", t.id, false);
      json_field(s, "title", t.title);
      json_field(s, "cite", t.cite);
      s += fmt::format(",\"unknown\":{}}}", t.count);
    }
    s += ']';
    string_list(s, "failing_subjects", summary.failing_subjects);
    string_list(s, "unknown_subjects", summary.unknown_subjects);
    string_list(s, "manual_subjects", summary.manual_subjects);
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
  std::optional<Date> as_of_;
  std::vector<HashedFile> facts_files_;
  Lang lang_;  // the language of the outcomes' texts: "lang"
  bool begun_ = false;
  bool first_ = true;
};

// JSON Lines: one object per terminal per line — an element of the json format's "results"
// with the policy's id and revision in front, so that each line stands alone. No summary line:
// every line is one terminal (the totals are the exit code, or `--format json`).
class JsonlWriter final : public ReportWriter {
 public:
  JsonlWriter(std::ostream& out, const ReportOptions& options)
      : out_(out), as_of_(options.as_of), facts_files_(options.facts_files), lang_(options.lang) {}

  void begin(const PolicyInfo& policy) override {
    prefix_ = "{\"policy\":{";
    json_field(prefix_, "id", policy.id, false);
    json_field(prefix_, "revision", policy.revision);
    json_field(prefix_, "sha256", policy.sha256);
    prefix_ += '}';
    as_of_field(prefix_, as_of_);
    facts_files_field(prefix_, facts_files_);
    json_field(prefix_, "lang", lang_name(lang_));
    prefix_ += ',';
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
  std::optional<Date> as_of_;
  std::vector<HashedFile> facts_files_;
  Lang lang_;  // the language of the outcomes' texts: "lang"
  std::string prefix_;
};

}  // namespace

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
  if (!rule.rationale.empty()) json_field(out, "rationale", rule.rationale);
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
  if (!r.sha256.empty()) json_field(s, "sha256", r.sha256);
  if (!r.attestations.empty()) {  // who vouched for the attested facts, in merge order
    s += ",\"attestations\":[";
    for (std::size_t i = 0; i < r.attestations.size(); ++i) {
      const Attestation& a = r.attestations[i];
      s += i ? ",{" : "{";
      json_field(s, "by", a.by, false);
      json_field(s, "at", a.at);
      if (!a.facility.empty()) json_field(s, "facility", a.facility);
      s += ",\"covers\":[";
      for (std::size_t c = 0; c < a.covers.size(); ++c) {
        if (c) s += ',';
        json_string(s, a.covers[c]);
      }
      s += ']';
      json_field(s, "source", a.source);
      if (!a.sha256.empty()) json_field(s, "sha256", a.sha256);
      s += '}';
    }
    s += ']';
  }
  if (!r.warnings.empty()) {  // only when there are some: most terminals have none
    s += ",\"warnings\":[";
    for (std::size_t i = 0; i < r.warnings.size(); ++i) {
      if (i) s += ',';
      json_string(s, r.warnings[i]);
    }
    s += ']';
  }
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
    // The index in "attestations" of who attested the fact that decided this manual rule.
    if (rule.attestation >= 0) s += fmt::format(",\"attestation\":{}", rule.attestation);
    json_field(s, "decided_by",
               rule.decided_by.line != 0 ? rule.decided_by.to_string() : std::string());
    s += '}';
  }
  s += ']';
}

std::unique_ptr<ReportWriter> make_json_writer(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<JsonWriter>(out, options);
}

std::unique_ptr<ReportWriter> make_jsonl_writer(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<JsonlWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail
