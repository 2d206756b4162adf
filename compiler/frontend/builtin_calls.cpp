// Builtin and T.* value functions with Python semantics; symbolic operands build IR.
#include "compiler/frontend/builtin_calls.h"

#include <cmath>

#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/literals.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_math_lowering.h"
#include "compiler/frontend/tile_ops.h"

namespace tt::frontend {

Value call_builtin(const std::string& path, const Node& call, const CallArgs& args) {
  SourceSpan span = call.span();
  std::string shown(call.field("function").text());
  auto min_max = [&](bool is_min) -> Value {
    std::vector<Value> items = args.positional;
    if (!args.keywords.empty())
      fail(args.keywords[0].span, shown + "() got an unexpected keyword argument '" + args.keywords[0].name + "'");
    if (items.size() == 1 && items[0].is<Sequence>()) items = items[0].get<Sequence>().items;
    if (items.empty()) fail(span, shown + "() expects at least 1 argument");
    Value acc = items[0];
    for (size_t i = 1; i < items.size(); ++i) {
      const Value& x = items[i];
      if (is_symbolic(acc) || is_symbolic(x)) {
        ir::Expr e = ir::binary(is_min ? ir::BinaryOp::Min : ir::BinaryOp::Max, to_expr(acc, "argument of " + shown),
                                to_expr(x, "argument of " + shown), span);
        acc = from_expr(e, span);
        continue;
      }
      std::optional<bool> better = truthiness(apply_binary(is_min ? PyOp::Lt : PyOp::Gt, x, acc, span));
      if (better.value_or(false)) acc = x;
    }
    acc.span = span;
    return acc;
  };

  if (std::optional<TileOp> op = tile_op_of(path)) {
    switch (*op) {
      case TileOp::CeilDiv: {
        auto bound = bind_arguments(tile_op_signature(TileOp::CeilDiv), args);
        const Value& a = *bound[0];
        const Value& b = *bound[1];
        if (!is_symbolic(a) && !is_symbolic(b)) {
          // Python: -(-a // b), exact for every sign.
          return apply_unary("-", apply_binary(PyOp::FloorDiv, apply_unary("-", a, span), b, span), span);
        }
        Value minus_one = apply_binary(PyOp::Sub, b, Value::integer(1, span), span);
        return apply_binary(PyOp::FloorDiv, apply_binary(PyOp::Add, a, minus_one, span), b, span);
      }
      case TileOp::Min:
        return min_max(true);
      case TileOp::Max:
        return min_max(false);
      case TileOp::Kernel:
        fail(span, "'" + shown + "' can only be used as 'with " + shown + "(...) as ...'");
      case TileOp::Pipelined:
      case TileOp::Serial:
      case TileOp::Parallel:
      case TileOp::Unroll:
        fail(span, "'" + shown + "' can only be used as the iterator of a 'for' loop");
      case TileOp::AllocShared:
      case TileOp::AllocFragment:
      case TileOp::AllocLocal:
        fail(span, "'" + shown + "' must be assigned to a name: buf = " + shown + "(shape, dtype)");
      case TileOp::Clear:
      case TileOp::Fill:
      case TileOp::Copy:
      case TileOp::Gemm:
        fail(span, "'" + shown + "' can only be used as a statement inside a @T.prim_func");
      case TileOp::Tensor:
      case TileOp::Buffer:
        fail(span, "'" + shown + "' can only annotate a parameter of a @T.prim_func");
      case TileOp::PrimFunc:
        fail(span, "'" + shown + "' can only be used as a decorator");
      case TileOp::GemmWarpPolicy:
        fail(span, "'" + shown + "' is not callable");
      case TileOp::Math:
      case TileOp::Cast:
      case TileOp::CastLower:
      case TileOp::IfThenElse:
      case TileOp::Infinity:
      case TileOp::Clamp:
        return lower_math_call(*op, tile_member(path), args, span);
      case TileOp::ReduceSum:
      case TileOp::ReduceMax:
      case TileOp::ReduceMin:
      case TileOp::ReduceAbsSum:
      case TileOp::ReduceAbsMax:
        fail(span, "'" + shown + "' can only be used as a statement inside a @T.prim_func");
    }
  }
  if (path.rfind(kBuiltinPrefix, 0) == 0) {
    std::string_view name = std::string_view(path).substr(kBuiltinPrefix.size());
    if (name == "min") return min_max(true);
    if (name == "max") return min_max(false);
    if (name == "print") return Value::none(span);  // output of definition-time code is not reproduced
    if (name == "range") fail(span, "range() is only supported as the iterator of a 'for' loop in a @T.prim_func");
    if (args.positional.size() != 1 || !args.keywords.empty()) fail(span, std::string(name) + "() expects 1 argument");
    const Value& v = args.positional[0];
    if (name == "bool") {
      std::optional<bool> t = truthiness(v);
      if (!t) fail(span, "bool() of a kernel value is not known at definition time");
      return Value::boolean(*t, span);
    }
    if (name == "len") {
      if (v.is<Sequence>()) return Value::integer(static_cast<int64_t>(v.get<Sequence>().items.size()), span);
      if (v.is<std::string>()) return Value::integer(static_cast<int64_t>(v.get<std::string>().size()), span);
      fail(span, "object of type '" + type_name(v) + "' has no len()");
    }
    if (name == "int") {
      if (v.is<int64_t>() || v.is<bool>()) return Value::integer(*as_integer(v), span);
      if (v.is<double>()) {
        double d = std::trunc(v.get<double>());
        if (!std::isfinite(d) || std::fabs(d) > 9.2e18)
          fail(span, "cannot convert " + repr(v) + " to a 64-bit integer");
        return Value::integer(static_cast<int64_t>(d), span);
      }
      if (v.is<std::string>()) return Value::integer(parse_int_literal(v.get<std::string>(), span), span);
    }
    if (name == "float") {
      if (v.is<int64_t>() || v.is<bool>()) return Value::floating(static_cast<double>(*as_integer(v)), span);
      if (v.is<double>()) return Value::floating(v.get<double>(), span);
      if (v.is<std::string>()) return Value::floating(parse_float_literal(v.get<std::string>(), span), span);
    }
    if (name == "abs") {
      if (is_symbolic(v)) return Value::expr(ir::unary(ir::UnaryOp::Abs, to_expr(v, "argument of abs()"), span), span);
      if (v.is<double>()) return Value::floating(std::fabs(v.get<double>()), span);
      if (v.is<int64_t>() || v.is<bool>()) {
        int64_t i = *as_integer(v);
        return i < 0 ? apply_unary("-", v, span) : Value::integer(i, span);
      }
    }
    fail(span, std::string(name) + "() of a " + type_name(v) + " value is not supported");
  }
  fail(span, "cannot evaluate '" + shown +
                 "(...)' at definition time: only TileLang (T.*) functions, Python builtins "
                 "and functions defined in this file can be called");
}

}  // namespace tt::frontend
