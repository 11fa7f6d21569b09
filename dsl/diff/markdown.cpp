// dsl/diff: the Markdown writer — the change log a registry publishes with a revision
// (更新履歴): the header's changes, then one section per clause of the document (a section
// citation), in the document's order, with one bullet per change in plain words. Text from
// the policies is escaped (engine/report's markdown_escape) or in code spans: never a link,
// an image or HTML.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "dsl/diff/words.hpp"
#include "dsl/diff/writers.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::diff {

namespace {

constexpr Words md = Words::markdown;

std::string revision_words(const PolicySide& s) {
  std::string out = s.revision.empty() ? std::string("(no revision)") : prose(s.revision, md);
  if (!s.effective.empty()) out += " (effective " + prose(s.effective, md) + ")";
  return out;
}

struct Group {
  std::string clause, title;
  std::vector<std::string> bullets;
};

std::string entry_head(const EntryDiff& e) {
  return fmt::format("{}{}{} {}", prose(e.cite, md), e.cite.empty() ? "" : " ", e.kind, code(e.id));
}

// "removed in 第8版": the revision NEW records, else NEW's own.
std::string removed_in(const EntryDiff& e, const PolicyDiff& d) {
  std::string revision =
      e.recorded && !e.recorded->revision.empty() ? e.recorded->revision : d.new_policy.revision;
  return revision.empty() ? "removed" : "removed in " + prose(revision, md);
}

void bullets_of(const EntryDiff& e, const PolicyDiff& d, std::vector<std::string>& out) {
  using W = EntryDiff::What;
  const std::string who =
      fmt::format("{}{}({})", prose(e.cite, md), e.cite.empty() ? "" : " ", code(e.id));
  switch (e.what) {
    case W::rule_added:
      out.push_back(fmt::format("{} added{}{}", entry_head(e),
                                e.title.empty() ? "" : ": " + prose(e.title, md),
                                e.recorded ? " (it had been recorded as removed)" : ""));
      break;
    case W::rule_removed:
      out.push_back(fmt::format(
          "{} {}{}", who, removed_in(e, d),
          e.recorded && !e.recorded->title.empty() ? ": " + prose(e.recorded->title, md) : ""));
      break;
    case W::rule_changed:
      for (const auto& c : e.changes)
        out.push_back(fmt::format("{}: {}", entry_head(e), describe(c, md)));
      break;
    case W::record_added:
      out.push_back(fmt::format("{} recorded as {}", who, removed_in(e, d)));
      break;
    case W::record_dropped:
      out.push_back(fmt::format("{} is no longer recorded as removed", who));
      break;
    case W::record_changed:
      for (const auto& c : e.changes)
        out.push_back(fmt::format("{}, removed: {}", who, describe(c, md)));
      break;
  }
}

}  // namespace

std::string write_markdown(const PolicyDiff& d) {
  const PolicySide& a = d.old_policy;
  const PolicySide& b = d.new_policy;
  std::string out = fmt::format("# 更新履歴 — {}\n\n", prose(b.title.empty() ? b.id : b.title, md));
  out += fmt::format("{} from revision {} to revision {}.\n", code(b.id.empty() ? a.id : b.id),
                     revision_words(a), revision_words(b));
  if (d.empty()) return out + "\nNo change in meaning.\n";

  if (!d.header.empty()) {
    out += "\n## Header\n\n";
    for (const auto& h : d.header)
      out += fmt::format("- {} {} \u2192 {}\n", h.field, h.before ? quoted(*h.before, md) : "none",
                         h.after ? quoted(*h.after, md) : "none");
  }

  // Every change where it sits in the document, grouped by clause in order of appearance.
  struct Placed {
    std::size_t order;
    std::string clause, title;
    std::vector<std::string> bullets;
  };
  std::vector<Placed> placed;
  for (const auto& s : d.sections)
    placed.push_back(
        {s.order,
         s.clause,
         s.after,
         {fmt::format("section title {} \u2192 {}", quoted(s.before, md), quoted(s.after, md))}});
  for (const auto& c : d.outline)
    placed.push_back({c.order, c.clause, "", {outline_change_text(c, md)}});
  for (const auto& n : d.notes) {
    std::vector<std::string> rules;
    for (const auto& r : n.rules) rules.push_back(code(r));
    placed.push_back(
        {n.order,
         n.clause,
         "",
         {fmt::format("note {} now reads {} (was {}); carried by {}", n.label, quoted(n.after, md),
                      quoted(n.before, md),
                      rules.empty() ? std::string("no rule") : engine::join(rules, ", "))}});
  }
  for (const auto& e : d.entries) {
    Placed p{e.order, e.clause, e.clause_title, {}};
    bullets_of(e, d, p.bullets);
    placed.push_back(std::move(p));
  }
  std::stable_sort(placed.begin(), placed.end(),
                   [](const Placed& x, const Placed& y) { return x.order < y.order; });
  std::vector<Group> groups;
  std::map<std::string, std::size_t> index;
  for (auto& p : placed) {
    auto [it, fresh] = index.emplace(p.clause, groups.size());
    if (fresh) groups.push_back({p.clause, p.title, {}});
    Group& g = groups[it->second];
    if (g.title.empty()) g.title = p.title;
    for (auto& bullet : p.bullets) g.bullets.push_back(std::move(bullet));
  }
  for (const auto& g : groups) {
    std::string heading = g.clause.empty() ? "Outside every section" : prose(g.clause, md);
    if (!g.clause.empty() && !g.title.empty()) heading += " " + prose(g.title, md);
    out += "\n## " + heading + "\n\n";
    for (const auto& bullet : g.bullets) out += "- " + bullet + "\n";
  }
  return out;
}

}  // namespace tekigo::dsl::diff
