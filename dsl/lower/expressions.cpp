// dsl/lower: typed expressions as graph nodes — see expressions.hpp. The nodes are built in a
// fixed order (a quantifier's condition before its list), which fixes their ids in the graph.
#include "dsl/lower/expressions.hpp"

#include <string>
#include <vector>

namespace tekigo::dsl::lower {

engine::NodeId lower_expression(const checks::TypedExpr& typed, Lowering& l) {
  using K = ast::Expr::Kind;
  const ast::Expr& e = *typed.expr;
  auto& builder = l.builder;
  std::string src = l.text(e.span);
  switch (e.kind) {
    case K::and_:
    case K::or_: {
      std::vector<engine::NodeId> inputs;
      for (const auto& c : typed.children) inputs.push_back(lower_expression(c, l));
      return e.kind == K::and_ ? builder.all_of(std::move(inputs), src, l.ref(e.span))
                               : builder.any_of(std::move(inputs), src, l.ref(e.span));
    }
    case K::not_:
      return builder.negate(lower_expression(typed.children.at(0), l), src, l.ref(e.span));
    case K::any:
    case K::all:
    case K::none: {
      engine::NodeId predicate = lower_expression(typed.children.at(0), l);
      engine::NodeId list =
          builder.fact(typed.depth, e.path.segments, typed.fact->type, l.ref(e.path.span));
      if (e.kind == K::all) return builder.forall(list, predicate, src, l.ref(e.span));
      engine::NodeId any = builder.exists(
          list, predicate, e.kind == K::none ? l.text(e.children[0]->span) : src, l.ref(e.span));
      return e.kind == K::none ? builder.negate(any, src, l.ref(e.span)) : any;
    }
    default:
      break;
  }
  // Predicates on one fact, or on the check date (`today`: no fact of the dump).
  engine::NodeId f =
      typed.check_date
          ? builder.check_date(std::string(checks::kCheckDateName), l.ref(e.path.span))
          : builder.fact(typed.depth, e.path.segments, typed.fact->type, l.ref(e.path.span));
  switch (e.kind) {
    case K::is_present:
      return builder.present(f, src, l.ref(e.span));
    case K::is_absent:
      return builder.negate(builder.present(f, src), src, l.ref(e.span));
    case K::is_empty:
    case K::is_not_empty: {
      engine::NodeId empty = builder.empty(f, src, l.ref(e.span));
      return e.kind == K::is_empty ? empty : builder.negate(empty, src, l.ref(e.span));
    }
    case K::truth:
      return builder.truthy(f, src, l.ref(e.span));
    case K::match:
      return builder.match(f, e.pattern.value, src, l.ref(e.span));
    case K::contains: {
      engine::NodeId element =
          builder.fact(typed.depth + 1, {}, typed.fact->element->type, l.ref(e.path.span));
      engine::NodeId eq =
          builder.compare(element, engine::CompareOp::eq, typed.literal, src, l.ref(e.span));
      return builder.exists(f, eq, src, l.ref(e.span));
    }
    case K::in:
    case K::compare:
      if (typed.against_check_date)
        return builder.compare_with_check_date(
            f, typed.op, typed.fact->type,
            builder.check_date(std::string(checks::kCheckDateName), l.ref(e.rhs.span)), src,
            l.ref(e.span));
      return builder.compare(f, typed.op, typed.literal, src, l.ref(e.span));
    default:
      break;
  }
  return engine::kNoNode;  // not reached: typing accepts no other kind
}

}  // namespace tekigo::dsl::lower
