// engine/report: the pieces of JSON that the json, jsonl and SARIF writers share (json.cpp).
// Private to engine/report.
#pragma once

#include <string>
#include <string_view>

#include "engine/eval/outcome.hpp"

namespace tekigo::engine::report_detail {

void json_string(std::string& out, std::string_view text);
void json_field(std::string& out, std::string_view key, std::string_view value, bool comma = true);
// `,"notes":[…],"evidence":[{path, value, expected, absent}…]` of one rule outcome (the json
// and jsonl reports, and the SARIF result properties).
void json_notes_and_evidence(std::string& out, const RuleOutcome& rule);
// The members of one element of the json format's "results" (no braces).
void json_terminal_members(std::string& out, const TerminalResult& r);

}  // namespace tekigo::engine::report_detail
