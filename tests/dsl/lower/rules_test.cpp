// tests/dsl/lower: the walk over items — every rule's head (kind, citation joined with its
// section's, section title, notes in scope, the default otherwise) — and the collection
// plan's fact paths.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "dsl/grammar/parser.hpp"
#include "dsl/lower/collection_plan.hpp"
#include "dsl/lower/lowering.hpp"
#include "support/lowered.hpp"

using namespace tekigo;
using engine::NodeKind;
using engine::Status;
using test::lower;
using test::Lowered;
using test::messages;
using test::statuses;

TEST_CASE("rules: a rule's head — citation, section title, notes", "[dsl][lower][rules]") {
  auto l = lower(R"tkg(note ※9 "top"
section "§3(3)" "Software" {
  note ※1 "one"
  check own cite "#3 備考" "Own." notes ※1, ※9, ※7 { fail when os.version == 7 }
  check other cite "別表" "Other." { fail when os.version == 7 }
  section "§3(3)(a)" { check nested "Nested." { fail when os.version == 8 } }
  section "§3(3)(b)" "Titled" { check titled "Titled." { fail when os.version == 9 } }
}
section "§4" { check plain "Plain." { fail when os.version == 10 } }
check top cite "§5" "Top." { fail when os.version == 11 }
)tkg");
  REQUIRE(l.diagnostics.empty());
  // A rule's own citation always follows its section's.
  CHECK(l.rule("own").cite == "§3(3) #3 備考");
  CHECK(l.rule("other").cite == "§3(3) 別表");
  CHECK(l.rule("nested").cite == "§3(3)(a)");
  CHECK(l.rule("top").cite == "§5");
  // A nested section without a title keeps its parent's; a top-level one has none.
  CHECK(l.rule("own").section == "Software");
  CHECK(l.rule("nested").section == "Software");
  CHECK(l.rule("titled").section == "Titled");
  CHECK(l.rule("plain").section.empty());
  CHECK(l.rule("top").section.empty());
  // Notes resolve in scope; an undeclared one (E0102, a structure pass) stays a bare label.
  CHECK(l.rule("own").notes == std::vector<engine::LocalText>{"※1 one", "※9 top", "※7"});
  const auto& own = l.rule("own");
  CHECK(own.kind == "check");
  CHECK(own.title == "Own.");
  CHECK(own.otherwise.status == Status::pass);
  CHECK(own.otherwise.message.en == "Own.");
  CHECK(own.where.line == 5);
}

TEST_CASE("rules: every rule kind has its lowering", "[dsl][lower][rules]") {
  using K = dsl::ast::Rule::Kind;
  CHECK(dsl::lower::rule_kind_lowering(K::check) == &dsl::lower::lower_check);
  CHECK(dsl::lower::rule_kind_lowering(K::manual) == &dsl::lower::lower_manual);
  CHECK(dsl::lower::rule_kind_lowering(K::matrix) == &dsl::lower::lower_matrix);
  CHECK(dsl::lower::rule_kind_lowering(K::resolve) == &dsl::lower::lower_resolve);
  CHECK(dsl::lower::rule_kind_lowering(K::flow) == &dsl::lower::lower_flow);
  CHECK(dsl::lower::rule_kind_lowering(K::forbid) == &dsl::lower::lower_forbid);
  CHECK(dsl::lower::rule_kind_lowering(K::line) == &dsl::lower::lower_line);
}

TEST_CASE("collection plan: the depth-0 fact paths the graph reads, once, sorted",
          "[dsl][lower][plan]") {
  auto l = lower(R"(section "§1" {
  check a "A." { fail when os.version == 7 and any software (name ~ "x") }
  check b "B." { fail when os.family == macos or os.version == 10 }
})");
  REQUIRE(l.diagnostics.empty());
  engine::CollectionPlan plan;
  dsl::lower::add_fact_paths(plan, *l.graph);
  // `name` is read inside the quantifier (depth 1): not a path of the dump.
  CHECK(plan.fact_paths == std::vector<std::string>{"os.family", "os.version", "software"});
  dsl::lower::want_name(plan, "a.example.jp");
  dsl::lower::want_name(plan, "a.example.jp");
  CHECK(plan.names.size() == 1);
}
