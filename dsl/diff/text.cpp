// dsl/diff: the text writer — for a terminal: the header's changes, then the sections and
// notes, then every rule and `removed` entry that changed, one line per change under it.
#include <fmt/format.h>

#include "dsl/diff/words.hpp"
#include "dsl/diff/writers.hpp"
#include "engine/common/text.hpp"

namespace tekigo::dsl::diff {

namespace {

std::string side(const PolicySide& s) {
  std::vector<std::string> parts;
  if (!s.revision.empty()) parts.push_back("revision " + s.revision);
  if (!s.effective.empty()) parts.push_back("effective " + s.effective);
  return parts.empty() ? s.file : fmt::format("{} ({})", s.file, engine::join(parts, ", "));
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string write_text(const PolicyDiff& d) {
  std::string out =
      fmt::format("tekigo diff: {} \u2192 {}\n", side(d.old_policy), side(d.new_policy));
  if (d.empty()) return out + "no change in meaning\n";
  if (!d.header.empty()) {
    out += "\nheader\n";
    for (const auto& h : d.header)
      out += fmt::format("  {} {} \u2192 {}\n", h.field,
                         h.before ? quoted(*h.before, Words::text) : "none",
                         h.after ? quoted(*h.after, Words::text) : "none");
  }
  if (!d.sections.empty()) {
    out += "\nsections\n";
    for (const auto& s : d.sections)
      out += fmt::format("  {}: title {} \u2192 {}\n", s.clause, quoted(s.before, Words::text),
                         quoted(s.after, Words::text));
  }
  if (!d.outline.empty()) {
    out += "\noutline\n";
    for (const auto& c : d.outline) out += "  " + outline_change_text(c, Words::text) + "\n";
  }
  if (!d.notes.empty()) {
    out += "\nnotes\n";
    for (const auto& n : d.notes) {
      out += fmt::format("  {}{}{} now reads {}\n", n.clause, n.clause.empty() ? "" : " ", n.label,
                         quoted(n.after, Words::text));
      out += fmt::format("      was {}\n", quoted(n.before, Words::text));
      out += fmt::format("      carried by {}\n",
                         n.rules.empty() ? std::string("no rule") : engine::join(n.rules, ", "));
    }
  }
  if (!d.entries.empty()) {
    using W = EntryDiff::What;
    std::vector<std::string> counts;
    if (auto n = d.count(W::rule_added)) counts.push_back(fmt::format("{} added", n));
    if (auto n = d.count(W::rule_removed)) counts.push_back(fmt::format("{} removed", n));
    if (auto n = d.count(W::rule_changed)) counts.push_back(fmt::format("{} changed", n));
    const std::size_t records =
        d.count(W::record_added) + d.count(W::record_dropped) + d.count(W::record_changed);
    out += "\nrules";
    if (!counts.empty()) out += ": " + engine::join(counts, ", ");
    if (records)
      out += (counts.empty() ? ": " : "; ") +
             plural(records, "removed entry changed", "removed entries changed");
    out += "\n";
    for (const auto& e : d.entries) {
      const std::string head = fmt::format("{}  {}  {}", e.id, e.kind, e.cite);
      switch (e.what) {
        case W::rule_added:
          out += fmt::format("+ {}  added{}\n", head,
                             e.recorded ? " (OLD recorded it as `removed`)" : "");
          if (!e.title.empty()) out += fmt::format("      {}\n", quoted(e.title, Words::text));
          break;
        case W::rule_removed:
          if (e.recorded)
            out +=
                fmt::format("- {}  removed, recorded as `removed` in NEW{}\n", head,
                            e.recorded->revision.empty() ? "" : " (" + e.recorded->revision + ")");
          else
            out += fmt::format("- {}  removed (NEW does not record it as `removed`)\n", head);
          break;
        case W::rule_changed:
        case W::record_changed:
          out += fmt::format("~ {}\n", head);
          for (const auto& c : e.changes) out += "      " + describe(c) + "\n";
          break;
        case W::record_added:
          out += fmt::format(
              "+ {}  recorded as removed{}\n", head,
              e.recorded && !e.recorded->revision.empty() ? " in " + e.recorded->revision : "");
          break;
        case W::record_dropped:
          out += fmt::format("- {}  no longer recorded as removed\n", head);
          break;
      }
    }
  }
  std::size_t changes = d.header.size() + d.sections.size() + d.notes.size() + d.outline.size();
  for (const auto& e : d.entries) changes += e.changes.empty() ? 1 : e.changes.size();
  out += "\n" + plural(changes, "change", "changes") + "\n";
  return out;
}

}  // namespace tekigo::dsl::diff
