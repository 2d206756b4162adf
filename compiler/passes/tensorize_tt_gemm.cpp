// tensorize_tt, gemm lowering: matmul_tiles with DST accumulation across the reduction loop, sub-blocked
// with partials spilled to and reloaded from the accumulator's CB when the block exceeds DST.
#include "compiler/passes/tensorize_tt_lowering.h"

namespace tt::passes::tensorize {

using namespace ir;

namespace {

Stmt call(TTIntrinsic op, std::vector<Expr> args, SourceSpan span) { return tt_call(op, std::move(args), span); }

// An If whose condition folded to a constant is just the taken branch.
Stmt make_if_folded(const Expr& cond, const Stmt& then_body, const Stmt& else_body, SourceSpan span) {
  if (const int64_t* v = as_int(cond)) return *v ? then_body : else_body;
  return make_if(cond, then_body, else_body, span);
}

// The step conditions over the reduction loops (constant true/false when there are none).
Expr combine(const GemmPlan& plan, BinaryOp op, int64_t none, const std::function<Expr(const ForNode*)>& term) {
  Expr out;
  for (const ForNode* l : plan.reduction_loops) out = out ? binary(op, out, term(l)) : term(l);
  return out ? out : int_imm(none);
}
Expr later_step(const GemmPlan& plan) {
  return combine(plan, BinaryOp::Or, 0, [](const ForNode* l) { return binary(BinaryOp::Gt, l->var, l->min); });
}
Expr last_step(const GemmPlan& plan) {
  return combine(plan, BinaryOp::And, 1, [](const ForNode* l) {
    return binary(BinaryOp::Eq, l->var, sub(add(l->min, l->extent), int_imm(1)));
  });
}

Expr transpose_flag(const GemmPlan& plan) { return int_imm(plan.transpose_b ? 1 : 0); }

// The broadcast operands' pages, waited for once per block after its last K step's operands (the reader pushes them
// after those).
std::vector<Stmt> epilogue_waits(const GemmPlan& plan, SourceSpan span) {
  std::vector<Stmt> out;
  for (const auto& [cb, pages] : broadcast_cbs(plan.epilogue)) {
    out.push_back(call(TTIntrinsic::CbWaitFront, {cb, int_imm(pages)}, span));
  }
  return out;
}

// The epilogue on the section's DST tiles; after a broadcast the unpacker and math engine go back to matmul.
std::vector<Stmt> epilogue_ops(const GemmPlan& plan, const DstTiles& tiles) {
  std::vector<Stmt> out;
  const SourceSpan span = plan.gemm->span;
  for (Stmt& s : apply_dst_ops(plan.epilogue, tiles)) out.push_back(std::move(s));
  if (needs_spare_dst(plan.epilogue)) {
    out.push_back(call(TTIntrinsic::MatmulInit, {plan.cb_a, plan.cb_b, transpose_flag(plan)}, span));
  }
  return out;
}

// The broadcast operands' pages are released once the block's epilogue ran.
std::vector<Stmt> epilogue_pops(const GemmPlan& plan, SourceSpan span) {
  std::vector<Stmt> out;
  for (const auto& [cb, pages] : broadcast_cbs(plan.epilogue)) {
    out.push_back(call(TTIntrinsic::CbPopFront, {cb, int_imm(pages)}, span));
  }
  return out;
}

// matmul_tiles over one sub-block: DST tile i * sn + j += A(row, kt) * B(kt, col), with the CB
// page of each operand tile as the reader laid it out (row-major over the copied region).
Stmt matmul_sub_block(const GemmPlan& plan, const Expr& sbi, const Expr& sbj, SourceSpan span) {
  const PackOrder& o = plan.order;
  return serial_loop("kt", plan.kt, [&](Expr kt) {
    return serial_loop("i", o.sm, [&](Expr i) {
      return serial_loop("j", o.sn, [&](Expr j) {
        Expr row = add(mul(sbi, int_imm(o.sm)), i);
        Expr col = add(mul(sbj, int_imm(o.sn)), j);
        Expr a_page = add(mul(row, int_imm(plan.kt)), kt);
        // B_shared is K x N, or N x K under transpose_B (then matmul_init's flag transposes each tile).
        Expr b_page = plan.transpose_b ? add(mul(col, int_imm(plan.kt)), kt) : add(mul(kt, int_imm(plan.nt)), col);
        Expr dst = add(mul(i, int_imm(o.sn)), j);
        return call(TTIntrinsic::MatmulTiles, {plan.cb_a, plan.cb_b, a_page, b_page, dst}, span);
      });
    });
  });
}

// copy_tile unpacks through srcA, which matmul left in B's format (in1 goes to srcA): switch it to the partials'
// format for the reload of `tiles` tiles into DST 0.., and back to matmul (and B's format) afterwards.
std::vector<Stmt> reload_partials(const GemmPlan& plan, int64_t tiles, SourceSpan span) {
  const Expr& partials = plan.cb_partials;
  std::vector<Stmt> reload = {call(TTIntrinsic::CopyTileInitWithDt, {plan.cb_b, partials}, span)};
  for (Stmt& s : reload_from_cb(partials, tiles, span)) reload.push_back(std::move(s));
  reload.push_back(call(TTIntrinsic::ReconfigDataFormatSrca, {partials, plan.cb_b}, span));
  reload.push_back(call(TTIntrinsic::MatmulInit, {plan.cb_a, plan.cb_b, transpose_flag(plan)}, span));
  return reload;
}

// One sub-block of one K step when the block exceeds DST: reload its partials (not on the first
// step), accumulate, then pack to the output CB on the last step or spill the partials otherwise.
Stmt spilled_sub_block(const GemmPlan& plan, const Expr& sbi, const Expr& sbj, SourceSpan span) {
  const int64_t tiles = plan.order.sm * plan.order.sn;
  const Expr& partials = plan.cb_partials;
  std::vector<Stmt> reload = partials ? reload_partials(plan, tiles, span) : std::vector<Stmt>{};
  Stmt pack = make_if_folded(last_step(plan), pack_to_cb(plan.cb_out, tiles, true, span),
                             partials ? pack_to_cb(partials, tiles, true, span) : nullptr, span);
  // The epilogue runs on the sub-block's final values: after the last K step's accumulation.
  const DstTiles at{plan.order.sm, plan.order.sn, mul(sbi, int_imm(plan.order.sm)), mul(sbj, int_imm(plan.order.sn)),
                    plan.cb_out};
  Stmt epilogue = plan.epilogue.empty()
                      ? nullptr
                      : make_if_folded(last_step(plan), stmt_block(epilogue_ops(plan, at)), nullptr, span);
  // Maps the loop applies before each accumulation (plan.carried) run on the reloaded (or zeroed) partials.
  // The first step starts from the accumulator's initial value: zero (DST after the acquire) or the mask's tiles.
  // A gemm continuing another's accumulation onto the same block starts from that gemm's result.
  Stmt initial = plan.continues ? stmt_block(reload_partials(plan, tiles, span))
                 : plan.mask    ? lower_mask_init(plan, sbi, sbj)
                                : nullptr;
  std::vector<Stmt> math = {make_if_folded(later_step(plan), stmt_block(std::move(reload)), initial, span)};
  for (Stmt& s : apply_dst_ops(plan.carried, at)) math.push_back(std::move(s));
  // A vector broadcast (unary_bcast) reprogrammed the unpacker and math engine: back to matmul (the state step puts
  // srcA/srcB back to the operands' formats).
  if (needs_spare_dst(plan.carried))
    math.push_back(call(TTIntrinsic::MatmulInit, {plan.cb_a, plan.cb_b, transpose_flag(plan)}, span));
  math.push_back(matmul_sub_block(plan, sbi, sbj, span));
  math.push_back(epilogue);
  return dst_section(std::move(math), pack, span);
}

}  // namespace

std::vector<Stmt> lower_matmul_startup(const GemmPlan& plan) {
  const SourceSpan span = plan.gemm->span;
  return {tt_call(TTIntrinsic::MatmulHwStartup, {plan.cb_a, plan.cb_b, plan.cb_out}, span),
          tt_call(TTIntrinsic::MatmulInit, {plan.cb_a, plan.cb_b, transpose_flag(plan)}, span)};
}

Stmt lower_gemm_step(const GemmPlan& plan) {
  SourceSpan span = plan.gemm->span;
  Expr a_tiles = int_imm(plan.mt * plan.kt), b_tiles = int_imm(plan.kt * plan.nt);
  Stmt compute;
  if (!plan.spill) {
    // The accumulator stays in DST across the reduction: the carried maps update it there before each step.
    compute = matmul_sub_block(plan, int_imm(0), int_imm(0), span);
    if (!plan.carried.empty()) {
      std::vector<Stmt> steps =
          apply_dst_ops(plan.carried, DstTiles{plan.mt, plan.nt, int_imm(0), int_imm(0), plan.cb_out});
      steps.push_back(compute);
      compute = stmt_block(std::move(steps));
    }
  } else {
    const PackOrder& o = plan.order;
    compute = serial_loop("sbi", o.mt / o.sm, [&](Expr sbi) {
      return serial_loop("sbj", o.nt / o.sn, [&](Expr sbj) { return spilled_sub_block(plan, sbi, sbj, span); });
    });
  }
  // Spilled sub-blocks each run the epilogue on their last K step: its vectors are waited for before the first and
  // released after the last one.
  std::vector<Stmt> waits = plan.spill ? epilogue_waits(plan, span) : std::vector<Stmt>{};
  std::vector<Stmt> pops = plan.spill ? epilogue_pops(plan, span) : std::vector<Stmt>{};
  return stmt_block(
      {plan.reinit ? call(TTIntrinsic::MatmulInit, {plan.cb_a, plan.cb_b, transpose_flag(plan)}, span) : nullptr,
       plan.pop_a_after || !plan.wait_a ? nullptr : call(TTIntrinsic::CbWaitFront, {plan.cb_a, a_tiles}, span),
       plan.pop_b_after || !plan.wait_b ? nullptr : call(TTIntrinsic::CbWaitFront, {plan.cb_b, b_tiles}, span),
       waits.empty() ? nullptr : make_if_folded(last_step(plan), stmt_block(std::move(waits)), nullptr, span), compute,
       plan.pop_a_after || !plan.pop_a ? nullptr : call(TTIntrinsic::CbPopFront, {plan.cb_a, a_tiles}, span),
       plan.pop_b_after || !plan.pop_b ? nullptr : call(TTIntrinsic::CbPopFront, {plan.cb_b, b_tiles}, span),
       pops.empty() ? nullptr : make_if_folded(last_step(plan), stmt_block(std::move(pops)), nullptr, span)});
}

Stmt wrap_reduction(const GemmPlan& plan, const Stmt& reduction) {
  SourceSpan span = plan.gemm->span;
  // DST starts zeroed after tile_regs_acquire (the packer clears it on release), which is what
  // the removed T.clear of the accumulator meant.
  // Several gemms pack into CBs of different formats (an fp16 operand of the next gemm, the output).
  std::vector<Stmt> math = {plan.continues ? stmt_block(reload_partials(plan, plan.mt * plan.nt, span))
                            : plan.mask   ? lower_mask_init(plan, int_imm(0), int_imm(0))
                                          : nullptr,
                            reduction};
  const DstTiles at{plan.mt, plan.nt, int_imm(0), int_imm(0), plan.cb_out};
  for (Stmt& s : epilogue_waits(plan, span)) math.push_back(std::move(s));
  for (Stmt& s : epilogue_ops(plan, at)) math.push_back(std::move(s));
  std::vector<Stmt> stmts = {
      dst_section(std::move(math), pack_to_cb(plan.cb_out, plan.mt * plan.nt, plan.reinit || plan.continues, span),
                  span)};
  for (Stmt& s : epilogue_pops(plan, span)) stmts.push_back(std::move(s));
  return stmt_block(std::move(stmts));
}

}  // namespace tt::passes::tensorize
