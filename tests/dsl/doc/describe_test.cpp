// tests/dsl/doc: a policy described as its document (dsl::doc::describe_policy) — on small
// policies for each construct's words, and on the frozen fixture registry-2020 for the
// document's tables (matrix rows with their byte figures, names, flows, 別表 items).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "dsl/compiler.hpp"
#include "dsl/doc/describe.hpp"

using namespace tekigo;

namespace {

const std::string kHeader =
    "policy t { title \"T\" revision \"1\" effective 2026-01-01 source \"s\" }\n";

engine::PolicyDocument describe(const std::string& body) {
  auto compiled = dsl::compile_text("t.tkg", kHeader + body);
  INFO(body);
  REQUIRE(compiled.ok());
  return dsl::doc::describe_policy(*compiled.file, compiled.policy->info, *compiled.source);
}

engine::PolicyDocument fixture() {
  auto compiled = dsl::compile_file(TEKIGO_SOURCE_DIR "/tests/fixtures/policies/registry-2020.tkg");
  REQUIRE(compiled.ok());
  return dsl::doc::describe_policy(*compiled.file, compiled.policy->info, *compiled.source);
}

const engine::DocSection& section(const engine::PolicyDocument& doc, const std::string& cite) {
  for (const auto& s : doc.sections)
    if (s.cite == cite) return s;
  FAIL("no section " << cite);
  return doc.sections.front();
}

const engine::DocRule& rule(const engine::DocSection& s, const std::string& id) {
  for (const auto& r : s.rules)
    if (r.id == id) return r;
  FAIL("no rule " << id);
  return s.rules.front();
}

}  // namespace

TEST_CASE("doc: conditions in words, in both languages") {
  auto doc = describe(
      "section \"§9\" \"S\" {\n"
      "  forbid f cite \"#1\" \"Nothing like it.\" {\n"
      "    software \"X\" { name ~ \"^x( |$)\" and not (publisher ~ \"microsoft\") }\n"
      "    when \"RRAS\" os.family == windows and any services (name == \"RemoteAccess\" and "
      "state == running)\n"
      "  }\n"
      "}\n");
  const auto& f = rule(section(doc, "§9"), "f");
  CHECK(f.cite == "§9 #1");
  CHECK(f.own_cite == "#1");
  REQUIRE(f.items.size() == 2);
  CHECK(f.items[0].label.en == "X");
  CHECK(f.items[0].condition.en ==
        "`name` matches `^x( |$)` and not (`publisher` matches `microsoft`)");
  CHECK(f.items[0].condition.ja ==
        "`name` が `^x( |$)` に一致、かつ 「`publisher` が `microsoft` に一致」ではない");
  CHECK(f.items[1].condition.en ==
        "`os.family` is `windows` and some entry of `services` has: (`name` is `RemoteAccess` "
        "and `state` is `running`)");
  CHECK(f.items[1].kind.en == "Condition");
  CHECK(f.items[0].kind.ja == "インストール済みソフトウェア");
}

TEST_CASE("doc: check and manual clauses keep their order, status and message") {
  auto doc = describe(
      "check c cite \"§1\" \"Release.\" {\n"
      "  applies when os.family == windows\n"
      "  fail when os.release <= 1903 \"Too old.\"\n"
      "  otherwise pass \"Fine.\"\n"
      "}\n"
      "manual m cite \"§2\" \"Attest it.\" {\n"
      "  expect attested.lb == false \"A load balancer.\"\n"
      "}\n");
  REQUIRE(doc.loose_rules.size() == 2);
  const auto& c = doc.loose_rules[0];
  CHECK(c.applies.en == "`os.family` is `windows`");
  REQUIRE(c.cases.size() == 2);
  CHECK(c.cases[0].kind == engine::DocCase::Kind::when);
  CHECK(c.cases[0].status == "fail");
  CHECK(c.cases[0].condition.en == "`os.release` is at most `1903`");
  CHECK(c.cases[0].condition.ja == "`os.release` が `1903` 以下");
  CHECK(c.cases[0].message.en == "Too old.");
  CHECK(c.cases[1].kind == engine::DocCase::Kind::otherwise);
  const auto& m = doc.loose_rules[1];
  CHECK(m.kind == "manual");
  REQUIRE(m.cases.size() == 1);
  CHECK(m.cases[0].kind == engine::DocCase::Kind::expect);
  CHECK(m.cases[0].condition.en == "`attested.lb` is `false`");
}

TEST_CASE("doc: the fixture's support matrix, with byte figures") {
  auto doc = fixture();
  const auto& m = rule(section(doc, "§3(1)"), "terminal");
  REQUIRE(m.rows.size() == 5);
  CHECK(m.rows[0].label == "1");
  CHECK(m.rows[0].title.en == "Windows 7 SP1 or later");
  CHECK(m.rows[0].os.en == "Windows 7, Service Pack 1 or later");
  CHECK(m.rows[0].os.ja == "Windows 7（Service Pack 1 以降）");
  CHECK(m.rows[0].browsers.en == "Internet Explorer 9–11");
  CHECK(m.rows[0].disk.en == "at least 100MiB (104,857,600 bytes)");
  CHECK(m.rows[0].disk.ja == "100MiB（104,857,600 バイト）以上");
  CHECK(m.rows[1].os.en == "Windows 8.1, except edition `CoreARM`");
  CHECK(m.rows[2].os.en == "Windows 10, release 1909, 2004 or 20H2");
  CHECK(m.rows[2].browsers.en == "Internet Explorer 11, Microsoft Edge");
  CHECK(m.rows[3].disk.en == "at least 50MiB (52,428,800 bytes)");
  CHECK(m.rows[4].os.en == "macOS 10.13 or 10.14");
  CHECK_FALSE(m.rows[0].warn.empty());
}

TEST_CASE("doc: the fixture's names, flows and 別表") {
  auto doc = fixture();
  const auto& names = section(doc, "§3(2)");
  const auto& sec = rule(names, "sec-name");
  CHECK(sec.name == "sec.ccr.ncc.go.jp.");
  CHECK(sec.addresses == std::vector<std::string>{"219.97.232.64"});
  CHECK(sec.direct);
  CHECK_FALSE(rule(names, "mio-name").direct);
  CHECK(names.notes.size() == 2);

  const auto& flow = rule(section(doc, "§4(2)"), "vpn-client-service");
  CHECK(flow.protocols == std::vector<std::string>{"tcp", "udp"});
  CHECK(flow.ports == std::vector<std::string>{"443"});
  CHECK(flow.to == "sec.ccr.ncc.go.jp");
  CHECK(flow.own_cite == "VPN #1");

  const auto& table = section(doc, "§3(3) 別表");
  CHECK(rule(table, "conflict-07").cite == "§3(3) 別表 #7");
  CHECK(rule(table, "conflict-12").kind == "manual");
  CHECK(rule(table, "conflict-01").items.size() == 3);
  CHECK(rule(table, "conflict-01").where.find("registry-2020.tkg:") != std::string::npos);
}
