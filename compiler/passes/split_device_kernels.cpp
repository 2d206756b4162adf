// split_device_kernels: project the function onto each kernel role, then re-index runtime args.
#include "compiler/passes/split_device_kernels.h"

#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tt_kernel_roles.h"

namespace tt::passes {

using namespace ir;

namespace {

class VarUses final : public IRVisitor {
 public:
  std::set<const VarNode*> vars;
  using IRVisitor::visit;
  void visit(const Expr& e) override {
    if (e && e->kind == ExprKind::Var) vars.insert(as<VarNode>(e));
    IRVisitor::visit(e);
  }
};

std::set<const VarNode*> vars_used(const Stmt& s) {
  VarUses v;
  v.visit(s);
  return v.vars;
}

// The negation of a branch condition, so an If whose then-branch is empty in a kernel keeps only
// its else-branch.
Expr negate(const Expr& c) {
  if (c->kind == ExprKind::Binary) {
    auto* op = as<BinaryNode>(c);
    switch (op->op) {
      case BinaryOp::Eq: return binary(BinaryOp::Ne, op->a, op->b, c->span);
      case BinaryOp::Ne: return binary(BinaryOp::Eq, op->a, op->b, c->span);
      case BinaryOp::Lt: return binary(BinaryOp::Ge, op->a, op->b, c->span);
      case BinaryOp::Ge: return binary(BinaryOp::Lt, op->a, op->b, c->span);
      case BinaryOp::Le: return binary(BinaryOp::Gt, op->a, op->b, c->span);
      case BinaryOp::Gt: return binary(BinaryOp::Le, op->a, op->b, c->span);
      case BinaryOp::And: return binary(BinaryOp::Or, negate(op->a), negate(op->b), c->span);
      case BinaryOp::Or: return binary(BinaryOp::And, negate(op->a), negate(op->b), c->span);
      default: break;
    }
  }
  return binary(BinaryOp::Eq, c, int_imm(0), c->span);
}

// The statements of one kernel role: everything of that role, with the control flow around it.
class Projector {
 public:
  Projector(const Module& m, KernelRole role, DiagnosticList& diags) : module_(m), role_(role), diags_(diags) {}
  bool failed = false;

  Stmt project(const Stmt& s) {
    if (!s) return nullptr;
    switch (s->kind) {
      case StmtKind::Seq: return project_seq(as<SeqNode>(s));
      case StmtKind::For: {
        auto* op = as<ForNode>(s);
        Stmt body = project(op->body);
        if (!body) return nullptr;
        return make_for(op->var, op->min, op->extent, op->for_kind, op->num_stages, body, op->span);
      }
      case StmtKind::If: {
        auto* op = as<IfNode>(s);
        Stmt t = project(op->then_body);
        Stmt e = project(op->else_body);
        if (!t && !e) return nullptr;
        if (!t) return make_if(negate(op->cond), e, nullptr, op->span);
        return make_if(op->cond, t, e, op->span);
      }
      case StmtKind::Let: return s;  // kept or dropped by the enclosing sequence
      case StmtKind::Allocate: return nullptr;  // the host creates CBs from tt.cb.*
      case StmtKind::TTCall: {
        std::string error;
        KernelRole role = intrinsic_role(*as<TTCallNode>(s), module_, error);
        if (role == KernelRole::None) fail(s, error);
        return role == role_ ? s : nullptr;
      }
      case StmtKind::Copy: case StmtKind::Gemm: case StmtKind::Fill: case StmtKind::Store: case StmtKind::Reduce: case StmtKind::Kernel:
        fail(s, "tile-level statement remains; tensorize_tt must lower it before split_device_kernels");
        return nullptr;
    }
    return nullptr;
  }

 private:
  Stmt project_seq(const SeqNode* op) {
    std::vector<Stmt> kept;
    for (const Stmt& child : op->stmts) {
      if (Stmt p = project(child)) kept.push_back(p);
    }
    // A Let stays only if a later statement of this kernel uses its variable.
    std::set<const VarNode*> live;
    std::vector<Stmt> out;
    bool has_work = false;
    for (auto it = kept.rbegin(); it != kept.rend(); ++it) {
      if ((*it)->kind == StmtKind::Let) {
        auto* let = as<LetNode>(*it);
        if (!live.count(let->var.get())) continue;
        live.erase(let->var.get());
      } else {
        has_work = true;
      }
      for (const VarNode* v : vars_used(*it)) live.insert(v);
      out.push_back(*it);
    }
    if (!has_work) return nullptr;
    return seq(std::vector<Stmt>(out.rbegin(), out.rend()), op->span);
  }

  void fail(const Stmt& s, const std::string& why) {
    std::string text = print_stmt(s);
    text = text.substr(0, text.find('\n'));
    diags_.error(s->span, "cannot place '" + text + "' in a " + kernel_role_name(role_) + " kernel: " + why);
    failed = true;
  }

  const Module& module_;
  KernelRole role_;
  DiagnosticList& diags_;
};

// Runtime-arg indices follow the kernel's own entry in tt.runtime_arg_names.
class RuntimeArgIndexer final : public IRMutator {
 public:
  RuntimeArgIndexer(const std::vector<std::string>* names, KernelRole role, DiagnosticList& diags)
      : names_(names), role_(role), diags_(diags) {}
  bool failed = false;
  using IRMutator::mutate;

  Expr mutate(const Expr& e) override {
    if (!e || e->kind != ExprKind::RuntimeArg) return IRMutator::mutate(e);
    auto* op = as<RuntimeArgNode>(e);
    const std::string role = kernel_role_name(role_);
    if (!names_) {
      diags_.error(op->span, "runtime argument '" + op->name + "' is used but '" + kRuntimeArgNamesKey +
                                 "' metadata is missing");
      failed = true;
      return e;
    }
    for (size_t i = 0; i < names_->size(); ++i) {
      if ((*names_)[i] == op->name) return runtime_arg(op->name, static_cast<int>(i), op->span);
    }
    diags_.error(op->span, "runtime argument '" + op->name + "' is used by the " + role + " kernel but is not in " +
                               kRuntimeArgNamesKey + "." + role);
    failed = true;
    return e;
  }

 private:
  const std::vector<std::string>* names_;
  KernelRole role_;
  DiagnosticList& diags_;
};

// The global buffers a kernel moves tiles of (its parameters), in the original order.
std::vector<Buffer> kernel_params(const PrimFunc& f, const Stmt& body) {
  std::set<std::string> used;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind != StmtKind::TTCall) return;
    auto* call = as<TTCallNode>(s);
    if ((call->op == TTIntrinsic::NocReadTile || call->op == TTIntrinsic::NocWriteTile) && !call->args.empty() &&
        call->args[0]->kind == ExprKind::StringImm) {
      used.insert(as<StringImmNode>(call->args[0])->value);
    }
  });
  std::vector<Buffer> out;
  for (const Buffer& b : f.params) {
    if (used.count(b->name)) out.push_back(b);
  }
  return out;
}

}  // namespace

bool split_device_kernels(Module& module, const PassContext&, DiagnosticList& diags) {
  std::optional<RuntimeArgs> args = get_runtime_args(module);
  std::vector<PrimFunc> kernels;
  bool ok = true;
  for (const PrimFunc& f : module.funcs) {
    if (f.role != KernelRole::None) {  // already a device kernel
      kernels.push_back(f);
      continue;
    }
    for (KernelRole role : {KernelRole::Reader, KernelRole::Compute, KernelRole::Writer}) {
      Projector projector(module, role, diags);
      Stmt body = projector.project(f.body);
      RuntimeArgIndexer indexer(args ? &args->names(role) : nullptr, role, diags);
      if (body) body = indexer.mutate(body);
      ok = ok && !projector.failed && !indexer.failed;
      PrimFunc k;
      k.name = f.name + "_" + kernel_role_name(role);
      k.role = role;
      k.params = kernel_params(f, body);
      k.body = body ? body : seq({}, f.span);
      k.attrs = f.attrs;
      k.span = f.span;
      kernels.push_back(std::move(k));
    }
  }
  if (!ok) return false;
  module.funcs = std::move(kernels);
  return true;
}

}  // namespace tt::passes
