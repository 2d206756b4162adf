// tensorize_tt entry: plans the kernel's gemm, then rewrites every tile op in place (see the header).
#include "compiler/passes/tensorize_tt.h"

#include <algorithm>
#include <functional>
#include <set>
#include <tuple>

#include "compiler/ir/functor.h"
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"
#include "compiler/passes/tile_op_analysis.h"
#include "compiler/passes/tile_vectors.h"

namespace tt::passes {

using namespace ir;
using namespace tensorize;

namespace {

class Rewriter final : public IRMutator {
 public:
  Rewriter(Context& ctx, const std::vector<GemmPlan>& plans, const Stmt& body) : ctx_(ctx), plans_(plans) {
    eltwise_.written_to_global = staged_outputs(body);
    // An accumulator packed into its own CB keeps every version there; compute packs its last one into the output
    // CB that the writer drains (lower_block_to_output).
    std::set<std::string> sent_by_compute;
    for (const GemmPlan& p : plans) {
      if (!p.packed_in_place) continue;
      eltwise_.written_to_global.erase(p.gemm->c.buffer->name);
      sent_by_compute.insert(p.gemm->c.buffer->name);
    }
    std::map<const StmtNode*, std::string> in_dst;  // epilogue maps (consumed: not the clear, not carried)
    for (const GemmPlan& p : plans) {
      for (const Stmt& c : p.consumed) {
        const bool carried = std::any_of(p.carried_maps.begin(), p.carried_maps.end(),
                                         [&](const Stmt& m) { return m.get() == c.get(); });
        if (c->kind == StmtKind::For && !carried && c != p.clear_stmt) in_dst[c.get()] = p.gemm->c.buffer->name;
      }
    }
    reads_ = plan_cb_reads(body, eltwise_.written_to_global, sent_by_compute, in_dst);
    eltwise_.reads = &reads_;
    streamed_ = streamed_reductions(body);
    streamed_outputs_ = streamed_outputs(body);
  }
  const EltwiseState& eltwise() const { return eltwise_; }

  // A statement, lowered, followed by the pops the CB liveness plan puts after it: the pages a loop kept across its
  // iterations, and a version written but overwritten before any read. (A map's or a reduction's own last reads
  // are popped by its lowering.)
  Stmt mutate(const Stmt& s) override {
    Stmt out = IRMutator::mutate(s);
    if (!s) return out;
    std::vector<Stmt> before, after;
    auto sync = [&](const std::map<const StmtNode*, std::vector<std::string>>& plan, std::vector<Stmt>& into,
                    std::initializer_list<TTIntrinsic> ops) {
      auto it = plan.find(s.get());
      if (it == plan.end()) return;
      for (const std::string& name : it->second) {
        Expr cb = resolve_cb(ctx_, name, s->span, "pages kept across '" + first_line(s) + "'");
        std::optional<CircularBuffer> info = get_circular_buffer(ctx_.module, name);
        if (!cb || !info) return;
        for (TTIntrinsic op : ops) into.push_back(tt_call(op, {cb, int_imm(info->tiles_per_stage)}, s->span));
      }
    };
    if (s->kind == StmtKind::For && as<ForNode>(s)->for_kind != ForKind::Parallel) {
      sync(reads_.wait_before_read, before, {TTIntrinsic::CbWaitFront});
      sync(reads_.pop_after_read, after, {TTIntrinsic::CbPopFront});
    }
    sync(reads_.drop_after_write, after, {TTIntrinsic::CbWaitFront, TTIntrinsic::CbPopFront});
    if (before.empty() && after.empty()) return out;
    if (out) before.push_back(out);
    for (Stmt& x : after) before.push_back(std::move(x));
    return seq(std::move(before), s->span);
  }
  Expr mutate(const Expr& e) override { return IRMutator::mutate(e); }

 protected:
  Stmt mutate_reduce(const Stmt&, const ReduceNode* op) override {
    auto it = streamed_.find(op);
    if (it == streamed_.end()) return lower_reduce(ctx_, eltwise_, *op);
    // The map that produces the reduction's source is lowered with it, tile by tile.
    std::optional<MapParts> producer = lower_eltwise_parts(ctx_, eltwise_, it->second);
    if (!producer) return nullptr;
    return lower_reduce(ctx_, eltwise_, *op, &*producer);
  }

  Stmt mutate_copy(const Stmt&, const CopyNode* op) override {
    // A gemm's staging copy: the accumulator packs straight into the output CB in its format.
    if (consumed_by_a_plan(op)) return nullptr;
    MemScope from = op->src.buffer->scope, to = op->dst.buffer->scope;
    if (from == MemScope::Global && to == MemScope::CircularBuffer) return lower_read_copy(ctx_, *op);
    if (const GemmPlan* plan = find([&](const GemmPlan& p) { return p.output_copy == op; })) {
      if (plan->packed_in_place && to == MemScope::Global) {
        Stmt pack = lower_block_to_output(ctx_, eltwise_, *op);
        Expr cb = resolve_cb(ctx_, op->dst.buffer->name, op->span, "output CB of T.copy to " + op->dst.buffer->name);
        if (!pack || !cb) return nullptr;
        return seq({pack, lower_write_copy(ctx_, *op, cb, PackOrder{})}, op->span);
      }
      if (plan->packed_in_place) return lower_onchip_copy(ctx_, eltwise_, *op);
      // The accumulator's pack into an on-chip buffer's CB is this copy (done by the gemm's section).
      if (plan->on_chip_output) return nullptr;
      return lower_write_copy(ctx_, *op, plan->cb_out, plan->order);
    }
    if (from == MemScope::CircularBuffer && to == MemScope::Global) {
      // An element-wise map packed this block into the global buffer's output CB.
      const std::string& staged =
          eltwise_.written_to_global.count(op->src.buffer->name) ? op->dst.buffer->name : op->src.buffer->name;
      Expr cb = resolve_cb(ctx_, staged, op->span, "source of T.copy to " + op->dst.buffer->name);
      return lower_write_copy(ctx_, *op, cb, PackOrder{}, streamed_outputs_.count(op->dst.buffer->name) > 0);
    }
    if (from == MemScope::CircularBuffer && to == MemScope::CircularBuffer)
      return lower_onchip_copy(ctx_, eltwise_, *op);
    ctx_.error(op->span,
               "T.copy from " + std::string(scope_name(from)) + " buffer " + op->src.buffer->name + " to " +
                   scope_name(to) + " buffer " + op->dst.buffer->name + " is not supported by tensorize_tt",
               DiagnosticCategory::Unsupported);
    return nullptr;
  }

  Stmt mutate_fill(const Stmt&, const FillNode* op) override {
    // The accumulator's clear is carried by the gemm lowering (no reload on the first step).
    if (consumed_by_a_plan(op)) return nullptr;
    return lower_onchip_fill(ctx_, eltwise_, *op);
  }

  Stmt mutate_gemm(const Stmt&, const GemmNode* op) override {
    const GemmPlan* plan = find([&](const GemmPlan& p) { return p.gemm == op; });
    if (!plan) return nullptr;  // plan_gemms reported why
    Stmt step = lower_gemm_step(*plan);
    if (!plan->spill && plan->reduction_loops.empty()) return wrap_reduction(*plan, step);
    return with_carried_vectors(*plan, step);
  }

  // The vectors that the plan's carried maps broadcast (produced by compute in the same iteration): the step waits
  // for and releases their pages where the CB liveness plan puts those of the maps it stands for.
  Stmt with_carried_vectors(const GemmPlan& plan, const Stmt& step) {
    std::vector<Stmt> stmts;
    std::vector<Stmt> pops;
    for (const auto& [cb, pages] : broadcast_cbs(plan.carried)) {
      const std::string& name = as<CBRefNode>(cb)->name;
      const auto at = [&](bool (CbReads::*listed)(const StmtNode*, const std::string&) const) {
        return std::any_of(plan.carried_maps.begin(), plan.carried_maps.end(),
                           [&](const Stmt& m) { return (reads_.*listed)(m.get(), name); });
      };
      if (at(&CbReads::waits))
        stmts.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb, int_imm(pages)}, plan.gemm->span));
      if (at(&CbReads::pops)) pops.push_back(tt_call(TTIntrinsic::CbPopFront, {cb, int_imm(pages)}, plan.gemm->span));
    }
    if (stmts.empty() && pops.empty()) return step;
    stmts.push_back(step);
    for (Stmt& s : pops) stmts.push_back(std::move(s));
    return seq(std::move(stmts), step->span);
  }

  Stmt mutate_for(const Stmt& s, const ForNode* op) override {
    // A gemm's epilogue and carried maps run inside its DST sections (lower_gemm_step / wrap_reduction); a zero
    // mask or a per-tile mask is its initial value.
    if (consumed_by_a_plan(op)) return nullptr;
    if (op->for_kind == ForKind::Parallel) {
      for (const auto& [reduce, map] : streamed_) {
        if (map == s) return nullptr;  // lowered with the reduction it feeds
      }
      return lower_eltwise(ctx_, eltwise_, s);
    }
    Stmt out = IRMutator::mutate_for(s, op);
    const GemmPlan* plan = find(
        [&](const GemmPlan& p) { return !p.spill && !p.reduction_loops.empty() && op == p.reduction_loops.front(); });
    if (plan) out = wrap_reduction(*plan, out);
    // Operand pages kept across this loop's iterations: waited for before it, released after it.
    // An operand several gemms read (link_shared_operands) is waited for by the first and popped by the last: around
    // this loop only where this loop's reader is that one.
    std::vector<Stmt> waits, pops;
    for (const GemmPlan& p : plans_) {
      const SourceSpan span = p.gemm->span;
      for (auto [after, cb, tiles, wait, pop] :
           {std::tuple{p.pop_a_after, p.cb_a, p.mt * p.kt, p.wait_a, p.pop_a},
            std::tuple{p.pop_b_after, p.cb_b, p.kt * p.nt, p.wait_b, p.pop_b}}) {
        if (after != op) continue;
        if (wait) waits.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb, int_imm(tiles)}, span));
        if (pop) pops.push_back(tt_call(TTIntrinsic::CbPopFront, {cb, int_imm(tiles)}, span));
      }
    }
    if (waits.empty() && pops.empty()) return out;
    waits.push_back(out);
    for (Stmt& pop : pops) waits.push_back(std::move(pop));
    return seq(std::move(waits), s->span);
  }

  Stmt mutate_store(const Stmt& s, const StoreNode* op) override {
    const std::string text = first_line(s);
    ctx_.error(op->span, "element-wise statement '" + text + "' is not lowered for Tenstorrent yet",
               DiagnosticCategory::Unsupported);
    return nullptr;
  }

  Stmt mutate_kernel(const Stmt&, const KernelNode* op) override {
    ctx_.error(op->span, "T.Kernel grid remains: grid_to_persistent_tt must run before tensorize_tt");
    return nullptr;
  }

 private:
  static std::string first_line(const Stmt& s) {
    std::string text = print_stmt(s);
    return text.substr(0, text.find('\n'));
  }

  bool consumed_by_a_plan(const StmtNode* s) const {
    return find([&](const GemmPlan& p) { return p.consumes(s); }) != nullptr;
  }

  const GemmPlan* find(const std::function<bool(const GemmPlan&)>& match) const {
    for (const GemmPlan& p : plans_) {
      if (match(p)) return &p;
    }
    return nullptr;
  }

  Context& ctx_;
  const std::vector<GemmPlan>& plans_;
  EltwiseState eltwise_;
  CbReads reads_;
  std::map<const StmtNode*, Stmt> streamed_;  // streamed_reductions()
  std::set<std::string> streamed_outputs_;    // streamed_outputs()
};

}  // namespace

bool tensorize_tt(Module& module, const PassContext& ctx, DiagnosticList& diags) {
  Context c{module, ctx.device, diags};
  for (PrimFunc& f : module.funcs) {
    // Vectors: every producer and user must agree on the axis their values lie along (tile_vectors.h).
    if (!check_vector_axes(f.body, diags)) return false;
    const std::vector<GemmPlan> plans = plan_gemms(c, f.body);
    if (c.failed) return false;
    const GemmPlan* plan = plans.empty() ? nullptr : &plans.front();
    Rewriter rewriter(c, plans, f.body);
    Stmt body = rewriter.mutate(f.body);
    if (c.failed) return false;
    const bool block_readers =
        std::any_of(plans.begin(), plans.end(), [](const GemmPlan& p) { return p.packed_in_place; });
    if (plan && rewriter.eltwise().started && !block_readers) {
      c.error(f.span,
              "element-wise maps in a kernel with a T.gemm, other than epilogues of its accumulator, are not "
              "lowered for Tenstorrent yet",
              DiagnosticCategory::Unsupported);
      return false;
    }
    if (plan) {
      // The hardware startup configures unpack/math/pack once, before the compute kernel's first block.
      std::vector<Stmt> stmts = lower_matmul_startup(*plan);
      if (body && body->kind == StmtKind::Seq) {
        for (const Stmt& s : as<SeqNode>(body)->stmts) stmts.push_back(s);
      } else if (body) {
        stmts.push_back(body);
      }
      body = seq(std::move(stmts), f.body ? f.body->span : SourceSpan{});
    }
    // The ones tiles that reductions and vector broadcasts read are made once, before the first block.
    OnesTiles ones = ones_tiles(c, f.body);
    if (c.failed) return false;
    if (!ones.make.empty()) {
      std::vector<Stmt> stmts = std::move(ones.make);
      if (body) stmts.push_back(body);
      for (Stmt& s : ones.release) stmts.push_back(std::move(s));
      body = seq(std::move(stmts), f.body ? f.body->span : SourceSpan{});
    }
    // Mask tiles (per-tile masks) are filled once and stay at the front of their CB for the whole kernel.
    std::vector<Stmt> before, after;
    mask_tile_setup(plans, before, after);
    if (!before.empty()) {
      std::vector<Stmt> stmts = std::move(before);
      stmts.push_back(body);
      for (Stmt& s : after) stmts.push_back(std::move(s));
      body = seq(std::move(stmts), body->span);
    }
    // Element-wise ops carry no init: this step inserts startup, inits and reconfigurations where the state changes.
    f.body = insert_compute_state(c, body);
  }
  return !c.failed;
}

}  // namespace tt::passes
