// tensorize_tt, DST sections: the acquire/commit/wait/release bracket, packing DST tiles to a CB and
// reloading spilled partials, shared by every tile-op lowering (the gemm today).
#include <algorithm>

#include "compiler/ir/printer.h"
#include "compiler/passes/tensorize_tt_lowering.h"

namespace tt::passes::tensorize {

using namespace ir;

Stmt stmt_block(std::vector<Stmt> stmts) {
  std::erase(stmts, nullptr);
  return seq(std::move(stmts));
}

Stmt dst_section(std::vector<Stmt> math, const Stmt& pack, SourceSpan span) {
  std::vector<Stmt> stmts = {tt_call(TTIntrinsic::TileRegsAcquire, {}, span)};
  for (Stmt& s : math) stmts.push_back(std::move(s));
  stmts.push_back(tt_call(TTIntrinsic::TileRegsCommit, {}, span));
  stmts.push_back(tt_call(TTIntrinsic::TileRegsWait, {}, span));
  stmts.push_back(pack);
  stmts.push_back(tt_call(TTIntrinsic::TileRegsRelease, {}, span));
  return stmt_block(std::move(stmts));
}

Stmt pack_to_cb(const Expr& cb, int64_t tiles, bool reconfig, SourceSpan span) {
  return stmt_block({tt_call(TTIntrinsic::CbReserveBack, {cb, int_imm(tiles)}, span),
                     reconfig ? tt_call(TTIntrinsic::PackReconfigDataFormat, {cb}, span) : nullptr,
                     serial_loop("t", tiles,
                                 [&](Expr t) {
                                   return tt_call(TTIntrinsic::PackTile, {t, cb}, span);
                                 }),
                     tt_call(TTIntrinsic::CbPushBack, {cb, int_imm(tiles)}, span)});
}

std::vector<Stmt> reload_from_cb(const Expr& cb, int64_t tiles, SourceSpan span) {
  return {tt_call(TTIntrinsic::CbWaitFront, {cb, int_imm(tiles)}, span),
          serial_loop("t", tiles,
                      [&](Expr t) {
                        return tt_call(TTIntrinsic::CopyTile, {cb, t, t}, span);
                      }),
          tt_call(TTIntrinsic::CbPopFront, {cb, int_imm(tiles)}, span)};
}

bool needs_spare_dst(const std::vector<DstOp>& ops) {
  return std::any_of(ops.begin(), ops.end(), [](const DstOp& op) { return op.bcast_cb != nullptr; });
}

std::vector<std::pair<Expr, int64_t>> broadcast_cbs(const std::vector<DstOp>& ops) {
  std::vector<std::pair<Expr, int64_t>> cbs;
  for (const DstOp& op : ops) {
    if (!op.bcast_cb) continue;
    const bool seen = std::any_of(cbs.begin(), cbs.end(), [&](const auto& cb) {
      return as<CBRefNode>(cb.first)->index == as<CBRefNode>(op.bcast_cb)->index;
    });
    if (!seen) cbs.push_back({op.bcast_cb, op.bcast_pages});
  }
  return cbs;
}

namespace {

// DST[t] = DST[t] op vector for every tile t of the section: the vector's tile lined up with t (its column's tile of
// a row vector, its row's of a column vector) broadcast into the spare tile first.
Stmt apply_broadcast_op(const DstOp& op, const DstTiles& tiles) {
  const SourceSpan span = op.span;
  const Expr spare = int_imm(tiles.count());
  const TTIntrinsic init = op.bcast_row ? TTIntrinsic::UnaryBcastRowInit : TTIntrinsic::UnaryBcastColInit;
  const TTIntrinsic bcast = op.bcast_row ? TTIntrinsic::UnaryBcastRow : TTIntrinsic::UnaryBcastCol;
  const TTIntrinsic uninit = op.bcast_row ? TTIntrinsic::UnaryBcastRowUninit : TTIntrinsic::UnaryBcastColUninit;
  Stmt per_tile = serial_loop("i", tiles.rows, [&](Expr i) {
    return serial_loop("j", tiles.cols, [&](Expr j) {
      const Expr t = add(mul(i, int_imm(tiles.cols)), j);
      const Expr page = op.bcast_row ? add(tiles.col0, j) : add(tiles.row0, i);
      return stmt_block(
          {tt_call(bcast, {op.bcast_cb, page, spare}, span),
           tt_call(op.apply, op.reversed ? std::vector<Expr>{spare, t, t} : std::vector<Expr>{t, spare, t}, span)});
    });
  });
  return stmt_block({tt_call(init, {op.bcast_cb, tiles.out_cb}, span), per_tile, tt_call(uninit, {op.bcast_cb}, span)});
}

}  // namespace

std::vector<Stmt> apply_dst_ops(const std::vector<DstOp>& ops, const DstTiles& tiles) {
  std::vector<Stmt> stmts;
  for (const DstOp& op : ops) {
    if (op.bcast_cb) {
      stmts.push_back(apply_broadcast_op(op, tiles));
      continue;
    }
    stmts.push_back(serial_loop("t", tiles.count(), [&](Expr t) {
      std::vector<Expr> args = {t};
      if (op.param) args.push_back(op.param);
      return tt_call(op.apply, std::move(args), op.span);
    }));
  }
  return stmts;
}

std::optional<double> constant_value(const Expr& e) { return numeric_constant(e); }

bool is_zero_imm(const Expr& e) {
  std::optional<double> v = constant_value(e);
  return v && *v == 0.0;
}

bool unsupported_eltwise(Context& ctx, const Expr& e, SourceSpan fallback, const std::string& statement,
                         const std::string& why) {
  ctx.error(e->span.valid() ? e->span : fallback,
            "element-wise '" + print_expr(e) + "' in '" + statement + "' is not lowered for Tenstorrent: " + why,
            DiagnosticCategory::Unsupported);
  return false;
}

}  // namespace tt::passes::tensorize
