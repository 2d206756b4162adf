// Builtin and T.* value functions with Python semantics; symbolic operands build IR.
#include "compiler/frontend/builtin_calls.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "compiler/frontend/call_args.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/literals.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_math_lowering.h"
#include "compiler/frontend/tile_ops.h"
#include "compiler/ir/dtype.h"
#include "compiler/ir/dtype_spellings.h"
#include "compiler/ir/suggest.h"

namespace tt::frontend {

std::optional<std::vector<Value>> iterable_items(const Value& v) {
  if (v.is<Sequence>()) return v.get<Sequence>().items;
  if (v.is<Dict>()) return v.get<Dict>().keys;
  if (v.is<std::string>()) {
    std::vector<Value> chars;
    for (char c : v.get<std::string>()) chars.push_back(Value::string(std::string(1, c), v.span));
    return chars;
  }
  return std::nullopt;
}

namespace {

constexpr int64_t kMaxRange = 1 << 20;  // longest definition-time range()

// Builtins over collections and types: range, tuple, list, dict, set, str, round, sum, sorted,
// reversed, zip, enumerate, any, all, isinstance, pow, divmod. Returns false for other names.
bool collection_builtin(std::string_view name, const CallArgs& args, const Node& call, Value& out) {
  SourceSpan span = call.span();
  const std::vector<Value>& a = args.positional;
  auto items_of = [&](const Value& v) {
    std::optional<std::vector<Value>> items = iterable_items(v);
    if (!items) fail(v.span, "'" + type_name(v) + "' object is not iterable at definition time");
    return *items;
  };
  auto integer = [&](const Value& v) {
    std::optional<int64_t> i = v.is<ir::Expr>() || v.is<double>() ? std::nullopt : as_integer(v);
    if (!i) fail(v.span, std::string(name) + "() expects integers, got " + type_name(v) + " " + repr(v));
    return *i;
  };
  if (name == "range") {
    if (a.empty() || a.size() > 3) fail(span, "range " + expects_arguments(1, 3) + ", got " + std::to_string(a.size()));
    int64_t start = a.size() > 1 ? integer(a[0]) : 0, stop = integer(a.size() > 1 ? a[1] : a[0]);
    int64_t step = a.size() > 2 ? integer(a[2]) : 1;
    if (step == 0) fail(span, "range() arg 3 must not be zero");
    std::vector<Value> items;
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (static_cast<int64_t>(items.size()) >= kMaxRange)
        fail(span, "range() is too long to evaluate at definition time");
      items.push_back(Value::integer(i, span));
    }
    out = Value::sequence(std::move(items), true, span);
    return true;
  }
  if (name == "tuple" || name == "list" || name == "set" || name == "sorted" || name == "reversed") {
    std::vector<Value> items = a.empty() ? std::vector<Value>{} : items_of(a[0]);
    if (name == "sorted") {
      std::stable_sort(items.begin(), items.end(), [&](const Value& x, const Value& y) {
        return truthiness(apply_binary(PyOp::Lt, x, y, span)).value_or(false);
      });
      for (const KeywordArg& kw : args.keywords) {
        if (kw.name == "reverse" && truthiness(kw.value).value_or(false)) std::reverse(items.begin(), items.end());
      }
    }
    if (name == "reversed") std::reverse(items.begin(), items.end());
    if (name == "set") {
      Sequence set{true, {}, true};
      for (Value& v : items) {
        bool seen = false;
        for (const Value& have : set.items) seen |= truthiness(apply_binary(PyOp::Eq, have, v, span)).value_or(false);
        if (!seen) set.items.push_back(std::move(v));
      }
      out = Value{std::move(set), span};
      return true;
    }
    out = Value::sequence(std::move(items), name != "tuple", span);
    return true;
  }
  if (name == "dict") {
    Dict d;
    if (!a.empty()) {
      if (a[0].is<Dict>()) {
        d = a[0].get<Dict>();
      } else {
        for (const Value& pair : items_of(a[0])) {
          std::optional<std::vector<Value>> kv = iterable_items(pair);
          if (!kv || kv->size() != 2) fail(span, "dictionary update sequence element has the wrong length");
          d.keys.push_back((*kv)[0]);
          d.values.push_back((*kv)[1]);
        }
      }
    }
    for (const KeywordArg& kw : args.keywords) {
      d.keys.push_back(Value::string(kw.name, kw.span));
      d.values.push_back(kw.value);
    }
    out = Value{std::move(d), span};
    return true;
  }
  if (name == "zip" || name == "enumerate") {
    std::vector<std::vector<Value>> columns;
    if (name == "enumerate") {
      std::vector<Value> items = a.empty() ? std::vector<Value>{} : items_of(a[0]);
      std::vector<Value> index;
      for (size_t i = 0; i < items.size(); ++i) index.push_back(Value::integer(static_cast<int64_t>(i), span));
      columns = {index, items};
    } else {
      for (const Value& v : a) columns.push_back(items_of(v));
    }
    size_t n = columns.empty() ? 0 : SIZE_MAX;
    for (const auto& c : columns) n = std::min(n, c.size());
    std::vector<Value> rows;
    for (size_t i = 0; i < n; ++i) {
      std::vector<Value> row;
      for (const auto& c : columns) row.push_back(c[i]);
      rows.push_back(Value::sequence(std::move(row), false, span));
    }
    out = Value::sequence(std::move(rows), true, span);
    return true;
  }
  if (name == "sum") {
    Value acc = a.size() > 1 ? a[1] : Value::integer(0, span);
    for (const Value& v : a.empty() ? std::vector<Value>{} : items_of(a[0]))
      acc = apply_binary(PyOp::Add, acc, v, span);
    out = acc;
    return true;
  }
  if (name == "any" || name == "all") {
    bool want = name == "any";
    bool result = !want;
    for (const Value& v : a.empty() ? std::vector<Value>{} : items_of(a[0])) {
      std::optional<bool> t = truthiness(v);
      if (!t) fail(v.span, std::string(name) + "() of a kernel value is not known at definition time");
      if (*t == want) result = want;
    }
    out = Value::boolean(result, span);
    return true;
  }
  if (name == "pow" && a.size() == 2) {
    out = apply_binary(PyOp::Pow, a[0], a[1], span);
    return true;
  }
  if (name == "divmod" && a.size() == 2) {
    out = Value::sequence({apply_binary(PyOp::FloorDiv, a[0], a[1], span), apply_binary(PyOp::Mod, a[0], a[1], span)},
                          false, span);
    return true;
  }
  if (name == "round" && !a.empty()) {
    if (a.size() > 1 || !a[0].is<double>()) {
      out = a[0];
      return true;
    }
    double r = std::nearbyint(a[0].get<double>());
    if (!std::isfinite(r) || std::fabs(r) > 9.2e18) fail(span, "cannot convert " + repr(a[0]) + " to an integer");
    out = Value::integer(static_cast<int64_t>(r), span);
    return true;
  }
  if (name == "str" && a.size() == 1) {
    out = Value::string(a[0].is<std::string>() ? a[0].get<std::string>() : repr(a[0]), span);
    return true;
  }
  if (name == "isinstance" && a.size() == 2) {
    std::vector<Value> types = a[1].is<Sequence>() ? a[1].get<Sequence>().items : std::vector<Value>{a[1]};
    bool result = false;
    for (const Value& t : types) {
      std::string path = t.is<Namespace>() ? t.get<Namespace>().path : "";
      std::string tn = type_name(a[0]);
      result |= path == std::string(kBuiltinPrefix) + tn || (path == "builtins.float" && tn == "int");
    }
    out = Value::boolean(result, span);
    return true;
  }
  if (name == "type" || name == "getattr" || name == "hasattr" || name == "vars" || name == "iter") {
    out = Value::run_time(std::string(call.text()), span);  // introspection: only meaningful at run time
    return true;
  }
  return false;
}

}  // namespace

Value call_builtin(const std::string& path, const Node& call, const CallArgs& args,
                   const std::map<std::string, Value>* sizes) {
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
      case TileOp::If:
        fail(span, "'" + shown + "' can only be used as 'with " + shown +
                       "(cond):', holding 'with T.Then():' and optionally 'with T.Else():'");
      case TileOp::Then:
      case TileOp::Else:
        fail(span, "'" + shown + "' can only be used as 'with " + shown + "():' directly inside 'with T.If(cond):'");
      case TileOp::Pipelined:
      case TileOp::Serial:
      case TileOp::Parallel:
      case TileOp::Unroll:
        fail(span, "'" + shown + "' can only be used as the iterator of a 'for' loop");
      case TileOp::AllocShared:
      case TileOp::AllocFragment:
      case TileOp::AllocLocal:
      case TileOp::AllocVar:
        fail(span, "'" + shown + "' must be assigned to a name: buf = " + shown + "(shape, dtype)");
      case TileOp::Clear:
      case TileOp::Fill:
      case TileOp::Copy:
      case TileOp::Gemm:
      case TileOp::ReduceSum:
      case TileOp::ReduceMax:
      case TileOp::ReduceMin:
      case TileOp::ReduceAbsSum:
      case TileOp::ReduceAbsMax:
      case TileOp::Cumsum:
      case TileOp::Cummax:
        fail(span, "'" + shown + "' can only be used as a statement inside a @T.prim_func");
      case TileOp::Tensor:
      case TileOp::Buffer:
        fail(span, "'" + shown + "' can only annotate a parameter of a @T.prim_func");
      case TileOp::PrimFunc:
        fail(span, "'" + shown + "' can only be used as a decorator");
      case TileOp::GemmWarpPolicy:
        fail(span, "'" + shown + "' is not callable");
      case TileOp::Macro:
        fail(span, "'" + shown + "' can only be used as a decorator");
      case TileOp::Dynamic:
        // `M = T.dynamic("M")` (or T.symbolic, its deprecated alias) outside a kernel: a size known only
        // when the program runs, unless -D gives it. "M, N" (or "M N") declares several, as a tuple.
        if (args.positional.size() == 1 && args.positional[0].is<std::string>()) {
          std::vector<Value> items;
          for (std::string& name : symbol_names(args.positional[0].get<std::string>())) {
            const auto given = sizes ? sizes->find(name) : std::map<std::string, Value>::const_iterator{};
            if (sizes && given != sizes->end()) {
              items.push_back(Value{given->second.data, span});
            } else {
              items.push_back(Value::run_time(std::string(call.text()), span));
              std::get<RunTimeValue>(items.back().data).name = std::move(name);
            }
          }
          if (items.size() == 1) return items[0];
          if (!items.empty()) return Value::sequence(std::move(items), false, span);
        }
        [[fallthrough]];
      case TileOp::Const:
        fail(span, "'" + shown + "' declares the sizes of a @tilelang.jit kernel: use it in the kernel's body");
      case TileOp::Empty:
        fail(span, "'" + shown +
                       "' declares an output of a @tilelang.jit kernel: use it in the kernel's body, as C = " + shown +
                       "(shape, dtype)");
      case TileOp::DType: {
        // T.dtype(x) names the dtype x already names: a dtype, its spelling, or a run-time tensor's dtype
        // (T.dtype(q.dtype), known only when the program runs). Whether the backend has the dtype is asked
        // where a buffer or a cast uses it (dtype_of), with the message that names it.
        auto bound = bind_arguments(tile_op_signature(TileOp::DType), args);
        Value v = *bound[0];
        if (v.is<RunTimeValue>()) return Value::run_time(std::string(call.text()), span);
        if (v.is<DataType>() || v.is<Namespace>()) {
          v.span = span;
          return v;
        }
        if (v.is<std::string>()) {
          std::string_view name = v.get<std::string>();
          std::optional<TileMemberClass> c = classify_tile_member(name);
          if (parse_dtype(name) || (c && c->family == std::string_view("dtypes"))) {
            v.span = span;
            return v;
          }
          fail(bound[0]->span, unknown_name_message("dtype", std::string(name), dtype_spellings(), "dtypes"));
        }
        fail(bound[0]->span, shown + "() expects a dtype or its name, got " + type_name(v) + " " + repr(v));
      }
      case TileOp::Math:
      case TileOp::Cast:
      case TileOp::CastLower:
      case TileOp::IfThenElse:
      case TileOp::Infinity:
      case TileOp::Clamp:
        return lower_math_call(*op, tile_member(path), args, span);
    }
  }
  if (path.rfind(kBuiltinPrefix, 0) == 0) {
    std::string_view name = std::string_view(path).substr(kBuiltinPrefix.size());
    for (const Value& a : args.positional) {  // int(x.shape[0]), len(tensor), range(n) of run-time data
      if ((a.is<RunTimeValue>() || a.is<AbstractTensor>()) && name != "print" && name != "isinstance") {
        if (name == "len" && a.is<AbstractTensor>() && !a.get<AbstractTensor>().shape.empty())
          return Value::integer(a.get<AbstractTensor>().shape[0], span);
        return Value::run_time(std::string(call.text()), span);
      }
    }
    if (name == "min") return min_max(true);
    if (name == "max") return min_max(false);
    if (name == "print") return Value::none(span);  // output of definition-time code is not reproduced
    if (Value v; collection_builtin(name, args, call, v)) return v;
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
