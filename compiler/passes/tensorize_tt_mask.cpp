// tensorize_tt, per-tile masks (tile_mask.h): a gemm accumulator initialised by a mask whose condition is linear in
// the block's row and column. With the edge on the tile grid every DST tile is uniform or the one mixed tile, so the
// compute kernel picks per tile, at run time, a fill, nothing (0: DST starts zeroed) or a copy of the mixed tile
// from the CB the reader filled once; the matmul then accumulates on top, as T.gemm does onto acc_s.
#include <cmath>

#include "compiler/passes/tensorize_tt_lowering.h"

namespace tt::passes::tensorize {

using namespace ir;

namespace {

// The value of a uniform tile in DST: nothing when it is 0 (DST starts zeroed after the acquire).
Stmt fill(double value, const Expr& dst, SourceSpan span) {
  if (value == 0.0) return nullptr;
  return tt_call(TTIntrinsic::FillTile, {dst, float_imm(value)}, span);
}

// `if (cond) then else otherwise` with null branches dropped (`!cond` spelled as the complementary comparison).
Stmt branch(const Expr& pos, const Expr& neg, BinaryOp op, BinaryOp complement, const Stmt& then_body,
            const Stmt& else_body, SourceSpan span) {
  if (!then_body && !else_body) return nullptr;
  if (!then_body) return make_if(binary(complement, pos, neg), else_body, nullptr, span);
  return make_if(binary(op, pos, neg), then_body, else_body, span);
}

}  // namespace

Stmt lower_mask_init(const GemmPlan& plan, const Expr& sbi, const Expr& sbj) {
  const TileMask& m = *plan.mask;
  const SourceSpan span = plan.clear_stmt->span;
  const PackOrder& o = plan.order;
  Stmt tiles = serial_loop("mi", o.sm, [&](Expr i) {
    return serial_loop("mj", o.sn, [&](Expr j) {
      const Expr ti = add(mul(sbi, int_imm(o.sm)), i), tj = add(mul(sbj, int_imm(o.sn)), j);
      const Expr dst = add(mul(i, int_imm(o.sn)), j);
      auto [pos, neg] = m.offset_of_tile(ti, tj);
      // G = pos - neg: all true_value when G >= -lo, all false_value when G + hi < 0, else the mixed tile.
      Stmt mixed = m.partial ? tt_call(TTIntrinsic::CopyTile, {plan.cb_mask, int_imm(0), dst}, span)
                             : fill(m.false_value, dst, span);
      Stmt not_true = m.partial ? branch(add(pos, int_imm(m.hi)), neg, BinaryOp::Lt, BinaryOp::Ge,
                                         fill(m.false_value, dst, span), mixed, span)
                                : mixed;
      return branch(pos, add(neg, int_imm(-m.lo)), BinaryOp::Ge, BinaryOp::Lt, fill(m.true_value, dst, span), not_true,
                    span);
    });
  });
  // copy_tile leaves the unpacker and math engine in copy mode: the matmul that accumulates next re-inits (a gemm
  // among several re-inits at the start of each step anyway, unless it is sub-blocked: then per sub-block here).
  return stmt_block(
      {tiles, m.partial && (plan.spill || !plan.reinit)
                  ? tt_call(TTIntrinsic::MatmulInit, {plan.cb_a, plan.cb_b, int_imm(plan.transpose_b ? 1 : 0)}, span)
                  : nullptr});
}

void mask_tile_setup(const std::vector<GemmPlan>& plans, std::vector<Stmt>& before, std::vector<Stmt>& after) {
  for (const GemmPlan& p : plans) {
    if (!p.mask || !p.mask->partial) continue;
    const TileMask& m = *p.mask;
    const SourceSpan span = p.clear_stmt->span;
    before.push_back(tt_call(TTIntrinsic::CbReserveBack, {p.cb_mask, int_imm(1)}, span));
    before.push_back(tt_call(TTIntrinsic::FillMaskPage,
                             {p.cb_mask, int_imm(0), float_imm(m.true_value), float_imm(m.false_value), int_imm(m.a),
                              int_imm(m.b), int_imm(*m.partial)},
                             span));
    before.push_back(tt_call(TTIntrinsic::CbPushBack, {p.cb_mask, int_imm(1)}, span));
    before.push_back(tt_call(TTIntrinsic::CbWaitFront, {p.cb_mask, int_imm(1)}, span));
    after.push_back(tt_call(TTIntrinsic::CbPopFront, {p.cb_mask, int_imm(1)}, span));
  }
}

}  // namespace tt::passes::tensorize
