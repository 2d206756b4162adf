// Default traversal for IRVisitor and copy-on-write rebuilding for IRMutator.
#include "compiler/ir/functor.h"

namespace tt::ir {

void IRVisitor::visit(const Expr& e) {
  if (!e) return;
  switch (e->kind) {
    case ExprKind::Binary: {
      auto* op = as<BinaryNode>(e);
      visit(op->a);
      visit(op->b);
      break;
    }
    case ExprKind::BufferLoad:
      for (const Expr& i : as<BufferLoadNode>(e)->indices) visit(i);
      break;
    case ExprKind::Unary: visit(as<UnaryNode>(e)->a); break;
    case ExprKind::Cast: visit(as<CastNode>(e)->value); break;
    case ExprKind::Select: {
      auto* op = as<SelectNode>(e);
      visit(op->cond);
      visit(op->true_value);
      visit(op->false_value);
      break;
    }
    case ExprKind::IntImm: case ExprKind::FloatImm: case ExprKind::StringImm: case ExprKind::Var:
    case ExprKind::RuntimeArg: case ExprKind::CBRef: break;  // leaves
  }
}

void IRVisitor::visit_region(const Region& r) {
  for (const Expr& e : r.starts) visit(e);
}

void IRVisitor::visit(const Stmt& s) {
  if (!s) return;
  switch (s->kind) {
    case StmtKind::Seq: return visit_seq(as<SeqNode>(s));
    case StmtKind::For: return visit_for(as<ForNode>(s));
    case StmtKind::Kernel: return visit_kernel(as<KernelNode>(s));
    case StmtKind::Allocate: return visit_allocate(as<AllocateNode>(s));
    case StmtKind::Let: return visit_let(as<LetNode>(s));
    case StmtKind::If: return visit_if(as<IfNode>(s));
    case StmtKind::Copy: return visit_copy(as<CopyNode>(s));
    case StmtKind::Gemm: return visit_gemm(as<GemmNode>(s));
    case StmtKind::Fill: return visit_fill(as<FillNode>(s));
    case StmtKind::Store: return visit_store(as<StoreNode>(s));
    case StmtKind::TTCall: return visit_tt_call(as<TTCallNode>(s));
    case StmtKind::Reduce: return visit_reduce(as<ReduceNode>(s));
  }
}

void IRVisitor::visit_seq(const SeqNode* op) {
  for (const Stmt& s : op->stmts) visit(s);
}
void IRVisitor::visit_for(const ForNode* op) {
  visit(op->min);
  visit(op->extent);
  visit(op->body);
}
void IRVisitor::visit_kernel(const KernelNode* op) { visit(op->body); }
void IRVisitor::visit_allocate(const AllocateNode*) {}
void IRVisitor::visit_let(const LetNode* op) { visit(op->value); }
void IRVisitor::visit_if(const IfNode* op) {
  visit(op->cond);
  visit(op->then_body);
  visit(op->else_body);
}
void IRVisitor::visit_copy(const CopyNode* op) {
  visit_region(op->src);
  visit_region(op->dst);
}
void IRVisitor::visit_gemm(const GemmNode* op) {
  visit_region(op->a);
  visit_region(op->b);
  visit_region(op->c);
}
void IRVisitor::visit_fill(const FillNode* op) {
  visit_region(op->dst);
  visit(op->value);
}
void IRVisitor::visit_store(const StoreNode* op) {
  for (const Expr& i : op->indices) visit(i);
  visit(op->value);
}
void IRVisitor::visit_tt_call(const TTCallNode* op) {
  for (const Expr& a : op->args) visit(a);
}
void IRVisitor::visit_reduce(const ReduceNode* op) {
  visit_region(op->src);
  visit_region(op->dst);
}

// ---------------------------------------------------------------------------------------------

namespace {
template <typename F>
bool mutate_all(std::vector<Expr>& out, const std::vector<Expr>& in, F&& f) {
  bool changed = false;
  out.reserve(in.size());
  for (const Expr& e : in) {
    out.push_back(f(e));
    changed |= out.back() != e;
  }
  return changed;
}
bool same_region(const Region& a, const Region& b) {
  if (a.buffer != b.buffer || a.extents != b.extents || a.starts.size() != b.starts.size()) return false;
  for (size_t i = 0; i < a.starts.size(); ++i) {
    if (a.starts[i] != b.starts[i]) return false;
  }
  return true;
}
}  // namespace

Expr IRMutator::mutate(const Expr& e) {
  if (!e) return e;
  switch (e->kind) {
    case ExprKind::Var: return mutate_var(std::static_pointer_cast<const VarNode>(e));
    case ExprKind::Binary: return mutate_binary(e, as<BinaryNode>(e));
    case ExprKind::BufferLoad: return mutate_buffer_load(e, as<BufferLoadNode>(e));
    case ExprKind::Unary: return mutate_unary(e, as<UnaryNode>(e));
    case ExprKind::Cast: return mutate_cast(e, as<CastNode>(e));
    case ExprKind::Select: return mutate_select(e, as<SelectNode>(e));
    case ExprKind::IntImm: case ExprKind::FloatImm: case ExprKind::StringImm: case ExprKind::RuntimeArg:
    case ExprKind::CBRef: return e;  // leaves
  }
  return e;
}

Expr IRMutator::mutate_unary(const Expr& e, const UnaryNode* op) {
  Expr a = mutate(op->a);
  if (a == op->a) return e;
  return unary(op->op, a, op->span);
}

Expr IRMutator::mutate_cast(const Expr& e, const CastNode* op) {
  Expr v = mutate(op->value);
  if (v == op->value) return e;
  return cast(op->dtype, v, op->span);
}

Expr IRMutator::mutate_select(const Expr& e, const SelectNode* op) {
  Expr c = mutate(op->cond);
  Expr t = mutate(op->true_value);
  Expr f = mutate(op->false_value);
  if (c == op->cond && t == op->true_value && f == op->false_value) return e;
  return select(c, t, f, op->span);
}

Expr IRMutator::mutate_binary(const Expr& e, const BinaryNode* op) {
  Expr a = mutate(op->a);
  Expr b = mutate(op->b);
  if (a == op->a && b == op->b) return e;
  return binary(op->op, a, b, op->span);
}

Expr IRMutator::mutate_buffer_load(const Expr& e, const BufferLoadNode* op) {
  std::vector<Expr> idx;
  if (!mutate_all(idx, op->indices, [&](const Expr& x) { return mutate(x); })) return e;
  return buffer_load(op->buffer, std::move(idx), op->span);
}

Region IRMutator::mutate_region(const Region& r) {
  Region out = r;
  out.starts.clear();
  mutate_all(out.starts, r.starts, [&](const Expr& x) { return mutate(x); });
  return out;
}

Stmt IRMutator::mutate(const Stmt& s) {
  if (!s) return s;
  switch (s->kind) {
    case StmtKind::Seq: return mutate_seq(s, as<SeqNode>(s));
    case StmtKind::For: return mutate_for(s, as<ForNode>(s));
    case StmtKind::Kernel: return mutate_kernel(s, as<KernelNode>(s));
    case StmtKind::Allocate: return mutate_allocate(s, as<AllocateNode>(s));
    case StmtKind::Let: return mutate_let(s, as<LetNode>(s));
    case StmtKind::If: return mutate_if(s, as<IfNode>(s));
    case StmtKind::Copy: return mutate_copy(s, as<CopyNode>(s));
    case StmtKind::Gemm: return mutate_gemm(s, as<GemmNode>(s));
    case StmtKind::Fill: return mutate_fill(s, as<FillNode>(s));
    case StmtKind::Store: return mutate_store(s, as<StoreNode>(s));
    case StmtKind::TTCall: return mutate_tt_call(s, as<TTCallNode>(s));
    case StmtKind::Reduce: return mutate_reduce(s, as<ReduceNode>(s));
  }
  return s;
}

Stmt IRMutator::mutate_seq(const Stmt& s, const SeqNode* op) {
  std::vector<Stmt> out;
  bool changed = false;
  for (const Stmt& child : op->stmts) {
    Stmt m = mutate(child);
    changed |= m != child;
    if (!m) continue;  // a mutator may delete a statement by returning null
    if (m->kind == StmtKind::Seq && child->kind != StmtKind::Seq) {
      // A statement expanded into a sequence is spliced in, keeping sequences flat.
      for (const Stmt& inner : as<SeqNode>(m)->stmts) out.push_back(inner);
    } else {
      out.push_back(m);
    }
  }
  if (!changed) return s;
  return seq(std::move(out), op->span);
}

Stmt IRMutator::mutate_for(const Stmt& s, const ForNode* op) {
  Expr mn = mutate(op->min);
  Expr ext = mutate(op->extent);
  Stmt body = mutate(op->body);
  if (mn == op->min && ext == op->extent && body == op->body) return s;
  return make_for(op->var, mn, ext, op->for_kind, op->num_stages, body, op->span);
}

Stmt IRMutator::mutate_kernel(const Stmt& s, const KernelNode* op) {
  Stmt body = mutate(op->body);
  if (body == op->body) return s;
  return make_kernel(op->grid, op->block_vars, op->threads, body, op->span);
}

Stmt IRMutator::mutate_let(const Stmt& s, const LetNode* op) {
  Expr v = mutate(op->value);
  if (v == op->value) return s;
  return make_let(op->var, v, op->span);
}

Stmt IRMutator::mutate_if(const Stmt& s, const IfNode* op) {
  Expr c = mutate(op->cond);
  Stmt t = mutate(op->then_body);
  Stmt e = mutate(op->else_body);
  if (c == op->cond && t == op->then_body && e == op->else_body) return s;
  return make_if(c, t, e, op->span);
}

Stmt IRMutator::mutate_copy(const Stmt& s, const CopyNode* op) {
  Region a = mutate_region(op->src);
  Region b = mutate_region(op->dst);
  if (same_region(a, op->src) && same_region(b, op->dst)) return s;
  return make_copy(a, b, op->span);
}

Stmt IRMutator::mutate_gemm(const Stmt& s, const GemmNode* op) {
  Region a = mutate_region(op->a);
  Region b = mutate_region(op->b);
  Region c = mutate_region(op->c);
  if (same_region(a, op->a) && same_region(b, op->b) && same_region(c, op->c)) return s;
  return make_gemm(a, b, c, op->transpose_a, op->transpose_b, op->clear_accum, op->span);
}

Stmt IRMutator::mutate_fill(const Stmt& s, const FillNode* op) {
  Region d = mutate_region(op->dst);
  Expr v = mutate(op->value);
  if (same_region(d, op->dst) && v == op->value) return s;
  return make_fill(d, v, op->is_clear, op->span);
}

Stmt IRMutator::mutate_store(const Stmt& s, const StoreNode* op) {
  std::vector<Expr> idx;
  bool changed = mutate_all(idx, op->indices, [&](const Expr& x) { return mutate(x); });
  Expr v = mutate(op->value);
  if (!changed && v == op->value) return s;
  return make_store(op->buffer, std::move(idx), v, op->span);
}

Stmt IRMutator::mutate_tt_call(const Stmt& s, const TTCallNode* op) {
  std::vector<Expr> args;
  if (!mutate_all(args, op->args, [&](const Expr& x) { return mutate(x); })) return s;
  return tt_call(op->op, std::move(args), op->span);
}

Stmt IRMutator::mutate_reduce(const Stmt& s, const ReduceNode* op) {
  Region a = mutate_region(op->src);
  Region b = mutate_region(op->dst);
  if (same_region(a, op->src) && same_region(b, op->dst)) return s;
  return make_reduce(op->reduce_kind, a, b, op->dim, op->clear, op->span);
}

// ---------------------------------------------------------------------------------------------

namespace {
class StmtWalker final : public IRVisitor {
 public:
  explicit StmtWalker(const std::function<void(const Stmt&)>& fn) : fn_(fn) {}
  void visit(const Stmt& s) override {
    if (!s) return;
    fn_(s);
    IRVisitor::visit(s);
  }
  using IRVisitor::visit;

 private:
  const std::function<void(const Stmt&)>& fn_;
};

class Substituter final : public IRMutator {
 public:
  explicit Substituter(const std::map<const VarNode*, Expr>& vmap) : vmap_(vmap) {}
  using IRMutator::mutate;

 protected:
  Expr mutate_var(const Var& v) override {
    auto it = vmap_.find(v.get());
    return it == vmap_.end() ? Expr(v) : it->second;
  }

 private:
  const std::map<const VarNode*, Expr>& vmap_;
};

class BufferSubstituter final : public IRMutator {
 public:
  explicit BufferSubstituter(const std::map<const BufferNode*, Buffer>& bmap) : bmap_(bmap) {}
  using IRMutator::mutate;

  Region mutate_region(const Region& r) override {
    Region out = IRMutator::mutate_region(r);
    out.buffer = map(r.buffer);
    return out;
  }

 protected:
  Expr mutate_buffer_load(const Expr& e, const BufferLoadNode* op) override {
    Expr base = IRMutator::mutate_buffer_load(e, op);
    const Buffer& b = map(op->buffer);
    if (b == op->buffer) return base;
    return buffer_load(b, as<BufferLoadNode>(base)->indices, op->span);
  }
  Stmt mutate_store(const Stmt& s, const StoreNode* op) override {
    Stmt base = IRMutator::mutate_store(s, op);
    const Buffer& b = map(op->buffer);
    if (b == op->buffer) return base;
    auto* st = as<StoreNode>(base);
    return make_store(b, st->indices, st->value, op->span);
  }
  Stmt mutate_allocate(const Stmt& s, const AllocateNode* op) override {
    const Buffer& b = map(op->buffer);
    if (b == op->buffer) return s;
    if (op->cb_index < 0) return make_allocate(b, op->span);
    return make_cb_allocate(b, op->cb_index, op->cb_num_pages, op->cb_page_size, op->span);
  }

 private:
  const Buffer& map(const Buffer& b) const {
    auto it = bmap_.find(b.get());
    return it == bmap_.end() ? b : it->second;
  }
  const std::map<const BufferNode*, Buffer>& bmap_;
};
}  // namespace

void for_each_stmt(const Stmt& root, const std::function<void(const Stmt&)>& fn) {
  StmtWalker walker(fn);
  walker.visit(root);
}

const ForNode* find_persistent_loop(const Stmt& body) {
  const ForNode* found = nullptr;
  for_each_stmt(body, [&](const Stmt& s) {
    if (!found && s->kind == StmtKind::For && as<ForNode>(s)->for_kind == ForKind::Persistent) found = as<ForNode>(s);
  });
  return found;
}

Stmt substitute(const Stmt& s, const std::map<const VarNode*, Expr>& vmap) {
  Substituter sub(vmap);
  return sub.mutate(s);
}

Expr substitute(const Expr& e, const std::map<const VarNode*, Expr>& vmap) {
  Substituter sub(vmap);
  return sub.mutate(e);
}

Stmt substitute_buffers(const Stmt& s, const std::map<const BufferNode*, Buffer>& bmap) {
  BufferSubstituter sub(bmap);
  return sub.mutate(s);
}

}  // namespace tt::ir
