// tensorize_tt, reductions: T.reduce_sum / T.reduce_max of a whole 2-D on-chip block into a vector
// (tile_vectors.h), lowered to reduce_init<PoolType, ReduceDim> / reduce_tile / reduce_uninit
// (api/compute/reduce.h). Along dim 1 (REDUCE_ROW) each of the block's mt tile rows is one DST section that
// accumulates reduce_tile over its nt tiles and packs one tile of the column vector; along dim 0 (REDUCE_COL)
// each tile column gives one tile of the row vector; with clear=False the old vector tile is reloaded into DST
// first and pooled on top of. The scaler operand is the ones tile of the block's dtype:
// reduce_tile weighs each element by row 0 of the matching face of the scaler page, 1 for SUM and MAX.
// The ones tiles are made by the compute kernel itself, once, before its first block: fill_tile(1.0) and a pack.
// (tt-metal's readers build the scaler with generate_reduce_scaler (ttnn/cpp/ttnn/kernel/dataflow/
// generate_reduce_scaler.hpp @26ddcfdd): zeros read from MEM_ZEROS_BASE and the bf16 scaler written through
// an L1 pointer into row 0 of each face; the emulated data-movement API has neither, and an all-ones page is
// the same scaler for SUM and MAX, usable as a broadcast operand too.)
#include "compiler/ir/printer.h"
#include "compiler/ir/tt_metadata.h"
#include "compiler/passes/tensorize_tt_lowering.h"
#include "compiler/passes/tile_op_analysis.h"
#include "compiler/passes/tile_vectors.h"

namespace tt::passes::tensorize {

using namespace ir;

int64_t block_tiles(const DeviceModel& device, const BufferNode& buffer) {
  if (buffer.shape.size() == 1) return buffer.shape[0] / device.tile[0];
  return (buffer.shape[0] / device.tile[0]) * (buffer.shape[1] / device.tile[1]);
}

namespace {

struct ReduceOps {
  TTIntrinsic init, tile;
};
ReduceOps reduce_ops(ReduceKind kind, int dim) {
  const bool max = kind == ReduceKind::Max;
  if (dim == 1) {
    return max ? ReduceOps{TTIntrinsic::ReduceMaxRowInit, TTIntrinsic::ReduceMaxRowTile}
               : ReduceOps{TTIntrinsic::ReduceSumRowInit, TTIntrinsic::ReduceSumRowTile};
  }
  return max ? ReduceOps{TTIntrinsic::ReduceMaxColInit, TTIntrinsic::ReduceMaxColTile}
             : ReduceOps{TTIntrinsic::ReduceSumColInit, TTIntrinsic::ReduceSumColTile};
}

struct ReduceCbs {
  Expr src, dst, ones;
};

// The map that produces the source block, interleaved with the pooling (tile_vectors.h, streamed_reductions):
// per source tile k along dim, per vector tile v, the map's section packs tile t into the source's two-page ring,
// then a section reloads the vector tile's partial (unless it is the first, with clear=True), pools tile t onto it
// and packs it back (the vector CB as a ring: front page read and popped, new page pushed behind).
Stmt stream_reduce(Context& ctx, const ReduceNode& op, const MapParts& producer, const ReduceCbs& cb,
                   const ReduceOps& ops, bool first_waits) {
  const SourceSpan span = op.span;
  const Buffer& src = op.src.buffer;
  const int64_t mt = src->shape[0] / ctx.device.tile[0], nt = src->shape[1] / ctx.device.tile[1];
  const bool rows = op.dim == 1;
  const int64_t along = rows ? nt : mt;
  auto step = [&](const Expr& v, const Expr& k, bool first) -> Stmt {
    Expr t = rows ? add(mul(v, int_imm(nt)), k) : add(mul(k, int_imm(nt)), v);
    std::vector<Stmt> math;
    const bool reload = !first || !op.clear;
    if (reload && (!first || first_waits))
      math.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb.dst, int_imm(1)}, span));
    if (reload) math.push_back(tt_call(TTIntrinsic::CopyTile, {cb.dst, int_imm(0), int_imm(0)}, span));
    math.push_back(tt_call(ops.init, {cb.src, cb.ones, cb.dst}, span));
    math.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb.src, int_imm(1)}, span));
    math.push_back(tt_call(ops.tile, {cb.src, cb.ones, int_imm(0), int_imm(0), int_imm(0)}, span));
    math.push_back(tt_call(TTIntrinsic::CbPopFront, {cb.src, int_imm(1)}, span));
    if (reload) math.push_back(tt_call(TTIntrinsic::CbPopFront, {cb.dst, int_imm(1)}, span));
    return stmt_block({producer.section(t), dst_section(std::move(math), pack_to_cb(cb.dst, 1, false, span), span)});
  };
  // Step k of every vector tile before step k + 1 of any: the vector's CB then holds the partials in vector order,
  // so the front page is always the partial the next step reloads.
  const int64_t vector_tiles = rows ? mt : nt;
  std::vector<Stmt> steps = {serial_loop("v", vector_tiles, [&](Expr v) { return step(v, int_imm(0), true); })};
  if (along > 1) {
    steps.push_back(serial_loop("k", along - 1, [&](Expr k) {
      return serial_loop("v", vector_tiles, [&](Expr v) { return step(v, add(k, int_imm(1)), false); });
    }));
  }
  Stmt pooled = stmt_block(std::move(steps));
  if (ctx.failed) return nullptr;
  std::vector<Stmt> stmts = producer.before;
  stmts.push_back(pooled);
  stmts.push_back(tt_call(TTIntrinsic::ReduceUninit, {}, span));
  for (const Stmt& s : producer.after) stmts.push_back(s);
  return stmt_block(std::move(stmts));
}

bool whole(const Region& r) {
  if (r.extents != r.buffer->shape) return false;
  for (const Expr& s : r.starts) {
    if (!is_zero_imm(s)) return false;
  }
  return true;
}

}  // namespace

Stmt lower_reduce(Context& ctx, const EltwiseState& state, const ReduceNode& op, const MapParts* producer) {
  const Buffer& src = op.src.buffer;
  const Buffer& dst = op.dst.buffer;
  const SourceSpan span = op.span;
  const std::string text = print_stmt(make_reduce(op.reduce_kind, op.src, op.dst, op.dim, op.clear));
  const std::string what = "'" + text.substr(0, text.find('\n')) + "' is not lowered for Tenstorrent: ";
  const std::vector<int64_t>& tile = ctx.device.tile;
  if (src->scope != MemScope::CircularBuffer || dst->scope != MemScope::CircularBuffer || !whole(op.src) ||
      !whole(op.dst) || src->shape.size() != 2 || dst->shape.size() != 1 || src->shape[0] % tile[0] != 0 ||
      src->shape[1] % tile[1] != 0) {
    ctx.error(span, what + "it must reduce a whole 2-D on-chip block of whole tiles into a whole on-chip vector",
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  const int64_t kept = src->shape[op.dim == 1 ? 0 : 1];
  if (dst->shape[0] != kept) {
    ctx.error(span, what + "reducing " + src->name + " " + format_dims(src->shape) + " along dim " +
                        std::to_string(op.dim) + " gives " + std::to_string(kept) + " values, " + dst->name + " has " +
                        std::to_string(dst->shape[0]));
    return nullptr;
  }
  if (!dtype_is_float(src->dtype) || !dtype_is_float(dst->dtype)) {
    ctx.error(span, what + "reduce_tile pools floating-point tiles", DiagnosticCategory::Unsupported);
    return nullptr;
  }
  if (state.written_to_global.count(dst->name)) {
    ctx.error(span, what + "the vector " + dst->name + " is copied to global memory (1-D outputs are not lowered yet)",
              DiagnosticCategory::Unsupported);
    return nullptr;
  }
  Expr cb_src = resolve_cb(ctx, src->name, span, "source of " + text);
  Expr cb_dst = resolve_cb(ctx, dst->name, span, "destination of " + text);
  Expr cb_ones = resolve_cb(ctx, ones_tile_cb(src->dtype), span, "scaler of " + text);
  if (!cb_src || !cb_dst || !cb_ones) return nullptr;

  const int64_t mt = src->shape[0] / tile[0], nt = src->shape[1] / tile[1];
  const std::optional<PreparedReduction> prepared = prepared_reduction(op);
  const ReduceOps ops = reduce_ops(prepared ? prepared->pool : op.reduce_kind, op.dim);
  const bool vector_waits = !state.reads || state.reads->waits(&op, dst->name);
  if (producer) return stream_reduce(ctx, op, *producer, ReduceCbs{cb_src, cb_dst, cb_ones}, ops, vector_waits);
  if (prepared) {
    // The prepared copy (-x or |x|) is the producer, streamed through its ring; min negates the vector around it.
    Expr cb_prepared = resolve_cb(ctx, prepared->cb, span, "prepared copy of " + src->name + " for " + text);
    if (!cb_prepared) return nullptr;
    MapParts copy;
    copy.tiles = mt * nt;
    copy.out_cb = prepared->cb;
    if (!state.reads || state.reads->waits(&op, src->name))
      copy.before.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb_src, int_imm(mt * nt)}, span));
    if (!state.reads || state.reads->pops(&op, src->name))
      copy.after.push_back(tt_call(TTIntrinsic::CbPopFront, {cb_src, int_imm(mt * nt)}, span));
    const TTIntrinsic prepare = sfpu_unary(prepared->prepare)->apply;
    copy.section = [=](Expr t) {
      return dst_section(
          {tt_call(TTIntrinsic::CopyTile, {cb_src, t, int_imm(0)}, span), tt_call(prepare, {int_imm(0)}, span)},
          pack_to_cb(cb_prepared, 1, false, span), span);
    };
    // -v in place, one vector tile at a time (front page read and popped, the negated page pushed behind it).
    auto negate = [&](bool wait_all) {
      return serial_loop("v", block_tiles(ctx.device, *dst), [&](Expr) {
        std::vector<Stmt> math;
        if (wait_all) math.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb_dst, int_imm(1)}, span));
        math.push_back(tt_call(TTIntrinsic::CopyTile, {cb_dst, int_imm(0), int_imm(0)}, span));
        math.push_back(tt_call(sfpu_unary(UnaryOp::Neg)->apply, {int_imm(0)}, span));
        math.push_back(tt_call(TTIntrinsic::CbPopFront, {cb_dst, int_imm(1)}, span));
        return dst_section(std::move(math), pack_to_cb(cb_dst, 1, false, span), span);
      });
    };
    std::vector<Stmt> stmts;
    const bool negate_old = prepared->negate_result && !op.clear;
    if (negate_old) stmts.push_back(negate(vector_waits));
    stmts.push_back(
        stream_reduce(ctx, op, copy, ReduceCbs{cb_prepared, cb_dst, cb_ones}, ops, negate_old || vector_waits));
    if (prepared->negate_result) stmts.push_back(negate(true));
    if (ctx.failed) return nullptr;
    return stmt_block(std::move(stmts));
  }
  // Along dim 1 vector tile v is tile row v (pages v * nt + k); along dim 0 tile column v (pages k * nt + v).
  const bool rows = op.dim == 1;
  Stmt init = tt_call(ops.init, {cb_src, cb_ones, cb_dst}, span);
  Stmt sections = serial_loop("v", rows ? mt : nt, [&](Expr v) {
    Stmt pool = serial_loop("k", rows ? nt : mt, [&](Expr k) {
      Expr page = rows ? add(mul(v, int_imm(nt)), k) : add(mul(k, int_imm(nt)), v);
      return tt_call(ops.tile, {cb_src, cb_ones, page, int_imm(0), int_imm(0)}, span);
    });
    if (op.clear) return dst_section({pool}, pack_to_cb(cb_dst, 1, false, span), span);
    // clear=False: the old vector tile is unpacked into DST first and reduce_tile pools on top of it (it
    // accumulates into DST). The vector is updated in place like a map's ring: its front page is read and popped,
    // the new page pushed behind it; the copy needs the unpacker in copy mode, so the init follows it.
    std::vector<Stmt> math;
    if (!state.reads || state.reads->waits(&op, dst->name))
      math.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb_dst, int_imm(1)}, span));
    math.push_back(tt_call(TTIntrinsic::CopyTile, {cb_dst, int_imm(0), int_imm(0)}, span));
    math.push_back(init);
    math.push_back(pool);
    math.push_back(tt_call(TTIntrinsic::CbPopFront, {cb_dst, int_imm(1)}, span));
    return dst_section(std::move(math), pack_to_cb(cb_dst, 1, false, span), span);
  });
  std::vector<Stmt> stmts;
  if (!state.reads || state.reads->waits(&op, src->name))
    stmts.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb_src, int_imm(mt * nt)}, span));
  if (op.clear) stmts.push_back(init);
  stmts.push_back(sections);
  stmts.push_back(tt_call(TTIntrinsic::ReduceUninit, {}, span));
  if (!state.reads || state.reads->pops(&op, src->name)) {
    stmts.push_back(tt_call(TTIntrinsic::CbPopFront, {cb_src, int_imm(mt * nt)}, span));
  }
  return stmt_block(std::move(stmts));
}

OnesTiles ones_tiles(Context& ctx, const Stmt& body) {
  OnesTiles out;
  for (DataType dtype : ones_tile_dtypes(body)) {
    Expr cb = resolve_cb(ctx, ones_tile_cb(dtype), body->span, "the ones tile of " + std::string(dtype_name(dtype)));
    if (!cb) return {};
    out.make.push_back(dst_section({tt_call(TTIntrinsic::FillTile, {int_imm(0), float_imm(1.0)}, body->span)},
                                   pack_to_cb(cb, 1, false, body->span), body->span));
    out.make.push_back(tt_call(TTIntrinsic::CbWaitFront, {cb, int_imm(1)}, body->span));
    out.release.push_back(tt_call(TTIntrinsic::CbPopFront, {cb, int_imm(1)}, body->span));
  }
  return out;
}

}  // namespace tt::passes::tensorize
