// engine/report: the impact formats' names and make_impact_writer, which picks the writer of
// a format (one file each: impact_text.cpp, impact_markdown.cpp, impact_json.cpp,
// impact_html.cpp).
#include "engine/report/impact_report.hpp"

#include <array>

#include "engine/report/impact_writers.hpp"

namespace tekigo::engine {

namespace {

constexpr std::array<std::string_view, 4> kImpactFormatNames = {"text", "markdown", "json", "html"};

}  // namespace

ImpactWriter::~ImpactWriter() = default;

std::unique_ptr<ImpactWriter> make_impact_writer(ImpactFormat format, std::ostream& out,
                                                 const ReportOptions& options) {
  switch (format) {
    case ImpactFormat::text:
      break;
    case ImpactFormat::markdown:
      return report_detail::make_impact_markdown_writer(out, options);
    case ImpactFormat::json:
      return report_detail::make_impact_json_writer(out);
    case ImpactFormat::html:
      return report_detail::make_impact_html_writer(out, options);
  }
  return report_detail::make_impact_text_writer(out, options);
}

std::optional<ImpactFormat> parse_impact_format(std::string_view name) {
  for (std::size_t i = 0; i < kImpactFormatNames.size(); ++i)
    if (kImpactFormatNames[i] == name) return static_cast<ImpactFormat>(i);
  return std::nullopt;
}

std::span<const std::string_view> impact_format_names() {
  return kImpactFormatNames;
}

}  // namespace tekigo::engine
