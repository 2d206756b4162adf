// The structural IR verifier (see ir_verifier.h): a tree walk plus the intrinsic table.
#include "compiler/ir/ir_verifier.h"

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_intrinsics.h"

namespace tt::ir {

namespace {

bool is_integer_expr(const Expr& e) {
  switch (e->kind) {
    case ExprKind::IntImm:
    case ExprKind::Var:
    case ExprKind::Binary:
    case ExprKind::RuntimeArg:
      return true;
    default:
      return false;
  }
}

class StructureVerifier final : public IRVisitor {
 public:
  std::vector<IRDefect> defects;

  using IRVisitor::visit;
  void visit(const Stmt& s) override {
    if (!s) return;
    current_ = s->span;
    IRVisitor::visit(s);
  }

 protected:
  void visit_seq(const SeqNode* op) override {
    for (const Stmt& s : op->stmts) {
      if (!s) defect(op->span, "a sequence holds a null statement");
    }
    IRVisitor::visit_seq(op);
  }

  void visit_for(const ForNode* op) override {
    if (!op->var || !op->min || !op->extent || !op->body)
      defect(op->span, "a for loop lacks its variable, bounds or body");
    IRVisitor::visit_for(op);
  }

  void visit_let(const LetNode* op) override {
    if (!op->var || !op->value) defect(op->span, "a let lacks its variable or value");
    IRVisitor::visit_let(op);
  }

  void visit_if(const IfNode* op) override {
    if (!op->cond || !op->then_body) defect(op->span, "an if lacks its condition or then-branch");
    IRVisitor::visit_if(op);
  }

  void visit_tt_call(const TTCallNode* op) override {
    const TTIntrinsicInfo& info = intrinsic_info(op->op);
    const std::string name(info.name);
    if (static_cast<int>(op->args.size()) != info.arity) {
      defect(op->span, name + " has " + std::to_string(op->args.size()) + " operands, the intrinsic table says " +
                           std::to_string(info.arity));
      return;
    }
    for (size_t i = 0; i < op->args.size(); ++i) {
      const Expr& a = op->args[i];
      const TTOperand kind = info.operands[i];
      const std::string what = name + " operand " + std::to_string(i) + " (" + operand_kind_name(kind) + ")";
      if (!a) {
        defect(op->span, what + " is missing");
        continue;
      }
      bool ok = true;
      switch (kind) {
        case TTOperand::CbSync:
        case TTOperand::CbFill:
        case TTOperand::CbRead:
        case TTOperand::CbConfig:
          ok = a->kind == ExprKind::CBRef;
          if (!ok) defect(op->span, what + " is not a circular buffer: " + print_expr(a));
          break;
        case TTOperand::DramBuffer:
          ok = a->kind == ExprKind::StringImm;
          if (!ok) defect(op->span, what + " is not a DRAM buffer name: " + print_expr(a));
          break;
        case TTOperand::Flag:
          ok = a->kind == ExprKind::IntImm;
          if (!ok) defect(op->span, what + " is not a constant: " + print_expr(a));
          break;
        case TTOperand::F32:
        case TTOperand::F32Bits:
          ok = a->kind == ExprKind::FloatImm;
          if (!ok) defect(op->span, what + " is not a floating-point constant: " + print_expr(a));
          break;
        case TTOperand::Semaphore:
          ok = a->kind == ExprKind::Var;
          if (!ok) defect(op->span, what + " is not a variable holding a semaphore id: " + print_expr(a));
          break;
        case TTOperand::CbPage:
        case TTOperand::Count:
        case TTOperand::CorePages:
        case TTOperand::Dst:
        case TTOperand::DramTile:
        case TTOperand::Value:
          ok = is_integer_expr(a);
          if (!ok) defect(op->span, what + " is not an integer expression: " + print_expr(a));
          break;
      }
    }
    IRVisitor::visit_tt_call(op);
  }

 private:
  void defect(SourceSpan span, std::string message) {
    defects.push_back(IRDefect{span.valid() ? span : current_, std::move(message)});
  }
  SourceSpan current_;
};

}  // namespace

std::vector<IRDefect> verify_ir_structure(const Module& module) {
  StructureVerifier v;
  for (const PrimFunc& f : module.funcs) {
    if (!f.body) {
      v.defects.push_back(IRDefect{f.span, "function " + f.name + " has no body"});
      continue;
    }
    v.visit(f.body);
  }
  return std::move(v.defects);
}

}  // namespace tt::ir
