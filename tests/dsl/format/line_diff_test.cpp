// tests/dsl/format: the unified diff `tekigo fmt --check` prints.
#include <catch2/catch.hpp>

#include <string>

#include "dsl/format/line_diff.hpp"

using tekigo::dsl::format::unified_diff;

TEST_CASE("line diff: equal texts give nothing", "[format]") {
  CHECK(unified_diff("a\nb\n", "a\nb\n", "x", "y").empty());
  CHECK(unified_diff("", "", "x", "y").empty());
}

TEST_CASE("line diff: one changed line with three lines of context", "[format]") {
  const std::string a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
  const std::string b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
  CHECK(unified_diff(a, b, "p.tkg\t(as written)", "p.tkg\t(formatted)") ==
        "--- p.tkg\t(as written)\n+++ p.tkg\t(formatted)\n"
        "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("line diff: distant changes are separate hunks, near ones one", "[format]") {
  std::string a, b;
  for (int i = 1; i <= 30; ++i) {
    a += std::to_string(i) + "\n";
    b += (i == 3 || i == 9 || i == 25 ? "x" + std::to_string(i) : std::to_string(i)) + "\n";
  }
  const std::string d = unified_diff(a, b, "a", "b");
  CHECK(d.find("@@ -1,12 +1,12 @@\n") != std::string::npos);  // 3 and 9: one hunk
  CHECK(d.find("@@ -22,7 +22,7 @@\n") != std::string::npos);
  CHECK(d.find("-25\n+x25\n") != std::string::npos);
}

TEST_CASE("line diff: insertions, deletions and the missing final newline", "[format]") {
  CHECK(unified_diff("a\nc\n", "a\nb\nc\n", "x", "y") ==
        "--- x\n+++ y\n@@ -1,2 +1,3 @@\n a\n+b\n c\n");
  CHECK(unified_diff("a\nb\nc\n", "a\nc\n", "x", "y") ==
        "--- x\n+++ y\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
  CHECK(unified_diff("a\nb", "a\nb\n", "x", "y") ==
        "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(unified_diff("", "a\n", "x", "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n");
}

TEST_CASE("line diff: a large rewrite stays a correct diff", "[format]") {
  std::string a, b;
  for (int i = 0; i < 5000; ++i) {
    a += "line " + std::to_string(i) + "\n";
    b += "line " + std::to_string(i) + "\r\n";  // every line differs
  }
  const std::string d = unified_diff(a, b, "a", "b");
  CHECK(d.find("@@ -1,5000 +1,5000 @@\n") != std::string::npos);
  std::size_t minus = 0, plus = 0;
  for (std::size_t at = d.find('\n'); at != std::string::npos; at = d.find('\n', at + 1)) {
    minus += d.compare(at + 1, 6, "-line ") == 0;
    plus += d.compare(at + 1, 6, "+line ") == 0;
  }
  CHECK(minus == 5000);
  CHECK(plus == 5000);
}
