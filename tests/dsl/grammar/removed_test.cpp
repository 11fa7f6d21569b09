// tests/dsl: the `removed` item — an entry the document removed, kept so that its numbering
// stays readable: how it parses (its fields, its doc comments, recovery when it is broken), the
// passes (its id is taken, it needs a citation but no sentence), and the compiled policy (not
// lowered, listed in PolicyInfo::removed with its citation composed as a rule's).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dsl/compiler.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;

namespace {

const std::string kHeader =
    "policy t { title \"t\" revision \"8\" effective 2026-01-01 source \"s\" }\n";

std::vector<std::string> codes(const std::vector<dsl::Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d.code);
  return out;
}

}  // namespace

TEST_CASE("removed: every field parses, in order, with spans", "[dsl][removed]") {
  const std::string text = kHeader +
                           "section \"§3(3) 別表\" {\n"
                           "  # No longer in the document.\n"
                           "  removed conflict-09 cite \"#9\" \"IE 8 must not be installed.\" "
                           "revision \"第8版\"\n"
                           "  removed conflict-10\n"
                           "  check c \"C.\" { expect os.family == windows }\n"
                           "}\n";
  dsl::SourceFile source("t.tkg", text);
  auto parsed = dsl::parse(source);
  INFO(dsl::render_all(parsed.diagnostics, source));
  REQUIRE(parsed.diagnostics.empty());
  const auto& items = parsed.file.items.at(0).section->items;
  REQUIRE(items.size() == 3);
  REQUIRE(items[0].removed);
  const auto& r = *items[0].removed;
  CHECK(r.id.value == "conflict-09");
  CHECK(source.slice(r.id.span) == "conflict-09");
  REQUIRE(r.cite);
  CHECK(r.cite->value == "#9");
  REQUIRE(r.title);
  CHECK(r.title->value == "IE 8 must not be installed.");
  REQUIRE(r.revision);
  CHECK(r.revision->value == "第8版");
  REQUIRE(r.doc.size() == 1);
  CHECK(r.doc[0].text == " No longer in the document.");
  REQUIRE(items[1].removed);
  CHECK(items[1].removed->id.value == "conflict-10");
  CHECK(!items[1].removed->cite);
  CHECK(!items[1].removed->title);
  CHECK(!items[1].removed->revision);
  CHECK(items[2].rule);
}

TEST_CASE("removed: a broken entry is one error, and the next item still parses",
          "[dsl][removed]") {
  const std::string text = kHeader +
                           "section \"§1\" {\n"
                           "  removed cite \"#9\"\n"
                           "  check c \"C.\" { expect os.family == windows }\n"
                           "  removed revision \"8\"\n"
                           "}\n";
  dsl::SourceFile source("t.tkg", text);
  auto parsed = dsl::parse(source);
  CHECK(codes(parsed.diagnostics) == std::vector<std::string>{"E0001", "E0001"});
  CHECK(parsed.diagnostics[0].message.find("the id the removed rule had") != std::string::npos);
  const auto& items = parsed.file.items.at(0).section->items;
  REQUIRE(items.size() == 1);
  CHECK(items[0].rule);
}

TEST_CASE("removed: its id must be no rule's and no other entry's (E0101)", "[dsl][removed]") {
  auto compiled =
      dsl::compile_text("t.tkg", kHeader +
                                     "section \"§1\" {\n"
                                     "  check c \"C.\" { expect os.family == windows }\n"
                                     "  removed c\n"
                                     "  removed d\n"
                                     "  removed d\n"
                                     "}\n");
  REQUIRE(codes(compiled.diagnostics) == std::vector<std::string>{"E0101", "E0101"});
  CHECK(compiled.diagnostics[0].message == "`c` is both a rule and a `removed` entry");
  CHECK(compiled.diagnostics[1].message == "`d` is recorded as removed twice");
  CHECK(compiled.diagnostics[0].notes.size() == 1);
  CHECK(!compiled.ok());
}

TEST_CASE("removed: outside every section it needs a cite (E0105), never a sentence",
          "[dsl][removed]") {
  auto without = dsl::compile_text("t.tkg", kHeader +
                                                "removed gone\n"
                                                "check c cite \"§1\" \"C.\" { expect os.family "
                                                "== windows }\n");
  REQUIRE(codes(without.diagnostics) == std::vector<std::string>{"E0105"});
  CHECK(without.diagnostics[0].message == "removed entry `gone` cites no clause of the document");
  auto with = dsl::compile_text("t.tkg", kHeader +
                                             "removed gone cite \"§2\"\n"
                                             "check c cite \"§1\" \"C.\" { expect os.family == "
                                             "windows }\n");
  CHECK(with.diagnostics.empty());
  CHECK(with.ok());
}

TEST_CASE("removed: not lowered, listed in the policy's info with its citation composed",
          "[dsl][removed]") {
  auto compiled = dsl::compile_text(
      "t.tkg", kHeader +
                   "section \"§3(3) 別表\" \"software\" {\n"
                   "  removed conflict-09 cite \"#9\" \"IE 8 must not be installed.\" revision "
                   "\"第8版\"\n"
                   "  check c cite \"#1\" \"C.\" { expect os.family == windows }\n"
                   "  removed conflict-10 cite \"VPN #10\"\n"
                   "  removed conflict-11\n"
                   "}\n"
                   "removed top cite \"#4\"\n");
  INFO(dsl::render_all(compiled.diagnostics, *compiled.source));
  REQUIRE(compiled.ok());
  const auto& info = compiled.policy->info;
  REQUIRE(info.rules.size() == 1);
  CHECK(compiled.policy->graph->rules().size() == 1);
  REQUIRE(info.removed.size() == 4);
  CHECK(info.removed[0].id == "conflict-09");
  CHECK(info.removed[0].cite == "§3(3) 別表 #9");
  CHECK(info.removed[0].title == "IE 8 must not be installed.");
  CHECK(info.removed[0].revision == "第8版");
  CHECK(info.removed[1].cite == "§3(3) 別表 VPN #10");
  CHECK(info.removed[2].cite == "§3(3) 別表");
  CHECK(info.removed[2].title.empty());
  CHECK(info.removed[3].cite == "#4");
  REQUIRE(compiled.file);
  CHECK(compiled.file->items.size() == 2);
}
