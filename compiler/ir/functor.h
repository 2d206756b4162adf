// Visitor and mutator bases over the IR. The visitor walks every node (override a hook, call the
// base to keep recursing); the mutator rebuilds a tree and shares every subtree it did not change.
#pragma once

#include <functional>

#include "compiler/ir/ir.h"

namespace tt::ir {

class IRVisitor {
 public:
  virtual ~IRVisitor() = default;
  virtual void visit(const Expr& e);
  virtual void visit(const Stmt& s);
  virtual void visit_region(const Region& r);

 protected:
  virtual void visit_seq(const SeqNode* op);
  virtual void visit_for(const ForNode* op);
  virtual void visit_kernel(const KernelNode* op);
  virtual void visit_allocate(const AllocateNode* op);
  virtual void visit_let(const LetNode* op);
  virtual void visit_if(const IfNode* op);
  virtual void visit_copy(const CopyNode* op);
  virtual void visit_gemm(const GemmNode* op);
  virtual void visit_fill(const FillNode* op);
  virtual void visit_store(const StoreNode* op);
  virtual void visit_tt_call(const TTCallNode* op);
  virtual void visit_reduce(const ReduceNode* op);
};

class IRMutator {
 public:
  virtual ~IRMutator() = default;
  virtual Expr mutate(const Expr& e);
  virtual Stmt mutate(const Stmt& s);
  virtual Region mutate_region(const Region& r);

 protected:
  virtual Expr mutate_var(const Var& v) { return v; }
  virtual Expr mutate_binary(const Expr& e, const BinaryNode* op);
  virtual Expr mutate_buffer_load(const Expr& e, const BufferLoadNode* op);
  virtual Expr mutate_unary(const Expr& e, const UnaryNode* op);
  virtual Expr mutate_cast(const Expr& e, const CastNode* op);
  virtual Expr mutate_select(const Expr& e, const SelectNode* op);

  virtual Stmt mutate_seq(const Stmt& s, const SeqNode* op);
  virtual Stmt mutate_for(const Stmt& s, const ForNode* op);
  virtual Stmt mutate_kernel(const Stmt& s, const KernelNode* op);
  virtual Stmt mutate_allocate(const Stmt& s, const AllocateNode* op) { (void)op; return s; }
  virtual Stmt mutate_let(const Stmt& s, const LetNode* op);
  virtual Stmt mutate_if(const Stmt& s, const IfNode* op);
  virtual Stmt mutate_copy(const Stmt& s, const CopyNode* op);
  virtual Stmt mutate_gemm(const Stmt& s, const GemmNode* op);
  virtual Stmt mutate_fill(const Stmt& s, const FillNode* op);
  virtual Stmt mutate_store(const Stmt& s, const StoreNode* op);
  virtual Stmt mutate_tt_call(const Stmt& s, const TTCallNode* op);
  virtual Stmt mutate_reduce(const Stmt& s, const ReduceNode* op);
};

// Calls fn on every statement in pre-order.
void for_each_stmt(const Stmt& root, const std::function<void(const Stmt&)>& fn);
// The persistent loop over a core's blocks (grid_to_persistent_tt makes one per kernel), or null before it exists.
const ForNode* find_persistent_loop(const Stmt& body);
// Replaces variables by expressions (by node identity), re-folding constants.
Stmt substitute(const Stmt& s, const std::map<const VarNode*, Expr>& vmap);
Expr substitute(const Expr& e, const std::map<const VarNode*, Expr>& vmap);
// Replaces buffers (by node identity) wherever they are referenced: tile-op regions, loads, stores
// and allocations (an allocation keeps its CB fields).
Stmt substitute_buffers(const Stmt& s, const std::map<const BufferNode*, Buffer>& bmap);

}  // namespace tt::ir
