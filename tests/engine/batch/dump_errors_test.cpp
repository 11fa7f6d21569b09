// Tests for engine/batch/dump_errors: a dump's problems become one error result.
#include <catch2/catch.hpp>

#include "engine/batch/dump_errors.hpp"

using namespace tekigo::engine;

TEST_CASE("one error result per bad dump, in the order the dumps first appear", "[dump-errors]") {
  const std::vector<FactError> errors = {
      {"a.json", "os.service_pack", "expected an integer, got \"one\""},
      {"b.jsonl:3", "", "not valid JSON", "hospital-b/02"},
      {"a.json", "software[3].name", "expected text", "hospital-a/01"},
      {"a.json", "", "third", "hospital-a/other"},
  };
  const std::vector<TerminalResult> results = error_results(errors);
  REQUIRE(results.size() == 2);

  CHECK(results[0].source == "a.json");
  CHECK(
      results[0].error ==
      "os.service_pack: expected an integer, got \"one\"; software[3].name: expected text; third");
  CHECK(results[0].subject == "hospital-a/01");  // the first subject any of its errors has
  CHECK(results[0].verdict == Verdict::error);
  CHECK(results[0].rules.empty());

  CHECK(results[1].source == "b.jsonl:3");
  CHECK(results[1].error == "not valid JSON");
  CHECK(results[1].subject == "hospital-b/02");
  CHECK(results[1].verdict == Verdict::error);
}

TEST_CASE("no errors, no results; a dump without a subject has none", "[dump-errors]") {
  CHECK(error_results({}).empty());
  const auto results = error_results({{"c.yaml", "", "cannot read: No such file or directory"}});
  REQUIRE(results.size() == 1);
  CHECK(results[0].subject.empty());
  CHECK(results[0].error == "cannot read: No such file or directory");
}
