// engine/report: the rendered policy document's layout, once for every format — what comes in
// which order, which rules make one table, the words of each heading (doc_layout.cpp) — written
// through a DocSink that each format implements (doc_markdown.cpp, doc_html.cpp). Private to
// engine/report.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "engine/report/policy_document.hpp"

namespace tekigo::engine::report_detail {

// A piece of text for a sink: `words` may hold `code` spans (conditions, facts, patterns),
// which the sink sets as code; any other text is shown as written.
struct Inline {
  std::string text;
  bool words = false;
};
using Cell = std::vector<Inline>;  // one line each

class DocSink {
 public:
  virtual ~DocSink();
  virtual void begin(const PolicyDocument& doc, Lang lang, const std::string& title) = 0;
  virtual void end() = 0;
  // A heading; `anchor` names it for links ("" for none).
  virtual void heading(int level, const std::string& anchor, const Inline& text) = 0;
  virtual void paragraph(const std::vector<Inline>& parts, const std::string& role = {}) = 0;
  // A list; each item is one or more parts, `link` (when set) the anchor it points to.
  struct Item {
    std::vector<Inline> parts;
    std::string link;
  };
  virtual void list(const std::vector<Item>& items, const std::string& role = {}) = 0;
  // A table: `anchors` (when not empty) names each row, for links.
  virtual void table(const std::vector<std::string>& headers,
                     const std::vector<std::vector<Cell>>& rows,
                     const std::vector<std::string>& anchors = {},
                     const std::string& role = {}) = 0;
};

std::unique_ptr<DocSink> make_markdown_doc_sink(std::ostream& out);  // doc_markdown.cpp
std::unique_ptr<DocSink> make_html_doc_sink(std::ostream& out);      // doc_html.cpp

// The document, in order, through `sink`.
void lay_out_document(const PolicyDocument& doc, Lang lang, DocSink& sink);

std::string rule_anchor(const std::string& id);  // "rule-conflict-05"

}  // namespace tekigo::engine::report_detail
