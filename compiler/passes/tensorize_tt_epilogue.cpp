// tensorize_tt, gemm epilogues: `for i, j in T.Parallel(M, N): C_local[i, j] = f(C_local[i, j])` after the
// K loop runs on the accumulator's DST tiles of the last K step, before they are packed (no round trip
// through a CB or DRAM). f is a chain of in-place SFPU ops from the element-wise rules' tables
// (tensorize_tt_eltwise.cpp): the unary ops, ReLU as T.max(x, 0), and + - * / max min with a constant. The
// state step places their inits. Anything else is [unsupported], naming the operation.
#include <algorithm>
#include <set>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/passes/tensorize_tt_lowering.h"
#include "compiler/passes/tile_op_analysis.h"
#include "compiler/passes/tile_vectors.h"

namespace tt::passes::tensorize {

using namespace ir;

namespace {

std::string first_line(const Stmt& s) {
  std::string text = print_stmt(s);
  return text.substr(0, text.find('\n'));
}

// Whether a T.Parallel nest stores into `buffer` anywhere.
bool stores_into(const Stmt& loop, const Buffer& buffer) {
  bool found = false;
  for_each_stmt(loop, [&](const Stmt& s) {
    if (s->kind == StmtKind::Store && as<StoreNode>(s)->buffer == buffer) found = true;
  });
  return found;
}

// f of one epilogue store as DST ops, innermost first. The accumulator must be read exactly once, at the
// loop's own indices: it is the DST tile the ops apply to.
class EpilogueClassifier {
 public:
  EpilogueClassifier(Context& ctx, const Stmt& store, const std::vector<Var>& vars, std::vector<DstOp>& out)
      : ctx_(ctx), store_(*as<StoreNode>(store)), vars_(vars), text_(first_line(store)), out_(out) {}

  bool run() {
    if (!classify(store_.value)) return false;
    if (!read_accumulator_) {
      return unsupported(store_.value, "the epilogue of a T.gemm must compute from the accumulator " +
                                           store_.buffer->name + "[" + index_text() + "] itself");
    }
    return true;
  }

 private:
  bool unsupported(const Expr& e, const std::string& why) {
    return unsupported_eltwise(ctx_, e, store_.span, text_, why);
  }

  std::string index_text() const {
    std::string out;
    for (const Var& v : vars_) out += (out.empty() ? "" : ", ") + v->name;
    return out;
  }

  bool is_accumulator_tile(const BufferLoadNode& load) const {
    if (load.buffer != store_.buffer || load.indices.size() != vars_.size()) return false;
    for (size_t k = 0; k < vars_.size(); ++k) {
      if (load.indices[k].get() != vars_[k].get()) return false;
    }
    return true;
  }

  bool classify(const Expr& e) {
    switch (e->kind) {
      case ExprKind::BufferLoad: {
        auto* load = as<BufferLoadNode>(e);
        if (!is_accumulator_tile(*load)) {
          if (load->buffer == store_.buffer) {
            return unsupported(e, "the accumulator may only be read at the T.Parallel indices [" + index_text() + "]");
          }
          return unsupported(e, "reading " + load->buffer->name +
                                    " in a T.gemm epilogue (another block) is not lowered yet; the epilogue may "
                                    "combine the accumulator with constants and broadcast vectors (a 1-D global "
                                    "buffer indexed by the loop's row or column variable) only");
        }
        if (read_accumulator_) return unsupported(e, "the accumulator is read more than once");
        read_accumulator_ = true;
        return true;
      }
      case ExprKind::Cast: {
        // A cast to the accumulator's own dtype changes nothing: DST holds it at that precision.
        auto* c = as<CastNode>(e);
        if (c->dtype == store_.buffer->dtype) return classify(c->value);
        // A narrower cast rounds the DST tile in place where today's API has the pair (typecast_tile).
        std::optional<OpWithInit> op = sfpu_cast(store_.buffer->dtype, c->dtype);
        if (!op) {
          return unsupported(e, "a cast to " + std::string(dtype_name(c->dtype)) + " inside the epilogue on a " +
                                    dtype_name(store_.buffer->dtype) +
                                    " accumulator (typecast_tile converts float32 DST to bfloat16 only; cast by "
                                    "copying the accumulator to a buffer of that dtype instead)");
        }
        if (!classify(c->value)) return false;
        out_.push_back(DstOp{op->apply, nullptr, store_.span});
        return true;
      }
      case ExprKind::Unary: {
        auto* u = as<UnaryNode>(e);
        if (std::optional<OpWithInit> op = sfpu_unary(u->op)) {
          if (!classify(u->a)) return false;
          out_.push_back(DstOp{op->apply, nullptr, store_.span});
          return true;
        }
        if (std::optional<ScaledUnary> op = sfpu_unary_with_param(u->op)) {
          if (!classify(u->a)) return false;
          out_.push_back(DstOp{op->op.apply, float_imm(op->param), store_.span});
          return true;
        }
        return unsupported(e, "no SFPU op in the intrinsic table computes it");
      }
      case ExprKind::Binary: {
        auto* b = as<BinaryNode>(e);
        if (b->op == BinaryOp::Max && (is_zero_imm(b->a) || is_zero_imm(b->b))) {
          if (!classify(is_zero_imm(b->b) ? b->a : b->b)) return false;
          out_.push_back(DstOp{kSfpuRelu.apply, nullptr, store_.span});
          return true;
        }
        if (is_vector_tile(b->a) || is_vector_tile(b->b)) return classify_broadcast(*b);
        std::optional<double> ca = constant_value(b->a), cb = constant_value(b->b);
        if (!ca && !cb) {
          // Name a second operand if there is one (a bias, another block): that is what is not lowered.
          if (const Expr other = load_of_other_buffer(e)) return classify(other);
        }
        if (ca.has_value() == cb.has_value()) {
          return unsupported(e, "an epilogue combines the accumulator with a constant; both operands are " +
                                    std::string(ca ? "constants" : "computed"));
        }
        const double c = ca ? *ca : *cb;
        std::optional<OpWithInit> op = sfpu_scalar(b->op, ca.has_value());
        if (!op) return unsupported(e, "no SFPU op with a scalar operand computes it");
        if (b->op == BinaryOp::Div && c == 0.0) return unsupported(e, "a division by the constant 0");
        if (!classify(ca ? b->b : b->a)) return false;
        out_.push_back(DstOp{op->apply, float_imm(b->op == BinaryOp::Div ? 1.0 / c : c), store_.span});
        return true;
      }
      default:
        return unsupported(e, "no SFPU op computes it on the accumulator in DST");
    }
  }

  // A load of an on-chip vector (tile_vectors.h; a staged bias, stage_vectors.h) lined up with the accumulator:
  // `V[j]` spanning its columns (a row vector) or `V[i]` spanning its rows (a column vector), i and j the loop's
  // indices.
  std::optional<VectorAxis> vector_axis(const Expr& e) const {
    if (e->kind != ExprKind::BufferLoad) return std::nullopt;
    auto* load = as<BufferLoadNode>(e);
    const auto& acc = store_.buffer->shape;
    if (load->buffer->shape.size() != 1 || vars_.size() != 2 || load->indices.size() != 1) return std::nullopt;
    for (size_t k = 0; k < 2; ++k) {
      if (load->indices[0].get() == vars_[k].get() && load->buffer->shape[0] == acc[k])
        return k == 0 ? VectorAxis::Column : VectorAxis::Row;
    }
    return std::nullopt;
  }
  bool is_vector_tile(const Expr& e) const { return vector_axis(e).has_value(); }

  // x op V with V a broadcast vector: the SFPU binary op of x's DST tile and the vector's tile broadcast into a spare
  // DST tile.
  bool classify_broadcast(const BinaryNode& b) {
    const bool reversed = is_vector_tile(b.a);
    const Expr& vec = reversed ? b.a : b.b;
    const Expr& other = reversed ? b.b : b.a;
    auto* load = as<BufferLoadNode>(vec);
    if (is_vector_tile(other))
      return unsupported(other, "an epilogue combines the accumulator with one vector at a time");
    std::optional<OpWithInit> op = sfpu_binary(b.op);
    if (!op) return unsupported(vec, "no SFPU binary op of two DST tiles computes it");
    const Expr cb = resolve_cb(ctx_, load->buffer->name, store_.span, "broadcast operand of the T.gemm epilogue");
    if (!cb) return false;
    if (!classify(other)) return false;
    const bool row = *vector_axis(vec) == VectorAxis::Row;
    const int64_t tile = ctx_.device.tile[row ? 1 : 0];
    DstOp d{op->apply, nullptr, store_.span};
    d.bcast_cb = cb;
    d.bcast_pages = load->buffer->shape[0] / tile;
    d.bcast_row = row;
    d.reversed = reversed;
    out_.push_back(std::move(d));
    return true;
  }

  // The first load in e of a buffer other than the accumulator; null if none.
  Expr load_of_other_buffer(const Expr& e) const {
    if (e->kind == ExprKind::BufferLoad) return as<BufferLoadNode>(e)->buffer == store_.buffer ? nullptr : e;
    if (e->kind == ExprKind::Binary) {
      if (Expr l = load_of_other_buffer(as<BinaryNode>(e)->a)) return l;
      return load_of_other_buffer(as<BinaryNode>(e)->b);
    }
    if (e->kind == ExprKind::Unary) return load_of_other_buffer(as<UnaryNode>(e)->a);
    if (e->kind == ExprKind::Cast) return load_of_other_buffer(as<CastNode>(e)->value);
    return nullptr;
  }

  Context& ctx_;
  const StoreNode& store_;
  const std::vector<Var>& vars_;
  std::string text_;
  std::vector<DstOp>& out_;
  bool read_accumulator_ = false;
};

// The statement of `path` that holds one whole reduction (the outermost reduction loop, or the gemm
// itself) and the sequence it sits in; null when it is not a statement of a sequence.
const SeqNode* reduction_parent(const std::vector<Stmt>& path, const GemmPlan& plan, size_t& index) {
  const StmtNode* root = plan.reduction_loops.empty() ? static_cast<const StmtNode*>(plan.gemm)
                                                      : static_cast<const StmtNode*>(plan.reduction_loops.front());
  for (size_t level = 1; level < path.size(); ++level) {
    if (path[level].get() != root) continue;
    if (path[level - 1]->kind != StmtKind::Seq) return nullptr;
    const SeqNode* seq = as<SeqNode>(path[level - 1]);
    index = static_cast<size_t>(std::find(seq->stmts.begin(), seq->stmts.end(), path[level]) - seq->stmts.begin());
    return seq;
  }
  return nullptr;
}

// One whole-accumulator map `acc[i, j] = f(acc[i, j])` classified into DST ops; null when `s` is not a T.Parallel
// map storing into `acc`, false (reported) when it is one that cannot be lowered. `what` names the position.
std::optional<bool> classify_map(Context& ctx, const Stmt& s, const Buffer& acc, std::vector<DstOp>& out,
                                 const std::string& what) {
  if (s->kind != StmtKind::For || as<ForNode>(s)->for_kind != ForKind::Parallel || !stores_into(s, acc)) {
    return std::nullopt;
  }
  std::vector<Var> vars;
  std::vector<int64_t> extents;
  const Stmt store_stmt = parallel_store(s, vars, extents);
  const StoreNode* store = store_stmt ? as<StoreNode>(store_stmt) : nullptr;
  if (!store || store->buffer != acc || extents != acc->shape || store->indices.size() != vars.size() ||
      !std::equal(vars.begin(), vars.end(), store->indices.begin(),
                  [](const Var& v, const Expr& i) { return v.get() == i.get(); })) {
    ctx.error(s->span,
              what + " '" + first_line(s) + "' is not lowered for Tenstorrent: it must be one store " + acc->name +
                  "[i, j] = f(" + acc->name + "[i, j]) in T.Parallel loops over the whole accumulator",
              DiagnosticCategory::Unsupported);
    return false;
  }
  return EpilogueClassifier(ctx, store_stmt, vars, out).run();
}

// How a statement reads in a message: a T.Parallel nest by its first store (`acc[i, j] = acc[i, j] * 0.5`).
std::string statement_text(const Stmt& s) {
  Stmt store;
  if (s->kind == StmtKind::For) {
    for_each_stmt(s, [&](const Stmt& x) {
      if (!store && x->kind == StmtKind::Store) store = x;
    });
  }
  return first_line(store ? store : s);
}

// Whether `s` reads or writes `buffer` (a load, a store, a copy, a fill, a gemm operand).
bool touches(const Stmt& s, const Buffer& buffer) {
  bool found = false;
  for_each_stmt(s, [&](const Stmt& x) {
    for (const BufferUse& u : buffer_uses(x)) found = found || u.buffer == buffer;
  });
  return found;
}

// Whether `s` needs the accumulator as a block in its CB rather than in DST: a reduction of it, or a T.Parallel map
// over it that also reads another on-chip buffer (a vector such as a row maximum, another block).
bool reads_as_block(const Stmt& s, const Buffer& acc) {
  if (s->kind == StmtKind::Reduce) return as<ReduceNode>(s)->src.buffer == acc;
  if (s->kind != StmtKind::For || as<ForNode>(s)->for_kind != ForKind::Parallel || !touches(s, acc)) return false;
  // Another block makes the map a block reader. A 1-D vector does not: the DST epilogue broadcasts it into a
  // spare DST tile (a bias); a vector reduced from the accumulator itself follows that reduction, which already
  // ended the epilogue.
  bool other = false;
  for_each_stmt(s, [&](const Stmt& x) {
    for (const BufferUse& u : buffer_uses(x)) {
      // A map into another block (the linear attention examples' s_shared = T.if_then_else(row >= col, s, 0))
      // reads the accumulator as a block too.
      other = other || (u.buffer != acc && u.buffer->shape.size() != 1);
    }
  });
  return other;
}

}  // namespace

// Maps over the accumulator inside the loop that carries it, before the gemm accumulates (flash attention's
// `acc_o[i, j] *= scale` between two KV iterations): each accumulation step applies them to the accumulator's
// tiles in DST (reloaded from its CB when it is spilled, still in DST otherwise; zero on the first step, which is
// the cleared value) and the matmul accumulates on top. Sound because the map is a sibling of the gemm in the
// innermost reduction loop's body and nothing between them touches the accumulator. A map reading a vector
// (`acc_o[i, j] *= scores_scale[i]`) broadcasts the vector's tile into a spare DST tile after the reload, as the
// epilogue does; the vector's pages are waited for and released around each step as its CB liveness says
// (plan_cb_reads at the map's position).
bool plan_carried_maps(Context& ctx, const std::vector<Stmt>& path, GemmPlan& plan) {
  if (plan.reduction_loops.empty()) return true;
  const Buffer& acc = plan.gemm->c.buffer;
  const StmtNode* innermost = plan.reduction_loops.back();
  for (size_t level = 1; level + 1 < path.size(); ++level) {
    if (path[level]->kind != StmtKind::Seq || path[level - 1].get() != innermost) continue;
    const std::vector<Stmt>& stmts = as<SeqNode>(path[level])->stmts;
    const auto gemm_pos = std::find(stmts.begin(), stmts.end(), path[level + 1]);
    for (auto it = stmts.begin(); it != gemm_pos; ++it) {
      std::vector<DstOp> ops;
      std::optional<bool> map = classify_map(ctx, *it, acc, ops, "map over the accumulator before its T.gemm");
      if (!map) continue;
      if (!*map) return false;
      for (auto between = it + 1; between != gemm_pos; ++between) {
        if (!touches(*between, acc)) continue;
        ctx.error((*between)->span,
                  "'" + statement_text(*between) + "' uses accumulator " + acc->name + " between the map '" +
                      statement_text(*it) + "' and its T.gemm: the map runs on the DST tiles just before the gemm " +
                      "accumulates, so nothing may use the accumulator in between",
                  DiagnosticCategory::Unsupported);
        return false;
      }
      plan.carried.insert(plan.carried.end(), ops.begin(), ops.end());
      plan.carried_maps.push_back(*it);
      plan.consumed.push_back(*it);
    }
  }
  return true;
}

bool plan_epilogue(Context& ctx, const std::vector<Stmt>& path, GemmPlan& plan) {
  const Buffer& acc = plan.gemm->c.buffer;
  size_t root = 0;
  const SeqNode* seq = reduction_parent(path, plan, root);
  std::set<const StmtNode*> after_pack;  // statements that read the accumulator from its CB, and what follows them
  // The maps between the reduction and the copy out (of the accumulator itself, or of the buffer staging it),
  // in program order: they see the final accumulator.
  if (seq) {
    for (size_t k = root + 1; k < seq->stmts.size(); ++k) {
      const Stmt& s = seq->stmts[k];
      if (s->kind == StmtKind::Copy && as<CopyNode>(s)->src.buffer == acc) break;
      if (reads_as_block(s, acc)) {
        // From here on the accumulator is a block in its CB: these statements are not DST epilogues.
        plan.packed_in_place = true;
        for (size_t rest = k; rest < seq->stmts.size(); ++rest) {
          for_each_stmt(seq->stmts[rest], [&](const Stmt& x) { after_pack.insert(x.get()); });
        }
        break;
      }
      std::optional<bool> map = classify_map(ctx, s, acc, plan.epilogue, "T.gemm epilogue");
      if (!map) continue;
      if (!*map) return false;
      plan.consumed.push_back(s);
    }
  }
  if (!plan_carried_maps(ctx, path, plan)) return false;
  // Any other map writing the accumulator would need it outside DST. The statements the plan consumes (its
  // clear, its epilogue and carried maps) and everything inside them are the plan's own; the statements after
  // the accumulator is packed to its CB are lowered as ordinary block code.
  std::set<const StmtNode*> lowered_by_plan(after_pack.begin(), after_pack.end());
  for (const Stmt& c : plan.consumed) {
    for_each_stmt(c, [&](const Stmt& s) { lowered_by_plan.insert(s.get()); });
  }
  bool ok = true;
  for_each_stmt(path.front(), [&](const Stmt& s) {
    if (!ok || s->kind != StmtKind::For || as<ForNode>(s)->for_kind != ForKind::Parallel) return;
    if (lowered_by_plan.count(s.get()) || !stores_into(s, acc)) return;
    Stmt store;
    for_each_stmt(s, [&](const Stmt& x) {
      if (!store && x->kind == StmtKind::Store && as<StoreNode>(x)->buffer == acc) store = x;
    });
    ctx.error(s->span,
              "element-wise update of the T.gemm accumulator " + acc->name + " in '" + first_line(store) +
                  "' is not lowered for Tenstorrent: only maps after the reduction loop and before " + acc->name +
                  " is copied out, or inside the loop that carries it and before its T.gemm, run on its DST tiles",
              DiagnosticCategory::Unsupported);
    ok = false;
  });
  return ok;
}

}  // namespace tt::passes::tensorize
