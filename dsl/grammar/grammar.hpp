// dsl: the grammar of tekigo policies, as PEGTL rules (types). Error messages live apart,
// in grammar_errors.hpp; turning the parse tree into the AST lives in tree_to_ast.cpp.
// Each rule's comment gives the EBNF it implements. Private to dsl/: never include it
// from engine/ or from a public header.
#pragma once

#include <tao/pegtl.hpp>

namespace tekigo::dsl::grammar {

using namespace tao::pegtl;

// ---- lexical -----------------------------------------------------------------------

// comment = "#" { any } eol
struct comment : seq<one<'#'>, until<eolf>> {};
// _ = { space | comment }
struct _ : star<sor<space, comment>> {};
// sep = [";"]  — clauses may be separated by newlines or semicolons
struct sep : opt<_, one<';'>> {};

struct ident_first : ranges<'a', 'z', 'A', 'Z', '_'> {};
struct ident_rest : ranges<'a', 'z', 'A', 'Z', '0', '9', '_'> {};
// word = letter { letter | digit | "_" }        (enum values, browser ids, families)
struct word : seq<ident_first, star<ident_rest>> {};
// rule_id = letter { letter | digit | "_" | "-" | "." }    (not `cite`, `notes`, `from` or
//   `until`, which follow an id: `check cite "§1"` is a missing id, not a rule named `cite`)
struct rule_id_rest : sor<ident_rest, one<'-'>, seq<one<'.'>, at<ident_rest>>> {};
struct reserved_id : seq<sor<TAO_PEGTL_STRING("cite"), TAO_PEGTL_STRING("notes"),
                             TAO_PEGTL_STRING("from"), TAO_PEGTL_STRING("until")>,
                         not_at<rule_id_rest>> {};
struct rule_id : seq<not_at<reserved_id>, ident_first, star<rule_id_rest>> {};
// path = word { "." word }                       (os.version, network.adapters)
struct path : seq<word, star<one<'.'>, word>> {};

// string = '"' { char | escape } '"'             (UTF-8 passes through; one line)
// escape = "\\" ( '"' | "\\" | "n" | "t" )
struct escape_char : one<'"', '\\', 'n', 't'> {};
struct escape : seq<one<'\\'>, must<escape_char>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_close : one<'"'> {};
// Once a '"' is seen the text can only be a string: an unclosed one is an error right here.
struct string_lit : seq<one<'"'>, star<string_char>, must<string_close>> {};
// For recovery only: a string, closed or not, with any escape — never raises.
struct skip_string
    : seq<one<'"'>, star<sor<seq<one<'\\'>, not_one<'\n', '\r'>>, not_one<'"', '\\', '\n', '\r'>>>,
          opt<one<'"'>>> {};

// bare = digit { letter | digit | ":" | "-" | "_" | ".*" | "." (not "..") }
//   4.9.05042  6.x  7.*  20H2  2020-01-14  133.162.82.105  2001:db8::1  100MB
//   (".*" is the version wildcard, the same as ".x": typing decides what the text means)
struct wildcard_part : seq<one<'.'>, one<'*'>> {};
struct bare_rest : sor<ident_rest, one<':', '-'>, wildcard_part, seq<one<'.'>, not_at<one<'.'>>>> {
};
struct bare : seq<digit, star<bare_rest>> {};
// size_unit = "B" | "kB" | "KB" | "MB" | "GB" | "TB" | "KiB" | "MiB" | "GiB" | "TiB" | "MByte" …
struct size_unit
    : seq<sor<TAO_PEGTL_STRING("KiB"), TAO_PEGTL_STRING("MiB"), TAO_PEGTL_STRING("GiB"),
              TAO_PEGTL_STRING("TiB"), TAO_PEGTL_STRING("MByte"), TAO_PEGTL_STRING("GByte"),
              TAO_PEGTL_STRING("kB"), TAO_PEGTL_STRING("KB"), TAO_PEGTL_STRING("MB"),
              TAO_PEGTL_STRING("GB"), TAO_PEGTL_STRING("TB"), one<'B'>>,
          opt<one<'s'>>, not_at<ident_rest>> {};
// number_lit = value [ size_unit ]                 (50 MiB: a space may separate them)
// value = digit { letter | digit | ":" | "-" | "_" | ".*" | "." }  — unlike bare, a value
//   takes "..": `os.version == 4..9` is then one malformed version, not a stray `..9`.
struct value_bare : seq<digit, star<sor<ident_rest, one<':', '-'>, wildcard_part, one<'.'>>>> {};
struct number_lit : seq<value_bare, opt<star<blank>, size_unit>> {};

// host = label { "." label } [ "." ]              (mio.ccr.ncc.go.jp.)
struct label : seq<ranges<'a', 'z', 'A', 'Z', '0', '9'>,
                   star<ranges<'a', 'z', 'A', 'Z', '0', '9', '-', '-'>>> {};
struct host : seq<label, star<one<'.'>, label>, opt<one<'.'>>> {};

// lang_tag = lower lower   (a language: `ja`, `en`; not the keyword `to`, which a string
//   can precede in a flow: `purpose "…"` then `to "host"`). Which tags exist is checked
//   after parsing (E0110), so that `fr "…"` is a diagnostic at the tag, not a syntax error.
struct lang_tag
    : seq<not_at<TAO_PEGTL_KEYWORD("to")>, ranges<'a', 'z'>, ranges<'a', 'z'>, not_at<ident_rest>> {
};
// translation = lang_tag string                   (ja "日本語": the text in another language)
struct translation : seq<lang_tag, star<blank>, string_lit> {};
// local_string = string { translation }          "Windows 10" ja "Windows 10 の場合"
struct local_string : seq<string_lit, star<_, translation>> {};

// note_ref = "※" digits | "*" digits
struct note_ref : seq<sor<TAO_PEGTL_STRING("\xE2\x80\xBB"), one<'*'>>, plus<digit>> {};

// ---- keywords ----------------------------------------------------------------------

struct kw_policy : TAO_PEGTL_KEYWORD("policy") {};
struct kw_title : TAO_PEGTL_KEYWORD("title") {};
struct kw_revision : TAO_PEGTL_KEYWORD("revision") {};
struct kw_effective : TAO_PEGTL_KEYWORD("effective") {};
struct kw_source : TAO_PEGTL_KEYWORD("source") {};
struct kw_section : TAO_PEGTL_KEYWORD("section") {};
struct kw_note : TAO_PEGTL_KEYWORD("note") {};
struct kw_removed : TAO_PEGTL_KEYWORD("removed") {};
struct kw_clause : TAO_PEGTL_KEYWORD("clause") {};
struct kw_informational : TAO_PEGTL_KEYWORD("informational") {};
struct kw_rationale : TAO_PEGTL_KEYWORD("rationale") {};
struct kw_notes : TAO_PEGTL_KEYWORD("notes") {};
struct kw_cite : TAO_PEGTL_KEYWORD("cite") {};
struct kw_check : TAO_PEGTL_KEYWORD("check") {};
struct kw_manual : TAO_PEGTL_KEYWORD("manual") {};
struct kw_matrix : TAO_PEGTL_KEYWORD("matrix") {};
struct kw_resolve : TAO_PEGTL_KEYWORD("resolve") {};
struct kw_flow : TAO_PEGTL_KEYWORD("flow") {};
struct kw_forbid : TAO_PEGTL_KEYWORD("forbid") {};
struct kw_line : TAO_PEGTL_KEYWORD("line") {};
struct kw_expect : TAO_PEGTL_KEYWORD("expect") {};
struct kw_when : TAO_PEGTL_KEYWORD("when") {};
struct kw_otherwise : TAO_PEGTL_KEYWORD("otherwise") {};
struct kw_applies : TAO_PEGTL_KEYWORD("applies") {};
struct kw_row : TAO_PEGTL_KEYWORD("row") {};
struct kw_os : TAO_PEGTL_KEYWORD("os") {};
struct kw_release : TAO_PEGTL_KEYWORD("release") {};
struct kw_service_pack : TAO_PEGTL_KEYWORD("service_pack") {};
struct kw_except : TAO_PEGTL_KEYWORD("except") {};
struct kw_edition : TAO_PEGTL_KEYWORD("edition") {};
struct kw_browsers : TAO_PEGTL_KEYWORD("browsers") {};
struct kw_disk : TAO_PEGTL_KEYWORD("disk") {};
struct kw_name : TAO_PEGTL_KEYWORD("name") {};
struct kw_address : TAO_PEGTL_KEYWORD("address") {};
struct kw_direct : TAO_PEGTL_KEYWORD("direct") {};
struct kw_protocol : TAO_PEGTL_KEYWORD("protocol") {};
struct kw_direction : TAO_PEGTL_KEYWORD("direction") {};
struct kw_from : TAO_PEGTL_KEYWORD("from") {};
struct kw_until : TAO_PEGTL_KEYWORD("until") {};
struct kw_to : TAO_PEGTL_KEYWORD("to") {};
struct kw_port : TAO_PEGTL_KEYWORD("port") {};
struct kw_purpose : TAO_PEGTL_KEYWORD("purpose") {};
struct kw_unless : TAO_PEGTL_KEYWORD("unless") {};
struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
struct kw_contains : TAO_PEGTL_KEYWORD("contains") {};
struct kw_is : TAO_PEGTL_KEYWORD("is") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};

// ---- operands ----------------------------------------------------------------------

// bool_lit = "true" | "false"
struct bool_lit : sor<kw_true, kw_false> {};
struct operand;
struct list_close : one<']'> {};
// list_lit = "[" [ operand { "," operand } ] "]"
struct list_lit
    : seq<one<'['>, _, opt<operand, star<_, one<','>, _, must<operand>>>, _, must<list_close>> {};
// operand = string | number_lit | bool_lit | list_lit | path     (a path may name an enum word)
struct operand : sor<string_lit, number_lit, bool_lit, list_lit, path> {};

// ---- expressions -------------------------------------------------------------------

struct expr;
struct op_eq : TAO_PEGTL_STRING("==") {};
struct op_ne : TAO_PEGTL_STRING("!=") {};
struct op_le : TAO_PEGTL_STRING("<=") {};
struct op_ge : TAO_PEGTL_STRING(">=") {};
struct op_lt : one<'<'> {};
struct op_gt : one<'>'> {};
// cmp_op = "==" | "!=" | "<=" | ">=" | "<" | ">"
struct cmp_op : sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt> {};
struct compare_tail : seq<cmp_op, _, must<operand>> {};
// match_tail = "~" string                        (RE2, case-insensitive, unanchored)
struct pattern : string_lit {};
struct match_tail : seq<one<'~'>, _, must<pattern>> {};
struct in_tail : seq<kw_in, _, must<list_lit>> {};
struct contains_tail : seq<kw_contains, _, must<operand>> {};
struct is_not : kw_not {};
struct is_what
    : sor<TAO_PEGTL_KEYWORD("present"), TAO_PEGTL_KEYWORD("absent"), TAO_PEGTL_KEYWORD("empty")> {};
struct is_tail : seq<kw_is, _, opt<is_not, _>, must<is_what>> {};
// A path followed by something that starts like an operator but is none (`=<`, `=`, `!`).
struct bad_operator : seq<at<one<'=', '!'>>, must<cmp_op>> {};
// predicate = path [ compare_tail | match_tail | in_tail | contains_tail | is_tail ]
struct predicate
    : seq<path,
          opt<_, sor<compare_tail, match_tail, in_tail, contains_tail, is_tail, bad_operator>>> {};
struct paren_close : one<')'> {};
struct paren : seq<one<'('>, _, must<expr>, _, must<paren_close>> {};
struct quantifier_kind
    : sor<TAO_PEGTL_KEYWORD("any"), TAO_PEGTL_KEYWORD("all"), TAO_PEGTL_KEYWORD("none")> {};
struct quantifier_open : one<'('> {};
// quantifier = ("any" | "all" | "none") path "(" expr ")"
struct quantifier : seq<quantifier_kind, _, must<path>, _, must<quantifier_open>, _, must<expr>, _,
                        must<paren_close>> {};
struct not_expr;
struct operand_expr : sor<quantifier, paren, predicate> {};
struct negation : seq<kw_not, _, must<not_expr>> {};
// not_expr = "not" not_expr | quantifier | "(" expr ")" | predicate
struct not_expr : sor<negation, operand_expr> {};
// and_expr = not_expr { "and" not_expr }
struct and_expr : seq<not_expr, star<_, kw_and, _, must<not_expr>>> {};
// expr = and_expr { "or" and_expr }
struct expr : seq<and_expr, star<_, kw_or, _, must<and_expr>>> {};

// ---- rule heads and clauses ----------------------------------------------------------

// notes_clause = "notes" note_ref { "," note_ref }
struct notes_clause : seq<kw_notes, _, must<note_ref>, star<_, one<','>, _, must<note_ref>>> {};
// message = local_string [ notes_clause ] | notes_clause
struct message : sor<seq<local_string, opt<_, notes_clause>>, notes_clause> {};
struct cite_clause : seq<kw_cite, _, must<string_lit>> {};
struct rule_title : local_string {};
// in_force = "from" date [ "until" date ] | "until" date       (both days included)
struct window_date : bare {};
struct in_force_from : seq<kw_from, _, must<window_date>> {};
struct in_force_until : seq<kw_until, _, must<window_date>> {};
struct in_force : sor<seq<in_force_from, opt<_, in_force_until>>, in_force_until> {};
// rule_head = rule_id [ "cite" string ] [ string ] [ notes_clause ] [ in_force ]
struct rule_head : seq<must<rule_id>, opt<_, cite_clause>, opt<_, rule_title>, opt<_, notes_clause>,
                       opt<_, in_force>> {};
struct block_open : one<'{'> {};
struct block_close : one<'}'> {};
// rationale = "rationale" string            (the first line of any rule's body: how the
//   policy reads the document here; reports show it in the rule's detail)
struct rationale_text : local_string {};
struct rationale : seq<kw_rationale, _, must<rationale_text>, sep> {};
// body_open = "{" [ rationale ]
struct body_open : seq<must<block_open>, opt<_, rationale>> {};

struct status_word
    : sor<TAO_PEGTL_KEYWORD("pass"), TAO_PEGTL_KEYWORD("warn"), TAO_PEGTL_KEYWORD("fail"),
          TAO_PEGTL_KEYWORD("unknown"), TAO_PEGTL_KEYWORD("manual")> {};
// expect_clause = "expect" expr [ message ]
struct expect_clause : seq<kw_expect, _, must<expr>, opt<_, message>> {};
// when_clause = status_word "when" expr [ in_force ] [ message ]
struct when_clause
    : seq<status_word, _, must<kw_when>, _, must<expr>, opt<_, in_force>, opt<_, message>> {};
// otherwise_clause = "otherwise" status_word [ message ]
struct otherwise_clause : seq<kw_otherwise, _, must<status_word>, opt<_, message>> {};
// applies_clause = "applies" "when" expr
struct applies_clause : seq<kw_applies, _, must<kw_when>, _, must<expr>> {};
struct case_clause : seq<sor<expect_clause, when_clause, otherwise_clause, applies_clause>, sep> {};
struct case_body : star<_, case_clause> {};

// check_rule = "check" rule_head "{" { case_clause } "}"     (manual_rule the same with "manual")
struct check_rule : seq<kw_check, _, rule_head, _, body_open, case_body, _, must<block_close>> {};
struct manual_rule : seq<kw_manual, _, rule_head, _, body_open, case_body, _, must<block_close>> {};

// matrix rows
struct bare_list : seq<bare, star<_, one<','>, _, must<bare>>> {};
struct word_list : seq<sor<word, string_lit>, star<_, one<','>, _, must<sor<word, string_lit>>>> {};
struct os_family : word {};
// version_spec = cmp_op bare | bare [ ".." bare ]          (10 · 12..14 · >= 22H2)
struct version_compare : seq<cmp_op, _, must<bare>> {};
struct version_range : seq<bare, opt<TAO_PEGTL_STRING(".."), must<bare>>> {};
struct version_spec : sor<version_compare, version_range> {};
// version_specs = version_spec { "," version_spec }
struct version_specs : seq<version_spec, star<_, one<','>, _, must<version_spec>>> {};
struct os_versions : version_specs {};
struct os_release : seq<kw_release, _, must<version_specs>> {};
struct os_service_pack : seq<kw_service_pack, _, must<op_ge>, _, must<bare>> {};
struct os_except : seq<kw_except, _, must<kw_edition>, _, must<word_list>> {};
// os_clause = "os" word [ version_specs ] [ "release" version_specs ]
//             [ "service_pack" ">=" bare ] [ "except" "edition" word_list ]
struct os_clause : seq<kw_os, _, must<os_family>, opt<_, os_versions>, opt<_, os_release>,
                       opt<_, os_service_pack>, opt<_, os_except>> {};
struct browser_range : seq<bare, opt<TAO_PEGTL_STRING(".."), must<bare>>> {};
// browser_item = word [ bare [ ".." bare ] ]      (ie 9..11, ie 11, edge)
struct browser_item : seq<word, opt<star<blank>, browser_range>> {};
struct browsers_clause
    : seq<kw_browsers, _, must<browser_item>, star<_, one<','>, _, must<browser_item>>> {};
// disk_clause = "disk" ">=" number_lit
struct disk_clause : seq<kw_disk, _, must<op_ge>, _, must<number_lit>> {};
struct row_when : seq<kw_when, _, must<expr>> {};
struct row_warn : seq<TAO_PEGTL_KEYWORD("warn"), _, must<message>> {};
struct row_clause : seq<sor<os_clause, browsers_clause, disk_clause, row_when, row_warn>, sep> {};
struct row_label : local_string {};
// row = "row" string [ string ] [ notes_clause ] [ in_force ] "{" { row_clause } "}"
struct row : seq<kw_row, _, must<row_label>, opt<_, rule_title>, opt<_, notes_clause>,
                 opt<_, in_force>, _, must<block_open>, star<_, row_clause>, _, must<block_close>> {
};
// matrix_otherwise = "otherwise" "warn" [ message ]  — a terminal that no row admits warns
struct matrix_otherwise_status : TAO_PEGTL_KEYWORD("warn") {};
struct matrix_otherwise
    : seq<kw_otherwise, _, must<matrix_otherwise_status>, opt<_, message>, sep> {};
// matrix_rule = "matrix" rule_head "{" [ rationale ] { row } [ matrix_otherwise ] "}"
struct matrix_rule : seq<kw_matrix, _, rule_head, _, body_open, star<_, row>,
                         opt<_, matrix_otherwise>, _, must<block_close>> {};

// resolve_rule = "resolve" rule_head "{" { "name" host | "address" operand {"," operand} | "direct"
// } "}"
struct address_list : seq<operand, star<_, one<','>, _, must<operand>>> {};
struct resolve_name : seq<kw_name, _, must<sor<string_lit, host>>> {};
struct resolve_address : seq<kw_address, _, must<address_list>> {};
struct resolve_direct : kw_direct {};
struct resolve_clause : seq<sor<resolve_name, resolve_address, resolve_direct>, sep> {};
struct resolve_rule
    : seq<kw_resolve, _, rule_head, _, body_open, star<_, resolve_clause>, _, must<block_close>> {};

// flow_rule = "flow" rule_head "{" { flow_clause } "}"
struct flow_protocols : seq<kw_protocol, _, must<word_list>> {};
struct flow_direction : seq<kw_direction, _, must<word>> {};
struct flow_from
    : seq<kw_from, _, must<sor<TAO_PEGTL_KEYWORD("any"), seq<kw_port, _, must<bare>>>>> {};
struct flow_to : seq<kw_to, _, must<sor<string_lit, host>>> {};
struct flow_port : seq<kw_port, _, must<bare_list>> {};
struct flow_address : seq<kw_address, _, must<address_list>> {};
struct flow_purpose : seq<kw_purpose, _, must<local_string>> {};
struct flow_clause : seq<sor<flow_protocols, flow_direction, flow_from, flow_to, flow_port,
                             flow_address, flow_purpose>,
                         sep> {};
struct flow_rule
    : seq<kw_flow, _, rule_head, _, body_open, star<_, flow_clause>, _, must<block_close>> {};

// forbid_rule = "forbid" rule_head "{" { forbid_item } "}"
// forbid_item = "applies" "when" expr
//             | item_kind [ string ] [ in_force ] "{" expr "}" | "when" [ string ] [ in_force ]
// expr
struct item_kind
    : sor<TAO_PEGTL_KEYWORD("software"), TAO_PEGTL_KEYWORD("adapter"), TAO_PEGTL_KEYWORD("service"),
          TAO_PEGTL_KEYWORD("browser"), TAO_PEGTL_KEYWORD("lsp")> {};
struct item_label : local_string {};
struct list_item : seq<item_kind, _, opt<item_label, _>, opt<in_force, _>, must<block_open>, _,
                       must<expr>, _, must<block_close>> {};
struct when_item : seq<kw_when, _, opt<item_label, _>, opt<in_force, _>, must<expr>> {};
struct forbid_item : seq<sor<applies_clause, list_item, when_item>, sep> {};
struct forbid_rule
    : seq<kw_forbid, _, rule_head, _, body_open, star<_, forbid_item>, _, must<block_close>> {};

// line_rule = "line" rule_head "{" { line_class } "}"
// line_class = ("recommended" | "usable" | "unusable") word_list [ message ]
//              [ "unless" expr status_word [ message ] ]
struct line_status : sor<TAO_PEGTL_KEYWORD("recommended"), TAO_PEGTL_KEYWORD("usable"),
                         TAO_PEGTL_KEYWORD("unusable")> {};
struct line_unless : seq<kw_unless, _, must<expr>, _, must<status_word>, opt<_, message>> {};
struct line_class
    : seq<line_status, _, must<word_list>, opt<_, message>, opt<_, line_unless>, sep> {};
struct line_rule
    : seq<kw_line, _, rule_head, _, body_open, star<_, line_class>, _, must<block_close>> {};

// ---- structure ---------------------------------------------------------------------

// note_decl = "note" note_ref local_string
struct note_decl : seq<kw_note, _, must<note_ref>, _, must<local_string>> {};
// removed = "removed" rule_id [ "cite" string ] [ string ] [ "revision" string ]
//   (an entry the document removed: an item like a rule, which nothing evaluates; its id is
//   not `revision`, which follows it)
struct removed_id : seq<not_at<kw_revision>, rule_id> {};
struct removed_revision : seq<kw_revision, _, must<string_lit>> {};
struct removed_entry : seq<kw_removed, _, must<removed_id>, opt<_, cite_clause>, opt<_, rule_title>,
                           opt<_, removed_revision>> {};
// clause_decl = "clause" string [ string ] [ "informational" ]
//   (one clause of the document in its section's outline)
struct clause_label : string_lit {};
struct clause_title : local_string {};
struct informational : kw_informational {};
struct clause_decl
    : seq<kw_clause, _, must<clause_label>, opt<_, clause_title>, opt<_, informational>> {};
struct rule
    : sor<check_rule, manual_rule, matrix_rule, resolve_rule, flow_rule, forbid_rule, line_rule> {};
struct section;
struct item_keyword : sor<kw_check, kw_manual, kw_matrix, kw_resolve, kw_flow, kw_forbid, kw_line,
                          kw_section, kw_note, kw_removed, kw_clause> {};

// Recovery: a rule or section that fails after its keyword is recorded (by the error control)
// and skipped up to the end of its braces, so one mistake gives one diagnostic.
// A block left open runs to the end of the file: skip all of it, so that the rest of the
// file is not reported again as garbage at the top level.
struct braces
    : seq<one<'{'>, star<sor<braces, skip_string, comment, not_one<'{', '}'>>>, one<'}'>> {};
struct unclosed_braces : seq<one<'{'>, star<any>> {};
struct skip_block : seq<star<sor<skip_string, comment, not_one<'{', '}', '"'>>>,
                        opt<sor<braces, unclosed_braces>>> {};
struct skipped_item : seq<at<item_keyword>, word, skip_block> {};
// A broken `removed` entry has no braces: skip the rest of its line only, not the next item.
struct skipped_removed : seq<at<sor<kw_removed, kw_clause>>, word, until<eolf>> {};
// unknown_item = word …   ("unknown construct" diagnostic, then skipped)
struct unknown_item : seq<word, skip_block> {};
struct item : sor<try_catch<sor<note_decl, removed_entry, clause_decl, rule, section>>,
                  skipped_removed, skipped_item, unknown_item> {};

struct section_cite : string_lit {};
// section = "section" string [ string ] [ "informational" ] "{" { item } "}"
struct section : seq<kw_section, _, must<section_cite>, opt<_, rule_title>, opt<_, informational>,
                     _, must<block_open>, star<_, item>, _, must<block_close>> {};

struct header_title : seq<kw_title, _, must<local_string>> {};
struct header_revision : seq<kw_revision, _, must<string_lit>> {};
struct header_effective : seq<kw_effective, _, must<bare>> {};
struct header_source : seq<kw_source, _, must<string_lit>> {};
// header_language = "language" word      (the language of untagged strings: en or ja)
struct header_language : seq<TAO_PEGTL_KEYWORD("language"), _, must<word>> {};
struct header_field
    : sor<header_title, header_revision, header_effective, header_source, header_language> {};
struct header_close : one<'}'> {};
// policy_header = "policy" rule_id "{" { header_field } "}"
struct policy_header : seq<kw_policy, _, must<rule_id>, _, must<block_open>,
                           star<_, header_field, sep>, _, must<header_close>> {};
struct end_of_file : eof {};
// policy_file = policy_header { item } eof
struct policy_file : seq<_, must<policy_header>, star<_, item>, _, must<end_of_file>> {};

}  // namespace tekigo::dsl::grammar
