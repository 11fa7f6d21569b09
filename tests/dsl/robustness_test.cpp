// tests/dsl: compile_text never throws and never crashes, whatever the bytes: empty and
// comment-only files, pathological nesting (depth limit → a diagnostic, not a stack
// overflow), very long chains, NUL bytes, invalid UTF-8, files over the size limit, and
// 2000 seeded random mutations of a real-world policy (the frozen copy in tests/fixtures).
// Every result either has a policy or has an error diagnostic, and its diagnostics render.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "dsl/compiler.hpp"
#include "engine/common/utf8.hpp"

using namespace tekigo;

namespace {

const std::string kHeader =
    "policy p { title \"T\" revision \"1\" effective 2021-01-26 source \"S\" }\n";

// A real-world policy: the frozen copy of the shipped one (tests/fixtures/README.md), whose
// content does not change when the shipped policy does.
std::string read_policy() {
  std::ifstream in(TEKIGO_SOURCE_DIR "/tests/fixtures/policies/registry-2020.tkg",
                   std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// Whether `rendered` can go to a terminal as it is: UTF-8 throughout, and no control character
// but line feeds and tabs (a policy's NUL or ESC never printed raw).
bool terminal_safe(std::string_view rendered) {
  std::size_t i = 0;
  while (i < rendered.size()) {
    const auto cp = tekigo::engine::decode_utf8(rendered, i);
    if (!cp) return false;
    if ((*cp < 0x20 && *cp != '\n' && *cp != '\t') || (*cp >= 0x7F && *cp < 0xA0)) return false;
  }
  return true;
}

// Compiles `text` and checks the invariants every result must keep; returns the result.
dsl::CompileResult compile_checked(const std::string& text,
                                   const dsl::CompileOptions& options = {}) {
  dsl::CompileResult result;
  REQUIRE_NOTHROW(result = dsl::compile_text("fuzz.tkg", text, options));
  if (!result.source) {
    CHECK_FALSE(result.io_error.empty());
    CHECK_FALSE(result.ok());
    return result;
  }
  // a policy, or an error that says why not — never neither, never both
  CHECK(result.ok() != dsl::has_errors(result.diagnostics));
  CHECK(result.diagnostics.size() <= options.max_errors);
  for (const auto& d : result.diagnostics) {
    CHECK(d.span.begin <= d.span.end);
    CHECK(d.span.end <= text.size());
    CHECK_FALSE(d.code.empty());
    CHECK_FALSE(d.message.empty());
  }
  std::string rendered;
  REQUIRE_NOTHROW(rendered = dsl::render_all(result.diagnostics, *result.source));
  CHECK(rendered.empty() == result.diagnostics.empty());
  CHECK(terminal_safe(rendered));
  return result;
}

bool mentions(const dsl::CompileResult& r, std::string_view text) {
  return std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [&](const dsl::Diagnostic& d) {
    return d.message.find(text) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("robustness: empty and comment-only files", "[dsl][robustness]") {
  for (std::string_view text :
       {"", " ", "\n\n\n", "# only a comment", "# one\n# two\n", "\t\r\n"}) {
    INFO('`' << text << '`');
    auto r = compile_checked(std::string(text));
    CHECK_FALSE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "E0001");
    CHECK(r.diagnostics[0].message.find("expected the policy header") == 0);
  }
  // a header alone is a valid (empty) policy
  auto r = compile_checked(kHeader);
  CHECK(r.ok());
  CHECK(r.policy->graph->rules().empty());
}

TEST_CASE("robustness: 100 000 nested parentheses hit the depth limit", "[dsl][robustness]") {
  const std::string text = kHeader + "check a cite \"§1\" \"A.\" { expect " + repeat("(", 100000) +
                           "os.family == windows" + repeat(")", 100000) + " }\n";
  auto r = compile_checked(text);
  CHECK_FALSE(r.ok());
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("nested too deeply") == 0);
  // at the first parenthesis past the limit
  CHECK(r.diagnostics[0].span.begin == text.find('(') + 64);
}

TEST_CASE("robustness: the depth limit is exact and configurable", "[dsl][robustness]") {
  auto nested = [](std::size_t n) {
    return kHeader + "check a cite \"§1\" \"A.\" { expect " + repeat("(", n) +
           "os.family == windows" + repeat(")", n) + " }\n";
  };
  // the clause's condition is one level, each parenthesis one more
  CHECK(compile_checked(nested(63)).ok());
  CHECK_FALSE(compile_checked(nested(64)).ok());
  dsl::CompileOptions deeper;
  deeper.max_depth = 200;
  CHECK(compile_checked(nested(150), deeper).ok());
}

TEST_CASE("robustness: 10 000 `not` and other long chains", "[dsl][robustness]") {
  SECTION("not not not …") {
    auto r = compile_checked(kHeader + "check a cite \"§1\" \"A.\" { expect " +
                             repeat("not ", 10000) + "os.family == windows }\n");
    CHECK(mentions(r, "nested too deeply"));
  }
  SECTION("a few `not` are fine") {
    CHECK(compile_checked(kHeader + "check a cite \"§1\" \"A.\" { expect " + repeat("not ", 20) +
                          "os.family == windows }\n")
              .ok());
  }
  SECTION("a flat chain of 20 000 `and` is not nesting") {
    std::string cond = "os.family == windows";
    for (int i = 0; i < 20000; ++i) cond += i % 2 ? " and os.version >= 10" : " or os.name ~ \"x\"";
    CHECK(compile_checked(kHeader + "check a cite \"§1\" \"A.\" { expect " + cond + " }\n").ok());
  }
  SECTION("100 000 nested lists") {
    auto r = compile_checked(kHeader + "check a cite \"§1\" \"A.\" { expect os.release in " +
                             repeat("[", 100000) + " }\n");
    CHECK(mentions(r, "nested too deeply"));
  }
  SECTION("100 000 nested quantifiers") {
    auto r = compile_checked(kHeader + "check a cite \"§1\" \"A.\" { expect " +
                             repeat("any software (", 100000) + "name ~ \"x\"" +
                             repeat(")", 100000) + " }\n");
    CHECK(mentions(r, "nested too deeply"));
  }
  SECTION("100 000 nested sections") {
    auto r = compile_checked(kHeader + repeat("section \"§\" { ", 100000) + repeat("}", 100000));
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(mentions(r, "nested too deeply"));
  }
  SECTION("a million braces inside a broken rule") {
    auto r = compile_checked(kHeader + "chek a " + repeat("{", 1000000) + repeat("}", 1000000));
    CHECK_FALSE(r.ok());
    auto s = compile_checked(kHeader + "check a \"A.\" { expect ( " + repeat("{", 1000000));
    CHECK_FALSE(s.ok());
  }
  SECTION("10 000 rules, each broken") {
    std::string text = kHeader;
    for (int i = 0; i < 10000; ++i)
      text += "check r" + std::to_string(i) + " cite \"§1\" \"R.\" { expect os.family == }\n";
    auto r = compile_checked(text);
    CHECK(r.diagnostics.size() == 50);  // max_errors
  }
  SECTION("10 000 good rules") {
    std::string text = kHeader;
    for (int i = 0; i < 10000; ++i)
      text += "check r" + std::to_string(i) +
              " cite \"§1\" \"R.\" { expect os.version >= " + std::to_string(i) + " }\n";
    auto r = compile_checked(text);
    REQUIRE(r.ok());
    CHECK(r.policy->graph->rules().size() == 10000);
  }
}

TEST_CASE("robustness: long lines and many comments cost linear time", "[dsl][robustness]") {
  SECTION("a real-world policy on one line") {
    // drop the comment lines (the policy has no comment after code), join the rest
    std::istringstream in(read_policy());
    std::string one_line;
    for (std::string line; std::getline(in, line);) {
      auto first = line.find_first_not_of(" \t");
      if (first != std::string::npos && line[first] != '#') one_line += line + " ";
    }
    auto r = compile_checked(one_line);
    REQUIRE(r.ok());
    CHECK(r.policy->graph->rules().size() == 35);
  }
  SECTION("20 000 rules, each with a doc comment") {
    std::string text = kHeader;
    for (int i = 0; i < 20000; ++i)
      text += "# rule " + std::to_string(i) + "\ncheck r" + std::to_string(i) +
              " cite \"§1\" \"R.\" { expect os.version >= 10 }\n";
    auto r = compile_checked(text);
    REQUIRE(r.ok());
    CHECK(r.policy->graph->rules().size() == 20000);
  }
}

TEST_CASE("robustness: files over the size limit are refused, not read", "[dsl][robustness]") {
  dsl::CompileOptions small;
  small.max_file_bytes = 1000;
  std::string text = kHeader + repeat("# padding\n", 200);
  auto r = compile_checked(text, small);
  CHECK_FALSE(r.ok());
  CHECK_FALSE(r.source);
  CHECK(r.io_error.find("larger than 1000 bytes") != std::string::npos);

  // the default limit (4 MiB), one byte over
  dsl::CompileOptions defaults;
  std::string big = kHeader + std::string(defaults.max_file_bytes - kHeader.size() + 1, '#');
  auto b = compile_checked(big);
  CHECK_FALSE(b.ok());
  CHECK_FALSE(b.io_error.empty());

  // exactly at the limit is read
  big.pop_back();
  auto at = compile_checked(big);
  CHECK(at.source);
  CHECK(at.io_error.empty());
}

TEST_CASE("robustness: NUL bytes", "[dsl][robustness]") {
  using namespace std::string_literals;
  const std::string rule = "check a cite \"§1\" \"A.\" { expect os.name == \"x\" }\n";
  for (const std::string& text :
       {"\0"s, "\0policy p { }"s, kHeader + "\0"s, kHeader + "check\0a { }"s,
        kHeader + "check a cite \"§1\" \"A.\" { expect os.name == \"a\0b\" }\n"s,
        kHeader + rule + "\0\0\0"s, kHeader + "# comment \0 with a NUL\n" + rule}) {
    INFO("size " << text.size());
    compile_checked(text);
  }
  // a policy is text: a NUL anywhere, a comment included, is E0004 at the byte, and the
  // message does not print the raw byte
  for (const std::string& text :
       {kHeader + "# comment \0 with a NUL\n"s + rule, kHeader + "\0"s + rule}) {
    auto n = compile_checked(text);
    REQUIRE_FALSE(n.ok());
    REQUIRE(n.diagnostics.size() == 1);
    CHECK(n.diagnostics[0].code == "E0004");
    CHECK(n.diagnostics[0].span.begin == text.find('\0'));
    CHECK(n.diagnostics[0].message.find('\0') == std::string::npos);
    CHECK(n.diagnostics[0].message == "not UTF-8 text: a control character (U+0000, NUL)");
  }
}

TEST_CASE("robustness: invalid UTF-8 inside strings and outside", "[dsl][robustness]") {
  const std::vector<std::string> bad = {"\xff",         "\xfe\xff",     "\xc3",
                                        "\xe2\x80",     "\xf0\x9f\x98", "\x80\x80",
                                        "\xed\xa0\x80", "\xc0\xaf",     "\xf8\x88\x80\x80\x80"};
  for (const auto& b : bad) {
    INFO("bytes " << b.size());
    // inside strings too: E0004 at the first bad byte (reports would show U+FFFD unseen)
    const std::string text =
        kHeader + "check a cite \"§1\" \"A" + b + "\" { expect os.name == \"" + b + "\" }\n";
    auto in_string = compile_checked(text);
    REQUIRE_FALSE(in_string.ok());
    CHECK(in_string.diagnostics[0].code == "E0004");
    CHECK(in_string.diagnostics[0].span.begin == text.find(b));
    CHECK(in_string.diagnostics[0].message.rfind("not UTF-8 text: invalid UTF-8 (byte 0x", 0) == 0);
    // in a pattern: RE2 may refuse it, as a diagnostic
    compile_checked(kHeader + "check a cite \"§1\" \"A.\" { expect os.name ~ \"" + b + "\" }\n");
    // outside strings: an error, at the byte
    auto outside =
        compile_checked(kHeader + "check a cite \"§1\" \"A.\" { expect os.name == " + b + " }\n");
    CHECK_FALSE(outside.ok());
    compile_checked(kHeader + b + "\n");
    compile_checked(b + kHeader);
    compile_checked(kHeader + "check a" + b + " cite \"§1\" \"A.\" { expect os.name == \"x\" }\n");
    compile_checked(kHeader + "# " + b +
                    "\ncheck a cite \"§1\" \"A.\" { expect os.name == \"x\" }\n");
    // a truncated sequence at the very end of the file
    compile_checked(kHeader + "check a cite \"§1\" \"A.\" { expect os.name == \"x\" }" + b);
  }
}

TEST_CASE("robustness: a diagnostic shows the policy's bytes safely, carets in place",
          "[dsl][robustness][hostile]") {
  using namespace std::string_literals;
  const std::string rule = "check a cite \"§1\" \"A.\" { expect os.name == \"x\" }\n";
  // the flaw, and what the source line shows in its place: one cell each
  const std::vector<std::pair<std::string, std::string>> flaws = {
      {"\xff"s, "\xEF\xBF\xBD"},              // U+FFFD
      {"\xed\xa0\x80"s, "\xEF\xBF\xBD"},      // a surrogate: one U+FFFD per byte
      {"\0"s, "\xE2\x90\x80"},                // U+2400 ␀
      {"\x1b]0;pwned\x07"s, "\xE2\x90\x9B"},  // U+241B ␛ (then ]0;pwned␇)
      {"\x7f"s, "\xE2\x90\xA1"}};             // U+2421 ␡
  for (const auto& [flaw, picture] : flaws) {
    INFO("flaw of " << flaw.size() << " bytes");
    const std::string text = kHeader + "# note \xE3\x81\x82 " + flaw + " end\n" + rule;
    auto r = compile_checked(text);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.diagnostics[0].code == "E0004");
    const std::string rendered = dsl::render_all(r.diagnostics, *r.source);
    CHECK(terminal_safe(rendered));
    // "2 | # note あ ␀ end": the wide あ takes two cells, the flaw one, so the caret sits at
    // cell 2 + 5 + 2 + 1 of the line after "2 | "
    CHECK(rendered.find("2 | # note \xE3\x81\x82 " + picture) != std::string::npos);
    CHECK(rendered.find("\n  | " + std::string(10, ' ') + "^\n") != std::string::npos);
  }
  // a file name that is not text is shown as the source is
  auto named = dsl::compile_text("bad\x1b[2J.tkg", kHeader + "\x01\n" + rule, {});
  REQUIRE(named.source);
  const std::string rendered = dsl::render_all(named.diagnostics, *named.source);
  CHECK(terminal_safe(rendered));
  CHECK(rendered.rfind("bad\xE2\x90\x9B[2J.tkg:2:1: error[E0004]", 0) == 0);
}

TEST_CASE("robustness: 2000 random mutations of a real-world policy", "[dsl][robustness][fuzz]") {
  const std::string policy = read_policy();
  REQUIRE(compile_checked(policy).ok());
  static const std::vector<std::string> tokens = {"{",
                                                  "}",
                                                  "(",
                                                  ")",
                                                  "[",
                                                  "]",
                                                  "\"",
                                                  "\\",
                                                  "#",
                                                  "\n",
                                                  ";",
                                                  ",",
                                                  "..",
                                                  "==",
                                                  "~",
                                                  ">=",
                                                  "not ",
                                                  "and ",
                                                  "or ",
                                                  "any software (",
                                                  "section \"x\" {",
                                                  "check x \"X\" {",
                                                  "note ※1 \"n\"",
                                                  "※",
                                                  "※9",
                                                  "*1",
                                                  "is ",
                                                  "in [",
                                                  "\xe2\x80",
                                                  "\xff",
                                                  std::string(1, '\0'),
                                                  "\t",
                                                  "\r",
                                                  "row \"r\" {",
                                                  "os ",
                                                  "browsers ie 9..",
                                                  "4..9",
                                                  "100XB",
                                                  "300.1.1.1",
                                                  "notes ",
                                                  "cite ",
                                                  "otherwise ",
                                                  "when ",
                                                  "unless ",
                                                  "expect "};
  std::mt19937 rng(20210126);
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n ? n - 1 : 0)(rng);
  };
  std::size_t compiled = 0, rejected = 0;
  for (int iteration = 0; iteration < 2000; ++iteration) {
    std::string text = policy;
    const std::size_t mutations = 1 + pick(4);
    for (std::size_t m = 0; m < mutations; ++m) {
      const std::size_t at = pick(text.size() + 1);
      switch (pick(6)) {
        case 0:  // one byte becomes any byte
          if (!text.empty()) text[std::min(at, text.size() - 1)] = static_cast<char>(pick(256));
          break;
        case 1:  // a range goes
          text.erase(std::min(at, text.size()), 1 + pick(40));
          break;
        case 2: {  // random bytes come in
          std::string bytes(1 + pick(8), '\0');
          for (auto& c : bytes) c = static_cast<char>(pick(256));
          text.insert(std::min(at, text.size()), bytes);
          break;
        }
        case 3:  // a token of the language, or a troublesome byte sequence
          text.insert(std::min(at, text.size()), tokens[pick(tokens.size())]);
          break;
        case 4: {  // a slice of the file is repeated elsewhere
          const std::size_t from = pick(text.size()), len = 1 + pick(200);
          text.insert(std::min(at, text.size()), text.substr(from, len));
          break;
        }
        case 5:  // the file ends early
          text.resize(std::min(at, text.size()));
          break;
      }
    }
    INFO("iteration " << iteration);
    auto r = compile_checked(text);
    (r.ok() ? compiled : rejected) += 1;
  }
  // the mutations are not all harmless, nor all fatal
  CHECK(compiled > 0);
  CHECK(rejected > 0);
}
