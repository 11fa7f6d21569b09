// tests/dsl: golden diagnostics. Each folder under tests/golden/diagnostics/ holds a
// policy.tkg and expected.txt, the exact output of dsl::render_all (no colour) for
// compile_text("policy.tkg", text): the positions, the source lines, the carets under the
// span, the messages, help and notes. With TEKIGO_UPDATE_GOLDEN=1 in the environment the
// test rewrites expected.txt instead of comparing (see tests/golden/README.md).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/compiler.hpp"

namespace fs = std::filesystem;
using namespace tekigo;

namespace {

const fs::path kRoot = fs::path(TEKIGO_SOURCE_DIR) / "tests" / "golden" / "diagnostics";

bool updating() {
  const char* v = std::getenv("TEKIGO_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// A line diff (longest common subsequence): "  " same, "- " expected only, "+ " actual only.
std::string diff(const std::string& expected, const std::string& actual) {
  auto a = lines_of(expected), b = lines_of(actual);
  std::vector<std::vector<std::size_t>> lcs(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = a.size(); i-- > 0;)
    for (std::size_t j = b.size(); j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::string out;
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      out += "  " + a[i++] + "\n";
      ++j;
    } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
      out += "- " + a[i++] + "\n";
    } else {
      out += "+ " + b[j++] + "\n";
    }
  }
  return out;
}

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  if (!fs::is_directory(kRoot)) return out;
  for (const auto& entry : fs::directory_iterator(kRoot))
    if (entry.is_directory()) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

// What the golden file holds for one policy: the rendered diagnostics, or the I/O error.
std::string render(const std::string& text) {
  auto result = dsl::compile_text("policy.tkg", text);
  if (!result.source) return result.io_error + "\n";
  return dsl::render_all(result.diagnostics, *result.source);
}

}  // namespace

TEST_CASE("golden diagnostics: every case folder renders as expected.txt",
          "[dsl][golden][diagnostics]") {
  const auto folders = cases();
  REQUIRE(folders.size() >= 20);
  const bool update = updating();
  for (const auto& dir : folders) {
    const std::string name = dir.filename().string();
    DYNAMIC_SECTION(name) {
      const fs::path policy = dir / "policy.tkg", expected_file = dir / "expected.txt";
      INFO("case folder: " << dir.string());
      REQUIRE(fs::exists(policy));
      const std::string actual = render(read(policy));
      // A case that compiles without a word tests nothing.
      CHECK_FALSE(actual.empty());
      if (update) {
        std::ofstream(expected_file, std::ios::binary) << actual;
        SUCCEED("rewrote " << expected_file.string());
        continue;
      }
      REQUIRE(fs::exists(expected_file));
      const std::string expected = read(expected_file);
      if (expected != actual) {
        // The diff goes to stderr as it is: Catch would wrap its long lines.
        std::cerr << "---- golden diagnostics: " << name << " (- expected.txt, + actual)\n"
                  << diff(expected, actual) << "----\n";
        FAIL_CHECK("rendered diagnostics differ from "
                   << expected_file.string()
                   << " (the line diff is on stderr); rerun with "
                      "TEKIGO_UPDATE_GOLDEN=1 to accept the new output");
      }
    }
  }
}

TEST_CASE("golden diagnostics: rendering is stable from run to run", "[dsl][golden][diagnostics]") {
  // Same input, same bytes: no addresses, hash orders or timing leak into the output.
  for (const auto& dir : cases()) {
    INFO(dir.filename().string());
    const std::string text = read(dir / "policy.tkg");
    CHECK(render(text) == render(text));
  }
}
