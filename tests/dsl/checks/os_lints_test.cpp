// tests/dsl/checks: os-versions (W0403) — the OS versions, Windows releases and service packs
// of matrix rows against the table of those that exist (dsl/checks/os_versions.hpp), with the
// range and comparison forms built by hand (the parser reads only plain values so far).
#include <catch2/catch.hpp>

#include "dsl/checks/lints.hpp"
#include "dsl/checks/os_versions.hpp"
#include "dsl/grammar/parser.hpp"
#include "support/linted.hpp"

using namespace tekigo;
using test::lint;

namespace {

std::string matrix(const std::string& rows) {
  return "matrix m cite \"§1\" \"M.\" {\n" + rows + "}\n";
}

std::vector<std::string> messages(const test::Linted& l, std::string_view code) {
  std::vector<std::string> out;
  for (const auto& d : l.of(code)) out.push_back(l.text(d) + ": " + d.message);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("os versions: the table has the releases of Windows 10 and 11 and the macOS versions",
          "[dsl][lints]") {
  const auto& windows = dsl::checks::known_os_versions("windows");
  REQUIRE(windows.size() == 5);
  CHECK(windows[3].version == "10");
  CHECK(windows[3].releases.front() == "1507");
  CHECK(windows[3].releases.back() == "22H2");
  CHECK(windows[4].releases ==
        std::vector<std::string_view>{"21H2", "22H2", "23H2", "24H2", "25H2"});
  CHECK(windows[0].last_service_pack == 1);  // Windows 7 SP1
  const auto& macos = dsl::checks::known_os_versions("macos");
  CHECK(macos.front().version == "10.0");
  CHECK(macos.back().version == "26");
  CHECK(std::none_of(macos.begin(), macos.end(),
                     [](const auto& k) { return k.version == "10.16" || k.version == "16"; }));
  CHECK(dsl::checks::known_os_versions("linux").empty());
}

TEST_CASE("os versions: releases that a version never had", "[dsl][lints]") {
  auto l = lint(matrix(R"(  row "10" { os windows 10 release 1909, 23H2 }
  row "11" { os windows 11 release 22H2, 1909 }
  row "both" { os windows 10, 11 release 1909, 23H2 }
  row "any" { os windows release 2005 }
)"));
  CHECK(l.result.ok());  // warnings only
  CHECK(messages(l, "W0403") == Strings{"23H2: Windows 10 has no release 23H2",
                                        "1909: Windows 11 has no release 1909",
                                        "2005: Windows 10 and 11 have no release 2005"});
  const auto w = l.of("W0403");
  CHECK(w[0].help.find("Windows 10's releases are 1507, 1511") != std::string::npos);
  CHECK(w[0].help.find("(23H2 is a Windows 11 release: give it a row of its own)") !=
        std::string::npos);
  CHECK(w[1].help.find("1909 is a Windows 10 release") != std::string::npos);
}

TEST_CASE("os versions: versions that do not exist", "[dsl][lints]") {
  auto l = lint(matrix(R"(  row "a" { os macos 10.16 }
  row "b" { os macos 16, 10.15.7, 26 }
  row "c" { os windows 6.1, 8 }
  row "d" { os linux 22.04 }
)"));
  CHECK(messages(l, "W0403") == Strings{"10.16: there is no macOS 10.16",
                                        "16: there is no macOS 16",
                                        "6.1: there is no Windows 6.1"});
  const auto w = l.of("W0403");
  CHECK(w[0].help.find("SYSTEM_VERSION_COMPAT=1") != std::string::npos);
  CHECK(w[0].help.find("write `11`") != std::string::npos);
  CHECK(w[2].help.find("not the kernel's 6.1 or 10.0") != std::string::npos);
}

TEST_CASE("os versions: service packs and releases an OS does not have", "[dsl][lints]") {
  auto l = lint(matrix(R"(  row "7" { os windows 7 service_pack >= 1 }
  row "7b" { os windows 7 service_pack >= 2 }
  row "81" { os windows 8.1, 10 service_pack >= 1 }
  row "mac" { os macos 10.13 release 1909 service_pack >= 1 }
  row "7r" { os windows 7 release 1909 }
  row "mixed" { os windows 7, 10 release 1909 }
)"));
  CHECK(messages(l, "W0403") ==
        Strings{"2: Windows 7 has no service pack 2", "1: Windows 8.1 and 10 have no service packs",
                "1909: macOS has no releases", "1: macOS has no service packs",
                "1909: Windows 7 has no releases", "7: Windows 7 has none of the row's releases"});
  CHECK(l.of("W0403")[0].help.find("Windows 7's last is SP1") != std::string::npos);
}

TEST_CASE("os versions: rows as the real policies write them give no warning", "[dsl][lints]") {
  auto l = lint(matrix(R"(  row "1" { os windows 7 service_pack >= 1; browsers ie 9..11 }
  row "2" { os windows 8.1 except edition CoreARM; browsers ie 11 }
  row "3" { os windows 10 release 1909, 2004, 20H2; browsers ie 11, edge }
  row "4" { os macos 10.12; browsers safari }
  row "5" { os macos 10.13, 10.14; browsers chrome }
  row "6" { os windows 11 release 21H2, 22H2, 23H2, 24H2, 25H2 }
  row "7" { os macos 10.10, 10.11, 11, 12, 13, 14, 15, 26 }
)"));
  INFO(l.rendered());
  CHECK(l.result.diagnostics.empty());
}

TEST_CASE("os versions: ranges and comparisons admit some known value, whatever their ends",
          "[dsl][lints]") {
  dsl::SourceFile source("t.tkg",
                         "policy t { title \"t\" revision \"1\" effective 2026-01-01 "
                         "source \"s\" }\n" +
                             matrix(R"(  row "a" { os macos 12 }
  row "b" { os macos 16 }
  row "c" { os windows 10 release 1909 }
  row "d" { os windows 10 release 23H2 }
  row "e" { os windows 10 release 1909 }
  row "f" { os windows 12 }
  row "g" { os windows 10 release 2004 }
)"));
  auto parsed = dsl::parse(source);
  REQUIRE(parsed.diagnostics.empty());
  auto& rows = parsed.file.items.at(0).rule->rows;
  auto number = [&](const dsl::ast::Operand& like, std::string text) {
    dsl::ast::Operand o = like;
    o.text = std::move(text);
    return o;
  };
  // a: 12..14 (all known); b: 16..20 (none: 16 to 25 do not exist); c: 1909..23H2 (an end
  // that is no Windows 10 release is fine); d: >= 23H2 (no Windows 10 release is);
  // e: < 1507 (none); f: >= 12 (none); g: >= 22H2 (the last one).
  rows[0].os->versions[0].to = number(rows[0].os->versions[0].value, "14");
  rows[1].os->versions[0].to = number(rows[1].os->versions[0].value, "20");
  rows[2].os->releases[0].to = number(rows[2].os->releases[0].value, "23H2");
  rows[3].os->releases[0].op = dsl::ast::CompareOp::ge;
  rows[4].os->releases[0].op = dsl::ast::CompareOp::lt;
  rows[4].os->releases[0].value.text = "1507";
  rows[5].os->versions[0].op = dsl::ast::CompareOp::ge;
  rows[6].os->releases[0].op = dsl::ast::CompareOp::ge;
  rows[6].os->releases[0].value.text = "22H2";
  std::vector<dsl::checks::TypedRule> typed = {
      {parsed.file.items.at(0).rule.get(), true, {}, engine::Status::fail}};
  dsl::checks::PassInput input{parsed.file, source, &typed};
  std::vector<dsl::Diagnostic> out;
  dsl::checks::check_os_versions(input, out);
  std::vector<std::string> got;
  for (const auto& d : out) got.push_back(d.message);
  CHECK(got ==
        Strings{"`16..20` admits no macOS version", "`>= 23H2` admits no release of Windows 10",
                "`< 1507` admits no release of Windows 10", "`>= 12` admits no Windows version"});
}
