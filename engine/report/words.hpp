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
#include "engine/report/report.hpp"

namespace tekigo::engine::report_detail {

using engine::kReplacement;  // engine/common/utf8.hpp

using engine::decode_utf8;  // engine/utf8.hpp

// Every word a report says itself, in one language. Patterns use fmt's `{}`.
struct Words {
  std::array<std::string_view, 6> status;   // by Status: PASS … / 合格 …
  std::array<std::string_view, 5> verdict;  // by Verdict: PASS … ERROR / 合格 … エラー
  std::array<std::string_view, 5> tally;    // by Verdict, in counts: "pass" / "合格"
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
};

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
inline constexpr std::array<Verdict, 5> kVerdicts = {Verdict::pass, Verdict::warn, Verdict::fail,
                                                     Verdict::unknown, Verdict::error};

}  // namespace tekigo::engine::report_detail
