// engine/report: the writer of each format, one file each (text.cpp, json.cpp, markdown.cpp,
// html.cpp, junit.cpp, sarif.cpp); make_report_writer (report.cpp) picks one. Private to
// engine/report.
#pragma once

#include <memory>
#include <ostream>

#include "engine/report/report.hpp"

namespace tekigo::engine::report_detail {

std::unique_ptr<ReportWriter> make_text_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<ReportWriter> make_json_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<ReportWriter> make_jsonl_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<ReportWriter> make_junit_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<ReportWriter> make_sarif_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<ReportWriter> make_markdown_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<ReportWriter> make_html_writer(std::ostream& out, const ReportOptions& options);

}  // namespace tekigo::engine::report_detail
