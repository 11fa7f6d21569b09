// dsl: what a parse error says, per grammar rule — kept beside the grammar, not inside it.
// A rule under must<> that fails raises with its message here; messages follow
// docs/errors.md (lower case, the user's words in backticks, say what was expected).
#pragma once

#include <string_view>

#include "dsl/grammar/grammar.hpp"

namespace tekigo::dsl::grammar {

// Every rule that can fail under must<> has its message below. There is no generic one: a
// must<> rule without a message is a compile error here (raised by error_control in
// parser.cpp when it is instantiated for that rule), never "unexpected text here".
template <typename Rule>
inline constexpr bool has_error_message = false;

template <typename Rule>
consteval std::string_view missing_error_message() {
  static_assert(has_error_message<Rule>,
                "a rule under must<> has no message: add TEKIGO_ERROR(rule, \"expected …\") to "
                "dsl/grammar/grammar_errors.hpp (docs/errors.md has the style guide)");
  return {};
}

template <typename Rule>
inline constexpr std::string_view error_message = missing_error_message<Rule>();

#define TEKIGO_ERROR(rule, text)                        \
  template <>                                           \
  inline constexpr bool has_error_message<rule> = true; \
  template <>                                           \
  inline constexpr std::string_view error_message<rule> = text

TEKIGO_ERROR(policy_header,
             "expected the policy header: `policy ID { title \"…\" revision \"…\" … }`");
TEKIGO_ERROR(rule_id, "expected an id (a letter, then letters, digits, `-`, `_` or `.`)");
TEKIGO_ERROR(block_open, "expected `{`");
TEKIGO_ERROR(block_close, "expected `}` to close the block, or a clause that belongs in it");
TEKIGO_ERROR(header_close,
             "expected `title`, `revision`, `effective`, `source`, `language` or `}`");
TEKIGO_ERROR(
    end_of_file,
    "expected `section`, `note`, `clause`, `removed` or a rule (`check`, `manual`, `matrix`, "
    "`resolve`, `flow`, `forbid`, `line`)");
TEKIGO_ERROR(removed_id,
             "expected the id the removed rule had (a letter, then letters, digits, `-`, `_` or "
             "`.`)");
TEKIGO_ERROR(string_lit, "expected a string in double quotes");
TEKIGO_ERROR(local_string, "expected a string in double quotes (then, if any, `ja \"…\"`)");
TEKIGO_ERROR(string_close,
             "unterminated string: expected a closing `\"` before the end of the line");
TEKIGO_ERROR(escape_char,
             "unknown escape in a string: expected `\\\"`, `\\\\`, `\\n` or `\\t` after `\\`");
TEKIGO_ERROR(cmp_op, "expected a comparison operator: `==`, `!=`, `<`, `<=`, `>` or `>=`");
TEKIGO_ERROR(section_cite, "expected the section's citation as a string, such as `\"§3(1)\"`");
TEKIGO_ERROR(clause_label,
             "expected the clause's label as a string, such as `\"#1\"` or `\"VPN #1\"`");
TEKIGO_ERROR(rationale_text,
             "expected the rule's rationale as a string: how the policy reads the document here");
TEKIGO_ERROR(row_label, "expected the row's label as a string, such as `\"Windows 10\"`");
TEKIGO_ERROR(pattern, "expected a pattern in double quotes after `~`");
TEKIGO_ERROR(bare, "expected a number, version, date or address");
TEKIGO_ERROR(bare_list, "expected a number, version or release id");
TEKIGO_ERROR(number_lit, "expected a size such as `100MB` or `50 MiB`");
TEKIGO_ERROR(note_ref, "expected a note reference such as `※1`");
TEKIGO_ERROR(
    expr, "expected a condition, such as `os.family == windows` or `any software (name ~ \"x\")`");
TEKIGO_ERROR(not_expr, "expected a condition after `not`, `and` or `or`");
TEKIGO_ERROR(and_expr, "expected a condition after `or`");
TEKIGO_ERROR(operand,
             "expected a value: a string, number, version, size, date, address, word, "
             "`true`/`false` or `[list]`");
TEKIGO_ERROR(list_lit, "expected a list in brackets, such as `[1909, 2004, 20H2]`");
TEKIGO_ERROR(list_close, "expected `,` or `]` in the list");
TEKIGO_ERROR(paren_close, "expected `)`");
TEKIGO_ERROR(path, "expected a fact name, such as `software` or `os.version`");
TEKIGO_ERROR(quantifier_open, "expected `(` and a condition on each element");
TEKIGO_ERROR(is_what, "expected `present`, `absent` or `empty` after `is`");
TEKIGO_ERROR(kw_when, "expected `when` and a condition");
TEKIGO_ERROR(matrix_otherwise_status,
             "expected `warn` after `otherwise` in a matrix (a terminal no row admits fails "
             "unless the matrix says `otherwise warn \"…\"`)");
TEKIGO_ERROR(status_word, "expected a status: `pass`, `warn`, `fail`, `unknown` or `manual`");
TEKIGO_ERROR(os_family, "expected an OS family: `windows`, `macos` or `linux`");
TEKIGO_ERROR(op_ge, "expected `>=`");
TEKIGO_ERROR(kw_edition, "expected `edition` after `except`");
TEKIGO_ERROR(word_list, "expected one or more words separated by `,`");
TEKIGO_ERROR(browser_item,
             "expected a browser: `ie`, `edge`, `chrome`, `safari`, `firefox` or `chromium`");
TEKIGO_ERROR(address_list, "expected one or more addresses separated by `,`");
TEKIGO_ERROR(word, "expected a word");
TEKIGO_ERROR(message, "expected a message string or `notes ※…`");
TEKIGO_ERROR(window_date, "expected a date such as `2024-09-30` after `from` or `until`");
TEKIGO_ERROR(version_spec,
             "expected a version, a range such as `12..14` or a comparison such as `>= 22H2`");
TEKIGO_ERROR(version_specs,
             "expected a version or release id, a range such as `12..14` or a comparison such as "
             "`>= 22H2`");

// Alternatives under must<> that are anonymous in the grammar get the message of what
// they are made of (sor<string_lit, host> is "a host name"); the names are only for here.
using host_or_string = sor<string_lit, host>;
using word_or_string = sor<word, string_lit>;
using any_or_port = sor<TAO_PEGTL_KEYWORD("any"), seq<kw_port, _, must<bare>>>;
TEKIGO_ERROR(host_or_string, "expected a host name, such as `sec.ccr.ncc.go.jp`");
TEKIGO_ERROR(word_or_string, "expected a word or a string");
TEKIGO_ERROR(any_or_port, "expected `any` or `port N`");

#undef TEKIGO_ERROR

}  // namespace tekigo::dsl::grammar
