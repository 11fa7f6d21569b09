// dsl/doc: the walk from the checked AST to the described document (describe.hpp). One
// function per rule kind, as dsl/lower has one file per kind.
#include "dsl/doc/describe.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "dsl/checks/outline.hpp"
#include "dsl/doc/words.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::doc {

using engine::DocCase;
using engine::DocRule;
using engine::LocalText;

namespace {

// A sentence of the policy in both languages; `untagged`: the language of its plain strings.
LocalText text_of(const std::optional<ast::Text>& t, engine::Lang untagged) {
  return ast::local_text(t, untagged);
}

std::vector<std::string> labels(const std::vector<ast::NoteRef>& notes) {
  std::vector<std::string> out;
  for (const auto& n : notes) out.push_back(n.label);
  return out;
}

DocCase::Kind case_kind(ast::Clause::Kind kind) {
  switch (kind) {
    case ast::Clause::Kind::applies:
      return DocCase::Kind::applies;
    case ast::Clause::Kind::expect:
      return DocCase::Kind::expect;
    case ast::Clause::Kind::otherwise:
      return DocCase::Kind::otherwise;
    case ast::Clause::Kind::when:
      break;
  }
  return DocCase::Kind::when;
}

// check, manual: the clauses in order. `applies when` goes to the rule's applies.
void describe_clauses(const ast::Rule& r, DocRule& out, engine::Lang lang) {
  std::vector<std::string> applies_en, applies_ja;
  for (const auto& c : r.clauses) {
    if (c.kind == ast::Clause::Kind::applies && c.condition) {
      LocalText t = condition_words(*c.condition);
      applies_en.push_back(t.en);
      applies_ja.push_back(t.ja);
      continue;
    }
    DocCase k;
    k.kind = case_kind(c.kind);
    k.status = c.kind == ast::Clause::Kind::expect ? "fail" : status_text(c.status);
    if (c.condition) k.condition = condition_words(*c.condition);
    k.message = text_of(c.message, lang);
    k.notes = labels(c.notes);
    k.window = window_words(c.in_force);
    out.cases.push_back(std::move(k));
  }
  if (!applies_en.empty())
    out.applies =
        LocalText::both(engine::join(applies_en, " and "), engine::join(applies_ja, "、かつ "));
}

void describe_matrix(const ast::Rule& r, DocRule& out, engine::Lang lang) {
  for (const auto& row : r.rows) {
    engine::DocRow d;
    d.label = row.label.value;
    d.title = row.title ? text_of(row.title, lang) : ast::local_text(row.label, lang);
    if (row.os) d.os = os_words(*row.os);
    if (row.has_browsers) d.browsers = browser_words(row.browsers);
    if (row.min_disk) d.disk = disk_words(*row.min_disk);
    if (row.when) d.condition = condition_words(*row.when);
    d.warn = text_of(row.warn, lang);
    d.notes = labels(row.notes);
    for (const auto& n : row.warn_notes) d.notes.push_back(n.label);
    d.window = window_words(row.in_force);
    out.rows.push_back(std::move(d));
  }
  out.otherwise = LocalText::both("A terminal that matches no row fails.",
                                  "どの項にも当てはまらない端末は不合格です。");
}  // namespace

LocalText item_kind_words(std::string_view kind) {
  if (kind == "software")
    return LocalText::both("Installed software", "インストール済みソフトウェア");
  if (kind == "adapter") return LocalText::both("Network adapter", "ネットワークアダプタ");
  if (kind == "service") return LocalText::both("Service", "サービス");
  if (kind == "browser") return LocalText::both("Browser", "ブラウザ");
  if (kind == "lsp") return LocalText::both("Winsock LSP", "Winsock LSP");
  return LocalText::both("Condition", "条件");
}

void describe_forbid(const ast::Rule& r, DocRule& out, engine::Lang lang) {
  for (const auto& item : r.items) {
    engine::DocItem d;
    d.kind = item_kind_words(item.kind);
    d.label = text_of(item.label, lang);
    if (item.predicate) d.condition = condition_words(*item.predicate);
    d.window = window_words(item.in_force);
    out.items.push_back(std::move(d));
  }
}

void describe_resolve(const ast::Rule& r, DocRule& out, engine::Lang) {
  if (r.name) out.name = r.name->value;
  for (const auto& a : r.addresses) out.addresses.push_back(value_words(a));
  out.direct = r.direct;
}

void describe_flow(const ast::Rule& r, DocRule& out, engine::Lang lang) {
  for (const auto& p : r.protocols) out.protocols.push_back(engine::ascii_lower(p.value));
  for (const auto& p : r.ports) out.ports.push_back(value_words(p));
  if (r.to) out.to = r.to->value;
  for (const auto& a : r.addresses) out.addresses.push_back(value_words(a));
  out.purpose = text_of(r.purpose, lang);
}

void describe_line(const ast::Rule& r, DocRule& out, engine::Lang lang) {
  for (const auto& c : r.classes) {
    engine::DocLineClass d;
    d.status = c.status;
    for (const auto& l : c.lines) d.lines.push_back(l.value);
    d.message = text_of(c.message, lang);
    d.notes = labels(c.notes);
    if (c.unless) {
      d.unless = condition_words(*c.unless);
      d.unless_status = status_text(c.unless_status);
      d.unless_message = text_of(c.unless_message, lang);
      for (const auto& n : c.unless_notes)
        if (std::find(d.notes.begin(), d.notes.end(), n.label) == d.notes.end())
          d.notes.push_back(n.label);
    }
    out.classes.push_back(std::move(d));
  }
}

class Describer {
 public:
  Describer(const engine::PolicyInfo& info, const SourceFile& source, engine::Lang untagged)
      : info_(info), source_(source), untagged_(untagged) {}

  // `items`: the rule's section's (or the file's) items, where its clauses are declared.
  DocRule rule(const ast::Rule& r, const std::string& section_cite,
               const std::vector<ast::Item>& items) const {
    DocRule out;
    out.id = r.id.value;
    out.kind = std::string(ast::kind_name(r.kind));
    out.cite = ast::composed_cite(section_cite, r.cite);
    if (r.cite) out.own_cite = r.cite->value;
    out.title = text_of(r.title, untagged_);
    out.rationale = text_of(r.rationale, untagged_);
    for (const auto& label : checks::clauses_cited(r, items))
      out.clauses.push_back(ast::composed_cite(section_cite, ast::Text{label, {}, {}}));
    if (r.cite)
      if (const ast::ClauseDecl* c = clause(items, r.cite->value))
        out.document = text_of(c->title, untagged_);
    out.notes = labels(r.notes);
    out.window = window_words(r.in_force);
    auto at = source_.position(r.id.span.begin);
    out.where = fmt::format("{}:{}", info_.file.empty() ? source_.name() : info_.file, at.line);
    switch (r.kind) {
      case ast::Rule::Kind::check:
      case ast::Rule::Kind::manual:
        describe_clauses(r, out, untagged_);
        break;
      case ast::Rule::Kind::matrix:
        describe_matrix(r, out, untagged_);
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
          const std::string& label = r.rows[i].label.value;
          const ast::ClauseDecl* c = clause(items, "#" + label);
          if (!c) c = clause(items, label);
          if (c) out.rows[i].document = text_of(c->title, untagged_);
        }
        break;
      case ast::Rule::Kind::forbid:
        describe_forbid(r, out, untagged_);
        break;
      case ast::Rule::Kind::resolve:
        describe_resolve(r, out, untagged_);
        break;
      case ast::Rule::Kind::flow:
        describe_flow(r, out, untagged_);
        break;
      case ast::Rule::Kind::line:
        describe_line(r, out, untagged_);
        break;
    }
    return out;
  }

  engine::DocSection section(const ast::Section& s) const {
    engine::DocSection out;
    out.cite = s.cite.value;
    out.title = text_of(s.title, untagged_);
    out.informational = s.informational;
    for (const auto& item : s.items) {
      if (item.clause)
        out.clauses.push_back({item.clause->label.value,
                               ast::composed_cite(out.cite, item.clause->label),
                               text_of(item.clause->title, untagged_), item.clause->informational});
      if (item.note)
        out.notes.push_back({item.note->label.label, ast::local_text(item.note->text, untagged_)});
      if (item.rule) out.rules.push_back(rule(*item.rule, out.cite, s.items));
      if (item.removed) out.removed.push_back(removed(*item.removed, out.cite));
      if (item.section) out.sections.push_back(section(*item.section));
    }
    return out;
  }

  engine::DocRemoved removed(const ast::Removed& r, const std::string& section_cite) const {
    return {r.id.value, ast::composed_cite(section_cite, r.cite), text_of(r.title, untagged_),
            r.revision ? r.revision->value : std::string()};
  }

  engine::Lang untagged() const { return untagged_; }

 private:
  static const ast::ClauseDecl* clause(const std::vector<ast::Item>& items,
                                       const std::string& label) {
    for (const auto& item : items)
      if (item.clause && item.clause->label.value == label) return item.clause.get();
    return nullptr;
  }

  const engine::PolicyInfo& info_;
  const SourceFile& source_;
  engine::Lang untagged_;
};

}  // namespace

engine::PolicyDocument describe_policy(const ast::PolicyFile& file, const engine::PolicyInfo& info,
                                       const SourceFile& source) {
  engine::PolicyDocument doc;
  doc.id = info.id;
  doc.title = info.title;
  doc.revision = info.revision;
  doc.effective = info.effective;
  doc.source = LocalText(info.source, info.language);
  doc.file = info.file;
  doc.sha256 = info.sha256;
  Describer describer(info, source, ast::untagged_lang(file.header));
  for (const auto& item : file.items) {
    if (item.section) doc.sections.push_back(describer.section(*item.section));
    if (item.rule) doc.loose_rules.push_back(describer.rule(*item.rule, "", file.items));
    if (item.note)
      doc.notes.push_back(
          {item.note->label.label, ast::local_text(item.note->text, describer.untagged())});
    if (item.removed) doc.removed.push_back(describer.removed(*item.removed, ""));
  }
  return doc;
}

}  // namespace tekigo::dsl::doc
