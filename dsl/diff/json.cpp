// dsl/diff: the JSON writer — schema `tekigo.diff/1`, documented in docs/diff.md. Members
// always appear in the order written here; an absent value is null, an empty list [].
#include <fmt/format.h>

#include "dsl/diff/writers.hpp"
#include "engine/common/json_text.hpp"

namespace tekigo::dsl::diff {

namespace {

std::string str(std::string_view text) {
  std::string out = "\"";
  engine::json_escape_into(out, text);
  return out + "\"";
}

std::string opt(const std::optional<std::string>& v) {
  return v ? str(*v) : "null";
}

std::string strings(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + str(v[i]);
  return out + "]";
}

std::string_view what_name(EntryDiff::What what) {
  switch (what) {
    case EntryDiff::What::rule_added:
      return "rule-added";
    case EntryDiff::What::rule_removed:
      return "rule-removed";
    case EntryDiff::What::rule_changed:
      return "rule-changed";
    case EntryDiff::What::record_added:
      return "record-added";
    case EntryDiff::What::record_dropped:
      return "record-dropped";
    case EntryDiff::What::record_changed:
      return "record-changed";
  }
  return "?";
}

std::string side(const PolicySide& s) {
  return fmt::format(
      "{{\"file\": {}, \"id\": {}, \"title\": {}, \"revision\": {}, \"effective\": {}, "
      "\"source\": {}}}",
      str(s.file), str(s.id), str(s.title), str(s.revision), str(s.effective), str(s.source));
}

std::string target(const Target& t) {
  std::string out = fmt::format("{{\"type\": {}", str(target_type_name(t.type)));
  if (!t.label.empty()) out += ", \"label\": " + str(t.label);
  if (!t.text.empty()) out += ", \"text\": " + str(t.text);
  if (t.position) out += fmt::format(", \"position\": {}", t.position);
  return out + "}";
}

// A list of objects, one per line, indented by `indent`.
template <typename T, typename F>
std::string objects(const std::vector<T>& items, std::string_view indent, F&& one) {
  if (items.empty()) return "[]";
  std::string out = "[\n";
  for (std::size_t i = 0; i < items.size(); ++i)
    out += fmt::format("{}  {}{}\n", indent, one(items[i]), i + 1 < items.size() ? "," : "");
  return out + std::string(indent) + "]";
}

}  // namespace

std::string write_json(const PolicyDiff& d) {
  using W = EntryDiff::What;
  std::string out = "{\n";
  out += "  \"schema\": \"tekigo.diff/1\",\n";
  out += fmt::format("  \"changed\": {},\n", d.empty() ? "false" : "true");
  out += "  \"old\": " + side(d.old_policy) + ",\n";
  out += "  \"new\": " + side(d.new_policy) + ",\n";
  out += fmt::format(
      "  \"counts\": {{\"rules_added\": {}, \"rules_removed\": {}, \"rules_changed\": {}, "
      "\"records_added\": {}, \"records_dropped\": {}, \"records_changed\": {}, \"notes\": {}, "
      "\"outline\": {}, \"sections\": {}, \"header\": {}}},\n",
      d.count(W::rule_added), d.count(W::rule_removed), d.count(W::rule_changed),
      d.count(W::record_added), d.count(W::record_dropped), d.count(W::record_changed),
      d.notes.size(), d.outline.size(), d.sections.size(), d.header.size());
  out += "  \"header\": " +
         objects(d.header, "  ",
                 [](const HeaderChange& h) {
                   return fmt::format("{{\"field\": {}, \"old\": {}, \"new\": {}}}", str(h.field),
                                      opt(h.before), opt(h.after));
                 }) +
         ",\n";
  out += "  \"sections\": " +
         objects(d.sections, "  ",
                 [](const SectionChange& s) {
                   return fmt::format("{{\"clause\": {}, \"old\": {}, \"new\": {}}}", str(s.clause),
                                      str(s.before), str(s.after));
                 }) +
         ",\n";
  out += "  \"notes\": " +
         objects(d.notes, "  ",
                 [](const NoteChange& n) {
                   return fmt::format(
                       "{{\"clause\": {}, \"label\": {}, \"old\": {}, \"new\": {}, \"rules\": {}}}",
                       str(n.clause), str(n.label), str(n.before), str(n.after), strings(n.rules));
                 }) +
         ",\n";
  out += "  \"outline\": " +
         objects(d.outline, "  ",
                 [](const OutlineChange& c) {
                   return fmt::format(
                       "{{\"change\": {}, \"clause\": {}, \"label\": {}, \"cite\": {}, "
                       "\"old\": {}, \"new\": {}, \"informational\": [{}, {}]}}",
                       str(outline_change_name(c.what)), str(c.clause), str(c.label), str(c.cite),
                       opt(c.before), opt(c.after), c.informational_before, c.informational_after);
                 }) +
         ",\n";
  std::string entries = "[]";
  if (!d.entries.empty()) {
    entries = "[\n";
    for (std::size_t i = 0; i < d.entries.size(); ++i) {
      const EntryDiff& e = d.entries[i];
      entries += "    {\n";
      entries += fmt::format("      \"change\": {},\n", str(what_name(e.what)));
      entries += fmt::format("      \"id\": {},\n", str(e.id));
      entries += fmt::format("      \"kind\": {},\n", str(e.kind));
      entries += fmt::format("      \"cite\": {},\n", str(e.cite));
      entries += fmt::format("      \"clause\": {},\n", str(e.clause));
      entries += fmt::format("      \"clause_title\": {},\n", str(e.clause_title));
      entries += fmt::format("      \"title\": {},\n", str(e.title));
      entries += "      \"recorded\": " +
                 (e.recorded ? fmt::format("{{\"cite\": {}, \"title\": {}, \"revision\": {}}}",
                                           str(e.recorded->cite), str(e.recorded->title),
                                           str(e.recorded->revision))
                             : std::string("null")) +
                 ",\n";
      entries +=
          "      \"changes\": " +
          objects(e.changes, "      ",
                  [](const Change& c) {
                    return fmt::format(
                        "{{\"kind\": {}, \"target\": {}, \"old\": {}, \"new\": {}, \"added\": {}, "
                        "\"removed\": {}, \"text\": {}}}",
                        str(change_kind_name(c.kind)), target(c.target), opt(c.before),
                        opt(c.after), strings(c.added), strings(c.removed), str(describe(c)));
                  }) +
          "\n";
      entries += i + 1 < d.entries.size() ? "    },\n" : "    }\n";
    }
    entries += "  ]";
  }
  out += "  \"entries\": " + entries + "\n}\n";
  return out;
}

}  // namespace tekigo::dsl::diff
