// Affine forms over integer IR expressions with overflow-checked coefficients.
#include "compiler/frontend/linear_form.h"

#include "compiler/ir/structural_equal.h"

namespace tt::frontend {

namespace {

bool add_term(LinearForm& f, const ir::Expr& term, int64_t coeff) {
  for (auto& [t, c] : f.terms) {
    if (ir::structural_equal(t, term)) return !__builtin_add_overflow(c, coeff, &c);
  }
  f.terms.emplace_back(term, coeff);
  return true;
}

// a + scale * b
bool accumulate(LinearForm& a, const LinearForm& b, int64_t scale) {
  int64_t c = 0;
  if (__builtin_mul_overflow(b.constant, scale, &c) || __builtin_add_overflow(a.constant, c, &a.constant)) return false;
  for (const auto& [t, coeff] : b.terms) {
    if (__builtin_mul_overflow(coeff, scale, &c) || !add_term(a, t, c)) return false;
  }
  return true;
}

bool is_constant(const LinearForm& f) {
  for (const auto& term : f.terms) {
    if (term.second != 0) return false;
  }
  return true;
}

}  // namespace

std::optional<LinearForm> to_linear(const ir::Expr& e) {
  if (!e) return std::nullopt;
  switch (e->kind) {
    case ir::ExprKind::IntImm:
      return LinearForm{ir::as<ir::IntImmNode>(e)->value, {}};
    case ir::ExprKind::FloatImm:
    case ir::ExprKind::StringImm:
      return std::nullopt;
    case ir::ExprKind::Unary: {
      auto* op = ir::as<ir::UnaryNode>(e);
      if (op->op != ir::UnaryOp::Neg) break;
      auto a = to_linear(op->a);
      if (!a) return std::nullopt;
      LinearForm out;
      if (!accumulate(out, *a, -1)) return std::nullopt;
      return out;
    }
    case ir::ExprKind::Binary: {
      auto* op = ir::as<ir::BinaryNode>(e);
      if (op->op == ir::BinaryOp::Add || op->op == ir::BinaryOp::Sub || op->op == ir::BinaryOp::Mul) {
        auto a = to_linear(op->a);
        auto b = to_linear(op->b);
        if (!a || !b) return std::nullopt;
        if (op->op == ir::BinaryOp::Mul) {
          // Affine only when one side is constant.
          if (is_constant(*b)) std::swap(a, b);
          if (!is_constant(*a)) break;
          LinearForm out;
          if (!accumulate(out, *b, a->constant)) return std::nullopt;
          return out;
        }
        if (!accumulate(*a, *b, op->op == ir::BinaryOp::Add ? 1 : -1)) return std::nullopt;
        return a;
      }
      break;
    }
    default:
      break;
  }
  LinearForm opaque;
  opaque.terms.emplace_back(e, 1);
  return opaque;
}

std::optional<int64_t> constant_difference(const ir::Expr& hi, const ir::Expr& lo) {
  auto a = to_linear(hi);
  auto b = to_linear(lo);
  if (!a || !b || !accumulate(*a, *b, -1) || !is_constant(*a)) return std::nullopt;
  return a->constant;
}

}  // namespace tt::frontend
