// tests/dsl/diff: the model of the semantic diff — dsl::diff::diff_policies on small
// policies: what gives no diff (layout, comments, order where order does not count, values
// written differently that mean the same), and each kind of change, found where it is. The
// `from`/`until` windows and the ranges of `os` clauses are set on the AST by hand: the parser
// learns them on another branch.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "dsl/compiler.hpp"
#include "dsl/diff/policy_diff.hpp"
#include "dsl/diff/writers.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;
using dsl::diff::ChangeKind;
using dsl::diff::EntryDiff;
using dsl::diff::PolicyDiff;

namespace {

const std::string kHeader =
    "policy t { title \"T\" revision \"1\" effective 2026-01-01 source \"s\" }\n";

// A policy parsed (without error), its AST open to changes by hand.
struct Parsed {
  std::unique_ptr<dsl::SourceFile> source;
  dsl::ParseResult parsed;
  explicit Parsed(const std::string& body, const std::string& header = kHeader)
      : source(std::make_unique<dsl::SourceFile>("t.tkg", header + body)),
        parsed(dsl::parse(*source)) {
    INFO(dsl::render_all(parsed.diagnostics, *source));
    REQUIRE(parsed.diagnostics.empty());
  }
  dsl::ast::Rule& rule(std::size_t section, std::size_t item) {
    return *parsed.file.items.at(section).section->items.at(item).rule;
  }
};

// Both compile without error (the diff compares checked policies), then the diff.
PolicyDiff diff_of(const std::string& old_body, const std::string& new_body,
                   const std::string& old_header = kHeader,
                   const std::string& new_header = kHeader) {
  auto a = dsl::compile_text("old.tkg", old_header + old_body);
  auto b = dsl::compile_text("new.tkg", new_header + new_body);
  INFO(dsl::render_all(a.diagnostics, *a.source) << dsl::render_all(b.diagnostics, *b.source));
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  return dsl::diff::diff_policies({*a.file, *a.source}, {*b.file, *b.source});
}

PolicyDiff diff_of(const Parsed& a, const Parsed& b) {
  return dsl::diff::diff_policies({a.parsed.file, *a.source}, {b.parsed.file, *b.source});
}

// The one changed rule's changes, each in words.
std::vector<std::string> words(const PolicyDiff& d) {
  std::vector<std::string> out;
  for (const auto& e : d.entries)
    for (const auto& c : e.changes) out.push_back(dsl::diff::describe(c));
  return out;
}

std::vector<ChangeKind> kinds(const PolicyDiff& d) {
  std::vector<ChangeKind> out;
  for (const auto& e : d.entries)
    for (const auto& c : e.changes) out.push_back(c.kind);
  return out;
}

const std::string kMatrix = R"tkg(section "§3(1)" "OS" {
  note ※1 "Support ended."
  matrix terminal "Supported combinations." {
    row "1" "Windows 7" {
      os windows 7 service_pack >= 1
      browsers ie 9..11
      disk >= 100MiB
      warn "Windows 7 is out of support." notes ※1
    }
    row "3" "Windows 10" {
      os windows 10 release 1909, 2004, 20H2 except edition CoreARM
      browsers ie 11, edge
      disk >= 100MiB
    }
  }
}
)tkg";

const std::string kRules = R"tkg(section "§3(2)" "names" {
  resolve sec-name cite "#2" "sec must resolve." {
    name sec.example.jp.
    address 192.0.2.1, 192.0.2.2
    direct
  }
}
section "§3(3) 別表" "software" {
  forbid conflict-01 cite "#1" "Adobe and Apple." {
    software "Bonjour" { name ~ "^bonjour" }
    software "iTunes" { name ~ "^itunes( |$)" }
    software { name ~ "quicktime" and version == 7.x }
  }
  forbid conflict-02 cite "#2" "AT&T." {
    software "AT&T Manager" { name ~ "at&t.*manager" and (version == 6.2 or version == 6.7) }
    when "RAS running" os.family == windows and any services (name == "RemoteAccess" and state == running)
  }
}
section "§4(2)" "traffic" {
  flow vpn cite "VPN #1" "443 must pass." {
    protocol tcp, udp
    direction out
    from any
    to sec.example.jp
    address 192.0.2.1
    port 443
    purpose "Client Service"
  }
}
section "補足1" "software used" {
  check vpn-software "The VPN software is AnyConnect 4.9." {
    applies when os.family == windows
    pass when any software (name ~ "anyconnect" and version == 4.9.05042) "4.9 installed."
    warn when any software (name ~ "anyconnect|secure client") "Another version."
    otherwise warn "Not installed yet."
  }
}
section "§2(1)" "line" {
  line line-type "The line must be allowed." {
    recommended fiber "Fibre."
    usable isdn, adsl "ISDN / ADSL."
    unusable leased_line, closed_ip_vpn "No Internet."
      unless network.internet_via_datacenter warn "Via a data centre."
  }
}
)tkg";

}  // namespace

TEST_CASE("diff: a policy against itself, and the frozen registry policy, give no diff",
          "[dsl][diff]") {
  CHECK(diff_of(kMatrix + kRules, kMatrix + kRules).empty());
  auto fixture = dsl::compile_file(TEKIGO_SOURCE_DIR "/tests/fixtures/policies/registry-2020.tkg");
  REQUIRE(fixture.ok());
  auto d =
      dsl::diff::diff_policies({*fixture.file, *fixture.source}, {*fixture.file, *fixture.source});
  CHECK(d.empty());
  CHECK(dsl::diff::write_text(d).find("no change in meaning") != std::string::npos);
}

TEST_CASE("diff: layout, comments and values written differently that mean the same",
          "[dsl][diff]") {
  // Reformatted: white space, comments, `;`, `100 MiB`, strings for words and host names,
  // `4.9.5042` for `4.9.05042`, `ie 11..11` for `ie 11`, operands of `and` swapped, sets
  // (releases, addresses, ports, protocols, lines, editions) in another order.
  const std::string reformatted = R"tkg(section "§3(1)" "OS" {
  note ※1 "Support ended."
  # the table
  matrix terminal "Supported combinations." {
    row "3" "Windows 10" { os windows 10 release 20H2, 1909, 2004 except edition "CoreARM"; browsers edge, ie 11..11; disk >= 100 MiB }
    row "1" "Windows 7" {
      os windows 7 service_pack >= 1 ; browsers ie 9..11
      disk >= 104857600B   # 100 MiB in bytes
      warn "Windows 7 is out of support." notes ※1
    }
  }
}
section "§3(2)" "names" {
  resolve sec-name cite "#2" "sec must resolve." { name "SEC.example.jp"; address 192.0.2.2, 192.0.2.1; direct }
}
section "§3(3) 別表" "software" {
  forbid conflict-01 cite "#1" "Adobe and Apple." {
    software "iTunes" { name ~ "^itunes( |$)" }
    software { version == 7.X and name ~ "quicktime" }
    software "Bonjour" { name ~ "^bonjour" }
  }
}
section "§3(3) 別表" "software" {
  forbid conflict-02 cite "#2" "AT&T." {
    when "RAS running" any services (state == "running" and name == "remoteaccess") and os.family == "windows"
    software "AT&T Manager" { (version == 6.7 or version == 6.2) and name ~ "at&t.*manager" }
  }
}
section "§4(2)" "traffic" {
  flow vpn cite "VPN #1" "443 must pass." {
    port 443; protocol udp, "tcp"
    to sec.example.jp.
    address 192.0.2.1
    purpose "Client Service"
  }
}
section "補足1" "software used" {
  check vpn-software "The VPN software is AnyConnect 4.9." {
    applies when os.family == windows
    pass when any software (version == 4.9.5042 and name ~ "anyconnect") "4.9 installed."
    warn when any software (name ~ "anyconnect|secure client") "Another version."
    otherwise warn "Not installed yet."
  }
}
section "§2(1)" "line" {
  line line-type "The line must be allowed." {
    unusable closed_ip_vpn, leased_line "No Internet." unless network.internet_via_datacenter warn "Via a data centre."
    usable adsl, isdn "ISDN / ADSL."
    recommended "fiber" "Fibre."
  }
}
)tkg";
  auto d = diff_of(kMatrix + kRules, reformatted);
  INFO(dsl::diff::write_text(d));
  CHECK(d.empty());
}

TEST_CASE("diff: the header, by field; the effective date as a date", "[dsl][diff]") {
  auto d = diff_of(kMatrix, kMatrix, kHeader,
                   "policy t { title \"T2\" revision \"2\" effective 2026-01-01 source \"s\" }\n");
  REQUIRE(d.header.size() == 2);
  CHECK(d.header[0].field == "title");
  CHECK(d.header[0].before == "T");
  CHECK(d.header[0].after == "T2");
  CHECK(d.header[1].field == "revision");
  CHECK(d.entries.empty());
}

TEST_CASE("diff: rules added and removed; a removal NEW records with `removed`", "[dsl][diff]") {
  const std::string a = R"tkg(section "§3(3) 別表" {
  forbid conflict-08 cite "#8" "McAfee." { software "McAfee" { name ~ "mcafee" } }
  forbid conflict-09 cite "#9" "IE 8." { software "IE 8" { name ~ "internet explorer 8" } }
  forbid conflict-10 cite "#10" "RAS." { software "RAS" { name ~ "ras" } }
}
)tkg";
  const std::string b = R"tkg(section "§3(3) 別表" {
  forbid conflict-08 cite "#8" "McAfee." { software "McAfee" { name ~ "mcafee" } }
  removed conflict-09 cite "#9" "IE 8." revision "第8版"
  forbid conflict-22 cite "#22" "New." { software "New" { name ~ "new" } }
}
)tkg";
  auto d = diff_of(a, b);
  REQUIRE(d.entries.size() == 3);
  CHECK(d.entries[0].what == EntryDiff::What::rule_removed);
  CHECK(d.entries[0].id == "conflict-09");
  CHECK(d.entries[0].cite == "§3(3) 別表 #9");
  REQUIRE(d.entries[0].recorded);
  CHECK(d.entries[0].recorded->revision == "第8版");
  // What NEW no longer has comes where OLD had it: #10 after #9 (recorded), before NEW's #22.
  CHECK(d.entries[1].what == EntryDiff::What::rule_removed);
  CHECK(d.entries[1].id == "conflict-10");
  CHECK(!d.entries[1].recorded);
  CHECK(d.entries[2].what == EntryDiff::What::rule_added);
  CHECK(d.entries[2].id == "conflict-22");
  CHECK(d.count(EntryDiff::What::rule_removed) == 2);
  const std::string md = dsl::diff::write_markdown(d);
  INFO(md);
  CHECK(md.find("- §3(3) 別表 #9 (`conflict-09`) removed in 第8版: IE 8.\n") != std::string::npos);
  CHECK(md.find("(`conflict-10`) removed in 1\n") != std::string::npos);
  const std::string text = dsl::diff::write_text(d);
  CHECK(text.find("conflict-09  forbid  §3(3) 別表 #9  removed, recorded as `removed` in NEW "
                  "(第8版)") != std::string::npos);
  CHECK(text.find("conflict-10  forbid  §3(3) 別表 #10  removed (NEW does not record it") !=
        std::string::npos);
}

TEST_CASE("diff: `removed` entries added, dropped, changed, and a rule that comes back",
          "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" {
  removed old-1 cite "#1" revision "7"
  removed old-2 cite "#2"
  removed back cite "#3"
  check c "C." { expect os.family == windows }
}
)tkg";
  const std::string b = R"tkg(section "§1" {
  removed old-1 cite "#1" revision "第7版"
  removed old-4 cite "#4"
  check back cite "#3" "Back." { expect os.family == macos }
  check c "C." { expect os.family == windows }
}
)tkg";
  auto d = diff_of(a, b);
  REQUIRE(d.entries.size() == 4);
  CHECK(d.entries[0].what == EntryDiff::What::record_changed);
  REQUIRE(d.entries[0].changes.size() == 1);
  CHECK(d.entries[0].changes[0].kind == ChangeKind::record_revision);
  CHECK(d.entries[1].what == EntryDiff::What::record_dropped);
  CHECK(d.entries[1].id == "old-2");
  CHECK(d.entries[2].what == EntryDiff::What::record_added);
  CHECK(d.entries[2].id == "old-4");
  CHECK(d.entries[3].what == EntryDiff::What::rule_added);
  CHECK(d.entries[3].id == "back");
  CHECK(d.entries[3].recorded);
}

TEST_CASE("diff: a rule's head — citation, sentence, notes, kind", "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" {
  note ※1 "One."
  note ※2 "Two."
  check c cite "#1" "C." notes ※1 { expect os.family == windows }
  check k "K." { expect os.family == windows }
}
)tkg";
  const std::string b = R"tkg(section "§1" {
  note ※1 "One."
  note ※2 "Two."
  check c cite "#2" "C, reworded." notes ※1, ※2 { expect os.family == windows }
  manual k "K." { expect os.family == windows }
}
)tkg";
  auto d = diff_of(a, b);
  CHECK(kinds(d) == std::vector<ChangeKind>{ChangeKind::cite, ChangeKind::sentence,
                                            ChangeKind::notes, ChangeKind::kind});
  CHECK(words(d) == std::vector<std::string>{
                        "citation §1 #1 → §1 #2",
                        "sentence “C.” → “C, reworded.”",
                        "notes ※1 → ※1, ※2 (adds ※2)",
                        "kind check → manual",
                    });
}

TEST_CASE(
    "diff: moving a rule to another clause changes its citation; to a section of the "
    "same citation, nothing",
    "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" { check c "C." { expect os.family == windows } }
section "§2" { check d "D." { expect os.family == windows } }
)tkg";
  const std::string same = R"tkg(section "§2" { check d "D." { expect os.family == windows } }
section "§1" { }
section "§1" { check c "C." { expect os.family == windows } }
)tkg";
  CHECK(diff_of(a, same).empty());
  const std::string moved = R"tkg(section "§1" { }
section "§2" { check d "D." { expect os.family == windows }
  check c "C." { expect os.family == windows } }
)tkg";
  auto d = diff_of(a, moved);
  CHECK(words(d) == std::vector<std::string>{"citation §1 → §2"});
  CHECK(d.entries.at(0).clause == "§2");
}

TEST_CASE("diff: a note's text — once per note, and once in each rule that carries it",
          "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" {
  note ※1 "Old words."
  note ※2 "Unchanged."
  check c "C." notes ※1 { expect os.family == windows "Not Windows." notes ※1 }
  check d "D." { expect os.family == windows "Not Windows." notes ※2 }
  check e "E." { fail when os.family == macos notes ※1 }
}
)tkg";
  std::string b = a;
  b.replace(b.find("Old words."), 10, "New words.");
  auto d = diff_of(a, b);
  REQUIRE(d.notes.size() == 1);
  CHECK(d.notes[0].clause == "§1");
  CHECK(d.notes[0].label == "※1");
  CHECK(d.notes[0].before == "Old words.");
  CHECK(d.notes[0].after == "New words.");
  CHECK(d.notes[0].rules == std::vector<std::string>{"c", "e"});
  REQUIRE(d.entries.size() == 2);
  CHECK(d.entries[0].id == "c");
  CHECK(words(d) == std::vector<std::string>{"note ※1 now reads “New words.” (was “Old words.”)",
                                             "note ※1 now reads “New words.” (was “Old words.”)"});
}

TEST_CASE(
    "diff: a decision list — cases added, removed, moved, rewritten; status, message, "
    "notes, otherwise, applies",
    "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" {
  note ※1 "N."
  check c "C." {
    applies when os.family == windows
    fail when os.release <= 1903 "Too old."
    warn when os.release == 1909 "Old."
    pass when os.release >= 2004 "Fine."
    unknown when os.edition == "x"
  }
}
)tkg";
  const std::string b = R"tkg(section "§1" {
  note ※1 "N."
  check c "C." {
    applies when os.family == windows and os.version == 10
    pass when os.release >= 2004 "Fine." notes ※1
    fail when os.release <= 2004 "Too old now."
    warn when os.release == 1909 "Old."
    fail when os.edition == "y"
    otherwise warn
  }
}
)tkg";
  auto d = diff_of(a, b);
  INFO(dsl::diff::write_text(d));
  CHECK(words(d) == std::vector<std::string>{
                        "applies when `os.family == windows` → `os.family == windows and "
                        "os.version == 10`",
                        "case 1 `pass when os.release >= 2004`: moved from place 3 to place 1 in "
                        "the decision list",
                        "case 1 `pass when os.release >= 2004`: notes none → ※1",
                        "case 2 `fail when os.release <= 2004`: condition `os.release <= 1903` → "
                        "`os.release <= 2004`",
                        "case 2 `fail when os.release <= 2004`: message “Too old.” → “Too old "
                        "now.”",
                        "case 4 `fail when os.edition == \"y\"`: condition `os.edition == \"x\"` → "
                        "`os.edition == \"y\"`",
                        "case 4 `fail when os.edition == \"y\"`: status unknown → fail",
                        "`otherwise`: status fail → warn",
                    });
}

TEST_CASE("diff: a case added at the end and one removed from the middle", "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" { check c "C." {
    fail when os.version == 7 "a"
    fail when os.version == 8 "b"
    fail when os.version == 9 "c"
  } }
)tkg";
  const std::string b = R"tkg(section "§1" { check c "C." {
    fail when os.version == 7 "a"
    fail when os.version == 9 "c"
    warn when os.version == 10 "d"
  } }
)tkg";
  auto d = diff_of(a, b);
  CHECK(words(d) == std::vector<std::string>{
                        "case 2 `fail when os.version == 8`: removed (was `fail when os.version "
                        "== 8 \"b\"`)",
                        "case 3 `warn when os.version == 10`: added: `warn when os.version == 10 "
                        "\"d\"`",
                    });
}

TEST_CASE("diff: matrix rows — added and removed by label, each part of a row", "[dsl][diff]") {
  const std::string b = R"tkg(section "§3(1)" "OS" {
  note ※1 "Support ended."
  matrix terminal "Supported combinations." {
    row "3" "Windows 10 and 11" {
      os windows 10, 11 release 2004, 20H2, 22H2, 23H2 except edition CoreARM, CloudEdition
      browsers edge, chrome
      disk >= 200MB
      when disk.system_free_bytes >= 1GB
      warn "Check the edition."
    }
    row "6" "macOS 12" {
      os macos 12
      browsers safari
    }
  }
}
)tkg";
  auto d = diff_of(kMatrix, b);
  INFO(dsl::diff::write_text(d));
  CHECK(words(d) == std::vector<std::string>{
                        "row `3`: title “Windows 10” → “Windows 10 and 11”",
                        "row `3`: versions 10 → 10, 11 (adds 11)",
                        "row `3`: releases 1909, 2004, 20H2 → 2004, 20H2, 22H2, 23H2 (adds 22H2, "
                        "23H2; drops 1909)",
                        "row `3`: excluded editions CoreARM → CoreARM, CloudEdition (adds "
                        "CloudEdition)",
                        "row `3`: browsers ie 11, edge → edge, chrome (adds chrome; drops ie 11)",
                        "row `3`: minimum free disk space 100MiB → 200MB",
                        "row `3`: condition none → `disk.system_free_bytes >= 1GB`",
                        "row `3`: warning none → “Check the edition.”",
                        "row `6`: added (macOS 12)",
                        "row `1`: removed (Windows 7)",
                    });
}

TEST_CASE("diff: a row's service pack, warning notes and OS family", "[dsl][diff]") {
  std::string b = kMatrix;
  b.replace(b.find("service_pack >= 1"), 17, "service_pack >= 2");
  const std::string notes = " notes ※1";
  b.replace(b.find(notes), notes.size(), "");
  b.replace(b.find("os windows 10"), 13, "os macos 10");
  auto d = diff_of(kMatrix, b);
  CHECK(words(d) == std::vector<std::string>{
                        "row `1`: minimum service pack 1 → 2",
                        "row `1`: notes of the warning ※1 → none",
                        "row `3`: OS windows → macos",
                    });
}

TEST_CASE(
    "diff: resolve and flow — name, addresses, direct, protocols, ports, destination, "
    "source port, purpose",
    "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" {
  resolve r "R." { name a.example.jp; address 192.0.2.1; direct }
  flow f "F." { protocol tcp; to a.example.jp; address 192.0.2.1; port 443; purpose "P" }
}
)tkg";
  const std::string b = R"tkg(section "§1" {
  resolve r "R." { name b.example.jp; address 192.0.2.1, 2001:db8::1 }
  flow f "F." { protocol tcp, udp; from port 1024; to b.example.jp; address 192.0.2.9; port 443, 4500; purpose "Q" }
}
)tkg";
  auto d = diff_of(a, b);
  CHECK(words(d) == std::vector<std::string>{
                        "name a.example.jp → b.example.jp",
                        "addresses 192.0.2.1 → 192.0.2.1, 2001:db8::1 (adds 2001:db8::1)",
                        "direct resolution required yes → no",
                        "protocols tcp → tcp, udp (adds udp)",
                        "source port any → port 1024",
                        "destination a.example.jp → b.example.jp",
                        "ports 443 → 443, 4500 (adds 4500)",
                        "addresses 192.0.2.1 → 192.0.2.9",
                        "purpose “P” → “Q”",
                    });
}

TEST_CASE("diff: forbid items — by label, else kind and place; pattern, version, condition",
          "[dsl][diff]") {
  const std::string b = R"tkg(section "§3(2)" "names" {
  resolve sec-name cite "#2" "sec must resolve." {
    name sec.example.jp.
    address 192.0.2.1, 192.0.2.2
    direct
  }
}
section "§3(3) 別表" "software" {
  forbid conflict-01 cite "#1" "Adobe and Apple." {
    software "Bonjour Print Services" { name ~ "^bonjour" }
    adapter "iTunes" { description ~ "^itunes( |$)" }
    software { name ~ "quicktime player" and version == 7.x }
  }
  forbid conflict-02 cite "#2" "AT&T." {
    software "AT&T Manager" { name ~ "at&t.*manager" and (version == 6.2 or version == 6.8) }
    when "RAS running" os.family == windows and any services (name == "RAS")
    lsp "LSP" { name is present }
  }
}
)tkg";
  const std::string a_rules = kRules.substr(0, kRules.find("section \"§4(2)\""));
  auto d = diff_of(a_rules, b);
  INFO(dsl::diff::write_text(d));
  CHECK(words(d) == std::vector<std::string>{
                        "item “Bonjour Print Services”: label “Bonjour” → “Bonjour Print "
                        "Services”",
                        "item “iTunes”: kind software → adapter",
                        "item “iTunes”: condition `name ~ \"^itunes( |$)\"` → `description ~ "
                        "\"^itunes( |$)\"`",
                        "`software` item 2: pattern `quicktime` → `quicktime player`",
                        "item “AT&T Manager”: version `version == 6.7` → `version == 6.8`",
                        "item “RAS running”: condition `os.family == windows and any services "
                        "(name == \"RemoteAccess\" and state == running)` → `os.family == windows "
                        "and any services (name == \"RAS\")`",
                        "item “LSP”: added: `name is present`",
                    });
}

TEST_CASE("diff: line classes — lines, messages, notes, the exception", "[dsl][diff]") {
  const std::string a = R"tkg(section "§2(1)" {
  note ※1 "N."
  line l "L." {
    recommended fiber "Fibre."
    usable isdn, adsl "ISDN / ADSL."
    usable mobile "Mobile."
    unusable leased_line, closed_ip_vpn "No Internet."
      unless network.internet_via_datacenter warn "Via a data centre."
  }
}
)tkg";
  const std::string b = R"tkg(section "§2(1)" {
  note ※1 "N."
  line l "L." {
    recommended fiber, catv "Fibre or cable."
    usable isdn "ISDN." notes ※1
    unusable leased_line, closed_ip_vpn "No Internet."
      unless network.internet_via_datacenter fail "Via a data centre, still not."
  }
}
)tkg";
  auto d = diff_of(a, b);
  CHECK(words(d) == std::vector<std::string>{
                        "class `recommended fiber, catv`: lines fiber → fiber, catv (adds catv)",
                        "class `recommended fiber, catv`: message “Fibre.” → “Fibre or cable.”",
                        "class `usable isdn`: lines isdn, adsl → isdn (drops adsl)",
                        "class `usable isdn`: message “ISDN / ADSL.” → “ISDN.”",
                        "class `usable isdn`: notes none → ※1",
                        "class `unusable leased_line, closed_ip_vpn`: status of the exception "
                        "warn → fail",
                        "class `unusable leased_line, closed_ip_vpn`: message of the exception "
                        "“Via a data centre.” → “Via a data centre, still not.”",
                        "class `usable mobile`: removed (was “Mobile.”)",
                    });
}

TEST_CASE("diff: `from`/`until` windows on rules, cases, rows and forbid items (set on the AST)",
          "[dsl][diff]") {
  const std::string body = R"tkg(section "§1" {
  check c "C." { warn when any software (name ~ "anyconnect" and version == 4.8) "Old." }
  matrix m "M." { row "1" { os windows 10 } }
  forbid f "F." { software "x" { name ~ "x" } }
}
)tkg";
  Parsed a(body), b(body);
  auto date = [](const char* text) {
    dsl::ast::Operand o;
    o.kind = dsl::ast::Operand::Kind::number;
    o.text = text;
    return o;
  };
  b.rule(0, 0).in_force.from = date("2024-10-01");
  b.rule(0, 0).clauses.at(0).in_force.until = date("2024-09-30");
  b.rule(0, 1).rows.at(0).in_force.from = date("2024-10-01");
  b.rule(0, 1).rows.at(0).in_force.until = date("2025-03-31");
  b.rule(0, 2).items.at(0).in_force.until = date("2024-09-30");
  // The same day written as a string: the same window.
  a.rule(0, 2).items.at(0).in_force.until = date("2024-09-30");
  b.rule(0, 2).items.at(0).in_force.until->kind = dsl::ast::Operand::Kind::string;
  auto d = diff_of(a, b);
  CHECK(words(d) == std::vector<std::string>{
                        "in force always → from 2024-10-01",
                        "case 1 `warn when any software (name ~ \"anyconnect\" and version == "
                        "4.8)`: in force always → until 2024-09-30",
                        "row `1`: in force always → from 2024-10-01 until 2025-03-31",
                    });
  // And back: a window dropped.
  auto back = diff_of(b, a);
  CHECK(words(back).at(0) == "in force from 2024-10-01 → always");
}

TEST_CASE("diff: ranges and comparisons in `os` clauses (set on the AST)", "[dsl][diff]") {
  const std::string body = R"tkg(section "§1" {
  matrix m "M." {
    row "mac" { os macos 12, 13, 14 }
    row "win" { os windows 11 release 22H2, 23H2 }
  }
}
)tkg";
  Parsed a(body), b(body);
  auto spec = [](dsl::ast::CompareOp op, const char* value, const char* to = nullptr) {
    dsl::ast::VersionSpec s;
    s.op = op;
    s.value.kind = dsl::ast::Operand::Kind::number;
    s.value.text = value;
    if (to) {
      s.to = s.value;
      s.to->text = to;
    }
    return s;
  };
  auto& mac = b.rule(0, 0).rows.at(0).os->versions;
  mac = {spec(dsl::ast::CompareOp::eq, "12", "14")};
  auto& win = b.rule(0, 0).rows.at(1).os->releases;
  win = {spec(dsl::ast::CompareOp::ge, "22H2")};
  auto d = diff_of(a, b);
  CHECK(words(d) == std::vector<std::string>{
                        "row `mac`: versions 12, 13, 14 → 12..14",
                        "row `win`: releases 22H2, 23H2 → >= 22H2",
                    });
  // The same, with the release written `22h2`: releases compare as typed.
  Parsed c(body);
  c.rule(0, 0).rows.at(0).os->versions = {spec(dsl::ast::CompareOp::eq, "12", "14")};
  c.rule(0, 0).rows.at(1).os->releases = {spec(dsl::ast::CompareOp::ge, "22h2")};
  CHECK(diff_of(b, c).empty());
}

TEST_CASE("diff: the writers — text, Markdown grouped by clause in the document's order, JSON",
          "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" "One" {
  check a "A." { expect os.family == windows }
  check b "B." { expect os.family == windows }
}
section "§2" "Two" {
  check c "C." { expect os.family == windows }
}
)tkg";
  const std::string b = R"tkg(section "§1" "One" {
  check b "B." { expect os.family == macos }
}
section "§2" "Two, renamed" {
  check c "C." { expect os.family == windows }
  check d "D." { expect os.family == linux }
}
)tkg";
  auto d = diff_of(a, b);
  const std::string md = dsl::diff::write_markdown(d);
  INFO(md);
  CHECK(md.find("# 更新履歴 — T\n") == 0);
  const auto one = md.find("\n## §1 One\n"), two = md.find("\n## §2 Two, renamed\n");
  REQUIRE(one != std::string::npos);
  REQUIRE(two != std::string::npos);
  CHECK(one < two);
  CHECK(md.find("- §1 (`a`) removed in 1\n") > one);
  CHECK(md.find("- §1 check `b`: case 1 `expect os.family == macos`: condition `os.family == "
                "windows` → `os.family == macos`\n") != std::string::npos);
  CHECK(md.find("- section title “Two” → “Two, renamed”\n") > two);
  CHECK(md.find("- §2 check `d` added: D.\n") > two);
  const std::string json = dsl::diff::write_json(d);
  CHECK(json.find("\"schema\": \"tekigo.diff/1\"") != std::string::npos);
  CHECK(json.find("\"changed\": true") != std::string::npos);
  CHECK(json.find("\"kind\": \"case-condition\", \"target\": {\"type\": \"case\", \"text\": "
                  "\"expect os.family == macos\", \"position\": 1}") != std::string::npos);
  const std::string text = dsl::diff::write_text(d);
  CHECK(text.find("rules: 2 added") == std::string::npos);
  CHECK(text.find("rules: 1 added, 1 removed, 1 changed\n") != std::string::npos);
  CHECK(text.find("\n4 changes\n") != std::string::npos);
}

TEST_CASE(
    "diff: a rewritten case pairs with the old case most like it, in order; unlike cases "
    "come and go",
    "[dsl][diff]") {
  const std::string a = R"tkg(section "§1" { check v "V." {
    pass when any software (name ~ "anyconnect secure mobility client" and version == 4.9)
    warn when any software (name ~ "anyconnect")
  } }
)tkg";
  const std::string b = R"tkg(section "§1" { check v "V." {
    pass when any software (name ~ "cisco secure client" and version == 5.1)
    warn when any software (name ~ "anyconnect secure mobility client" and version == 4.10)
    warn when any software (name ~ "anyconnect|cisco secure client")
    fail when os.family == linux
  } }
)tkg";
  auto d = diff_of(a, b);
  REQUIRE(d.entries.size() == 1);
  std::vector<std::pair<ChangeKind, std::size_t>> got;
  for (const auto& c : d.entries[0].changes) got.emplace_back(c.kind, c.target.position);
  CHECK(got == std::vector<std::pair<ChangeKind, std::size_t>>{
                   {ChangeKind::case_condition, 1},
                   {ChangeKind::case_added, 2},
                   {ChangeKind::case_condition, 3},
                   {ChangeKind::case_added, 4},
               });
  CHECK(d.entries[0].changes[2].before == "any software (name ~ \"anyconnect\")");
}

TEST_CASE(
    "diff: the outline — clauses added, removed, retitled, made informational; a "
    "rationale changed",
    "[dsl][diff]") {
  const std::string a = R"tkg(section "§4(2)" "Traffic" {
  clause "VPN #1" "TCP 443"
  clause "(参考)" "NAT traversal"
  clause "VPN #9" "dropped"
  flow vpn cite "VPN #1" "443 must pass." {
    rationale "TCP only."
    protocol tcp
    to sec.example.jp
    port 443
  }
  check nine cite "VPN #9" "Nine." { expect os.family == windows }
}
)tkg";
  const std::string b = R"tkg(section "§4(2)" "Traffic" informational {
  clause "VPN #1" "TCP/UDP 443"
  clause "(参考)" "NAT traversal" informational
  clause "VPN #2" "UDP 500"
  flow vpn cite "VPN #1" "443 must pass." {
    rationale "TCP and UDP."
    protocol tcp
    to sec.example.jp
    port 443
  }
  check two cite "VPN #2" "Two." { expect os.family == windows }
}
)tkg";
  auto d = diff_of(a, b);
  std::vector<std::string> outline;
  for (const auto& c : d.outline) outline.push_back(dsl::diff::outline_change_text(c));
  CHECK(outline ==
        std::vector<std::string>{
            "section §4(2) now informational",
            "clause §4(2) VPN #9 removed (\u201cdropped\u201d)",
            "clause §4(2) VPN #1: title \u201cTCP 443\u201d \u2192 \u201cTCP/UDP 443\u201d",
            "clause §4(2) (参考): now informational",
            "clause §4(2) VPN #2 added (\u201cUDP 500\u201d)",
        });
  const auto changed = kinds(d);
  CHECK(std::find(changed.begin(), changed.end(), ChangeKind::rationale) != changed.end());
  CHECK(dsl::diff::write_text(d).find(
            "rationale \u201cTCP only.\u201d \u2192 \u201cTCP and UDP.\u201d") !=
        std::string::npos);
  // A rationale that comes or goes is a change too; the outline alone is no change of a rule.
  auto removed =
      diff_of(a, std::string(a).replace(a.find("    rationale \"TCP only.\"\n"),
                                        std::string("    rationale \"TCP only.\"\n").size(), ""));
  REQUIRE(removed.entries.size() == 1);
  CHECK(removed.entries[0].changes.at(0).kind == ChangeKind::rationale);
  CHECK(removed.outline.empty());
}

TEST_CASE("diff: a forbid rule's `applies when` and a matrix's `otherwise warn`", "[dsl][diff]") {
  const std::string a = R"tkg(section "§3" "t" {
  forbid f cite "#1" "F." {
    software "iTunes" { name ~ "^itunes" }
  }
  matrix m "M." {
    row "1" { os windows 10 }
  }
}
)tkg";
  const std::string b = R"tkg(section "§3" "t" {
  forbid f cite "#1" "F." {
    applies when os.family == windows
    software "iTunes" { name ~ "^itunes" }
  }
  matrix m "M." {
    row "1" { os windows 10 }
    otherwise warn "Not verified."
  }
}
)tkg";
  auto d = diff_of(a, b);
  INFO(dsl::diff::write_text(d));
  CHECK(words(d) == std::vector<std::string>{
                        "applies when always → `os.family == windows`",
                        "`otherwise`: status fail → warn",
                        "`otherwise`: message none → “Not verified.”",
                    });
  CHECK(diff_of(b, b).empty());
}
