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
#include "engine/report/summary.hpp"
#include "engine/values/date.hpp"

namespace tekigo::engine {

enum class ReportFormat { text, json, jsonl, junit, sarif, markdown, html };

// "text" → ReportFormat::text, …; nullopt for a name that is not a format.
std::optional<ReportFormat> parse_report_format(std::string_view name);
// The names parse_report_format accepts, in the order of ReportFormat.
std::span<const std::string_view> report_format_names();

// The language of a report (`--lang`): its own words (statuses, headings, "expected"), and,
// through EvaluationOptions::lang, the outcomes' texts (the policy's sentences in it when
// written, the engine's explanations always). json and jsonl keep their keys and values
// of the contract in English and say the language of their texts in "lang".
using ReportLang = Lang;
std::optional<ReportLang> parse_report_lang(std::string_view name);  // "en", "ja"

// A file the check read besides the policy and the dumps (a --facts file), and the SHA-256 of
// its bytes as read: every format names them in its header.
struct HashedFile {
  std::string file;
  std::string sha256;
};

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
  // The check date (`check --as-of`, the evaluations' EvaluationOptions::as_of): every format
  // shows it in its header, json as "as_of". Not shown when unset.
  std::optional<Date> as_of;
  std::vector<HashedFile> facts_files;  // the --facts files, in order
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

// One piece of evidence as the text report shows it, made printable: `path = value   (expected
// …)` in the words of `lang` (text.cpp; `tekigo test` shows a failing case's evidence so).
std::string evidence_line(const Evidence& evidence, ReportLang lang = ReportLang::en);

}  // namespace tekigo::engine
