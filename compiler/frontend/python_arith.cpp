// Operator semantics: Python's rules for int/float/str/tuple at definition time; IR builders for
// symbolic kernel values (block and loop variables, element loads).
#include "compiler/frontend/python_arith.h"

#include <cmath>
#include <limits>

#include "compiler/frontend/frontend_error.h"
#include "compiler/ir/expr_type.h"

namespace tt::frontend {

namespace {

constexpr struct {
  PyOp op;
  std::string_view token;
} kOps[] = {
    {PyOp::Add, "+"},    {PyOp::Sub, "-"},     {PyOp::Mul, "*"},     {PyOp::TrueDiv, "/"}, {PyOp::FloorDiv, "//"},
    {PyOp::Mod, "%"},    {PyOp::Pow, "**"},    {PyOp::MatMul, "@"},  {PyOp::BitAnd, "&"},  {PyOp::BitOr, "|"},
    {PyOp::BitXor, "^"}, {PyOp::LShift, "<<"}, {PyOp::RShift, ">>"}, {PyOp::Lt, "<"},      {PyOp::Le, "<="},
    {PyOp::Eq, "=="},    {PyOp::Ne, "!="},     {PyOp::Gt, ">"},      {PyOp::Ge, ">="},
};

constexpr size_t kMaxRepeat = 1 << 20;  // str/tuple repetition bound: a typo must not eat memory

bool is_number(const Value& v) { return v.is<int64_t>() || v.is<bool>() || v.is<double>(); }
bool is_int_like(const Value& v) { return v.is<int64_t>() || v.is<bool>(); }
double as_double(const Value& v) { return v.is<double>() ? v.get<double>() : static_cast<double>(*as_integer(v)); }
bool is_comparison(PyOp op) {
  return op == PyOp::Lt || op == PyOp::Le || op == PyOp::Eq || op == PyOp::Ne || op == PyOp::Gt || op == PyOp::Ge;
}

[[noreturn]] void overflow(SourceSpan span) {
  fail(span, "integer overflow: the result of this definition-time arithmetic does not fit in 64 bits");
}

template <typename T>
bool compare(PyOp op, const T& a, const T& b) {
  switch (op) {
    case PyOp::Lt:
      return a < b;
    case PyOp::Le:
      return a <= b;
    case PyOp::Eq:
      return a == b;
    case PyOp::Ne:
      return a != b;
    case PyOp::Gt:
      return a > b;
    case PyOp::Ge:
      return a >= b;
    default:
      return false;
  }
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

Value int_binary(PyOp op, int64_t a, int64_t b, SourceSpan span) {
  int64_t out = 0;
  switch (op) {
    case PyOp::Add:
      if (__builtin_add_overflow(a, b, &out)) overflow(span);
      return Value::integer(out, span);
    case PyOp::Sub:
      if (__builtin_sub_overflow(a, b, &out)) overflow(span);
      return Value::integer(out, span);
    case PyOp::Mul:
      if (__builtin_mul_overflow(a, b, &out)) overflow(span);
      return Value::integer(out, span);
    case PyOp::TrueDiv:
      if (b == 0) fail(span, "division by zero");
      return Value::floating(static_cast<double>(a) / static_cast<double>(b), span);
    case PyOp::FloorDiv:
    case PyOp::Mod: {
      if (b == 0) fail(span, "integer division or modulo by zero");
      if (a == std::numeric_limits<int64_t>::min() && b == -1) overflow(span);
      int64_t q = floor_div(a, b);
      return Value::integer(op == PyOp::FloorDiv ? q : a - q * b, span);
    }
    case PyOp::Pow: {
      if (b < 0) {
        if (a == 0) fail(span, "0 cannot be raised to a negative power");
        return Value::floating(std::pow(static_cast<double>(a), static_cast<double>(b)), span);
      }
      int64_t result = 1, base = a;
      for (int64_t e = b; e > 0; e >>= 1) {
        if ((e & 1) && __builtin_mul_overflow(result, base, &result)) overflow(span);
        if (e > 1 && __builtin_mul_overflow(base, base, &base)) overflow(span);
      }
      return Value::integer(result, span);
    }
    case PyOp::BitAnd:
      return Value::integer(a & b, span);
    case PyOp::BitOr:
      return Value::integer(a | b, span);
    case PyOp::BitXor:
      return Value::integer(a ^ b, span);
    case PyOp::LShift:
      if (b < 0) fail(span, "negative shift count");
      if (a != 0 && (b >= 63 || (a > 0 ? a > (std::numeric_limits<int64_t>::max() >> b)
                                       : a < (std::numeric_limits<int64_t>::min() >> b)))) {
        overflow(span);
      }
      return Value::integer(a == 0 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(a) << b), span);
    case PyOp::RShift:
      if (b < 0) fail(span, "negative shift count");
      return Value::integer(b >= 63 ? (a < 0 ? -1 : 0) : a >> b, span);
    case PyOp::MatMul:
      break;
    default:
      return Value::boolean(compare(op, a, b), span);
  }
  fail(span, "unsupported operand types for @: 'int' and 'int'");
}

Value float_binary(PyOp op, double a, double b, SourceSpan span) {
  switch (op) {
    case PyOp::Add:
      return Value::floating(a + b, span);
    case PyOp::Sub:
      return Value::floating(a - b, span);
    case PyOp::Mul:
      return Value::floating(a * b, span);
    case PyOp::TrueDiv:
      if (b == 0) fail(span, "float division by zero");
      return Value::floating(a / b, span);
    case PyOp::FloorDiv:
      if (b == 0) fail(span, "float floor division by zero");
      return Value::floating(std::floor(a / b), span);
    case PyOp::Mod: {
      if (b == 0) fail(span, "float modulo by zero");
      double r = std::fmod(a, b);
      if (r != 0 && ((r < 0) != (b < 0))) r += b;
      return Value::floating(r, span);
    }
    case PyOp::Pow:
      if (a == 0 && b < 0) fail(span, "0.0 cannot be raised to a negative power");
      if (a < 0 && b != std::floor(b)) fail(span, "a negative number raised to a fractional power is complex");
      return Value::floating(std::pow(a, b), span);
    default:
      if (is_comparison(op)) return Value::boolean(compare(op, a, b), span);
      break;
  }
  fail(span, std::string("unsupported operand types for ") + py_op_symbol(op) + ": 'float' and 'float'");
}

bool values_equal(const Value& a, const Value& b) {
  if (is_number(a) && is_number(b)) {
    if (is_int_like(a) && is_int_like(b)) return *as_integer(a) == *as_integer(b);
    return as_double(a) == as_double(b);
  }
  if (a.is<std::string>() && b.is<std::string>()) return a.get<std::string>() == b.get<std::string>();
  if (a.is<NoneValue>() || b.is<NoneValue>()) return a.is<NoneValue>() && b.is<NoneValue>();
  // A dtype object equals its spelling, as TileLang code compares `dtype == "float16"`.
  auto dtype_of = [](const Value& v) -> std::optional<DataType> {
    if (v.is<DataType>()) return v.get<DataType>();
    if (v.is<std::string>()) return parse_dtype(v.get<std::string>());
    return std::nullopt;
  };
  if (a.is<DataType>() || b.is<DataType>()) {
    auto x = dtype_of(a), y = dtype_of(b);
    return x && y && *x == *y;
  }
  if (a.is<Sequence>() && b.is<Sequence>()) {
    const Sequence &x = a.get<Sequence>(), &y = b.get<Sequence>();
    if (x.is_list != y.is_list || x.items.size() != y.items.size()) return false;
    for (size_t i = 0; i < x.items.size(); ++i) {
      if (!values_equal(x.items[i], y.items[i])) return false;
    }
    return true;
  }
  if (a.is<Namespace>() && b.is<Namespace>()) return a.get<Namespace>().path == b.get<Namespace>().path;
  return false;
}

Value repeat(const Value& seq, int64_t times, SourceSpan span) {
  times = std::max<int64_t>(times, 0);
  if (seq.is<std::string>()) {
    const std::string& s = seq.get<std::string>();
    if (!s.empty() && static_cast<uint64_t>(times) > kMaxRepeat / s.size())
      fail(span, "string repetition is too large");
    std::string out;
    for (int64_t i = 0; i < times; ++i) out += s;
    return Value::string(std::move(out), span);
  }
  const Sequence& s = seq.get<Sequence>();
  if (!s.items.empty() && static_cast<uint64_t>(times) > kMaxRepeat / s.items.size()) {
    fail(span, "sequence repetition is too large");
  }
  std::vector<Value> items;
  for (int64_t i = 0; i < times; ++i) items.insert(items.end(), s.items.begin(), s.items.end());
  return Value::sequence(std::move(items), s.is_list, span);
}

Value symbolic_binary(PyOp op, const Value& a, const Value& b, SourceSpan span) {
  std::string what = std::string("operand of '") + py_op_symbol(op) + "'";
  ir::Expr x = to_expr(a, what);
  ir::Expr y = to_expr(b, what);
  switch (op) {
    case PyOp::Add:
      return from_expr(ir::add(x, y, span), span);
    case PyOp::Sub:
      return from_expr(ir::sub(x, y, span), span);
    case PyOp::Mul:
      return from_expr(ir::mul(x, y, span), span);
    case PyOp::FloorDiv:
    case PyOp::Mod: {
      const int64_t* d = ir::as_int(y);
      if (d && *d == 0) fail(span, "integer division or modulo by zero");
      return from_expr(op == PyOp::FloorDiv ? ir::floordiv(x, y, span) : ir::floormod(x, y, span), span);
    }
    case PyOp::Lt:
      return from_expr(ir::binary(ir::BinaryOp::Lt, x, y, span), span);
    case PyOp::Le:
      return from_expr(ir::binary(ir::BinaryOp::Le, x, y, span), span);
    case PyOp::Eq:
      return from_expr(ir::binary(ir::BinaryOp::Eq, x, y, span), span);
    case PyOp::Ne:
      return from_expr(ir::binary(ir::BinaryOp::Ne, x, y, span), span);
    case PyOp::Gt:
      return from_expr(ir::binary(ir::BinaryOp::Gt, x, y, span), span);
    case PyOp::Ge:
      return from_expr(ir::binary(ir::BinaryOp::Ge, x, y, span), span);
    case PyOp::TrueDiv: {
      // As in TVM, `/` of two integers is ambiguous (floor, trunc or true division?) and rejected.
      if (ir::is_integer_typed(x) && ir::is_integer_typed(y)) {
        fail(span, "the '/' operator on integer kernel values is ambiguous: use '//' for integer division, or "
                   "make an operand a float (e.g. T.Cast(\"float32\", x))");
      }
      const int64_t* d = ir::as_int(y);
      if (d && *d == 0) fail(span, "division by zero");
      return from_expr(ir::binary(ir::BinaryOp::Div, x, y, span), span);
    }
    default:
      break;
  }
  fail(span, std::string("the '") + py_op_symbol(op) + "' operator is not supported on kernel values");
}

}  // namespace

bool is_symbolic(const Value& v) { return v.is<ir::Expr>() || v.is<BufferAccess>(); }

Value from_expr(ir::Expr e, SourceSpan span) {
  if (const int64_t* i = ir::as_int(e)) return Value::integer(*i, span);
  return Value::expr(std::move(e), span);
}

std::optional<PyOp> parse_py_op(std::string_view token) {
  for (const auto& entry : kOps) {
    if (entry.token == token) return entry.op;
  }
  return std::nullopt;
}

const char* py_op_symbol(PyOp op) {
  for (const auto& entry : kOps) {
    if (entry.op == op) return entry.token.data();
  }
  return "?";
}

Value apply_binary(PyOp op, const Value& a, const Value& b, SourceSpan span) {
  // Arithmetic on run-time data (tensors, device queries) stays run-time data.
  for (const Value* v : {&a, &b}) {
    if (v->is<RunTimeValue>()) return *v;
  }
  if (a.is<AbstractTensor>() || b.is<AbstractTensor>()) {
    return Value::run_time("(" + repr(a) + " " + py_op_symbol(op) + " " + repr(b) + ")", span);
  }
  if (op == PyOp::Mod && a.is<std::string>()) return Value::string(a.get<std::string>(), span);  // "%d" % x
  if (is_symbolic(a) || is_symbolic(b)) {
    bool operands_ok = (is_symbolic(a) || is_number(a)) && (is_symbolic(b) || is_number(b));
    if (operands_ok) return symbolic_binary(op, a, b, span);
  }
  if (is_int_like(a) && is_int_like(b)) return int_binary(op, *as_integer(a), *as_integer(b), span);
  if (is_number(a) && is_number(b)) return float_binary(op, as_double(a), as_double(b), span);
  if (op == PyOp::Eq) return Value::boolean(values_equal(a, b), span);
  if (op == PyOp::Ne) return Value::boolean(!values_equal(a, b), span);
  if (a.is<std::string>() && b.is<std::string>()) {
    if (op == PyOp::Add) return Value::string(a.get<std::string>() + b.get<std::string>(), span);
    if (is_comparison(op)) return Value::boolean(compare(op, a.get<std::string>(), b.get<std::string>()), span);
  }
  if (a.is<Sequence>() && b.is<Sequence>() && op == PyOp::Add &&
      a.get<Sequence>().is_list == b.get<Sequence>().is_list) {
    std::vector<Value> items = a.get<Sequence>().items;
    const auto& more = b.get<Sequence>().items;
    items.insert(items.end(), more.begin(), more.end());
    return Value::sequence(std::move(items), a.get<Sequence>().is_list, span);
  }
  if (op == PyOp::Mul) {
    bool a_seq = a.is<std::string>() || a.is<Sequence>();
    bool b_seq = b.is<std::string>() || b.is<Sequence>();
    if (a_seq && is_int_like(b)) return repeat(a, *as_integer(b), span);
    if (b_seq && is_int_like(a)) return repeat(b, *as_integer(a), span);
  }
  fail(span, std::string("unsupported operand types for ") + py_op_symbol(op) + ": '" + type_name(a) + "' and '" +
                 type_name(b) + "'");
}

Value apply_unary(std::string_view op, const Value& a, SourceSpan span) {
  if (a.is<RunTimeValue>()) return a;
  if (a.is<AbstractTensor>()) return Value::run_time(std::string(op) + repr(a), span);
  if (is_int_like(a)) {
    int64_t v = *as_integer(a);
    if (op == "-") {
      if (v == std::numeric_limits<int64_t>::min()) overflow(span);
      return Value::integer(-v, span);
    }
    if (op == "+") return Value::integer(v, span);
    if (op == "~") return Value::integer(~v, span);
  }
  if (a.is<double>()) {
    if (op == "-") return Value::floating(-a.get<double>(), span);
    if (op == "+") return Value::floating(a.get<double>(), span);
  }
  if (is_symbolic(a)) {
    if (op == "+") return a;
    if (op == "-") return from_expr(ir::unary(ir::UnaryOp::Neg, to_expr(a, "operand of unary '-'"), span), span);
  }
  fail(span, "bad operand type for unary " + std::string(op) + ": '" + type_name(a) + "'");
}

std::optional<bool> truthiness(const Value& v) {
  if (v.is<NoneValue>()) return false;
  if (v.is<bool>()) return v.get<bool>();
  if (v.is<int64_t>()) return v.get<int64_t>() != 0;
  if (v.is<double>()) return v.get<double>() != 0;
  if (v.is<std::string>()) return !v.get<std::string>().empty();
  if (v.is<Sequence>()) return !v.get<Sequence>().items.empty();
  if (v.is<ir::Expr>()) {
    if (const int64_t* i = ir::as_int(v.get<ir::Expr>())) return *i != 0;
    return std::nullopt;
  }
  if (v.is<BufferAccess>() || v.is<RunTimeValue>()) return std::nullopt;
  if (v.is<Dict>()) return !v.get<Dict>().keys.empty();
  return true;
}

}  // namespace tt::frontend
