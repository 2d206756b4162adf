// Element-wise expression ops -> typed IR nodes (Unary, Cast, Select); never strings.
#include "compiler/frontend/tile_math_lowering.h"

#include <limits>

#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_op_lowering.h"

namespace tt::frontend {

namespace {

// An operand of an element-wise op: a number or a kernel value (not a buffer or a region).
ir::Expr element(const Value& v, const std::string& what) {
  if (v.is<ir::Buffer>()) {
    fail(v.span, what + " must be an element such as " + v.get<ir::Buffer>()->name + "[i, j], got the whole buffer " +
                     v.get<ir::Buffer>()->name);
  }
  if (v.is<bool>() || v.is<int64_t>() || v.is<double>() || is_symbolic(v)) return to_expr(v, what);
  fail(v.span, what + " must be a number or a kernel expression, got " + type_name(v) + " " + repr(v));
}

Value cast_value(DataType dtype, const Value& v, const std::string& op, SourceSpan span) {
  return Value::expr(ir::cast(dtype, element(v, "the value of " + op), span), span);
}

}  // namespace

Value lower_math_call(TileOp op, std::string_view member, const CallArgs& args, SourceSpan span) {
  switch (op) {
    case TileOp::Math: {
      std::string name = "T." + std::string(member);
      Signature sig{name, {{"x", true}}, 1};
      auto bound = bind_arguments(sig, args);
      ir::Expr x = element(*bound[0], "the argument of " + name);
      return Value::expr(ir::unary(*ir::unary_op_of(member), x, span), span);
    }
    case TileOp::Cast:
    case TileOp::CastLower: {
      const Signature& sig = tile_op_signature(op);
      auto bound = bind_arguments(sig, args);
      const Value& value = op == TileOp::Cast ? *bound[1] : *bound[0];
      const Value& dtype = op == TileOp::Cast ? *bound[0] : *bound[1];
      if (op == TileOp::CastLower) {
        // PTX rounding hints change nothing the backend models; only the defaults are accepted.
        if (bound[2] && !(bound[2]->is<std::string>() && bound[2]->get<std::string>().empty()))
          fail(bound[2]->span,
               "unsupported T.cast argument round=" + repr(*bound[2]) + ": only the default is supported");
        if (bound[3] && !(bound[3]->is<bool>() && bound[3]->get<bool>()))
          fail(bound[3]->span,
               "unsupported T.cast argument sat=" + repr(*bound[3]) + ": only the default is supported");
        if (bound[4] && !bound[4]->is<NoneValue>())
          fail(bound[4]->span,
               "unsupported T.cast argument rbits=" + repr(*bound[4]) + ": only the default is supported");
      }
      return cast_value(dtype_of(dtype), value, sig.name, span);
    }
    case TileOp::IfThenElse: {
      auto bound = bind_arguments(tile_op_signature(op), args);
      const Value& cond = *bound[0];
      if (std::optional<bool> known = truthiness(cond); known && !is_symbolic(cond)) {
        if (!(cond.is<bool>() || cond.is<int64_t>())) {
          fail(cond.span, "the condition of T.if_then_else must be a boolean expression, got " + type_name(cond) + " " +
                              repr(cond));
        }
        Value picked = *known ? *bound[1] : *bound[2];
        element(picked, "a value of T.if_then_else");
        picked.span = span;
        return picked;
      }
      ir::Expr c = element(cond, "the condition of T.if_then_else");
      ir::Expr t = element(*bound[1], "the true value of T.if_then_else");
      ir::Expr f = element(*bound[2], "the false value of T.if_then_else");
      return Value::expr(ir::select(c, t, f, span), span);
    }
    case TileOp::Clamp: {
      // TileLang's T.clamp is max then min (tilelang/language/customize.py).
      auto bound = bind_arguments(tile_op_signature(op), args);
      ir::Expr x = element(*bound[0], "the value of T.clamp");
      ir::Expr lo = element(*bound[1], "the min_val of T.clamp");
      ir::Expr hi = element(*bound[2], "the max_val of T.clamp");
      return from_expr(ir::binary(ir::BinaryOp::Min, ir::binary(ir::BinaryOp::Max, x, lo, span), hi, span), span);
    }
    case TileOp::Infinity: {
      auto bound = bind_arguments(tile_op_signature(op), args);
      DataType dtype = dtype_of(*bound[0]);
      if (!dtype_is_float(dtype)) {
        fail(bound[0]->span, std::string("T.infinity needs a floating-point dtype, got ") + dtype_name(dtype));
      }
      return Value::floating(std::numeric_limits<double>::infinity(), span);
    }
    default:
      break;
  }
  fail(span, "internal error: T." + std::string(member) + " is not an element-wise expression op");
}

Value lower_astype(const Value& value, const CallArgs& args, SourceSpan span) {
  Signature sig{"astype", {{"dtype", true}}, 1};
  auto bound = bind_arguments(sig, args);
  return cast_value(dtype_of(*bound[0]), value, "astype", span);
}

}  // namespace tt::frontend
