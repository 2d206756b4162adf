// Library models with Python semantics on definition-time values; a shape that is not a plain
// integer (a symbolic or run-time value) makes the whole tensor a run-time value.
#include "compiler/frontend/library_calls.h"

#include <cmath>
#include <numeric>

#include "compiler/frontend/builtin_calls.h"
#include "compiler/frontend/frontend_error.h"
#include "compiler/frontend/python_arith.h"
#include "compiler/frontend/tile_ops.h"

namespace tt::frontend {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

const Value* keyword(const CallArgs& args, std::string_view name) {
  for (const KeywordArg& k : args.keywords) {
    if (k.name == name) return &k.value;
  }
  return nullptr;
}

std::optional<DataType> dtype_value(const Value& v) {
  if (v.is<DataType>()) return v.get<DataType>();
  if (v.is<std::string>()) return parse_dtype(v.get<std::string>());
  return std::nullopt;
}

// Integer dims from `f(2, 3)`, `f((2, 3))` or `f([2, 3])`; nullopt when one is not an int.
std::optional<std::vector<int64_t>> dims_of(const std::vector<Value>& values) {
  std::vector<Value> items = values;
  if (items.size() == 1 && items[0].is<Sequence>()) items = items[0].get<Sequence>().items;
  std::vector<int64_t> dims;
  for (const Value& v : items) {
    if (!(v.is<int64_t>() || v.is<bool>())) return std::nullopt;
    dims.push_back(*as_integer(v));
  }
  return dims;
}

Value tensor(std::optional<std::vector<int64_t>> shape, std::optional<DataType> dtype, const Node& call) {
  if (!shape) return Value::run_time(std::string(call.text()), call.span());
  return Value{AbstractTensor{std::move(*shape), dtype}, call.span()};
}

double number(const Value& v, const Node& call) {
  if (v.is<double>()) return v.get<double>();
  if (std::optional<int64_t> i = as_integer(v); i && !v.is<ir::Expr>()) return static_cast<double>(*i);
  fail(v.span, std::string(call.field("function").text()) + "() expects a number, got " + type_name(v));
}

Value math_call(std::string_view fn, const CallArgs& args, const Node& call) {
  SourceSpan span = call.span();
  auto arg = [&](size_t i) -> const Value& {
    if (i >= args.positional.size()) fail(span, "math." + std::string(fn) + "() expects more arguments");
    return args.positional[i];
  };
  auto to_int = [&](double d) {
    if (!std::isfinite(d) || std::fabs(d) > 9.2e18)
      fail(span, "cannot convert " + std::to_string(d) + " to an integer");
    return Value::integer(static_cast<int64_t>(d), span);
  };
  if (fn == "ceil") return to_int(std::ceil(number(arg(0), call)));
  if (fn == "floor") return to_int(std::floor(number(arg(0), call)));
  if (fn == "trunc") return to_int(std::trunc(number(arg(0), call)));
  if (fn == "sqrt") return Value::floating(std::sqrt(number(arg(0), call)), span);
  if (fn == "log2") return Value::floating(std::log2(number(arg(0), call)), span);
  if (fn == "log10") return Value::floating(std::log10(number(arg(0), call)), span);
  if (fn == "exp") return Value::floating(std::exp(number(arg(0), call)), span);
  if (fn == "log") {
    double x = std::log(number(arg(0), call));
    return Value::floating(args.positional.size() > 1 ? x / std::log(number(arg(1), call)) : x, span);
  }
  if (fn == "pow") return Value::floating(std::pow(number(arg(0), call), number(arg(1), call)), span);
  if (fn == "isqrt") return to_int(std::floor(std::sqrt(number(arg(0), call))));
  if (fn == "gcd" || fn == "lcm") {
    std::optional<int64_t> a = as_integer(arg(0)), b = as_integer(arg(1));
    if (!a || !b) fail(span, "math." + std::string(fn) + "() expects integers");
    return Value::integer(fn == "gcd" ? std::gcd(*a, *b) : std::lcm(*a, *b), span);
  }
  if (fn == "prod") {
    Value acc = Value::integer(1, span);
    for (const Value& v :
         args.positional[0].is<Sequence>() ? args.positional[0].get<Sequence>().items : std::vector<Value>{})
      acc = apply_binary(PyOp::Mul, acc, v, span);
    return acc;
  }
  return Value::run_time(std::string(call.text()), span);
}

Value torch_call(std::string_view fn, const CallArgs& args, const Node& call) {
  std::optional<DataType> dtype;
  if (const Value* d = keyword(args, "dtype")) dtype = dtype_value(*d);
  std::vector<Value> positional = args.positional;
  if (const Value* size = keyword(args, "size")) positional = {*size};
  if (fn == "randn" || fn == "rand" || fn == "empty" || fn == "zeros" || fn == "ones") {
    return tensor(dims_of(positional), dtype, call);
  }
  if (fn == "full") return tensor(positional.empty() ? std::nullopt : dims_of({positional[0]}), dtype, call);
  if (fn == "randint") {
    if (positional.size() < 3 && !keyword(args, "size")) return Value::run_time(std::string(call.text()), call.span());
    return tensor(dims_of({positional.back()}), dtype, call);
  }
  if (fn == "arange" && args.positional.size() == 1) {
    std::optional<int64_t> n = as_integer(args.positional[0]);
    if (n && !args.positional[0].is<ir::Expr>()) return tensor(std::vector<int64_t>{*n}, dtype, call);
  }
  if ((fn == "empty_like" || fn == "zeros_like" || fn == "ones_like" || fn == "randn_like" || fn == "rand_like") &&
      !args.positional.empty() && args.positional[0].is<AbstractTensor>()) {
    AbstractTensor t = args.positional[0].get<AbstractTensor>();
    if (dtype) t.dtype = dtype;
    return Value{std::move(t), call.span()};
  }
  return Value::run_time(std::string(call.text()), call.span());
}

}  // namespace

std::optional<Value> library_attribute(const std::string& path, SourceSpan span) {
  if (path == "math.pi") return Value::floating(M_PI, span);
  if (path == "math.e") return Value::floating(M_E, span);
  if (path == "math.inf") return Value::floating(INFINITY, span);
  if (starts_with(path, "torch.") && path.find('.', 6) == std::string::npos) {
    if (std::optional<DataType> d = parse_dtype(std::string_view(path).substr(6))) return Value::dtype(*d, span);
  }
  return std::nullopt;
}

std::optional<Value> call_library(const std::string& path, const Node& call, const CallArgs& args) {
  SourceSpan span = call.span();
  if (starts_with(path, "math.")) {
    for (const Value& a : args.positional) {
      if (a.is<RunTimeValue>()) return Value::run_time(std::string(call.text()), span);
    }
  }
  if (starts_with(path, "math.")) return math_call(std::string_view(path).substr(5), args, call);
  if (starts_with(path, "torch.") && path.find('.', 6) == std::string::npos) {
    return torch_call(std::string_view(path).substr(6), args, call);
  }
  if (path == "argparse.ArgumentParser") return Value{ArgParser{}, span};
  if (path == "tilelang.cdiv") return call_builtin(std::string(kTileLang) + ".ceildiv", call, args);  // an alias
  if (path == "tilelang.math.next_power_of_2" && args.positional.size() == 1 && args.positional[0].is<int64_t>()) {
    int64_t n = args.positional[0].get<int64_t>(), p = 1;
    while (p < n && p < (int64_t{1} << 62)) p <<= 1;
    return Value::integer(p, span);
  }
  if (path == "tvm.IRModule" || path == "tvm.ir.IRModule" || path == "tilelang.tvm.IRModule") {
    // A factory may return `tvm.IRModule({"main": f})`: the kernel is the module's function.
    if (args.positional.size() == 1 && args.positional[0].is<Dict>()) {
      const Dict& d = args.positional[0].get<Dict>();
      for (size_t i = 0; i < d.keys.size(); ++i) {
        if (d.keys[i].is<std::string>() && d.keys[i].get<std::string>() == "main") return d.values[i];
      }
      if (!d.values.empty()) return d.values[0];
    }
    if (args.positional.size() == 1 && args.positional[0].is<FunctionValue>()) return args.positional[0];
  }
  if (path == "itertools.product") {
    std::vector<std::vector<Value>> pools;
    for (const Value& v : args.positional) {
      if (!v.is<Sequence>()) return Value::run_time(std::string(call.text()), span);
      pools.push_back(v.get<Sequence>().items);
    }
    std::vector<Value> out{Value::sequence({}, false, span)};
    for (const auto& pool : pools) {
      std::vector<Value> next;
      for (const Value& prefix : out) {
        for (const Value& item : pool) {
          std::vector<Value> t = prefix.get<Sequence>().items;
          t.push_back(item);
          next.push_back(Value::sequence(std::move(t), false, span));
          if (next.size() > (1u << 20)) fail(span, "itertools.product() is too large to evaluate at definition time");
        }
      }
      out = std::move(next);
    }
    return Value::sequence(std::move(out), true, span);
  }
  return std::nullopt;
}

Value tensor_method(const AbstractTensor& tensor, const std::string& name, const CallArgs& args, const Node& call) {
  SourceSpan span = call.span();
  AbstractTensor t = tensor;
  static const std::pair<const char*, DataType> kCasts[] = {{"half", DataType::Float16},
                                                            {"float", DataType::Float32},
                                                            {"bfloat16", DataType::BFloat16},
                                                            {"int", DataType::Int32}};
  for (const auto& [method, dtype] : kCasts) {
    if (name == method) {
      t.dtype = dtype;
      return Value{std::move(t), span};
    }
  }
  if (name == "to") {
    for (const Value& v : args.positional) {
      if (std::optional<DataType> d = v.is<DataType>() ? std::optional<DataType>(v.get<DataType>()) : std::nullopt)
        t.dtype = d;
    }
    if (const Value* d = keyword(args, "dtype"); d && d->is<DataType>()) t.dtype = d->get<DataType>();
    return Value{std::move(t), span};
  }
  static const char* kSameShape[] = {"cuda",     "cpu",     "contiguous", "clone",   "detach",  "requires_grad_",
                                     "uniform_", "normal_", "zero_",      "fill_",   "random_", "abs",
                                     "exp",      "relu",    "neg",        "sigmoid", "softmax", "float_"};
  for (const char* m : kSameShape) {
    if (name == m) return Value{std::move(t), span};
  }
  if (name == "size" || name == "dim" || name == "numel") {
    if (name == "dim") return Value::integer(static_cast<int64_t>(t.shape.size()), span);
    if (name == "numel") {
      int64_t n = 1;
      for (int64_t d : t.shape) n *= d;
      return Value::integer(n, span);
    }
    if (args.positional.empty()) {
      std::vector<Value> dims;
      for (int64_t d : t.shape) dims.push_back(Value::integer(d, span));
      return Value::sequence(std::move(dims), false, span);
    }
    std::optional<int64_t> i = as_integer(args.positional[0]);
    int64_t n = static_cast<int64_t>(t.shape.size());
    if (i && *i < 0) *i += n;
    if (!i || *i < 0 || *i >= n)
      fail(span, "dimension out of range for a tensor of " + std::to_string(n) + " dimensions");
    return Value::integer(t.shape[static_cast<size_t>(*i)], span);
  }
  if (name == "t" && t.shape.size() == 2) {
    std::swap(t.shape[0], t.shape[1]);
    return Value{std::move(t), span};
  }
  if (name == "view" || name == "reshape") {
    std::optional<std::vector<int64_t>> dims = dims_of(args.positional);
    if (!dims) return Value::run_time(std::string(call.text()), span);
    int64_t total = 1, known = 1, unknown = -1;
    for (int64_t d : t.shape) total *= d;
    for (size_t i = 0; i < dims->size(); ++i) {
      if ((*dims)[i] == -1) {
        unknown = static_cast<int64_t>(i);
      } else {
        known *= (*dims)[i];
      }
    }
    if (unknown >= 0 && known > 0) (*dims)[static_cast<size_t>(unknown)] = total / known;
    t.shape = std::move(*dims);
    return Value{std::move(t), span};
  }
  if (name == "permute") {
    std::optional<std::vector<int64_t>> order = dims_of(args.positional);
    if (!order || order->size() != t.shape.size()) return Value::run_time(std::string(call.text()), span);
    std::vector<int64_t> shape;
    for (int64_t i : *order) {
      if (i < 0 || i >= static_cast<int64_t>(t.shape.size())) return Value::run_time(std::string(call.text()), span);
      shape.push_back(t.shape[static_cast<size_t>(i)]);
    }
    t.shape = std::move(shape);
    return Value{std::move(t), span};
  }
  if (name == "transpose" && args.positional.size() == 2) {
    std::optional<int64_t> a = as_integer(args.positional[0]), b = as_integer(args.positional[1]);
    int64_t n = static_cast<int64_t>(t.shape.size());
    if (a && *a < 0) *a += n;
    if (b && *b < 0) *b += n;
    if (a && b && *a >= 0 && *b >= 0 && *a < n && *b < n) {
      std::swap(t.shape[static_cast<size_t>(*a)], t.shape[static_cast<size_t>(*b)]);
      return Value{std::move(t), span};
    }
  }
  return Value::run_time(std::string(call.text()), span);
}

Value tensor_attribute(const AbstractTensor& tensor, const std::string& name, const Node& node) {
  SourceSpan span = node.span();
  if (name == "shape") {
    std::vector<Value> dims;
    for (int64_t d : tensor.shape) dims.push_back(Value::integer(d, span));
    return Value::sequence(std::move(dims), false, span);
  }
  if (name == "ndim") return Value::integer(static_cast<int64_t>(tensor.shape.size()), span);
  if (name == "dtype" && tensor.dtype) return Value::dtype(*tensor.dtype, span);
  if (name == "T" || name == "mT") {
    AbstractTensor t = tensor;
    if (t.shape.size() >= 2) std::swap(t.shape[t.shape.size() - 1], t.shape[t.shape.size() - 2]);
    return Value{std::move(t), span};
  }
  return Value::run_time(std::string(node.text()), span);
}

}  // namespace tt::frontend
