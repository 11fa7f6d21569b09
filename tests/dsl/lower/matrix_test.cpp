// tests/dsl/lower: `matrix` lowered into its decision list as docs/language.md ("matrix")
// describes it: plain rows that admit pass, then warned rows, then why not, row by row, then
// `otherwise fail` naming the rows.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "dsl/grammar/parser.hpp"
#include "dsl/lower/lowering.hpp"
#include "support/lowered.hpp"

using namespace tekigo;
using engine::Status;
using test::lower;
using test::Lowered;
using test::messages;
using test::statuses;

const char* kMatrix = R"tkg(section "§3(1)" {
  matrix terminal "Supported." {
    row "1" "Windows 7 SP1 or later" {
      os windows 7 service_pack >= 1
      browsers ie 9..11
      disk >= 100MiB
      warn "Windows 7 support ended." notes ※1
    }
    row "3" "Windows 10" { os windows 10 release 1909, 2004, 20H2; browsers ie 11, edge; disk >= 100MiB }
    row "4" { os macos 10.12; when network.internet_via_datacenter }
  }
  note ※1 "ended 2020-01-14"
})tkg";

TEST_CASE("matrix: the decision list, case by case", "[dsl][lower][matrix]") {
  auto l = lower(kMatrix);
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("terminal");
  CHECK(messages(r) ==
        std::vector<std::string>{
            "supported: row 3 (Windows 10)",
            "supported: row 4",
            "row 1 (Windows 7 SP1 or later): Windows 7 support ended.",
            "the OS matches row 1 (Windows 7 SP1 or later), but none of its browsers is "
            "installed (needs ie 9..11)",
            "the OS and browser match row 1 (Windows 7 SP1 or later), but free disk space is "
            "below 100MiB",
            "the OS matches row 3 (Windows 10), but none of its browsers is installed (needs ie "
            "11, edge)",
            "the OS and browser match row 3 (Windows 10), but free disk space is below 100MiB",
            // row 4 tests no browser and no disk: these two cases can never hold
            "the OS matches row 4, but none of its browsers is installed (needs )",
            "the OS and browser match row 4, but free disk space is below ",
            "row 4 does not admit this terminal: network.internet_via_datacenter",
            "the OS matches row 1 (Windows 7 SP1 or later) except its service pack (needs 1 or "
            "later)",
            "the OS matches row 3 (Windows 10) except its release (needs 1909, 2004, 20H2)",
        });
  CHECK(statuses(r) == std::vector<Status>{Status::pass, Status::pass, Status::warn, Status::fail,
                                           Status::fail, Status::fail, Status::fail, Status::fail,
                                           Status::fail, Status::fail, Status::fail, Status::fail});
  // A warned row carries the warning's notes.
  CHECK(r.cases[2].notes == std::vector<engine::LocalText>{"※1 ended 2020-01-14"});
  // A row admits when all of its parts hold.
  CHECK(l.text(r.cases[0].when) == "row 3");
  CHECK(l.graph->node(r.cases[0].when).kind == engine::NodeKind::all_of);
  CHECK(r.otherwise.status == Status::fail);
  CHECK(r.otherwise.message.en ==
        "the OS is not in the support matrix (Windows 7 SP1 or later; Windows 10; 4)");
  // The evidence when no row admits: what the terminal is.
  std::vector<std::string> explain;
  for (auto id : r.otherwise_explain) explain.push_back(l.text(id));
  CHECK(explain == std::vector<std::string>{"os.family", "os.version", "os.release", "browsers"});
}

TEST_CASE("matrix: the shape of rows — E0302, E0303, E0204", "[dsl][lower][matrix]") {
  auto l = lower(R"(section "§3" {
  matrix none "N." { }
  matrix bad "B." { row "1" { browsers ie 11 } row "2" { os beos } row "3" { os linux; browsers opera } }
})");
  CHECK(l.codes() == std::vector<std::string>{"E0302", "E0303", "E0204", "E0204"});
  CHECK(l.diagnostics[2].message == "unknown OS family `beos`");
  CHECK(l.diagnostics[3].message == "unknown browser `opera`");
  CHECK(l.graph->rules().empty());
}

TEST_CASE("matrix: `otherwise warn` warns where no row admits, its message before the reason",
          "[dsl][lower][matrix]") {
  auto l = lower(R"(section "補足2" {
  note ※1 "Ver2."
  matrix verified "Verified." {
    row "Windows 10" { os windows 10 release 1909, 2004 }
    row "macOS" "macOS 10.14" { os macos 10.14 }
    otherwise warn "Not verified" notes ※1
  }
  matrix bare "Verified." {
    row "Windows 10" { os windows 10 release 1909 }
    otherwise warn
  }
})");
  REQUIRE(l.diagnostics.empty());
  const auto& r = l.rule("verified");
  // The rows that admit pass; every case that explains a miss warns, as does `otherwise`.
  CHECK(statuses(r).front() == Status::pass);
  for (std::size_t i = 2; i < r.cases.size(); ++i) CHECK(r.cases[i].status == Status::warn);
  CHECK(r.cases.back().message.en ==
        "Not verified; the OS matches row Windows 10 except its release (needs 1909, 2004)");
  CHECK(r.cases.back().notes == std::vector<engine::LocalText>{"※1 Ver2."});
  CHECK(r.otherwise.status == Status::warn);
  CHECK(r.otherwise.message.en ==
        "Not verified; the OS is not in the support matrix (Windows 10; macOS 10.14)");
  // In Japanese too the message leads (it has no translation, so it reads as written).
  CHECK(r.otherwise.message.ja.rfind("Not verified。", 0) == 0);
  CHECK(r.otherwise.notes == std::vector<engine::LocalText>{"※1 Ver2."});
  // Without a message the reason stands alone.
  const auto& b = l.rule("bare");
  CHECK(b.otherwise.status == Status::warn);
  CHECK(b.otherwise.message.en == "the OS is not in the support matrix (Windows 10)");
}

TEST_CASE("matrix: `otherwise` takes `warn` only (a parse error names it)",
          "[dsl][lower][matrix]") {
  dsl::SourceFile source("t.tkg",
                         R"(policy t { title "t" revision "1" effective 2026-01-01 source "s" }
section "補足2" {
  matrix m "M." {
    row "Windows 10" { os windows 10 }
    otherwise fail "No."
  }
})");
  auto parsed = dsl::parse(source);
  REQUIRE_FALSE(parsed.diagnostics.empty());
  CHECK(parsed.diagnostics[0].code == "E0001");
  CHECK(parsed.diagnostics[0].message.find("expected `warn` after `otherwise` in a matrix") !=
        std::string::npos);
}
