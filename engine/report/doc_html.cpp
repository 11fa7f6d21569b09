// engine/report: the rendered policy document as one self-contained HTML page: no script, no
// fetch (a Content-Security-Policy allows the inline style and nothing else), fonts that carry
// Japanese, and a print style sheet — auditors print it, A4, tables that keep their head on
// every page and rows that do not break. Every text from the policy is escaped (html_escape).
#include <fmt/format.h>

#include "engine/report/doc_layout.hpp"
#include "engine/report/escaping.hpp"

namespace tekigo::engine::report_detail {

namespace {

constexpr std::string_view kStyle = R"css(
:root{--line:#c8cdd3;--muted:#57606a;--head:#f3f5f7;--fg:#1f2328;--bg:#fff;--accent:#0b5cad}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1100px;padding:24px 32px 48px;color:var(--fg);background:var(--bg);
font:14px/1.6 system-ui,-apple-system,"Segoe UI","Noto Sans CJK JP","Noto Sans JP",
"Hiragino Sans","Hiragino Kaku Gothic ProN","Yu Gothic UI","Yu Gothic",Meiryo,sans-serif}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono CJK JP",monospace;
font-size:12px;background:var(--head);padding:0 3px;border-radius:3px;overflow-wrap:anywhere}
h1{font-size:22px;margin:0 0 8px}
h2{font-size:18px;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:22px 0 8px}
h4{font-size:14px;margin:18px 0 6px}
h3+h3,h3+h4{margin-top:8px}
a{color:var(--accent)}
ul.meta{list-style:none;padding:0;margin:0 0 12px;color:var(--muted)}
ul.notes{list-style:none;padding:8px 12px;margin:10px 0;background:var(--head);
border-left:3px solid var(--line)}
ul.rule-meta{font-size:12px;color:var(--muted);margin:6px 0 14px}
p.informational,p.manual{border-left:3px solid var(--accent);padding:2px 10px;color:var(--muted)}
p.removed{color:var(--muted);text-decoration:line-through}
table{border-collapse:collapse;width:100%;margin:8px 0}
table:not(.trace) td:first-child{white-space:nowrap}td:first-child code{font-size:11px}
table.trace td:nth-child(1){width:20%}table.trace td:nth-child(2){width:14%}
table.trace td:nth-child(3){width:42%}
table.line td:nth-child(2){white-space:nowrap}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--head);font-weight:600}
td div+div{margin-top:3px}
tr:target{background:#fff8c5}
@page{size:A4;margin:14mm 12mm}
@media print{body{max-width:none;padding:0 1px;font-size:11px}code{font-size:10px}
h1{font-size:18px}h2{font-size:15px}h3{font-size:12.5px}h4{font-size:12px}
thead{display:table-header-group}tr,li{break-inside:avoid}h2,h3,h4{break-after:avoid}
a{color:inherit;text-decoration:none}ul.contents{columns:2}}
)css";

// `words` text: `code` spans as <code>, the rest escaped; any other text escaped whole.
std::string render(const Inline& part) {
  if (!part.words) return html_escape(part.text);
  std::string out;
  std::size_t i = 0;
  while (i < part.text.size()) {
    std::size_t open = part.text.find('`', i);
    std::size_t close = open == std::string::npos ? open : part.text.find('`', open + 1);
    if (close == std::string::npos) {
      out += html_escape(part.text.substr(i));
      break;
    }
    out += html_escape(part.text.substr(i, open - i));
    out += "<code>" + html_escape(part.text.substr(open + 1, close - open - 1)) + "</code>";
    i = close + 1;
  }
  return out;
}

std::string render(const std::vector<Inline>& parts) {
  std::string out;
  for (const auto& p : parts) out += render(p);
  return out;
}

std::string role_class(const std::string& role) {
  return role.empty() ? "" : " class=\"" + html_escape(role) + "\"";
}

class HtmlDocSink final : public DocSink {
 public:
  explicit HtmlDocSink(std::ostream& out) : out_(out) {}

  void begin(const PolicyDocument&, Lang lang, const std::string& title) override {
    out_ << fmt::format(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n",
        lang == Lang::ja ? "ja" : "en", html_escape(title), kStyle);
  }
  void end() override { out_ << "</body>\n</html>\n"; }

  void heading(int level, const std::string& anchor, const Inline& text) override {
    std::string id = anchor.empty() ? "" : " id=\"" + html_escape(anchor) + "\"";
    out_ << fmt::format("<h{0}{1}>{2}</h{0}>\n", level, id, render(text));
  }

  void paragraph(const std::vector<Inline>& parts, const std::string& role) override {
    out_ << "<p" << role_class(role) << ">" << render(parts) << "</p>\n";
  }

  void list(const std::vector<Item>& items, const std::string& role) override {
    if (items.empty()) return;
    out_ << "<ul" << role_class(role) << ">\n";
    for (const auto& item : items) {
      std::string text = render(item.parts);
      if (!item.link.empty()) text = "<a href=\"#" + html_escape(item.link) + "\">" + text + "</a>";
      out_ << "<li>" << text << "</li>\n";
    }
    out_ << "</ul>\n";
  }

  void table(const std::vector<std::string>& headers, const std::vector<std::vector<Cell>>& rows,
             const std::vector<std::string>& anchors, const std::string& role) override {
    out_ << "<table" << role_class(role) << ">\n<thead><tr>";
    for (const auto& h : headers) out_ << "<th>" << html_escape(h) << "</th>";
    out_ << "</tr></thead>\n<tbody>\n";
    for (std::size_t r = 0; r < rows.size(); ++r) {
      out_ << "<tr";
      if (r < anchors.size()) out_ << " id=\"" << html_escape(anchors[r]) << "\"";
      out_ << ">";
      for (const auto& cell : rows[r]) {
        out_ << "<td>";
        for (const auto& line : cell) out_ << "<div>" << render(line) << "</div>";
        out_ << "</td>";
      }
      out_ << "</tr>\n";
    }
    out_ << "</tbody>\n</table>\n";
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<DocSink> make_html_doc_sink(std::ostream& out) {
  return std::make_unique<HtmlDocSink>(out);
}

}  // namespace tekigo::engine::report_detail
