// tests/dsl/checks: matrix-rows (W0405 overlap, W0406 shadowed, W0407 a `when` that cannot
// hold) — rows read as the terminals they admit, in the order they decide (the rows without
// `warn` first).
#include <catch2/catch.hpp>

#include "dsl/checks/lints.hpp"
#include "dsl/grammar/parser.hpp"
#include "support/linted.hpp"

using namespace tekigo;
using test::lint;
using Strings = std::vector<std::string>;

namespace {

std::string matrix(const std::string& rows) {
  return "matrix m cite \"§1\" \"M.\" {\n" + rows + "}\n";
}

// "LABEL: message" for W0405 and W0406, in order.
Strings rows_of(const test::Linted& l) {
  Strings out;
  for (const auto& d : l.result.diagnostics)
    if (d.code == "W0405" || d.code == "W0406")
      out.push_back(d.code + " " + l.text(d) + ": " + d.message);
  return out;
}

}  // namespace

TEST_CASE("matrix rows: a row that admits nothing new is shadowed", "[dsl][lints]") {
  auto l = lint(matrix(R"(  row "10" { os windows 10; browsers ie 9..11, edge }
  row "10b" { os windows 10 release 20H2; browsers ie 11; disk >= 100MiB }
  row "again" { os windows 10; browsers edge, ie 10 }
)"));
  CHECK(rows_of(l) ==
        Strings{"W0406 \"10b\": row `10b` is shadowed by row `10`: every Windows 10 20H2 "
                "terminal it admits, row `10` admits first",
                "W0406 \"again\": row `again` is shadowed by row `10`: every Windows 10 terminal "
                "it admits, row `10` admits first"});
  const auto d = l.of("W0406").at(0);
  CHECK(d.help == "row `10b` never decides: remove it, or narrow row `10`");
  REQUIRE(d.notes.size() == 1);
  CHECK(l.text(d.notes[0].first) == "\"10\"");
}

TEST_CASE("matrix rows: a warned row decides after the plain ones", "[dsl][lints]") {
  // `old` is written first but tried last: every terminal it admits passes by `1`.
  auto l = lint(matrix(R"(  row "old" { os windows 7; warn "Windows 7 is out of support." }
  row "1" { os windows 7, 8.1 }
)"));
  const auto d = l.of("W0406");
  REQUIRE(d.size() == 1);
  CHECK(l.text(d[0]) == "\"old\"");
  CHECK(d[0].help ==
        "row `old` never decides, so its warning is never given (rows without `warn` are tried "
        "before the rows with one): remove it, or narrow row `1`");
}

TEST_CASE("matrix rows: rows that share some terminals overlap", "[dsl][lints]") {
  auto l = lint(matrix(R"(  row "sp1" { os windows 7 service_pack >= 1 }
  row "any7" { os windows 7; warn "Windows 7 without SP1." }
  row "r" { os windows release 21H2, 22H2 }
  row "11" { os windows 11 release 22H2, 23H2 }
  row "m1" { os macos 10.13; browsers chrome 80..90 }
  row "m2" { os macos 10.13, 10.14; browsers chrome 85, safari }
)"));
  // In the order of the file (diagnostics are sorted), not the order the rows decide in.
  CHECK(rows_of(l) ==
        Strings{"W0405 \"any7\": row `any7` overlaps row `sp1`: both admit Windows 7",
                "W0405 \"11\": row `11` overlaps row `r`: both admit Windows 11 22H2",
                "W0405 \"m2\": row `m2` overlaps row `m1`: both admit macOS 10.13 with chrome"});
  CHECK(l.of("W0405").at(0).help ==
        "such a terminal gets the outcome of row `sp1` (rows without `warn` are tried before the "
        "rows with one); make the rows' versions, releases or browsers disjoint if the document "
        "means otherwise");
}

TEST_CASE("matrix rows: rows of other OS versions, releases or browsers do not overlap",
          "[dsl][lints]") {
  auto l =
      lint(matrix(R"(  row "1" { os windows 7 service_pack >= 1; browsers ie 9..11; disk >= 100MiB }
  row "2" { os windows 8.1 except edition CoreARM; browsers ie 11 }
  row "3" { os windows 10 release 1909, 2004, 20H2; browsers ie 11, edge }
  row "3b" { os windows 10 release 21H2; browsers ie 11 }
  row "4" { os macos 10.12; browsers safari }
  row "5" { os macos 10.13, 10.14; browsers chrome }
  row "5b" { os macos 10.14; browsers safari }
  row "6" { os windows 7 release 1909 }
  row "7" { os windows 10 release 1909; browsers ie 10 }
)"));
  // `6` admits no real terminal (W0403 says so); `7` wants another IE than row 3.
  INFO(l.rendered());
  CHECK(rows_of(l).empty());
}

TEST_CASE("matrix rows: a `when` is read with the row's OS", "[dsl][lints]") {
  auto l = lint(matrix(R"(  row "a" { os windows 10; when os.release >= 1909 }
  row "b" { os windows 10 release 20H2 }
  row "c" { os windows 10; when os.version == 11 }
  row "d" { os windows 10; when os.release >= 2004 }
  row "e" { os windows 10; when network.proxy is absent }
)"));
  // b: every 20H2 is >= 1909, so `a` admits it first. d: >= 2004 is >= 1909. e: its `when`
  // is not a's, so e is not within a; and rows with a `when` are not said to overlap.
  CHECK(rows_of(l) ==
        Strings{"W0406 \"b\": row `b` is shadowed by row `a`: every Windows 10 20H2 terminal it "
                "admits, row `a` admits first",
                "W0406 \"d\": row `d` is shadowed by row `a`: every Windows 10 terminal it "
                "admits, row `a` admits first"});
  const auto never = l.of("W0407");
  REQUIRE(never.size() == 1);
  CHECK(never[0].message == "row `c` can never admit a terminal");
  CHECK(l.text(never[0]) == "os.version == 11");
}

TEST_CASE("matrix rows: ranges and comparisons of versions and releases, built by hand",
          "[dsl][lints]") {
  // The parser reads plain values only so far: the ranges are set on the AST.
  dsl::SourceFile source("t.tkg",
                         "policy t { title \"t\" revision \"1\" effective 2026-01-01 "
                         "source \"s\" }\n" +
                             matrix(R"(  row "a" { os macos 12 }
  row "b" { os macos 13 }
  row "c" { os windows 11 release 22H2 }
  row "d" { os windows 11 release 24H2 }
  row "e" { os macos 14 }
  row "f" { os windows 10 release 21H2 }
)"));
  auto parsed = dsl::parse(source);
  REQUIRE(parsed.diagnostics.empty());
  auto& rows = parsed.file.items.at(0).rule->rows;
  rows[0].os->versions[0].to = rows[0].os->versions[0].value;  // a: macOS 12..14
  rows[0].os->versions[0].to->text = "14";
  rows[2].os->releases[0].op = dsl::ast::CompareOp::ge;  // c: Windows 11 >= 22H2
  rows[4].os->versions[0].op = dsl::ast::CompareOp::ge;  // e: macOS >= 14
  std::vector<dsl::checks::TypedRule> typed = {
      {parsed.file.items.at(0).rule.get(), true, {}, engine::Status::fail}};
  dsl::checks::PassInput input{parsed.file, source, &typed};
  std::vector<dsl::Diagnostic> out;
  dsl::checks::check_matrix_rows(input, out);
  Strings got;
  for (const auto& d : out) got.push_back(d.code + " " + d.message);
  // f: Windows 10 21H2 is not Windows 11 21H2.
  CHECK(got == Strings{"W0406 row `b` is shadowed by row `a`: every macOS 13 terminal it admits, "
                       "row `a` admits first",
                       "W0406 row `d` is shadowed by row `c`: every Windows 11 24H2 terminal it "
                       "admits, row `c` admits first",
                       "W0405 row `e` overlaps row `a`: both admit macOS 14"});
}
