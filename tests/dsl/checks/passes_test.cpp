// tests/dsl/checks: the list of passes — its order (the one dsl/checks/passes.hpp documents),
// the stages in that order, and run_passes running a stage's passes in the list's order.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dsl/checks/passes.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;
using dsl::checks::CheckPass;
using Stage = dsl::checks::CheckPass::Stage;

namespace {

std::vector<std::string> codes_of(const std::vector<dsl::Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d.code);
  return out;
}

}  // namespace

TEST_CASE("passes: the list is the AST passes and lints, typing, then the typed lints",
          "[dsl][passes]") {
  std::vector<std::string> names;
  std::vector<Stage> stages;
  for (const auto& pass : dsl::checks::check_passes()) {
    names.emplace_back(pass.name);
    stages.push_back(pass.stage);
  }
  CHECK(names == std::vector<std::string>{"header", "names", "cites", "windows", "languages",
                                          "duplicate-cites", "outline", "unused-notes", "typing",
                                          "line-coverage", "constant-status", "os-versions",
                                          "matrix-rows", "dead-cases"});
  CHECK(stages == std::vector<Stage>{Stage::ast, Stage::ast, Stage::ast, Stage::ast, Stage::ast,
                                     Stage::ast, Stage::ast, Stage::ast, Stage::typing,
                                     Stage::typed, Stage::typed, Stage::typed, Stage::typed,
                                     Stage::typed});
}

TEST_CASE(
    "passes: the passes that read typed rules come after typing, and only typing has no "
    "run",
    "[dsl][passes]") {
  bool typed_seen = false;
  std::size_t typing = 0;
  for (const auto& pass : dsl::checks::check_passes()) {
    INFO(pass.name);
    CHECK(!pass.checks.empty());
    if (pass.stage == Stage::typing) {
      ++typing;
      CHECK(pass.run == nullptr);  // lowering runs it, rule by rule
      CHECK(!typed_seen);
    } else {
      CHECK(pass.run != nullptr);
    }
    if (pass.stage == Stage::typed) {
      CHECK(typing == 1);  // after typing
      typed_seen = true;
    }
    if (pass.stage == Stage::ast) CHECK(typing == 0);
  }
  CHECK(typing == 1);
}

TEST_CASE("passes: run_passes runs one stage, in the list's order", "[dsl][passes]") {
  // One mistake for each AST pass. They come out in pass order, not sorted: E0101 is at the
  // second `a` (line 3), E0105 at the first (line 2).
  dsl::SourceFile source("t.tkg", R"(policy t { title "t" effective 2026-01-01 source "s" }
check a "A." { expect os.family == windows }
section "§1" { check a "A again." { expect os.family == macos } }
)");
  auto parsed = dsl::parse(source);
  REQUIRE(parsed.diagnostics.empty());
  dsl::checks::PassInput input{parsed.file, source};
  std::vector<dsl::Diagnostic> out;
  dsl::checks::run_passes(Stage::ast, input, out);
  // header: no revision; names: `a` twice; cites: the first `a` has no citation.
  CHECK(codes_of(out) == std::vector<std::string>{"E0103", "E0101", "E0105"});

  // The typed stage reads the typed rules; with none, it reports nothing.
  std::vector<dsl::checks::TypedRule> typed;
  input.typed_rules = &typed;
  out.clear();
  dsl::checks::run_passes(Stage::typed, input, out);
  CHECK(out.empty());
  // The typing stage has no pass to run here.
  dsl::checks::run_passes(Stage::typing, input, out);
  CHECK(out.empty());
}
