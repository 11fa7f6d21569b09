// Tests for collectors/command: real programs, argument vectors, deadlines.
#include <catch2/catch.hpp>

#include "collectors/seams/command.hpp"

using namespace tekigo::collectors;

TEST_CASE("a command's output, exit status and arguments pass through untouched", "[command]") {
  auto r = run_command("printf", {"%s|%s", "a b", "$(not expanded); rm -rf /"});
  REQUIRE(r.ok());
  CHECK(r.out == "a b|$(not expanded); rm -rf /");  // no shell: nothing is interpreted
  auto f = run_command("sh", {"-c", "echo oops >&2; exit 3"});
  CHECK(f.ran);
  CHECK(f.exit_code == 3);
  CHECK(f.err == "oops\n");
  CHECK_FALSE(f.ok());
}

TEST_CASE("a missing program and a program past its deadline are errors, not output", "[command]") {
  auto missing = run_command("tekigo-no-such-program", {});
  CHECK_FALSE(missing.ran);
  CHECK(missing.error.find("not found") != std::string::npos);
  auto start = std::chrono::steady_clock::now();
  CommandOptions quick;
  quick.timeout = std::chrono::milliseconds(300);
  auto slow = run_command("sleep", {"10"}, quick);
  auto took = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(slow.ran);
  CHECK(slow.error.find("timed out") != std::string::npos);
  CHECK(took < std::chrono::seconds(3));
}

TEST_CASE("large outputs are read without deadlock", "[command]") {
  auto r = run_command("head", {"-c", "3000000", "/dev/zero"});
  REQUIRE(r.ok());
  CHECK(r.out.size() == 3000000);
}
