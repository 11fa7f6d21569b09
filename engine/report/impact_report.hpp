// engine: the impact report — what a revision of a policy does to a fleet, for people (text,
// markdown, html) and tools (json). Streams one terminal at a time (only json lists those whose
// verdict stays); the tables come at the end, when the fleet is known. Every text comes from
// the results, the two policies' headers and the collection plans: no syntax. docs/reports.md
// describes the formats.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>

#include "engine/report/impact_summary.hpp"
#include "engine/report/report.hpp"

namespace tekigo::engine {

enum class ImpactFormat { text, markdown, json, html };

// "text" → ImpactFormat::text, …; nullopt for a name that is not an impact format.
std::optional<ImpactFormat> parse_impact_format(std::string_view name);
// The names parse_impact_format accepts, in the order of ImpactFormat.
std::span<const std::string_view> impact_format_names();

// Streaming writer: begin(), then each terminal in input order, then end(). markdown and html
// hold the terminals that change in a temporary file until the tables before them are known.
class ImpactWriter {
 public:
  virtual ~ImpactWriter();
  virtual void begin(const ImpactHeader& header) = 0;
  virtual void terminal(const TerminalImpact& terminal) = 0;
  virtual void end(const FleetImpact& impact) = 0;
};

// `options`: lang (text, markdown, html) and tool_version (html's generator); the others are
// for check reports.
std::unique_ptr<ImpactWriter> make_impact_writer(ImpactFormat format, std::ostream& out,
                                                 const ReportOptions& options = {});

}  // namespace tekigo::engine
