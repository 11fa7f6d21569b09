// engine: the last step of the pipeline — rendering TerminalResults for people (text,
// markdown, html) and tools (json, jsonl, junit, sarif). Streams one terminal at a time so
// that memory stays flat for big batches. Knows no syntax: everything it shows comes from
// outcomes and the policy's header. docs/reports.md describes every format.
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/eval/outcome.hpp"
#include "engine/eval/policy_info.hpp"

namespace tekigo::engine {

enum class ReportFormat { text, json, jsonl, junit, sarif, markdown, html };

// "text" → ReportFormat::text, …; nullopt for a name that is not a format.
std::optional<ReportFormat> parse_report_format(std::string_view name);
// The names parse_report_format accepts, in the order of ReportFormat.
std::span<const std::string_view> report_format_names();

// The language of the report's own words (statuses, headings, "expected"). Policy messages
// and dump text are shown as written. json and jsonl are for tools and never translated.
enum class ReportLang { en, ja };
std::optional<ReportLang> parse_report_lang(std::string_view name);  // "en", "ja"

struct ReportOptions {
  bool color = false;                  // ANSI colours (text only)
  bool show_passing_evidence = false;  // evidence under passing rules too (text, markdown)
  // Only what needs action (text, markdown): rules that pass or do not apply are left out and
  // counted in one line, and a terminal with nothing else shows its header alone — on a fleet,
  // 35 lines per terminal would bury the few to act on. Wins over show_passing_evidence (the
  // CLI refuses both); other formats ignore it (tools filter, html has its own filter).
  bool hide_passing = false;
  bool verbose = false;              // rule titles and `decided by` spans (text only)
  ReportLang lang = ReportLang::en;  // text, markdown, html, junit, sarif
  std::string tool_version;          // sarif's tool.driver.version (omitted when empty)
};

// How often one rule failed across a batch.
struct RuleTally {
  std::string id;
  std::string cite;
  std::string title;
  std::size_t count = 0;
};

// What a whole batch came to. Built terminal by terminal with SummaryBuilder.
struct BatchSummary {
  std::size_t terminals = 0;
  std::array<std::size_t, 5> verdicts{};  // indexed by Verdict
  // The rules that failed most, at most SummaryBuilder's max_rules of them: most failures
  // first; ties in the policy's order (the order of a terminal's outcomes), then by rule id.
  std::vector<RuleTally> most_failed_rules;
  std::size_t rules_failed = 0;               // distinct rules that failed at least once
  std::vector<std::string> failing_subjects;  // terminals whose verdict is fail
  std::vector<std::string> unknown_subjects;  // terminals whose verdict is unknown: re-collect
  std::vector<std::string> error_sources;     // dumps that could not be read

  std::size_t count(Verdict verdict) const { return verdicts[static_cast<std::size_t>(verdict)]; }
  // The worst verdict of the batch (error > fail > unknown > warn > pass); pass when empty.
  Verdict worst() const;
};

class SummaryBuilder {
 public:
  explicit SummaryBuilder(std::size_t max_rules = 10) : max_rules_(max_rules) {}
  void add(const TerminalResult& result);
  BatchSummary summary() const;  // copies the lists: call it at the end, not per terminal
  // Terminals so far with `verdict` (cheap: for progress lines).
  std::size_t count(Verdict verdict) const { return verdicts_[static_cast<std::size_t>(verdict)]; }

 private:
  // A rule's failures and where it stands in the policy: its index among the outcomes of the
  // terminal where it first failed (outcomes come in policy order, see Evaluation::outcomes),
  // so that ties come out in the order the document lists the rules.
  struct Tally {
    RuleTally tally;
    std::size_t position = 0;
  };

  std::size_t max_rules_;
  std::size_t terminals_ = 0;
  std::array<std::size_t, 5> verdicts_{};
  std::vector<Tally> tallies_;  // first-seen order
  std::unordered_map<std::string, std::size_t> index_;
  std::vector<std::string> failing_;
  std::vector<std::string> unknown_;
  std::vector<std::string> errors_;
};

// Streaming writer: begin(), then one terminal at a time, then end(). Formats whose summary
// comes first (markdown, html) hold the per-terminal details in a temporary file until end().
class ReportWriter {
 public:
  virtual ~ReportWriter();
  virtual void begin(const PolicyInfo& policy) = 0;
  virtual void terminal(const TerminalResult& result) = 0;
  virtual void end(const BatchSummary& summary) = 0;
};

std::unique_ptr<ReportWriter> make_report_writer(ReportFormat format, std::ostream& out,
                                                 const ReportOptions& options = {});

}  // namespace tekigo::engine
