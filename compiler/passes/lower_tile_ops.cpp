// lower_tile_ops: normal-form checks of tile ops and discovery of the gemm's reduction loop.
#include "compiler/passes/lower_tile_ops.h"

#include <algorithm>
#include <map>

#include "compiler/ir/functor.h"
#include "compiler/ir/grid_trip_count.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/parallel_if_select.h"
#include "compiler/passes/reblock_rows.h"
#include "compiler/passes/stage_vectors.h"
#include "compiler/passes/tile_op_analysis.h"

namespace tt::passes {

using namespace ir;

namespace {

std::string op_name(const Stmt& s) {
  switch (s->kind) {
    case StmtKind::Copy:
      return "T.copy";
    case StmtKind::Gemm:
      return "T.gemm";
    case StmtKind::Fill:
      return as<FillNode>(s)->is_clear ? "T.clear" : "T.fill";
    case StmtKind::Reduce:
      return std::string("T.reduce_") + reduce_kind_name(as<ReduceNode>(s)->reduce_kind);
    case StmtKind::Store:
      return "store";
    case StmtKind::Seq:
    case StmtKind::For:
    case StmtKind::Kernel:
    case StmtKind::Allocate:
    case StmtKind::Let:
    case StmtKind::If:
    case StmtKind::TTCall:
      break;
  }
  return "statement";
}

class Checker {
 public:
  Checker(Module& m, PrimFunc& f, const DeviceModel& dev, DiagnosticList& d)
      : module_(m), func_(f), dev_(dev), diags_(d) {}

  bool run() {
    size_t errors = diags_.error_count();
    const KernelNode* kernel = check_kernel();
    check_names();
    check_scopes();
    sites_ = collect_tile_ops(func_.body);
    for (const TileOpSite& site : sites_) check_op(site);
    if (kernel && diags_.error_count() == errors) check_gemms();
    return diags_.error_count() == errors;
  }

 private:
  const KernelNode* check_kernel() {
    std::vector<const KernelNode*> kernels = collect_kernels(func_.body);
    if (kernels.empty()) {
      diags_.error(func_.span, "function '" + func_.name + "' has no T.Kernel: nothing to launch on the device");
      return nullptr;
    }
    for (size_t i = 1; i < kernels.size(); ++i) {
      Diagnostic& d = diags_.error(kernels[i]->span, "more than one T.Kernel in function '" + func_.name +
                                                         "': only one T.Kernel per function is supported");
      d.category = DiagnosticCategory::Unsupported;
      d.notes.push_back({Severity::Note, kernels[0]->span, "the first T.Kernel is here", {}, {}});
    }
    const KernelNode* k = kernels[0];
    // Any rank: grid_to_persistent_tt recovers every block index from the linear block id (the
    // front end admits TileLang's 1 to 3).
    if (k->grid.empty()) {
      diags_.error(k->span, "T.Kernel without grid dimensions: nothing to launch").category =
          DiagnosticCategory::Unsupported;
      return nullptr;
    }
    if (k->block_vars.size() != k->grid.size()) {
      diags_.error(k->span, "T.Kernel binds " + std::to_string(k->block_vars.size()) + " block variables for " +
                                std::to_string(k->grid.size()) + " grid dimensions");
      return nullptr;
    }
    for (size_t i = 0; i < k->grid.size(); ++i) {
      if (k->grid[i] <= 0) {
        diags_.error(k->span, "T.Kernel grid dimension " + std::to_string(i) + " is " + std::to_string(k->grid[i]) +
                                  ": it must be positive");
        return nullptr;
      }
    }
    return kernels.size() == 1 ? k : nullptr;
  }

  // Metadata is keyed by buffer name (`tt.buffer.<name>`, `tt.cb.<name>`), so names must be unique.
  void check_names() {
    std::map<std::string, SourceSpan> seen;
    auto declare = [&](const Buffer& b) {
      auto [it, fresh] = seen.emplace(b->name, b->span);
      if (fresh) return;
      Diagnostic& d = diags_.error(b->span, "buffer name '" + b->name + "' is declared twice");
      d.notes.push_back({Severity::Note, it->second, "first declared here", {}, {}});
    };
    for (const Buffer& p : func_.params) declare(p);
    for (const AllocateNode* a : collect_allocations(func_.body)) declare(a->buffer);
  }

  // An allocation is visible for the rest of its enclosing sequence; parameters everywhere.
  class ScopeChecker final : public IRVisitor {
   public:
    ScopeChecker(const PrimFunc& f, DiagnosticList& d) : diags_(d) {
      for (const Buffer& p : f.params) visible_.push_back(p.get());
    }
    using IRVisitor::visit;
    void visit(const Stmt& s) override {
      if (!s) return;
      for (const BufferUse& u : buffer_uses(s)) {
        if (std::find(visible_.begin(), visible_.end(), u.buffer.get()) != visible_.end()) continue;
        diags_.error(s->span, op_name(s) + " uses buffer '" + u.buffer->name +
                                  "', which is not allocated here (no parameter or T.alloc_* in scope)");
      }
      IRVisitor::visit(s);
    }

   protected:
    void visit_seq(const SeqNode* op) override {
      size_t n = visible_.size();
      IRVisitor::visit_seq(op);
      visible_.resize(n);
    }
    void visit_allocate(const AllocateNode* op) override { visible_.push_back(op->buffer.get()); }

   private:
    std::vector<const BufferNode*> visible_;
    DiagnosticList& diags_;
  };

  void check_scopes() {
    ScopeChecker checker(func_, diags_);
    checker.visit(func_.body);
  }

  // Rank and extents only: starts past the edge are legal TileLang (copies are masked there); the
  // TT passes reject the partial tiles that would need instead (tile alignment, grid coverage).
  bool check_region(const Stmt& s, const Region& r) {
    const Buffer& b = r.buffer;
    if (r.starts.size() != b->shape.size() || r.extents.size() != b->shape.size()) {
      diags_.error(r.span.valid() ? r.span : s->span,
                   op_name(s) + " region of '" + b->name + "' has " + std::to_string(r.starts.size()) +
                       " indices, the buffer has " + std::to_string(b->shape.size()) + " dimensions");
      return false;
    }
    for (size_t d = 0; d < b->shape.size(); ++d) {
      if (r.extents[d] <= 0 || r.extents[d] > b->shape[d]) {
        diags_.error(s->span, op_name(s) + " region of '" + b->name + "' has extent " + std::to_string(r.extents[d]) +
                                  " in dim " + std::to_string(d) + ", the buffer has " + std::to_string(b->shape[d]));
        return false;
      }
    }
    return true;
  }

  void check_op(const TileOpSite& site) {
    const Stmt& s = site.stmt;
    if (!site.kernel) {
      diags_.error(s->span, op_name(s) + " outside T.Kernel: tile ops must run inside the kernel");
      return;
    }
    if (s->kind == StmtKind::Copy) {
      auto* op = as<CopyNode>(s);
      if (!check_region(s, op->src) || !check_region(s, op->dst)) return;
      const std::string what = "T.copy from '" + op->src.buffer->name + "' to '" + op->dst.buffer->name + "'";
      if (op->src.buffer->scope == MemScope::Global && op->dst.buffer->scope == MemScope::Global) {
        diags_.error(s->span, what + ": a copy between two global buffers is not supported (stage it on chip)")
            .category = DiagnosticCategory::Unsupported;
        return;
      }
      int64_t ns = 1, nd = 1;
      for (int64_t e : op->src.extents) ns *= e;
      for (int64_t e : op->dst.extents) nd *= e;
      if (ns != nd) {
        diags_.error(s->span,
                     what + ": element counts differ (" + std::to_string(ns) + " vs " + std::to_string(nd) + ")");
      } else if (squeeze_unit_dims(op->src.extents) != squeeze_unit_dims(op->dst.extents)) {
        diags_.error(s->span, what + ": region shapes differ (" + format_dims(op->src.extents) + " vs " +
                                  format_dims(op->dst.extents) + ")");
      }
    } else if (s->kind == StmtKind::Gemm) {
      check_gemm_shapes(s, as<GemmNode>(s));
    } else if (s->kind == StmtKind::Fill) {
      check_region(s, as<FillNode>(s)->dst);
    } else if (s->kind == StmtKind::Reduce) {
      // Rejected after re-blocking (reject_reductions), so that the trace shows the re-blocked kernel.
      if (check_region(s, as<ReduceNode>(s)->src)) check_region(s, as<ReduceNode>(s)->dst);
    }
  }

  void check_gemm_shapes(const Stmt& s, const GemmNode* op) {
    for (const Region* r : {&op->a, &op->b, &op->c}) {
      if (!check_region(s, *r)) return;
      if (!is_on_chip(r->buffer->scope)) {
        diags_.error(s->span, "T.gemm operand '" + r->buffer->name + "' is in " + scope_name(r->buffer->scope) +
                                  " memory: gemm operands must be T.alloc_shared or T.alloc_fragment buffers");
        return;
      }
      if (r->extents.size() != 2) {
        diags_.error(s->span, "T.gemm operand '" + r->buffer->name + "' is " + std::to_string(r->extents.size()) +
                                  "-D: gemm operands must be 2-D");
        return;
      }
    }
    if (op->a.buffer->dtype != op->b.buffer->dtype) {
      diags_.error(s->span, std::string("T.gemm operands '") + op->a.buffer->name + "' (" +
                                dtype_name(op->a.buffer->dtype) + ") and '" + op->b.buffer->name + "' (" +
                                dtype_name(op->b.buffer->dtype) + ") have different dtypes");
      return;
    }
    // A dtype the device cannot store at all is reported at its buffer by the layout passes.
    if (!dev_.supports(op->a.buffer->dtype) || !dev_.supports(op->c.buffer->dtype)) return;
    for (const Region* r : {&op->a, &op->c}) {
      if (dev_.supports_matmul(r->buffer->dtype)) continue;
      std::string list;
      for (const std::string& d : dev_.matmul_dtypes) list += (list.empty() ? "" : ", ") + d;
      std::string what = r == &op->a ? "operands '" + op->a.buffer->name + "' and '" + op->b.buffer->name + "' are "
                                     : "accumulator '" + op->c.buffer->name + "' is ";
      diags_.error(s->span, "T.gemm " + what + dtype_name(r->buffer->dtype) + ": the matrix engine of " + dev_.name +
                                " takes " + list);
      return;
    }
    const auto& ea = op->a.extents;
    const auto& eb = op->b.extents;
    const auto& ec = op->c.extents;
    int64_t m = op->transpose_a ? ea[1] : ea[0], ka = op->transpose_a ? ea[0] : ea[1];
    int64_t kb = op->transpose_b ? eb[1] : eb[0], n = op->transpose_b ? eb[0] : eb[1];
    auto shape = [](const Region& r, const char* dims_label) {
      return r.buffer->name + " is " + std::to_string(r.extents[0]) + "x" + std::to_string(r.extents[1]) + " (" +
             dims_label + ")";
    };
    std::string a_desc = shape(op->a, op->transpose_a ? "K x M" : "M x K");
    std::string b_desc = shape(op->b, op->transpose_b ? "N x K" : "K x N");
    std::string c_desc = shape(op->c, "M x N");
    if (ka != kb) {
      diags_.error(s->span, "T.gemm shapes do not agree: " + a_desc + ", " + b_desc + ": K " + std::to_string(ka) +
                                " != " + std::to_string(kb));
    } else if (m != ec[0]) {
      diags_.error(s->span, "T.gemm shapes do not agree: " + a_desc + ", " + c_desc + ": M " + std::to_string(m) +
                                " != " + std::to_string(ec[0]));
    } else if (n != ec[1]) {
      diags_.error(s->span, "T.gemm shapes do not agree: " + b_desc + ", " + c_desc + ": N " + std::to_string(n) +
                                " != " + std::to_string(ec[1]));
    }
  }

  // The dimension of `src` that a non-unit dimension `dst_dim` of `dst` corresponds to, pairing
  // non-unit dims in order (a copy may add or drop unit dims); -1 if there is none.
  static int src_dim_for(const Region& src, const Region& dst, size_t dst_dim) {
    if (dst.extents[dst_dim] == 1) return -1;
    size_t rank = 0;
    for (size_t d = 0; d < dst_dim; ++d) rank += dst.extents[d] != 1;
    for (size_t d = 0; d < src.extents.size(); ++d) {
      if (src.extents[d] == 1) continue;
      if (rank-- == 0) return static_cast<int>(d);
    }
    return -1;
  }

  // The enclosing loop of `gemm` whose variable indexes K in a copy filling operand `r`.
  const ForNode* k_loop_of(const TileOpSite& gemm, const Region& r, size_t k_dim) {
    for (const TileOpSite& site : sites_) {
      if (site.stmt->kind != StmtKind::Copy) continue;
      auto* copy = as<CopyNode>(site.stmt);
      if (copy->dst.buffer != r.buffer) continue;
      int sd = src_dim_for(copy->src, copy->dst, k_dim);
      if (sd < 0) continue;
      for (auto it = gemm.loops.rbegin(); it != gemm.loops.rend(); ++it) {
        if (uses_var(copy->src.starts[sd], (*it)->var.get())) return *it;
      }
    }
    return nullptr;
  }

  // Whether `loop`'s body clears accumulator `c` (T.clear / T.fill): each iteration then starts a new
  // accumulation, so the loop indexes the operands' K but does not reduce over it (the linear attention
  // examples' o = s @ v_i per chunk).
  static bool clears_inside(const ForNode* loop, const Buffer& c) {
    bool cleared = false;
    for_each_stmt(loop->body, [&](const Stmt& s) {
      if (is_fill_of(s, c)) cleared = true;
    });
    return cleared;
  }

  void check_gemms() {
    // Any number of gemms per loop, each its own accumulator (tensorize_tt gives each its DST sections and
    // CBs; accumulators carried across a loop in which other gemms run go through their CBs every step);
    // gemms reducing their whole K in one call may follow one another, each its own DST section.
    std::vector<GemmInfo> infos;
    for (const TileOpSite& site : sites_) {
      if (site.stmt->kind != StmtKind::Gemm) continue;
      auto* g = as<GemmNode>(site.stmt);
      const ForNode* la = k_loop_of(site, g->a, g->transpose_a ? 0 : 1);
      const ForNode* lb = k_loop_of(site, g->b, g->transpose_b ? 1 : 0);
      if (la && lb && la != lb) {
        diags_.error(site.stmt->span, "T.gemm: the copies into '" + g->a.buffer->name + "' and '" + g->b.buffer->name +
                                          "' index K with different loops ('" + la->var->name + "' and '" +
                                          lb->var->name + "')");
        continue;
      }
      const ForNode* loop = la ? la : lb;
      // No enclosing loop indexes K, or the accumulator is cleared in every iteration of the one that does: the
      // gemm reduces its whole K extent in one call (K is one block), like flash attention's Q @ K^T in its KV
      // loop. Which loops it accumulates over is structural (tensorize_tt: the loops between the accumulator's
      // clear and the gemm).
      if (loop && (g->clear_accum || clears_inside(loop, g->c.buffer))) loop = nullptr;
      const bool whole_k = !loop;
      // A trip count that depends on the block indices (a causal K loop) is recorded as its largest
      // value over the grid: GemmInfo's readers (advice, precision) want the longest accumulation.
      std::optional<int64_t> iters = whole_k ? std::optional<int64_t>(1) : max_trip_count(*loop, site.kernel);
      if (!iters) {
        diags_.error(loop->span, "reduction loop '" + loop->var->name + "' has a non-constant trip count");
        continue;
      }
      GemmInfo info;
      info.a = g->a.buffer->name;
      info.b = g->b.buffer->name;
      info.c = g->c.buffer->name;
      info.transpose_a = g->transpose_a;
      info.transpose_b = g->transpose_b;
      info.accum_dtype = dtype_name(g->c.buffer->dtype);
      info.m = g->c.extents[0];
      info.n = g->c.extents[1];
      info.k = g->transpose_a ? g->a.extents[0] : g->a.extents[1];
      info.reduction_var = whole_k ? "" : loop->var->name;
      info.k_iters = *iters;
      info.num_stages = !whole_k && loop->for_kind == ForKind::Pipelined ? loop->num_stages : 0;
      infos.push_back(std::move(info));
    }
    if (infos.size() == 1) set_gemm_info(module_, infos[0]);
    if (infos.size() > 1) set_gemm_infos(module_, infos);
  }

  Module& module_;
  PrimFunc& func_;
  const DeviceModel& dev_;
  DiagnosticList& diags_;
  std::vector<TileOpSite> sites_;
};

// Reductions tensorize_tt does not lower, reported here, before the layout passes: their complaints about the
// reduction's buffers would hide what is really missing. What is lowered: every T.reduce_* of a 2-D on-chip
// block into a 1-D one along dim 1 or 0 (tensorize_tt_reduce.cpp).
bool reject_reductions(const PrimFunc& func, DiagnosticList& diags) {
  bool ok = true;
  for (const TileOpSite& site : collect_tile_ops(func.body)) {
    if (site.stmt->kind != StmtKind::Reduce) continue;
    auto* op = as<ReduceNode>(site.stmt);
    std::string why;
    // reduce_tile pools with PoolType SUM, AVG or MAX (api/compute/reduce.h); min, absmax and abssum pool a
    // prepared copy (tile_vectors.h, prepared_reduction).
    if (op->src.extents.size() != 2 || op->dst.extents.size() != 1) {
      why = "only a reduction of a 2-D block into a 1-D vector is (" + format_dims(op->src.extents) + " -> " +
            format_dims(op->dst.extents) + ")";
    } else if (op->dim != 0 && op->dim != 1) {
      why = "dim=" + std::to_string(op->dim) + " is not a dimension of the 2-D block";
    }
    if (why.empty()) continue;
    diags.error(site.stmt->span, op_name(site.stmt) + " is not lowered for Tenstorrent: " + why).category =
        DiagnosticCategory::Unsupported;
    ok = false;
  }
  return ok;
}

}  // namespace

bool lower_tile_ops(Module& module, const PassContext& ctx, DiagnosticList& diags) {
  PrimFunc* func = single_func(module, "lower_tile_ops", diags);
  if (!func) return false;
  if (!Checker(module, *func, ctx.device, diags).run()) return false;
  // Element-wise ifs in T.Parallel maps are selects (parallel_if_select.h).
  parallel_if_select(*func);
  // Blocks of fewer rows than a tile become whole tile rows when rows are independent (reblock_rows.h).
  if (!reblock_rows(*func, ctx.device, diags)) return false;
  // A 1-D global buffer read inside T.Parallel (a bias) is staged on chip as a broadcast block (stage_vectors.h).
  if (!stage_vectors(*func, diags)) return false;
  return reject_reductions(*func, diags);
}

}  // namespace tt::passes
