// dsl: the one table of diagnostic codes — every code the policy compiler can emit, its
// severity, and what it means (the "Meaning" column of docs/errors.md; a test keeps the two
// in step). Emitting sites name an entry, `make_diagnostic(codes::E0201, …)`, never a string.
// A code keeps its meaning forever: a new kind of problem gets a new row, and a retired code
// stays in docs/errors.md so that it is never reused.
#pragma once

#include <array>
#include <string_view>

namespace tekigo::dsl {

enum class Severity { error, warning, note };

struct DiagnosticCode {
  std::string_view code;  // "E0201"
  Severity severity;
  std::string_view summary;  // one sentence, as docs/errors.md's table has it
};

// X(CODE, SEVERITY, SUMMARY), grouped by stage as in docs/errors.md:
//   E00xx syntax (dsl/grammar)       E01xx structure (dsl/checks: header, names, cites;
//                                    E0107 as the parse tree becomes the AST)
//   E02xx facts, types and literals (dsl/checks: typing)
//   E03xx the shape of one rule kind (dsl/lower)   W04xx lints (dsl/checks: mostly after typing)
//   E05xx the formatter (dsl/format: `tekigo fmt`)
#define TEKIGO_DIAGNOSTIC_CODES(X)                                                              \
  X(E0001, error, "Syntax error.")                                                              \
  X(E0002, error, "A word where a section, note or rule should start.")                         \
  X(E0003, error,                                                                               \
    "The parse itself failed: tekigo ran out of memory, or hit a bug. Not a mistake in the "    \
    "policy.")                                                                                  \
  X(E0004, error,                                                                               \
    "The policy is not UTF-8 text: a byte that is not UTF-8, or a control character (NUL, "     \
    "ESC…) other than tab and line ends.")                                                      \
  X(E0101, error, "Two rules, or a rule and a `removed` entry, have the same id.")              \
  X(E0102, error, "`notes ※N` names a note that no enclosing scope declares.")                  \
  X(E0103, error, "The header lacks `title`, `revision`, `effective` or `source`.")             \
  X(E0104, error, "One section declares a note label twice.")                                   \
  X(E0105, error, "A rule or `removed` entry outside every section has no `cite`.")             \
  X(E0106, error, "A rule has no sentence, or an empty one.")                                   \
  X(E0107, error,                                                                               \
    "A clause written twice where one belongs (two `os` in a row, two `to` in a flow): the "    \
    "second would replace the first.")                                                          \
  X(E0110, error,                                                                               \
    "A translation tagged, or a `language` declared, with a language other than `en` or `ja`.") \
  X(E0111, error,                                                                               \
    "A text written twice in one language: a tag that is the language of untagged strings, or " \
    "the same tag twice.")                                                                      \
  X(E0201, error, "A path names no fact of the contract.")                                      \
  X(E0202, error, "A literal of the right kind that does not parse.")                           \
  X(E0203, error,                                                                               \
    "A literal of the wrong kind for the fact, a list where one value belongs, or a list fact " \
    "compared directly.")                                                                       \
  X(E0204, error, "A word that is not one of the allowed values.")                              \
  X(E0205, error, "A list operation on something that is not a list.")                          \
  X(E0206, error, "A fact used on its own as a condition, but it is not boolean.")              \
  X(E0207, error, "`~` on a fact that is not text.")                                            \
  X(E0208, error, "RE2 rejects the pattern.")                                                   \
  X(E0209, error, "`<`, `<=`, `>`, `>=` on a type without order (word, boolean, host name).")   \
  X(E0210, error, "A `from D1 until D2` window whose `from` date is after its `until` date.")   \
  X(E0301, error, "A `check` or `manual` without `expect` or `… when`.")                        \
  X(E0302, error, "A `matrix` without rows.")                                                   \
  X(E0303, error, "A matrix row without an `os` clause.")                                       \
  X(E0304, error, "A `resolve` without `name`.")                                                \
  X(E0305, error, "A `flow` without `to`, `port` or `protocol`.")                               \
  X(E0306, error, "A `flow` direction other than `out`.")                                       \
  X(E0307, error, "A `forbid` without items.")                                                  \
  X(E0308, error, "A `line` rule names a line type in two classes.")                            \
  X(W0401, warning, "A `line` rule leaves line types unclassified.")                            \
  X(W0402, warning, "A `check` or `manual` rule can only ever give one status.")                \
  X(E0501, error, "`tekigo fmt` cannot keep a comment where it is written.")                    \
  X(E0502, error, "`tekigo fmt` would drop text that the parsed policy does not keep.")         \
  X(E0503, error,                                                                               \
    "`tekigo fmt` could not print the policy faithfully: a bug in tekigo, not in the policy.")  \
  X(W0411, warning,                                                                             \
    "A `from`/`until` window that ends before the policy's `effective` date: never in force.")  \
  X(W0403, warning,                                                                             \
    "A matrix row names an OS version, Windows release or service pack that does not exist.")   \
  X(W0404, warning, "Two rules cite the same clause of the document.")                          \
  X(W0405, warning, "A matrix row admits terminals an earlier row also admits.")                \
  X(W0406, warning,                                                                             \
    "Every terminal a matrix row admits, an earlier row admits: it never decides.")             \
  X(W0407, warning, "A condition that can never hold, so its case, row or item never applies.") \
  X(W0408, warning, "A case that is never reached: an earlier case holds whenever it does.")    \
  X(W0409, warning, "A note that nothing refers to.")                                           \
  X(W0412, warning, "A clause of the outline no rule cites, not marked `informational`.")       \
  X(W0413, warning, "A rule's `cite` names no clause of its section's outline.")                \
  X(W0414, warning, "A section declares the same clause twice.")                                \
  X(W0415, warning, "A section without rules that is not marked `informational`.")

// codes::E0201 and so on, one constant per row.
namespace codes {
#define TEKIGO_DIAGNOSTIC_CODE(code, severity, summary) \
  inline constexpr DiagnosticCode code{#code, Severity::severity, summary};
TEKIGO_DIAGNOSTIC_CODES(TEKIGO_DIAGNOSTIC_CODE)
#undef TEKIGO_DIAGNOSTIC_CODE
}  // namespace codes

// Every row, in the table's order.
inline constexpr std::array kDiagnosticCodes = {
#define TEKIGO_DIAGNOSTIC_CODE(code, severity, summary) codes::code,
    TEKIGO_DIAGNOSTIC_CODES(TEKIGO_DIAGNOSTIC_CODE)
#undef TEKIGO_DIAGNOSTIC_CODE
};

}  // namespace tekigo::dsl
