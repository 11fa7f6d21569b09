// engine/report: the impact writer of each format, one file each (impact_text.cpp,
// impact_markdown.cpp, impact_json.cpp, impact_html.cpp); make_impact_writer
// (impact_report.cpp) picks one. Private to engine/report.
#pragma once

#include <memory>
#include <ostream>

#include "engine/report/impact_report.hpp"

namespace tekigo::engine::report_detail {

std::unique_ptr<ImpactWriter> make_impact_text_writer(std::ostream& out,
                                                      const ReportOptions& options);
std::unique_ptr<ImpactWriter> make_impact_markdown_writer(std::ostream& out,
                                                          const ReportOptions& options);
std::unique_ptr<ImpactWriter> make_impact_json_writer(std::ostream& out);
std::unique_ptr<ImpactWriter> make_impact_html_writer(std::ostream& out,
                                                      const ReportOptions& options);

}  // namespace tekigo::engine::report_detail
