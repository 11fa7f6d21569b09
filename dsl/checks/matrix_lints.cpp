// dsl/checks: the lints of matrix rows — os-versions (W0403) and matrix-rows (W0405, W0406,
// W0407 for a row's `when`). A row is read as the set of terminals it admits, as dsl/lower/
// matrix.cpp lowers it: its OS parts as constraints on the os facts (conditions.hpp), its
// browsers, its disk space, its `when` and the dates it is in force.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "dsl/checks/conditions.hpp"
#include "dsl/checks/lints.hpp"
#include "dsl/checks/literals.hpp"
#include "dsl/checks/os_versions.hpp"
#include "dsl/checks/typing.hpp"
#include "engine/common/text.hpp"
#include "engine/values/date.hpp"

namespace tekigo::dsl::checks {

namespace {

using engine::CompareOp;
using engine::FactType;

// `o` as the key of a value of `type`; nullopt when it does not parse (typing said so).
std::optional<Key> key_of(const ast::Operand& o, FactType type) {
  engine::SchemaNode node;
  node.type = type;
  std::vector<Diagnostic> ignored;
  auto value = parse_scalar(o, node, ignored);
  if (!value) return std::nullopt;
  auto k = keyed(type, *value);
  if (!k || !k->key) return std::nullopt;
  return k->key;
}

std::optional<Key> key_of(std::string_view text, FactType type) {
  ast::Operand o;
  o.kind = ast::Operand::Kind::number;
  o.text = std::string(text);
  return key_of(o, type);
}

std::optional<ValueSet> where(CompareOp op, const Key& key, FactType type) {
  auto set = values_where(op, KeyedLiteral{View::ordered, type, key, {}});
  if (!set) return std::nullopt;
  return std::get<ValueSet>(*set);
}

// What a version or release of an `os` clause admits: one value (a version line, one
// release), `a..b` (from a's line to b's, both included) or a comparison.
std::optional<ValueSet> spec_values(const ast::VersionSpec& spec, FactType type) {
  auto from = key_of(spec.value, type);
  if (!from) return std::nullopt;
  if (!spec.to) return where(compare_op(spec.op), *from, type);
  auto to = key_of(*spec.to, type);
  if (!to) return std::nullopt;
  auto lo = where(CompareOp::ge, *from, type);
  auto hi = where(CompareOp::le, *to, type);
  if (!lo || !hi) return std::nullopt;
  return lo->intersect(*hi);
}

std::optional<ValueSet> known_value(std::string_view text, FactType type) {
  auto key = key_of(text, type);
  if (!key) return std::nullopt;
  return where(CompareOp::eq, *key, type);
}

// A version or release as written: `10`, `12..14`, `>= 22H2`.
std::string spec_text(const ast::VersionSpec& spec) {
  if (spec.to) return spec.value.text + ".." + spec.to->text;
  if (spec.op == ast::CompareOp::eq) return spec.value.text;
  return fmt::format("{} {}", engine::op_text(compare_op(spec.op)), spec.value.text);
}

struct Browser {
  std::string id;
  std::optional<ValueSet> versions;  // none: any version, or none known
};

struct Spec {
  const ast::VersionSpec* spec;
  ValueSet values;
};

// A row as the terminals it admits.
struct RowModel {
  const ast::MatrixRow* row = nullptr;
  bool readable = true;  // every part parsed (a rule that typed: always)
  std::string family;
  std::vector<Spec> versions, releases;
  std::optional<std::int64_t> min_service_pack;
  Conjunction os;  // os.family, os.version, os.release, os.service_pack, os.edition
  std::optional<std::vector<Browser>> browsers;
  std::optional<std::uint64_t> min_disk;
  bool has_when = false;
  Disjunction when = Disjunction::always();
  std::optional<ValueSet> window;  // the check dates (day keys) it is in force; none: always
};

const std::string kFamily = fact_key(0, "os.family");
const std::string kVersion = fact_key(0, "os.version");
const std::string kRelease = fact_key(0, "os.release");
const std::string kServicePack = fact_key(0, "os.service_pack");
const std::string kEdition = fact_key(0, "os.edition");

std::optional<ValueSet> union_of(const std::vector<Spec>& specs) {
  if (specs.empty()) return std::nullopt;
  ValueSet all = ValueSet::none();
  for (const auto& s : specs) all = all.unite(s.values);
  return all;
}

// A date of `from` or `until` as a key: nullopt when there is none, an empty key when it does
// not parse (typing reports it).
std::optional<Key> date_key(const std::optional<ast::Operand>& o) {
  if (!o) return std::nullopt;
  auto d = engine::Date::parse(o->text);
  if (!d) return Key{};
  return Key{static_cast<std::uint64_t>(d->year), static_cast<std::uint64_t>(d->month),
             static_cast<std::uint64_t>(d->day)};
}

RowModel model_of(const ast::MatrixRow& row) {
  RowModel m;
  m.row = &row;
  const ast::OsClause& os = *row.os;
  m.family = engine::ascii_lower(os.family.value);
  m.os = constrain(kFamily, View::text, FactType::enumeration, TextSet::only({m.family}));
  for (const auto& v : os.versions) {
    auto set = spec_values(v, FactType::version);
    if (set)
      m.versions.push_back({&v, *set});
    else
      m.readable = false;
  }
  for (const auto& v : os.releases) {
    auto set = spec_values(v, FactType::release);
    if (set)
      m.releases.push_back({&v, *set});
    else
      m.readable = false;
  }
  if (auto all = union_of(m.versions))
    m.os = both(m.os, constrain(kVersion, View::ordered, FactType::version, *all));
  if (auto all = union_of(m.releases))
    m.os = both(m.os, constrain(kRelease, View::ordered, FactType::release, *all));
  if (os.min_service_pack) {
    auto key = key_of(*os.min_service_pack, FactType::integer);
    auto set = key ? where(CompareOp::ge, *key, FactType::integer) : std::nullopt;
    if (set) {
      m.min_service_pack = static_cast<std::int64_t>(key->front() ^ (std::uint64_t{1} << 63));
      m.os = both(m.os, constrain(kServicePack, View::ordered, FactType::integer, *set));
    } else {
      m.readable = false;
    }
  }
  if (!os.except_editions.empty()) {
    std::set<std::string> editions;
    for (const auto& e : os.except_editions) editions.insert(TextSet::normal(e.value));
    m.os =
        both(m.os, constrain(kEdition, View::text, FactType::string, TextSet::all_but(editions)));
  }
  if (row.has_browsers) {
    m.browsers.emplace();
    for (const auto& b : row.browsers) {
      Browser browser{engine::ascii_lower(b.id.value), std::nullopt};
      if (b.from) {
        // As matrix.cpp lowers it: one version line, or from one line to another.
        auto from = key_of(*b.from, FactType::version);
        auto to = key_of(*b.to, FactType::version);
        if (!from || !to) {
          m.readable = false;
          continue;
        }
        auto lo = where(b.from->text == b.to->text ? CompareOp::eq : CompareOp::ge, *from,
                        FactType::version);
        auto hi = where(b.from->text == b.to->text ? CompareOp::eq : CompareOp::le, *to,
                        FactType::version);
        if (!lo || !hi) {
          m.readable = false;
          continue;
        }
        browser.versions = lo->intersect(*hi);
      }
      m.browsers->push_back(std::move(browser));
    }
  }
  if (row.min_disk) {
    if (auto key = key_of(*row.min_disk, FactType::size))
      m.min_disk = key->front();
    else
      m.readable = false;
  }
  if (row.when) {
    m.has_when = true;
    auto typed = typed_again(*row.when, dump_scope());
    if (typed)
      m.when = analyse(*typed).holds;
    else
      m.readable = false;
  }
  if (!row.in_force.empty()) {
    auto from = date_key(row.in_force.from);
    auto until = date_key(row.in_force.until);
    if ((from && from->empty()) || (until && until->empty())) {
      m.readable = false;
    } else {
      Bound lo = from ? Bound::at(*from) : Bound::below_all();
      Bound hi = Bound::above_all();
      if (until) {
        auto day = where(CompareOp::le, *until, FactType::timestamp);
        if (day) hi = day->intervals().front().hi;
      }
      m.window = ValueSet::range(lo, hi);
    }
  }
  return m;
}

// "Windows 7", "Windows 7 and 8.1", "Windows 7, 8 and 8.1".
std::string names_of(std::string_view family, const std::vector<const KnownOsVersion*>& versions) {
  std::string out(family_name(family));
  for (std::size_t i = 0; i < versions.size(); ++i) {
    out += i == 0 ? " " : (i + 1 == versions.size() ? " and " : ", ");
    out += versions[i]->version;
  }
  return out;
}

const char* has(const std::vector<const KnownOsVersion*>& versions) {
  return versions.size() == 1 ? "has" : "have";
}

std::string listing(const std::vector<std::string_view>& items) {
  std::vector<std::string> parts(items.begin(), items.end());
  return engine::join(parts, ", ");
}

// The values of `os.version` a terminal of `k` has: its version line, without the lines of
// the known versions within it (Windows 8 is 8.0, not 8.1).
std::optional<ValueSet> values_of(const KnownOsVersion& k) {
  auto line = known_value(k.version, FactType::version);
  if (!line) return std::nullopt;
  for (const auto& other : known_os_versions(k.family)) {
    auto within = known_value(other.version, FactType::version);
    if (&other != &k && within && within->subset_of(*line) && !line->subset_of(*within))
      line = line->intersect(within->complement());
  }
  return line;
}

bool admits(const ValueSet& spec, const KnownOsVersion& k) {
  auto values = values_of(k);
  return values && values->intersects(spec);
}

bool admits_release(const ValueSet& spec, std::string_view release) {
  auto point = known_value(release, FactType::release);
  return point && point->intersects(spec);
}

void check_row_os(const RowModel& m, std::vector<Diagnostic>& out) {
  const ast::OsClause& os = *m.row->os;
  const std::string family(family_name(m.family));
  auto warn = [&](Span at, std::string message, std::string help) {
    out.push_back(make_diagnostic(codes::W0403, std::move(message), at, std::move(help)));
  };
  if (m.family != "windows") {
    if (!os.releases.empty())
      warn(os.releases.front().span, fmt::format("{} has no releases", family),
           fmt::format("`release` takes the release ids of Windows 10 and 11, such as 22H2: no {} "
                       "terminal has one, so the row admits none; remove `release …`",
                       family));
    if (m.min_service_pack && *m.min_service_pack > 0)
      warn(os.min_service_pack->span, fmt::format("{} has no service packs", family),
           fmt::format("no {} terminal has a service pack, so the row admits none; remove "
                       "`service_pack >= {}`",
                       family, os.min_service_pack->text));
  }
  const auto& known = known_os_versions(m.family);
  if (known.empty()) return;
  // Each version, range or comparison admits a known version.
  std::vector<std::vector<const KnownOsVersion*>> per_spec;
  std::vector<const KnownOsVersion*> row_versions;
  for (const auto& spec : m.versions) {
    std::vector<const KnownOsVersion*> admitted;
    for (const auto& k : known)
      if (admits(spec.values, k)) admitted.push_back(&k);
    per_spec.push_back(admitted);
    for (const auto* k : admitted)
      if (std::find(row_versions.begin(), row_versions.end(), k) == row_versions.end())
        row_versions.push_back(k);
    if (!admitted.empty()) continue;
    std::vector<std::string_view> all;
    for (const auto& k : known) all.push_back(k.version);
    const std::string text = spec_text(*spec.spec);
    const bool one = !spec.spec->to && spec.spec->op == ast::CompareOp::eq;
    std::string help =
        fmt::format("{} versions are {} (`os.version` holds the marketing version{})", family,
                    listing(all), m.family == "windows" ? ", not the kernel's 6.1 or 10.0" : "");
    if (m.family == "macos" && text == "10.16")
      help =
          "10.15 Catalina was followed by 11 Big Sur: Big Sur says 10.16 only to software run "
          "with SYSTEM_VERSION_COMPAT=1, and a collector reports 11; write `11`";
    warn(spec.spec->span,
         one ? fmt::format("there is no {} {}", family, text)
             : fmt::format("`{}` admits no {} version", text, family),
         std::move(help));
  }
  if (m.versions.empty())
    for (const auto& k : known) row_versions.push_back(&k);
  std::sort(row_versions.begin(), row_versions.end());  // the table's order
  // Each release, range or comparison admits a release of the row's versions.
  std::vector<const KnownOsVersion*> with_releases;
  for (const auto* k : row_versions)
    if (!k->releases.empty()) with_releases.push_back(k);
  auto admits_some_release = [&](const KnownOsVersion& k) {
    return std::any_of(k.releases.begin(), k.releases.end(), [&](std::string_view r) {
      return std::any_of(m.releases.begin(), m.releases.end(),
                         [&](const Spec& s) { return admits_release(s.values, r); });
    });
  };
  if (m.family == "windows" && !m.releases.empty() && !row_versions.empty()) {
    if (with_releases.empty()) {
      warn(os.releases.front().span,
           fmt::format("{} {} no releases", names_of(m.family, row_versions), has(row_versions)),
           "release ids name the updates of Windows 10 and 11 (1909, 22H2): remove `release …`, "
           "or give Windows 10 or 11 a row of its own");
    } else {
      bool reported = false;
      for (const auto& spec : m.releases) {
        bool found = false;
        for (const auto* k : with_releases)
          for (std::string_view r : k->releases) found = found || admits_release(spec.values, r);
        if (found) continue;
        const std::string text = spec_text(*spec.spec);
        const bool one = !spec.spec->to && spec.spec->op == ast::CompareOp::eq;
        std::vector<std::string> lists;
        for (const auto* k : with_releases)
          lists.push_back(
              fmt::format("{} {}'s releases are {}", family, k->version, listing(k->releases)));
        std::string help = engine::join(lists, "; ");
        if (one)
          for (const auto& k : known)
            if (std::find(with_releases.begin(), with_releases.end(), &k) == with_releases.end() &&
                std::any_of(k.releases.begin(), k.releases.end(),
                            [&](std::string_view r) { return admits_release(spec.values, r); }))
              help += fmt::format(" ({} is a {} {} release: give it a row of its own)", text,
                                  family, k.version);
        reported = true;
        warn(spec.spec->span,
             one ? fmt::format("{} {} no release {}", names_of(m.family, with_releases),
                               has(with_releases), text)
                 : fmt::format("`{}` admits no release of {}", text,
                               names_of(m.family, with_releases)),
             std::move(help));
      }
      // A version whose terminals the releases keep out (unless a release was said to be
      // wrong already).
      for (std::size_t i = 0; i < m.versions.size() && !reported; ++i) {
        const auto& admitted = per_spec[i];
        if (admitted.empty() || std::any_of(admitted.begin(), admitted.end(),
                                            [&](const auto* k) { return admits_some_release(*k); }))
          continue;
        warn(m.versions[i].spec->span,
             fmt::format("{} {} none of the row's releases", names_of(m.family, admitted),
                         has(admitted)),
             fmt::format("`release` keeps every {} terminal out of this row: give {} a row of "
                         "its own, without `release`",
                         names_of(m.family, admitted), admitted.size() == 1 ? "it" : "them"));
      }
    }
  }
  // The service pack exists for the row's versions.
  if (m.family == "windows" && m.min_service_pack && *m.min_service_pack > 0) {
    const std::int64_t n = *m.min_service_pack;
    std::vector<const KnownOsVersion*> kept_out;
    auto keeps_out = [&](const std::vector<const KnownOsVersion*>& versions) {
      if (versions.empty() || std::any_of(versions.begin(), versions.end(),
                                          [&](const auto* k) { return k->last_service_pack >= n; }))
        return;
      for (const auto* k : versions)
        if (std::find(kept_out.begin(), kept_out.end(), k) == kept_out.end()) kept_out.push_back(k);
    };
    if (m.versions.empty())
      keeps_out(row_versions);
    else
      for (const auto& admitted : per_spec) keeps_out(admitted);
    if (!kept_out.empty()) {
      const bool none = std::all_of(kept_out.begin(), kept_out.end(),
                                    [](const auto* k) { return k->last_service_pack == 0; });
      std::vector<std::string> last;
      for (const auto* k : kept_out)
        if (k->last_service_pack > 0)
          last.push_back(
              fmt::format("{} {}'s last is SP{}", family, k->version, k->last_service_pack));
      warn(os.min_service_pack->span,
           none ? fmt::format("{} {} no service packs", names_of(m.family, kept_out), has(kept_out))
                : fmt::format("{} {} no service pack {}", names_of(m.family, kept_out),
                              has(kept_out), n),
           fmt::format("`service_pack >= {}` keeps every {} terminal out of this row{}: remove it, "
                       "or lower it",
                       n, names_of(m.family, kept_out),
                       last.empty() ? "" : " (" + engine::join(last, "; ") + ")"));
    }
  }
}

// ---- overlaps ---------------------------------------------------------------------------

bool browser_within(const Browser& b, const Browser& a) {
  return a.id == b.id && (!a.versions || (b.versions && b.versions->subset_of(*a.versions)));
}

bool browsers_meet(const Browser& a, const Browser& b) {
  return a.id == b.id && (!a.versions || !b.versions || a.versions->intersects(*b.versions));
}

// Every terminal `b` admits, `a` admits.
bool within(const RowModel& b, const RowModel& a) {
  if (!implies(b.os, a.os)) return false;
  if (a.browsers) {
    if (!b.browsers) return false;
    for (const auto& x : *b.browsers)
      if (std::none_of(a.browsers->begin(), a.browsers->end(),
                       [&](const Browser& y) { return browser_within(x, y); }))
        return false;
  }
  if (a.min_disk && (!b.min_disk || *b.min_disk < *a.min_disk)) return false;
  if (a.has_when && !implies(conjoin(Disjunction::of(b.os), b.when), a.when)) return false;
  if (a.window && (!b.window || !b.window->subset_of(*a.window))) return false;
  return true;
}

// A terminal both admit, named from the table of known versions ("Windows 10 20H2"); nullopt
// when there is none, or the rows have a `when` (whose terminals the analysis cannot name).
std::optional<std::string> common_terminal(const RowModel& a, const RowModel& b) {
  if (a.has_when || b.has_when) return std::nullopt;
  if (a.window && b.window && !a.window->intersects(*b.window)) return std::nullopt;
  std::string browser;
  if (a.browsers && b.browsers) {
    for (const auto& x : *a.browsers)
      for (const auto& y : *b.browsers)
        if (browser.empty() && browsers_meet(x, y)) browser = " with " + x.id;
    if (browser.empty()) return std::nullopt;
  }
  const Conjunction common = both(a.os, b.os);
  if (common.empty()) return std::nullopt;
  const auto& known = known_os_versions(a.family);
  if (known.empty()) return fmt::format("{} terminals{}", family_name(a.family), browser);
  for (const auto& k : known) {
    auto line = values_of(k);
    if (!line) continue;
    Conjunction terminal = constrain(kVersion, View::ordered, FactType::version, *line);
    if (a.family == "windows") {  // service pack 0 (none) up to the version's last
      auto last = key_of(std::to_string(k.last_service_pack), FactType::integer);
      auto packs = last ? where(CompareOp::le, *last, FactType::integer) : std::nullopt;
      if (packs)
        terminal =
            both(terminal, constrain(kServicePack, View::ordered, FactType::integer, *packs));
    }
    std::vector<std::string_view> releases = k.releases;
    if (releases.empty()) {
      Conjunction c = both(common, terminal);
      c.presence[kRelease] = Conjunction::kAbsent;
      if (!c.empty()) return fmt::format("{} {}{}", family_name(a.family), k.version, browser);
      continue;
    }
    for (std::string_view r : releases) {
      auto point = known_value(r, FactType::release);
      if (!point) continue;
      Conjunction c = both(both(common, terminal),
                           constrain(kRelease, View::ordered, FactType::release, *point));
      if (!c.empty())
        return fmt::format("{} {} {}{}", family_name(a.family), k.version, r, browser);
    }
  }
  return std::nullopt;
}

std::string row_ref(const ast::MatrixRow& row) {
  return fmt::format("row `{}`", row.label.value);
}

// The OS a row admits, as it writes it: "Windows 10 1909, 2004", "macOS 10.13, 10.14".
std::string os_text(const ast::OsClause& os) {
  std::vector<std::string> versions, releases;
  for (const auto& v : os.versions) versions.push_back(spec_text(v));
  for (const auto& v : os.releases) releases.push_back(spec_text(v));
  std::string out(family_name(engine::ascii_lower(os.family.value)));
  if (!versions.empty()) out += " " + engine::join(versions, ", ");
  if (!releases.empty()) out += " " + engine::join(releases, ", ");
  return out;
}

}  // namespace

void check_os_versions(const PassInput& input, std::vector<Diagnostic>& out) {
  for (const TypedRule& typed : *input.typed_rules) {
    if (!typed.in_graph || typed.rule->kind != ast::Rule::Kind::matrix) continue;
    for (const auto& row : typed.rule->rows) {
      RowModel m = model_of(row);
      if (m.readable) check_row_os(m, out);
    }
  }
}

void check_matrix_rows(const PassInput& input, std::vector<Diagnostic>& out) {
  for (const TypedRule& typed : *input.typed_rules) {
    if (!typed.in_graph || typed.rule->kind != ast::Rule::Kind::matrix) continue;
    // The order the rows decide in (matrix.cpp): the rows without `warn`, then those with.
    std::vector<RowModel> rows;
    for (bool warned : {false, true})
      for (const auto& row : typed.rule->rows)
        if (row.warn.has_value() == warned) rows.push_back(model_of(row));
    for (std::size_t j = 0; j < rows.size(); ++j) {
      const RowModel& b = rows[j];
      if (!b.readable) continue;
      if (b.has_when && conjoin(Disjunction::of(b.os), b.when).is_never()) {
        out.push_back(make_diagnostic(
            codes::W0407, fmt::format("{} can never admit a terminal", row_ref(*b.row)),
            b.row->when->span,
            "its `when` can never hold together with its `os` clause: correct the condition, "
            "or remove the row"));
        continue;
      }
      const std::string earlier_first =
          b.row->warn ? " (rows without `warn` are tried before the rows with one)" : "";
      bool shadowed = false;
      for (std::size_t i = 0; i < j; ++i) {
        const RowModel& a = rows[i];
        if (!a.readable || a.family != b.family || !within(b, a)) continue;
        Diagnostic d = make_diagnostic(
            codes::W0406,
            fmt::format("{} is shadowed by {}: every {} terminal it admits, {} admits first",
                        row_ref(*b.row), row_ref(*a.row), os_text(*b.row->os), row_ref(*a.row)),
            b.row->label.span,
            fmt::format("{} never decides{}{}: remove it, or narrow {}", row_ref(*b.row),
                        b.row->warn && !a.row->warn ? ", so its warning is never given" : "",
                        earlier_first, row_ref(*a.row)));
        d.notes.push_back({a.row->label.span, fmt::format("{} is here", row_ref(*a.row))});
        out.push_back(std::move(d));
        shadowed = true;
        break;
      }
      for (std::size_t i = 0; i < j && !shadowed; ++i) {
        const RowModel& a = rows[i];
        if (!a.readable || a.family != b.family) continue;
        auto terminal = common_terminal(a, b);
        if (!terminal) continue;
        Diagnostic d = make_diagnostic(
            codes::W0405,
            fmt::format("{} overlaps {}: both admit {}", row_ref(*b.row), row_ref(*a.row),
                        *terminal),
            b.row->label.span,
            fmt::format("such a terminal gets the outcome of {}{}; make the rows' versions, "
                        "releases or browsers disjoint if the document means otherwise",
                        row_ref(*a.row), earlier_first));
        d.notes.push_back({a.row->label.span, fmt::format("{} is here", row_ref(*a.row))});
        out.push_back(std::move(d));
        break;
      }
    }
  }
}

}  // namespace tekigo::dsl::checks
