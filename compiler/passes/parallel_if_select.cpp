// parallel_if_select: element-wise ifs in T.Parallel maps become selects (see the header for the rule).
#include "compiler/passes/parallel_if_select.h"

#include "compiler/ir/functor.h"
#include "compiler/ir/structural_equal.h"

namespace tt::passes {

using namespace ir;

namespace {

// The one store a branch is (a store, or a sequence of exactly one), else null.
const StoreNode* single_store(const Stmt& s) {
  if (!s) return nullptr;
  if (s->kind == StmtKind::Seq) {
    const auto& stmts = as<SeqNode>(s)->stmts;
    return stmts.size() == 1 ? single_store(stmts[0]) : nullptr;
  }
  return s->kind == StmtKind::Store ? as<StoreNode>(s) : nullptr;
}

bool same_element(const StoreNode& a, const StoreNode& b) {
  if (a.buffer.get() != b.buffer.get() || a.indices.size() != b.indices.size()) return false;
  for (size_t d = 0; d < a.indices.size(); ++d) {
    if (!structural_equal(a.indices[d], b.indices[d])) return false;
  }
  return true;
}

class IfToSelect final : public IRMutator {
 public:
  int converted = 0;

 protected:
  Stmt mutate_for(const Stmt& s, const ForNode* op) override {
    bool parallel = op->for_kind == ForKind::Parallel;
    parallel_depth_ += parallel ? 1 : 0;
    Stmt out = IRMutator::mutate_for(s, op);
    parallel_depth_ -= parallel ? 1 : 0;
    return out;
  }

  Stmt mutate_if(const Stmt& s, const IfNode* op) override {
    Stmt inner = IRMutator::mutate_if(s, op);  // nested ifs first
    if (parallel_depth_ == 0) return inner;
    auto* node = as<IfNode>(inner);
    const StoreNode* then_store = single_store(node->then_body);
    // A guarded store to global memory (a partial block's edge) stays a guard: its select would read the output.
    if (!then_store || then_store->buffer->scope == MemScope::Global) return inner;
    Expr otherwise;
    if (node->else_body) {
      const StoreNode* else_store = single_store(node->else_body);
      if (!else_store || !same_element(*then_store, *else_store)) return inner;
      otherwise = else_store->value;
    } else {
      otherwise = buffer_load(then_store->buffer, then_store->indices, then_store->span);
    }
    ++converted;
    return make_store(then_store->buffer, then_store->indices,
                      select(node->cond, then_store->value, otherwise, node->span), node->span);
  }

 private:
  int parallel_depth_ = 0;
};

}  // namespace

int parallel_if_select(PrimFunc& func) {
  IfToSelect m;
  func.body = m.mutate(func.body);
  return m.converted;
}

}  // namespace tt::passes
