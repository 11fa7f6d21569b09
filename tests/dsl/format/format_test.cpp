// tests/dsl/format: format_source on small policies — what it refuses (a comment it cannot
// place, text the AST does not keep, a policy that does not parse) and the properties every
// output has: each comment of the input exactly once, idempotence, the same tree. The
// layout itself is pinned by the golden cases in tests/golden/format/.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "dsl/format/ast_dump.hpp"
#include "dsl/format/format.hpp"
#include "dsl/grammar/parser.hpp"

using namespace tekigo;
using namespace tekigo::dsl;

namespace {

const std::string kHeader =
    "policy t {\n  title     \"t\"\n  revision  \"1\"\n  effective 2026-01-01\n  source    "
    "\"s\"\n}\n\n";

struct Formatted {
  std::unique_ptr<SourceFile> source;
  format::FormatResult result;
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : result.diagnostics) out.push_back(d.code);
    return out;
  }
  std::string rendered() const { return render_all(result.diagnostics, *source); }
};

Formatted run(std::string text) {
  Formatted f;
  f.source = std::make_unique<SourceFile>("t.tkg", std::move(text));
  f.result = format::format_source(*f.source);
  return f;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("fmt: a comment inside a clause cannot be kept: E0501, nothing printed", "[format]") {
  auto f = run(kHeader + R"(section "§1" {
  check c "t" {
    expect os.family == windows # which family
      and os.version == 10
  }
}
)");
  CHECK(f.codes() == std::vector<std::string>{"E0501"});
  CHECK(f.result.text.empty());
  CHECK(f.rendered().find("t.tkg:10:33: error[E0501]") != std::string::npos);

  auto own_line = run(kHeader + R"(section "§1" {
  forbid f "t" {
    software "x" {
      # the vendor's name
      name ~ "x"
    }
  }
}
)");
  CHECK(own_line.codes() == std::vector<std::string>{"E0501"});
}

// The parser reports a clause written twice (E0107) before fmt could lose one (E0502 is the
// printer's own guard, for what the parser might still let through).
TEST_CASE("fmt: a clause written twice is the parser's E0107, nothing printed", "[format]") {
  auto os = run(kHeader + R"(section "§3" {
  matrix m "t" {
    row "1" {
      os windows 7
      os windows 10
    }
  }
}
)");
  CHECK(os.codes() == std::vector<std::string>{"E0107"});
  CHECK(os.rendered().find("t.tkg:12:7: error[E0107]") != std::string::npos);
  CHECK(os.result.text.empty());

  auto header = run("policy t {\n  title \"a\"\n  title \"b\"\n  revision \"1\"\n}\n");
  CHECK(header.codes() == std::vector<std::string>{"E0107"});
  CHECK(header.result.text.empty());
}

TEST_CASE("fmt: a policy that does not parse gives the parser's diagnostics only", "[format]") {
  auto f = run(kHeader +
               "section \"§1\" {\n  check c \"t\" {\n    expect os.family = windows\n  }\n}\n");
  REQUIRE_FALSE(f.result.ok());
  CHECK(f.codes() == std::vector<std::string>{"E0001"});
  CHECK(f.result.text.empty());
  auto unknown = run(kHeader + "widget w {}\n");
  CHECK(unknown.codes() == std::vector<std::string>{"E0002"});
}

TEST_CASE("fmt: every comment of the input exactly once, in order, idempotent", "[format]") {
  const std::string input = R"(# c01 before the header
policy t { # c02 after the policy's brace
  # c03 before title
  title "t" # c04 after title
  revision "1"; effective 2026-01-01 # c05 after two fields on one line
  source "s"
  # c06 before the header's brace
} # c07 after the header
# c08 between header and section


# c09 after two blank lines
section "§1" { # c10 after a section brace

  # c11 a doc comment
  check c "t" {
    expect os.family == windows # c12 after a clause
    # c13 before the rule's brace
  } # c14 after the rule
  matrix m "t" {
    row "1" { # c15 after the row's brace
      os windows 10; browsers edge # c16 after two row clauses
      # c17 last in the row
    }
  }
  # c18 last in the section
}
# c19 at the end of the file
)";
  auto f = run(input);
  INFO(f.rendered());
  REQUIRE(f.result.ok());
  const std::string& out = f.result.text;
  INFO(out);
  std::size_t last = 0;
  for (int i = 1; i <= 19; ++i) {
    const std::string tag = (i < 10 ? "# c0" : "# c") + std::to_string(i) + " ";
    CHECK(count(out, tag) == 1);
    const auto at = out.find(tag);
    CHECK(at >= last);  // in the order of the input
    last = at;
  }
  CHECK(out.find("  check c \"t\" {\n    expect os.family == windows # c12 after a clause\n"
                 "    # c13 before the rule's brace\n  } # c14 after the rule\n") !=
        std::string::npos);
  CHECK(out.find("  revision  \"1\"\n  effective 2026-01-01 # c05") != std::string::npos);
  CHECK(out.find("      os windows 10\n      browsers edge # c16") != std::string::npos);
  CHECK(out.find("section \"§1\" { # c10 after a section brace\n  # c11 a doc comment\n") !=
        std::string::npos);  // no blank line after `{`
  CHECK(out.find("# c08 between header and section\n\n# c09") != std::string::npos);

  // The doc comment is still the rule's.
  SourceFile again_source("again.tkg", out);
  ParseResult again = parse(again_source);
  REQUIRE(again.diagnostics.empty());
  const auto& rule = *again.file.items.at(0).section->items.at(0).rule;
  REQUIRE(rule.doc.size() == 1);
  CHECK(rule.doc[0].text == " c11 a doc comment");

  auto twice = run(out);
  REQUIRE(twice.result.ok());
  CHECK(twice.result.text == out);
}

TEST_CASE("fmt: the output parses to the same tree as the input", "[format]") {
  const std::string input = kHeader + R"(section "§1" {
  check c "t" {
    expect ((os.family == windows)) and (os.version == 10 or not os.version is not present)
    warn when any software (name ~ "a\"b\\c") "it is \"quoted\"" notes ※1,※2
    otherwise fail
  }
  forbid f "t" { software { name ~ "x" } ; when "y" os.family == windows }
}
)";
  auto f = run(input);
  INFO(f.rendered());
  REQUIRE(f.result.ok());
  SourceFile a("a.tkg", input), b("b.tkg", f.result.text);
  CHECK(format::ast_dump(parse(a).file) == format::ast_dump(parse(b).file));
  CHECK(f.result.text.find(
            "expect ((os.family == windows)) and (os.version == 10 or not os.version is not "
            "present)") != std::string::npos);
  CHECK(f.result.text.find("notes ※1, ※2") != std::string::npos);
  CHECK(f.result.text.find("  forbid f \"t\" {\n    software { name ~ \"x\" }\n    when \"y\" "
                           "os.family == windows\n  }\n") != std::string::npos);
}

TEST_CASE("fmt: `applies when` in a forbid and `otherwise warn` in a matrix, with their comments",
          "[format]") {
  const std::string input = kHeader + R"(section "§1" {
  note ※1 "n"
  forbid f "t" {
    # rationale: Windows only.
    applies   when os.family == windows
    software { name ~ "x" }
  }
  matrix m "t" {
    row "1" { os windows 10 }
    # the table records verification results
    otherwise   warn "not verified"   notes ※1
  }
}
)";
  auto f = run(input);
  INFO(f.rendered());
  REQUIRE(f.result.ok());
  SourceFile a("a.tkg", input), b("b.tkg", f.result.text);
  CHECK(format::ast_dump(parse(a).file) == format::ast_dump(parse(b).file));
  CHECK(f.result.text.find("  forbid f \"t\" {\n    # rationale: Windows only.\n    applies when "
                           "os.family == windows\n    software { name ~ \"x\" }\n  }\n") !=
        std::string::npos);
  CHECK(f.result.text.find("    }\n    # the table records verification results\n    otherwise "
                           "warn \"not verified\" notes ※1\n  }\n") != std::string::npos);
  CHECK(run(f.result.text).result.text == f.result.text);  // idempotent
}
