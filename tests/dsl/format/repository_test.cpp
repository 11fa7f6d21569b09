// tests/dsl/format: `tekigo fmt` on every policy of the repository — the shipped policy,
// the fixtures, the golden cases (evaluation, diagnostics, format), the command-line tests'
// policies and any under examples/. A policy that parses formats; formatting it again changes
// nothing; its comments are all there, in order; and it compiles to the same graph, policy
// header and collection plan as before (source positions and layout aside), or — a policy
// with mistakes — to the same diagnostics; it parses to the same tree (spans aside). And the
// frozen policy, laid out at random, formats back to itself. A policy that does not parse gives
// diagnostics, never a crash or an empty success.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/compiler.hpp"
#include "dsl/format/ast_dump.hpp"
#include "dsl/format/format.hpp"
#include "dsl/format/tokens.hpp"
#include "dsl/grammar/parser.hpp"
#include "engine/eval/graph_text.hpp"

namespace fs = std::filesystem;
using namespace tekigo;

namespace {

const fs::path kSource = fs::path(TEKIGO_SOURCE_DIR);

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> policies() {
  std::vector<fs::path> out;
  for (const char* dir : {"policies", "tests", "examples"}) {
    if (!fs::exists(kSource / dir)) continue;
    for (const auto& e : fs::recursive_directory_iterator(kSource / dir))
      if (e.is_regular_file() && e.path().extension() == ".tkg") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> comments(const std::string& name, const std::string& text) {
  dsl::SourceFile source(name, text);
  std::vector<std::string> out;
  for (const auto& c : dsl::parse(source).file.comments) {
    std::string t = c.text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
    out.push_back(t);
  }
  return out;
}

std::string plan_text(const engine::CollectionPlan& plan) {
  std::string out = "names";
  for (const auto& n : plan.names) out += " " + n;
  out += "\nprobes";
  for (const auto& p : plan.probes) {
    out += " " + p.host + "/" + p.protocol + "/" + std::to_string(p.port) + "/" + p.rule_id;
    for (const auto& a : p.documented_addresses) out += "," + a;
  }
  out += "\nfacts";
  for (const auto& f : plan.fact_paths) out += " " + f;
  return out;
}

std::string info_text(const engine::PolicyInfo& info) {
  auto both = [](const engine::LocalText& t) { return t.en + "|" + t.ja; };
  std::string out = info.id + "|" + both(info.title) + "|" + info.revision + "|" + info.effective +
                    "|" + info.source + "\n";
  for (const auto& r : info.rules)
    out += r.id + "|" + r.cite + "|" + both(r.title) + "|" + both(r.section) + "|" + r.kind + "\n";
  return out;
}

std::string diagnostic_codes(const dsl::CompileResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += d.code + " " + d.message + "\n";
  return out;
}

}  // namespace

TEST_CASE("fmt on every policy of the repository: idempotent, comments kept, same graph",
          "[format]") {
  const auto files = policies();
  REQUIRE(files.size() >= 60);  // policies/, tests/fixtures, tests/golden, tests/cli
  std::size_t formatted = 0, refused = 0;
  for (const auto& path : files) {
    const std::string name = fs::relative(path, kSource).string();
    INFO(name);
    const std::string text = read(path);
    dsl::SourceFile source(name, text);
    const dsl::format::FormatResult once = dsl::format::format_source(source);
    const bool parses = !dsl::has_errors(dsl::parse(source).diagnostics);
    if (!parses) {
      // Bad input: the parser's diagnostics, nothing printed.
      CHECK_FALSE(once.ok());
      CHECK_FALSE(once.diagnostics.empty());
      CHECK(once.text.empty());
      ++refused;
      continue;
    }
    INFO(dsl::render_all(once.diagnostics, source));
    if (fs::exists(path.parent_path() / "expected.txt") &&
        path.parent_path().parent_path().filename() == "format") {
      // A golden format case that fmt must refuse (tests/golden/format/*/expected.txt).
      CHECK_FALSE(once.ok());
      ++refused;
      continue;
    }
    REQUIRE(once.ok());
    ++formatted;

    dsl::SourceFile again_source(name, once.text);
    const dsl::format::FormatResult twice = dsl::format::format_source(again_source);
    REQUIRE(twice.ok());
    CHECK(twice.text == once.text);

    CHECK(comments(name, once.text) == comments(name, text));
    CHECK(dsl::format::ast_dump(dsl::parse(again_source).file) ==
          dsl::format::ast_dump(dsl::parse(source).file));

    const dsl::CompileResult before = dsl::compile_text(name, text);
    const dsl::CompileResult after = dsl::compile_text(name, once.text);
    REQUIRE(before.ok() == after.ok());
    CHECK(diagnostic_codes(after) == diagnostic_codes(before));
    if (!before.ok()) continue;
    const engine::GraphTextOptions loose{.layout_insensitive = true};
    CHECK(engine::graph_text(*after.policy->graph, loose) ==
          engine::graph_text(*before.policy->graph, loose));
    CHECK(info_text(after.policy->info) == info_text(before.policy->info));
    CHECK(plan_text(after.policy->plan) == plan_text(before.policy->plan));
  }
  CHECK(formatted >= 20);
  CHECK(refused >= 10);  // the golden syntax-error cases
}

TEST_CASE("fmt: the shipped policy's frozen copy and the test policies are already formatted",
          "[format]") {
  // policies/*.tkg itself is checked by ctest `fmt/check-policies` (tekigo fmt --check).
  for (const char* file :
       {"tests/fixtures/policies/registry-2020.tkg", "tests/cli/data/policies/basic.tkg",
        "tests/cli/data/policies/facility.tkg"}) {
    INFO(file);
    const std::string text = read(kSource / file);
    dsl::SourceFile source(file, text);
    const auto result = dsl::format::format_source(source);
    REQUIRE(result.ok());
    CHECK(result.text == text);
  }
  for (const auto& e : fs::directory_iterator(kSource / "tests" / "golden" / "evaluation")) {
    const fs::path policy = e.path() / "policy.tkg";
    if (!fs::exists(policy)) continue;
    INFO(policy.string());
    const std::string text = read(policy);
    dsl::SourceFile source(policy.string(), text);
    const auto result = dsl::format::format_source(source);
    REQUIRE(result.ok());
    CHECK(result.text == text);
  }
}

TEST_CASE("fmt: the frozen policy laid out at random formats back to itself, same graph",
          "[format]") {
  // Every gap between two tokens of tests/fixtures/policies/registry-2020.tkg (in the
  // canonical layout) gets other blanks: the line breaks stay, indentation goes, spaces
  // change from one to several, and spaces appear where there were none (`( name ~`).
  const char* file = "tests/fixtures/policies/registry-2020.tkg";
  const std::string text = read(kSource / file);
  const dsl::format::Tokens tokens(text);
  const dsl::CompileResult original = dsl::compile_text(file, text);
  REQUIRE(original.ok());
  const engine::GraphTextOptions loose{.layout_insensitive = true};
  for (unsigned seed = 1; seed <= 4; ++seed) {
    std::string messy;
    std::uint32_t at = 0;
    unsigned state = seed;
    auto spaces = [&] {
      state = state * 1103515245u + 12345u;
      return std::string(1 + (state >> 16) % 4, ' ');
    };
    for (const auto& t : tokens.all()) {
      const std::string_view gap(text.data() + at, t.span.begin - at);
      const auto breaks = static_cast<std::size_t>(std::count(gap.begin(), gap.end(), '\n'));
      if (breaks > 0)
        messy += std::string(breaks, '\n') + (seed % 2 ? "" : spaces());
      else if (at > 0)
        messy += spaces();
      messy += tokens.text(t);
      at = t.span.end;
    }
    messy += text.substr(at);
    INFO("seed " << seed);
    REQUIRE(messy != text);
    dsl::SourceFile source("messy.tkg", messy);
    const auto result = dsl::format::format_source(source);
    INFO(dsl::render_all(result.diagnostics, source));
    REQUIRE(result.ok());
    CHECK(result.text == text);
    const dsl::CompileResult compiled = dsl::compile_text(file, messy);
    REQUIRE(compiled.ok());
    CHECK(engine::graph_text(*compiled.policy->graph, loose) ==
          engine::graph_text(*original.policy->graph, loose));
    CHECK(engine::graph_text(*compiled.policy->graph) !=
          engine::graph_text(*original.policy->graph));  // the evidence text did change
  }
}
