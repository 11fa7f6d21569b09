// tests/dsl: the PEGTL grammar rule by rule, in the style of PEGTL's own verify_rule: for
// one rule and one input, does it match, how much input is left, or which must<> raises
// (and where). The rules are run bare (no parse tree, no actions); raise reports the name
// of the rule that failed under must<>, so a test names the rule it expects to fail.
#include <catch2/catch.hpp>

#include <tao/pegtl.hpp>
#include <tao/pegtl/demangle.hpp>

#include <cctype>
#include <string>
#include <string_view>

#include "dsl/grammar/grammar.hpp"
#include "dsl/grammar/grammar_errors.hpp"

namespace pegtl = tao::pegtl;
namespace g = tekigo::dsl::grammar;

namespace {

// Raises with the demangled name of the failing rule, so that tests can name it.
template <typename Rule>
struct name_control : pegtl::normal<Rule> {
  template <typename Input, typename... States>
  [[noreturn]] static void raise(const Input& in, States&&...) {
    throw pegtl::parse_error(std::string(pegtl::demangle<Rule>()), in);
  }
};

enum class Result { match, no_match, raise };

struct Outcome {
  Result result = Result::no_match;
  std::string rest;    // match: the input not consumed
  std::string raised;  // raise: the rule that failed under must<>
  std::size_t at = 0;  // raise: byte offset
};

template <typename Rule>
Outcome run(std::string_view text) {
  pegtl::memory_input<> in(text.data(), text.size(), "grammar_test");
  Outcome o;
  try {
    if (pegtl::parse<Rule, pegtl::nothing, name_control>(in)) {
      o.result = Result::match;
      o.rest.assign(in.current(), in.size());
    }
  } catch (const pegtl::parse_error& e) {
    o.result = Result::raise;
    o.raised = std::string(e.message());
    o.at = e.positions().empty() ? 0 : e.positions().front().byte;
  }
  return o;
}

// Anonymous alternatives under must<> in the grammar, named for the tests.
using host_or_string = g::sor<g::string_lit, g::host>;
using any_or_port = g::sor<TAO_PEGTL_KEYWORD("any"), g::seq<g::kw_port, g::_, g::must<g::bare>>>;

const char* result_name(Result r) {
  return r == Result::match ? "match" : r == Result::no_match ? "no match" : "raise";
}

}  // namespace

// Rule matches `input` and leaves exactly `rest`.
#define CHECK_MATCH(Rule, input, rest_)                                                    \
  do {                                                                                     \
    const auto o_ = run<Rule>(input);                                                      \
    INFO(#Rule " on `" << (input) << "`: " << result_name(o_.result) << " " << o_.raised); \
    CHECK(o_.result == Result::match);                                                     \
    CHECK(o_.rest == std::string(rest_));                                                  \
  } while (0)

// Rule matches all of `input`.
#define CHECK_ALL(Rule, input) CHECK_MATCH(Rule, input, "")

// Rule does not match `input` (a local failure: an alternative may still be tried).
#define CHECK_NO_MATCH(Rule, input)                                                \
  do {                                                                             \
    const auto o_ = run<Rule>(input);                                              \
    INFO(#Rule " on `" << (input) << "`: rest `" << o_.rest << "` " << o_.raised); \
    CHECK(o_.result == Result::no_match);                                          \
  } while (0)

// Rule raises (a global failure) because `Failed`, under must<>, does not match at byte `at_`.
#define CHECK_RAISES(Rule, input, Failed, at_)                                                \
  do {                                                                                        \
    const auto o_ = run<Rule>(input);                                                         \
    INFO(#Rule " on `" << (input) << "`: " << result_name(o_.result) << ", rest `" << o_.rest \
                       << "`");                                                               \
    REQUIRE(o_.result == Result::raise);                                                      \
    CHECK(o_.raised == std::string(pegtl::demangle<Failed>()));                               \
    CHECK(o_.at == std::size_t(at_));                                                         \
  } while (0)

TEST_CASE("grammar: bare tokens — versions, dates, addresses, release ids", "[dsl][grammar]") {
  CHECK_ALL(g::bare, "4.9.05042");
  CHECK_ALL(g::bare, "10.13");
  CHECK_ALL(g::bare, "6.x");
  CHECK_ALL(g::bare, "20H2");
  CHECK_ALL(g::bare, "1909");
  CHECK_ALL(g::bare, "2020-01-14");
  CHECK_ALL(g::bare, "133.162.82.105");
  CHECK_ALL(g::bare, "2001:db8::1");
  CHECK_ALL(g::bare, "100MB");
  CHECK_ALL(g::bare, "10.");  // a single trailing dot belongs to the token
  CHECK_MATCH(g::bare, "4.9 rest", " rest");
  CHECK_MATCH(g::bare, "7,8", ",8");
  CHECK_MATCH(g::bare, "7}", "}");
  CHECK_NO_MATCH(g::bare, "x86");
  CHECK_NO_MATCH(g::bare, ".5");
  CHECK_NO_MATCH(g::bare, "");
}

TEST_CASE("grammar: `9..11` is 9, then `..`, then 11", "[dsl][grammar]") {
  CHECK_MATCH(g::bare, "9..11", "..11");
  CHECK_MATCH(g::bare, "10.1..11", "..11");
  CHECK_ALL(g::browser_range, "9..11");
  CHECK_ALL(g::browser_item, "ie 9..11");
  CHECK_ALL(g::browser_item, "ie 11");
  CHECK_ALL(g::browser_item, "edge");
  CHECK_ALL(g::browser_item, "ie\t9..11");
  // a range needs its upper end
  CHECK_RAISES(g::browser_item, "ie 9..", g::bare, 6);
  CHECK_RAISES(g::browser_item, "ie 9..x", g::bare, 6);
  // the range is one token: spaces around `..` end it
  CHECK_MATCH(g::browser_item, "ie 9 .. 11", " .. 11");
  // the version must be on the same line as the browser
  CHECK_MATCH(g::browser_item, "ie\n11", "\n11");
  CHECK_NO_MATCH(g::browser_item, "11");
}

TEST_CASE("grammar: number literals and sizes", "[dsl][grammar]") {
  CHECK_ALL(g::number_lit, "100MiB");
  CHECK_ALL(g::number_lit, "50 MiB");
  CHECK_ALL(g::number_lit, "50\tMiB");
  CHECK_ALL(g::number_lit, "100MByte");
  CHECK_ALL(g::number_lit, "100 MBytes");
  CHECK_ALL(g::number_lit, "2 GB");
  CHECK_ALL(g::number_lit, "512 B");
  CHECK_ALL(g::number_lit, "1 kB");
  CHECK_ALL(g::number_lit, "100XB");  // one token; the compiler says it is a malformed size
  CHECK_MATCH(g::number_lit, "50 XB", " XB");
  CHECK_MATCH(g::number_lit, "50 MiBx", " MiBx");  // a unit is a whole word
  CHECK_MATCH(g::number_lit, "50\nMiB", "\nMiB");  // not across lines
  CHECK_MATCH(g::number_lit, "50 and", " and");
  // unlike bare, a value takes `..`, so that `== 4..9` is one malformed version
  CHECK_ALL(g::number_lit, "4..9");
  CHECK_ALL(g::number_lit, "2001:db8::1");
  CHECK_NO_MATCH(g::number_lit, "MiB");
  CHECK_ALL(g::size_unit, "TiB");
  CHECK_NO_MATCH(g::size_unit, "XB");
}

TEST_CASE("grammar: host names, with and without the trailing dot", "[dsl][grammar]") {
  CHECK_ALL(g::host, "sec.ccr.ncc.go.jp");
  CHECK_ALL(g::host, "mio.ccr.ncc.go.jp.");
  CHECK_ALL(g::host, "localhost");
  CHECK_ALL(g::host, "a-1.example-2.com");
  CHECK_ALL(g::host, "133.162.82.105");
  CHECK_MATCH(g::host, "a.b. rest", " rest");
  CHECK_MATCH(g::host, "a..b", ".b");
  CHECK_MATCH(g::host, "a.example;", ";");
  CHECK_NO_MATCH(g::host, "-a.example");
  CHECK_NO_MATCH(g::host, ".example");
}

TEST_CASE("grammar: paths, words and rule ids", "[dsl][grammar]") {
  CHECK_ALL(g::path, "os.version");
  CHECK_ALL(g::path, "network.layered_service_providers");
  CHECK_ALL(g::path, "attested.ipsec_vpn_over_path");
  CHECK_ALL(g::path, "_private");
  CHECK_MATCH(g::path, "os.", ".");
  CHECK_MATCH(g::path, "os..version", "..version");
  CHECK_MATCH(g::path, "os.version==10", "==10");
  CHECK_MATCH(g::path, "os.1x", ".1x");
  CHECK_NO_MATCH(g::path, "1os");
  CHECK_NO_MATCH(g::path, ".os");

  CHECK_ALL(g::word, "CoreARM");
  CHECK_MATCH(g::word, "public_wifi,", ",");
  CHECK_MATCH(g::word, "a-b", "-b");

  CHECK_ALL(g::rule_id, "conflict-01");
  CHECK_ALL(g::rule_id, "vpn.client_service-2");
  CHECK_ALL(g::rule_id, "gan-touroku-online");
  CHECK_MATCH(g::rule_id, "a.", ".");
  CHECK_MATCH(g::rule_id, "a.-b", ".-b");
  CHECK_MATCH(g::rule_id, "a {", " {");
  CHECK_NO_MATCH(g::rule_id, "1st");
  CHECK_NO_MATCH(g::rule_id, "-a");
  // `cite` and `notes` follow an id; they are not one
  CHECK_NO_MATCH(g::rule_id, "cite");
  CHECK_NO_MATCH(g::rule_id, "cite \"§1\"");
  CHECK_NO_MATCH(g::rule_id, "notes ※1");
  CHECK_ALL(g::rule_id, "cite-1");
  CHECK_ALL(g::rule_id, "citation");
  CHECK_ALL(g::rule_id, "notes2");
  CHECK_ALL(g::rule_id, "cite.x");
}

TEST_CASE("grammar: note references, `※` (UTF-8) and `*`", "[dsl][grammar]") {
  CHECK_ALL(g::note_ref, "※1");
  CHECK_ALL(g::note_ref, "※12");
  CHECK_ALL(g::note_ref, "*1");
  CHECK_MATCH(g::note_ref, "※1, ※2", ", ※2");
  CHECK_MATCH(g::note_ref, "※1a", "a");
  CHECK_NO_MATCH(g::note_ref, "※");
  CHECK_NO_MATCH(g::note_ref, "※a");
  CHECK_NO_MATCH(g::note_ref, "*");
  CHECK_NO_MATCH(g::note_ref, "1");
  CHECK_NO_MATCH(g::note_ref, "\xE2\x80");  // a truncated ※
  CHECK_NO_MATCH(g::note_ref,
                 "\xE2\x80\xBC"
                 "1");  // ‼ is not ※

  CHECK_ALL(g::notes_clause, "notes ※1, ※2");
  CHECK_ALL(g::notes_clause, "notes *1,*2");
  CHECK_RAISES(g::notes_clause, "notes 1", g::note_ref, 6);
  CHECK_RAISES(g::notes_clause, "notes ※1,", g::note_ref, 11);
  CHECK_NO_MATCH(g::notes_clause, "note ※1");
}

TEST_CASE("grammar: strings — UTF-8, escapes, unterminated", "[dsl][grammar]") {
  CHECK_ALL(g::string_lit, "\"abc\"");
  CHECK_ALL(g::string_lit, "\"\"");
  CHECK_ALL(g::string_lit, "\"がん登録オンライン — 接続要件\"");
  CHECK_ALL(g::string_lit, "\"§3(1) 別表 #7\"");
  CHECK_ALL(g::string_lit, R"("say \"hi\"")");
  CHECK_ALL(g::string_lit, R"("back\\slash")");
  CHECK_ALL(g::string_lit, R"("\\")");
  CHECK_ALL(g::string_lit, R"("tab\there\nnewline")");
  CHECK_MATCH(g::string_lit, R"("a" "b")", R"( "b")");
  CHECK_MATCH(g::string_lit, R"("a\\" rest")", R"( rest")");  // `\\` then the closing quote
  CHECK_NO_MATCH(g::string_lit, "abc");
  CHECK_NO_MATCH(g::string_lit, "'abc'");
  // once a quote is open, only a string can follow: unterminated strings raise
  CHECK_RAISES(g::string_lit, "\"abc", g::string_close, 4);
  CHECK_RAISES(g::string_lit, "\"abc\nxyz\"", g::string_close, 4);
  CHECK_RAISES(g::string_lit, "\"abc\r\n\"", g::string_close, 4);
  CHECK_RAISES(g::string_lit, R"("abc\")", g::string_close, 6);  // the quote is escaped
  CHECK_RAISES(g::string_lit, R"("a\qb")", g::escape_char, 3);
  CHECK_RAISES(g::string_lit, "\"a\\", g::escape_char, 3);
  // recovery skips strings without raising, closed or not
  CHECK_ALL(g::skip_string, "\"abc\"");
  CHECK_ALL(g::skip_string, R"("a\qb")");
  CHECK_MATCH(g::skip_string, "\"abc\nx", "\nx");
}

TEST_CASE("grammar: keywords do not match the start of longer identifiers", "[dsl][grammar]") {
  CHECK_NO_MATCH(g::kw_and, "android");
  CHECK_NO_MATCH(g::kw_and, "and_more");
  CHECK_MATCH(g::kw_and, "and b", " b");
  CHECK_MATCH(g::kw_and, "and(b)", "(b)");
  CHECK_NO_MATCH(g::kw_not, "notes");
  CHECK_NO_MATCH(g::kw_not, "nothing");
  CHECK_MATCH(g::kw_not, "not(a)", "(a)");
  CHECK_NO_MATCH(g::kw_or, "os");
  CHECK_NO_MATCH(g::kw_or, "order");
  CHECK_NO_MATCH(g::kw_in, "install");
  CHECK_NO_MATCH(g::kw_is, "issue");
  CHECK_NO_MATCH(g::kw_note, "notes");
  CHECK_ALL(g::kw_notes, "notes");
  CHECK_NO_MATCH(g::kw_check, "checked");
  CHECK_NO_MATCH(g::kw_os, "osx");
  CHECK_NO_MATCH(g::kw_true, "trueish");
  CHECK_NO_MATCH(g::item_keyword, "sections");
  CHECK_MATCH(g::item_keyword, "section \"§1\"", " \"§1\"");
  CHECK_NO_MATCH(g::status_word, "passed");
  CHECK_NO_MATCH(g::quantifier_kind, "anything");
  CHECK_NO_MATCH(g::is_what, "presently");

  // as facts, such words are paths, not operators
  CHECK_ALL(g::expr, "android");
  CHECK_ALL(g::expr, "notes");
  CHECK_ALL(g::expr, "not notes");
  CHECK_ALL(g::expr, "orders or android");
  CHECK_ALL(g::expr, "anything == 1");
  CHECK_MATCH(g::expr, "a and not_b", "");
}

TEST_CASE("grammar: comments and whitespace", "[dsl][grammar]") {
  CHECK_ALL(g::comment, "# to the end of the line\n");
  CHECK_ALL(g::comment, "# at the end of the file");
  CHECK_ALL(g::comment, "#");
  CHECK_ALL(g::comment, "# 日本語のコメント ※1 \"quoted\" { }\n");
  CHECK_MATCH(g::comment, "# one\n# two\n", "# two\n");
  CHECK_ALL(g::_, "  \t\n # a\n\n   # b\r\n ");
  CHECK_MATCH(g::_, "  # a\n  x # b", "x # b");
  CHECK_ALL(g::_, "");
  CHECK_ALL(g::sep, " ;");
  CHECK_MATCH(g::sep, " x", " x");  // no `;`: nothing consumed
}

TEST_CASE("grammar: predicates — every operator and tail", "[dsl][grammar]") {
  CHECK_ALL(g::predicate, "os.family == windows");
  CHECK_ALL(g::predicate, "os.family != windows");
  CHECK_ALL(g::predicate, "os.version >= 10");
  CHECK_ALL(g::predicate, "os.version<=10");
  CHECK_ALL(g::predicate, "os.release < 1909");
  CHECK_ALL(g::predicate, "os.release > 20H2");
  CHECK_ALL(g::predicate, "name ~ \"^itunes( |$)\"");
  CHECK_ALL(g::predicate, "os.release in [1909, 2004, 20H2]");
  CHECK_ALL(g::predicate, "addresses contains 219.97.232.64");
  CHECK_ALL(g::predicate, "name is present");
  CHECK_ALL(g::predicate, "name is absent");
  CHECK_ALL(g::predicate, "software is empty");
  CHECK_ALL(g::predicate, "software is not empty");
  CHECK_ALL(g::predicate, "features.internet_connection_sharing");
  CHECK_ALL(g::predicate, "disk.system_free_bytes >= 50 MiB");
  CHECK_ALL(g::predicate, "version == 6.x");
  CHECK_ALL(g::predicate, "attested.dsl_router == false");
  CHECK_ALL(g::predicate, "network.line == \"fiber\"");
  CHECK_ALL(g::predicate, "os.family ==\n  # comment between\n  windows");
  CHECK_MATCH(g::predicate, "os.version >= 10 and x", " and x");
  CHECK_MATCH(g::predicate, "a b", " b");
  CHECK_MATCH(g::predicate, "a }", " }");

  CHECK_RAISES(g::predicate, "a ==", g::operand, 4);
  CHECK_RAISES(g::predicate, "a == }", g::operand, 5);
  CHECK_RAISES(g::predicate, "a =< 1", g::cmp_op, 2);
  CHECK_RAISES(g::predicate, "a = 1", g::cmp_op, 2);
  CHECK_RAISES(g::predicate, "a !~ \"x\"", g::cmp_op, 2);
  CHECK_RAISES(g::predicate, "a ~ x", g::pattern, 4);
  CHECK_RAISES(g::predicate, "a in 1", g::list_lit, 5);
  CHECK_RAISES(g::predicate, "a is", g::is_what, 4);
  CHECK_RAISES(g::predicate, "a is there", g::is_what, 5);
  CHECK_RAISES(g::predicate, "a is not", g::is_what, 8);
  CHECK_RAISES(g::predicate, "a contains", g::operand, 10);
}

TEST_CASE("grammar: expressions — precedence, parentheses, quantifiers", "[dsl][grammar]") {
  CHECK_ALL(g::expr, "a or b and c");
  CHECK_ALL(g::expr, "not a and not (b or c)");
  CHECK_ALL(g::expr, "(((a)))");
  CHECK_ALL(g::expr, "not not not a");
  CHECK_ALL(g::expr,
            "name ~ \"at&t.*communication(s)? manager\" and (version == 6.2 or version == 6.7)");
  CHECK_ALL(
      g::expr,
      "os.family == windows and any services (name == \"RemoteAccess\" and state == running)");
  CHECK_ALL(g::expr, "any software (name ~ \"a\" and any x (y))");
  CHECK_ALL(g::expr, "a and # why\n  b");
  CHECK_ALL(g::expr, "a # why\n  or b");
  CHECK_MATCH(g::expr, "a and b \"message\"", " \"message\"");
  CHECK_MATCH(g::expr, "a or b notes ※1", " notes ※1");

  CHECK_RAISES(g::expr, "a and", g::not_expr, 5);
  CHECK_RAISES(g::expr, "a or", g::and_expr, 4);
  CHECK_RAISES(g::expr, "not", g::not_expr, 3);
  CHECK_RAISES(g::expr, "(a", g::paren_close, 2);
  CHECK_RAISES(g::expr, "(a and b\n}", g::paren_close, 9);
  CHECK_RAISES(g::expr, "()", g::expr, 1);
  CHECK_NO_MATCH(g::expr, "== 1");
  CHECK_NO_MATCH(g::expr, "");

  CHECK_ALL(g::quantifier, "all browsers (id == ie)");
  CHECK_ALL(g::quantifier, "none software(name ~ \"x\")");
  CHECK_ALL(g::quantifier, "any network.adapters (description ~ \"venturi\")");
  CHECK_RAISES(g::quantifier, "any (x)", g::path, 4);
  CHECK_RAISES(g::quantifier, "any software name", g::quantifier_open, 13);
  CHECK_RAISES(g::quantifier, "any software ()", g::expr, 14);
  CHECK_RAISES(g::quantifier, "any software (x", g::paren_close, 15);
}

TEST_CASE("grammar: list literals", "[dsl][grammar]") {
  CHECK_ALL(g::list_lit, "[1909, 2004, 20H2]");
  CHECK_ALL(g::list_lit, "[]");
  CHECK_ALL(g::list_lit, "[ \"a\" , b ,true ]");
  CHECK_ALL(g::list_lit, "[[1], [2, 3]]");
  CHECK_ALL(g::list_lit, "[\n  1, # one\n  2\n]");
  CHECK_MATCH(g::list_lit, "[1] x", " x");
  CHECK_RAISES(g::list_lit, "[1,]", g::operand, 3);
  CHECK_RAISES(g::list_lit, "[1 2]", g::list_close, 3);
  CHECK_RAISES(g::list_lit, "[1", g::list_close, 2);
  CHECK_NO_MATCH(g::list_lit, "(1)");
}

TEST_CASE("grammar: matrix rows and the os clause", "[dsl][grammar]") {
  CHECK_ALL(g::os_clause, "os windows 10 release 1909, 2004, 20H2");
  CHECK_ALL(g::os_clause, "os windows 7 service_pack >= 1");
  CHECK_ALL(g::os_clause, "os windows 8.1 except edition CoreARM");
  CHECK_ALL(g::os_clause, "os windows 8.1 except edition CoreARM, \"Core N\"");
  CHECK_ALL(g::os_clause, "os macos 10.13, 10.14");
  CHECK_ALL(g::os_clause, "os linux");
  CHECK_ALL(g::os_clause, "os windoze 10");  // the family is checked by the compiler
  CHECK_MATCH(g::os_clause, "os windows 10\n    browsers ie 11", "\n    browsers ie 11");
  CHECK_RAISES(g::os_clause, "os 10", g::os_family, 3);
  CHECK_RAISES(g::os_clause, "os \"windows\"", g::os_family, 3);
  CHECK_RAISES(g::os_clause, "os windows 10 release", g::version_specs, 21);
  CHECK_RAISES(g::os_clause, "os windows 10 release 1909,", g::version_spec, 27);
  CHECK_RAISES(g::os_clause, "os windows 7 service_pack > 1", g::op_ge, 26);
  CHECK_RAISES(g::os_clause, "os windows 8.1 except CoreARM", g::kw_edition, 22);
  CHECK_RAISES(g::os_clause, "os windows 8.1 except edition", g::word_list, 29);

  CHECK_ALL(g::disk_clause, "disk >= 100MiB");
  CHECK_ALL(g::disk_clause, "disk >= 50 MiB");
  CHECK_RAISES(g::disk_clause, "disk > 50MiB", g::op_ge, 5);
  CHECK_RAISES(g::disk_clause, "disk >= MiB", g::number_lit, 8);

  CHECK_ALL(g::browsers_clause, "browsers ie 9..11, edge, chrome 90");
  CHECK_RAISES(g::browsers_clause, "browsers", g::browser_item, 8);
  CHECK_RAISES(g::browsers_clause, "browsers ie 11,", g::browser_item, 15);

  CHECK_ALL(g::row,
            R"(row "3" "Windows 10" { os windows 10; browsers ie 11, edge; disk >= 100MiB })");
  CHECK_ALL(g::row, "row \"1\" notes ※1 {\n  os windows 7\n  warn \"old\" notes ※1\n}");
  CHECK_ALL(g::row, "row \"1\" { os windows 7 # seven\n when attested.x == true }");
  CHECK_ALL(g::row, "row \"empty\" { }");
  CHECK_RAISES(g::row, "row 3 { }", g::row_label, 4);
  CHECK_RAISES(g::row, "row \"1\" os windows 10 }", g::block_open, 8);
  CHECK_RAISES(g::row, "row \"1\" { os windows 10", g::block_close, 23);
  CHECK_RAISES(g::row, "row \"1\" { warn }", g::message, 15);
  CHECK_NO_MATCH(g::row, "rows \"1\" { }");
}

TEST_CASE("grammar: rule heads and bodies", "[dsl][grammar]") {
  CHECK_ALL(g::rule_head, "conflict-07 cite \"#7\" \"Kaspersky must not be installed.\"");
  CHECK_ALL(g::rule_head, "a \"A.\" notes ※1, ※2");
  CHECK_ALL(g::rule_head, "a");
  CHECK_RAISES(g::rule_head, "cite \"§1\" \"A.\"", g::rule_id, 0);
  CHECK_RAISES(g::rule_head, "\"A.\"", g::rule_id, 0);
  CHECK_RAISES(g::rule_head, "a cite", g::string_lit, 6);

  CHECK_ALL(g::check_rule, "check a \"A.\" { expect x == 1 }");
  CHECK_ALL(g::check_rule, "check a \"A.\" { expect x == 1; fail when y \"no\"; otherwise pass }");
  CHECK_ALL(g::check_rule, "check a \"A.\" {\n  applies when x\n  warn when y notes ※1\n}");
  CHECK_RAISES(g::check_rule, "check a \"A.\" { warn y }", g::kw_when, 20);
  CHECK_RAISES(g::check_rule, "check a \"A.\" { otherwise maybe }", g::status_word, 25);
  CHECK_RAISES(g::check_rule, "check a \"A.\" { expect x == 1", g::block_close, 28);
  CHECK_RAISES(g::check_rule, "check a \"A.\" { expect }", g::expr, 22);
  CHECK_RAISES(g::check_rule, "check a \"A.\" { applies x }", g::kw_when, 23);
  CHECK_NO_MATCH(g::check_rule, "checks a { }");

  CHECK_ALL(g::resolve_rule,
            "resolve r \"R.\" { name mio.ccr.ncc.go.jp.; address 133.162.82.105 }");
  CHECK_ALL(g::resolve_rule,
            "resolve r \"R.\" {\n name \"sec.example\"\n address 1.2.3.4, 2001:db8::1\n direct\n}");
  CHECK_RAISES(g::resolve_rule, "resolve r \"R.\" { name }", host_or_string, 22);
  CHECK_RAISES(g::resolve_rule, "resolve r \"R.\" { address }", g::address_list, 25);

  CHECK_ALL(g::flow_rule,
            "flow f \"F.\" { protocol tcp, udp; direction out; from any; to sec.example; "
            "address 1.2.3.4; port 443, 8443; purpose \"x\" }");
  CHECK_ALL(g::flow_rule, "flow f \"F.\" { from port 1024 }");
  CHECK_RAISES(g::flow_rule, "flow f \"F.\" { from 1024 }", any_or_port, 19);
  CHECK_RAISES(g::flow_rule, "flow f \"F.\" { port }", g::bare_list, 19);
  CHECK_RAISES(g::flow_rule, "flow f \"F.\" { purpose x }", g::local_string, 22);

  CHECK_ALL(g::forbid_rule,
            "forbid f \"F.\" {\n  software \"iTunes\" { name ~ \"^itunes\" }\n  adapter { "
            "description ~ \"x\" }\n"
            "  when \"hotspot\" features.mobile_hotspot\n  lsp { name is present }; browser { id "
            "== ie }\n"
            "  service \"rras\" { state == running }\n}");
  CHECK_RAISES(g::forbid_rule, "forbid f \"F.\" { software \"x\" name ~ \"x\" }", g::block_open,
               29);
  CHECK_RAISES(g::forbid_rule, "forbid f \"F.\" { software { } }", g::expr, 27);

  CHECK_ALL(g::line_rule,
            "line l \"L.\" {\n  recommended fiber\n  usable isdn, adsl \"m\" notes ※1\n"
            "  unusable leased_line \"u\"\n    unless network.internet_via_datacenter warn \"w\" "
            "notes ※4\n}");
  CHECK_RAISES(g::line_rule, "line l \"L.\" { usable }", g::word_list, 21);
  CHECK_RAISES(g::line_rule, "line l \"L.\" { usable isdn unless x }", g::status_word, 35);
}

TEST_CASE("grammar: the policy header", "[dsl][grammar]") {
  CHECK_ALL(
      g::policy_header,
      "policy p {\n  title \"T\"\n  revision \"1\"\n  effective 2021-01-26\n  source \"S\"\n}");
  CHECK_ALL(g::policy_header,
            "policy p { title \"T\"; revision \"1\"; effective 2021-01-26; source \"S\" }");
  CHECK_ALL(g::policy_header, "policy p {}");  // missing fields are the checker's business
  CHECK_ALL(g::policy_header, "policy p # id\n{ # open\n title # t\n \"T\" # done\n}");
  CHECK_MATCH(g::policy_header, "policy p { } section", " section");
  CHECK_RAISES(g::policy_header, "policy { }", g::rule_id, 7);
  CHECK_RAISES(g::policy_header, "policy p title \"T\" }", g::block_open, 9);
  CHECK_RAISES(g::policy_header, "policy p { author \"me\" }", g::header_close, 11);
  CHECK_RAISES(g::policy_header, "policy p { title T }", g::local_string, 17);
  CHECK_RAISES(g::policy_header, "policy p { effective \"2021-01-26\" }", g::bare, 21);
  CHECK_RAISES(g::policy_header, "policy p { title \"T\"", g::header_close, 20);
  CHECK_NO_MATCH(g::policy_header, "policies p { }");
  CHECK_NO_MATCH(g::policy_header, "# comment first\npolicy p { }");  // policy_file skips it
}

TEST_CASE("grammar: whole files — sections, notes, comments everywhere", "[dsl][grammar]") {
  const char* text = R"tkg(# a comment before the header
policy p { # after the brace
  # on its own line
  title "T" # after a field
  revision "1"; effective 2021-01-26 # two on one line
  source "S"
} # after the header
# between items
section "§1" # after the citation
  "一" # after the title
{
  note ※1 # between note parts
    "注" # after a note
  section "§1(1)" { # nested
    check a # after the id
      cite "#1" # after cite
      "A." # after the title
      notes ※1 # after notes
    { # after the brace
      expect # before the condition
        os.family # inside
          == # after the operator
            windows # after the value
        "msg" # after the message
      ; # after the separator
      fail when ( # in parentheses
        os.version < 10 # here
      ) # after the paren
    } # after the rule
  }
}
# at the end, without a newline)tkg";
  CHECK_ALL(g::policy_file, text);

  CHECK_ALL(g::policy_file, "policy p { }");
  CHECK_ALL(g::policy_file, "\n\n  policy p { }\n\n");
  CHECK_ALL(g::policy_file,
            "policy p { } note ※1 \"x\" section \"§1\" { } section \"§2\" \"t\" { note *2 \"y\" }");
  CHECK_RAISES(g::policy_file, "", g::policy_header, 0);
  CHECK_RAISES(g::policy_file, "# only a comment\n", g::policy_header, 17);
  CHECK_RAISES(g::policy_file, "policy p { } }", g::end_of_file, 13);
  // a broken item raises inside try_catch; the file goes on after it (the parser records
  // the error through its error control)
  CHECK_RAISES(g::section, "section { }", g::section_cite, 8);
  CHECK_RAISES(g::note_decl, "note 1 \"x\"", g::note_ref, 5);
  CHECK_RAISES(g::note_decl, "note ※1 x", g::local_string, 10);
  CHECK_ALL(g::policy_file, "policy p { } section { } note 1 \"x\" check a { expect x }");
  CHECK_ALL(g::policy_file, "policy p { } chek a \"A.\" { expect x }");
  CHECK_RAISES(g::policy_file, "policy p { } { }", g::end_of_file, 13);
}

TEST_CASE("grammar: recovery skips a broken item up to its closing brace", "[dsl][grammar]") {
  CHECK_ALL(g::skip_block, "a \"b } {\" c { d { e } \"}\" # }\n }");
  CHECK_MATCH(g::skip_block, "a b } rest", "} rest");
  // an unclosed block runs to the end of the file
  CHECK_ALL(g::skip_block, "x { y { z }\n check b \"B.\" { expect c }\n");
  CHECK_ALL(g::skipped_item, "check a \"A.\" { expect ( }");
  CHECK_NO_MATCH(g::skipped_item, "chek a { }");
  CHECK_ALL(g::unknown_item, "chek a \"A.\" { expect x }");
  // an unclosed string inside a skipped block does not raise
  CHECK_ALL(g::skip_block, "a { \"unclosed\n }");
}

TEST_CASE("grammar: error messages are lower case and say what was expected", "[dsl][grammar]") {
  const std::string_view messages[] = {
      g::error_message<g::policy_header>, g::error_message<g::rule_id>,
      g::error_message<g::block_open>,    g::error_message<g::block_close>,
      g::error_message<g::string_lit>,    g::error_message<g::string_close>,
      g::error_message<g::escape_char>,   g::error_message<g::cmp_op>,
      g::error_message<g::expr>,          g::error_message<g::operand>,
      g::error_message<g::is_what>,       g::error_message<g::paren_close>,
      g::error_message<g::os_family>,     g::error_message<g::end_of_file>,
      g::error_message<g::note_ref>,
  };
  for (std::string_view m : messages) {
    INFO(m);
    REQUIRE(!m.empty());
    CHECK(std::islower(static_cast<unsigned char>(m.front())));
    CHECK(m.find("expected") != std::string_view::npos);
    CHECK(m.back() != '.');
  }
}

TEST_CASE("grammar: `os` clauses take ranges and comparisons, as `browsers` does",
          "[dsl][grammar]") {
  CHECK_ALL(g::os_clause, "os macos 12..14");
  CHECK_ALL(g::os_clause, "os windows 11 release >= 22H2");
  CHECK_ALL(g::os_clause, "os windows 10 release 1909..21H2");
  CHECK_ALL(g::os_clause, "os windows >= 10");
  CHECK_ALL(g::os_clause, "os macos 10.15, 12..14");
  CHECK_ALL(g::os_clause, "os windows 10 release 1909, >= 21H2 except edition CoreARM");
  CHECK_ALL(g::version_spec, "< 11");
  CHECK_MATCH(g::version_spec, "12 ..14", " ..14");  // no spaces around `..`, as in browsers
  CHECK_RAISES(g::os_clause, "os macos 12..", g::bare, 13);
  CHECK_RAISES(g::os_clause, "os windows >=", g::bare, 13);
  CHECK_RAISES(g::os_clause, "os windows 10 release >= 22H2,", g::version_spec, 30);
}

TEST_CASE("grammar: a bare literal may end in `.*`, the version wildcard", "[dsl][grammar]") {
  CHECK_ALL(g::bare, "7.*");
  CHECK_ALL(g::bare, "6.2.*");
  CHECK_ALL(g::number_lit, "7.*");
  CHECK_MATCH(g::bare, "7.* and", " and");
  CHECK_MATCH(g::bare, "7.*)", ")");
  CHECK_ALL(g::predicate, "version == 7.*");
  CHECK_NO_MATCH(g::bare, "*");
}

TEST_CASE("grammar: windows in time — from, until, both", "[dsl][grammar]") {
  CHECK_ALL(g::in_force, "from 2024-10-01");
  CHECK_ALL(g::in_force, "until 2024-09-30");
  CHECK_ALL(g::in_force, "from 2024-10-01 until 2025-03-31");
  CHECK_MATCH(g::in_force, "until 2024-09-30 from 2024-01-01", " from 2024-01-01");
  CHECK_RAISES(g::in_force, "from", g::window_date, 4);
  CHECK_RAISES(g::in_force, "until \"2024-09-30\"", g::window_date, 6);
  CHECK_RAISES(g::in_force, "from 2024-10-01 until", g::window_date, 21);
  CHECK_NO_MATCH(g::in_force, "fromage");

  CHECK_ALL(g::rule_head, "av cite \"#3\" \"The AV.\" notes ※1 from 2024-10-01");
  CHECK_ALL(g::rule_head, "av \"The AV.\" until 2024-09-30");
  // `from` and `until` follow an id: they are no id themselves.
  CHECK_RAISES(g::rule_head, "from 2024-10-01", g::rule_id, 0);
  CHECK_ALL(g::rule_id, "from-x");
  CHECK_ALL(g::rule_id, "untilled");

  CHECK_ALL(g::when_clause, "warn when os.version < 5 until 2024-09-30 \"old\" notes ※1");
  CHECK_ALL(g::when_clause, "fail when today > 2024-09-30 from 2024-01-01");
  CHECK_RAISES(g::when_clause, "warn when x until \"old\"", g::window_date, 18);

  CHECK_ALL(g::row, "row \"1\" \"Win 7\" notes ※1 until 2024-09-30 { os windows 7 }");
  CHECK_RAISES(g::row, "row \"1\" from { os windows 7 }", g::window_date, 13);

  CHECK_ALL(g::list_item, "software \"Old AV\" from 2024-10-01 { name ~ \"av\" }");
  CHECK_ALL(g::list_item, "software until 2024-09-30 { name ~ \"av\" }");
  CHECK_ALL(g::when_item, "when \"ICS\" from 2024-10-01 features.ics_enabled");
  CHECK_ALL(g::when_item, "when until 2024-09-30 features.ics_enabled");
}
