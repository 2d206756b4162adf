// Integer typing of IR expressions (see expr_type.h).
#include "compiler/ir/expr_type.h"

namespace tt::ir {

bool is_integer_typed(const Expr& e) {
  if (!e) return false;
  switch (e->kind) {
    case ExprKind::IntImm:
    case ExprKind::Var:
    case ExprKind::RuntimeArg:
      return true;
    case ExprKind::FloatImm:
    case ExprKind::StringImm:
    case ExprKind::CBRef:
      return false;
    case ExprKind::BufferLoad:
      return !dtype_is_float(as<BufferLoadNode>(e)->buffer->dtype);
    case ExprKind::Cast:
      return !dtype_is_float(as<CastNode>(e)->dtype);
    case ExprKind::Binary: {
      auto* op = as<BinaryNode>(e);
      return op->op != BinaryOp::Div && is_integer_typed(op->a) && is_integer_typed(op->b);
    }
    case ExprKind::Unary: {
      auto* op = as<UnaryNode>(e);
      return (op->op == UnaryOp::Neg || op->op == UnaryOp::Abs) && is_integer_typed(op->a);
    }
    case ExprKind::Select: {
      auto* op = as<SelectNode>(e);
      return is_integer_typed(op->true_value) && is_integer_typed(op->false_value);
    }
  }
  return false;
}

}  // namespace tt::ir
