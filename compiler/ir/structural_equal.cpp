// Structural equality with variable/buffer correspondence maps.
#include "compiler/ir/structural_equal.h"

#include <map>

namespace tt::ir {

namespace {

class Equal {
 public:
  bool expr(const Expr& a, const Expr& b) {
    if (a == b) return true;
    if (!a || !b || a->kind != b->kind) return false;
    switch (a->kind) {
      case ExprKind::IntImm: return as<IntImmNode>(a)->value == as<IntImmNode>(b)->value;
      case ExprKind::FloatImm: return as<FloatImmNode>(a)->value == as<FloatImmNode>(b)->value;
      case ExprKind::StringImm: return as<StringImmNode>(a)->value == as<StringImmNode>(b)->value;
      case ExprKind::Var: return var(as<VarNode>(a), as<VarNode>(b));
      case ExprKind::Binary: {
        auto *x = as<BinaryNode>(a), *y = as<BinaryNode>(b);
        return x->op == y->op && expr(x->a, y->a) && expr(x->b, y->b);
      }
      case ExprKind::BufferLoad: {
        auto *x = as<BufferLoadNode>(a), *y = as<BufferLoadNode>(b);
        return buffer(x->buffer, y->buffer) && exprs(x->indices, y->indices);
      }
      case ExprKind::RuntimeArg: {
        auto *x = as<RuntimeArgNode>(a), *y = as<RuntimeArgNode>(b);
        return x->index == y->index && x->name == y->name;
      }
      case ExprKind::CBRef: {
        auto *x = as<CBRefNode>(a), *y = as<CBRefNode>(b);
        return x->index == y->index && x->name == y->name;
      }
      case ExprKind::Unary: {
        auto *x = as<UnaryNode>(a), *y = as<UnaryNode>(b);
        return x->op == y->op && expr(x->a, y->a);
      }
      case ExprKind::Cast: {
        auto *x = as<CastNode>(a), *y = as<CastNode>(b);
        return x->dtype == y->dtype && expr(x->value, y->value);
      }
      case ExprKind::Select: {
        auto *x = as<SelectNode>(a), *y = as<SelectNode>(b);
        return expr(x->cond, y->cond) && expr(x->true_value, y->true_value) && expr(x->false_value, y->false_value);
      }
    }
    return false;
  }

  bool stmt(const Stmt& a, const Stmt& b) {
    if (a == b) return true;
    if (!a || !b || a->kind != b->kind) return false;
    switch (a->kind) {
      case StmtKind::Seq: {
        auto &x = as<SeqNode>(a)->stmts, &y = as<SeqNode>(b)->stmts;
        if (x.size() != y.size()) return false;
        for (size_t i = 0; i < x.size(); ++i) {
          if (!stmt(x[i], y[i])) return false;
        }
        return true;
      }
      case StmtKind::For: {
        auto *x = as<ForNode>(a), *y = as<ForNode>(b);
        return x->for_kind == y->for_kind && x->num_stages == y->num_stages && define(x->var.get(), y->var.get()) &&
               expr(x->min, y->min) && expr(x->extent, y->extent) && stmt(x->body, y->body);
      }
      case StmtKind::Kernel: {
        auto *x = as<KernelNode>(a), *y = as<KernelNode>(b);
        if (x->grid != y->grid || x->threads != y->threads || x->block_vars.size() != y->block_vars.size()) return false;
        for (size_t i = 0; i < x->block_vars.size(); ++i) {
          if (!define(x->block_vars[i].get(), y->block_vars[i].get())) return false;
        }
        return stmt(x->body, y->body);
      }
      case StmtKind::Allocate: {
        auto *x = as<AllocateNode>(a), *y = as<AllocateNode>(b);
        return x->cb_index == y->cb_index && x->cb_num_pages == y->cb_num_pages &&
               x->cb_page_size == y->cb_page_size && define_buffer(x->buffer, y->buffer);
      }
      case StmtKind::Let: {
        auto *x = as<LetNode>(a), *y = as<LetNode>(b);
        return expr(x->value, y->value) && define(x->var.get(), y->var.get());
      }
      case StmtKind::If: {
        auto *x = as<IfNode>(a), *y = as<IfNode>(b);
        return expr(x->cond, y->cond) && stmt(x->then_body, y->then_body) && stmt(x->else_body, y->else_body);
      }
      case StmtKind::Copy: {
        auto *x = as<CopyNode>(a), *y = as<CopyNode>(b);
        return region(x->src, y->src) && region(x->dst, y->dst);
      }
      case StmtKind::Gemm: {
        auto *x = as<GemmNode>(a), *y = as<GemmNode>(b);
        return x->transpose_a == y->transpose_a && x->transpose_b == y->transpose_b &&
               x->clear_accum == y->clear_accum && region(x->a, y->a) && region(x->b, y->b) && region(x->c, y->c);
      }
      case StmtKind::Fill: {
        auto *x = as<FillNode>(a), *y = as<FillNode>(b);
        return x->is_clear == y->is_clear && region(x->dst, y->dst) && expr(x->value, y->value);
      }
      case StmtKind::Store: {
        auto *x = as<StoreNode>(a), *y = as<StoreNode>(b);
        return buffer(x->buffer, y->buffer) && exprs(x->indices, y->indices) && expr(x->value, y->value);
      }
      case StmtKind::TTCall: {
        auto *x = as<TTCallNode>(a), *y = as<TTCallNode>(b);
        return x->op == y->op && exprs(x->args, y->args);
      }
      case StmtKind::Reduce: {
        auto *x = as<ReduceNode>(a), *y = as<ReduceNode>(b);
        return x->reduce_kind == y->reduce_kind && x->dim == y->dim && x->clear == y->clear &&
               region(x->src, y->src) && region(x->dst, y->dst);
      }
    }
    return false;
  }

  bool define_buffer(const Buffer& a, const Buffer& b) {
    if (a->shape != b->shape || a->dtype != b->dtype || a->scope != b->scope) return false;
    auto [it, inserted] = buffers_.emplace(a.get(), b.get());
    return inserted ? true : it->second == b.get();
  }

 private:
  bool exprs(const std::vector<Expr>& a, const std::vector<Expr>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (!expr(a[i], b[i])) return false;
    }
    return true;
  }
  bool region(const Region& a, const Region& b) {
    return buffer(a.buffer, b.buffer) && a.extents == b.extents && exprs(a.starts, b.starts);
  }
  bool define(const VarNode* a, const VarNode* b) {
    vars_[a] = b;
    return true;
  }
  bool var(const VarNode* a, const VarNode* b) {
    auto it = vars_.find(a);
    // Free variables (not defined in the compared trees) must be the very same node.
    return it == vars_.end() ? a == b : it->second == b;
  }
  bool buffer(const Buffer& a, const Buffer& b) {
    if (a == b) return true;
    auto it = buffers_.find(a.get());
    if (it != buffers_.end()) return it->second == b.get();
    return false;
  }

  std::map<const VarNode*, const VarNode*> vars_;
  std::map<const BufferNode*, const BufferNode*> buffers_;
};

}  // namespace

bool structural_equal(const Expr& a, const Expr& b) { return Equal().expr(a, b); }
bool structural_equal(const Stmt& a, const Stmt& b) { return Equal().stmt(a, b); }

static bool func_equal(Equal& eq, const PrimFunc& a, const PrimFunc& b) {
  if (a.name != b.name || a.role != b.role || a.attrs != b.attrs || a.params.size() != b.params.size()) return false;
  for (size_t i = 0; i < a.params.size(); ++i) {
    if (a.params[i]->name != b.params[i]->name || !eq.define_buffer(a.params[i], b.params[i])) return false;
  }
  return eq.stmt(a.body, b.body);
}

bool structural_equal(const PrimFunc& a, const PrimFunc& b) {
  Equal eq;
  return func_equal(eq, a, b);
}

bool structural_equal(const Module& a, const Module& b) {
  if (a.name != b.name || a.attrs != b.attrs || a.funcs.size() != b.funcs.size()) return false;
  for (size_t i = 0; i < a.funcs.size(); ++i) {
    Equal eq;
    if (!func_equal(eq, a.funcs[i], b.funcs[i])) return false;
  }
  return true;
}

}  // namespace tt::ir
