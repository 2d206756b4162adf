// C++ expression printing with precedence-based parentheses.
#include "compiler/codegen/cpp_expr.h"

namespace tt::codegen {

namespace {

// C++ precedence, higher binds tighter; conditional expressions are printed parenthesized (primary).
int precedence(const ir::Expr& e) {
  if (e->kind != ir::ExprKind::Binary) return 100;
  switch (ir::as<ir::BinaryNode>(e)->op) {
    case ir::BinaryOp::Or: return 1;
    case ir::BinaryOp::And: return 2;
    case ir::BinaryOp::Eq: case ir::BinaryOp::Ne: return 3;
    case ir::BinaryOp::Lt: case ir::BinaryOp::Le: case ir::BinaryOp::Gt: case ir::BinaryOp::Ge: return 4;
    case ir::BinaryOp::Add: case ir::BinaryOp::Sub: return 5;
    case ir::BinaryOp::Mul: case ir::BinaryOp::FloorDiv: case ir::BinaryOp::FloorMod: return 6;
    case ir::BinaryOp::Min: case ir::BinaryOp::Max: case ir::BinaryOp::Div: return 100;  // Div: rejected below
  }
  return 100;
}

const char* cpp_symbol(ir::BinaryOp op) {
  switch (op) {
    case ir::BinaryOp::FloorDiv: return "/";
    case ir::BinaryOp::FloorMod: return "%";
    case ir::BinaryOp::And: return "&&";
    case ir::BinaryOp::Or: return "||";
    default: return ir::binary_op_symbol(op);
  }
}

}  // namespace

std::string CppExprPrinter::print(const ir::Expr& e) {
  std::string out;
  print_to(e, out);
  return out;
}

void CppExprPrinter::fail(const ir::Expr& e, const std::string& message) {
  Diagnostic& d = diags_.error(e && e->span.valid() ? e->span : statement_span_, message);
  d.pass = "codegen";
  ok_ = false;
}

void CppExprPrinter::print_operand(const ir::Expr& e, int parent_prec, bool right, std::string& out) {
  int p = precedence(e);
  // Left-associative operators: an equal-precedence right operand needs parentheses (a - (b - c)).
  bool paren = p < parent_prec || (right && p == parent_prec);
  if (paren) out += '(';
  print_to(e, out);
  if (paren) out += ')';
}

void CppExprPrinter::print_to(const ir::Expr& e, std::string& out) {
  if (!e) {
    fail(e, "missing expression in a device kernel");
    out += "/*missing*/0";
    return;
  }
  switch (e->kind) {
    case ir::ExprKind::IntImm: {
      int64_t v = ir::as<ir::IntImmNode>(e)->value;
      if (v < 0 || v > 0xFFFFFFFFll) fail(e, "integer " + std::to_string(v) + " does not fit a kernel's uint32_t");
      out += std::to_string(v);
      return;
    }
    case ir::ExprKind::Var: {
      auto* var = ir::as<ir::VarNode>(e);
      const std::string* name = names_.lookup(var);
      if (!name) {
        fail(e, "variable '" + var->name + "' is used in a device kernel but not defined there");
        out += c_identifier(var->name);
        return;
      }
      out += *name;
      return;
    }
    case ir::ExprKind::RuntimeArg:
      out += "get_arg_val<uint32_t>(" + std::to_string(ir::as<ir::RuntimeArgNode>(e)->index) + ")";
      return;
    case ir::ExprKind::CBRef: out += cb_name_(ir::as<ir::CBRefNode>(e)); return;
    case ir::ExprKind::Binary: {
      auto* op = ir::as<ir::BinaryNode>(e);
      if (op->op == ir::BinaryOp::Div) {
        fail(e, "true division in a device kernel's index arithmetic");
        break;
      }
      if (op->op == ir::BinaryOp::Min || op->op == ir::BinaryOp::Max) {
        std::string a = print(op->a), b = print(op->b);
        out += "(" + a + (op->op == ir::BinaryOp::Min ? " < " : " > ") + b + " ? " + a + " : " + b + ")";
        return;
      }
      int p = precedence(e);
      print_operand(op->a, p, false, out);
      out += ' ';
      out += cpp_symbol(op->op);
      out += ' ';
      print_operand(op->b, p, true, out);
      return;
    }
    case ir::ExprKind::FloatImm: fail(e, "floating-point value in a device kernel's index arithmetic"); break;
    case ir::ExprKind::StringImm: fail(e, "string value where a device kernel expects an integer"); break;
    case ir::ExprKind::BufferLoad: fail(e, "buffer load left in a device kernel (element access is not lowered)"); break;
    case ir::ExprKind::Unary: case ir::ExprKind::Cast: case ir::ExprKind::Select:
      fail(e, "element-wise math left in a device kernel's index arithmetic (it is not lowered)");
      break;
  }
  out += "/*unsupported*/0";
}

bool uses_floor_division(const ir::Expr& e) {
  if (!e || e->kind != ir::ExprKind::Binary) return false;
  auto* op = ir::as<ir::BinaryNode>(e);
  if (op->op == ir::BinaryOp::FloorDiv || op->op == ir::BinaryOp::FloorMod) return true;
  return uses_floor_division(op->a) || uses_floor_division(op->b);
}

}  // namespace tt::codegen
