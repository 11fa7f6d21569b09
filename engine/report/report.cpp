// engine/report: the format and language names, and make_report_writer, which picks the
// writer of a format (one file each: text.cpp, json.cpp, markdown.cpp, html.cpp, junit.cpp,
// sarif.cpp).
#include "engine/report/report.hpp"

#include <array>

#include "engine/report/writers.hpp"

namespace tekigo::engine {

namespace {

constexpr std::array<std::string_view, 7> kFormatNames = {"text",  "json",     "jsonl", "junit",
                                                          "sarif", "markdown", "html"};

}  // namespace

ReportWriter::~ReportWriter() = default;

std::unique_ptr<ReportWriter> make_report_writer(ReportFormat format, std::ostream& out,
                                                 const ReportOptions& options) {
  switch (format) {
    case ReportFormat::text:
      break;
    case ReportFormat::json:
      return report_detail::make_json_writer(out, options);
    case ReportFormat::jsonl:
      return report_detail::make_jsonl_writer(out, options);
    case ReportFormat::junit:
      return report_detail::make_junit_writer(out, options);
    case ReportFormat::sarif:
      return report_detail::make_sarif_writer(out, options);
    case ReportFormat::markdown:
      return report_detail::make_markdown_writer(out, options);
    case ReportFormat::html:
      return report_detail::make_html_writer(out, options);
  }
  return report_detail::make_text_writer(out, options);
}

std::optional<ReportFormat> parse_report_format(std::string_view name) {
  for (std::size_t i = 0; i < kFormatNames.size(); ++i)
    if (kFormatNames[i] == name) return static_cast<ReportFormat>(i);
  return std::nullopt;
}

std::span<const std::string_view> report_format_names() {
  return kFormatNames;
}

std::optional<ReportLang> parse_report_lang(std::string_view name) {
  return parse_lang(name);
}

}  // namespace tekigo::engine
