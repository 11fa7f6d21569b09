// tests/dsl/ast: the table of diagnostic codes (dsl/ast/diagnostic_codes.hpp) against
// docs/errors.md — every code of the table is in the table of "Policy diagnostics" with the
// same severity and meaning, and has its own section; every code documented there is in the
// table — and against the sources: every emitting site names an entry, never a string.
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "dsl/ast/diagnostic.hpp"
#include "dsl/ast/diagnostic_codes.hpp"

namespace fs = std::filesystem;
using namespace tekigo;

namespace {

const fs::path kSource = fs::path(TEKIGO_SOURCE_DIR);

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct DocumentedCode {
  std::string severity, meaning;
};

// The rows of the table under "## Policy diagnostics":
// | [E0001](#e0001) | error | Syntax error. | "expected …" (see the list below) |
std::map<std::string, DocumentedCode> documented_codes(const std::string& errors_md) {
  std::map<std::string, DocumentedCode> out;
  const auto start = errors_md.find("\n## Policy diagnostics\n");
  REQUIRE(start != std::string::npos);
  const auto end = errors_md.find("\n## ", start + 1);
  std::istringstream table(errors_md.substr(start, end - start));
  static const std::regex row(R"(^\| \[([EW]\d{4})\]\(#([ew]\d{4})\) \| (\w+) \| (.*?) \| .* \|$)");
  for (std::string line; std::getline(table, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    INFO(line);
    CHECK(m[2].str() == std::string(1, static_cast<char>(std::tolower(m[1].str()[0]))) +
                            m[1].str().substr(1));  // the anchor is the code in lower case
    CHECK(out.emplace(m[1].str(), DocumentedCode{m[3].str(), m[4].str()}).second);
  }
  return out;
}

std::string_view severity_word(dsl::Severity s) {
  switch (s) {
    case dsl::Severity::error:
      return "error";
    case dsl::Severity::warning:
      return "warning";
    case dsl::Severity::note:
      return "note";
  }
  return "?";
}

}  // namespace

TEST_CASE(
    "diagnostic codes: the table and docs/errors.md list the same codes, severities and "
    "meanings",
    "[dsl][codes]") {
  const std::string errors_md = read(kSource / "docs" / "errors.md");
  const auto documented = documented_codes(errors_md);
  REQUIRE(documented.size() >= 20);  // the parse found the table

  std::set<std::string_view> in_table;
  for (const auto& code : dsl::kDiagnosticCodes) {
    INFO(code.code);
    CHECK(in_table.insert(code.code).second);  // each code once
    auto it = documented.find(std::string(code.code));
    REQUIRE(it != documented.end());  // in the table of docs/errors.md
    CHECK(it->second.severity == severity_word(code.severity));
    CHECK(it->second.meaning == code.summary);
    // and its own section with an example
    std::string heading = "\n### " + std::string(code.code) + "\n";
    CHECK(errors_md.find(heading) != std::string::npos);
    // the severity follows from the range: W04xx are warnings, the rest errors
    CHECK((code.code.front() == 'W') == (code.severity == dsl::Severity::warning));
  }
  for (const auto& [code, doc] : documented) {
    INFO(code << " is documented in docs/errors.md but not in dsl/ast/diagnostic_codes.hpp");
    CHECK(in_table.count(code) == 1);
  }
}

TEST_CASE("diagnostic codes: make_diagnostic takes the code and severity from the table",
          "[dsl][codes]") {
  auto d = dsl::make_diagnostic(dsl::codes::W0401, "line types not classified: isdn", {3, 9},
                                "classify it");
  CHECK(d.code == "W0401");
  CHECK(d.severity == dsl::Severity::warning);
  CHECK(d.message == "line types not classified: isdn");
  CHECK(d.span.begin == 3);
  CHECK(d.span.end == 9);
  CHECK(d.help == "classify it");
  CHECK(dsl::make_diagnostic(dsl::codes::E0201, "x", {}).severity == dsl::Severity::error);
}

TEST_CASE("diagnostic codes: the sources of dsl/ name table entries, and every entry is emitted",
          "[dsl][codes]") {
  static const std::regex literal(R"("[EW]\d{4}")");
  static const std::regex named(R"(codes::([EW]\d{4}))");
  std::set<std::string> emitted;
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(kSource / "dsl")) {
    const auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".hpp")) continue;
    ++files;
    const std::string relative = fs::relative(entry.path(), kSource).generic_string();
    if (relative == "dsl/ast/diagnostic_codes.hpp") continue;
    const std::string text = read(entry.path());
    INFO(relative << " spells a diagnostic code as a string: name its entry, codes::E….");
    CHECK(!std::regex_search(text, literal));
    for (std::sregex_iterator it(text.begin(), text.end(), named), end; it != end; ++it)
      emitted.insert((*it)[1].str());
  }
  CHECK(files > 20);
  for (const auto& code : dsl::kDiagnosticCodes) {
    INFO(code.code << " is in the table but no source of dsl/ emits it");
    CHECK(emitted.count(std::string(code.code)) == 1);
  }
}
