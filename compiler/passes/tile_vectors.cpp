// Vectors and ones tiles (see tile_vectors.h).
#include "compiler/passes/tile_vectors.h"

#include <functional>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

const char* vector_axis_name(VectorAxis axis) { return axis == VectorAxis::Column ? "column" : "row"; }

namespace {
// Before memory_space_lower_tt a vector is a shared/fragment buffer, after it a CB.
bool holds_tiles(MemScope scope) { return is_on_chip(scope) || scope == MemScope::CircularBuffer; }
}  // namespace

std::string ones_tile_cb(DataType dtype) { return std::string("ones_") + dtype_name(dtype); }

namespace {

// Vectors joined by vector maps and copies (union-find by buffer), each group with the first axis a use fixed.
class AxisGroups {
 public:
  explicit AxisGroups(DiagnosticList& diags) : diags_(diags) {}

  void join(const BufferNode* a, const BufferNode* b) {
    const BufferNode *ra = root(a), *rb = root(b);
    if (ra != rb) parent_[ra] = rb;
  }

  struct Use {
    const BufferNode* vector;
    VectorAxis axis;
    SourceSpan span;
    std::string why;
  };
  void constrain(Use use) { uses_.push_back(std::move(use)); }

  bool check() {
    std::map<const BufferNode*, const Use*> fixed;
    for (const Use& u : uses_) {
      auto [it, fresh] = fixed.emplace(root(u.vector), &u);
      if (fresh || it->second->axis == u.axis) continue;
      const Use& first = *it->second;
      Diagnostic& d = diags_.error(
          u.span, "vector '" + u.vector->name + "' is used as a " + vector_axis_name(u.axis) + " vector here (" +
                      u.why + ") but as a " + vector_axis_name(first.axis) + " vector elsewhere: its values lie in " +
                      (first.axis == VectorAxis::Column ? "column 0" : "row 0") + " of its tiles, where a " +
                      vector_axis_name(u.axis) + " vector use does not read them");
      d.category = DiagnosticCategory::Unsupported;
      d.notes.push_back(
          {Severity::Note,
           first.span,
           "'" + first.vector->name + "' is a " + vector_axis_name(first.axis) + " vector here (" + first.why + ")",
           {},
           {}});
      return false;
    }
    return true;
  }

 private:
  const BufferNode* root(const BufferNode* b) {
    auto it = parent_.find(b);
    if (it == parent_.end() || it->second == b) return b;
    const BufferNode* r = root(it->second);
    parent_[b] = r;
    return r;
  }

  DiagnosticList& diags_;
  std::map<const BufferNode*, const BufferNode*> parent_;
  std::vector<Use> uses_;
};

bool is_vector(const Buffer& b) { return b->scope != MemScope::Global && b->shape.size() == 1; }

// The loads of 1-D buffers in an expression.
void vector_loads(const Expr& e, std::vector<const BufferLoadNode*>& out) {
  class Collector final : public IRVisitor {
   public:
    explicit Collector(std::vector<const BufferLoadNode*>& o) : out_(o) {}
    using IRVisitor::visit;
    void visit(const Expr& e) override {
      if (e && e->kind == ExprKind::BufferLoad && is_vector(as<BufferLoadNode>(e)->buffer))
        out_.push_back(as<BufferLoadNode>(e));
      IRVisitor::visit(e);
    }

   private:
    std::vector<const BufferLoadNode*>& out_;
  };
  Collector c(out);
  c.visit(e);
}

}  // namespace

bool check_vector_axes(const Stmt& body, DiagnosticList& diags) {
  AxisGroups groups(diags);
  // Loop variables of the T.Parallel nest around each store, outermost first.
  std::function<void(const Stmt&, std::vector<const VarNode*>&)> walk = [&](const Stmt& s,
                                                                            std::vector<const VarNode*>& vars) {
    if (!s) return;
    switch (s->kind) {
      case StmtKind::Seq:
        for (const Stmt& x : as<SeqNode>(s)->stmts) walk(x, vars);
        return;
      case StmtKind::For: {
        auto* f = as<ForNode>(s);
        const bool parallel = f->for_kind == ForKind::Parallel;
        if (parallel) vars.push_back(f->var.get());
        walk(f->body, vars);
        if (parallel) vars.pop_back();
        return;
      }
      case StmtKind::Kernel:
        walk(as<KernelNode>(s)->body, vars);
        return;
      case StmtKind::If:
        walk(as<IfNode>(s)->then_body, vars);
        walk(as<IfNode>(s)->else_body, vars);
        return;
      case StmtKind::Reduce: {
        auto* r = as<ReduceNode>(s);
        if (!is_vector(r->dst.buffer)) return;
        groups.constrain(
            {r->dst.buffer.get(), r->dim == 1 ? VectorAxis::Column : VectorAxis::Row, s->span,
             std::string("T.reduce_") + reduce_kind_name(r->reduce_kind) + " along dim " + std::to_string(r->dim)});
        return;
      }
      case StmtKind::Copy: {
        auto* c = as<CopyNode>(s);
        if (is_vector(c->src.buffer) && is_vector(c->dst.buffer)) groups.join(c->src.buffer.get(), c->dst.buffer.get());
        return;
      }
      case StmtKind::Store: {
        auto* st = as<StoreNode>(s);
        std::vector<const BufferLoadNode*> loads;
        vector_loads(st->value, loads);
        for (const BufferLoadNode* load : loads) {
          if (is_vector(st->buffer)) {
            groups.join(load->buffer.get(), st->buffer.get());
            continue;
          }
          if (st->buffer->shape.size() != 2 || vars.size() != 2 || load->indices.size() != 1) continue;
          for (size_t k = 0; k < 2; ++k) {
            if (load->indices[0]->kind != ExprKind::Var || as<VarNode>(load->indices[0]) != vars[k]) continue;
            const std::string index =
                k == 0 ? "[" + vars[0]->name + "], the row index" : "[" + vars[1]->name + "], the column index";
            groups.constrain({load->buffer.get(), k == 0 ? VectorAxis::Column : VectorAxis::Row,
                              load->span.valid() ? load->span : s->span,
                              "read as " + load->buffer->name + index + " of " + st->buffer->name});
          }
        }
        return;
      }
      default:
        return;
    }
  };
  std::vector<const VarNode*> vars;
  walk(body, vars);
  return groups.check();
}

std::optional<PreparedReduction> prepared_reduction(const ReduceNode& op) {
  const Buffer& src = op.src.buffer;
  switch (op.reduce_kind) {
    case ReduceKind::Min:
      return PreparedReduction{src->name + "_neg", src->dtype, UnaryOp::Neg, ReduceKind::Max, true};
    case ReduceKind::AbsMax:
      return PreparedReduction{src->name + "_abs", src->dtype, UnaryOp::Abs, ReduceKind::Max, false};
    case ReduceKind::AbsSum:
      return PreparedReduction{src->name + "_abs", src->dtype, UnaryOp::Abs, ReduceKind::Sum, false};
    case ReduceKind::Sum:
    case ReduceKind::Max:
      break;
  }
  return std::nullopt;
}

std::vector<PreparedReduction> prepared_reductions(const Stmt& body) {
  std::vector<PreparedReduction> out;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind != StmtKind::Reduce) return;
    std::optional<PreparedReduction> p = prepared_reduction(*as<ReduceNode>(s));
    if (!p) return;
    for (const PreparedReduction& q : out) {
      if (q.cb == p->cb) return;
    }
    out.push_back(*p);
  });
  return out;
}

std::vector<DataType> ones_tile_dtypes(const Stmt& body) {
  // A gemm epilogue broadcasts a vector into DST with unary_bcast (tensorize_tt_dst.cpp), not through a ones tile.
  std::set<const BufferNode*> accumulators;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Gemm) accumulators.insert(as<GemmNode>(s)->c.buffer.get());
  });
  std::set<DataType> dtypes;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Reduce) dtypes.insert(as<ReduceNode>(s)->src.buffer->dtype);
    if (s->kind != StmtKind::Store || as<StoreNode>(s)->buffer->shape.size() != 2) return;
    if (accumulators.count(as<StoreNode>(s)->buffer.get())) return;
    for (const BufferUse& u : buffer_uses(s)) {
      if (!u.write && holds_tiles(u.buffer->scope) && u.buffer->shape.size() == 1) dtypes.insert(u.buffer->dtype);
    }
  });
  return {dtypes.begin(), dtypes.end()};
}

namespace {

// The one store of a T.Parallel nest, or null.
Stmt only_store(const Stmt& loop) {
  Stmt store;
  int stores = 0;
  for_each_stmt(loop, [&](const Stmt& s) {
    if (s->kind == StmtKind::Store) store = s, ++stores;
  });
  return stores == 1 ? store : nullptr;
}

}  // namespace

std::map<const StmtNode*, Stmt> streamed_reductions(const Stmt& body) {
  // Uses of every buffer by tile ops and stores (a T.Parallel map counts once per store).
  std::map<const BufferNode*, int> uses;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind == StmtKind::Seq || s->kind == StmtKind::For) return;
    for (const BufferUse& u : buffer_uses(s)) ++uses[u.buffer.get()];
  });
  std::map<const StmtNode*, Stmt> out;
  for_each_stmt(body, [&](const Stmt& s) {
    if (s->kind != StmtKind::Seq) return;
    const std::vector<Stmt>& items = as<SeqNode>(s)->stmts;
    for (size_t i = 0; i + 1 < items.size(); ++i) {
      const Stmt& map = items[i];
      const Stmt& next = items[i + 1];
      if (!map || !next || map->kind != StmtKind::For || as<ForNode>(map)->for_kind != ForKind::Parallel ||
          next->kind != StmtKind::Reduce)
        continue;
      const Stmt store = only_store(map);
      auto* reduce = as<ReduceNode>(next);
      if (prepared_reduction(*reduce)) continue;  // streams its own prepared copy
      if (!store || as<StoreNode>(store)->buffer != reduce->src.buffer || reduce->src.buffer->shape.size() != 2)
        continue;
      const BufferNode* block = reduce->src.buffer.get();
      bool reads_block_or_vector = false;
      for (const BufferUse& u : buffer_uses(store)) {
        if (!u.write && (u.buffer.get() == block || u.buffer == reduce->dst.buffer)) reads_block_or_vector = true;
      }
      // Written by the map, read by the reduction, nothing else.
      if (reads_block_or_vector || uses[block] != 2) continue;
      out[next.get()] = map;
    }
  });
  return out;
}

}  // namespace tt::passes
