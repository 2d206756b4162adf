// verify_tt_ir: compile-time evaluation and interval bounds of index expressions, and node naming.
#include <algorithm>

#include "compiler/ir/printer.h"
#include "compiler/passes/verify_tt_ir_internal.h"

namespace tt::passes::verify {

using namespace ir;

std::optional<int64_t> eval_const(const Expr& e, const Env& env) {
  if (!e) return std::nullopt;
  switch (e->kind) {
    case ExprKind::IntImm: return as<IntImmNode>(e)->value;
    case ExprKind::Var: {
      auto it = env.find(as<VarNode>(e));
      if (it == env.end()) return std::nullopt;
      return it->second;
    }
    case ExprKind::Binary: {
      auto* op = as<BinaryNode>(e);
      std::optional<int64_t> a = eval_const(op->a, env), b = eval_const(op->b, env);
      if (!a || !b) return std::nullopt;
      // The IR builder's folding is the one definition of the arithmetic (floor division etc.).
      // Keep the folded node alive: as_int points into it.
      Expr folded = binary(op->op, int_imm(*a), int_imm(*b));
      const int64_t* v = as_int(folded);
      if (!v) return std::nullopt;
      return *v;
    }
    case ExprKind::Unary: {  // `-x` in index arithmetic; math calls are not integer expressions
      auto* op = as<UnaryNode>(e);
      std::optional<int64_t> a = op->op == UnaryOp::Neg ? eval_const(op->a, env) : std::nullopt;
      if (!a || *a == INT64_MIN) return std::nullopt;
      return -*a;
    }
    case ExprKind::FloatImm: case ExprKind::StringImm: case ExprKind::BufferLoad: case ExprKind::RuntimeArg:
    case ExprKind::CBRef: case ExprKind::Cast: case ExprKind::Select: return std::nullopt;  // not compile-time integers
  }
  return std::nullopt;
}

std::string node_text(const Stmt& s) {
  std::string text = print_stmt(s);
  return text.substr(0, text.find('\n'));
}

std::optional<Interval> bound(const Expr& e, const RangeEnv& env) {
  if (!e) return std::nullopt;
  if (const int64_t* v = as_int(e)) return Interval{*v, *v};
  if (e->kind == ExprKind::Var) {
    auto it = env.find(as<VarNode>(e));
    if (it == env.end()) return std::nullopt;
    return it->second;
  }
  if (e->kind != ExprKind::Binary) return std::nullopt;
  auto* op = as<BinaryNode>(e);
  std::optional<Interval> a = bound(op->a, env), b = bound(op->b, env);
  if (!a || !b) return std::nullopt;
  auto corners = [&](auto f) {
    int64_t v[4] = {f(a->lo, b->lo), f(a->lo, b->hi), f(a->hi, b->lo), f(a->hi, b->hi)};
    return Interval{*std::min_element(v, v + 4), *std::max_element(v, v + 4)};
  };
  const int64_t* c = as_int(op->b);
  switch (op->op) {
    case BinaryOp::Add: return Interval{a->lo + b->lo, a->hi + b->hi};
    case BinaryOp::Sub: return Interval{a->lo - b->hi, a->hi - b->lo};
    case BinaryOp::Mul: return corners([](int64_t x, int64_t y) { return x * y; });
    case BinaryOp::Min: return Interval{std::min(a->lo, b->lo), std::min(a->hi, b->hi)};
    case BinaryOp::Max: return Interval{std::max(a->lo, b->lo), std::max(a->hi, b->hi)};
    case BinaryOp::FloorDiv:
      if (!c || *c <= 0) return std::nullopt;
      return Interval{*as_int(floordiv(int_imm(a->lo), int_imm(*c))), *as_int(floordiv(int_imm(a->hi), int_imm(*c)))};
    case BinaryOp::FloorMod:
      if (!c || *c <= 0) return std::nullopt;
      if (a->lo >= 0 && a->hi < *c) return a;
      return Interval{0, *c - 1};
    default: return Interval{0, 1};  // comparisons and logic
  }
}

std::optional<Interval> loop_var_bound(const ForNode& loop, const RangeEnv& env) {
  std::optional<Interval> mn = bound(loop.min, env), ext = bound(loop.extent, env);
  if (!mn || !ext || ext->hi <= 0) return std::nullopt;
  return Interval{mn->lo, mn->hi + ext->hi - 1};
}

}  // namespace tt::passes::verify
