// engine/report: the layout of the rendered policy document (doc_layout.hpp) and its words, one
// table per language.
#include "engine/report/doc_layout.hpp"

#include <fmt/format.h>

#include <map>

#include "engine/common/text.hpp"
#include "engine/report/doc_words.hpp"

namespace tekigo::engine::report_detail {

DocSink::~DocSink() = default;

namespace {

Inline plain(std::string text) {
  return {std::move(text), false};
}
Inline words(std::string text) {
  return {std::move(text), true};
}

class Layout {
 public:
  Layout(const PolicyDocument& doc, Lang lang, DocSink& sink)
      : doc_(doc), lang_(lang), w_(doc_words(lang)), sink_(sink) {}

  void run() {
    std::string title = doc_.title.in(lang_);
    sink_.begin(doc_, lang_, fmt::format(fmt::runtime(w_.title), title));
    sink_.heading(1, "top", plain(title));
    header();
    contents();
    sink_.heading(2, "how-to-read", plain(std::string(w_.how_to_read)));
    sink_.paragraph({plain(std::string(w_.how_to_read_text))});
    for (const auto& n : doc_.notes) note_list({n});
    if (!doc_.loose_rules.empty()) rules(doc_.loose_rules);
    for (const auto& s : doc_.sections) section(s, 2);
    if (doc_.trace) traceability(*doc_.trace);
    sink_.end();
  }

 private:
  std::string sv(std::string_view s) const { return std::string(s); }

  std::string status(std::string_view word) const {
    if (word == "pass") return sv(w_.status_pass);
    if (word == "warn") return sv(w_.status_warn);
    if (word == "fail") return sv(w_.status_fail);
    if (word == "unknown") return sv(w_.status_unknown);
    if (word == "manual") return sv(w_.status_manual);
    if (word == "n/a") return sv(w_.status_na);
    if (word == "recommended") return sv(w_.recommended);
    if (word == "usable") return sv(w_.usable);
    if (word == "unusable") return sv(w_.unusable);
    return std::string(word);
  }

  std::string labels(const std::vector<std::string>& notes) const {
    return engine::join(notes, w_.list_sep);
  }

  void header() {
    std::vector<DocSink::Item> meta;
    auto add = [&](std::string_view label, const std::string& value, bool code = false) {
      if (value.empty()) return;
      meta.push_back(
          {{plain(sv(label) + ": "), code ? words("`" + value + "`") : plain(value)}, ""});
    };
    add(w_.policy, doc_.id, true);
    add(w_.document, doc_.source.in(lang_));
    add(w_.revision, doc_.revision);
    add(w_.effective, doc_.effective);
    add(w_.policy_file, doc_.file, true);
    add(w_.sha256, doc_.sha256, true);
    add(w_.as_of, doc_.as_of);
    if (!doc_.tool_version.empty())
      meta.push_back({{plain(fmt::format(fmt::runtime(w_.generated), doc_.tool_version))}, ""});
    sink_.list(meta, "meta");
  }

  void contents() {
    sink_.heading(2, "contents", plain(sv(w_.contents)));
    std::vector<DocSink::Item> items;
    items.push_back({{plain(sv(w_.how_to_read))}, "how-to-read"});
    for (const auto& s : doc_.sections)
      items.push_back({{plain(section_heading(s))}, section_anchor(s)});
    if (doc_.trace) items.push_back({{plain(sv(w_.trace))}, "traceability"});
    sink_.list(items, "contents");
  }

  std::string section_heading(const DocSection& s) const {
    std::string t = s.title.in(lang_);
    return t.empty() ? s.cite : s.cite + " " + t;
  }
  std::string section_anchor(const DocSection& s) {
    std::string base = "section-" + std::to_string(++section_count_);
    anchors_[&s] = base;
    return base;
  }

  void section(const DocSection& s, int level) {
    auto found = anchors_.find(&s);
    std::string anchor = found != anchors_.end() ? found->second : section_anchor(s);
    sink_.heading(level, anchor, plain(section_heading(s)));
    level_ = level;
    if (s.informational) sink_.paragraph({plain(sv(w_.informational))}, "informational");
    rules(s.rules);
    for (const auto& r : s.removed) {
      std::string title = r.title.in(lang_);
      sink_.paragraph(
          {plain(r.revision.empty()
                     ? fmt::format(fmt::runtime(w_.removed), r.cite, title)
                     : fmt::format(fmt::runtime(w_.removed_in), r.cite, r.revision, title))},
          "removed");
    }
    informational_clauses(s);
    note_list(s.notes);
    for (const auto& inner : s.sections) section(inner, std::min(level + 1, 4));
    level_ = level;
  }

  // The clauses of the outline where the document states no requirement, as the document has
  // them (ご参考①, (参考)).
  void informational_clauses(const DocSection& s) {
    std::vector<DocSink::Item> items;
    for (const auto& c : s.clauses)
      if (c.informational)
        items.push_back({{plain(c.label + " — " + c.title.in(lang_) + " (" +
                                sv(w_.informational_clause) + ")")},
                         ""});
    sink_.list(items, "informational");
  }

  void note_list(const std::vector<DocNote>& notes) {
    if (notes.empty()) return;
    std::vector<DocSink::Item> items;
    for (const auto& n : notes) items.push_back({{plain(n.label + " " + n.text.in(lang_))}, ""});
    sink_.list(items, "notes");
  }

  // Consecutive rules that make one table (resolve, flow, forbid with the manual entries that
  // follow one, as 別表 #12 and #16 do) are set together; the others one by one.
  static int group_of(const DocRule& r) {
    if (r.kind == "resolve") return 1;
    if (r.kind == "flow") return 2;
    if (r.kind == "forbid") return 3;
    return 0;
  }

  void rules(const std::vector<DocRule>& list) {
    for (std::size_t i = 0; i < list.size();) {
      int group = group_of(list[i]);
      std::size_t j = i + 1;
      while (group != 0 && j < list.size() &&
             (group_of(list[j]) == group || (group == 3 && list[j].kind == "manual")))
        ++j;
      std::vector<const DocRule*> run;
      for (std::size_t k = i; k < j; ++k) run.push_back(&list[k]);
      switch (group) {
        case 1:
          resolve_table(run);
          break;
        case 2:
          flow_table(run);
          break;
        case 3:
          forbid_table(run);
          break;
        default:
          single(list[i]);
      }
      readings(run);
      i = j;
    }
  }

  std::string row_cite(const DocRule& r) const { return r.own_cite.empty() ? r.cite : r.own_cite; }

  Cell cell(std::string text) const { return Cell{plain(std::move(text))}; }
  Cell notes_cell(const std::vector<std::string>& notes) const { return cell(labels(notes)); }

  // The document's words (the clause's title) when the outline has them, then the rule's
  // sentence and what is checked.
  Cell requirement_cell(const DocRule& r) const {
    Cell out;
    if (!r.document.empty()) out.push_back(plain(r.document.in(lang_)));
    out.push_back(plain(r.title.in(lang_)));
    out.push_back(plain(sv(r.direct ? w_.resolves_direct : w_.resolves)));
    return out;
  }

  void resolve_table(const std::vector<const DocRule*>& run) {
    std::vector<std::vector<Cell>> rows;
    std::vector<std::string> anchors;
    for (const DocRule* r : run) {
      rows.push_back({cell(row_cite(*r)), Cell{words("`" + r->name + "`")},
                      cell(engine::join(r->addresses, w_.list_sep)), requirement_cell(*r),
                      notes_cell(r->notes)});
      anchors.push_back(rule_anchor(r->id));
    }
    sink_.table({sv(w_.item), sv(w_.fqdn), sv(w_.address), sv(w_.requirement), sv(w_.notes)}, rows,
                anchors, "resolve");
  }

  void flow_table(const std::vector<const DocRule*>& run) {
    sink_.paragraph({plain(sv(w_.flow_must_pass))});
    std::vector<std::vector<Cell>> rows;
    std::vector<std::string> anchors;
    for (const DocRule* r : run) {
      std::vector<std::string> protocols;
      for (const auto& p : r->protocols) protocols.push_back(ascii_upper(p));
      rows.push_back({cell(row_cite(*r)), cell(engine::join(protocols, "/")),
                      cell(engine::join(r->ports, w_.list_sep)), Cell{words("`" + r->to + "`")},
                      cell(engine::join(r->addresses, w_.list_sep)), cell(r->purpose.in(lang_)),
                      notes_cell(r->notes)});
      anchors.push_back(rule_anchor(r->id));
    }
    sink_.table({sv(w_.item), sv(w_.protocol), sv(w_.port), sv(w_.destination), sv(w_.address),
                 sv(w_.purpose), sv(w_.notes)},
                rows, anchors, "flow");
  }

  static std::string ascii_upper(std::string s) {
    for (char& c : s)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
  }

  void forbid_table(const std::vector<const DocRule*>& run) {
    sink_.paragraph({plain(sv(w_.forbid))});
    std::vector<std::vector<Cell>> rows;
    std::vector<std::string> anchors;
    for (const DocRule* r : run) {
      Cell checked;
      if (!r->document.empty()) checked.push_back(plain(r->title.in(lang_)));
      if (r->kind == "manual") {
        checked = case_lines(*r);
        checked.push_back(words(sv(w_.manual)));
      }
      for (const auto& item : r->items) {
        std::string head = item.kind.in(lang_);
        if (!item.label.empty())
          head += " " + fmt::format(fmt::runtime(w_.quoted_label), item.label.in(lang_));
        std::string line = head + ": " + item.condition.in(lang_);
        if (!item.window.empty()) line += " (" + item.window.in(lang_) + ")";
        checked.push_back(words(line));
      }
      if (!r->applies.empty())
        checked.push_back(words(fmt::format(fmt::runtime(w_.applies), r->applies.in(lang_))));
      const LocalText& document = r->document.empty() ? r->title : r->document;
      rows.push_back(
          {Cell{plain(row_cite(*r)), words("`" + r->id + "`")}, cell(document.in(lang_)), checked});
      anchors.push_back(rule_anchor(r->id));
    }
    sink_.table({sv(w_.item), sv(w_.the_document), sv(w_.checked)}, rows, anchors, "forbid");
  }

  Cell case_lines(const DocRule& r) const {
    Cell out;
    for (const auto& c : r.cases) {
      std::string cond = c.condition.in(lang_), st = status(c.status), line;
      switch (c.kind) {
        case DocCase::Kind::when:
          line = fmt::format(fmt::runtime(w_.when), st, cond);
          break;
        case DocCase::Kind::expect:
          line = fmt::format(fmt::runtime(w_.expect), st, cond);
          break;
        case DocCase::Kind::otherwise:
        case DocCase::Kind::applies:
          line = fmt::format(fmt::runtime(w_.otherwise), st);
          break;
      }
      if (!c.message.empty())
        line = fmt::format(fmt::runtime(w_.message), line, c.message.in(lang_));
      if (!c.notes.empty()) line += " (" + labels(c.notes) + ")";
      if (!c.window.empty()) line += " [" + c.window.in(lang_) + "]";
      out.push_back(words(line));
    }
    return out;
  }

  void rule_heading(const DocRule& r) {
    std::string head = r.cite.empty() ? r.title.in(lang_) : r.cite + " — " + r.title.in(lang_);
    sink_.heading(std::min(level_ + 1, 4), rule_anchor(r.id), plain(head));
  }

  void single(const DocRule& r) {
    rule_heading(r);
    if (!r.applies.empty())
      sink_.paragraph({words(fmt::format(fmt::runtime(w_.applies), r.applies.in(lang_)))});
    if (r.kind == "matrix") matrix_table(r);
    if (r.kind == "line") line_table(r);
    if (r.kind == "check" || r.kind == "manual") {
      std::vector<DocSink::Item> items;
      for (auto& line : case_lines(r)) items.push_back({{line}, ""});
      sink_.list(items, "cases");
      if (r.kind == "manual") sink_.paragraph({words(sv(w_.manual))}, "manual");
    }
  }

  void matrix_table(const DocRule& r) {
    std::vector<std::vector<Cell>> rows;
    for (const auto& row : r.rows) {
      Cell remarks;
      if (!row.warn.empty()) remarks.push_back(plain(status("warn") + ": " + row.warn.in(lang_)));
      if (!row.condition.empty()) remarks.push_back(words(row.condition.in(lang_)));
      if (!row.notes.empty()) remarks.push_back(plain(labels(row.notes)));
      if (!row.window.empty()) remarks.push_back(plain(row.window.in(lang_)));
      const LocalText& document = row.document.empty() ? row.title : row.document;
      rows.push_back({cell(row.label), cell(document.in(lang_)), Cell{words(row.os.in(lang_))},
                      cell(row.browsers.in(lang_)), cell(row.disk.in(lang_)), remarks});
    }
    sink_.table({sv(w_.item), sv(w_.os_document), sv(w_.os_checked), sv(w_.browsers), sv(w_.disk),
                 sv(w_.remarks)},
                rows, {}, "matrix");
    if (!r.otherwise.empty()) sink_.paragraph({plain(r.otherwise.in(lang_))});
  }

  void line_table(const DocRule& r) {
    std::vector<std::vector<Cell>> rows;
    for (const auto& c : r.classes) {
      Cell remarks{plain(c.message.in(lang_))};
      if (!c.notes.empty()) remarks.push_back(plain(labels(c.notes)));
      if (!c.unless.empty()) {
        std::string line =
            fmt::format(fmt::runtime(w_.unless), c.unless.in(lang_), status(c.unless_status));
        if (!c.unless_message.empty())
          line = fmt::format(fmt::runtime(w_.message), line, c.unless_message.in(lang_));
        remarks.push_back(words(line));
      }
      rows.push_back({cell(engine::join(c.lines, w_.list_sep)), cell(status(c.status)), remarks});
    }
    sink_.table({sv(w_.lines), sv(w_.classification), sv(w_.remarks)}, rows, {}, "line");
  }

  // Under each rule or table: the readings, where each rule is written, its window and notes.
  void readings(const std::vector<const DocRule*>& run) {
    std::vector<DocSink::Item> items;
    for (const DocRule* r : run) {
      std::vector<Inline> parts{
          words(fmt::format(fmt::runtime(w_.rule_meta), r->id, r->kind, r->where))};
      if (!r->notes.empty()) parts.push_back(plain(" — " + sv(w_.notes_list) + labels(r->notes)));
      if (!r->window.empty()) parts.push_back(plain(" — " + r->window.in(lang_)));
      items.push_back({parts, ""});
      if (!r->rationale.empty())
        items.push_back({{plain(sv(w_.reading) + r->rationale.in(lang_))}, ""});
    }
    sink_.list(items, "rule-meta");
  }

  void traceability(const Traceability& t) {
    sink_.heading(2, "traceability", plain(sv(w_.trace)));
    sink_.paragraph({plain(sv(w_.trace_text))});
    sink_.paragraph({plain(t.has_cases ? fmt::format(fmt::runtime(w_.trace_counts), t.case_count,
                                                     t.cases_folder, t.case_failures)
                                       : sv(w_.trace_no_cases))});
    if (!t.has_examples) sink_.paragraph({plain(sv(w_.trace_no_examples))});
    std::vector<std::vector<Cell>> rows;
    for (const auto& c : t.clauses) {
      Cell clause{plain(c.cite)};
      if (!c.title.empty()) clause.push_back(plain(c.title.in(lang_)));
      if (c.informational) clause.push_back(plain("(" + sv(w_.informational) + ")"));
      Cell rules, cases, examples;
      for (const auto& revision : c.removed_in)
        rules.push_back(plain(revision.empty()
                                  ? sv(w_.trace_removed)
                                  : fmt::format(fmt::runtime(w_.trace_removed_in), revision)));
      if (c.rules.empty() && c.removed_in.empty()) rules.push_back(plain(sv(w_.no_rule)));
      for (const auto& r : c.rules) {
        rules.push_back(words("`" + r.id + "`"));
        std::vector<std::string> names;
        for (const auto& k : r.cases)
          names.push_back(std::string(k.ok ? "✓ " : "✗ ") + k.file +
                          (k.expect.empty() ? "" : " (" + status(k.expect) + ")"));
        std::string line =
            r.id + ": " + (names.empty() ? sv(w_.no_case) : engine::join(names, w_.list_sep));
        if (r.sides > 0) line += " — " + fmt::format(fmt::runtime(w_.coverage), r.covered, r.sides);
        cases.push_back(plain(line));
        if (t.has_examples) {
          std::map<std::string, std::vector<std::string>> by_status;
          for (const auto& e : r.examples) by_status[e.status].push_back(e.dump);
          std::vector<std::string> parts;
          for (const auto& [st, dumps] : by_status) {
            std::string part = fmt::format("{} {}", status(st), dumps.size());
            // Where a rule does not pass, which examples: the auditor looks at those.
            if (st != "pass" && st != "n/a" && dumps.size() <= 4)
              part += " (" + engine::join(dumps, w_.list_sep) + ")";
            parts.push_back(part);
          }
          examples.push_back(plain(r.id + ": " + engine::join(parts, w_.list_sep)));
        }
      }
      std::vector<Cell> row{clause, rules, cases};
      if (t.has_examples) row.push_back(examples);
      rows.push_back(std::move(row));
    }
    std::vector<std::string> headers{sv(w_.clause), sv(w_.rules), sv(w_.cases)};
    if (t.has_examples) headers.push_back(sv(w_.examples));
    sink_.table(headers, rows, {}, "trace");
  }

  const PolicyDocument& doc_;
  Lang lang_;
  const DocWords& w_;
  DocSink& sink_;
  std::map<const DocSection*, std::string> anchors_;
  int section_count_ = 0;
  int level_ = 1;  // of the section being laid out
};

}  // namespace

std::string rule_anchor(const std::string& id) {
  return "rule-" + id;
}

void lay_out_document(const PolicyDocument& doc, Lang lang, DocSink& sink) {
  Layout(doc, lang, sink).run();
}

}  // namespace tekigo::engine::report_detail

namespace tekigo::engine {

std::optional<DocFormat> parse_doc_format(std::string_view name) {
  if (name == "html") return DocFormat::html;
  if (name == "markdown") return DocFormat::markdown;
  return std::nullopt;
}

void write_policy_document(const PolicyDocument& doc, DocFormat format, Lang lang,
                           std::ostream& out) {
  auto sink = format == DocFormat::html ? report_detail::make_html_doc_sink(out)
                                        : report_detail::make_markdown_doc_sink(out);
  report_detail::lay_out_document(doc, lang, *sink);
}

}  // namespace tekigo::engine
