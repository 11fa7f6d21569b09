// engine/report: the words every report says itself, one table per language (words.cpp),
// and the phrases and counts the writers build from them. Private to engine/report.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/utf8.hpp"
#include "engine/eval/outcome.hpp"
#include "engine/report/impact_summary.hpp"
#include "engine/report/report.hpp"

namespace tekigo::engine::report_detail {

using engine::kReplacement;  // engine/common/utf8.hpp

using engine::decode_utf8;  // engine/utf8.hpp

// Every word a report says itself, in one language. Patterns use fmt's `{}`.
struct Words {
  std::array<std::string_view, 6> status;   // by Status: PASS … / 合格 …
  std::array<std::string_view, 6> verdict;  // by Verdict: PASS … ERROR / 合格 … エラー
  std::array<std::string_view, 6> tally;    // by Verdict, in counts: "pass" / "合格"
  std::string_view count_pattern;           // "{count} {label}" / "{label} {count}"
  std::string_view list_separator;          // ", " / "、"
  std::string_view terminal_one;            // "{} terminal" / "端末 {} 台"
  std::string_view terminal_many;           // "{} terminals"
  std::string_view summary;                 // Summary / 集計
  std::string_view most_failed_rules;
  std::string_view failing_terminals;
  std::string_view unknown_terminals;  // whose facts must be collected again
  std::string_view unreadable_dumps;
  std::string_view and_more;        // "… and {} more" (terminals, dumps)
  std::string_view and_more_rule;   // "… and {} more rule" (the most failed rules)
  std::string_view and_more_rules;  // "… and {} more rules"
  std::string_view expected;
  std::string_view absent;
  std::string_view error;
  std::string_view decided_by;
  std::string_view revision;
  std::string_view effective;
  std::string_view as_of;     // the check date: "as of" / "基準日"
  std::string_view warning;   // a terminal's warning (not a rule's status)
  std::string_view document;  // the source document of the policy
  std::string_view policy;
  std::string_view policy_file;
  std::string_view terminal;
  std::string_view dump;
  std::string_view verdict_heading;
  std::string_view status_heading;
  std::string_view citation;
  std::string_view rule;
  std::string_view message;
  std::string_view notes;
  std::string_view rationale;  // the rule's reading of the document: "reading" / "解釈"
  std::string_view evidence;
  std::string_view failures;
  std::string_view terminals_heading;  // the summary table's heading
  std::string_view details_heading;    // the per-terminal part's heading
  std::string_view no_terminals;
  std::string_view report_title;
  std::string_view show;
  std::string_view all;
  std::string_view problems_only;
  std::string_view expand_all;
  std::string_view collapse_all;
  std::string_view shown;  // "{} of {} terminals shown"
  std::string_view generated_by;
  std::string_view unreadable_rule_title;  // SARIF's rule for dumps that could not be read
  std::string_view cannot_read;            // "{} could not be read"
  std::string_view hidden_rule;            // "{} rule passed or did not apply (hidden)"
  std::string_view hidden_rules;           // "{} rules passed or did not apply (hidden)"
  // The rules that were unknown, in a check summary.
  std::string_view unknown_rules;  // "Unknown rules" (heading, and the text summary's line)
  std::string_view unknowns;       // the count column: "Unknown"
  // The impact of a revision (impact_*.cpp). Patterns use fmt's positional `{0}`, `{1}`.
  std::string_view impact_title;
  std::string_view baseline_side;          // "OLD"
  std::string_view revised_side;           // "NEW"
  std::string_view as_of_date;             // the check date both sides were evaluated at: "as of"
  std::array<std::string_view, 4> nature;  // by RuleNature: kept, changed, added, removed
  std::string_view no_rule;                // a status on the side without the rule: "—"
  std::string_view verdict_changes;        // heading of the verdict transition table
  std::string_view impact_totals;  // "{0}: {1} change verdict, {2} keep it but …" ({0} terminals)
  std::string_view rules_changing;
  std::string_view change;   // column: what the revision did to the rule
  std::string_view changes;  // column: the status transitions of a rule
  std::string_view terminals_changing;
  std::string_view no_verdict_changes;
  std::string_view changed_rules;  // column: the rules whose status changed on a terminal
  std::string_view unknown_everywhere;
  std::string_view unknown_on;      // "unknown on {0}/{1} terminals"
  std::string_view unknown_before;  // "unknown under OLD on {0}"
  // ({0} and the path or condition come as code: CodeText)
  std::string_view never_names;     // "dns[] never names {0}"
  std::string_view names_missing;   // "dns[] does not name {0} on {1}/{2} terminals"
  std::string_view never_probes;    // "reach[] never probes {1} to {0}" ({1}: tcp/443)
  std::string_view probes_missing;  // "reach[] does not probe {1} to {0} on {2}/{3} terminals"
  std::string_view fact_never;      // "{0} is absent on every terminal"
  std::string_view fact_missing;    // "{0} is absent on {1}/{2} terminals"
  std::string_view entry_never;     // "{0} has no entry {1} on any terminal"
  std::string_view entry_missing;   // "{0} has no entry {1} on {2}/{3} terminals"
  std::string_view new_in_plan;     // "new in NEW's collection plan"
  std::string_view collect_again;   // "collect again with the new policy"
  std::string_view total;
  // Provenance and attestations (what a report rests on).
  std::string_view pending_terminals;  // whose verdict is manual: "Terminals pending attestation"
  std::string_view policy_hash;        // "policy SHA-256"
  std::string_view dump_hash;          // "dump SHA-256"
  std::string_view facts_hash;         // "facts file"
  std::string_view attested_pattern;   // "attested by {0} on {1}"
  std::string_view facility_pattern;   // "for {0}" (the facility of an attestation)
};

static_assert(kVerdictCount == 6, "Words::verdict and Words::tally have a word per verdict");

const Words& words(ReportLang lang);
std::string_view lang_tag(ReportLang lang);  // "en", "ja"

std::string_view status_label(const Words& w, Status status);
std::string_view verdict_label(const Words& w, Verdict verdict);
// "3 terminals" / "端末 3 台"
std::string terminals_phrase(const Words& w, std::size_t count);
// "1 pass, 0 warn, 2 fail, 0 unknown, 0 error" / "合格 1、警告 0、…"
std::string verdict_counts_phrase(const Words& w, const BatchSummary& summary);

// "… and 4 more rules" when more rules failed than most_failed_rules lists, else "".
std::string more_rules_phrase(const Words& w, const BatchSummary& summary);
// The same for any list of rules: `listed` of `total` shown.
std::string more_rules_phrase(const Words& w, std::size_t listed, std::size_t total);
// "sec-name 2000, vpn-software 12 … and 3 more rules": the summary's unknown rules on one line
// (empty when none was unknown), each id passed through `escape` (the format's own).
std::string unknown_rules_phrase(const Words& w, const BatchSummary& summary,
                                 std::string (*escape)(std::string_view));

// "attested by 佐藤 on 2021-01-18, for hospital-a": who attested, when, and the facility when
// given; then " (FILE)" when `with_file`.
std::string attestation_phrase(const Words& w, const Attestation& attestation, bool with_file);
// The attestation that decided `rule` (RuleOutcome::attestation) in `result`, or nullptr.
const Attestation* rule_attestation(const TerminalResult& result, const RuleOutcome& rule);

// Rules that pass or do not apply: nothing to act on. Their notes and evidence are shown only
// with show_passing_evidence, and hide_passing leaves them out altogether.
inline bool passing(Status status) {
  return status == Status::pass || status == Status::not_applicable;
}
// Whether a writer that honours hide_passing lists `rule`.
inline bool shown(const ReportOptions& options, const RuleOutcome& rule) {
  return !options.hide_passing || !passing(rule.status);
}
// "31 rules passed or did not apply (hidden)": the line under a terminal's listed rules when
// hide_passing left `count` (> 0) of them out.
std::string hidden_rules_phrase(const Words& w, std::size_t count);

// Subjects listed by name in a summary (failing, unknown, unreadable) at most; the rest are
// counted ("… and 120 more"), so that a big batch's summary stays readable.
inline constexpr std::size_t kMaxListed = 50;

// A summary's list of names as every writer shows it: the first kMaxListed, and the phrase for
// the rest ("… and 120 more"; empty when none are left out).
struct CappedNames {
  std::span<const std::string> shown;
  std::string more;
};
CappedNames capped_names(const Words& w, const std::vector<std::string>& names);

// How many rules of a terminal have each status, indexed by Status.
std::array<std::size_t, 6> status_counts(const TerminalResult& result);

inline constexpr std::array<Status, 6> kStatuses = {Status::pass,   Status::warn,
                                                    Status::fail,   Status::unknown,
                                                    Status::manual, Status::not_applicable};
// In the order summaries count them (pass, warn, fail, unknown, manual, error).
inline constexpr std::array<Verdict, kVerdictCount> kVerdicts = {
    Verdict::pass, Verdict::warn, Verdict::fail, Verdict::unknown, Verdict::manual, Verdict::error};

// ---- the impact of a revision (impact_*.cpp)

// How a writer shows a name, a path or a condition inside a phrase, escaped for its format
// (text: `name`, markdown: a code span, html: <code>).
using CodeText = std::string (*)(std::string_view);

// A rule's status on one side: its label, or "—" when that side has no such rule.
std::string_view side_label(const Words& w, SideStatus status);
// "PASS → FAIL 2, WARN → FAIL 1": a rule's transitions that change its status, most first
// (ties by OLD's, then NEW's status); empty when none does.
std::string rule_transitions_phrase(const Words& w, const RuleImpact& rule);
// "vpn-software PASS → FAIL": one rule's change on a terminal.
std::string status_change_phrase(const Words& w, const StatusChange& change, CodeText code);
// A terminal's rule changes one after another, then " · error: …" when it could not be read
// under one side (`escape` escapes the error's text for the writer's format).
std::string terminal_changes_phrase(const Words& w, const TerminalImpact& terminal, CodeText code,
                                    CodeText escape);
// "4 terminals: 3 change verdict, 1 keep it with a rule's status changed"
std::string impact_totals_phrase(const Words& w, const FleetImpact& impact);
// "unknown on 4/4 terminals", then ", unknown under OLD on 4" when it was.
std::string unknown_on_phrase(const Words& w, const UnknownRule& rule, std::size_t evaluated);
// What an unknown rule lacked ("dns[] never names `x.example.jp`", "`reach` is absent on 3/4
// terminals"), then " — new in NEW's collection plan" when it is.
std::string missing_phrase(const Words& w, const MissingFact& missing, std::size_t evaluated,
                           CodeText code);

}  // namespace tekigo::engine::report_detail
