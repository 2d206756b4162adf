// Python operator semantics on Values: exact int64 arithmetic with Python's floor division and
// modulo, float arithmetic, str/tuple concatenation, comparisons; symbolic operands build IR
// through the folding builders of compiler/ir/ir.h.
#pragma once

#include <optional>
#include <string_view>

#include "compiler/frontend/value.h"

namespace tt::frontend {

enum class PyOp {
  Add,
  Sub,
  Mul,
  TrueDiv,
  FloorDiv,
  Mod,
  Pow,
  MatMul,
  BitAnd,
  BitOr,
  BitXor,
  LShift,
  RShift,
  Lt,
  Le,
  Eq,
  Ne,
  Gt,
  Ge
};

// The operator spelled `token` ("+", "//", "<=", ...); augmented forms are passed without '='.
std::optional<PyOp> parse_py_op(std::string_view token);
const char* py_op_symbol(PyOp op);

// `a op b`; throws a FrontendError at `span` (division by zero, overflow, unsupported operands).
Value apply_binary(PyOp op, const Value& a, const Value& b, SourceSpan span);
// `-a`, `+a`, `~a`.
Value apply_unary(std::string_view op, const Value& a, SourceSpan span);
// Whether a value is a kernel-side value (an IR expression or a buffer element).
bool is_symbolic(const Value& v);
// An IR expression as a value: a folded constant becomes a plain int again, so later arithmetic
// on it follows Python (e.g. true division) instead of building IR.
Value from_expr(ir::Expr e, SourceSpan span);
// Python truthiness of a definition-time value; nullopt for symbolic (kernel) values.
std::optional<bool> truthiness(const Value& v);

}  // namespace tt::frontend
