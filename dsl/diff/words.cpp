// dsl/diff: a change in plain words, shared by the text and Markdown writers (and the JSON's
// `text`) — see writers.hpp.
#include <fmt/format.h>

#include "dsl/diff/words.hpp"
#include "dsl/diff/writers.hpp"
#include "engine/common/text.hpp"
#include "engine/report/escaping.hpp"

namespace tekigo::dsl::diff {

std::string code(std::string_view text) {
  // A code span that holds a backtick needs a longer fence (CommonMark), and a space inside it.
  if (text.find('`') == std::string_view::npos) return fmt::format("`{}`", text);
  return fmt::format("`` {} ``", text);
}

std::string prose(std::string_view text, Words words) {
  return words == Words::markdown ? engine::report_detail::markdown_escape(text)
                                  : std::string(text);
}

std::string quoted(std::string_view text, Words words) {
  return "\u201c" + prose(text, words) + "\u201d";
}

namespace {

enum class Style : std::uint8_t { plain, quoted, code };

struct Field {
  const char* words;  // what the part is called
  Style style;
  const char* none;  // what its absence is called
};

Field field_of(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kind:
      return {"kind", Style::plain, "none"};
    case ChangeKind::cite:
      return {"citation", Style::plain, "none"};
    case ChangeKind::sentence:
      return {"sentence", Style::quoted, "none"};
    case ChangeKind::rationale:
      return {"rationale", Style::quoted, "none"};
    case ChangeKind::notes:
    case ChangeKind::case_notes:
    case ChangeKind::row_notes:
    case ChangeKind::class_notes:
      return {"notes", Style::plain, "none"};
    case ChangeKind::class_unless_notes:
      return {"notes of the exception", Style::plain, "none"};
    case ChangeKind::row_warn_notes:
      return {"notes of the warning", Style::plain, "none"};
    case ChangeKind::window:
    case ChangeKind::case_window:
    case ChangeKind::row_window:
    case ChangeKind::item_window:
      return {"in force", Style::plain, "always"};
    case ChangeKind::applies:
      return {"applies when", Style::code, "always"};
    case ChangeKind::case_condition:
    case ChangeKind::row_when:
    case ChangeKind::item_condition:
      return {"condition", Style::code, "none"};
    case ChangeKind::case_status:
      return {"status", Style::plain, "none"};
    case ChangeKind::case_message:
    case ChangeKind::class_message:
      return {"message", Style::quoted, "none"};
    case ChangeKind::row_title:
      return {"title", Style::quoted, "none"};
    case ChangeKind::row_os:
      return {"OS", Style::plain, "none"};
    case ChangeKind::row_versions:
      return {"versions", Style::plain, "any"};
    case ChangeKind::row_releases:
      return {"releases", Style::plain, "any"};
    case ChangeKind::row_service_pack:
      return {"minimum service pack", Style::plain, "none"};
    case ChangeKind::row_editions:
      return {"excluded editions", Style::plain, "none"};
    case ChangeKind::row_browsers:
      return {"browsers", Style::plain, "any"};
    case ChangeKind::row_disk:
      return {"minimum free disk space", Style::plain, "none"};
    case ChangeKind::row_warn:
      return {"warning", Style::quoted, "none"};
    case ChangeKind::name:
      return {"name", Style::plain, "none"};
    case ChangeKind::address:
      return {"addresses", Style::plain, "none"};
    case ChangeKind::direct:
      return {"direct resolution required", Style::plain, "no"};
    case ChangeKind::protocol:
      return {"protocols", Style::plain, "none"};
    case ChangeKind::direction:
      return {"direction", Style::plain, "out"};
    case ChangeKind::from_port:
      return {"source port", Style::plain, "any"};
    case ChangeKind::to:
      return {"destination", Style::plain, "none"};
    case ChangeKind::port:
      return {"ports", Style::plain, "none"};
    case ChangeKind::purpose:
      return {"purpose", Style::quoted, "none"};
    case ChangeKind::item_kind:
      return {"kind", Style::plain, "none"};
    case ChangeKind::item_label:
      return {"label", Style::quoted, "none"};
    case ChangeKind::item_pattern:
      return {"pattern", Style::code, "none"};
    case ChangeKind::item_version:
      return {"version", Style::code, "none"};
    case ChangeKind::class_lines:
      return {"lines", Style::plain, "none"};
    case ChangeKind::class_unless:
      return {"exception (`unless`)", Style::code, "none"};
    case ChangeKind::class_unless_status:
      return {"status of the exception", Style::plain, "none"};
    case ChangeKind::class_unless_message:
      return {"message of the exception", Style::quoted, "none"};
    case ChangeKind::record_cite:
      return {"citation", Style::plain, "none"};
    case ChangeKind::record_title:
      return {"sentence", Style::quoted, "none"};
    case ChangeKind::record_revision:
      return {"revision", Style::plain, "none"};
    default:
      return {"", Style::plain, "none"};
  }
}

std::string styled(const std::string& text, Style style, Words words) {
  switch (style) {
    case Style::quoted:
      return quoted(text, words);
    case Style::code:
      return code(text);
    case Style::plain:
      break;
  }
  return prose(text, words);
}

std::string list(const std::vector<std::string>& items, Style style, Words words) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(style == Style::code ? code(i) : prose(i, words));
  return engine::join(out, ", ");
}

}  // namespace

std::string target_words(const Target& t, Words words) {
  switch (t.type) {
    case Target::Type::rule:
      return "";
    case Target::Type::case_:
      return fmt::format("case {} {}", t.position, code(t.text));
    case Target::Type::otherwise:
      return code("otherwise");
    case Target::Type::row:
      return "row " + code(t.label);
    case Target::Type::item:
      if (!t.label.empty()) return "item " + quoted(t.label, words);
      return fmt::format("{} item {}", code(t.text), t.position);
    case Target::Type::class_:
      return "class " + code(t.label + " " + t.text);
  }
  return "";
}

std::string change_words(const Change& c, Words words) {
  auto value = [&](const std::optional<std::string>& v, const Field& f) {
    return v ? styled(*v, f.style, words) : std::string(f.none);
  };
  switch (c.kind) {
    case ChangeKind::note_text:
      return fmt::format("note {} now reads {} (was {})", c.target.label,
                         quoted(c.after.value_or(""), words), quoted(c.before.value_or(""), words));
    case ChangeKind::case_added:
    case ChangeKind::item_added:
      return c.after ? "added: " + code(*c.after) : "added";
    case ChangeKind::case_removed:
    case ChangeKind::item_removed:
      return c.before ? "removed (was " + code(*c.before) + ")" : "removed";
    case ChangeKind::case_moved:
      return fmt::format("moved from place {} to place {} in the decision list",
                         c.before.value_or("?"), c.after.value_or("?"));
    case ChangeKind::row_added:
      return c.after && *c.after != c.target.label ? "added (" + prose(*c.after, words) + ")"
                                                   : "added";
    case ChangeKind::row_removed:
      return c.before && *c.before != c.target.label ? "removed (" + prose(*c.before, words) + ")"
                                                     : "removed";
    case ChangeKind::class_added:
      return c.after ? "added: " + quoted(*c.after, words) : "added";
    case ChangeKind::class_removed:
      return c.before ? "removed (was " + quoted(*c.before, words) + ")" : "removed";
    default:
      break;
  }
  const Field f = field_of(c.kind);
  std::string out = fmt::format("{} {} \u2192 {}", f.words, value(c.before, f), value(c.after, f));
  std::vector<std::string> parts;
  if (!c.added.empty()) parts.push_back("adds " + list(c.added, f.style, words));
  if (!c.removed.empty()) parts.push_back("drops " + list(c.removed, f.style, words));
  // What came and went, unless that is all there was on both sides (then it says nothing more).
  const bool replaced = engine::join(c.added, ", ") == c.after.value_or("") &&
                        engine::join(c.removed, ", ") == c.before.value_or("");
  if (!parts.empty() && c.before && c.after && !replaced)
    out += " (" + engine::join(parts, "; ") + ")";
  return out;
}

std::string describe(const Change& c, Words words) {
  const std::string where = target_words(c.target, words);
  return where.empty() ? change_words(c, words) : where + ": " + change_words(c, words);
}

std::string outline_change_text(const OutlineChange& c, Words words) {
  auto informational = [](bool yes) { return yes ? "informational" : "no longer informational"; };
  auto title = [&](const std::optional<std::string>& t) {
    return t ? quoted(*t, words) : std::string("none");
  };
  const std::string cite =
      words == Words::markdown ? code(c.cite.empty() ? c.label : c.cite) : c.cite;
  if (c.label.empty())
    return fmt::format("section {} now {}", cite, informational(c.informational_after));
  switch (c.what) {
    case OutlineChange::What::added:
      return fmt::format("clause {} added{}{}", cite, c.after ? " (" + title(c.after) + ")" : "",
                         c.informational_after ? ", informational" : "");
    case OutlineChange::What::removed:
      return fmt::format("clause {} removed{}", cite, c.before ? " (" + title(c.before) + ")" : "");
    case OutlineChange::What::changed:
      break;
  }
  std::vector<std::string> parts;
  if (c.before != c.after)
    parts.push_back(fmt::format("title {} \u2192 {}", title(c.before), title(c.after)));
  if (c.informational_before != c.informational_after)
    parts.push_back(std::string("now ") + informational(c.informational_after));
  return fmt::format("clause {}: {}", cite, engine::join(parts, ", "));
}

}  // namespace tekigo::dsl::diff
