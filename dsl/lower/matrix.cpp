// dsl/lower: `matrix` — a support table, one row per supported combination (docs/
// language.md, "matrix"). A row admits a terminal when its OS, one of its browsers, its disk
// space and its `when` hold. The decision list: `pass` for each plain row that admits, `warn`
// for each warned row that admits, then why not (`fail`, row by row: the OS matches but no
// browser, or OS and browser but too little disk, or all but the row's `when`), and
// `otherwise fail` listing the rows. With `otherwise warn ["msg"]` every one of those
// not-admitted cases warns instead (a table of verified combinations: an unverified one is a
// caveat, not a failure), its message put before the reason ("MSG; the OS is …"). E0302 (no rows),
// E0303 (a row without `os`), E0204 (unknown OS family or browser).
#include <fmt/format.h>

#include <algorithm>

#include "dsl/checks/typing.hpp"
#include "dsl/lower/lowering.hpp"
#include "engine/common/text.hpp"
#include "engine/eval/explanations.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::lower {

using engine::FactType;
using engine::NodeId;
using engine::SchemaNode;

using checks::compare_op;
using engine::Lang;
using engine::Phrase;

namespace {

// A version line operand (7, 8.1, 10.13) → a compare on a version fact.
std::optional<engine::Literal> version_literal(const ast::Operand& o, FactType type, Lowering& l) {
  SchemaNode t;
  t.type = type;
  return l.typing.literal(o, t);
}

bool plain(const ast::VersionSpec& v) {
  return v.op == ast::CompareOp::eq && !v.to;
}

// A spec as written: `10`, `12..14`, `>= 22H2`.
std::string spec_text(const ast::VersionSpec& v) {
  if (v.to) return v.value.text + ".." + v.to->text;
  if (!plain(v)) return fmt::format("{} {}", engine::op_text(compare_op(v.op)), v.value.text);
  return v.value.text;
}

std::string versions_text_plain(const std::vector<ast::VersionSpec>& v) {
  std::vector<std::string> parts;
  for (const auto& o : v) parts.push_back(spec_text(o));
  return engine::join(parts, ", ");
}
std::string versions_text(const std::vector<ast::VersionSpec>& v) {
  return "[" + versions_text_plain(v) + "]";
}

// A range or comparison of an `os` clause on `fact` (os.version, os.release): `12..14` is
// one `between` node (evidence "in [12..14]"), `>= 22H2` one comparison; nullopt after the
// diagnostics of a malformed value.
std::optional<NodeId> spec_node(const ast::VersionSpec& v, FactType type, NodeId fact,
                                Lowering& l) {
  auto literal = version_literal(v.value, type, l);
  if (!literal) return std::nullopt;
  if (!v.to) return l.compare(fact, compare_op(v.op), std::move(*literal), v.span);
  auto to = version_literal(*v.to, type, l);
  if (!to) return std::nullopt;
  literal->values.push_back(to->values.front());
  literal->text = "[" + spec_text(v) + "]";
  return l.compare(fact, engine::CompareOp::between, std::move(*literal), v.span);
}

// "CoreARM or CoreN" / "CoreARM・CoreN": the editions a row excludes, in each language's way.
engine::LocalText editions_text(const std::vector<std::string>& names) {
  return engine::LocalText::both(
      engine::join(names, engine::phrase_pattern(Phrase::miss_edition_or, Lang::en)),
      engine::join(names, engine::phrase_pattern(Phrase::miss_edition_or, Lang::ja)));
}

}  // namespace

bool lower_matrix(const ast::Rule& r, const NoteScope& scope, engine::Rule& out, Lowering& l) {
  static const std::vector<std::string> browser_ids = {"ie",     "edge",    "chrome",
                                                       "safari", "firefox", "chromium"};
  bool ok = true;
  struct RowNodes {
    const ast::MatrixRow* row;
    NodeId os, browsers, disk, admits;
    std::optional<NodeId> when;
    std::optional<Lowering::Window> in_force;
    // The OS family (and version) alone, and each further part of the `os` clause with the
    // condition under which it keeps the terminal out and what it demands: the closest row
    // is named when only one of them fails ("matches row 2 except its edition").
    NodeId os_base = engine::kNoNode;
    std::vector<std::pair<NodeId, engine::LocalText>> os_misses;
    std::string need_browsers;
    std::string need_disk;
  };
  std::vector<RowNodes> rows;
  const SchemaNode& browser_schema = *engine::fact_schema().field("browsers")->element;
  if (r.rows.empty()) {
    l.error(codes::E0302, fmt::format("matrix `{}` has no rows", r.id.value), r.id.span,
            "add `row \"label\" { os …; browsers …; disk >= … }`");
    return false;
  }
  for (const auto& row : r.rows) {
    if (!row.os) {
      l.error(codes::E0303, fmt::format("row `{}` says no `os`", row.label.value), row.label.span,
              "each row starts with `os FAMILY [VERSIONS] …`, such as `os windows 10 release "
              "1909, 2004, 20H2`");
      ok = false;
      continue;
    }
    const ast::OsClause& os = *row.os;
    std::vector<NodeId> os_parts;
    std::vector<std::pair<NodeId, engine::LocalText>> os_misses;
    std::string family = engine::ascii_lower(os.family.value);
    const SchemaNode& family_type = l.field({"os", "family"});
    if (std::find(family_type.values.begin(), family_type.values.end(), family) ==
        family_type.values.end()) {
      l.error(codes::E0204, fmt::format("unknown OS family `{}`", os.family.value), os.family.span,
              "expected one of: windows, macos, linux");
      ok = false;
      continue;
    }
    os_parts.push_back(l.compare(l.root_fact({"os", "family"}, os.span), engine::CompareOp::eq,
                                 literal_of(FactType::enumeration, family, family),
                                 os.family.span));
    if (!os.versions.empty()) {
      // One of the specs: each version a line (`== 10`), each range `between` (`12..14`).
      std::vector<NodeId> any;
      for (const auto& v : os.versions) {
        auto node = spec_node(v, FactType::version, l.root_fact({"os", "version"}, v.span), l);
        if (!node) {
          ok = false;
          continue;
        }
        any.push_back(*node);
      }
      if (!any.empty())
        os_parts.push_back(l.builder.any_of(any, "os.version in " + versions_text(os.versions)));
    }
    const std::size_t base_parts = os_parts.size();  // the family, and the versions if given
    if (!os.releases.empty()) {
      // The plain release ids as one set (`in [1909, 2004]`), or one of the set, the ranges
      // and the comparisons.
      engine::Literal set;
      set.type = FactType::release;
      std::vector<std::string> plain_ids;
      std::vector<NodeId> any;
      for (const auto& v : os.releases) {
        if (!plain(v)) {
          auto node = spec_node(v, FactType::release, l.root_fact({"os", "release"}, v.span), l);
          if (node)
            any.push_back(*node);
          else
            ok = false;
          continue;
        }
        auto literal = version_literal(v.value, FactType::release, l);
        if (!literal) {
          ok = false;
          continue;
        }
        set.values.push_back(literal->values.front());
        plain_ids.push_back(v.value.text);
      }
      if (!set.values.empty() || any.empty()) {
        set.text = "[" + engine::join(plain_ids, ", ") + "]";
        any.insert(any.begin(), l.compare(l.root_fact({"os", "release"}, os.span),
                                          engine::CompareOp::in, std::move(set), os.span));
      }
      os_parts.push_back(l.builder.any_of(any, "os.release in " + versions_text(os.releases)));
      os_misses.emplace_back(
          l.builder.negate(os_parts.back()),
          engine::phrase(Phrase::miss_release, versions_text_plain(os.releases)));
    }
    if (os.min_service_pack) {
      SchemaNode t;
      t.type = FactType::integer;
      auto literal = l.typing.literal(*os.min_service_pack, t);
      if (!literal)
        ok = false;
      else {
        os_parts.push_back(l.compare(l.root_fact({"os", "service_pack"}, os.min_service_pack->span),
                                     engine::CompareOp::ge, std::move(*literal),
                                     os.min_service_pack->span));
        os_misses.emplace_back(
            l.builder.negate(os_parts.back()),
            engine::phrase(Phrase::miss_service_pack, os.min_service_pack->text));
      }
    }
    if (!os.except_editions.empty()) {
      engine::Literal set;
      set.type = FactType::string;
      std::vector<std::string> names;
      for (const auto& e : os.except_editions) {
        set.values.push_back(e.value);
        names.push_back(e.value);
      }
      set.text = "[" + engine::join(names, ", ") + "]";
      // An absent edition must not admit the row: `not (edition in …)` is unknown then.
      NodeId excluded = l.compare(l.root_fact({"os", "edition"}, os.span), engine::CompareOp::in,
                                  std::move(set), os.span);
      // The text starts with `not`, so that evidence reads `expected not in [CoreARM]`.
      os_parts.push_back(
          l.builder.negate(excluded, "not os.edition in " + l.builder.node(excluded).literal.text));
      os_misses.emplace_back(excluded, engine::phrase(Phrase::miss_edition, editions_text(names)));
    }
    NodeId os_node = l.builder.all_of(os_parts, l.text(os.span), l.ref(os.span));

    // browsers: some installed browser is one of the row's
    std::vector<NodeId> browser_any;
    std::vector<std::string> need;
    for (const auto& b : row.browsers) {
      std::string id = engine::ascii_lower(b.id.value);
      if (std::find(browser_ids.begin(), browser_ids.end(), id) == browser_ids.end()) {
        l.error(codes::E0204, fmt::format("unknown browser `{}`", b.id.value), b.id.span,
                "expected one of: ie, edge, chrome, safari, firefox, chromium");
        ok = false;
        continue;
      }
      std::vector<NodeId> parts;
      parts.push_back(l.compare(l.element_fact(1, browser_schema, "id", b.span),
                                engine::CompareOp::eq, literal_of(FactType::enumeration, id, id),
                                b.id.span));
      if (b.from) {
        auto from = version_literal(*b.from, FactType::version, l);
        auto to = version_literal(*b.to, FactType::version, l);
        if (!from || !to) {
          ok = false;
          continue;
        }
        NodeId version = l.element_fact(1, browser_schema, "version", b.span);
        if (b.from->text == b.to->text) {
          parts.push_back(l.compare(version, engine::CompareOp::eq, std::move(*from), b.span));
        } else {
          parts.push_back(l.compare(version, engine::CompareOp::ge, std::move(*from), b.span));
          parts.push_back(l.compare(version, engine::CompareOp::le, std::move(*to), b.span));
        }
      }
      browser_any.push_back(l.builder.all_of(parts, l.text(b.span), l.ref(b.span)));
      need.push_back(l.text(b.span));
    }
    NodeId browsers_node;
    if (!row.has_browsers) {
      browsers_node = l.builder.constant(engine::Tri::yes);
    } else {
      NodeId predicate = l.builder.any_of(browser_any, engine::join(need, ", "));
      browsers_node = l.builder.exists(l.root_fact({"browsers"}, row.span), predicate,
                                       engine::join(need, ", "), l.ref(row.span));
    }
    NodeId disk_node = l.builder.constant(engine::Tri::yes);
    std::string need_disk;
    if (row.min_disk) {
      auto literal = l.typing.literal(*row.min_disk, l.field({"disk", "system_free_bytes"}));
      if (!literal) {
        ok = false;
        continue;
      }
      need_disk = row.min_disk->text;
      disk_node = l.compare(l.root_fact({"disk", "system_free_bytes"}, row.min_disk->span),
                            engine::CompareOp::ge, std::move(*literal), row.min_disk->span);
    }
    std::optional<NodeId> when;
    if (row.when) {
      when = l.condition(*row.when, checks::dump_scope());
      if (!when) {
        ok = false;
        continue;
      }
    }
    std::vector<NodeId> all = {os_node, browsers_node, disk_node};
    if (when) all.push_back(*when);
    // Outside its window the row takes no part: it neither admits nor explains a failure.
    std::optional<Lowering::Window> in_force = l.window(row.in_force);
    if (in_force) all.push_back(in_force->node);
    NodeId admits = l.builder.all_of(all, "row " + row.label.value, l.ref(row.span));
    NodeId os_base =
        l.builder.all_of(std::vector<NodeId>(os_parts.begin(), os_parts.begin() + base_parts));
    rows.push_back({&row, os_node, browsers_node, disk_node, admits, when, in_force, os_base,
                    std::move(os_misses), engine::join(need, ", "), need_disk});
  }
  if (!ok) return false;
  auto row_name = [&](const ast::MatrixRow& row) {
    return row.title ? engine::phrase(Phrase::row_titled, l.local(row.label), l.local(row.title))
                     : engine::phrase(Phrase::row_named, l.local(row.label));
  };
  // Rows that pass first, so a terminal admitted by both a plain and a warned row passes.
  for (const auto& rn : rows) {
    if (rn.row->warn) continue;
    engine::Case k;
    k.when = rn.admits;
    k.status = engine::Status::pass;
    k.label = fmt::format("row \"{}\"", rn.row->label.value);
    k.message = engine::phrase(Phrase::row_supported, row_name(*rn.row));
    k.notes = l.notes(rn.row->notes, scope);
    k.where = l.ref(rn.row->span);
    out.cases.push_back(std::move(k));
  }
  for (const auto& rn : rows) {
    if (!rn.row->warn) continue;
    engine::Case k;
    k.when = rn.admits;
    k.status = engine::Status::warn;
    k.label = fmt::format("row \"{}\"", rn.row->label.value);
    k.message = rn.row->warn->value.empty()
                    ? engine::phrase(Phrase::row_supported_warning, row_name(*rn.row))
                    : engine::phrase(Phrase::row_warning, row_name(*rn.row), l.local(rn.row->warn));
    k.notes = l.notes(rn.row->warn_notes, scope);
    for (auto& n : l.notes(rn.row->notes, scope)) k.notes.push_back(n);
    k.where = l.ref(rn.row->span);
    out.cases.push_back(std::move(k));
  }
  // Not admitted: `fail`, or `warn` (with the rule's message first) under `otherwise warn`.
  const ast::Clause* otherwise = nullptr;
  for (const auto& c : r.clauses)
    if (c.kind == ast::Clause::Kind::otherwise) otherwise = &c;
  const engine::Status missed = otherwise ? engine::Status::warn : engine::Status::fail;
  const engine::LocalText lead =
      otherwise && otherwise->message ? l.local(otherwise->message) : engine::LocalText{};
  // Under `otherwise warn "MSG"`, the message before the reason, in each language.
  auto reason = [&](engine::LocalText why) {
    if (lead.empty()) return why;
    for (engine::Lang lang : {engine::Lang::en, engine::Lang::ja}) {
      std::string& text = lang == engine::Lang::ja ? why.ja : why.en;
      if (!text.empty()) text = lead.in(lang) + (lang == engine::Lang::ja ? "。" : "; ") + text;
    }
    return why;
  };
  const std::vector<engine::LocalText> miss_notes =
      otherwise ? l.notes(otherwise->notes, scope) : std::vector<engine::LocalText>{};
  // Why not: the first row whose OS matches explains the failure (a row in force).
  for (const auto& rn : rows) {
    engine::NodeId no_browser = l.builder.negate(rn.browsers);
    auto in_force = [&](std::vector<NodeId> parts) {
      if (rn.in_force) parts.push_back(rn.in_force->node);
      return l.builder.all_of(std::move(parts));
    };
    engine::Case k;
    k.where = l.ref(rn.row->span);
    k.status = missed;
    k.notes = miss_notes;
    k.when = in_force({rn.os, no_browser});
    k.label = fmt::format("row \"{}\": its OS without its browsers", rn.row->label.value);
    k.message = reason(engine::phrase(Phrase::row_no_browser, row_name(*rn.row), rn.need_browsers));
    out.cases.push_back(k);
    k.when = in_force({rn.os, rn.browsers, l.builder.negate(rn.disk)});
    k.label = fmt::format("row \"{}\": its OS and browser, too little disk", rn.row->label.value);
    k.message = reason(engine::phrase(Phrase::row_low_disk, row_name(*rn.row), rn.need_disk));
    out.cases.push_back(k);
    if (rn.when) {
      k.when = in_force({rn.os, rn.browsers, rn.disk, l.builder.negate(*rn.when)});
      k.label = fmt::format("row \"{}\": all but its when", rn.row->label.value);
      k.message = reason(
          engine::phrase(Phrase::row_when_fails, row_name(*rn.row), l.text(rn.row->when->span)));
      out.cases.push_back(k);
    }
  }
  // The closest row: its OS family and version match, and one other part of its `os` clause
  // keeps the terminal out (the first such part of the first such row names it).
  for (const auto& rn : rows) {
    for (const auto& [miss, what] : rn.os_misses) {
      std::vector<NodeId> parts{rn.os_base, miss};
      if (rn.in_force) parts.push_back(rn.in_force->node);
      engine::Case k;
      k.where = l.ref(rn.row->os->span);
      k.status = missed;
      k.notes = miss_notes;
      k.when = l.builder.all_of(std::move(parts));
      k.label = fmt::format("row \"{}\": all of its OS but {}", rn.row->label.value, what.en);
      k.message = reason(engine::phrase(Phrase::row_all_but, row_name(*rn.row), what));
      out.cases.push_back(std::move(k));
    }
  }
  // When no row admits the terminal, show what it is rather than every row's test.
  out.otherwise_explain.push_back(l.root_fact({"os", "family"}, r.span));
  out.otherwise_explain.push_back(l.root_fact({"os", "version"}, r.span));
  if (std::any_of(rows.begin(), rows.end(),
                  [](const RowNodes& rn) { return !rn.row->os->releases.empty(); }))
    out.otherwise_explain.push_back(l.root_fact({"os", "release"}, r.span));
  if (std::any_of(rows.begin(), rows.end(),
                  [](const RowNodes& rn) { return !rn.row->os->except_editions.empty(); }))
    out.otherwise_explain.push_back(l.root_fact({"os", "edition"}, r.span));
  if (std::any_of(rows.begin(), rows.end(),
                  [](const RowNodes& rn) { return rn.row->has_browsers; }))
    out.otherwise_explain.push_back(l.root_fact({"browsers"}, r.span));
  out.otherwise.status = missed;
  out.otherwise.notes = miss_notes;
  std::vector<std::string> names;  // a row limited in time says when it is in force
  std::vector<engine::LocalText> local_names;
  for (const auto& rn : rows) {
    const std::string when = rn.in_force ? " (" + rn.in_force->text + ")" : "";
    names.push_back((rn.row->title ? rn.row->title->value : rn.row->label.value) + when);
    engine::LocalText name = rn.row->title ? l.local(rn.row->title) : l.local(rn.row->label);
    for (std::string* t : {&name.en, &name.ja})
      if (!t->empty()) *t += when;
    local_names.push_back(std::move(name));
  }
  out.otherwise.message =
      reason(engine::phrase(Phrase::not_in_matrix, engine::join(local_names, "; ")));
  out.otherwise.expected = engine::join(names, "; ");
  return true;
}

}  // namespace tekigo::dsl::lower
