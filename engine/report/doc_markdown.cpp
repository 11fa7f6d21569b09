// engine/report: the rendered policy document in Markdown (GitHub's dialect): headings with
// anchors, the document's tables as pipe tables (a cell's lines joined by <br>), notes and rule
// details as lists. Every text from the policy is escaped (markdown_escape); code spans keep
// patterns as written, a pipe in them escaped inside a table.
#include <fmt/format.h>

#include "engine/report/doc_layout.hpp"
#include "engine/report/escaping.hpp"

namespace tekigo::engine::report_detail {

namespace {

std::string code_span(std::string_view text, bool in_table) {
  std::string body = clean_text(text), out = "`";
  for (char c : body) {
    if (c == '\n') c = ' ';
    if (c == '|' && in_table) out += '\\';
    out += c;
  }
  return out + "`";
}

// `words` text: `code` spans as code, the rest escaped; any other text escaped whole.
std::string render(const Inline& part, bool in_table) {
  if (!part.words) return markdown_escape(part.text);
  std::string out;
  std::size_t i = 0;
  while (i < part.text.size()) {
    std::size_t open = part.text.find('`', i);
    if (open == std::string::npos) {
      out += markdown_escape(part.text.substr(i));
      break;
    }
    std::size_t close = part.text.find('`', open + 1);
    if (close == std::string::npos) {
      out += markdown_escape(part.text.substr(i));
      break;
    }
    out += markdown_escape(part.text.substr(i, open - i));
    out += code_span(part.text.substr(open + 1, close - open - 1), in_table);
    i = close + 1;
  }
  return out;
}

std::string render(const std::vector<Inline>& parts, bool in_table) {
  std::string out;
  for (const auto& p : parts) out += render(p, in_table);
  return out;
}

class MarkdownDocSink final : public DocSink {
 public:
  explicit MarkdownDocSink(std::ostream& out) : out_(out) {}

  void begin(const PolicyDocument&, Lang, const std::string&) override {}
  void end() override {}

  void heading(int level, const std::string& anchor, const Inline& text) override {
    if (!anchor.empty() && level > 1) out_ << "<a id=\"" << anchor << "\"></a>\n\n";
    out_ << std::string(static_cast<std::size_t>(level), '#') << ' ' << render(text, false)
         << "\n\n";
  }

  void paragraph(const std::vector<Inline>& parts, const std::string& role) override {
    out_ << (role == "informational" || role == "manual" ? "> " : "") << render(parts, false)
         << "\n\n";
  }

  void list(const std::vector<Item>& items, const std::string&) override {
    if (items.empty()) return;
    for (const auto& item : items) {
      std::string text = render(item.parts, false);
      if (!item.link.empty()) text = "[" + text + "](#" + item.link + ")";
      out_ << "- " << text << '\n';
    }
    out_ << '\n';
  }

  void table(const std::vector<std::string>& headers, const std::vector<std::vector<Cell>>& rows,
             const std::vector<std::string>& anchors, const std::string&) override {
    out_ << '|';
    for (const auto& h : headers) out_ << ' ' << markdown_escape(h) << " |";
    out_ << "\n|";
    for (std::size_t i = 0; i < headers.size(); ++i) out_ << " --- |";
    out_ << '\n';
    for (std::size_t r = 0; r < rows.size(); ++r) {
      out_ << '|';
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        std::string cell;
        if (c == 0 && r < anchors.size()) cell = "<a id=\"" + anchors[r] + "\"></a>";
        for (std::size_t l = 0; l < rows[r][c].size(); ++l) {
          if (l > 0) cell += "<br>";
          cell += render(rows[r][c][l], true);
        }
        out_ << ' ' << cell << " |";
      }
      out_ << '\n';
    }
    out_ << '\n';
  }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<DocSink> make_markdown_doc_sink(std::ostream& out) {
  return std::make_unique<MarkdownDocSink>(out);
}

}  // namespace tekigo::engine::report_detail
