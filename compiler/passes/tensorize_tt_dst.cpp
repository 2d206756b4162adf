// tensorize_tt, DST sections: the acquire/commit/wait/release bracket, packing DST tiles to a CB and
// reloading spilled partials, shared by every tile-op lowering (the gemm today).
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

std::vector<Stmt> apply_dst_ops(const std::vector<DstOp>& ops, int64_t tiles) {
  std::vector<Stmt> stmts;
  for (const DstOp& op : ops) {
    stmts.push_back(serial_loop("t", tiles, [&](Expr t) {
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
