// dsl/checks: the lints of one rule or of the file — W0401, W0402, W0404, W0409, W0410.
#include "dsl/checks/lints.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include "dsl/checks/typing.hpp"
#include "engine/common/text.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::checks {

void check_line_coverage(const PassInput& input, std::vector<Diagnostic>& out) {
  const engine::SchemaNode& line_type = *engine::fact_schema().field("network")->field("line");
  for (const TypedRule& typed : *input.typed_rules) {
    const ast::Rule& r = *typed.rule;
    if (r.kind != ast::Rule::Kind::line || !typed.in_graph) continue;
    // In the graph, every line the rule names is a line type (E0204 otherwise).
    std::set<std::string> covered;
    for (const auto& lc : r.classes)
      for (const auto& w : lc.lines) covered.insert(engine::ascii_lower(w.value));
    std::vector<std::string> missing;
    for (const auto& v : line_type.values)
      if (!covered.count(v)) missing.push_back(v);
    if (!missing.empty())
      out.push_back(make_diagnostic(
          codes::W0401, fmt::format("line types not classified: {}", engine::join(missing, ", ")),
          r.id.span, "a terminal on such a line fails; classify it to say what the document says"));
  }
}

void check_constant_status(const PassInput& input, std::vector<Diagnostic>& out) {
  for (const TypedRule& typed : *input.typed_rules) {
    const ast::Rule& r = *typed.rule;
    if ((r.kind != ast::Rule::Kind::check && r.kind != ast::Rule::Kind::manual) || !typed.in_graph)
      continue;
    // In the graph, the rule has a condition (E0301 otherwise), so at least one case.
    const bool one_status = std::all_of(typed.case_statuses.begin(), typed.case_statuses.end(),
                                        [&](engine::Status s) { return s == typed.otherwise; });
    if (one_status)
      out.push_back(make_diagnostic(codes::W0402,
                                    fmt::format("rule `{}` can only ever be `{}`", r.id.value,
                                                engine::status_name(typed.otherwise)),
                                    r.id.span,
                                    "its cases and its `otherwise` all give the same status"));
  }
}

namespace {

// Who cites a clause: a rule, or a `removed` entry (which keeps the document's numbering).
struct Citer {
  const ast::Text* id;
  const ast::Text* cite;
  bool removed;
  std::string name() const {
    return fmt::format("{} `{}`", removed ? "removed entry" : "rule", id->value);
  }
};

void cites_in(const std::vector<ast::Item>& items, const std::string& section_cite,
              std::map<std::string, Citer>& first, std::vector<Diagnostic>& out) {
  for (const auto& item : items) {
    if (item.section) cites_in(item.section->items, item.section->cite.value, first, out);
    std::optional<Citer> citer;
    if (item.rule && item.rule->cite) citer = Citer{&item.rule->id, &*item.rule->cite, false};
    if (item.removed && item.removed->cite)
      citer = Citer{&item.removed->id, &*item.removed->cite, true};
    if (!citer) continue;
    const std::string cite =
        ast::composed_cite(section_cite, std::optional<ast::Text>(*citer->cite));
    auto [it, fresh] = first.emplace(cite, *citer);
    if (fresh) continue;
    const Citer& earlier = it->second;
    if (earlier.id->value == citer->id->value) continue;  // one id twice: E0101
    Diagnostic d = make_diagnostic(
        codes::W0404,
        earlier.removed || citer->removed
            ? fmt::format("{} and {} both cite `{}`", earlier.name(), citer->name(), cite)
            : fmt::format("rules `{}` and `{}` both cite `{}`", earlier.id->value, citer->id->value,
                          cite),
        citer->cite->span,
        earlier.removed && citer->removed
            ? "one `removed` entry per clause of the document: delete one, or correct its citation"
        : earlier.removed || citer->removed
            ? "the document removed that clause: a rule that is still there cites another one"
            : "each rule encodes its own clause of the document: correct the citation of one of "
              "them, or make them one rule");
    d.notes.push_back({earlier.cite->span, fmt::format("{} cites it here", earlier.name())});
    out.push_back(std::move(d));
  }
}

}  // namespace

void check_duplicate_cites(const PassInput& input, std::vector<Diagnostic>& out) {
  std::map<std::string, Citer> first;
  cites_in(input.file.items, "", first, out);
}

namespace {

// The notes a section (or the file) declares, and whether a reference resolved to each.
struct NoteScope {
  const NoteScope* parent = nullptr;
  std::map<std::string, std::pair<const ast::NoteDecl*, bool>> notes;
  void use(const std::vector<ast::NoteRef>& refs) const {
    for (const auto& ref : refs)
      for (const NoteScope* s = this; s; s = s->parent)
        if (auto it = s->notes.find(ref.label); it != s->notes.end()) {
          const_cast<NoteScope*>(s)->notes.at(ref.label).second = true;
          break;
        }
  }
};

void notes_in(const std::vector<ast::Item>& items, const NoteScope* parent, bool top,
              std::vector<Diagnostic>& out) {
  NoteScope scope;
  scope.parent = parent;
  for (const auto& item : items)
    if (item.note)
      scope.notes.emplace(item.note->label.label, std::make_pair(item.note.get(), false));
  for (const auto& item : items) {
    if (item.section) notes_in(item.section->items, &scope, false, out);
    if (!item.rule) continue;
    const ast::Rule& r = *item.rule;
    scope.use(r.notes);
    for (const auto& c : r.clauses) scope.use(c.notes);
    for (const auto& row : r.rows) {
      scope.use(row.notes);
      scope.use(row.warn_notes);
    }
    for (const auto& lc : r.classes) {
      scope.use(lc.notes);
      scope.use(lc.unless_notes);
    }
  }
  for (const auto& item : items) {
    if (!item.note) continue;
    auto it = scope.notes.find(item.note->label.label);
    if (it->second.first != item.note.get() || it->second.second)
      continue;  // declared twice: E0104
    out.push_back(make_diagnostic(
        codes::W0409, fmt::format("note `{}` is never used", item.note->label.label),
        item.note->label.span,
        fmt::format("no rule, case, row or class {} refers to it: add `notes {}` where the "
                    "document attaches it, or remove the note",
                    top ? "of the policy" : "in this section", item.note->label.label)));
  }
}

}  // namespace

void check_unused_notes(const PassInput& input, std::vector<Diagnostic>& out) {
  notes_in(input.file.items, nullptr, true, out);
}

// ---- end-anchors ------------------------------------------------------------------------

namespace {

// A piece of a pattern, as far as end anchors care.
struct Piece {
  enum class Kind { atom, group, end_anchor, zero_width };
  Kind kind = Kind::atom;
  bool spaces = false;      // can match a space (an atom, or a group whose alternative starts so)
  bool quantified = false;  // followed by `*`, `+`, `?` or `{…}`
  std::size_t at = 0;       // where it starts in the pattern
  std::vector<std::vector<Piece>> alternatives;  // group
};

class PatternReader {
 public:
  explicit PatternReader(std::string_view p) : p_(p) {}

  // The alternatives up to the end, or up to the `)` that closes the group being read.
  std::vector<std::vector<Piece>> alternatives() {
    std::vector<std::vector<Piece>> out(1);
    while (i_ < p_.size() && p_[i_] != ')') {
      if (p_[i_] == '|') {
        ++i_;
        out.emplace_back();
        continue;
      }
      Piece piece = next();
      quantifier(piece);
      out.back().push_back(std::move(piece));
    }
    return out;
  }

 private:
  Piece next() {
    Piece piece;
    piece.at = i_;
    const char c = p_[i_++];
    switch (c) {
      case '\\': {
        const char e = i_ < p_.size() ? p_[i_++] : '\\';
        if (e == 'z') piece.kind = Piece::Kind::end_anchor;
        if (e == 'b' || e == 'B' || e == 'A') piece.kind = Piece::Kind::zero_width;
        if ((e == 'p' || e == 'P') && i_ < p_.size() && p_[i_] == '{')
          while (i_ < p_.size() && p_[i_++] != '}') {
          }
        piece.spaces = e == 's' || e == 'b';  // `\b` before a space: `(\b|$)` allows one
        return piece;
      }
      case '[': {
        const bool negated = i_ < p_.size() && p_[i_] == '^';
        if (negated) ++i_;
        bool space = false;
        for (bool first = true; i_ < p_.size() && (first || p_[i_] != ']'); first = false) {
          if (p_[i_] == '\\' && i_ + 1 < p_.size()) {
            space = space || p_[i_ + 1] == 's';
            i_ += 2;
            continue;
          }
          if (p_.substr(i_, 9) == "[:space:]" || p_.substr(i_, 9) == "[:blank:]") space = true;
          space = space || p_[i_] == ' ';
          ++i_;
        }
        if (i_ < p_.size()) ++i_;  // ]
        piece.spaces = negated ? !space : space;
        return piece;
      }
      case '(': {
        if (i_ < p_.size() && p_[i_] == '?') {  // (?:…), (?P<name>…), (?i) or (?i:…)
          while (i_ < p_.size() && p_[i_] != ':' && p_[i_] != ')' && p_[i_] != '>') ++i_;
          if (i_ < p_.size() && p_[i_] == ')') {
            ++i_;
            piece.kind = Piece::Kind::zero_width;  // flags only
            return piece;
          }
          if (i_ < p_.size()) ++i_;
        }
        piece.kind = Piece::Kind::group;
        piece.alternatives = alternatives();
        if (i_ < p_.size()) ++i_;  // )
        for (const auto& alt : piece.alternatives)
          if (!alt.empty() && alt.front().spaces) piece.spaces = true;
        return piece;
      }
      case '$':
        piece.kind = Piece::Kind::end_anchor;
        return piece;
      case '^':
        piece.kind = Piece::Kind::zero_width;
        return piece;
      default:
        piece.spaces = c == ' ' || c == '.';
        return piece;
    }
  }

  void quantifier(Piece& piece) {
    if (i_ >= p_.size()) return;
    const char q = p_[i_];
    if (q == '*' || q == '+' || q == '?') {
      ++i_;
    } else if (q == '{' && p_.find('}', i_) != std::string_view::npos) {
      i_ = p_.find('}', i_) + 1;
    } else {
      return;
    }
    piece.quantified = true;
    if (i_ < p_.size() && p_[i_] == '?') ++i_;  // lazy
  }

  std::string_view p_;
  std::size_t i_ = 0;
};

// The end anchors that a trailing space defeats: not right after something that can match
// spaces, repeated or optional (`\s*`, ` *`, `.*`, `[ \t]?`), and not the alternative of a
// group another alternative of which starts with a space (`( |$)`, `(\s|$)`).
void bare_anchors(const std::vector<std::vector<Piece>>& alternatives, bool in_group,
                  std::vector<std::size_t>& out) {
  for (const auto& alt : alternatives) {
    for (std::size_t k = 0; k < alt.size(); ++k) {
      const Piece& piece = alt[k];
      if (piece.kind == Piece::Kind::group) bare_anchors(piece.alternatives, true, out);
      if (piece.kind != Piece::Kind::end_anchor) continue;
      if (k > 0 && alt[k - 1].spaces && alt[k - 1].quantified) continue;
      const bool leads =
          std::all_of(alt.begin(), alt.begin() + static_cast<std::ptrdiff_t>(k),
                      [](const Piece& p) { return p.kind == Piece::Kind::zero_width; });
      const bool sibling_spaces =
          in_group && leads &&
          std::any_of(alternatives.begin(), alternatives.end(), [&](const auto& other) {
            return &other != &alt && !other.empty() && other.front().spaces;
          });
      if (!sibling_spaces) out.push_back(piece.at);
    }
  }
}

// The pattern as a policy string writes it: `\` and `"` escaped.
std::string as_written(std::string_view pattern) {
  std::string out = "\"";
  for (char c : pattern) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

// The text facts platforms report with trailing spaces as they are: Windows Uninstall
// DisplayName and Publisher, WMI strings (Caption, adapter descriptions), service display
// names. Identifiers (service names, EditionID) and versions are not among them.
bool may_end_in_spaces(const engine::SchemaNode* fact) {
  static const std::vector<const engine::SchemaNode*> facts = [] {
    const engine::SchemaNode& root = engine::fact_schema();
    auto element = [&](std::initializer_list<const char*> list, const char* field) {
      const engine::SchemaNode* n = &root;
      for (const char* p : list) n = n->field(p);
      return n->element->field(field);
    };
    return std::vector<const engine::SchemaNode*>{
        root.field("os")->field("name"),
        element({"software"}, "name"),
        element({"software"}, "publisher"),
        element({"browsers"}, "name"),
        element({"network", "adapters"}, "name"),
        element({"network", "adapters"}, "description"),
        element({"network", "layered_service_providers"}, "name"),
        element({"services"}, "display_name"),
    };
  }();
  return std::find(facts.begin(), facts.end(), fact) != facts.end();
}

void anchors_in(const TypedExpr& typed, std::vector<Diagnostic>& out) {
  for (const auto& child : typed.children) anchors_in(child, out);
  const ast::Expr& e = *typed.expr;
  if (e.kind != ast::Expr::Kind::match || !may_end_in_spaces(typed.fact)) return;
  const std::string& pattern = e.pattern.value;
  PatternReader reader(pattern);
  std::vector<std::size_t> bare;
  bare_anchors(reader.alternatives(), false, bare);
  if (bare.empty()) return;
  std::string fixed = pattern;
  for (auto it = bare.rbegin(); it != bare.rend(); ++it) fixed.insert(*it, "\\s*");
  out.push_back(make_diagnostic(
      codes::W0410,
      fmt::format("pattern `{}` is anchored at the end, but `{}` may end in spaces", pattern,
                  e.path.dotted()),
      e.pattern.span,
      fmt::format("Windows can report such names with a trailing space (a DisplayName "
                  "\"Cisco AnyConnect Secure Mobility Client \"), and `~` matches the text as "
                  "collected: write {}",
                  as_written(fixed))));
}

}  // namespace

void check_end_anchors(const PassInput& input, std::vector<Diagnostic>& out) {
  auto check = [&](const ast::Expr* e, const FactScope& scope) {
    if (!e) return;
    if (auto typed = typed_again(*e, scope)) anchors_in(*typed, out);
  };
  for (const TypedRule& typed : *input.typed_rules) {
    if (!typed.in_graph) continue;
    const ast::Rule& r = *typed.rule;
    for (const auto& c : r.clauses) check(c.condition.get(), dump_scope());
    for (const auto& row : r.rows) check(row.when.get(), dump_scope());
    for (const auto& item : r.items) check(item.predicate.get(), forbid_item_scope(item.kind));
    for (const auto& lc : r.classes) check(lc.unless.get(), dump_scope());
  }
}

}  // namespace tekigo::dsl::checks
