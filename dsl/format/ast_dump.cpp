// dsl/format: the AST as text, spans left out (see ast_dump.hpp).
#include "dsl/format/ast_dump.hpp"

#include <fmt/format.h>

#include <string_view>

#include "engine/common/text.hpp"

namespace tekigo::dsl::format {

namespace {

std::string collapsed(std::string_view s) {
  std::string out;
  for (char c : s) {
    const bool blank = c == ' ' || c == '\t';
    if (blank && !out.empty() && out.back() == ' ') continue;
    out += blank ? ' ' : c;
  }
  return out;
}

std::string text(const ast::Text& t) {
  std::string out = fmt::format("{:?}", t.value);
  for (const auto& tr : t.translations) out += fmt::format(" {} {:?}", tr.lang, tr.value);
  return out;
}

std::string text(const std::optional<ast::Text>& t) {
  return t ? text(*t) : "-";
}

std::string texts(const std::vector<ast::Text>& v) {
  std::vector<std::string> parts;
  for (const auto& t : v) parts.push_back(text(t));
  return "[" + engine::join(parts, " ") + "]";
}

std::string notes(const std::vector<ast::NoteRef>& v) {
  std::vector<std::string> parts;
  for (const auto& n : v) parts.push_back(n.label);
  return "[" + engine::join(parts, " ") + "]";
}

std::string operand(const ast::Operand& o) {
  using K = ast::Operand::Kind;
  switch (o.kind) {
    case K::string:
      return fmt::format("string:{:?}", o.text);
    case K::number:
      return "number:" + collapsed(o.text);
    case K::boolean:
      return "boolean:" + o.text;
    case K::path:
      return "path:" + engine::join(o.segments, ".");
    case K::list: {
      std::vector<std::string> parts;
      for (const auto& i : o.items) parts.push_back(operand(i));
      return "list:[" + engine::join(parts, " ") + "]";
    }
  }
  return "?";
}

std::string operand(const std::optional<ast::Operand>& o) {
  return o ? operand(*o) : "-";
}

std::string operands(const std::vector<ast::Operand>& v) {
  std::vector<std::string> parts;
  for (const auto& o : v) parts.push_back(operand(o));
  return "[" + engine::join(parts, " ") + "]";
}

std::string in_force(const ast::InForce& f) {
  return "from=" + operand(f.from) + " until=" + operand(f.until);
}

std::string specs(const std::vector<ast::VersionSpec>& v) {
  std::vector<std::string> parts;
  for (const auto& s : v)
    parts.push_back(fmt::format("{}{}{}", ast::op_text(s.op), operand(s.value),
                                s.to ? ".." + operand(*s.to) : ""));
  return "[" + engine::join(parts, " ") + "]";
}

std::string expr(const ast::Expr* e) {
  if (!e) return "-";
  using K = ast::Expr::Kind;
  std::string out = fmt::format("({}", ast::expr_word(e->kind));
  if (e->kind != K::and_ && e->kind != K::or_ && e->kind != K::not_) out += " " + e->path.dotted();
  if (e->kind == K::compare) out += fmt::format(" {}", ast::op_text(e->op));
  if (e->kind == K::compare || e->kind == K::in || e->kind == K::contains)
    out += " " + operand(e->rhs);
  if (e->kind == K::match) out += " " + text(e->pattern);
  for (const auto& c : e->children) out += " " + expr(c.get());
  return out + ")";
}

class Dump {
 public:
  std::string out;

  void line(int depth, std::string_view s) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += s;
    out += '\n';
  }

  void doc(int depth, const std::vector<ast::Comment>& comments) {
    for (const auto& c : comments) line(depth, fmt::format("doc {:?}", c.text));
  }

  void rule(const ast::Rule& r, int depth) {
    doc(depth, r.doc);
    line(depth,
         fmt::format("rule {} {} cite={} title={} notes={} {}", ast::kind_name(r.kind), r.id.value,
                     text(r.cite), text(r.title), notes(r.notes), in_force(r.in_force)));
    const int d = depth + 1;
    if (r.rationale) line(d, fmt::format("rationale {}", text(r.rationale)));
    for (const auto& c : r.clauses)
      line(d, fmt::format("clause {} {} {} message={} notes={} {}", static_cast<int>(c.kind),
                          ast::status_word(c.status), expr(c.condition.get()), text(c.message),
                          notes(c.notes), in_force(c.in_force)));
    for (const auto& row : r.rows) {
      line(d, fmt::format("row {} title={} notes={} {}", text(row.label), text(row.title),
                          notes(row.notes), in_force(row.in_force)));
      if (row.os)
        line(d + 1,
             fmt::format("os {} versions={} releases={} sp={} except={}", row.os->family.value,
                         specs(row.os->versions), specs(row.os->releases),
                         operand(row.os->min_service_pack), texts(row.os->except_editions)));
      line(d + 1, fmt::format("browsers {}", row.has_browsers));
      for (const auto& b : row.browsers)
        line(d + 2, fmt::format("{} {} {}", b.id.value, operand(b.from), operand(b.to)));
      line(d + 1, fmt::format("disk {} when {} warn={} notes={}", operand(row.min_disk),
                              expr(row.when.get()), text(row.warn), notes(row.warn_notes)));
    }
    if (r.kind == ast::Rule::Kind::resolve || r.kind == ast::Rule::Kind::flow)
      line(d, fmt::format("name={} addresses={} direct={} protocols={} direction={} from={} "
                          "to={} ports={} purpose={}",
                          text(r.name), operands(r.addresses), r.direct, texts(r.protocols),
                          text(r.direction), operand(r.from_port), text(r.to), operands(r.ports),
                          text(r.purpose)));
    for (const auto& i : r.items)
      line(d, fmt::format("item {} label={} {} {}", i.kind, text(i.label), in_force(i.in_force),
                          expr(i.predicate.get())));
    for (const auto& c : r.classes)
      line(d, fmt::format("class {} {} message={} notes={} unless {} {} message={} notes={}",
                          c.status, texts(c.lines), text(c.message), notes(c.notes),
                          expr(c.unless.get()), ast::status_word(c.unless_status),
                          text(c.unless_message), notes(c.unless_notes)));
  }

  void items(const std::vector<ast::Item>& items, int depth) {
    for (const auto& item : items) {
      if (item.rule) rule(*item.rule, depth);
      if (item.note)
        line(depth, fmt::format("note {} {}", item.note->label.label, text(item.note->text)));
      if (item.removed) {
        doc(depth, item.removed->doc);
        line(depth, fmt::format("removed {} cite={} title={} revision={}", item.removed->id.value,
                                text(item.removed->cite), text(item.removed->title),
                                text(item.removed->revision)));
      }
      if (item.clause) {
        doc(depth, item.clause->doc);
        line(depth, fmt::format("clause {} title={} informational={}", text(item.clause->label),
                                text(item.clause->title), item.clause->informational));
      }
      if (item.section) {
        doc(depth, item.section->doc);
        line(depth, fmt::format("section {} title={} informational={}", text(item.section->cite),
                                text(item.section->title), item.section->informational));
        this->items(item.section->items, depth + 1);
      }
    }
  }
};

}  // namespace

std::string ast_dump(const ast::PolicyFile& file) {
  Dump d;
  const auto& h = file.header;
  d.line(0, fmt::format("policy {} title={} revision={} effective={} source={} language={}",
                        h.id.value, text(h.title), text(h.revision), text(h.effective),
                        text(h.source), text(h.language)));
  d.items(file.items, 0);
  return std::move(d.out);
}

}  // namespace tekigo::dsl::format
