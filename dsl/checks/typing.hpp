// dsl/checks: typing — each expression of a rule meets the fact contract
// (engine/fact_schema.hpp): every path names a fact, every operator suits the type of its
// fact, every literal parses as a value of it (literals.hpp). A typed expression carries what
// lowering needs, the fact each path names and the parsed literals, so that lowering it
// (dsl/lower/expressions.hpp) cannot fail. The pass `typing` of passes.hpp: each rule kind's
// lowering types the parts it lowers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/ast/ast.hpp"
#include "dsl/ast/diagnostic.hpp"
#include "engine/eval/graph.hpp"
#include "engine/facts/fact_schema.hpp"

namespace tekigo::dsl::checks {

// Where an expression is read: at the dump root (depth 0) or inside quantifiers, reading the
// element of the innermost one.
struct FactScope {
  std::uint32_t depth = 0;
  const engine::SchemaNode* schema = nullptr;
  std::string element_of;  // the list the element comes from, for messages
};

// The comparison `op` as the engine names it.
engine::CompareOp compare_op(ast::CompareOp op);

// The dump itself: depth 0, the whole contract.
FactScope dump_scope();

// The list a `forbid` item of `kind` goes through: software → {"software"}, adapter →
// {"network", "adapters"}, service → {"services"}, browser → {"browsers"}, lsp →
// {"network", "layered_service_providers"}; empty for `when` (and any other word).
const std::vector<const char*>& forbid_list(std::string_view kind);

// Where the condition of a `forbid` item of `kind` is read: an element of its list (depth 1),
// or the dump for `when`.
FactScope forbid_item_scope(std::string_view kind);
// `today`, a path of one segment: the check date (engine::EvaluationOptions::as_of), a date.
// It names no fact — a dump cannot supply it — and means the same at every depth (inside a
// quantifier too). Lowering reads it from a check_date node, not from the dump.
inline constexpr std::string_view kCheckDateName = "today";
bool names_check_date(const std::vector<std::string>& segments);
// The type `today` has: a date.
const engine::SchemaNode& check_date_type();

// An expression with its facts resolved and its literals parsed.
struct TypedExpr {
  const ast::Expr* expr = nullptr;
  std::uint32_t depth = 0;                       // of the scope it is read in
  const engine::SchemaNode* fact = nullptr;      // what its path names (predicates, quantifiers)
  engine::CompareOp op = engine::CompareOp::eq;  // compare and in
  engine::Literal literal;                       // compare, in, contains: the right-hand side
  std::vector<TypedExpr> children;               // and, or, not; a quantifier's condition
  bool check_date = false;                       // the path is `today` (fact is check_date_type())
  bool against_check_date = false;  // compare: the right-hand side is `today`, not `literal`
};

class Typing {
 public:
  explicit Typing(std::vector<Diagnostic>& diagnostics) : diagnostics_(diagnostics) {}

  // `e` read in `scope`, typed; nullopt after reporting every mistake in it (E0201–E0209).
  // `today` (kCheckDateName) is the check date wherever a path or a right-hand side may be.
  std::optional<TypedExpr> expression(const ast::Expr& e, const FactScope& scope);

  // The fact `path` names in `scope`; null after E0201 (with the nearest known name).
  const engine::SchemaNode* fact(const ast::Path& path, const FactScope& scope);

  // `o` as a value (or a list of values) of `type`: parse_literal of literals.hpp.
  std::optional<engine::Literal> literal(const ast::Operand& o, const engine::SchemaNode& type);

 private:
  void error(const DiagnosticCode& code, std::string message, Span span, std::string help = {});
  std::vector<Diagnostic>& diagnostics_;
};

// `e` typed again for a pass that reads a rule typing accepted (stage `typed`): nullopt,
// and no diagnostic, when it does not type.
std::optional<TypedExpr> typed_again(const ast::Expr& e, const FactScope& scope);

// Edit distance, for "did you mean" help.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace tekigo::dsl::checks
