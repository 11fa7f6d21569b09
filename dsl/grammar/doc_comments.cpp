// dsl/grammar: doc comments — the comments right above an item become its `doc`, so that a
// formatter or a doc generator can keep them with it.
#include <algorithm>
#include <iterator>

#include "dsl/grammar/tree_to_ast.hpp"

namespace tekigo::dsl {

// Doc comments: the comments directly above a rule, section or `removed` entry (no blank
// line between), each on a line of its own — a comment after code (`section "§1" { # …`) is
// not one.
void attach_doc_comments(const SourceFile& source, const std::vector<ast::Comment>& comments,
                         std::vector<ast::Item>& items) {
  auto alone = [&](const ast::Comment& c) {
    for (std::uint32_t b = c.span.begin; b > 0 && source.text()[b - 1] != '\n'; --b)
      if (source.text()[b - 1] != ' ' && source.text()[b - 1] != '\t') return false;
    return true;
  };
  for (auto& item : items) {
    Span at = item.rule      ? item.rule->span
              : item.section ? item.section->span
              : item.removed ? item.removed->span
              : item.clause  ? item.clause->span
                             : Span{};
    if (!item.rule && !item.section && !item.removed && !item.clause) continue;
    std::vector<ast::Comment> doc;
    auto line = source.position(at.begin).line;
    // comments are sorted: start at the last one before the item (not at the file's end)
    auto before =
        std::lower_bound(comments.begin(), comments.end(), at.begin,
                         [](const ast::Comment& c, std::uint32_t b) { return c.span.begin < b; });
    for (auto it = std::make_reverse_iterator(before); it != comments.rend(); ++it) {
      auto cl = source.position(it->span.begin).line;
      if (cl + 1 + doc.size() != line || !alone(*it)) break;
      doc.insert(doc.begin(), *it);
    }
    if (item.rule) item.rule->doc = std::move(doc);
    if (item.removed) item.removed->doc = std::move(doc);
    if (item.clause) item.clause->doc = std::move(doc);
    if (item.section) {
      item.section->doc = std::move(doc);
      attach_doc_comments(source, comments, item.section->items);
    }
  }
}

}  // namespace tekigo::dsl
