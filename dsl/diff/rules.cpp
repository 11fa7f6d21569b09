// dsl/diff: one rule of two revisions, part by part — see compare.hpp. Every part is compared
// by its meaning (meaning.hpp) and shown as written. A decision list is ordered (a case that
// moves is a change); matrix rows, forbid items and line classes are not (they are matched by
// label, else by kind and meaning, else by position).
#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "dsl/diff/alignment.hpp"
#include "dsl/diff/compare.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::diff {

namespace {

using engine::FactType;

// One value of a part: what it means and how it is written.
struct Member {
  std::string key, text;
};

std::string joined(const std::vector<Member>& members) {
  std::vector<std::string> texts;
  for (const auto& m : members) texts.push_back(m.text);
  return engine::join(texts, ", ");
}

std::vector<Member> note_members(const std::vector<ast::NoteRef>& refs) {
  std::vector<Member> out;
  for (const auto& r : refs) out.push_back({r.label, r.label});
  return out;
}

std::optional<std::string> text_of(const std::optional<ast::Text>& t) {
  if (!t) return std::nullopt;
  return sentence_text(*t);
}

class RuleComparison {
 public:
  RuleComparison(const RuleEntry& a, Side& old_side, const RuleEntry& b, Side& new_side,
                 std::vector<Change>& out)
      : a_(a), b_(b), ra_(*a.rule), rb_(*b.rule), old_(old_side), new_(new_side), out_(out) {}

  void run() {
    const Target rule;
    if (ra_.kind != rb_.kind)
      add(ChangeKind::kind, rule, std::string(ast::kind_name(ra_.kind)),
          std::string(ast::kind_name(rb_.kind)));
    if (a_.cite != b_.cite) add(ChangeKind::cite, rule, a_.cite, b_.cite);
    if (text_of(ra_.title) != text_of(rb_.title))
      add(ChangeKind::sentence, rule, text_of(ra_.title), text_of(rb_.title));
    if (text_of(ra_.rationale) != text_of(rb_.rationale))
      add(ChangeKind::rationale, rule, text_of(ra_.rationale), text_of(rb_.rationale));
    notes(ChangeKind::notes, rule, ra_.notes, rb_.notes);
    note_texts();
    window(ChangeKind::window, rule, ra_.in_force, rb_.in_force);
    if (ra_.kind != rb_.kind) return;  // two different bodies: the kind says it all
    switch (rb_.kind) {
      case ast::Rule::Kind::check:
      case ast::Rule::Kind::manual:
        decision_list();
        break;
      case ast::Rule::Kind::matrix:
        matrix();
        break;
      case ast::Rule::Kind::resolve:
        resolve();
        break;
      case ast::Rule::Kind::flow:
        flow();
        break;
      case ast::Rule::Kind::forbid:
        forbid();
        break;
      case ast::Rule::Kind::line:
        line();
        break;
    }
  }

 private:
  void add(ChangeKind kind, const Target& target, std::optional<std::string> before,
           std::optional<std::string> after, std::vector<std::string> added = {},
           std::vector<std::string> removed = {}) {
    out_.push_back(
        {kind, target, std::move(before), std::move(after), std::move(added), std::move(removed)});
  }

  // A part with one value (or none).
  void value(ChangeKind kind, const Target& target, const std::optional<Member>& a,
             const std::optional<Member>& b) {
    if (a.has_value() == b.has_value() && (!a || a->key == b->key)) return;
    add(kind, target, a ? std::optional(a->text) : std::nullopt,
        b ? std::optional(b->text) : std::nullopt);
  }

  // A part whose values are a set: their order does not count.
  void set(ChangeKind kind, const Target& target, const std::vector<Member>& a,
           const std::vector<Member>& b) {
    std::set<std::string> ka, kb;
    for (const auto& m : a) ka.insert(m.key);
    for (const auto& m : b) kb.insert(m.key);
    if (ka == kb) return;
    std::vector<std::string> added, removed;
    std::set<std::string> seen;
    for (const auto& m : b)
      if (!ka.count(m.key) && seen.insert(m.key).second) added.push_back(m.text);
    seen.clear();
    for (const auto& m : a)
      if (!kb.count(m.key) && seen.insert(m.key).second) removed.push_back(m.text);
    add(kind, target, a.empty() ? std::nullopt : std::optional(joined(a)),
        b.empty() ? std::nullopt : std::optional(joined(b)), std::move(added), std::move(removed));
  }

  void notes(ChangeKind kind, const Target& target, const std::vector<ast::NoteRef>& a,
             const std::vector<ast::NoteRef>& b) {
    set(kind, target, note_members(a), note_members(b));
  }

  void window(ChangeKind kind, const Target& target, const ast::InForce& a, const ast::InForce& b) {
    if (window_key(a) != window_key(b)) add(kind, target, window_text(a), window_text(b));
  }

  void message(ChangeKind kind, const Target& target, const std::optional<ast::Text>& a,
               const std::optional<ast::Text>& b) {
    if (text_of(a) != text_of(b)) add(kind, target, text_of(a), text_of(b));
  }

  // A condition that is there on both sides, or on one only.
  void condition(ChangeKind kind, const Target& target, const ast::Expr* a, const ast::Expr* b,
                 const checks::FactScope& scope) {
    if (!a && !b) return;
    if (a && b && old_.reading.condition(*a, scope).key == new_.reading.condition(*b, scope).key)
      return;
    add(kind, target, a ? std::optional(old_.reading.text(*a)) : std::nullopt,
        b ? std::optional(new_.reading.text(*b)) : std::nullopt);
  }

  // A note the rule carries on both sides (anywhere in it) that now reads differently: once
  // per note and rule (a note declaration's own change is a NoteChange of the policy).
  void note_texts() {
    std::vector<std::string> labels_a = carried(ra_), labels_b = carried(rb_);
    for (const auto& label : labels_b) {
      if (std::find(labels_a.begin(), labels_a.end(), label) == labels_a.end()) continue;
      ResolvedNote na = diff::resolve(a_.at.scope, label), nb = diff::resolve(b_.at.scope, label);
      if (!na.decl || !nb.decl || sentence_text(na.decl->text) == sentence_text(nb.decl->text))
        continue;
      Target t;
      t.label = label;
      add(ChangeKind::note_text, t, sentence_text(na.decl->text), sentence_text(nb.decl->text));
    }
  }

  static std::vector<std::string> carried(const ast::Rule& r) {
    std::vector<std::string> out;
    auto take = [&](const std::vector<ast::NoteRef>& refs) {
      for (const auto& n : refs)
        if (std::find(out.begin(), out.end(), n.label) == out.end()) out.push_back(n.label);
    };
    take(r.notes);
    for (const auto& c : r.clauses) take(c.notes);
    for (const auto& row : r.rows) {
      take(row.notes);
      take(row.warn_notes);
    }
    for (const auto& lc : r.classes) {
      take(lc.notes);
      take(lc.unless_notes);
    }
    return out;
  }

  // ---- check, manual -----------------------------------------------------------------

  struct CaseView {
    const ast::Clause* clause;
    std::string ident;      // what the case is: its kind and the meaning of its condition
    std::string condition;  // its condition as written
    std::string head;       // "fail when …", "expect …"
    Condition read;
  };

  // How alike two conditions are: the same shape, and each predicate they share.
  static int alike(const Condition& x, const Condition& y) {
    int score = x.shape == y.shape ? 1 : 0;
    std::multiset<std::string> leaves;
    for (const auto& l : x.leaves) leaves.insert(l.second);
    for (const auto& l : y.leaves)
      if (auto it = leaves.find(l.second); it != leaves.end()) {
        ++score;
        leaves.erase(it);
      }
    return score;
  }

  std::vector<CaseView> cases(const ast::Rule& r, Reading& reading) {
    std::vector<CaseView> out;
    for (const auto& c : r.clauses) {
      if (c.kind != ast::Clause::Kind::expect && c.kind != ast::Clause::Kind::when) continue;
      if (!c.condition) continue;
      CaseView v{&c, "", reading.text(*c.condition), "",
                 reading.condition(*c.condition, checks::dump_scope())};
      const bool expect = c.kind == ast::Clause::Kind::expect;
      v.ident = (expect ? "expect " : "when ") + v.read.key;
      v.head = expect ? "expect " + v.condition
                      : std::string(ast::status_word(c.status)) + " when " + v.condition;
      out.push_back(std::move(v));
    }
    return out;
  }

  static std::string case_text(const CaseView& v) {
    return v.clause->message ? v.head + " \"" + v.clause->message->value + "\"" : v.head;
  }

  // What `otherwise` gives: its own status, else fail when some case says `pass when`, else
  // pass (as dsl/lower/check.cpp decides it).
  static ast::CaseStatus otherwise_status(const ast::Rule& r, const ast::Clause* otherwise) {
    if (otherwise) return otherwise->status;
    for (const auto& c : r.clauses)
      if (c.kind == ast::Clause::Kind::when && c.status == ast::CaseStatus::pass)
        return ast::CaseStatus::fail;
    return ast::CaseStatus::pass;
  }

  // `applies when` (check, manual, forbid): all of them must hold, in any order.
  void applies() {
    std::vector<Member> applies_a, applies_b;
    for (const auto& c : ra_.clauses)
      if (c.kind == ast::Clause::Kind::applies && c.condition)
        applies_a.push_back({old_.reading.condition(*c.condition, checks::dump_scope()).key,
                             old_.reading.text(*c.condition)});
    for (const auto& c : rb_.clauses)
      if (c.kind == ast::Clause::Kind::applies && c.condition)
        applies_b.push_back({new_.reading.condition(*c.condition, checks::dump_scope()).key,
                             new_.reading.text(*c.condition)});
    set(ChangeKind::applies, Target{}, applies_a, applies_b);
  }

  static const ast::Clause* otherwise_of(const ast::Rule& r) {
    const ast::Clause* out = nullptr;
    for (const auto& c : r.clauses)
      if (c.kind == ast::Clause::Kind::otherwise) out = &c;
    return out;
  }

  // The `otherwise` case: its status, message and notes.
  void otherwise(ast::CaseStatus sa, ast::CaseStatus sb, const ast::Clause* otherwise_a,
                 const ast::Clause* otherwise_b) {
    Target t{Target::Type::otherwise, "", "otherwise", 0};
    if (sa != sb)
      add(ChangeKind::case_status, t, std::string(ast::status_word(sa)),
          std::string(ast::status_word(sb)));
    static const std::optional<ast::Text> none;
    message(ChangeKind::case_message, t, otherwise_a ? otherwise_a->message : none,
            otherwise_b ? otherwise_b->message : none);
    static const std::vector<ast::NoteRef> no_notes;
    notes(ChangeKind::case_notes, t, otherwise_a ? otherwise_a->notes : no_notes,
          otherwise_b ? otherwise_b->notes : no_notes);
  }

  void decision_list() {
    const auto ca = cases(ra_, old_.reading), cb = cases(rb_, new_.reading);
    const ast::Clause *otherwise_a = otherwise_of(ra_), *otherwise_b = otherwise_of(rb_);
    applies();

    std::vector<std::string> ka, kb;
    for (const auto& v : ca) ka.push_back(v.ident);
    for (const auto& v : cb) kb.push_back(v.ident);
    // Two cases of one kind and status are alike; and as alike as their conditions are.
    const Alignment al = align(ka, kb, [&](int i, int j) {
      const ast::Clause& x = *ca[i].clause;
      const ast::Clause& y = *cb[j].clause;
      const bool same =
          x.kind == y.kind && (x.kind == ast::Clause::Kind::expect || x.status == y.status);
      return (same ? 2 : 0) + alike(ca[i].read, cb[j].read);
    });
    auto removed = [&](int i) {
      Target t{Target::Type::case_, "", ca[i].head, static_cast<std::size_t>(i + 1)};
      add(ChangeKind::case_removed, t, case_text(ca[i]), std::nullopt);
    };
    for (std::size_t j = 0; j < cb.size(); ++j) {
      for (int i : al.removed_before[j]) removed(i);
      Target t{Target::Type::case_, "", cb[j].head, j + 1};
      const int i = al.old_of_new[j];
      if (i < 0) {
        add(ChangeKind::case_added, t, std::nullopt, case_text(cb[j]));
        continue;
      }
      const ast::Clause& x = *ca[i].clause;
      const ast::Clause& y = *cb[j].clause;
      if (al.moved[j]) add(ChangeKind::case_moved, t, std::to_string(i + 1), std::to_string(j + 1));
      if (al.rewritten[j]) {
        if (x.kind == y.kind)
          add(ChangeKind::case_condition, t, ca[i].condition, cb[j].condition);
        else
          add(ChangeKind::case_condition, t, ca[i].head, cb[j].head);
      }
      if (x.kind == y.kind && x.kind == ast::Clause::Kind::when && x.status != y.status)
        add(ChangeKind::case_status, t, std::string(ast::status_word(x.status)),
            std::string(ast::status_word(y.status)));
      message(ChangeKind::case_message, t, x.message, y.message);
      notes(ChangeKind::case_notes, t, x.notes, y.notes);
      window(ChangeKind::case_window, t, x.in_force, y.in_force);
    }
    for (int i : al.removed_before[cb.size()]) removed(i);

    otherwise(otherwise_status(ra_, otherwise_a), otherwise_status(rb_, otherwise_b), otherwise_a,
              otherwise_b);
  }

  // ---- matrix ------------------------------------------------------------------------

  static std::vector<Member> specs(const std::vector<ast::VersionSpec>& v, FactType type) {
    std::vector<Member> out;
    for (const auto& s : v) out.push_back({version_spec_key(s, type), version_spec_text(s)});
    return out;
  }

  static std::vector<Member> browsers(const ast::MatrixRow& row) {
    std::vector<Member> out;
    for (const auto& b : row.browsers) {
      std::string id = engine::ascii_lower(b.id.value);
      std::string key = id, text = b.id.value;
      if (b.from && b.to) {
        const std::string from = value_key(*b.from, FactType::version);
        const std::string to = value_key(*b.to, FactType::version);
        key += " " + from + (from == to ? "" : ".." + to);
        text += " " + b.from->text + (b.from->text == b.to->text ? "" : ".." + b.to->text);
      }
      out.push_back({key, text});
    }
    return out;
  }

  void row(const ast::MatrixRow& x, const ast::MatrixRow& y) {
    Target t{Target::Type::row, y.label.value, "", 0};
    if (text_of(x.title) != text_of(y.title))
      add(ChangeKind::row_title, t, text_of(x.title), text_of(y.title));
    notes(ChangeKind::row_notes, t, x.notes, y.notes);
    static const ast::OsClause no_os;
    const ast::OsClause& ox = x.os ? *x.os : no_os;
    const ast::OsClause& oy = y.os ? *y.os : no_os;
    auto family = [](const ast::OsClause& os) -> std::optional<Member> {
      if (os.family.value.empty()) return std::nullopt;
      return Member{engine::ascii_lower(os.family.value), os.family.value};
    };
    value(ChangeKind::row_os, t, family(ox), family(oy));
    set(ChangeKind::row_versions, t, specs(ox.versions, FactType::version),
        specs(oy.versions, FactType::version));
    set(ChangeKind::row_releases, t, specs(ox.releases, FactType::release),
        specs(oy.releases, FactType::release));
    auto sp = [](const ast::OsClause& os) -> std::optional<Member> {
      if (!os.min_service_pack) return std::nullopt;
      return Member{value_key(*os.min_service_pack, FactType::integer), os.min_service_pack->text};
    };
    value(ChangeKind::row_service_pack, t, sp(ox), sp(oy));
    auto editions = [](const ast::OsClause& os) {
      std::vector<Member> out;
      for (const auto& e : os.except_editions)
        out.push_back({value_key(e, FactType::string), e.value});
      return out;
    };
    set(ChangeKind::row_editions, t, editions(ox), editions(oy));
    set(ChangeKind::row_browsers, t, browsers(x), browsers(y));
    auto disk = [](const ast::MatrixRow& r) -> std::optional<Member> {
      if (!r.min_disk) return std::nullopt;
      return Member{value_key(*r.min_disk, FactType::size), r.min_disk->text};
    };
    value(ChangeKind::row_disk, t, disk(x), disk(y));
    condition(ChangeKind::row_when, t, x.when.get(), y.when.get(), checks::dump_scope());
    message(ChangeKind::row_warn, t, x.warn, y.warn);
    notes(ChangeKind::row_warn_notes, t, x.warn_notes, y.warn_notes);
    window(ChangeKind::row_window, t, x.in_force, y.in_force);
  }

  void matrix() {
    // A terminal no row admits: `fail`, or `warn` under `otherwise warn`.
    const ast::Clause *otherwise_a = otherwise_of(ra_), *otherwise_b = otherwise_of(rb_);
    otherwise(otherwise_a ? ast::CaseStatus::warn : ast::CaseStatus::fail,
              otherwise_b ? ast::CaseStatus::warn : ast::CaseStatus::fail, otherwise_a,
              otherwise_b);
    std::vector<bool> seen(ra_.rows.size(), false);
    for (const auto& y : rb_.rows) {
      auto it = std::find_if(ra_.rows.begin(), ra_.rows.end(), [&](const ast::MatrixRow& x) {
        return x.label.value == y.label.value;
      });
      if (it == ra_.rows.end()) {
        add(ChangeKind::row_added, Target{Target::Type::row, y.label.value, "", 0}, std::nullopt,
            y.title ? y.title->value : y.label.value);
        continue;
      }
      seen[it - ra_.rows.begin()] = true;
      row(*it, y);
    }
    for (std::size_t i = 0; i < ra_.rows.size(); ++i)
      if (!seen[i]) {
        const auto& x = ra_.rows[i];
        add(ChangeKind::row_removed, Target{Target::Type::row, x.label.value, "", 0},
            x.title ? x.title->value : x.label.value, std::nullopt);
      }
  }

  // ---- resolve, flow -----------------------------------------------------------------

  static std::optional<Member> host(const std::optional<ast::Text>& h) {
    if (!h) return std::nullopt;
    return Member{value_key(*h, FactType::fqdn), h->value};
  }

  static std::vector<Member> operands(const std::vector<ast::Operand>& v, FactType type) {
    std::vector<Member> out;
    for (const auto& o : v) out.push_back({value_key(o, type), o.text});
    return out;
  }

  void resolve() {
    const Target t;
    value(ChangeKind::name, t, host(ra_.name), host(rb_.name));
    set(ChangeKind::address, t, operands(ra_.addresses, FactType::address),
        operands(rb_.addresses, FactType::address));
    if (ra_.direct != rb_.direct)
      add(ChangeKind::direct, t, ra_.direct ? "yes" : "no", rb_.direct ? "yes" : "no");
  }

  void flow() {
    const Target t;
    auto words = [](const std::vector<ast::Text>& v) {
      std::vector<Member> out;
      for (const auto& w : v) out.push_back({value_key(w, FactType::string), w.value});
      return out;
    };
    set(ChangeKind::protocol, t, words(ra_.protocols), words(rb_.protocols));
    auto direction = [](const ast::Rule& r) {  // `out` when not written (the only one there is)
      return r.direction ? Member{value_key(*r.direction, FactType::string), r.direction->value}
                         : Member{"t:out", "out"};
    };
    value(ChangeKind::direction, t, direction(ra_), direction(rb_));
    auto from = [](const ast::Rule& r) {
      return r.from_port
                 ? Member{value_key(*r.from_port, FactType::port), "port " + r.from_port->text}
                 : Member{"any", "any"};
    };
    value(ChangeKind::from_port, t, from(ra_), from(rb_));
    value(ChangeKind::to, t, host(ra_.to), host(rb_.to));
    set(ChangeKind::port, t, operands(ra_.ports, FactType::port),
        operands(rb_.ports, FactType::port));
    set(ChangeKind::address, t, operands(ra_.addresses, FactType::address),
        operands(rb_.addresses, FactType::address));
    message(ChangeKind::purpose, t, ra_.purpose, rb_.purpose);
  }

  // ---- forbid ------------------------------------------------------------------------

  struct ItemView {
    const ast::ForbidItem* item;
    Condition condition;
    std::size_t position;  // among the items of its kind
  };

  static std::vector<ItemView> items(const ast::Rule& r, Reading& reading) {
    std::vector<ItemView> out;
    for (const auto& item : r.items) {
      std::size_t position = 1;
      for (const auto& v : out) position += v.item->kind == item.kind;
      Condition c;
      if (item.predicate)
        c = reading.condition(*item.predicate, checks::forbid_item_scope(item.kind));
      out.push_back({&item, std::move(c), position});
    }
    return out;
  }

  static Target item_target(const ItemView& v) {
    return {Target::Type::item, v.item->label ? v.item->label->value : "", v.item->kind,
            v.item->label ? 0 : v.position};
  }

  // A changed condition: where both have one shape, each leaf that changed (a pattern, a
  // version, another predicate), else the whole condition.
  void item_condition(const Target& t, const ItemView& x, const ItemView& y) {
    if (x.condition.key == y.condition.key) return;
    if (x.condition.shape == y.condition.shape &&
        x.condition.leaves.size() == y.condition.leaves.size()) {
      for (std::size_t k = 0; k < x.condition.leaves.size(); ++k) {
        const auto& [ex, kx] = x.condition.leaves[k];
        const auto& [ey, ky] = y.condition.leaves[k];
        if (kx == ky) continue;
        if (ey->kind == ast::Expr::Kind::match)
          add(ChangeKind::item_pattern, t, ex->pattern.value, ey->pattern.value);
        else if (!ey->path.segments.empty() && ey->path.segments.back() == "version")
          add(ChangeKind::item_version, t, old_.reading.text(*ex), new_.reading.text(*ey));
        else
          add(ChangeKind::item_condition, t, old_.reading.text(*ex), new_.reading.text(*ey));
      }
      return;
    }
    add(ChangeKind::item_condition, t,
        x.item->predicate ? std::optional(old_.reading.text(*x.item->predicate)) : std::nullopt,
        y.item->predicate ? std::optional(new_.reading.text(*y.item->predicate)) : std::nullopt);
  }

  void forbid() {
    applies();
    const auto xa = items(ra_, old_.reading), xb = items(rb_, new_.reading);
    std::vector<int> pair(xb.size(), -1);
    std::vector<bool> used(xa.size(), false);
    auto match = [&](auto&& fits) {
      for (std::size_t j = 0; j < xb.size(); ++j) {
        if (pair[j] >= 0) continue;
        for (std::size_t i = 0; i < xa.size(); ++i)
          if (!used[i] && fits(xa[i], xb[j])) {
            pair[j] = static_cast<int>(i);
            used[i] = true;
            break;
          }
      }
    };
    auto label = [](const ItemView& v) { return v.item->label ? v.item->label->value : ""; };
    // By label (and kind, then label alone); then by kind and meaning; then by kind and shape
    // with a predicate in common; then, without labels, in order.
    match([&](const ItemView& x, const ItemView& y) {
      return !label(y).empty() && label(x) == label(y) && x.item->kind == y.item->kind;
    });
    match([&](const ItemView& x, const ItemView& y) {
      return !label(y).empty() && label(x) == label(y);
    });
    match([&](const ItemView& x, const ItemView& y) {
      return x.item->kind == y.item->kind && x.condition.key == y.condition.key;
    });
    // A labelled item whose label and condition both changed, but not every predicate of it.
    match([&](const ItemView& x, const ItemView& y) {
      return x.item->kind == y.item->kind && x.condition.shape == y.condition.shape &&
             alike(x.condition, y.condition) > 1;
    });
    match([&](const ItemView& x, const ItemView& y) {
      return label(x).empty() && label(y).empty() && x.item->kind == y.item->kind;
    });
    for (std::size_t j = 0; j < xb.size(); ++j) {
      const ItemView& y = xb[j];
      const Target t = item_target(y);
      if (pair[j] < 0) {
        add(ChangeKind::item_added, t, std::nullopt,
            y.item->predicate ? std::optional(new_.reading.text(*y.item->predicate))
                              : std::nullopt);
        continue;
      }
      const ItemView& x = xa[pair[j]];
      if (x.item->kind != y.item->kind) add(ChangeKind::item_kind, t, x.item->kind, y.item->kind);
      if (label(x) != label(y))
        add(ChangeKind::item_label, t, text_of(x.item->label), text_of(y.item->label));
      if (x.item->kind == y.item->kind)
        item_condition(t, x, y);
      else
        condition(ChangeKind::item_condition, t, x.item->predicate.get(), y.item->predicate.get(),
                  checks::dump_scope());
      window(ChangeKind::item_window, t, x.item->in_force, y.item->in_force);
    }
    for (std::size_t i = 0; i < xa.size(); ++i)
      if (!used[i])
        add(ChangeKind::item_removed, item_target(xa[i]),
            xa[i].item->predicate ? std::optional(old_.reading.text(*xa[i].item->predicate))
                                  : std::nullopt,
            std::nullopt);
  }

  // ---- line --------------------------------------------------------------------------

  static std::vector<Member> lines(const ast::LineClass& lc) {
    std::vector<Member> out;
    for (const auto& l : lc.lines) out.push_back({value_key(l, FactType::string), l.value});
    return out;
  }

  static Target class_target(const ast::LineClass& lc) {
    return {Target::Type::class_, lc.status, joined(lines(lc)), 0};
  }

  void line_class(const ast::LineClass& x, const ast::LineClass& y) {
    const Target t = class_target(y);
    set(ChangeKind::class_lines, t, lines(x), lines(y));
    message(ChangeKind::class_message, t, x.message, y.message);
    notes(ChangeKind::class_notes, t, x.notes, y.notes);
    condition(ChangeKind::class_unless, t, x.unless.get(), y.unless.get(), checks::dump_scope());
    if (x.unless && y.unless && x.unless_status != y.unless_status)
      add(ChangeKind::class_unless_status, t, std::string(ast::status_word(x.unless_status)),
          std::string(ast::status_word(y.unless_status)));
    message(ChangeKind::class_unless_message, t, x.unless_message, y.unless_message);
    notes(ChangeKind::class_unless_notes, t, x.unless_notes, y.unless_notes);
  }

  void line() {
    auto key = [](const ast::LineClass& lc) {
      std::set<std::string> keys;
      for (const auto& m : lines(lc)) keys.insert(m.key);
      return keys;
    };
    std::vector<int> pair(rb_.classes.size(), -1);
    std::vector<bool> used(ra_.classes.size(), false);
    // The same status and lines; then the same status and the most lines in common.
    for (std::size_t j = 0; j < rb_.classes.size(); ++j)
      for (std::size_t i = 0; i < ra_.classes.size(); ++i)
        if (!used[i] && ra_.classes[i].status == rb_.classes[j].status &&
            key(ra_.classes[i]) == key(rb_.classes[j])) {
          pair[j] = static_cast<int>(i);
          used[i] = true;
          break;
        }
    for (std::size_t j = 0; j < rb_.classes.size(); ++j) {
      if (pair[j] >= 0) continue;
      const auto kb = key(rb_.classes[j]);
      std::size_t best_common = 0;
      for (std::size_t i = 0; i < ra_.classes.size(); ++i) {
        if (used[i] || ra_.classes[i].status != rb_.classes[j].status) continue;
        std::size_t common = 0;
        for (const auto& k : key(ra_.classes[i])) common += kb.count(k);
        if (common > best_common) {
          best_common = common;
          pair[j] = static_cast<int>(i);
        }
      }
      if (pair[j] >= 0) used[pair[j]] = true;
    }
    for (std::size_t j = 0; j < rb_.classes.size(); ++j) {
      const auto& y = rb_.classes[j];
      if (pair[j] < 0) {
        add(ChangeKind::class_added, class_target(y), std::nullopt, text_of(y.message));
        continue;
      }
      line_class(ra_.classes[pair[j]], y);
    }
    for (std::size_t i = 0; i < ra_.classes.size(); ++i)
      if (!used[i])
        add(ChangeKind::class_removed, class_target(ra_.classes[i]),
            text_of(ra_.classes[i].message), std::nullopt);
  }

  const RuleEntry& a_;
  const RuleEntry& b_;
  const ast::Rule& ra_;
  const ast::Rule& rb_;
  Side& old_;
  Side& new_;
  std::vector<Change>& out_;
};

}  // namespace

std::vector<Change> compare_rules(const RuleEntry& before, Side& old_side, const RuleEntry& after,
                                  Side& new_side) {
  std::vector<Change> out;
  RuleComparison(before, old_side, after, new_side, out).run();
  return out;
}

std::vector<Change> compare_records(const RecordEntry& before, const RecordEntry& after) {
  std::vector<Change> out;
  auto field = [&](ChangeKind kind, const std::optional<ast::Text>& a,
                   const std::optional<ast::Text>& b) {
    if (text_of(a) != text_of(b)) out.push_back({kind, Target{}, text_of(a), text_of(b), {}, {}});
  };
  if (before.cite != after.cite)
    out.push_back({ChangeKind::record_cite, Target{}, before.cite, after.cite, {}, {}});
  field(ChangeKind::record_title, before.removed->title, after.removed->title);
  field(ChangeKind::record_revision, before.removed->revision, after.removed->revision);
  return out;
}

}  // namespace tekigo::dsl::diff
