// engine: the sarif report — SARIF 2.1.0 for code-scanning tools (GitHub code scanning and
// others). One run; tool.driver.rules lists the policy's rules (PolicyInfo::rules) and one
// rule of tekigo's own for dumps that could not be read. One result per rule of a terminal
// that did not pass (pass and n/a give none):
//   fail → kind fail, level error      warn → kind fail, level warning
//   unknown → kind open, level none    manual → kind review, level none
// (SARIF §3.27.9: "open" is "insufficient information to decide", "review" is "a person must
// decide"; §3.27.10 wants level none for every kind but fail.) Results point at the place in
// the policy that decided them; the terminal is in the message, in result.properties and in
// relatedLocations (the dump). Results are written as they arrive; the invocation and the
// totals follow them at the end.
#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <unordered_map>

#include "engine/report/escaping.hpp"
#include "engine/report/json_members.hpp"
#include "engine/report/spool.hpp"
#include "engine/report/words.hpp"
#include "engine/report/writers.hpp"

namespace tekigo::engine::report_detail {

namespace {

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kUnreadableRule = "tekigo/unreadable-dump";

// A file path as a URI reference: relative paths stay relative, absolute ones become file
// URIs; everything but unreserved characters and '/' is percent-encoded (UTF-8 bytes too).
std::string artifact_uri(std::string_view path) {
  std::string p(path);
  for (char& c : p)
    if (c == '\\') c = '/';
  std::string out;
  std::size_t i = 0;
  if (p.starts_with('/')) {
    out = "file://";
  } else if (p.size() >= 2 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':') {
    out = "file:///";
    out += p.substr(0, 2);
    i = 2;
  }
  for (; i < p.size(); ++i) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

// "dumps/all.jsonl:12" → {"dumps/all.jsonl", 12}; a plain path → {path, 0}.
std::pair<std::string_view, std::uint32_t> split_line(std::string_view source) {
  const auto colon = source.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == source.size())
    return {source, 0};
  std::uint32_t line = 0;
  for (char c : source.substr(colon + 1)) {
    if (c < '0' || c > '9' || line > 100'000'000) return {source, 0};
    line = line * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return {source.substr(0, colon), line};
}

std::uint64_t fnv1a(std::string_view text, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

void text_message(std::string& s, std::string_view key, std::string_view text) {
  s += ",\"";
  s += key;
  s += "\":{";
  json_field(s, "text", text, false);
  s += '}';
}

class SarifWriter final : public ReportWriter {
 public:
  SarifWriter(std::ostream& out, const ReportOptions& options)
      : out_(out),
        w_(words(options.lang)),
        lang_(options.lang),
        version_(options.tool_version),
        as_of_(options.as_of ? options.as_of->to_string() : ""),
        facts_files_(options.facts_files) {}

  void begin(const PolicyInfo& policy) override {
    policy_ = policy;
    policy_.rules.clear();
    std::string s = "{";
    json_field(s, "$schema", kSchema, false);
    json_field(s, "version", "2.1.0");
    s += ",\"runs\":[{\"tool\":{\"driver\":{";
    json_field(s, "name", "tekigo", false);
    if (!version_.empty()) json_field(s, "version", version_);
    s += ",\"rules\":[";
    for (const RuleInfo& rule : policy.rules) {
      if (!index_.try_emplace(rule.id, rules_.size()).second) continue;  // ids are unique
      if (!rules_.empty()) s += ',';
      rules_.push_back(rule.where);
      s += '{';
      json_field(s, "id", rule.id, false);
      json_field(s, "name", rule.id);
      const std::string& title = rule.title.in(lang_);
      const std::string& section = rule.section.in(lang_);
      text_message(s, "shortDescription", title.empty() ? rule.id : title);
      std::string full = rule.cite;
      if (!section.empty()) full += (full.empty() ? "" : " ") + section;
      if (!title.empty()) full += (full.empty() ? "" : ": ") + title;
      text_message(s, "fullDescription", full.empty() ? rule.id : full);
      s += ",\"defaultConfiguration\":{\"level\":\"error\"},\"properties\":{";
      json_field(s, "cite", rule.cite, false);
      json_field(s, "section", section);
      json_field(s, "kind", rule.kind);
      if (!rule.rationale.empty()) json_field(s, "rationale", rule.rationale.in(lang_));
      s += ",\"tags\":[\"tekigo\"";
      if (!rule.kind.empty() && rule.kind != "tekigo") {
        s += ',';
        json_string(s, rule.kind);
      }
      s += "]}}";
    }
    // tekigo's own rule: a dump that could not be read.
    unreadable_index_ = rules_.size();
    if (!rules_.empty()) s += ',';
    s += '{';
    json_field(s, "id", kUnreadableRule, false);
    json_field(s, "name", "UnreadableDump");
    text_message(s, "shortDescription", w_.unreadable_rule_title);
    text_message(s, "fullDescription", w_.unreadable_rule_title);
    s += ",\"defaultConfiguration\":{\"level\":\"error\"},\"properties\":{\"tags\":[\"tekigo\"]}}";
    s += "]}}";
    if (!policy.id.empty()) {
      s += ",\"automationDetails\":{";
      json_field(s, "id", "tekigo/" + policy.id + "/", false);
      s += '}';
    }
    s += ",\"columnKind\":\"unicodeCodePoints\",\"results\":[";
    write_to(out_, s);
    begun_ = true;
  }

  void terminal(const TerminalResult& r) override {
    if (!begun_) begin({});
    const std::string& name = r.subject.empty() ? r.source : r.subject;
    std::string s;
    // The terminal's warnings are no result of a rule: the run's notifications say them.
    for (const auto& warning : r.warnings)
      warnings_.push_back(fmt::format("{}: {}: {}", name, w_.warning, warning));
    if (r.verdict == Verdict::error) {
      start_result(s);
      json_field(s, "ruleId", kUnreadableRule, false);
      s +=
          fmt::format(",\"ruleIndex\":{},\"kind\":\"fail\",\"level\":\"error\"", unreadable_index_);
      text_message(
          s, "message",
          fmt::format("{}: {}", fmt::format(fmt::runtime(w_.cannot_read), r.source), r.error));
      const auto [file, line] = split_line(r.source);
      s += ",\"locations\":[";
      location(s, file, line, 0);
      s += ']';
      fingerprint(s, name, kUnreadableRule);
      s += ",\"properties\":{";
      terminal_properties(s, r);
      s += "}}";
      write_to(out_, s);
      return;
    }
    for (const auto& rule : r.rules) {
      std::string_view kind, level;
      switch (rule.status) {
        case Status::pass:
        case Status::not_applicable:
          continue;
        case Status::fail:
          kind = "fail", level = "error";
          break;
        case Status::warn:
          kind = "fail", level = "warning";
          break;
        case Status::unknown:
          kind = "open", level = "none";
          break;
        case Status::manual:
          kind = "review", level = "none";
          break;
      }
      start_result(s);
      json_field(s, "ruleId", rule.id, false);
      const auto known = index_.find(rule.id);
      if (known != index_.end()) s += fmt::format(",\"ruleIndex\":{}", known->second);
      s += fmt::format(",\"kind\":\"{}\",\"level\":\"{}\"", kind, level);
      text_message(s, "message", message_text(name, rule));

      // Where the policy decided; else where the rule is written; else the policy file.
      SourceRef where = rule.decided_by;
      if (where.line == 0 && known != index_.end()) where = rules_[known->second];
      if (where.file.empty()) where.file = policy_.file;
      if (!where.file.empty()) {
        s += ",\"locations\":[";
        location(s, where.file, where.line, where.column);
        s += ']';
      }
      if (!r.source.empty()) {
        const auto [file, line] = split_line(r.source);
        s += ",\"relatedLocations\":[{\"id\":1,";
        physical(s, file, line, 0);
        text_message(s, "message", r.subject.empty() ? r.source : r.subject);
        s += "}]";
      }
      fingerprint(s, name, rule.id);
      s += ",\"properties\":{";
      terminal_properties(s, r);
      json_field(s, "status", status_name(rule.status));
      json_field(s, "cite", rule.cite);
      if (const Attestation* a = rule_attestation(r, rule))
        json_field(s, "attested_by", attestation_phrase(w_, *a, true));
      json_notes_and_evidence(s, rule);
      s += "}}";
    }
    write_to(out_, s);
  }

  void end(const BatchSummary& summary) override {
    if (!begun_) begin({});
    std::string s = first_ ? "]" : "\n]";
    s += fmt::format(",\"invocations\":[{{\"executionSuccessful\":{}",
                     summary.error_sources.empty() ? "true" : "false");
    if (!summary.error_sources.empty() || !warnings_.empty()) {
      s += ",\"toolExecutionNotifications\":[";
      const char* sep = "";
      for (const auto& source : summary.error_sources) {
        s += sep;
        sep = ",";
        s += "{\"level\":\"error\"";
        text_message(s, "message", fmt::format(fmt::runtime(w_.cannot_read), source));
        s += '}';
      }
      for (const auto& warning : warnings_) {
        s += sep;
        sep = ",";
        s += "{\"level\":\"warning\"";
        text_message(s, "message", warning);
        s += '}';
      }
      s += ']';
    }
    s += "}],\"properties\":{\"policy\":{";
    json_field(s, "id", policy_.id, false);
    json_field(s, "title", policy_.title.in(lang_));
    json_field(s, "revision", policy_.revision);
    json_field(s, "effective", policy_.effective);
    json_field(s, "source", policy_.source);
    json_field(s, "file", policy_.file);
    json_field(s, "sha256", policy_.sha256);
    s += '}';
    if (!as_of_.empty()) json_field(s, "as_of", as_of_);
    if (!facts_files_.empty()) {
      s += ",\"facts_files\":[";
      for (std::size_t i = 0; i < facts_files_.size(); ++i) {
        s += i ? ",{" : "{";
        json_field(s, "file", facts_files_[i].file, false);
        json_field(s, "sha256", facts_files_[i].sha256);
        s += '}';
      }
      s += ']';
    }
    s += fmt::format(",\"summary\":{{\"terminals\":{},\"verdicts\":{{", summary.terminals);
    const char* sep = "";
    for (Verdict v : kVerdicts) {
      s += fmt::format("{}\"{}\":{}", sep, verdict_name(v), summary.count(v));
      sep = ",";
    }
    s += fmt::format("}},\"rules_unknown\":{},\"most_unknown_rules\":[", summary.rules_unknown);
    for (std::size_t i = 0; i < summary.most_unknown_rules.size(); ++i) {
      s += i ? ",{" : "{";
      json_field(s, "id", summary.most_unknown_rules[i].id, false);
      s += fmt::format(",\"unknown\":{}}}", summary.most_unknown_rules[i].count);
    }
    s += "]}}}]}\n";
    write_to(out_, s);
    out_.flush();
  }

 private:
  void start_result(std::string& s) {
    s += first_ ? "\n{" : ",\n{";
    first_ = false;
  }

  std::string message_text(std::string_view name, const RuleOutcome& rule) const {
    std::string t = fmt::format("{}: [{}] {}", name, status_label(w_, rule.status),
                                rule.message.empty() ? rule.title : rule.message);
    if (!rule.rationale.empty()) t += fmt::format("\n{}: {}", w_.rationale, rule.rationale);
    for (const auto& note : rule.notes) t += "\n" + note;
    for (const auto& e : rule.evidence) {
      t += fmt::format("\n{} = {}", e.path, e.absent ? std::string(w_.absent) : e.value);
      if (!e.expected.empty()) t += fmt::format("   ({} {})", w_.expected, e.expected);
    }
    return t;
  }

  static void physical(std::string& s, std::string_view file, std::uint32_t line,
                       std::uint32_t column) {
    s += "\"physicalLocation\":{\"artifactLocation\":{";
    json_field(s, "uri", artifact_uri(file), false);
    s += '}';
    if (line != 0) {
      s += fmt::format(",\"region\":{{\"startLine\":{}", line);
      if (column != 0) s += fmt::format(",\"startColumn\":{}", column);
      s += '}';
    }
    s += '}';
  }

  static void location(std::string& s, std::string_view file, std::uint32_t line,
                       std::uint32_t column) {
    s += '{';
    physical(s, file, line, column);
    s += '}';
  }

  // Stable across runs for the same terminal and rule, different between terminals (the same
  // rule fails at the same place in the policy for every terminal).
  static void fingerprint(std::string& s, std::string_view terminal, std::string_view rule) {
    const std::uint64_t h = fnv1a(rule, fnv1a(std::string_view("\0", 1), fnv1a(terminal)));
    s += fmt::format(",\"partialFingerprints\":{{\"tekigoTerminalRule/v1\":\"{:016x}\"}}", h);
  }

  void terminal_properties(std::string& s, const TerminalResult& r) const {
    json_field(s, "subject", r.subject, false);
    json_field(s, "source", r.source);
    json_field(s, "verdict", verdict_name(r.verdict));
    if (!r.sha256.empty()) json_field(s, "sha256", r.sha256);
    if (!r.attestations.empty()) {
      s += ",\"attestations\":[";
      for (std::size_t i = 0; i < r.attestations.size(); ++i) {
        if (i) s += ',';
        json_string(s, attestation_phrase(w_, r.attestations[i], true));
      }
      s += ']';
    }
  }

  std::ostream& out_;
  const Words& w_;
  Lang lang_;
  std::string version_;
  std::string as_of_;
  std::vector<HashedFile> facts_files_;
  std::vector<std::string> warnings_;  // the terminals', for the run's notifications
  PolicyInfo policy_;
  std::vector<SourceRef> rules_;  // where each listed rule is written, by ruleIndex
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t unreadable_index_ = 0;
  bool begun_ = false;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<ReportWriter> make_sarif_writer(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<SarifWriter>(out, options);
}

}  // namespace tekigo::engine::report_detail
